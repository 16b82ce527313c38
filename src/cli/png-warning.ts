// The one warning of a command that wrote a report without its PNG charts because the optional packages that draw
// them cannot be loaded (a project that installed sqs-sim as a dependency has none until it asks). Not a failure:
// everything else is written, report.html draws the same charts in the browser, and the PNGs can be added later.
import { pngRendererProblem } from "../report/render-png.js";
import { shellQuote } from "../plan/suggested-sweep.js";
import { type CliIo } from "./io.js";
import { displayPath } from "./paths.js";

/**
 * Prints the warning if the PNGs could not be drawn. `then` says what draws them once the package is installed
 * (redrawIn(dir) for a run or a sweep). Silent with --quiet, as the other notes of a command that succeeded are:
 * report.md says the same in the directory.
 */
export function warnIfPngsNotDrawn(io: CliIo, then: string, quiet: boolean | undefined): void {
  if (quiet) return;
  const problem = pngRendererProblem();
  if (problem === null) return;
  io.stderr(
    `sqs-sim: warning: the charts were not drawn as PNG images (charts/*.png): the optional package ` +
      `chartjs-node-canvas cannot be loaded (${problem}); report.html has the same charts, drawn in the browser. ` +
      `To get the images: npm install chartjs-node-canvas, then ${then}.\n`,
  );
}

/** `sqs-sim report <dir>`, quoted for a shell: it draws a run's or a finished sweep's report again in place. */
export function redrawIn(dir: string, io: CliIo): string {
  return `\`sqs-sim report ${shellQuote(displayPath(dir, io.cwd))}\``;
}

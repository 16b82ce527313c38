// `sqs-sim run` and `validate` for a scenario in the architecture format (topics, named queues and pools): the same
// steps as the single-queue format's run (checks, output directory prepared first, atomic write), with the
// architecture's own files.
import { join } from "node:path";
import { architectureReportFiles, architectureRunData } from "../report/architecture-report.js";
import { architectureRunFiles } from "../report/architecture-files.js";
import { REPORT_FILE_NAMES } from "../report/layouts.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { architecturePreflight } from "../sim/architecture-preflight.js";
import { checkArchitecture, simulateArchitecture } from "../sim/simulate-architecture.js";
import { ExitCode } from "./exit-codes.js";
import { processHost } from "./host.js";
import { type CliIo } from "./io.js";
import { displayPath } from "./paths.js";
import { printProblems } from "./problems.js";
import { redrawIn, warnIfPngsNotDrawn } from "./png-warning.js";
import { architectureTerminalSummary } from "./architecture-terminal.js";
import { simulateAndWrite } from "./run-steps.js";

export interface ArchitectureRunOptions {
  out?: string;
  quiet?: boolean;
  json?: boolean;
  charts: boolean;
}

export function runArchitecture(a: Architecture, resolvedText: string, source: string, options: ArchitectureRunOptions, io: CliIo): ExitCode {
  const problems = architecturePreflight(a, processHost());
  if (problems.length > 0) {
    printProblems(
      io,
      problems.map((line) => `${source}: ${line}`),
    );
    return ExitCode.BadInput;
  }
  const run = simulateAndWrite(
    {
      name: a.name,
      durationSeconds: a.duration,
      source,
      simulate: (onProgress) => simulateArchitecture(a, { onProgress, host: processHost() }),
      files: (result) => [
        ...architectureRunFiles(result, resolvedText),
        ...(options.charts ? architectureReportFiles(architectureRunData(result, a, resolvedText)) : []),
      ],
    },
    options,
    io,
  );
  if (typeof run === "number") return run;
  const { result, outDir, wallSeconds } = run;
  if (options.json) io.stdout(JSON.stringify(result.summary, null, 2) + "\n");
  else if (!options.quiet) {
    const reportFile = options.charts ? displayPath(join(outDir, REPORT_FILE_NAMES.html), io.cwd) : null;
    io.stdout(architectureTerminalSummary(result.summary, displayPath(outDir, io.cwd), wallSeconds, reportFile));
  }
  if (options.charts) warnIfPngsNotDrawn(io, redrawIn(outDir, io), options.quiet);
  return ExitCode.Ok;
}

/** validate's verdict on an architecture: every problem run would refuse it for, before its first event. */
export function validateArchitecture(a: Architecture): string[] {
  return checkArchitecture(a, processHost());
}

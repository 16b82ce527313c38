// The steps `sqs-sim run` takes for either format once the scenario has passed its checks: the output directory
// prepared first (a path that cannot be written, or a directory of the user's, fails before a long run), the
// simulation under the progress bar, and the files written atomically. Refusals and failures become exit codes.
import { join, resolve } from "node:path";
import { type OutputFile, OutputWriteError, prepareDirectoryWrite } from "../report/atomic-dir.js";
import { RUN_LAYOUT } from "../report/layouts.js";
import { ScenarioRefusedError, SimulationError } from "../sim/simulation-error.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo } from "./io.js";
import { displayPath, outputLabel } from "./paths.js";
import { printProblems } from "./problems.js";
import { ProgressBar } from "./progress.js";

export interface RunStepOptions {
  out?: string;
  quiet?: boolean;
  json?: boolean;
}

export interface RunStepTarget<R> {
  /** The scenario's name (the default output directory, reports/<name>) and its simulated seconds (the progress bar). */
  name: string;
  durationSeconds: number;
  /** How problems name the scenario (its file). */
  source: string;
  simulate: (onProgress: (simulatedSeconds: number) => void) => R;
  files: (result: R) => OutputFile[];
}

/** Runs and writes; the result, where it was written and the wall time, or the exit code of what went wrong. */
export function simulateAndWrite<R>(
  target: RunStepTarget<R>,
  options: RunStepOptions,
  io: CliIo,
): { result: R; outDir: string; wallSeconds: number } | ExitCode {
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", target.name);
  // The output directory is checked and its staging directory made before simulating: a path that cannot be
  // written, or a directory of the user's, fails now and not after a long run.
  const prepared = prepareDirectoryWrite(outDir, RUN_LAYOUT, (path) => displayPath(path, io.cwd));
  if (!prepared.ok) {
    io.stderr(`sqs-sim: ${outputLabel(options.out)}${prepared.problem}\n`);
    return ExitCode.BadInput;
  }
  const output = prepared.write;
  if (!options.quiet) for (const note of output.notes) io.stderr(`sqs-sim: ${note}\n`);
  const now = io.now ?? (() => performance.now());
  const started = now();
  const progress = new ProgressBar({
    totalSeconds: target.durationSeconds,
    isTTY: io.stderrIsTTY === true && !options.quiet && !options.json,
    now,
    write: io.stderr,
  });
  let result: R;
  try {
    result = target.simulate((seconds) => progress.update(seconds));
  } catch (error) {
    output.abandon();
    if (error instanceof ScenarioRefusedError) {
      printProblems(
        io,
        error.message.split("\n").map((line) => `${target.source}: ${line}`),
      );
      return ExitCode.BadInput;
    }
    if (error instanceof SimulationError) {
      io.stderr(`sqs-sim: the simulation failed: ${error.message}\n`);
      return ExitCode.Failure;
    }
    throw error;
  } finally {
    progress.finish();
  }
  const wallSeconds = (now() - started) / 1000;
  try {
    output.commit(target.files(result));
  } catch (error) {
    output.abandon();
    if (!(error instanceof OutputWriteError)) throw error;
    io.stderr(`sqs-sim: ${error.message}\n`);
    return ExitCode.Failure;
  }
  return { result, outDir, wallSeconds };
}

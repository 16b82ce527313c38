// `sqs-sim run` and `validate` for a scenario in the architecture format (topics, named queues and pools): the same
// steps as the single-queue format's run (checks, output directory prepared first, atomic write), with the
// architecture's own files.
import { join, resolve } from "node:path";
import { OutputWriteError, prepareDirectoryWrite } from "../report/atomic-dir.js";
import { architectureReportFiles, architectureRunData } from "../report/architecture-report.js";
import { architectureRunFiles } from "../report/architecture-files.js";
import { REPORT_FILE_NAMES, RUN_LAYOUT } from "../report/layouts.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { architecturePreflight } from "../sim/architecture-preflight.js";
import { simulateArchitecture } from "../sim/simulate-architecture.js";
import { checkArchitecture } from "../sim/simulate-architecture.js";
import { ScenarioRefusedError, SimulationError } from "../sim/simulation-error.js";
import { ExitCode } from "./exit-codes.js";
import { processHost } from "./host.js";
import { type CliIo } from "./io.js";
import { displayPath, outputLabel } from "./paths.js";
import { printProblems } from "./problems.js";
import { redrawIn, warnIfPngsNotDrawn } from "./png-warning.js";
import { ProgressBar } from "./progress.js";
import { architectureTerminalSummary } from "./architecture-terminal.js";

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
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", a.name);
  const prepared = prepareDirectoryWrite(outDir, RUN_LAYOUT, (path) => displayPath(path, io.cwd));
  if (!prepared.ok) {
    io.stderr(`sqs-sim: ${outputLabel(options.out)}${prepared.problem}\n`);
    return ExitCode.BadInput;
  }
  const output = prepared.write;
  if (!options.quiet) for (const note of output.notes) io.stderr(`sqs-sim: ${note}\n`);
  const now = io.now ?? (() => performance.now());
  const started = now();
  const progress = new ProgressBar({ totalSeconds: a.duration, isTTY: io.stderrIsTTY === true && !options.quiet && !options.json, now, write: io.stderr });
  let result;
  try {
    result = simulateArchitecture(a, { onProgress: (seconds) => progress.update(seconds), host: processHost() });
  } catch (error) {
    output.abandon();
    if (error instanceof ScenarioRefusedError) {
      printProblems(
        io,
        error.message.split("\n").map((line) => `${source}: ${line}`),
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
    const report = options.charts ? architectureReportFiles(architectureRunData(result, a, resolvedText)) : [];
    output.commit([...architectureRunFiles(result, resolvedText), ...report]);
  } catch (error) {
    output.abandon();
    if (!(error instanceof OutputWriteError)) throw error;
    io.stderr(`sqs-sim: ${error.message}\n`);
    return ExitCode.Failure;
  }
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

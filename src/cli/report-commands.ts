// `sqs-sim report` and `sqs-sim compare`: reports drawn again from saved run directories, without simulating.
import { accessSync, constants, existsSync, readFileSync, realpathSync } from "node:fs";
import { readInputFile } from "../scenario/load.js";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  OutputWriteError,
  prepareDirectoryWrite,
  recoverOutput,
  removeOwnTempEntries,
  replaceEntries,
  type OutputFile,
  type PreparedWrite,
} from "../report/atomic-dir.js";
import { describeFsError, isFsError } from "../report/fs-errors.js";
import { type DirLayout, foreignWithin, inspectDir, wouldLose } from "../report/owned-dir.js";
import { MESSAGE_TRACE_FILE, RUN_DATA_FILES } from "../report/run-files.js";
import { COMPARISON_LAYOUT, PLATFORMS_FILE, PLATFORMS_LAYOUT, RUN_LAYOUT } from "../report/layouts.js";
import { type Platform, PLATFORMS } from "../report/platforms/platform-names.js";
import { type PlatformRun, platformsFiles } from "../report/platforms/platforms-files.js";
import { compareFiles, REPORT_FILE_NAMES, reportFiles, type ComparedRun } from "../report/report-files.js";
import { readSavedRun } from "../report/saved-run.js";
import { architectureReportFiles } from "../report/architecture-report.js";
import { ARCHITECTURE_DATA_FILES, isArchitectureRunDir, readSavedArchitectureRun } from "../report/architecture/saved-architecture-run.js";
import { architectureCompareFiles, type ComparedArchitectureRun } from "../report/architecture-compare-files.js";
import { architectureDifferences, differsLine, runDifferences, TERMINAL_DIFFERENCES } from "../report/scenario-diff.js";
import { isSweepDir, redrawSweepReport } from "../sweep/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo } from "./io.js";
import { displayPath, outputLabel } from "./paths.js";
import { redrawIn, warnIfPngsNotDrawn } from "./png-warning.js";

export interface ReportOptions {
  out?: string;
  quiet?: boolean;
}

/** Re-renders a run's charts, report.html and report.md, in place or into a copy of the run at --out. */
export function reportCommand(dir: string, options: ReportOptions, io: CliIo): ExitCode {
  // Through a symbolic link, the directory it leads to: that is what is read, checked and rewritten.
  const typed = resolve(io.cwd, dir);
  const runDir = existsSync(typed) ? realpathSync(typed) : typed;
  if (isSweepDir(runDir)) return sweepReportCommand(dir, runDir, options, io);
  if (existsSync(join(runDir, PLATFORMS_FILE))) return platformsReportCommand(dir, runDir, options, io);
  // A platform's run inside a compare-platforms directory: its report in place would make the directory one
  // compare-platforms no longer recognises as its own.
  if (
    options.out === undefined &&
    (PLATFORMS as readonly string[]).includes(basename(runDir)) &&
    inspectDir(dirname(runDir), PLATFORMS_LAYOUT).kind === "owned"
  ) {
    return badInput(io, `${dir} is a platform's run in a compare-platforms directory: draw its report elsewhere with --out <new-dir>`);
  }
  const show = (path: string): string => displayPath(path, io.cwd);
  // Drawing in place writes the run directory: first recover what a process killed while writing it left.
  if (options.out === undefined) {
    try {
      for (const note of recoverOutput(runDir, RUN_LAYOUT, show)) if (!options.quiet) io.stderr(`sqs-sim: ${note}\n`);
    } catch (error) {
      return badInput(io, `${dir}: cannot clear what an earlier process left there: ${describeFsError(error)}`);
    }
  }
  // An architecture run (topics, several queues and pools) has its own summary layout and report.
  const architecture = isArchitectureRunDir(runDir);
  const saved = architecture ? readSavedArchitectureRun(runDir, dir) : readSavedRun(runDir, dir, { messageTrace: true });
  if (!saved.ok) return badInput(io, saved.error);
  const draw = (): OutputFile[] => ("wiring" in saved.run ? architectureReportFiles(saved.run) : reportFiles(saved.run));
  if (options.out === undefined) return redrawInPlace(dir, runDir, draw, options, io);
  const outDir = resolve(io.cwd, options.out);
  if (overlaps(outDir, runDir)) return badInput(io, `--out: ${options.out} lies inside ${dir} or holds it; choose a directory apart from the run`);
  const prepared = prepareDirectoryWrite(outDir, null, show);
  if (!prepared.ok) return badInput(io, `--out: ${prepared.problem}`);
  const report = drawn(draw, dir);
  if (typeof report === "string") return abandoned(prepared.write, io, report);
  const traced = !architecture && existsSync(join(runDir, MESSAGE_TRACE_FILE)) ? [MESSAGE_TRACE_FILE] : [];
  const data = runDataFiles(runDir, dir, architecture ? ARCHITECTURE_DATA_FILES : [...Object.values(RUN_DATA_FILES), ...traced]);
  if (typeof data === "string") return abandoned(prepared.write, io, data);
  const written = committed(prepared.write, [...data, ...report], io, options.quiet);
  if (written !== ExitCode.Ok) return written;
  if (!options.quiet) io.stdout(`report: ${show(join(outDir, REPORT_FILE_NAMES.html))}\n`);
  warnIfPngsNotDrawn(io, redrawIn(outDir, io), options.quiet);
  return ExitCode.Ok;
}

// In place, only the report's own entries (charts/, report.html, report.md) are replaced, each in one rename: files
// the user keeps beside the run stay as they are, and a chart that is no longer drawn does not linger.
function redrawInPlace(
  dir: string,
  runDir: string,
  draw: () => OutputFile[],
  options: ReportOptions,
  io: CliIo,
  layout: DirLayout = RUN_LAYOUT,
  replaced: string[] = [REPORT_FILE_NAMES.chartsDir, REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.markdown],
): ExitCode {
  const state = inspectDir(runDir, layout);
  if (state.kind !== "owned") return badInput(io, state.kind === "unowned" ? state.problem.replaceAll(runDir, dir) : `${dir} is not ${layout.what}`);
  const lost = foreignWithin(state.foreign, replaced);
  const elsewhere = layout === RUN_LAYOUT ? ", or draw the report elsewhere with --out" : "";
  if (lost.length > 0) return badInput(io, wouldLose(dir, lost, layout.writer, "drawing its report again", elsewhere));
  try {
    accessSync(runDir, constants.W_OK);
  } catch (error) {
    return badInput(io, `${dir}: cannot write there: ${describeFsError(error)}`);
  }
  const removed = removeOwnTempEntries(runDir, layout);
  if (removed > 0 && !options.quiet)
    io.stderr(`sqs-sim: removed ${removed} temporary file${removed === 1 ? "" : "s"} from ${dir}, left by an sqs-sim process that ended while writing\n`);
  const report = drawn(draw, dir);
  if (typeof report === "string") return badInput(io, report);
  try {
    replaceEntries(runDir, replaced, report);
  } catch (error) {
    io.stderr(`sqs-sim: cannot write the report into ${dir}: ${describeFsError(error)}\n`);
    return ExitCode.Failure;
  }
  if (!options.quiet) io.stdout(`report: ${displayPath(join(runDir, REPORT_FILE_NAMES.html), io.cwd)}\n`);
  warnIfPngsNotDrawn(io, redrawIn(resolve(io.cwd, dir), io), options.quiet);
  return ExitCode.Ok;
}

/** A compare-platforms directory's report (and platforms.json), drawn again in place from its platforms' runs. */
function platformsReportCommand(dir: string, platformsDir: string, options: ReportOptions, io: CliIo): ExitCode {
  if (options.out !== undefined)
    return badInput(
      io,
      `--out: ${dir} is a comparison of platforms; its report is drawn again in place (give --out one platform's folder, ${join(dir, "ec2")}, for a copy of that run)`,
    );
  try {
    for (const note of recoverOutput(platformsDir, PLATFORMS_LAYOUT, (p) => displayPath(p, io.cwd))) if (!options.quiet) io.stderr(`sqs-sim: ${note}\n`);
  } catch (error) {
    return badInput(io, `${dir}: cannot clear what an earlier process left there: ${describeFsError(error)}`);
  }
  // The platforms the comparison ran, as its platforms.json lists them: each one's run must be there, and a folder
  // copied in since is not drawn into it.
  const listed = platformsListed(platformsDir);
  if (listed === null) return badInput(io, `${join(dir, PLATFORMS_FILE)} is not one compare-platforms wrote (it lists no platforms' runs)`);
  const runs: PlatformRun[] = [];
  for (const platform of listed) {
    const saved = readSavedRun(join(platformsDir, platform), join(dir, platform));
    if (!saved.ok) return badInput(io, `${saved.error} (${join(dir, PLATFORMS_FILE)} lists ${platform}'s run there)`);
    runs.push({ platform, run: saved.run });
  }
  const replaced = [REPORT_FILE_NAMES.chartsDir, REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.markdown, PLATFORMS_FILE];
  return redrawInPlace(dir, platformsDir, () => platformsFiles(runs), options, io, PLATFORMS_LAYOUT, replaced);
}

/** The platforms a compare-platforms directory's platforms.json lists, in the platforms' order; null when it lists none. */
function platformsListed(platformsDir: string): Platform[] | null {
  let runs: unknown;
  try {
    runs = (JSON.parse(readFileSync(join(platformsDir, PLATFORMS_FILE), "utf8")) as { runs?: unknown }).runs;
  } catch {
    return null;
  }
  if (typeof runs !== "object" || runs === null) return null;
  const listed = PLATFORMS.filter((p) => Object.hasOwn(runs as object, p));
  return listed.length === 0 ? null : listed;
}

/** A sweep's report, drawn again in place from its cell files. */
function sweepReportCommand(dir: string, sweepDir: string, options: ReportOptions, io: CliIo): ExitCode {
  if (options.out !== undefined)
    return badInput(io, `--out: ${dir} is a sweep; its report is drawn again in place (copy the directory first to keep the old one)`);
  let outcome;
  try {
    outcome = redrawSweepReport(sweepDir);
  } catch (error) {
    if (!isFsError(error)) throw error;
    io.stderr(`sqs-sim: cannot write the report into ${dir}: ${describeFsError(error)}\n`);
    return ExitCode.Failure;
  }
  if (outcome.status === "refused") return badInput(io, outcome.message.replaceAll(sweepDir, dir));
  if (!options.quiet) io.stdout(`report: ${displayPath(outcome.report, io.cwd)}\n`);
  warnIfPngsNotDrawn(io, redrawIn(resolve(io.cwd, dir), io), options.quiet);
  return ExitCode.Ok;
}

/** Writes a comparison of two or more saved runs into its own directory: single-queue runs, or architecture runs. */
export function compareCommand(dirs: string[], options: ReportOptions, io: CliIo): ExitCode {
  if (dirs.length < 2) return badInput(io, "compare needs at least two run directories");
  const runDirs = dirs.map((d) => resolve(io.cwd, d));
  const labels = directoryLabels(runDirs);
  const runs: ComparedRun[] = [];
  const architectures: ComparedArchitectureRun[] = [];
  const errors: string[] = [];
  dirs.forEach((dir, i) => {
    // An architecture run's summary has another layout (per topic, queue and pool), and its own comparison.
    if (isArchitectureRunDir(runDirs[i]!)) {
      const saved = readSavedArchitectureRun(runDirs[i]!, dir);
      if (saved.ok) architectures.push({ label: labels[i]!, directory: runDirs[i]!, run: saved.run });
      else errors.push(saved.error);
      return;
    }
    const saved = readSavedRun(runDirs[i]!, dir);
    if (saved.ok) runs.push({ label: labels[i]!, directory: runDirs[i]!, run: saved.run });
    else errors.push(saved.error);
  });
  // Every directory that cannot be read is named at once, not one per attempt.
  if (errors.length > 0) return badInput(io, errors.join("\nsqs-sim: "));
  if (runs.length > 0 && architectures.length > 0) {
    const single = dirs[runDirs.indexOf(runs[0]!.directory)]!;
    const architecture = dirs[runDirs.indexOf(architectures[0]!.directory)]!;
    return badInput(
      io,
      `${architecture} is a run of the architecture format (topics, queues, pools) and ${single} a single-queue run: compare runs of one format`,
    );
  }
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", comparisonDirName(labels));
  const clash = dirs.find((_, i) => overlaps(runDirs[i]!, outDir));
  const show = (path: string): string => displayPath(path, io.cwd);
  if (clash !== undefined) return badInput(io, `--out: ${show(outDir)} would replace or hold the run directory ${clash}; choose another directory`);
  const prepared = prepareDirectoryWrite(outDir, COMPARISON_LAYOUT, show);
  if (!prepared.ok) return badInput(io, `${outputLabel(options.out)}${prepared.problem}`);
  const files = drawn(() => (architectures.length > 0 ? architectureCompareFiles(architectures) : compareFiles(runs)), dirs.join(", "));
  if (typeof files === "string") return abandoned(prepared.write, io, files);
  const written = committed(prepared.write, files, io, options.quiet);
  if (written !== ExitCode.Ok) return written;
  if (!options.quiet) {
    const diffs = architectures.length > 0 ? architectureDifferences(architectures.map((a) => a.run)) : runDifferences(runs.map((r) => r.run));
    io.stdout(`differs: ${differsLine(diffs, TERMINAL_DIFFERENCES)}\n`);
    io.stdout(`comparison: ${show(join(outDir, REPORT_FILE_NAMES.html))}\n`);
  }
  warnIfPngsNotDrawn(io, "compare the runs again", options.quiet);
  return ExitCode.Ok;
}

/**
 * Labels that tell runs apart: each directory's name, with as many parent folders as it takes where names repeat
 * (`a/run`, `b/run`), and a position where the same directory is given twice.
 */
export function directoryLabels(dirs: readonly string[]): string[] {
  const parts = dirs.map((d) =>
    resolve(d)
      .split(sep)
      .filter((p) => p !== ""),
  );
  const depth = dirs.map(() => 1);
  for (;;) {
    const labels = parts.map((p, i) => p.slice(-depth[i]!).join("/"));
    const clashing = labels.map((l) => labels.indexOf(l) !== labels.lastIndexOf(l));
    if (!clashing.includes(true)) return labels;
    let grew = false;
    clashing.forEach((c, i) => {
      if (c && depth[i]! < parts[i]!.length) {
        depth[i]!++;
        grew = true;
      }
    });
    if (!grew) return labels.map((l, i) => (clashing[i] ? `${l} #${i + 1}` : l));
  }
}

const NAMED_IN_DIR = 3;
const LABEL_CHARS_IN_DIR = 24;

/** `compare-a-vs-b`, from the first three labels (`…-and-2-more` after them), each cut to a readable length. */
export function comparisonDirName(labels: readonly string[]): string {
  const slug = (label: string): string =>
    label
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, LABEL_CHARS_IN_DIR) || "run";
  const more = labels.length > NAMED_IN_DIR ? `-and-${labels.length - NAMED_IN_DIR}-more` : "";
  return `compare-${labels.slice(0, NAMED_IN_DIR).map(slug).join("-vs-")}${more}`;
}

/** Whether one directory is the other or lies inside it: replacing either would take the other along. */
function overlaps(a: string, b: string): boolean {
  const within = (child: string, parent: string): boolean => {
    const rel = relative(parent, child);
    return rel === "" || (!isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`));
  };
  return within(a, b) || within(b, a);
}

/** The run's data files (summary.json, timeseries.csv, …), byte for byte, for a copy of the run; or why one cannot
 *  be read (readSavedRun read them a moment ago, so this is rare). */
function runDataFiles(runDir: string, dir: string, names: readonly string[]): OutputFile[] | string {
  const files: OutputFile[] = [];
  for (const name of names) {
    const read = readInputFile(join(runDir, name), 512 * 1024 * 1024);
    if (!("text" in read)) return `${join(dir, name)}: cannot read it (${"problem" in read ? read.problem : read.errorCode})`;
    files.push({ name, content: read.text });
  }
  return files;
}

/** Writes the prepared directory; notes on an earlier process's debris go to stderr unless quiet. */
function committed(write: PreparedWrite, files: readonly OutputFile[], io: CliIo, quiet: boolean | undefined): ExitCode {
  if (!quiet) for (const note of write.notes) io.stderr(`sqs-sim: ${note}\n`);
  try {
    write.commit(files);
  } catch (error) {
    if (!(error instanceof OutputWriteError)) throw error;
    io.stderr(`sqs-sim: ${error.message}\n`);
    return ExitCode.Failure;
  }
  return ExitCode.Ok;
}

function abandoned(write: PreparedWrite, io: CliIo, message: string): ExitCode {
  write.abandon();
  return badInput(io, message);
}

function badInput(io: CliIo, message: string): ExitCode {
  io.stderr(`sqs-sim: ${message}\n`);
  return ExitCode.BadInput;
}

/**
 * The report files, or why they cannot be drawn: saved runs are checked as they are read, but a file edited by
 * hand can still hold values no chart can use, and that is bad input (exit 2), not a crash.
 */
function drawn(build: () => OutputFile[], dirs: string): OutputFile[] | string {
  try {
    return build();
  } catch (error) {
    return `${dirs}: cannot draw a report from this run: ${error instanceof Error ? error.message : String(error)}`;
  }
}

// `sqs-sim report` and `sqs-sim compare`: reports drawn again from saved run directories, without simulating.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { replaceRefusal, writeDirectoryAtomically, type OutputFile } from "../report/atomic-dir.js";
import { compareFiles, REPORT_FILE_NAMES, reportFiles, type ComparedRun } from "../report/report-files.js";
import { readSavedRun } from "../report/saved-run.js";
import { isSweepDir, redrawSweepReport } from "../sweep/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo } from "./io.js";
import { displayPath } from "./paths.js";

export interface ReportOptions {
  out?: string;
  quiet?: boolean;
}

/** Re-renders a run's charts, report.html and report.md, in place or into a copy of the run at --out. */
export function reportCommand(dir: string, options: ReportOptions, io: CliIo): ExitCode {
  const runDir = resolve(io.cwd, dir);
  if (isSweepDir(runDir)) return sweepReportCommand(dir, runDir, options, io);
  const saved = readSavedRun(runDir, dir);
  if (!saved.ok) return badInput(io, saved.error);
  const outDir = options.out === undefined ? runDir : resolve(io.cwd, options.out);
  if (outDir !== runDir) {
    const refusal = overlaps(outDir, runDir) ? `${options.out} lies inside ${dir} or holds it; choose a directory apart from the run` : replaceRefusal(outDir, "nothing");
    if (refusal !== null) return badInput(io, `--out: ${refusal}`);
  }
  // The whole directory is written again, the run's own files byte for byte: a reader sees the old report or the
  // new one, never a mix, and a chart that is no longer drawn does not linger.
  const report = drawn(() => reportFiles(saved.run), dir);
  if (typeof report === "string") return badInput(io, report);
  writeDirectoryAtomically(outDir, [...keptFiles(runDir), ...report], outDir === runDir ? "run" : "nothing");
  if (!options.quiet) io.stdout(`report: ${displayPath(join(outDir, REPORT_FILE_NAMES.html), io.cwd)}\n`);
  return ExitCode.Ok;
}

/** A sweep's report, drawn again in place from its cell files. */
function sweepReportCommand(dir: string, sweepDir: string, options: ReportOptions, io: CliIo): ExitCode {
  if (options.out !== undefined) return badInput(io, `--out: ${dir} is a sweep; its report is drawn again in place (copy the directory first to keep the old one)`);
  const outcome = redrawSweepReport(sweepDir);
  if (outcome.status === "refused") return badInput(io, outcome.message.replaceAll(sweepDir, dir));
  if (!options.quiet) io.stdout(`report: ${displayPath(outcome.report, io.cwd)}\n`);
  return ExitCode.Ok;
}

/** Writes a comparison of two or more saved runs into its own directory. */
export function compareCommand(dirs: string[], options: ReportOptions, io: CliIo): ExitCode {
  if (dirs.length < 2) return badInput(io, "compare needs at least two run directories");
  const runDirs = dirs.map((d) => resolve(io.cwd, d));
  const labels = directoryLabels(runDirs);
  const runs: ComparedRun[] = [];
  const errors: string[] = [];
  dirs.forEach((dir, i) => {
    const saved = readSavedRun(runDirs[i]!, dir);
    if (saved.ok) runs.push({ label: labels[i]!, directory: runDirs[i]!, run: saved.run });
    else errors.push(saved.error);
  });
  // Every directory that cannot be read is named at once, not one per attempt.
  if (errors.length > 0) return badInput(io, errors.join("\nsqs-sim: "));
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", comparisonDirName(labels));
  const clash = dirs.find((_, i) => overlaps(runDirs[i]!, outDir));
  const shownOut = displayPath(outDir, io.cwd);
  const refusal = clash !== undefined ? `${shownOut} would replace or hold the run directory ${clash}; choose another directory` : replaceRefusal(outDir, "comparison");
  if (refusal !== null) return badInput(io, `--out: ${refusal}`);
  const files = drawn(() => compareFiles(runs), dirs.join(", "));
  if (typeof files === "string") return badInput(io, files);
  writeDirectoryAtomically(outDir, files, "comparison");
  if (!options.quiet) io.stdout(`comparison: ${displayPath(join(outDir, REPORT_FILE_NAMES.html), io.cwd)}\n`);
  return ExitCode.Ok;
}

/**
 * Labels that tell runs apart: each directory's name, with as many parent folders as it takes where names repeat
 * (`a/run`, `b/run`), and a position where the same directory is given twice.
 */
export function directoryLabels(dirs: readonly string[]): string[] {
  const parts = dirs.map((d) => resolve(d).split(sep).filter((p) => p !== ""));
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
  const slug = (label: string): string => label.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, LABEL_CHARS_IN_DIR) || "run";
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

/** Everything in the run directory but the report itself (charts/, report.html, report.md), byte for byte. */
function keptFiles(runDir: string): OutputFile[] {
  const generated = new Set<string>([REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.markdown, REPORT_FILE_NAMES.chartsDir]);
  return filesBelow(runDir, "")
    .filter((name) => !generated.has(name.split("/")[0]!))
    .map((name) => ({ name, content: readFileSync(join(runDir, name)) }));
}

function filesBelow(root: string, prefix: string): string[] {
  return readdirSync(join(root, prefix)).flatMap((entry) => {
    const name = prefix === "" ? entry : `${prefix}/${entry}`;
    const stats = statSync(join(root, name));
    return stats.isDirectory() ? filesBelow(root, name) : stats.isFile() ? [name] : [];
  });
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

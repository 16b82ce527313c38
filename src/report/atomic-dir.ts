import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, normalize } from "node:path";

export interface OutputFile {
  /** Path relative to the directory written; may name a subfolder (`charts/queue.png`). */
  name: string;
  content: string | Uint8Array;
}

/** The file whose presence marks a directory as a run directory that a new run may replace. */
export const RUN_MARKER_FILE = "summary.json";
/** The file whose presence marks a directory as a comparison report (`sqs-sim compare`), which may be replaced too. */
export const COMPARISON_MARKER_FILE = "comparison.json";

/** What an existing directory may hold for a write to replace it: an earlier run, an earlier comparison, or nothing. */
export type Replaceable = "run" | "comparison" | "nothing";

/**
 * Why targetDir may not be replaced by sqs-sim's output, or null when it may: it does not exist, is empty, or is a
 * directory of the kind this write makes (`sqs-sim run` replaces an earlier run, `compare` an earlier comparison;
 * a copy made by `report --out` replaces nothing). Anything else might be the user's own folder (`--out .`) or
 * another run, never to be wiped.
 */
export function replaceRefusal(targetDir: string, replaces: Replaceable): string | null {
  if (!existsSync(targetDir)) return null;
  if (!statSync(targetDir).isDirectory()) return `${targetDir} exists and is not a directory`;
  const entries = readdirSync(targetDir);
  if (entries.length === 0) return null;
  const isRun = entries.includes(RUN_MARKER_FILE) && !entries.includes(COMPARISON_MARKER_FILE);
  const isComparison = entries.includes(COMPARISON_MARKER_FILE);
  if ((replaces === "run" && isRun) || (replaces === "comparison" && isComparison)) return null;
  const what = isRun ? "an sqs-sim run directory" : isComparison ? "an sqs-sim comparison directory" : "a directory that sqs-sim did not write";
  const may = replaces === "run" ? "an earlier run" : replaces === "comparison" ? "an earlier comparison" : "nothing";
  return `${targetDir} exists and is ${what}, and this command may replace only ${may}; ` +
    "choose a new or empty directory, so that nothing of yours is replaced";
}

/** Where a file named `charts/queue.png` goes under dir; names that would land outside dir are refused. */
function pathInside(dir: string, name: string): string {
  const relativeName = normalize(name);
  if (isAbsolute(relativeName) || relativeName.split(/[\\/]/)[0] === "..") {
    throw new Error(`output file name ${name} would land outside ${dir}`);
  }
  return join(dir, relativeName);
}

/**
 * Writes a run's files so that a reader never sees a half-written report: everything goes into a temporary
 * sibling directory first, which then replaces the target in one rename. On failure nothing is left behind.
 */
export function writeDirectoryAtomically(targetDir: string, files: readonly OutputFile[], replaces: Replaceable): void {
  const refusal = replaceRefusal(targetDir, replaces);
  if (refusal !== null) throw new Error(refusal);
  const parent = dirname(targetDir);
  mkdirSync(parent, { recursive: true });
  const unique = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const staging = join(parent, `.${basename(targetDir)}.partial-${unique}`);
  const previous = join(parent, `.${basename(targetDir)}.previous-${unique}`);
  try {
    mkdirSync(staging);
    for (const file of files) {
      const path = pathInside(staging, file.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    const hadPrevious = existsSync(targetDir);
    if (hadPrevious) renameSync(targetDir, previous);
    try {
      renameSync(staging, targetDir);
    } catch (error) {
      if (hadPrevious) renameSync(previous, targetDir);
      throw error;
    }
    if (hadPrevious) rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

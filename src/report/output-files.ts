// What writing an output directory is made of: the files (name and content), the handle a prepared write gives,
// and the small file system steps both ways of writing (atomic-dir.ts, in-place-write.ts) share.
import { lstatSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize } from "node:path";

export interface OutputFile {
  /** Path relative to the directory written; may name a subfolder (`charts/queue.png`). */
  name: string;
  content: string | Uint8Array;
}

/** The output could not be written (exit 1: the input was fine); the message names the directory and the cause. */
export class OutputWriteError extends Error {
  override name = "OutputWriteError";
}

export interface PreparedWrite {
  target: string;
  /** What was recovered or cleared of an earlier, killed process's work (one sentence each). */
  notes: string[];
  /** Writes the files and puts them in place of the target; throws OutputWriteError, leaving the target as it was. */
  commit(files: readonly OutputFile[]): void;
  /** Removes the staging directory (and the folders made for it), when nothing is to be written after all. */
  abandon(): void;
}

export type PrepareResult = { ok: true; write: PreparedWrite } | { ok: false; problem: string };

export function fill(staging: string, files: readonly OutputFile[]): void {
  for (const file of files) {
    const path = pathInside(staging, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/** Where a file named `charts/queue.png` goes under dir; names that would land outside dir are refused. */
export function pathInside(dir: string, name: string): string {
  const relativeName = normalize(name);
  if (isAbsolute(relativeName) || relativeName.split(/[\\/]/)[0] === "..") {
    throw new Error(`output file name ${name} would land outside ${dir}`);
  }
  return join(dir, relativeName);
}

/** Removes what may not exist, or may lie under a path that is not a folder at all. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing of ours is there.
  }
}

export function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

/**
 * Writes a run's files so that a reader never sees a half-written report: everything goes into a temporary
 * sibling directory first, which then replaces the target in one rename. On failure nothing is left behind.
 */
export function writeDirectoryAtomically(targetDir: string, files: readonly OutputFile[]): void {
  const parent = dirname(targetDir);
  mkdirSync(parent, { recursive: true });
  const unique = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const staging = join(parent, `.${basename(targetDir)}.partial-${unique}`);
  const previous = join(parent, `.${basename(targetDir)}.previous-${unique}`);
  try {
    mkdirSync(staging);
    for (const file of files) writeFileSync(join(staging, file.name), file.content);
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

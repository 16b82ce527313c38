// One file written so that a reader (or a resumed sweep after Ctrl-C or a crash) sees either the whole new content
// or nothing: write a temporary sibling, flush it to disk, rename it over the target.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writerTag } from "./writer-tag.js";

/** Temporary files start with a dot, so that directory listings can skip them (owned-dir.ts: isOwnTempFile). */
export function isTemporaryName(name: string): boolean {
  return name.startsWith(".");
}

export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const temp = join(dirname(file), `.${basename(file)}.tmp-${writerTag()}`);
  try {
    const fd = openSync(temp, "w");
    try {
      if (typeof content === "string") writeSync(fd, content);
      else writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

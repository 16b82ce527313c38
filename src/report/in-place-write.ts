// Writing inside an existing output directory: for a directory that cannot be swapped whole (a mount point, a
// parent closed to writing, an empty folder the user stands in), and for a report drawn again in place beside files
// of the user's. Every step is a rename of one entry, ordered so that a kill leaves something recognisable, and
// the temporary names carry the writer's tag (writer-tag.ts) so the next command can recover or clear them.
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { writeFileAtomically } from "./atomic-file.js";
import { describeFsError } from "./fs-errors.js";
import { fill, lstatOrNull, OutputWriteError, removeQuietly, type OutputFile, type PreparedWrite } from "./output-files.js";
import { IN_PLACE_PREVIOUS, IN_PLACE_STAGING, isOwnTempName, ownTempEntries, parseTempName, type DirLayout } from "./owned-dir.js";
import { writerIsGone, writerTag } from "./writer-tag.js";

/**
 * Staging inside the existing target (`.sqs-sim-partial.tmp-<tag>`): commit moves the earlier output's own entries
 * into `.sqs-sim-previous.tmp-<tag>` (its proof file last), the new entries in (the proof file first), then removes
 * both folders. A kill leaves a directory that is the earlier output, the new one, or empty of all but temporary
 * entries, which recoverInPlace clears (putting the earlier output back when nothing new had arrived).
 */
export function prepareInPlace(target: string, layout: DirLayout | null): Omit<PreparedWrite, "target" | "notes"> | { error: unknown } {
  const staging = join(target, `.${IN_PLACE_STAGING}.tmp-${writerTag()}`);
  try {
    mkdirSync(staging);
  } catch (error) {
    return { error };
  }
  const proof = layout?.proof.file;
  const abandon = (): void => removeQuietly(staging);
  const commit = (files: readonly OutputFile[]): void => {
    const aside = join(target, `.${IN_PLACE_PREVIOUS}.tmp-${writerTag()}`);
    try {
      fill(staging, files);
      const old = layout === null ? [] : readdirSync(target).filter((name) => !isOwnTempName(name, layout));
      if (old.length > 0) {
        mkdirSync(aside);
        for (const name of proofLast(old, proof)) renameSync(join(target, name), join(aside, name));
      }
      for (const name of proofLast(readdirSync(staging), proof).reverse()) renameSync(join(staging, name), join(target, name));
    } catch (error) {
      abandon();
      throw new OutputWriteError(`cannot write ${target}: ${describeFsError(error)}`, { cause: error });
    } finally {
      removeQuietly(aside);
    }
    abandon();
  };
  return { commit, abandon };
}

/** The names with the proof file (when among them) last. */
function proofLast(names: readonly string[], proof: string | undefined): string[] {
  return [...names].sort((a, b) => Number(a === proof) - Number(b === proof) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Clears what a killed in-place write left inside target: its staging folder goes; the earlier output it had moved
 * aside comes back when the target holds no proof file (nothing new had arrived), and goes otherwise; temporary
 * files of the layout's entries go. Entries of a writer still running are left alone.
 */
export function recoverInPlace(target: string, layout: DirLayout, show: (path: string) => string): string[] {
  const notes: string[] = [];
  for (const entry of ownTempEntries(target, layout)) {
    const path = join(target, entry);
    const temp = parseTempName(basename(entry));
    if (temp === null || !writerIsGone(temp.host, temp.pid, path)) continue;
    if (temp.base === IN_PLACE_PREVIOUS && lstatOrNull(join(target, layout.proof.file)) === null) {
      for (const name of readdirSync(path)) {
        if (lstatOrNull(join(target, name)) === null) renameSync(join(path, name), join(target, name));
      }
      notes.push(`restored ${show(target)} from ${show(path)}: an sqs-sim process ended while replacing it`);
    }
    rmSync(path, { recursive: true, force: true });
    if (temp.base !== IN_PLACE_PREVIOUS) notes.push(`removed ${show(path)}, left by an sqs-sim process that ended while writing it`);
  }
  return notes;
}

/**
 * Replaces some top-level entries of an existing directory in place — each a file or a folder, in one rename each —
 * by the files given for them; an entry with no file given is removed. Nothing else in dir is touched: this is how a
 * report is drawn again in a directory that may hold the user's own files. Staged under temporary names
 * (`.<entry>.tmp-<tag>`, which ownership checks and debris clearing know).
 */
export function replaceEntries(dir: string, entries: readonly string[], files: readonly OutputFile[]): void {
  const tag = writerTag();
  for (const entry of entries) {
    const target = join(dir, entry);
    const mine = files.filter((f) => f.name === entry || f.name.startsWith(`${entry}/`));
    if (mine.length === 0) {
      rmSync(target, { recursive: true, force: true });
      continue;
    }
    if (mine.length === 1 && mine[0]!.name === entry) {
      writeFileAtomically(target, mine[0]!.content);
      continue;
    }
    const staged = join(dir, `.${entry}.tmp-${tag}`);
    try {
      mkdirSync(staged);
      fill(
        staged,
        mine.map((f) => ({ name: f.name.slice(entry.length + 1), content: f.content })),
      );
      const aside = join(dir, `.${entry}.tmp-${writerTag()}`);
      const existed = lstatOrNull(target) !== null;
      if (existed) renameSync(target, aside);
      renameSync(staged, target);
      if (existed) rmSync(aside, { recursive: true, force: true });
    } finally {
      rmSync(staged, { recursive: true, force: true });
    }
  }
}

/** Removes the temporary entries (`.<name>.tmp-<tag>`) that a killed writer left in dir and its folders; returns
 *  how many. For directories with one writer at a time (a sweep's, a run's report drawn in place). */
export function removeOwnTempEntries(dir: string, layout: DirLayout): number {
  const entries = ownTempEntries(dir, layout);
  for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
  return entries.length;
}

// Writing an output directory (a run, a comparison, a merged sweep) so that a reader never sees it half-written and
// a user's files are never lost. Before anything is computed, prepareDirectoryWrite checks that the target may be
// replaced (owned-dir.ts), clears what an earlier killed process left beside it, and creates the staging directory
// the files go into: a path that cannot be written fails then, as bad input, not after a long simulation. commit
// then fills the staging directory and swaps it in.
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describeFsError, describePathError } from "./fs-errors.js";
import { prepareInPlace, recoverInPlace } from "./in-place-write.js";
import { fill, lstatOrNull, OutputWriteError, removeQuietly, type OutputFile, type PrepareResult } from "./output-files.js";
import { inspectDir, replaceRefusal, type DirLayout } from "./owned-dir.js";
import { parseWriterTag, writerIsGone, writerTag } from "./writer-tag.js";

export { OutputWriteError, type OutputFile, type PreparedWrite, type PrepareResult } from "./output-files.js";
export { removeOwnTempEntries, replaceEntries } from "./in-place-write.js";

/** Sibling names are `.<key>.partial-<tag>`: key is the target's name, shortened so the whole stays under 255 bytes. */
function siblingKey(name: string): string {
  if (Buffer.byteLength(name) <= 100) return name;
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  let head = name.slice(0, 80);
  while (Buffer.byteLength(head) > 80) head = head.slice(0, -1);
  return `${head}~${hash.toString(16).padStart(8, "0")}`;
}

function siblingPath(target: string, what: "partial" | "previous", tag: string): string {
  return join(dirname(target), `.${siblingKey(basename(target))}.${what}-${tag}`);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Clears what a process killed while writing `target` left beside it: a staging directory (`.<name>.partial-*`)
 * is removed; an earlier output moved aside (`.<name>.previous-*`) is put back when the target is missing (killed
 * between the two renames of a swap) and removed otherwise. Entries of a process still running are left alone.
 * Returns one sentence per action, paths shown through `show`.
 */
export function recoverDebris(target: string, show: (path: string) => string = (p) => p): string[] {
  const parent = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(siblingKey(basename(target)))}\\.(partial|previous)-([A-Za-z0-9-]{1,60})$`);
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return [];
  }
  const notes: string[] = [];
  const previous: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    const writer = m === null ? null : parseWriterTag(m[2]!);
    if (m === null || writer === null) continue;
    const path = join(parent, name);
    if (!writerIsGone(writer.host, writer.pid, path)) continue;
    if (m[1] === "previous") previous.push(path);
    else {
      rmSync(path, { recursive: true, force: true });
      notes.push(`removed ${show(path)}, the unfinished output of an sqs-sim process that ended while writing it`);
    }
  }
  for (const path of previous) {
    if (lstatOrNull(target) === null) {
      renameSync(path, target);
      notes.push(`restored ${show(target)} from ${show(path)}: an sqs-sim process ended while replacing it`);
    } else {
      rmSync(path, { recursive: true, force: true });
      notes.push(`removed ${show(path)}, an earlier output that an sqs-sim process had replaced before it ended`);
    }
  }
  return notes;
}

/**
 * Gets ready to write target as a directory of layout's kind (null: a copy, which fills only a new or empty
 * directory): recovers debris, checks that target may be replaced, and creates the staging directory.
 *
 * A missing target is staged beside it and renamed into place; an earlier output is swapped whole the same way.
 * When the target exists and that cannot work — it is a mount point (a container's volume: renames across file
 * systems fail) or its parent cannot be written — and for an existing empty directory (where the user may stand,
 * `--out .`), the files are staged inside the target and moved in entry by entry (in-place-write.ts's order keeps every
 * moment recognisable: the proof file goes last out and first in).
 */
export function prepareDirectoryWrite(target: string, layout: DirLayout | null, show: (path: string) => string = (p) => p): PrepareResult {
  const notes: string[] = [];
  try {
    notes.push(...recoverOutput(target, layout, show));
  } catch (error) {
    return { ok: false, problem: `${show(target)}: cannot clear what an earlier process left there: ${describeFsError(error)}` };
  }
  const refusal = replaceRefusal(target, layout);
  if (refusal !== null) return { ok: false, problem: refusal.replaceAll(target, show(target)) };
  const cannotWrite = (error: unknown): PrepareResult => ({
    ok: false,
    problem: `${show(target)}: cannot write there: ${describePathError(error, target, show)}`,
  });
  const existing = lstatOrNull(target);
  const state = existing === null ? "missing" : layout === null ? "empty" : inspectDir(target, layout).kind;
  if (existing !== null && (state === "empty" || !onParentsDevice(target))) {
    const prepared = prepareInPlace(target, layout);
    return "error" in prepared ? cannotWrite(prepared.error) : { ok: true, write: { target, notes, ...prepared } };
  }
  const tag = writerTag();
  const staging = siblingPath(target, "partial", tag);
  let madeFrom: string | undefined;
  try {
    madeFrom = mkdirSync(dirname(target), { recursive: true });
    // The target's own name is tried too (too long a name fails only there): made and removed again, before the
    // staging directory exists, so a process killed once that is visible never leaves an empty target behind.
    if (existing === null) {
      mkdirSync(target);
      rmdirSync(target);
    }
    mkdirSync(staging);
  } catch (error) {
    removeQuietly(staging);
    removeMadeFolders(dirname(target), madeFrom);
    const code = (error as { code?: unknown } | null)?.code;
    // An earlier output whose parent is closed to writing (or whose parent is another file system) is replaced
    // inside itself instead.
    if (existing !== null && (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "EXDEV")) {
      const prepared = prepareInPlace(target, layout);
      if (!("error" in prepared)) return { ok: true, write: { target, notes, ...prepared } };
    }
    return cannotWrite(error);
  }
  const abandon = (): void => {
    removeQuietly(staging);
    removeMadeFolders(dirname(target), madeFrom);
  };
  const commit = (files: readonly OutputFile[]): void => {
    try {
      fill(staging, files);
      const refused = replaceRefusal(target, layout);
      if (refused !== null) throw new OutputWriteError(`${refused.replaceAll(target, show(target))} (it changed while sqs-sim was working)`);
      swapIn(staging, target, siblingPath(target, "previous", tag), layout);
    } catch (error) {
      abandon();
      if (error instanceof OutputWriteError) throw error;
      throw new OutputWriteError(`cannot write ${show(target)}: ${describeFsError(error)}; it is unchanged`, { cause: error });
    }
    removeQuietly(staging);
  };
  return { ok: true, write: { target, notes, commit, abandon } };
}

/** Whether target lies on the same file system as its parent (it is not a mount point), so it can be renamed. */
function onParentsDevice(target: string): boolean {
  const parent = lstatOrNull(dirname(target));
  const own = lstatOrNull(target);
  return parent !== null && own !== null && parent.dev === own.dev;
}

/** Everything a killed writer of target left, beside it and inside it, recovered or cleared (one sentence each). */
export function recoverOutput(target: string, layout: DirLayout | null, show: (path: string) => string = (p) => p): string[] {
  return [...recoverDebris(target, show), ...(layout === null ? [] : recoverInPlace(target, layout, show))];
}

/** prepareDirectoryWrite and commit in one; throws OutputWriteError when target may not or cannot be written. */
export function writeDirectoryAtomically(target: string, files: readonly OutputFile[], layout: DirLayout | null): string[] {
  const prepared = prepareDirectoryWrite(target, layout);
  if (!prepared.ok) throw new OutputWriteError(prepared.problem);
  prepared.write.commit(files);
  return prepared.write.notes;
}

// A missing target is the staging directory renamed; an earlier output is moved aside first and removed after, put
// back if the rename fails. An existing empty directory is filled in place instead (it may be where the user
// stands, `--out .`), the proof file first, so that a kill part-way leaves a directory sqs-sim recognises.
function swapIn(staging: string, target: string, aside: string, layout: DirLayout | null): void {
  const state = layout === null ? (lstatOrNull(target) === null ? "missing" : "empty") : inspectDir(target, layout).kind;
  if (state === "missing") {
    renameSync(staging, target);
    return;
  }
  if (state === "empty") {
    const proof = layout?.proof.file;
    const entries = readdirSync(staging).sort((a, b) => Number(b === proof) - Number(a === proof));
    for (const entry of entries) renameSync(join(staging, entry), join(target, entry));
    return;
  }
  renameSync(target, aside);
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(aside, target);
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}

// The folders mkdir made for the target's parent (from `madeFrom` down), removed again while empty.
function removeMadeFolders(parent: string, madeFrom: string | undefined): void {
  if (madeFrom === undefined) return;
  for (let dir = parent; dir.length >= madeFrom.length; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === madeFrom) return;
  }
}

// Writing an output directory (a run, a comparison, a merged sweep) so that a reader never sees it half-written and
// a user's files are never lost. Before anything is computed, prepareDirectoryWrite checks that the target may be
// replaced (owned-dir.ts), clears what an earlier killed process left beside it, and creates the staging directory
// the files go into: a path that cannot be written fails then, as bad input, not after a long simulation. commit
// then fills the staging directory and swaps it in.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, normalize } from "node:path";
import { describeFsError, describePathError } from "./fs-errors.js";
import { IN_PLACE_PREVIOUS, IN_PLACE_STAGING, inspectDir, isOwnTempName, ownTempEntries, parseTempName, replaceRefusal, type DirLayout } from "./owned-dir.js";
import { parseWriterTag, writerIsGone, writerTag } from "./writer-tag.js";

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
 * `--out .`), the files are staged inside the target and moved in entry by entry (in-place.ts's order keeps every
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
  const cannotWrite = (error: unknown): PrepareResult => ({ ok: false, problem: `${show(target)}: cannot write there: ${describePathError(error, target, show)}` });
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
    mkdirSync(staging);
    // The target's own name is tried too (too long a name fails only there): made and removed again.
    if (existing === null) {
      mkdirSync(target);
      rmdirSync(target);
    }
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

/**
 * Staging inside the existing target (`.sqs-sim-partial.tmp-<tag>`): commit moves the earlier output's own entries
 * into `.sqs-sim-previous.tmp-<tag>` (its proof file last), the new entries in (the proof file first), then removes
 * both folders. A kill leaves a directory that is the earlier output, the new one, or empty of all but temporary
 * entries, which recoverInPlace clears (putting the earlier output back when nothing new had arrived).
 */
function prepareInPlace(target: string, layout: DirLayout | null): Omit<PreparedWrite, "target" | "notes"> | { error: unknown } {
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

/** Everything a killed writer of target left, beside it and inside it, recovered or cleared (one sentence each). */
export function recoverOutput(target: string, layout: DirLayout | null, show: (path: string) => string = (p) => p): string[] {
  return [...recoverDebris(target, show), ...(layout === null ? [] : recoverInPlace(target, layout, show))];
}

/**
 * Clears what a killed in-place write left inside target: its staging folder goes; the earlier output it had moved
 * aside comes back when the target holds no proof file (nothing new had arrived), and goes otherwise; temporary
 * files of the layout's entries go. Entries of a writer still running are left alone.
 */
function recoverInPlace(target: string, layout: DirLayout, show: (path: string) => string): string[] {
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

/** prepareDirectoryWrite and commit in one; throws OutputWriteError when target may not or cannot be written. */
export function writeDirectoryAtomically(target: string, files: readonly OutputFile[], layout: DirLayout | null): string[] {
  const prepared = prepareDirectoryWrite(target, layout);
  if (!prepared.ok) throw new OutputWriteError(prepared.problem);
  prepared.write.commit(files);
  return prepared.write.notes;
}

function fill(staging: string, files: readonly OutputFile[]): void {
  for (const file of files) {
    const path = pathInside(staging, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
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

/** Where a file named `charts/queue.png` goes under dir; names that would land outside dir are refused. */
function pathInside(dir: string, name: string): string {
  const relativeName = normalize(name);
  if (isAbsolute(relativeName) || relativeName.split(/[\\/]/)[0] === "..") {
    throw new Error(`output file name ${name} would land outside ${dir}`);
  }
  return join(dir, relativeName);
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

/** Removes what may not exist, or may lie under a path that is not a folder at all. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing of ours is there.
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
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
    const staged = join(dir, `.${entry}.tmp-${tag}`);
    try {
      if (mine.length === 1 && mine[0]!.name === entry) {
        writeFileSync(staged, mine[0]!.content);
        renameSync(staged, target);
        continue;
      }
      mkdirSync(staged);
      fill(staged, mine.map((f) => ({ name: f.name.slice(entry.length + 1), content: f.content })));
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

// Which directories sqs-sim may replace. A directory is sqs-sim's only when everything in it is something the
// command writes there, and its proof file (summary.json of a run, comparison.json, sweep.json) is one sqs-sim
// wrote. Anything else is the user's: `--out .` in a source tree, or a folder that happens to hold a summary.json,
// is refused, naming what replacing it would lose.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWriterTag } from "./writer-tag.js";

export interface DirLayout {
  /** What such a directory is called in messages: "an sqs-sim run directory". */
  what: string;
  /** Who writes it, for messages: "a run". */
  writer: string;
  /** Files at the top level. */
  files: readonly string[];
  /** Folders at the top level, each with the test that the names of the files in it pass (no subfolders). */
  folders: Readonly<Record<string, (name: string) => boolean>>;
  /** The file whose content shows sqs-sim wrote the directory; `check` says whether a text is one. */
  proof: { file: string; check: (text: string) => boolean };
}

export type DirState =
  | { kind: "missing" }
  | { kind: "empty" }
  /** `foreign`: entries the layout does not write (relative paths, folders with a trailing /), in name order. */
  | { kind: "owned"; foreign: string[] }
  | { kind: "unowned"; problem: string };

/** Names of the folders sqs-sim stages in inside an existing output directory (`.sqs-sim-partial.tmp-<tag>`), and
 *  the one it moves the earlier output's entries to while it replaces them. */
export const IN_PLACE_STAGING = "sqs-sim-partial";
export const IN_PLACE_PREVIOUS = "sqs-sim-previous";

/**
 * The temporary name sqs-sim gives an entry while writing it: `.<base>.tmp-<writer tag>` (writer-tag.ts; older
 * versions wrote `<pid>-<random>`). Returns the base and the writer, or null for any other name — a user's
 * `.notes.tmp-draft` is not sqs-sim's.
 */
export function parseTempName(name: string): { base: string; host: string; pid: number } | null {
  const m = /^\.(.+)\.tmp-([A-Za-z0-9-]{1,60})$/.exec(name);
  const writer = m === null ? null : parseWriterTag(m[2]!);
  return m === null || writer === null ? null : { base: m[1]!, ...writer };
}

/** Whether `name`, at the top level of a directory of this layout (or inside its folder `folder`), is sqs-sim's
 *  temporary name for one of the layout's own entries. */
export function isOwnTempName(name: string, layout: DirLayout, folder?: string): boolean {
  const temp = parseTempName(name);
  if (temp === null) return false;
  if (folder !== undefined) return Object.hasOwn(layout.folders, folder) && layout.folders[folder]!(temp.base);
  return layout.files.includes(temp.base) || Object.hasOwn(layout.folders, temp.base) || temp.base === IN_PLACE_STAGING || temp.base === IN_PLACE_PREVIOUS;
}

/** The layout's temporary entries in dir and its folders (relative paths), what a killed writer leaves. */
export function ownTempEntries(dir: string, layout: DirLayout): string[] {
  const found: string[] = [];
  for (const name of readdirOrEmpty(dir)) {
    if (isOwnTempName(name, layout)) found.push(name);
    else if (Object.hasOwn(layout.folders, name) && lstatOrNull(join(dir, name))?.isDirectory()) {
      for (const inner of readdirOrEmpty(join(dir, name))) if (isOwnTempName(inner, layout, name)) found.push(`${name}/${inner}`);
    }
  }
  return found.sort();
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A proof file larger than this is not one sqs-sim wrote (a summary.json is kilobytes, a sweep.json at most a few
 *  megabytes), and is not read. */
const MAX_PROOF_BYTES = 64 * 1024 * 1024;

/** What `dir` is for this layout. Symbolic links are never followed: a link is refused, not replaced. */
export function inspectDir(dir: string, layout: DirLayout): DirState {
  const stats = lstatOrNull(dir);
  if (stats === null) return { kind: "missing" };
  if (stats.isSymbolicLink()) return { kind: "unowned", problem: `${dir} is a symbolic link; give the directory itself` };
  if (!stats.isDirectory()) return { kind: "unowned", problem: `${dir} exists and is not a directory` };
  // An earlier writer's temporary entries do not make a directory anyone's: prepareDirectoryWrite clears them.
  const entries = readdirSync(dir)
    .filter((name) => !isOwnTempName(name, layout))
    .sort();
  if (entries.length === 0) return { kind: "empty" };
  const proofPath = join(dir, layout.proof.file);
  const proof = lstatOrNull(proofPath);
  if (proof === null || !proof.isFile() || proof.size > MAX_PROOF_BYTES || !layout.proof.check(readFileSync(proofPath, "utf8"))) {
    return { kind: "unowned", problem: `${dir} exists and is not ${layout.what} (it has no ${layout.proof.file} that sqs-sim wrote)` };
  }
  return { kind: "owned", foreign: foreignEntries(dir, entries, layout) };
}

function foreignEntries(dir: string, entries: readonly string[], layout: DirLayout): string[] {
  const foreign: string[] = [];
  for (const name of entries) {
    const stats = lstatOrNull(join(dir, name));
    if (stats === null) continue;
    if (stats.isFile() && layout.files.includes(name)) continue;
    const filesIn = Object.hasOwn(layout.folders, name) ? layout.folders[name] : undefined;
    if (filesIn === undefined || !stats.isDirectory()) {
      foreign.push(stats.isDirectory() ? `${name}/` : name);
      continue;
    }
    for (const inner of readdirSync(join(dir, name)).sort()) {
      if (isOwnTempName(inner, layout, name)) continue;
      const innerStats = lstatOrNull(join(dir, name, inner));
      if (innerStats !== null && !(innerStats.isFile() && filesIn(inner))) foreign.push(`${name}/${inner}${innerStats.isDirectory() ? "/" : ""}`);
    }
  }
  return foreign;
}

/** The foreign entries that lie in (or take the name of) one of these top-level entries: what replacing those
 *  entries would lose. */
export function foreignWithin(foreign: readonly string[], entries: readonly string[]): string[] {
  return foreign.filter((path) => entries.includes(path.split("/")[0]!));
}

/** "X holds charts/notes.txt, which a run does not write, and <doing> would lose it; move it out<or>" */
export function wouldLose(dir: string, foreign: readonly string[], writer: string, doing: string, or: string): string {
  const them = foreign.length === 1 ? "it" : "them";
  return `${dir} holds ${listEntries(foreign)}, which ${writer} does not write, and ${doing} would lose ${them}; move ${them} out${or}`;
}

/** How many foreign entries a message names before "and N more". */
const NAMED = 5;

/** "notes.md, src/ and 3 more" */
export function listEntries(entries: readonly string[]): string {
  const named = entries.slice(0, NAMED);
  if (entries.length <= NAMED) return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(", ")} and ${named.at(-1)!}`;
  return `${named.join(", ")} and ${entries.length - NAMED} more`;
}

/**
 * Why `dir` may not be replaced by a new directory of `layout`'s kind, or null when it may (it is missing, empty,
 * or sqs-sim's with nothing else in it). With layout null (a copy, e.g. `report --out`), only a missing or empty
 * directory may be written.
 */
export function replaceRefusal(dir: string, layout: DirLayout | null): string | null {
  const keep = "choose a new or empty directory, so that nothing of yours is replaced";
  if (layout === null) {
    const stats = lstatOrNull(dir);
    if (stats === null) return null;
    if (!stats.isDirectory() || stats.isSymbolicLink()) return `${dir} exists and is not a directory`;
    return readdirSync(dir).length === 0 ? null : `${dir} exists and is not empty; ${keep}`;
  }
  const state = inspectDir(dir, layout);
  if (state.kind === "missing" || state.kind === "empty") return null;
  if (state.kind === "unowned") return `${state.problem}; ${keep}`;
  if (state.foreign.length === 0) return null;
  return wouldLose(dir, state.foreign, layout.writer, `replacing ${dir}`, ` or ${keep}`);
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

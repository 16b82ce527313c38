// A sandbox's state for the oracle's "nothing outside the output directory changes": every path below a root with
// its type, size and content hash. lstat only: a FIFO is never opened, a link never followed.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

export interface Entry {
  type: "file" | "directory" | "symlink" | "fifo" | "other";
  size: number;
  /** Content hash of a file, target of a link. */
  content?: string;
}

/** Paths relative to the root, "/"-separated. */
export type Snapshot = Map<string, Entry>;

const HASHED_UP_TO = 64 << 20;

export function snapshot(root: string): Snapshot {
  const out: Snapshot = new Map();
  const visit = (relative: string): void => {
    const path = relative === "" ? root : join(root, relative);
    const stat = lstatSync(path);
    const type = stat.isFile() ? "file" : stat.isDirectory() ? "directory" : stat.isSymbolicLink() ? "symlink" : stat.isFIFO() ? "fifo" : "other";
    const entry: Entry = { type, size: type === "directory" ? 0 : stat.size };
    if (type === "file" && stat.size <= HASHED_UP_TO) entry.content = createHash("sha1").update(readFileSync(path)).digest("hex");
    if (type === "symlink") entry.content = readlinkSync(path);
    if (relative !== "") out.set(relative, entry);
    if (type === "directory") for (const name of readdirSync(path).sort()) visit(relative === "" ? name : `${relative}/${name}`);
  };
  visit("");
  return out;
}

/** Paths added, removed or changed (type, size or content) from `before` to `after`. */
export function changedPaths(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (old === undefined || old.type !== entry.type || old.size !== entry.size || old.content !== entry.content) changed.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) changed.push(path);
  return changed.sort();
}

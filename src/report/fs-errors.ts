// File system errors in words: what `--out` problems and write failures show instead of raw errno text.
import { lstatSync } from "node:fs";
import { dirname } from "node:path";

const PLAIN: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of the path is a file, not a directory",
  EISDIR: "it is a directory",
  ENAMETOOLONG: "the path or a name in it is too long for the file system",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EEXIST: "something else already exists there",
  ENOENT: "no such file or directory",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EBUSY: "it is busy (in use)",
  EXDEV: "it is on another file system",
};

/** "permission denied (EACCES)"; the error's own message when it has no known code. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return Object.hasOwn(PLAIN, code) ? `${PLAIN[code]} (${code})` : code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * describeFsError for an error met making `path`; where a part of the path is a file (mkdir says EEXIST or
 * ENOTDIR), that part is named: "plain.txt is a file, not a directory".
 */
export function describePathError(error: unknown, path: string, show: (path: string) => string = (p) => p): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EEXIST" || code === "ENOTDIR") {
    for (let part = path; dirname(part) !== part; part = dirname(part)) {
      const stats = lstatOrNull(part);
      if (stats !== null && !stats.isDirectory()) return `${show(part)} is a file, not a directory (${code})`;
    }
  }
  return describeFsError(error);
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Whether an error came from the file system (it has an errno code), as opposed to a defect. */
export function isFsError(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === "string" && typeof (error as { syscall?: unknown }).syscall === "string";
}

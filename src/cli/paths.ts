// Paths as the user sees them: messages name files the way they were typed, or relative to where sqs-sim runs.
import { isAbsolute, relative, resolve } from "node:path";

/** The path as the user typed it when it resolves the same from here, so that error messages name it that way. */
export function asTyped(file: string, cwd: string): string {
  if (isAbsolute(file)) return file;
  const absolute = resolve(cwd, file);
  return resolve(file) === absolute ? file : absolute;
}

/** What an output-directory message starts with: the flag, or that the directory is the default one (the user
 *  did not type its name, so it says where it came from and how to choose another). */
export function outputLabel(given: string | undefined): string {
  return given !== undefined ? "--out: " : "the default output directory (--out chooses another): ";
}

/** A path relative to cwd when it lies below it, absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

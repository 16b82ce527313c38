// One generated fuzz case: the files a sandbox holds for it and the command line run there. Plain data, so that a
// case prints, serialises and replays as it is.

export type Command = "run" | "validate" | "explain" | "sweep";

/** A file's content: text, bytes (base64), or something that is not a regular file. */
export type FileContent = { text: string } | { base64: string } | { special: "directory" | "fifo" | "dev-zero" | "missing" };

export interface CaseFile {
  /** Relative to the sandbox's working directory, as the command line names it. */
  path: string;
  content: FileContent;
}

export interface FuzzCase {
  /** What the generator set out to make: a valid scenario, one bad field, hostile flags, or an odd file. */
  origin: "valid" | "mutation" | "flags" | "file";
  /** The shipped scenario (or "default") the case started from. */
  seed: string;
  command: Command;
  /** null: the embedded default scenario (run and explain only). */
  scenario: CaseFile | null;
  /** Everything after the scenario argument. */
  flags: string[];
  /** The one field a mutation case changed (dotted, as messages name it), and how. */
  mutation?: { path: string; via: "file" | "set"; what: string };
  /** The scenario's name when the generator knows it (the default output directory is reports/<name>/). */
  name?: string;
  /** What already sits at the default output directory: an earlier run (which may be replaced) or the user's folder. */
  occupied?: "run" | "user";
}

export function argvOf(c: FuzzCase): string[] {
  return [c.command, ...(c.scenario ? [c.scenario.path] : []), ...c.flags];
}

const SHOWN = 300;

/** A string shortened for printing: a 1 MB value shows as its start and its length. */
export function abbreviate(text: string, max = SHOWN): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString("en-US")} characters in all)`;
}

/** The case for a human: command line and scenario text, long values shortened. */
export function describeCase(c: FuzzCase): string {
  const lines = [`origin: ${c.origin} (from ${c.seed})${c.mutation ? `, ${c.mutation.what} at ${c.mutation.path} via ${c.mutation.via}` : ""}`];
  lines.push(
    `command: sqs-sim ${argvOf(c)
      .map((a) => shellQuote(abbreviate(a, 120)))
      .join(" ")}`,
  );
  if (c.scenario) {
    const content = c.scenario.content;
    const shown =
      "text" in content ? abbreviate(content.text, 2000) : "base64" in content ? `<bytes, base64 ${abbreviate(content.base64, 200)}>` : `<${content.special}>`;
    lines.push(`${c.scenario.path}:`, ...shown.split("\n").map((l) => `  | ${l}`));
  }
  return lines.join("\n");
}

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

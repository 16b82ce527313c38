// Whole scenario files that are odd as files: empty, not a mapping, duplicate keys, 5,000 levels of nesting, YAML
// aliases that multiply, a byte-order mark, bytes that are not UTF-8, and paths that are not regular files.
import fc from "fast-check";
import { type CaseFile, type FileContent } from "./fuzz-case.js";
import { toJson, toYaml } from "./serialize.js";

export interface OddFile {
  what: string;
  file: CaseFile;
  /** The scenario's name when the file is still a valid scenario (a BOM, CRLF line ends). */
  name?: string;
}

const text = (t: string): FileContent => ({ text: t });

function laughs(levels: number): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  return `name: laughs\nduration: 1m\nproducers: [{name: p, traffic: [{constant: 1}]}]\ndescription: *a${levels - 1}\n${lines.join("\n")}\n`;
}

/** Odd files built around a valid scenario `base` (an object) whose name is `name`. */
export function oddFile(base: Record<string, unknown>, name: string): fc.Arbitrary<OddFile> {
  const yaml = toYaml(base);
  const json = toJson(base);
  const minimal = '"name": "odd", "duration": "1m", "producers": [{"name": "p", "traffic": [{"constant": 1}]}]';
  const odd = (what: string, path: string, content: FileContent, valid = false): OddFile =>
    valid ? { what, file: { path, content }, name } : { what, file: { path, content } };
  const choices: OddFile[] = [
    odd("an empty file", "scenarios/empty.yaml", text("")),
    odd("only a comment", "scenarios/comment.yaml", text("# nothing here\n\n")),
    odd("a list", "scenarios/list.yaml", text("- name: a\n- name: b\n")),
    odd("a JSON list", "scenarios/list.json", text("[1, 2, 3]\n")),
    odd("a number", "scenarios/number.yaml", text("42\n")),
    odd("a string", "scenarios/string.json", text('"scenario"\n')),
    odd("null", "scenarios/null.json", text("null\n")),
    odd("JSON with duplicate keys", "scenarios/dup.json", text(`{"name": "first", ${minimal.replace('"name": "odd", ', "")}, "name": "second"}\n`)),
    odd("YAML with duplicate keys", "scenarios/dup.yaml", text(`${yaml}name: again\n`)),
    odd("JSON nested 5,000 levels", "scenarios/deep.json", text(`{${minimal}, "description": ${"[".repeat(5000)}${"]".repeat(5000)}}\n`)),
    odd("JSON nested 100,000 levels", "scenarios/deeper.json", text(`{${minimal}, "x": ${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}\n`)),
    odd("YAML flow nested 5,000 levels", "scenarios/deep.yaml", text(`${yaml}description: ${"[".repeat(5000)}${"]".repeat(5000)}\n`)),
    odd(
      "YAML block nested 2,000 levels",
      "scenarios/deep-block.yaml",
      text(`${yaml}x:\n${Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}1\n`),
    ),
    odd("YAML aliases, 10^9 nodes", "scenarios/laughs.yaml", text(laughs(9))),
    odd("YAML aliases, 10^3 nodes", "scenarios/laughs-small.yaml", text(laughs(3))),
    odd("a YAML alias to itself", "scenarios/self.yaml", text(`${yaml}x: &a [*a]\n`)),
    odd("an undefined YAML alias", "scenarios/alias.yaml", text(`${yaml}description: *nowhere\n`)),
    odd("a YAML merge key", "scenarios/merge.yaml", text(`base: &b {visibilityTimeout: 30s}\n${yaml}`.replace(/^queue:.*$/m, "queue: {<<: *b}"))),
    odd("YAML tags", "scenarios/tags.yaml", text(`${yaml}description: !!binary aGVsbG8=\n`)),
    odd("a JS function tag", "scenarios/function.yaml", text(`${yaml}description: !!js/function "function () {}"\n`)),
    odd("a timestamp duration", "scenarios/timestamp.yaml", text(yaml.replace(/^duration:.*$/m, "duration: !!timestamp 2001-12-14"))),
    odd("two YAML documents", "scenarios/two.yaml", text(`${yaml}---\n${yaml}`)),
    odd("a byte-order mark (YAML)", "scenarios/bom.yaml", text(`\uFEFF${yaml}`), true),
    odd("a byte-order mark (JSON)", "scenarios/bom.json", text(`\uFEFF${json}`), true),
    odd("CRLF line ends", "scenarios/crlf.yaml", text(yaml.replaceAll("\n", "\r\n")), true),
    odd("tabs for indentation", "scenarios/tabs.yaml", text(yaml.replace(/^ {2}/gm, "\t"))),
    odd("a NUL byte", "scenarios/nul.yaml", text(`${yaml}description: "a\u0000b"\n\u0000`)),
    odd("bytes that are not UTF-8", "scenarios/latin1.yaml", {
      base64: Buffer.concat([Buffer.from(yaml), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a])]).toString("base64"),
    }),
    odd("binary bytes", "scenarios/binary.json", { base64: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString("base64") }),
    odd("a UTF-16 file", "scenarios/utf16.yaml", { base64: Buffer.from(`\uFEFF${yaml}`, "utf16le").toString("base64") }),
    odd("10 MB of comment", "scenarios/big.yaml", text(`${yaml}#${"x".repeat(10 << 20)}\n`)),
    odd("a 1 MB key", "scenarios/bigkey.yaml", text(`${yaml}${"k".repeat(1 << 20)}: 1\n`)),
    odd("a directory", "scenarios/dir.yaml", { special: "directory" }),
    odd("a FIFO", "scenarios/fifo.yaml", { special: "fifo" }),
    odd("a link to /dev/zero", "scenarios/zero.yaml", { special: "dev-zero" }),
    odd("a missing file", "scenarios/missing.yaml", { special: "missing" }),
    odd("an unknown extension", "scenarios/scenario.txt", text(yaml)),
    odd("an upper-case extension", "scenarios/UPPER.YAML", text(yaml), true),
    odd("a name with a space", "scenarios/my scenario.yml", text(yaml), true),
    odd("a name that starts with a dash", "-dash.yaml", text(yaml)),
    odd("a path through a file", "NOTES.md/scenario.yaml", { special: "missing" }),
  ];
  return fc.constantFrom(...choices);
}

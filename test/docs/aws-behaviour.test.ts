// docs/aws-behaviour.md is the project's own, numbered account of the AWS (and Kubernetes/KEDA) behaviour the model
// follows. Code, tests, scenarios and the README cite its numbers ("aws-behaviour 6.14"; the older spelling names the
// research sheet the numbers come from), so every citation must resolve in a clone, and every rule must link to the
// public page it summarises.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const docPath = join(root, "docs/aws-behaviour.md");
const thisFile = relative(root, import.meta.filename);

/** Both spellings, built from parts so that this file does not cite anything itself. */
const KEYWORD = ["AWS" + "-FACTS", "aws" + "-behaviour"].join("|");
// A reference: a section (§5, or 6.x), a section range (§5-§7), a rule (1.26) or a rule range (1.26-1.28).
const REF = String.raw`§\d+(?:\s*[-–]\s*§\d+)?|\d+\.(?:x|\d+(?:\s*[-–]\s*\d+\.\d+)?)`;
// After the keyword: spaces, line breaks and comment markers, then references separated by commas or semicolons,
// each possibly followed by one word ("1.19 range, 1.18 default", "§1 SQS, §10 prices").
const CITATION = new RegExp(
  String.raw`(?:${KEYWORD})(?![\w.-])((?:\s|\(|\[|//|\*|#)*)((?:${REF})(?:\s+[A-Za-z]+)?(?:\s*[,;]\s*(?:${REF})(?:\s+[A-Za-z]+)?)*)`,
  "g",
);

type Ref =
  | { kind: "rule"; section: number; rule: number }
  | { kind: "rules"; section: number; from: number; to: number }
  | { kind: "sections"; from: number; to: number };

// The README also cites bare numbers in brackets ("[1.26–1.28, 12.12]", "[2.4; a model parameter]"); in code such
// brackets are mostly arrays of numbers, so this form is read in Markdown only.
const BRACKETED = new RegExp(String.raw`\[((?:${REF})(?:\s*[,;]\s*(?:${REF}))*)(?:;[^\]\n]*)?\]`, "g");

/** The references cited in a text. Backslashes are dropped first, so that regex literals in tests count too. */
function citedRefs(text: string, { bracketed = false } = {}): Ref[] {
  const plain = text.replaceAll("\\", "");
  const lists = [...plain.matchAll(CITATION)].map((m) => m[2]!);
  if (bracketed) lists.push(...[...plain.matchAll(BRACKETED)].map((m) => m[1]!));
  return lists.flatMap((list) => [...list.matchAll(new RegExp(REF, "g"))].map((ref) => parseRef(ref[0])));
}

function parseRef(ref: string): Ref {
  const sections = /^§(\d+)(?:\s*[-–]\s*§(\d+))?$/.exec(ref);
  if (sections) return { kind: "sections", from: Number(sections[1]), to: Number(sections[2] ?? sections[1]) };
  const whole = /^(\d+)\.x$/.exec(ref);
  if (whole) return { kind: "sections", from: Number(whole[1]), to: Number(whole[1]) };
  const [first, last] = ref.split(/\s*[-–]\s*/);
  const [section, from] = first!.split(".").map(Number);
  if (last === undefined) return { kind: "rule", section: section!, rule: from! };
  const [lastSection, to] = last.split(".").map(Number);
  // A range across sections cannot be checked rule by rule; it is reported as unresolvable.
  return { kind: "rules", section: lastSection === section ? section! : NaN, from: from!, to: to! };
}

function formatRef(ref: Ref): string {
  if (ref.kind === "sections") return ref.from === ref.to ? `§${ref.from}` : `§${ref.from}-§${ref.to}`;
  if (ref.kind === "rule") return `${ref.section}.${ref.rule}`;
  return `${ref.section}.${ref.from}-${ref.section}.${ref.to}`;
}

interface Doc {
  sections: Set<number>;
  /** Rule number "n.m" → the text of its entry, up to the next entry or heading. */
  entries: Map<string, string>;
  duplicates: string[];
}

/** Sections are "## n. Title" headings; a rule is a paragraph that starts with its bold number, "**n.m** …". */
function parseDoc(markdown: string): Doc {
  const doc: Doc = { sections: new Set(), entries: new Map(), duplicates: [] };
  let current: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^#{1,6}\s/.test(line);
    const section = /^##\s+(\d+)\.\s/.exec(line);
    const entry = /^\*\*(\d+\.\d+)\*\*\s/.exec(line);
    if (section) doc.sections.add(Number(section[1]));
    if (entry) {
      current = entry[1]!;
      if (doc.entries.has(current)) doc.duplicates.push(current);
      doc.entries.set(current, "");
    } else if (heading) {
      current = undefined;
    }
    if (current !== undefined) doc.entries.set(current, `${doc.entries.get(current)}${line}\n`);
  }
  return doc;
}

/** Why a reference does not resolve in the document, or undefined when it does. */
function unresolved(ref: Ref, doc: Doc): string | undefined {
  if (ref.kind === "sections") {
    if (!(ref.from <= ref.to)) return "is an empty section range";
    for (let s = ref.from; s <= ref.to; s++) if (!doc.sections.has(s)) return `has no section ${s}`;
    return undefined;
  }
  if (ref.kind === "rule") return doc.entries.has(formatRef(ref)) ? undefined : "has no entry";
  if (!Number.isInteger(ref.section)) return "spans sections";
  if (!(ref.from < ref.to)) return "is an empty rule range";
  for (let r = ref.from; r <= ref.to; r++) if (!doc.entries.has(`${ref.section}.${r}`)) return `has no entry ${ref.section}.${r}`;
  return undefined;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every place a reader may meet a citation: the code, the tests, the shipped scenarios and examples, the docs. */
function citingFiles(): string[] {
  const trees = ["src", "test", "scenarios", "examples", "docs"].map((d) => join(root, d));
  return [...trees.flatMap(filesUnder), join(root, "README.md")]
    .filter((path) => /\.(ts|js|mjs|yaml|yml|json|md)$/.test(path))
    .filter((path) => relative(root, path) !== thisFile && path !== docPath);
}

describe("citations", () => {
  it("are found in every spelling and shape the code uses", () => {
    const K = "AWS" + "-FACTS";
    const k = "aws" + "-behaviour";
    const cases: [string, string[]][] = [
      [`// ${K} 3.12`, ["3.12"]],
      [`(${k} 1.26-1.28, 1.34)`, ["1.26-1.28", "1.34"]],
      [`(${K} 1.19 range, 1.18 default)`, ["1.19", "1.18"]],
      [`(${K} §1 SQS, §10 prices).`, ["§1", "§10"]],
      [`(${K} §5-§7). */`, ["§5-§7"]],
      [`(${K} 5.14, 6.x, 7.x).`, ["5.14", "§6", "§7"]],
      [`tracking (${K}\n# 6.16): it`, ["6.16"]],
      [`/${K} 1\\.1\\] \\(queue/`, ["1.1"]],
      [`"${K} 2.4, 10.4" : "${K} 2.6, 10.4"`, ["2.4", "10.4", "2.6", "10.4"]],
      [`${K} 10.7 prices; the 0.8 is an assumption`, ["10.7"]],
      [`each cites its ${K} number. \`${K}.md\` 1.5`, []],
    ];
    for (const [text, expected] of cases) expect(citedRefs(text).map(formatRef), text).toEqual(expected);
    const markdown: [string, string[]][] = [
      ["in order [3.2-3.3]. Tiers [10.1–10.4].", ["3.2-3.3", "10.1-10.4"]],
      ["servers [2.4-2.5; a model parameter, not documented by AWS]", ["2.4-2.5"]],
      ["[1.1, 1.32, 12.2] and [0.5, 1, 2] and [link](#x)", ["1.1", "1.32", "12.2"]],
    ];
    for (const [text, expected] of markdown) {
      expect(citedRefs(text, { bracketed: true }).map(formatRef), text).toEqual(expected);
      expect(citedRefs(text).map(formatRef), text).toEqual([]);
    }
  });

  it("resolve to entries of docs/aws-behaviour.md", () => {
    const doc = parseDoc(readFileSync(docPath, "utf8"));
    const problems: string[] = [];
    let count = 0;
    for (const path of citingFiles()) {
      for (const ref of citedRefs(readFileSync(path, "utf8"), { bracketed: path.endsWith(".md") })) {
        count++;
        const why = unresolved(ref, doc);
        if (why !== undefined) problems.push(`${relative(root, path)}: ${formatRef(ref)} ${why}`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
    // The scan must have found the project's citations (several hundred today), or the check above proves nothing.
    expect(count).toBeGreaterThan(300);
  });
});

describe("docs/aws-behaviour.md", () => {
  const read = () => parseDoc(readFileSync(docPath, "utf8"));

  it("has sections 1 to 13, as the numbers cited since the first issue", () => {
    const doc = read();
    expect([...doc.sections].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it("numbers each rule once, under its own section, in order", () => {
    const doc = read();
    expect(doc.duplicates).toEqual([]);
    const numbers = [...doc.entries.keys()].map((n) => n.split(".").map(Number) as [number, number]);
    const sorted = [...numbers].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(numbers).toEqual(sorted);
    for (const [section] of numbers) expect(doc.sections.has(section), `section ${section}`).toBe(true);
  });

  it("gives every rule at least one public https:// source", () => {
    const doc = read();
    const unsourced = [...doc.entries].filter(([, text]) => !/\]\(https:\/\/[^)\s]+\)|<https:\/\/[^>\s]+>/.test(text));
    expect(unsourced.map(([n]) => n)).toEqual([]);
  });
});

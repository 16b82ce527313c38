// One of each small utility: a second copy drifts from the first (two CSV quoting rules, two ln Γ that differ in
// the last digit), so each is defined once and imported where it is needed.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tsFiles } from "./import-graph.js";

const root = resolve(import.meta.dirname, "../..");
const files = ["src", "bench", "scripts", "test"].flatMap((d) => tsFiles(resolve(root, d)));

/** The files that define a function `name` (a declaration or a const arrow), relative to the project. */
function definitionsOf(name: string): string[] {
  const definition = new RegExp(`(?:\\bfunction\\*?\\s+${name}\\s*[(<]|\\bconst\\s+${name}\\s*=\\s*(?:\\([^)]*\\)|\\w+)\\s*(?::[^=]+)?=>)`);
  return files.filter((f) => definition.test(readFileSync(f, "utf8"))).map((f) => relative(root, f));
}

describe("one of each small utility", () => {
  it.each([
    ["lnGamma", "src/engine/ln-gamma.ts"],
    ["csvField", "src/engine/csv.ts"],
    ["parseCsvRecords", "src/engine/csv.ts"],
    ["writeFileAtomically", "src/report/atomic-file.ts"],
  ])("%s is defined once, in %s", (name, file) => {
    expect(definitionsOf(name)).toEqual([file]);
  });

  it("the finder sees a function declaration and a const arrow", () => {
    expect(definitionsOf("definitionsOf")).toEqual(["test/architecture/one-of-each.test.ts"]);
    expect(definitionsOf("countLineBreaks")).toEqual(["src/engine/csv.ts"]);
  });
});

// No import cycles in the shipped code or the tools around it: each arrow between two files goes one way, so a
// file can be read, tested and moved after the files it imports.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph, tsFiles } from "./import-graph.js";

const root = resolve(import.meta.dirname, "../..");

describe("import cycles", () => {
  it("src/, bench/, scripts/ and test/ have none", () => {
    const files = ["src", "bench", "scripts", "test"].flatMap((d) => tsFiles(resolve(root, d)));
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(importGraph(root, files))).toEqual([]);
  });

  it("the finder finds a two-file cycle, a longer one and a self-import, and nothing in a chain", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["a.ts", "c.ts"]],
      ["c.ts", ["d.ts"]],
      ["d.ts", ["e.ts"]],
      ["e.ts", ["c.ts"]],
      ["f.ts", ["f.ts"]],
      ["g.ts", ["h.ts"]],
      ["h.ts", []],
    ]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts"], ["c.ts", "d.ts", "e.ts"], ["f.ts"]]);
  });
});

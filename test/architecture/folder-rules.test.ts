// The folder arrows of docs/architecture.md, held: each model folder imports only the folders it may (the model is
// layered engine ← sqs ← traffic, consumers ← scaling ← sim), and no model folder imports report/, plan/, sweep/ or
// cli/. A new arrow is a design decision: change the table here and in docs/architecture.md together.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph, tsFiles } from "./import-graph.js";

const root = resolve(import.meta.dirname, "../..");
const src = resolve(root, "src");

/** Folder → the other folders of src/ it may import. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  metrics: ["engine"],
  sqs: ["engine"],
  sns: ["engine", "sqs"],
  traffic: ["engine", "sqs", "sns"],
  consumers: ["engine", "sqs"],
  scaling: ["engine", "sqs", "consumers", "metrics"],
  scenario: ["engine", "sns"],
  sim: ["engine", "sqs", "sns", "traffic", "consumers", "scaling", "metrics", "scenario"],
};

function folderOf(path: string): string | null {
  const m = /^src\/([^/]+)\//.exec(path);
  return m === null ? null : m[1]!;
}

describe("folder rules (docs/architecture.md)", () => {
  const graph = importGraph(root, tsFiles(src));

  it("reads the whole source tree", () => {
    expect(graph.size).toBeGreaterThan(150);
  });

  it("each model folder imports only the folders it may", () => {
    const broken: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (from === null || !(from in MAY_IMPORT)) continue;
      for (const target of targets) {
        const to = folderOf(target);
        if (to === null || to === from) continue;
        if (!MAY_IMPORT[from]!.includes(to)) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

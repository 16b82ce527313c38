// Sweep inputs read back from disk (sweep.json, results.json) are bounded like scenario files, and messages about
// them quote at most a flag's length.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { definitionDifference, type SweepDefinition } from "../../src/sweep/definition.js";
import { readResultsForRecommend } from "../../src/sweep/index.js";
import { tempDir } from "./helpers.js";

const definition = (sets: string[]): SweepDefinition => ({
  format: "sqs-sim-sweep/2",
  scenario: "s",
  scenarioSha256: "0",
  sets,
  rootSeed: 1,
  vary: [],
  replications: 1,
  cells: 1,
  slos: [],
  constraints: [],
});

describe("sweep inputs on disk", () => {
  it("--resume with other --set flags names the difference in a bounded message", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `queue.x${i}=1`);
    const message = definitionDifference(definition(many), definition([])) ?? "";
    expect(message).toMatch(/^the --set overrides differ \(queue\.x0=1 queue\.x1=1 .*… \(138,889 characters\) vs none\)$/);
    expect(message.length).toBeLessThan(300);
  });

  it("recommend refuses a results.json that is not a regular file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "results.json"));
    expect(readResultsForRecommend(dir)).toBe(`${join(dir, "results.json")}: the file is a directory, not a regular file`);
  });
});

// The linter and formatter (Biome, biome.jsonc) are run by `npm run lint` and `.ci/run`, and `npm run format`
// rewrites what they cover. Held here: they cover our TypeScript and JSON, and never the files whose bytes a test or
// a user relies on (golden summaries, saved runs, shipped scenarios, the lockfile).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const biome = resolve(root, "node_modules/.bin/biome");

/** How many of `paths` Biome formats (whether or not they would change), by its own count. */
function formattedCount(paths: readonly string[]): number {
  const run = spawnSync(biome, ["format", "--reporter=json", ...paths], { cwd: root, encoding: "utf8" });
  expect(run.error).toBeUndefined();
  const report = JSON.parse(run.stdout) as { summary: { changed: number; unchanged: number } };
  return report.summary.changed + report.summary.unchanged;
}

describe("lint and format scope (biome.jsonc)", () => {
  it("covers our code: sources, tests, benchmarks, scripts and the JSON configs", () => {
    const ours = ["src/engine/kernel.ts", "test/golden/golden.test.ts", "bench/run-all.ts", "scripts/update-golden.ts", "tsconfig.json", "package.json"];
    expect(formattedCount(ours)).toBe(ours.length);
  });

  it("leaves alone the files whose bytes matter", () => {
    const kept = [
      "test/golden/default.summary.json",
      "test/fixtures/saved-before-issue-12/run-fifo/summary.json",
      "test/fixtures/saved-before-issue-12/sweep-old/cells/000000.json",
      "package-lock.json",
    ];
    expect(formattedCount(kept)).toBe(0);
  });

  it("runs in CI after the tests, as npm run lint (lint and format check)", () => {
    const scripts = (JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.lint).toBe("biome check --error-on-warnings .");
    expect(scripts.format).toBe("biome format --write .");
    const ci = readFileSync(resolve(root, ".ci/run"), "utf8");
    expect(ci).toMatch(/^npm test\n(?:#.*\n)*npm run lint\n/m);
  });
});

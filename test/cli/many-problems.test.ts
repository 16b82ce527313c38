// Thousands of flags, thousands of problems: handled in time linear in their number, and printed as the first 50
// and a count. (No timing assertion: a quadratic cost shows as the test timing out, 30,000 flags took ~140 s.)
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { collect } from "../../src/cli/collect.js";
import { runCli } from "../../src/cli/program.js";
import { problemsText } from "../../src/cli/problems.js";
import { capture, expectObjectPrototypeIntact, tempDir } from "./cli-helpers.js";

const STEADY = join(resolve(import.meta.dirname, "../.."), "scenarios", "steady-orders.yaml");
const FLAGS = 30_000;

afterEach(() => expectObjectPrototypeIntact());

describe("many --set flags and many problems", () => {
  it(`validate with ${FLAGS.toLocaleString("en-US")} bad --set flags prints 50 problems and counts the rest`, async () => {
    const sets = Array.from({ length: FLAGS }, (_, i) => ["--set", `queue.nosuch${i}=1`]).flat();
    const { io, err } = capture(tempDir());
    expect(await runCli(["validate", STEADY, ...sets], io)).toBe(2);
    const lines = err
      .join("")
      .split("\n")
      .filter((l) => l !== "");
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/steady-orders\.yaml: queue\.nosuch0: unknown key \(expected one of: type, .*\) \(from --set queue\.nosuch0=1\)$/);
    expect(lines[49]).toMatch(/: queue\.nosuch49: unknown key/);
    expect(lines[50]).toBe("… and 29,950 more problems");
  });

  it("sweep and explain print problems the same way", async () => {
    const sets = Array.from({ length: 60 }, (_, i) => ["--set", `queue.nosuch${i}=1`]).flat();
    for (const command of [
      ["sweep", STEADY, "--out", "o"],
      ["explain", STEADY],
    ]) {
      const { io, err } = capture(tempDir());
      expect(await runCli([...command, ...sets], io)).toBe(2);
      const lines = err
        .join("")
        .split("\n")
        .filter((l) => l !== "");
      expect(lines).toHaveLength(51);
      expect(lines[50]).toBe("… and 10 more problems");
    }
  });

  it("problemsText shows up to 50 lines as they are, and cuts a line no message should have", () => {
    expect(problemsText(["a", "b"])).toBe("a\nb\n");
    expect(
      problemsText(Array.from({ length: 51 }, (_, i) => `p${i}`))
        .split("\n")
        .slice(-2),
    ).toEqual(["… and 1 more problem", ""]);
    expect(problemsText(["x".repeat(10_000)])).toBe(`${"x".repeat(2000)}… (10,000 characters)\n`);
  });

  it("collect adds to the list it is given, without copying it (commander's default aside)", () => {
    const defaultList: string[] = [];
    const list = collect("a", defaultList);
    expect(defaultList).toEqual([]);
    expect(collect("b", list)).toBe(list);
    expect(list).toEqual(["a", "b"]);
  });
});

// Issue 12 §9: validate and run print preflight's estimate of the events a run takes (an upper bound), and run the
// events it did take beside it.
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { capture, tempDir, writeScenario } from "./cli-helpers.js";

describe("the event estimate", () => {
  it("validate prints it on the ok line, with limits.maxEvents", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const c = capture(dir);
    expect(await runCli(["validate", file], c.io)).toBe(0);
    expect(c.out.join("")).toMatch(/^\S+small\.yaml: ok \(small-run\) · up to about [\d,]+ events \(limits\.maxEvents 2,000,000,000\)\n$/);
  });

  it("run prints the events taken and the estimate, which bounds them", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const c = capture(dir);
    expect(await runCli(["run", file, "--no-charts", "--out", "o"], c.io)).toBe(0);
    const head = c.out.join("").split("\n")[0]!;
    const match = /· ([\d,]+) events, estimated up to about ([\d,]+) events \(limits\.maxEvents 2,000,000,000\)$/.exec(head);
    expect(match, head).not.toBeNull();
    const [taken, estimate] = [match![1]!, match![2]!].map((n) => Number(n.replaceAll(",", "")));
    expect(taken).toBeGreaterThan(0);
    expect(estimate).toBeGreaterThanOrEqual(taken!);
  });
});

// Runs and sweeps saved by sqs-sim before issue 12 (test/fixtures/saved-before-issue-12, written at commit 09c03b9)
// still load: their scenario.json holds keys this version refuses in a scenario file (shortPollSampleFraction, a
// standard queue's highThroughputPartitions), their summaries lack the censored figures, their cells lack figures
// added since. report, compare and merge read them all (they exited 2 before the review of issue 12).
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cliIn, tempDir } from "../cli/cli-helpers.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/saved-before-issue-12");

function copy(): string {
  const dir = tempDir();
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

const cli = cliIn;

describe("work saved before issue 12", () => {
  it("report redraws an old run, its latency without the figures it did not have", async () => {
    const dir = copy();
    const r = await cli(dir, ["report", "run-standard"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, "run-standard", "report.html"), "utf8");
    expect(html).toContain("queue wait p99");
    expect(html).not.toContain("send delay");
  });

  it("compare puts an old standard run beside an old FIFO run and says what differs", async () => {
    const dir = copy();
    const r = await cli(dir, ["compare", "run-standard", "run-fifo", "--out", "cmp"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^differs: duration \(10m \| 5m\), queue\.type \(standard \| fifo\)/);
  });

  it("merge and report read an old sweep whose cells lack the figures added since", async () => {
    const dir = copy();
    const merged = await cli(dir, ["merge", "sweep-old", "--out", "merged", "--quiet"]);
    expect(merged.err).toBe("");
    expect(merged.code).toBe(0);
    const csv = readFileSync(join(dir, "merged", "results.csv"), "utf8").split("\n");
    const header = csv[0]!.split(",");
    const row = csv[1]!.split(",");
    // A figure the old cells lack is empty, not 0.
    expect(row[header.indexOf("waiting_at_end_msgs_mean")]).toBe("");
    expect(row[header.indexOf("queue_wait_p99_s_mean")]).not.toBe("");
    const redrawn = await cli(dir, ["report", "sweep-old"]);
    expect(redrawn.code).toBe(0);
    expect(existsSync(join(dir, "sweep-old", "report.html"))).toBe(true);
  });
});

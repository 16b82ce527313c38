// The sweep report on the command line: written by a whole sweep and by merge, left out by a shard and by
// --no-charts, drawn again in place by `sqs-sim report <sweep-dir>` (byte for byte), refused where it cannot be.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, readTree, tempDir, writeTiny } from "./helpers.js";

const GRID = ["--vary", "fleet.instances=1,2", "--replications", "2", "--seed", "3", "--workers", "1"];

describe("the sweep report from the command line", () => {
  let dir: string;
  let file: string;
  let whole: Record<string, string>;

  beforeAll(async () => {
    dir = tempDir();
    file = writeTiny(dir);
    const run = await cli(dir, ["sweep", file, ...GRID, "--slo", "queueWait.p99<=30s", "--out", "whole"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    whole = readTree(join(dir, "whole"));
  });

  it("a one-parameter sweep draws the scatter and the chart by its parameter, and report.html shows both", () => {
    expect(Object.keys(whole).filter((n) => n.startsWith("charts/"))).toEqual(["charts/by-parameter.png", "charts/cost-vs-p99.png"]);
    const html = whole["report.html"]!;
    expect(html).toContain("<title>Sweep: tiny</title>");
    expect(html).toContain('data-chart-id="cost-vs-p99"');
    expect(html).toContain('data-chart-id="by-parameter"');
    expect(html.match(/<tr[^>]*><td data-sort="\d+">/g)).toHaveLength(2); // a row per cell
    expect(html).toContain("queueWait.p99&lt;=30s");
  });

  it("--no-charts writes the results without charts/ and report.html", async () => {
    const run = await cli(dir, ["sweep", file, ...GRID, "--slo", "queueWait.p99<=30s", "--no-charts", "--out", "bare"]);
    expect(run.code).toBe(0);
    expect(run.out).not.toContain("report.html");
    expect(readdirSync(join(dir, "bare")).sort()).toEqual(["cells", "recommendation.json", "results.csv", "results.json", "sweep.json"]);
    // The results themselves do not depend on it.
    expect(readTree(join(dir, "bare"))["results.csv"]).toBe(whole["results.csv"]);
  });

  it("`sqs-sim report <sweep-dir>` draws the missing report of a --no-charts sweep, identical to a sweep's own", async () => {
    const run = await cli(dir, ["report", "bare"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toBe("report: bare/report.html\n");
    expect(readTree(join(dir, "bare"))).toEqual(whole);
  });

  it("redraws in place, replacing a stale chart, and refuses --out", async () => {
    writeFileSync(join(dir, "whole", "charts", "heatmap-total-cost.png"), "stale");
    expect((await cli(dir, ["report", "whole", "-q"])).code).toBe(0);
    expect(readTree(join(dir, "whole"))).toEqual(whole);
    const out = await cli(dir, ["report", "whole", "--out", "copy"]);
    expect(out.code).toBe(2);
    expect(out.err).toBe("sqs-sim: --out: whole is a sweep; its report is drawn again in place (copy the directory first to keep the old one)\n");
    expect(existsSync(join(dir, "copy"))).toBe(false);
  });

  it("a shard writes no report (the Pareto front needs every cell), merge writes the whole sweep's, byte for byte", async () => {
    for (const i of [0, 1]) {
      expect((await cli(dir, ["sweep", file, ...GRID, "--slo", "queueWait.p99<=30s", "--shard", `${i}/2`, "--out", `part${i}`, "-q"])).code).toBe(0);
    }
    expect(readdirSync(join(dir, "part0")).sort()).toEqual(["cells", "results.csv", "results.json", "sweep.json"]);
    const report = await cli(dir, ["report", "part0"]);
    expect(report.code).toBe(2);
    expect(report.err).toBe("sqs-sim: part0 holds shard 0/2 of a sweep; its report needs the whole grid: merge the shards (sqs-sim merge), which draws it\n");
    expect((await cli(dir, ["merge", "part0", "part1", "--out", "merged", "-q"])).code).toBe(0);
    expect(readTree(join(dir, "merged"))).toEqual(whole);
    expect((await cli(dir, ["merge", "part0", "part1", "--out", "merged-bare", "--no-charts", "-q"])).code).toBe(0);
    expect(existsSync(join(dir, "merged-bare", "report.html")) || existsSync(join(dir, "merged-bare", "charts"))).toBe(false);
  });

  it("names a broken sweep.json, and --no-charts on a finished sweep leaves no old report.html behind", async () => {
    mkdirSync(join(dir, "broken"));
    writeFileSync(join(dir, "broken", "sweep.json"), '{"format":1}');
    const broken = await cli(dir, ["report", "broken"]);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^sqs-sim: \S*broken\/sweep\.json: not a sweep definition: format is 1, expected "sqs-sim-sweep\/2"\n$/);

    expect((await cli(dir, ["sweep", file, ...GRID, "--out", "redo", "-q"])).code).toBe(0);
    expect(existsSync(join(dir, "redo", "report.html"))).toBe(true);
    expect((await cli(dir, ["sweep", file, ...GRID, "--out", "redo", "--resume", "--no-charts", "-q"])).code).toBe(0);
    expect(readdirSync(join(dir, "redo")).sort()).toEqual(["cells", "results.csv", "results.json", "sweep.json"]);
  });

  it("refuses an unfinished sweep, and a later sweep into the directory clears the old report", async () => {
    const unfinished = join(dir, "unfinished");
    expect((await cli(dir, ["sweep", file, ...GRID, "--out", "unfinished", "-q"])).code).toBe(0);
    rmSync(join(unfinished, "results.json"));
    const run = await cli(dir, ["report", "unfinished"]);
    expect(run.code).toBe(2);
    expect(run.err).toBe("sqs-sim: unfinished is an unfinished sweep; finish it with `sqs-sim sweep … --resume` first\n");

    // A finished two-parameter sweep replaced by a one-parameter one: no heatmap of the old grid stays behind.
    expect(
      (
        await cli(dir, [
          "sweep",
          file,
          "--vary",
          "fleet.instances=1,2",
          "--vary",
          "queue.visibilityTimeout=5s,10s",
          "-n",
          "1",
          "--workers",
          "1",
          "--out",
          "again",
          "-q",
        ])
      ).code,
    ).toBe(0);
    expect(readdirSync(join(dir, "again", "charts"))).toContain("heatmap-total-cost.png");
    expect((await cli(dir, ["sweep", file, ...GRID, "--out", "again", "-q"])).code).toBe(0);
    expect(readdirSync(join(dir, "again", "charts")).sort()).toEqual(["by-parameter.png", "cost-vs-p99.png"]);
  });
});

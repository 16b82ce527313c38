// `sqs-sim run` on a scenario in the architecture format writes its report; `sqs-sim report` draws it again.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replacePngRendererLoader } from "../../src/report/render-png.js";
import { formatInt, formatUsd } from "../../src/report/summary-tables.js";
import { type ArchitectureSummary } from "../../src/sim/architecture-result.js";
import { SHOP_YAML } from "../report/architecture/architecture-fixture.js";
import { cliIn, tempDir, writeScenario } from "./cli-helpers.js";

const DATA_FILES = ["activities.csv", "scenario.json", "summary.json", "timeseries.csv"];

async function architectureRun(extra: string[] = []): Promise<{ dir: string; out: string; stdout: string; stderr: string }> {
  const dir = tempDir();
  const file = writeScenario(dir, SHOP_YAML, "shop.yaml");
  const run = await cliIn(dir, ["run", file, "--out", "out", ...extra]);
  expect(run.err.replace(/sqs-sim: warning: the charts were not drawn as PNG images[^\n]*\n/, "")).toBe("");
  expect(run.code).toBe(0);
  return { dir, out: join(dir, "out"), stdout: run.out, stderr: run.err };
}

describe("sqs-sim run on an architecture", () => {
  it("writes report.html and report.md beside the data files, and says where the report is, without a note", async () => {
    const { out, stdout } = await architectureRun();
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining([...DATA_FILES, "report.html", "report.md"]));
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<svg class="topology"');
    expect(html).toContain('id="queue-billing"');
    expect(stdout).toContain(`written to out · open ${join("out", "report.html")}\n`);
    expect(stdout).not.toContain("note:");
    expect(stdout).not.toContain("not drawn");
  });

  it("writes no report with --no-charts, and says only where the files are", async () => {
    const { out, stdout } = await architectureRun(["--no-charts"]);
    expect(readdirSync(out).sort()).toEqual(DATA_FILES);
    expect(stdout).toContain("written to out\n");
  });
});

describe("sqs-sim report on an architecture run", () => {
  it("draws the report again in place from the data files", async () => {
    const { dir, out } = await architectureRun();
    const md = readFileSync(join(out, "report.md"), "utf8");
    for (const name of ["report.html", "report.md", "charts"]) rmSync(join(out, name), { recursive: true, force: true });
    const redraw = await cliIn(dir, ["report", "out"]);
    expect(redraw.code).toBe(0);
    expect(redraw.out).toBe(`report: ${join("out", "report.html")}\n`);
    expect(readFileSync(join(out, "report.md"), "utf8")).toBe(md);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain('<svg class="topology"');
  });

  it("draws it into a copy of the run with --out: the data files and the report", async () => {
    const { dir } = await architectureRun(["--no-charts"]);
    const redraw = await cliIn(dir, ["report", "out", "--out", "copy"]);
    expect(redraw.code).toBe(0);
    expect(readdirSync(join(dir, "copy")).sort()).toEqual(expect.arrayContaining([...DATA_FILES, "report.html", "report.md"]));
    for (const name of DATA_FILES) expect(readFileSync(join(dir, "copy", name), "utf8")).toBe(readFileSync(join(dir, "out", name), "utf8"));
  });

  it("refuses a run whose scenario.json is missing, naming the file (exit 2)", async () => {
    const { dir, out } = await architectureRun(["--no-charts"]);
    rmSync(join(out, "scenario.json"));
    const redraw = await cliIn(dir, ["report", "out"]);
    expect(redraw.code).toBe(2);
    expect(redraw.err).toBe(`sqs-sim: ${join("out", "scenario.json")}: missing; the run directory is incomplete (run the scenario again to rewrite it)\n`);
    expect(existsSync(join(out, "report.html"))).toBe(false);
  });
});

describe("sqs-sim run on an architecture without the optional chart packages", () => {
  let restore: () => void;
  beforeAll(() => {
    restore = replacePngRendererLoader(() => {
      throw Object.assign(new Error("Cannot find module 'chartjs-node-canvas'"), { code: "MODULE_NOT_FOUND" });
    });
  });
  afterAll(() => restore());

  it("writes report.html and report.md without PNGs, says so in report.md, and warns once as a single-queue run does", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SHOP_YAML, "shop.yaml");
    const run = await cliIn(dir, ["run", file, "--out", "out"]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^sqs-sim: warning: the charts were not drawn as PNG images \(charts\/\*\.png\): .*then `sqs-sim report out`\.\n$/);
    expect(readdirSync(join(dir, "out")).sort()).toEqual([...DATA_FILES, "report.html", "report.md"].sort());
    const md = readFileSync(join(dir, "out", "report.md"), "utf8");
    expect(md).not.toContain(".png");
    expect(md).toContain("## Charts\n\nThe charts are not here as PNG images: the optional package chartjs-node-canvas could not be loaded");
  });

  it("compares architecture runs without PNGs, says so in report.md, and warns once", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SHOP_YAML, "shop.yaml");
    for (const out of ["a", "b"]) expect((await cliIn(dir, ["run", file, "--out", out, "--no-charts", "--quiet"])).code).toBe(0);
    const compare = await cliIn(dir, ["compare", "a", "b", "--out", "cmp"]);
    expect(compare.code).toBe(0);
    expect(compare.err).toMatch(/^sqs-sim: warning: the charts were not drawn as PNG images \(charts\/\*\.png\): .*compare the runs again\.\n$/);
    expect(readdirSync(join(dir, "cmp")).sort()).toEqual(["comparison.json", "report.html", "report.md"]);
    const md = readFileSync(join(dir, "cmp", "report.md"), "utf8");
    expect(md).not.toContain(".png");
    expect(md).toContain("## Charts\n\nThe charts are not here as PNG images: the optional package chartjs-node-canvas could not be loaded");
    expect(readFileSync(join(dir, "cmp", "report.html"), "utf8")).toContain('data-chart-id="queue.billing.compare-backlog"');
  });
});

describe("sqs-sim compare of architecture runs", () => {
  /** Two runs of the shop in one directory, the second with one field set otherwise: `a` and `b`. */
  async function twoRuns(): Promise<string> {
    const dir = tempDir();
    const file = writeScenario(dir, SHOP_YAML, "shop.yaml");
    for (const [out, extra] of [
      ["a", []],
      ["b", ["--set", "consumers.receipt-workers.fleet.instances=2"]],
    ] as const) {
      const run = await cliIn(dir, ["run", file, "--out", out, "--no-charts", "--quiet", ...extra]);
      expect(run.code).toBe(0);
    }
    return dir;
  }
  const summaryOf = (dir: string, run: string) => JSON.parse(readFileSync(join(dir, run, "summary.json"), "utf8")) as ArchitectureSummary;

  it("writes the comparison into its own directory, says what differs by name, and exits 0", async () => {
    const dir = await twoRuns();
    const compare = await cliIn(dir, ["compare", "a", "b", "--out", "cmp"]);
    expect(compare.err.replace(/sqs-sim: warning: the charts were not drawn as PNG images[^\n]*\n/, "")).toBe("");
    expect(compare.code).toBe(0);
    expect(compare.out).toBe(`differs: consumers.receipt-workers.fleet.instances (1 | 2)\ncomparison: ${join("cmp", "report.html")}\n`);
    const entries = readdirSync(join(dir, "cmp"));
    expect(entries).toEqual(expect.arrayContaining(["comparison.json", "report.html", "report.md"]));
    const md = readFileSync(join(dir, "cmp", "report.md"), "utf8");
    const [a, b] = [summaryOf(dir, "a"), summaryOf(dir, "b")];
    expect(md).toContain(`| total | ${formatUsd(a.cost.totalUsd)} | ${formatUsd(b.cost.totalUsd)} |\n`);
    expect(md).toContain(`### pool receipt-workers\n\n|  | a | b |\n| --- | --: | --: |\n| reads queue | receipts | receipts |\n`);
    expect(md).toContain(
      `| processed | ${formatInt(a.consumers["receipt-workers"]!.consumers.processed)} | ${formatInt(b.consumers["receipt-workers"]!.consumers.processed)} |\n`,
    );
    expect(md).toContain(
      `| cost (compute) | ${formatUsd(a.consumers["receipt-workers"]!.costUsd)} | ${formatUsd(b.consumers["receipt-workers"]!.costUsd)} |\n`,
    );
    const html = readFileSync(join(dir, "cmp", "report.html"), "utf8");
    expect(html).toContain('data-chart-id="queue.receipts.compare-backlog"');
    expect(html).toContain('data-chart-id="pool.receipt-workers.compare-instances"');
    if (entries.includes("charts")) expect(readdirSync(join(dir, "cmp", "charts"))).toContain("queue.receipts.compare-backlog.png");
  });

  it("writes byte-identical files when run twice", async () => {
    const dir = await twoRuns();
    for (const out of ["one", "two"]) expect((await cliIn(dir, ["compare", "a", "b", "--out", out, "--quiet"])).code).toBe(0);
    const files = (root: string): string[] =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
        .sort();
    expect(files(join(dir, "two"))).toEqual(files(join(dir, "one")));
    expect(files(join(dir, "one"))).toEqual(expect.arrayContaining(["comparison.json", "report.html", "report.md"]));
    for (const name of files(join(dir, "one"))) expect(readFileSync(join(dir, "two", name)).equals(readFileSync(join(dir, "one", name))), name).toBe(true);
  });

  it("refuses an architecture run beside a single-queue run in one line naming both directories (exit 2)", async () => {
    const { dir } = await architectureRun(["--no-charts"]);
    const single = await cliIn(dir, ["run", writeScenario(dir), "--out", "single", "--no-charts", "--quiet"]);
    expect(single.code).toBe(0);
    for (const order of [
      ["single", "out"],
      ["out", "single"],
    ]) {
      const compare = await cliIn(dir, ["compare", ...order, "--out", "cmp"]);
      expect(compare.code).toBe(2);
      expect(compare.err).toBe(
        "sqs-sim: out is a run of the architecture format (topics, queues, pools) and single a single-queue run: compare runs of one format\n",
      );
      expect(existsSync(join(dir, "cmp"))).toBe(false);
    }
  });
});

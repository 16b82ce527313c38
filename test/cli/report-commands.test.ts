import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { comparisonDirName, directoryLabels } from "../../src/cli/report-commands.js";
import { capture, PNG_SIGNATURE, tempDir, writeScenario } from "./cli-helpers.js";

const DATA_FILES = ["activities.csv", "latency-histograms.json", "scenario.json", "summary.json", "timeseries.csv"];

/** Saved runs (data files only, as --no-charts writes them) under one temporary directory. */
async function savedRuns(...runs: { out: string; sets?: string[] }[]): Promise<string> {
  const dir = tempDir();
  const file = writeScenario(dir);
  const { io, err } = capture(dir);
  for (const run of runs) {
    const sets = (run.sets ?? []).flatMap((s) => ["--set", s]);
    const code = await runCli(["run", file, "--out", run.out, "--quiet", "--no-charts", ...sets], io);
    if (code !== 0) throw new Error(err.join(""));
  }
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => [f, readFileSync(join(dir, f), "latin1")]),
  );
}

function expectPngs(chartsDir: string): string[] {
  const pngs = readdirSync(chartsDir);
  expect(pngs.length).toBeGreaterThan(2);
  for (const png of pngs) expect(readFileSync(join(chartsDir, png)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return pngs;
}

describe("sqs-sim report <run-dir>", () => {
  it("draws charts, report.html and report.md into the run directory, leaving its data files byte for byte", async () => {
    const dir = await savedRuns({ out: "run" });
    const before = snapshot(join(dir, "run"));
    const { io, out, err } = capture(dir);
    expect(await runCli(["report", "run"], io)).toBe(0);
    expect(err.join("")).toBe("");
    expect(out.join("")).toBe("report: run/report.html\n");
    expect(readdirSync(join(dir, "run")).sort()).toEqual(["charts", ...DATA_FILES, "report.html", "report.md"].sort());
    for (const [name, content] of Object.entries(before)) expect(readFileSync(join(dir, "run", name), "latin1")).toBe(content);
    const pngs = expectPngs(join(dir, "run", "charts"));
    const md = readFileSync(join(dir, "run", "report.md"), "utf8");
    for (const png of pngs) expect(md).toContain(`](charts/${png})`);
    expect(readFileSync(join(dir, "run", "report.html"), "utf8")).toContain("small-run");
    expect(readdirSync(dir).sort()).toEqual(["run", "small.yaml"]); // no staging directory left behind
  });

  it("drawn again, drops a chart file that is no longer drawn and keeps files of the user's", async () => {
    const dir = await savedRuns({ out: "run" });
    const { io } = capture(dir);
    expect(await runCli(["report", "run", "--quiet"], io)).toBe(0);
    writeFileSync(join(dir, "run", "charts", "retired-chart.png"), "old");
    writeFileSync(join(dir, "run", "notes.txt"), "mine");
    expect(await runCli(["report", "run", "--quiet"], io)).toBe(0);
    expect(existsSync(join(dir, "run", "charts", "retired-chart.png"))).toBe(false);
    expect(readFileSync(join(dir, "run", "notes.txt"), "utf8")).toBe("mine");
  });

  it("--out writes a copy of the run with its report there and leaves the run as it was", async () => {
    const dir = await savedRuns({ out: "run" });
    const { io, out } = capture(dir);
    expect(await runCli(["report", "run", "--out", "copy"], io)).toBe(0);
    expect(out.join("")).toBe("report: copy/report.html\n");
    expect(readdirSync(join(dir, "run")).sort()).toEqual(DATA_FILES);
    expect(readdirSync(join(dir, "copy")).sort()).toEqual(["charts", ...DATA_FILES, "report.html", "report.md"].sort());
    expect(readFileSync(join(dir, "copy", "summary.json"), "utf8")).toBe(readFileSync(join(dir, "run", "summary.json"), "utf8"));
  });

  it("exits 2 naming the directory when it is missing or not a run directory, and changes nothing", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine", "notes.txt"), "keep me");
    const { io, out, err } = capture(dir);
    expect(await runCli(["report", "mine"], io)).toBe(2);
    expect(await runCli(["report", "nope"], io)).toBe(2);
    expect(out.join("")).toBe("");
    expect(err.join("")).toBe("sqs-sim: mine is not an sqs-sim run directory (it has no summary.json)\nsqs-sim: nope: no such directory\n");
    expect(readdirSync(join(dir, "mine"))).toEqual(["notes.txt"]);
    expect(readdirSync(dir)).toEqual(["mine"]);
  });

  it("exits 2 naming the file when the run directory is incomplete, and writes nothing", async () => {
    const dir = await savedRuns({ out: "run" });
    rmSync(join(dir, "run", "timeseries.csv"));
    const { io, err } = capture(dir);
    expect(await runCli(["report", "run"], io)).toBe(2);
    expect(err.join("")).toMatch(/^sqs-sim: run\/timeseries\.csv: missing; /);
    expect(readdirSync(join(dir, "run")).sort()).toEqual(DATA_FILES.filter((f) => f !== "timeseries.csv"));
  });

  it("refuses an --out that is the user's own folder or lies inside the run", async () => {
    const dir = await savedRuns({ out: "run" });
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine", "notes.txt"), "keep me");
    const { io, err } = capture(dir);
    expect(await runCli(["report", "run", "--out", "mine"], io)).toBe(2);
    expect(await runCli(["report", "run", "--out", "run/inner"], io)).toBe(2);
    expect(err.join("")).toContain("sqs-sim: --out: mine exists and is not empty; choose a new or empty directory, so that nothing of yours is replaced\n");
    expect(err.join("")).toContain("sqs-sim: --out: run/inner lies inside run or holds it; choose a directory apart from the run");
    expect(readdirSync(join(dir, "mine"))).toEqual(["notes.txt"]);
    expect(readdirSync(join(dir, "run")).sort()).toEqual(DATA_FILES);
  });
});

describe("sqs-sim compare <run-dir> <run-dir> …", () => {
  it("writes charts, report.html, report.md and comparison.json to reports/compare-<a>-vs-<b>/, naming every run", async () => {
    const dir = await savedRuns({ out: "two" }, { out: "one", sets: ["fleet.instances=1"] });
    const { io, out, err } = capture(dir);
    expect(await runCli(["compare", "two", "one"], io)).toBe(0);
    expect(err.join("")).toBe("");
    const target = join(dir, "reports", "compare-two-vs-one");
    expect(out.join("")).toBe("differs: fleet.instances (2 | 1)\ncomparison: reports/compare-two-vs-one/report.html\n");
    expect(readdirSync(target).sort()).toEqual(["charts", "comparison.json", "report.html", "report.md"]);
    expectPngs(join(target, "charts"));
    const html = readFileSync(join(target, "report.html"), "utf8");
    const md = readFileSync(join(target, "report.md"), "utf8");
    for (const label of ["two", "one"]) {
      expect(html).toContain(label);
      expect(md).toContain(`| ${label} | small-run | 1 |`);
    }
    expect(html).toContain(`<p class="differs"><strong>Differs:</strong> <code>fleet.instances</code> (2 | 1)</p>`);
    expect(md).toContain("Differs: `fleet.instances` (2 | 1)\n");
    expect(JSON.parse(readFileSync(join(target, "comparison.json"), "utf8")).runs.map((r: { directory: string }) => r.directory)).toEqual([
      join(dir, "two"),
      join(dir, "one"),
    ]);
  });

  it("tells apart runs in directories of the same name, and replaces its own earlier comparison", async () => {
    const dir = await savedRuns({ out: "a/run" }, { out: "b/run", sets: ["seed=2"] });
    const { io, out } = capture(dir);
    expect(await runCli(["compare", "a/run", "b/run", "--out", "cmp", "--quiet"], io)).toBe(0);
    expect(await runCli(["compare", "a/run", "b/run", "--out", "cmp", "--quiet"], io)).toBe(0);
    expect(out.join("")).toBe("");
    expect(await runCli(["compare", "a/run", "b/run", "--out", "cmp"], io)).toBe(0);
    expect(out.join("")).toBe("differs: seed (1 | 2)\ncomparison: cmp/report.html\n");
    const md = readFileSync(join(dir, "cmp", "report.md"), "utf8");
    expect(md.split("\n")[0]).toBe("# Comparison: a/run vs b/run");
    expect(md).toContain("|  | a/run | b/run |");
  });

  it("exits 2 naming every directory that is not a run, and writes nothing", async () => {
    const dir = await savedRuns({ out: "run" });
    mkdirSync(join(dir, "mine"));
    const { io, err } = capture(dir);
    expect(await runCli(["compare", "run", "mine", "nope"], io)).toBe(2);
    expect(err.join("")).toBe("sqs-sim: mine is not an sqs-sim run directory (it has no summary.json)\nsqs-sim: nope: no such directory\n");
    expect(await runCli(["compare", "run"], io)).toBe(2);
    expect(err.join("")).toContain("compare needs at least two run directories");
    expect(existsSync(join(dir, "reports"))).toBe(false);
  });

  it("refuses an --out that is the user's folder or one of the runs compared", async () => {
    const dir = await savedRuns({ out: "a" }, { out: "b" });
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine", "notes.txt"), "keep me");
    const { io, err } = capture(dir);
    expect(await runCli(["compare", "a", "b", "--out", "mine"], io)).toBe(2);
    expect(await runCli(["compare", "a", "b", "--out", "b"], io)).toBe(2);
    expect(err.join("")).toContain(
      "sqs-sim: --out: mine exists and is not an sqs-sim comparison directory (it has no comparison.json that sqs-sim wrote); " +
        "choose a new or empty directory, so that nothing of yours is replaced\n",
    );
    expect(err.join("")).toContain("sqs-sim: --out: b would replace or hold the run directory b; choose another directory");
    expect(readdirSync(join(dir, "mine"))).toEqual(["notes.txt"]);
    expect(readdirSync(join(dir, "b")).sort()).toEqual(DATA_FILES);
  });
});

describe("naming compared runs", () => {
  it("labels runs by directory name, adding parent folders where names repeat and a position for the same directory twice", () => {
    expect(directoryLabels(["/r/fast", "/r/slow"])).toEqual(["fast", "slow"]);
    expect(directoryLabels(["/x/a/run", "/x/b/run", "/x/c"])).toEqual(["a/run", "b/run", "c"]);
    expect(directoryLabels(["/r/run", "/r/run"])).toEqual(["r/run #1", "r/run #2"]);
  });

  it("names the comparison directory after the first three runs, in characters safe for a path, cut to length", () => {
    expect(comparisonDirName(["a", "b"])).toBe("compare-a-vs-b");
    expect(comparisonDirName(["x/run", "y run!", "c", "d", "e"])).toBe("compare-x-run-vs-y-run-vs-c-and-2-more");
    expect(comparisonDirName(["a".repeat(60), "b"])).toBe(`compare-${"a".repeat(24)}-vs-b`);
  });
});

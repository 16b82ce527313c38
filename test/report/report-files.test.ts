import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeDirectoryAtomically } from "../../src/report/atomic-dir.js";
import { COMPARISON_LAYOUT, RUN_LAYOUT } from "../../src/report/layouts.js";
import { replaceRefusal } from "../../src/report/owned-dir.js";
import { buildCharts, buildComparisonCharts } from "../../src/report/charts/index.js";
import { compareFiles, reportFiles } from "../../src/report/report-files.js";
import { PNG_SIGNATURE, SMALL_YAML, simulateYaml, tempDir } from "./saved-run-fixture.js";

/** The smallest summary.json that marks a directory as a run's. */
const SUMMARY = JSON.stringify({ messages: {}, requests: {}, latency: {}, consumers: {}, fleet: {}, cost: {} });

function isPng(content: string | Uint8Array): boolean {
  return typeof content !== "string" && Buffer.from(content.subarray(0, 8)).equals(PNG_SIGNATURE);
}

describe("reportFiles", () => {
  const run = simulateYaml(SMALL_YAML).data;
  const files = reportFiles(run);
  const byName = new Map(files.map((f) => [f.name, f.content]));

  it("has a PNG under charts/ for every chart of buildCharts, then report.html and report.md", () => {
    const ids = buildCharts(run).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(files.map((f) => f.name)).toEqual([...ids.map((id) => `charts/${id}.png`), "report.html", "report.md"]);
    for (const id of ids) expect(isPng(byName.get(`charts/${id}.png`)!)).toBe(true);
  });

  it("report.md shows exactly the charts written; report.html names the scenario", () => {
    const md = byName.get("report.md") as string;
    const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toEqual(files.filter((f) => f.name.startsWith("charts/")).map((f) => f.name));
    expect(byName.get("report.html")).toContain("small-run");
  });
});

describe("compareFiles", () => {
  const a = simulateYaml(SMALL_YAML).data;
  const b = simulateYaml(SMALL_YAML, ["fleet.instances=1"]).data;
  const runs = [
    { label: "two-instances", directory: "/runs/a", run: a },
    { label: "one-instance", directory: "/runs/b", run: b },
  ];
  const files = compareFiles(runs);
  const byName = new Map(files.map((f) => [f.name, f.content]));

  it("has the comparison charts as PNGs, report.html and report.md naming every run, and comparison.json", () => {
    const ids = buildComparisonCharts([a, b], ["two-instances", "one-instance"]).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(2);
    expect(files.map((f) => f.name)).toEqual([...ids.map((id) => `charts/${id}.png`), "report.html", "report.md", "comparison.json"]);
    for (const id of ids) expect(isPng(byName.get(`charts/${id}.png`)!)).toBe(true);
    for (const label of ["two-instances", "one-instance"]) {
      expect(byName.get("report.html")).toContain(label);
      expect(byName.get("report.md")).toContain(label);
    }
  });

  it("comparison.json lists each run's label, directory, scenario and seed", () => {
    expect(JSON.parse(byName.get("comparison.json") as string)).toEqual({
      runs: [
        { label: "two-instances", directory: "/runs/a", scenario: "small-run", seed: 1 },
        { label: "one-instance", directory: "/runs/b", scenario: "small-run", seed: 1 },
      ],
    });
  });
});

describe("writeDirectoryAtomically with report files", () => {
  it("writes names with a subfolder (charts/queue.png) into that subfolder, leaving no staging directory", () => {
    const parent = tempDir();
    const target = join(parent, "run");
    writeDirectoryAtomically(
      target,
      [
        { name: "summary.json", content: SUMMARY },
        { name: "charts/queue.png", content: PNG_SIGNATURE },
        { name: "charts/deeper/x.txt", content: "x" },
      ],
      RUN_LAYOUT,
    );
    expect(readdirSync(parent)).toEqual(["run"]);
    expect(readFileSync(join(target, "charts", "queue.png")).equals(PNG_SIGNATURE)).toBe(true);
    expect(readFileSync(join(target, "charts", "deeper", "x.txt"), "utf8")).toBe("x");
  });

  it("refuses a name that would land outside the directory, and writes nothing", () => {
    const parent = tempDir();
    expect(() => writeDirectoryAtomically(join(parent, "run"), [{ name: "../escaped.txt", content: "x" }], RUN_LAYOUT)).toThrow(/would land outside/);
    expect(() => writeDirectoryAtomically(join(parent, "run"), [{ name: "/tmp/abs.txt", content: "x" }], RUN_LAYOUT)).toThrow(/would land outside/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("replaces only a directory of the kind it writes: a run a run, a comparison a comparison, a copy nothing", () => {
    const parent = tempDir();
    const comparison = join(parent, "comparison");
    mkdirSync(comparison);
    writeFileSync(join(comparison, "comparison.json"), '{"runs":[]}');
    const run = join(parent, "run");
    mkdirSync(run);
    writeFileSync(join(run, "summary.json"), SUMMARY);
    const mine = join(parent, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "notes.txt"), "keep");
    expect(replaceRefusal(comparison, COMPARISON_LAYOUT)).toBeNull();
    expect(replaceRefusal(run, RUN_LAYOUT)).toBeNull();
    expect(replaceRefusal(comparison, RUN_LAYOUT)).toMatch(/is not an sqs-sim run directory \(it has no summary\.json that sqs-sim wrote\)/);
    expect(replaceRefusal(run, COMPARISON_LAYOUT)).toMatch(/is not an sqs-sim comparison directory/);
    expect(replaceRefusal(run, null)).toMatch(/exists and is not empty/);
    expect(replaceRefusal(mine, RUN_LAYOUT)).toMatch(/is not an sqs-sim run directory/);
    expect(replaceRefusal(join(parent, "new"), null)).toBeNull();
    expect(() => writeDirectoryAtomically(run, [{ name: "comparison.json", content: "{}" }], COMPARISON_LAYOUT)).toThrow(/not an sqs-sim comparison directory/);
    expect(readFileSync(join(run, "summary.json"), "utf8")).toBe(SUMMARY);
    writeDirectoryAtomically(comparison, [{ name: "comparison.json", content: '{"runs":[1]}' }], COMPARISON_LAYOUT);
    expect(readFileSync(join(comparison, "comparison.json"), "utf8")).toBe('{"runs":[1]}');
  });
});

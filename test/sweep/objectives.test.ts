// Issue 12 §8: objectives beyond latency (the peak delete rate, a constraint on a parameter), and the terminal and
// report.html agreeing on whether a cell is recommended.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_OBJECTIVES_TEXT, parseConstraint, parseSlo, SWEEP_METRICS } from "../../src/sweep/index.js";
import { type RunFigures } from "../../src/sweep/metrics.js";
import { cli, requireBuiltWorker, tempDir, writeTiny } from "./helpers.js";

const VARY = [
  { path: "fleet.max", values: ["5", "10", "20"] },
  { path: "queue.visibilityTimeout", values: ["30s", "2m"] },
  { path: "fleet.instanceType", values: ["a", "b"] },
];

describe("--slo on the peak delete rate", () => {
  it("reads deleted.perSecond.max (and its column name) as a plain number", () => {
    expect(parseSlo("deleted.perSecond.max<=200")).toEqual({ text: "deleted.perSecond.max<=200", metric: "deleted_per_second_max", op: "<=", value: 200 });
    expect(parseSlo("deleted_per_second_max < 150.5")).toEqual({
      text: "deleted.perSecond.max<150.5",
      metric: "deleted_per_second_max",
      op: "<",
      value: 150.5,
    });
    expect(parseSlo("expired==0")).toMatchObject({ metric: "expired_msgs" });
  });

  it("is the most messages deleted in one metric period ÷ its length, a shorter last period included", () => {
    const metric = SWEEP_METRICS.find((m) => m.name === "deleted_per_second_max")!;
    const series = {
      periodSeconds: 60,
      columns: [
        { name: "time_s", unit: "s", description: "" },
        { name: "deleted_msgs", unit: "messages", description: "" },
      ],
      // 6,000 in a minute is 100/s; 9,000 in the next is 150/s; 2,000 in the last 10 s is 200/s.
      values: [
        [60, 120, 130],
        [6000, 9000, 2000],
      ],
    };
    expect(metric.read({ series } as unknown as RunFigures)).toBe(200);
  });
});

describe("--constraint on a parameter", () => {
  it("compares numbers and durations, and = compares names", () => {
    const max = parseConstraint("fleet.max<=10", VARY);
    if (typeof max === "string") throw new Error(max);
    expect(max).toEqual({ text: "fleet.max<=10", path: "fleet.max", op: "<=", value: "10" });
    const timeout = parseConstraint(" queue.visibilityTimeout > 1m ", VARY);
    expect(timeout).toMatchObject({ text: "queue.visibilityTimeout>1m", op: ">" });
    expect(parseConstraint("fleet.instanceType=b", VARY)).toMatchObject({ op: "=", value: "b" });
    expect(parseConstraint("fleet.instanceType==b", VARY)).toMatchObject({ text: "fleet.instanceType=b", op: "=" });
  });

  it("refuses a path that is not varied, a value that does not compare, and a bad expression, naming them", () => {
    expect(parseConstraint("fleet.min<=5", VARY)).toBe(
      '--constraint "fleet.min<=5": fleet.min is not varied, so the constraint would hold for ' +
        "every cell or none; a constraint applies to a --vary path (the varied paths: fleet.max, queue.visibilityTimeout, fleet.instanceType)",
    );
    expect(parseConstraint("fleet.instanceType<=b", VARY)).toBe(
      '--constraint "fleet.instanceType<=b": "b" is neither a number nor a duration; only = compares other values',
    );
    expect(parseConstraint("fleet.instanceType<=3", VARY)).toBe(
      '--constraint "fleet.instanceType<=3": fleet.instanceType takes "a", neither a number nor a duration; only = compares it',
    );
    expect(parseConstraint("fleet.max", VARY)).toBe('--constraint "fleet.max": expected <path><op><value>, e.g. fleet.max<=5, with op one of <=, <, >=, >, =');
    expect(parseConstraint("fleet.max<=", VARY)).toBe('--constraint "fleet.max<=": the value is missing');
  });
});

describe("sqs-sim sweep --constraint, and recommendations with and without objectives", () => {
  const GRID = ["--vary", "fleet.instances=1,2,3", "-n", "2", "--seed", "3", "--workers", "1"];

  it("marks the cells that break a constraint infeasible and says why; one on a path not varied is exit 2", async () => {
    requireBuiltWorker();
    const dir = tempDir();
    const file = writeTiny(dir);
    const run = await cli(dir, ["sweep", file, ...GRID, "--constraint", "fleet.instances>=2", "--slo", "queueWait.p99<=10m", "--out", "c"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "c", "results.json"), "utf8"));
    expect(json.sweep.constraints).toEqual(["fleet.instances>=2"]);
    expect(json.rows.map((r: { feasible: boolean }) => r.feasible)).toEqual([false, true, true]);
    expect(json.rows[0].failed).toEqual(["constraint fleet.instances>=2"]);
    expect(run.out).toContain("recommendation (SLOs on the mean: queueWait.p99<=10m; constraints: fleet.instances>=2): 2 of 3 cells feasible");
    expect(run.out).toContain("  cheapest feasible: cell 1 (fleet.instances=2)");
    expect(run.out).toMatch(/ {4}fleet\.instances=1 \(cell 0\): cost .*, infeasible: misses constraint fleet\.instances>=2\n/);
    const html = readFileSync(join(dir, "c", "report.html"), "utf8");
    expect(html).toContain(`<td data-sort="0">no<span class="ci">breaks constraint fleet.instances&gt;=2</span></td>`);
    expect(html).toContain("<dt>constraints</dt>");

    // recommend re-judges: --constraint replaces the recorded list, the SLOs stay.
    const other = await cli(dir, ["recommend", "c", "--constraint", "fleet.instances<=2"]);
    expect(other.code).toBe(0);
    expect(other.out).toContain("(SLOs on the mean: queueWait.p99<=10m; constraints: fleet.instances<=2): 2 of 3 cells feasible\n  cheapest feasible: cell 0 ");

    const bad = await cli(dir, ["sweep", file, ...GRID, "--constraint", "fleet.max<=5", "--out", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      '--constraint "fleet.max<=5": fleet.max is not varied, so the constraint would hold for every cell or none; ' +
        "a constraint applies to a --vary path (the varied paths: fleet.instances)\n",
    );
    const badRecommend = await cli(dir, ["recommend", "c", "--constraint", "fleet.max<=5"]);
    expect(badRecommend.code).toBe(2);
  });

  it("without an objective, neither the terminal nor report.html recommends a cell; with one, both name the same cell", async () => {
    requireBuiltWorker();
    const dir = tempDir();
    const file = writeTiny(dir);
    const run = await cli(dir, ["sweep", file, ...GRID, "--out", "n"]);
    expect(run.code).toBe(0);
    const html = readFileSync(join(dir, "n", "report.html"), "utf8");
    expect(html).toContain("so no cell is recommended");
    expect(html).not.toContain("★");
    const terminal = await cli(dir, ["recommend", "n"]);
    expect(terminal.code).toBe(0);
    expect(terminal.out).toBe(NO_OBJECTIVES_TEXT);
    expect(terminal.out).not.toContain("cheapest feasible");
    const asJson = await cli(dir, ["recommend", "n", "--json"]);
    expect(asJson.out).toBe("null\n");

    const judged = await cli(dir, ["sweep", file, ...GRID, "--slo", "queueWait.p99<=1m", "--out", "j"]);
    const cell = /cheapest feasible: cell (\d+) /.exec(judged.out)?.[1];
    expect(cell).toBeDefined();
    expect(readFileSync(join(dir, "j", "report.html"), "utf8")).toContain(`<td data-sort="${cell}">★ ${cell}</td>`);
  });
});

describe("waiting_at_end_msgs (issue 12 §1: a cell that never drained shows it)", () => {
  it("reads the messages still waiting at the end, and nothing from a summary written before they were counted", async () => {
    const { SWEEP_METRICS } = await import("../../src/sweep/metrics.js");
    const { parseSlo } = await import("../../src/sweep/slo.js");
    const metric = SWEEP_METRICS.find((m) => m.name === "waiting_at_end_msgs")!;
    const run = (endToEnd: object) => ({ summary: { latency: { endToEnd } }, series: { periodSeconds: 60, columns: [], values: [] } }) as never;
    expect(metric.read(run({ censored: 441 }))).toBe(441);
    expect(metric.read(run({}))).toBeNull();
    expect(parseSlo("waitingAtEnd<=100")).toEqual({ text: "waitingAtEnd<=100", metric: "waiting_at_end_msgs", op: "<=", value: 100 });
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judge, paretoFront, parseSlo, parseSlos, recommend, recommendationText, type RecommendRow, type Slo } from "../../src/sweep/index.js";
import { type MetricEstimate } from "../../src/sweep/stats.js";
import { cli, readTree, requireBuiltWorker, tempDir, writeTiny } from "./helpers.js";

const est = (mean: number | null, low = mean, high = mean): MetricEstimate => ({ mean, ci95Low: low, ci95High: high, values: [] });
const slos = (...texts: string[]): Slo[] => {
  const parsed = parseSlos(texts);
  expect(parsed.errors).toEqual([]);
  return parsed.slos;
};

describe("--slo parsing", () => {
  it("reads friendly names, operators and units", () => {
    expect(parseSlo("queueWait.p99<=60s")).toEqual({ text: "queueWait.p99<=60s", metric: "queue_wait_p99_s", op: "<=", value: 60 });
    expect(parseSlo(" endToEnd.p99 < 2m ")).toEqual({ text: "endToEnd.p99<2m", metric: "end_to_end_p99_s", op: "<", value: 120 });
    expect(parseSlo("duplicateProcessing==0")).toMatchObject({ metric: "duplicate_processing_msgs", op: "==", value: 0 });
    expect(parseSlo("totalCost<=$1.50")).toMatchObject({ text: "totalCost<=$1.50", metric: "total_cost_usd", value: 1.5 });
    expect(parseSlo("totalCost<=1.5")).toMatchObject({ value: 1.5 });
    expect(parseSlo("peakInstances>=2")).toMatchObject({ metric: "peak_instances", op: ">=", value: 2 });
    expect(parseSlo("instanceHours>0.5")).toMatchObject({ metric: "billed_instance_hours", op: ">", value: 0.5 });
    expect(parseSlo("queue_wait_p99_s<=500ms")).toMatchObject({ text: "queueWait.p99<=500ms", value: 0.5 });
    expect(parseSlo("sloBreaches==0")).toMatchObject({ metric: "slo_breaches_msgs" });
    expect(parseSlo("deadLettered<=3")).toMatchObject({ metric: "dead_lettered_msgs" });
  });

  it("refuses bad expressions, naming them", () => {
    expect(parseSlo("latency<=60s")).toBe(
      '--slo "latency<=60s": unknown metric latency; expected one of queueWait.p99, endToEnd.p99, ' +
        "sloBreaches, duplicateProcessing, deadLettered, expired, deleted.perSecond.max, waitingAtEnd, peakInstances, instanceHours, totalCost",
    );
    expect(parseSlo("queueWait.p99=60s")).toBe('--slo "queueWait.p99=60s": = is not an operator; write == for equality');
    expect(parseSlo("queueWait.p99<=60 seconds")).toMatch(/^--slo "queueWait.p99<=60 seconds": queueWait.p99 is a duration: .*not a duration/);
    expect(parseSlo("queueWait.p99<=")).toBe('--slo "queueWait.p99<=": the value is missing');
    expect(parseSlo("duplicateProcessing==none")).toBe('--slo "duplicateProcessing==none": "none" is not a number');
    expect(parseSlo("totalCost<=€3")).toMatch(/is not a number of dollars/);
    expect(parseSlo("p99 under 60s")).toMatch(/^--slo "p99 under 60s": expected <metric><op><value>/);
    expect(parseSlos(["sloBreaches==0", "sloBreaches == 0"]).errors).toEqual(['--slo "sloBreaches == 0": given twice']);
  });
});

describe("feasibility on a hand-made table", () => {
  const objectives = slos("queueWait.p99<=60s", "duplicateProcessing==0");
  const row = (p99: MetricEstimate, dup: MetricEstimate) => ({ queue_wait_p99_s: p99, duplicate_processing_msgs: dup });
  it.each([
    ["well inside", row(est(30, 20, 40), est(0)), { feasible: true, robust: true, failed: [] }],
    ["mean inside, upper bound outside", row(est(55, 40, 70), est(0)), { feasible: true, robust: false, failed: [] }],
    ["on the limit", row(est(60, 60, 60), est(0)), { feasible: true, robust: true, failed: [] }],
    ["p99 too high", row(est(61, 50, 72), est(0)), { feasible: false, robust: false, failed: ["queueWait.p99<=60s"] }],
    ["== needs both bounds", row(est(10), est(0, -0.5, 0.5)), { feasible: true, robust: false, failed: [] }],
    ["duplicates", row(est(10), est(0.5, 0, 1)), { feasible: false, robust: false, failed: ["duplicateProcessing==0"] }],
    ["missing figure", row(est(null), est(0)), { feasible: false, robust: false, failed: ["queueWait.p99<=60s"] }],
  ])("%s", (_, metrics, verdict) => {
    expect(judge({ metrics }, objectives)).toEqual(verdict);
  });
  it(">= is robust on the lower bound; no objectives, no verdict", () => {
    expect(judge({ metrics: { peak_instances: est(3, 1.5, 4.5) } }, slos("peakInstances>=2"))).toEqual({ feasible: true, robust: false, failed: [] });
    expect(judge({ metrics: { peak_instances: est(3, 2, 4) } }, slos("peakInstances>=2"))).toEqual({ feasible: true, robust: true, failed: [] });
    expect(judge({ metrics: {} }, [])).toEqual({ feasible: null, robust: null, failed: [] });
  });
});

describe("the Pareto front over (cost, queue-wait p99)", () => {
  it("keeps the undominated points, ties included, on a hand-checked table", () => {
    const points = [
      { cost: 1, p99: 10 }, //    0 on: cheapest but 8
      { cost: 2, p99: 5 }, //     1 on
      { cost: 2, p99: 5 }, //     2 on: equal to 1, neither dominates
      { cost: 3, p99: 5 }, //     3 off: same p99 as 1, dearer
      { cost: 1, p99: 12 }, //    4 off: same cost as 0, slower
      { cost: 4, p99: 1 }, //     5 on
      { cost: 5, p99: 1 }, //     6 off: dominated by 5
      { cost: null, p99: 0 }, //  7 off: no cost
      { cost: 0.5, p99: 20 }, //  8 on: the cheapest of all
      { cost: 3, p99: 4 }, //     9 on
      { cost: 4, p99: 4 }, //    10 off: dominated by 9
    ];
    expect(paretoFront(points)).toEqual([true, true, true, false, false, true, false, false, true, true, false]);
    expect(paretoFront([])).toEqual([]);
  });
});

describe("the recommendation on a hand-made 2-parameter grid", () => {
  const vary = [
    { path: "fleet.instances", values: ["1", "2", "3"] },
    { path: "queue.visibilityTimeout", values: ["5s", "10s"] },
  ];
  const table: [number, number][] = [
    [1, 100],
    [1.1, 90],
    [2, 50],
    [2, 40],
    [3, 10],
    [3.5, 9],
  ]; // (cost, p99) per cell
  const rows: RecommendRow[] = table.map(([cost, p99], cell) => ({
    cell,
    parameters: { "fleet.instances": vary[0]!.values[Math.floor(cell / 2)]!, "queue.visibilityTimeout": vary[1]!.values[cell % 2]! },
    metrics: { total_cost_usd: est(cost), queue_wait_p99_s: est(p99, p99 - 5, p99 + 5) },
  }));

  it("names the cheapest feasible cell (ties: lower p99) and the margins to its neighbours", () => {
    const r = recommend(vary, rows, slos("queueWait.p99<=60s"));
    expect(r.feasibleCells).toBe(4);
    expect(r.best).toMatchObject({
      cell: 3,
      totalCostUsd: 2,
      queueWaitP99S: 40,
      robust: true,
      parameters: { "fleet.instances": "2", "queue.visibilityTimeout": "10s" },
    });
    expect(r.best!.neighbours).toEqual([
      {
        path: "fleet.instances",
        side: "lower",
        value: "1",
        cell: 1,
        totalCostUsd: 1.1,
        queueWaitP99S: 90,
        costDeltaUsd: -0.9,
        queueWaitP99DeltaS: 50,
        feasible: false,
        failed: ["queueWait.p99<=60s"],
      },
      {
        path: "fleet.instances",
        side: "higher",
        value: "3",
        cell: 5,
        totalCostUsd: 3.5,
        queueWaitP99S: 9,
        costDeltaUsd: 1.5,
        queueWaitP99DeltaS: -31,
        feasible: true,
        failed: [],
      },
      {
        path: "queue.visibilityTimeout",
        side: "lower",
        value: "5s",
        cell: 2,
        totalCostUsd: 2,
        queueWaitP99S: 50,
        costDeltaUsd: 0,
        queueWaitP99DeltaS: 10,
        feasible: true,
        failed: [],
      },
    ]);
    expect(r.misses).toEqual([{ slo: "queueWait.p99<=60s", cells: 2 }]);
    const text = recommendationText(r);
    expect(text).toContain("cheapest feasible: cell 3 (fleet.instances=2, queue.visibilityTimeout=10s): total cost $2, queue-wait p99 40 s, robust");
    expect(text).toContain("fleet.instances=1 (cell 1): cost $1.1 (−$0.9), p99 90 s (+50 s), infeasible: misses queueWait.p99<=60s");
  });

  it("with no feasible cell, names the SLO failed most often", () => {
    const r = recommend(vary, rows, slos("totalCost<=$1.5", "queueWait.p99<=5s"));
    expect(r.best).toBeNull();
    expect(r.misses).toEqual([
      { slo: "queueWait.p99<=5s", cells: 6 },
      { slo: "totalCost<=$1.5", cells: 4 },
    ]);
    expect(recommendationText(r)).toContain("no cell is feasible; the SLO failed most often is queueWait.p99<=5s (6 of 6 cells), then totalCost<=$1.5 (4)");
  });
});

describe("sqs-sim sweep --slo and sqs-sim recommend", () => {
  const GRID = ["--vary", "fleet.instances=1,2", "--vary", "queue.visibilityTimeout=5s,15s", "-n", "2", "--seed", "3", "--workers", "1"];
  const SLOS = ["--slo", "queueWait.p99<=60s", "--slo", "duplicateProcessing==0"];

  it("marks feasible cells, writes recommendation.json, prints it, and recommend re-judges the results", async () => {
    requireBuiltWorker();
    const dir = tempDir();
    const file = writeTiny(dir);
    const run = await cli(dir, ["sweep", file, ...GRID, ...SLOS, "--out", "s"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const csv = readFileSync(join(dir, "s", "results.csv"), "utf8").split("\n");
    expect(csv[0]).toMatch(/,replications,feasible,robust,pareto$/);
    for (const line of csv.slice(1, -1)) expect(line).toMatch(/,2,(true|false),(true|false),(true|false)$/);
    const json = JSON.parse(readFileSync(join(dir, "s", "results.json"), "utf8"));
    expect(json.sweep.slos).toEqual(["queueWait.p99<=60s", "duplicateProcessing==0"]);
    expect(JSON.parse(readFileSync(join(dir, "s", "sweep.json"), "utf8")).slos).toEqual(json.sweep.slos);
    type Row = { cell: number; feasible: boolean; metrics: Record<string, MetricEstimate> };
    const feasible = (json.rows as Row[]).filter((r) => r.feasible);
    expect(feasible.length).toBeGreaterThan(0);
    const cheapest = [...feasible].sort(
      (a, b) =>
        a.metrics["total_cost_usd"]!.mean! - b.metrics["total_cost_usd"]!.mean! ||
        a.metrics["queue_wait_p99_s"]!.mean! - b.metrics["queue_wait_p99_s"]!.mean! ||
        a.cell - b.cell,
    )[0]!;
    const saved = JSON.parse(readFileSync(join(dir, "s", "recommendation.json"), "utf8"));
    expect(saved.best.cell).toBe(cheapest.cell);
    expect(run.out).toContain(`cheapest feasible: cell ${cheapest.cell} (`);

    const again = await cli(dir, ["recommend", "s"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`cheapest feasible: cell ${cheapest.cell} (`);
    expect(run.out).toContain(again.out);
    const none = await cli(dir, ["recommend", "s", "--slo", "totalCost<0"]);
    expect(none.code).toBe(0);
    expect(none.out).toContain("no cell is feasible; the SLO failed most often is totalCost<0 (4 of 4 cells)");
    const asJson = await cli(dir, ["recommend", "s", "--json"]);
    expect(JSON.parse(asJson.out)).toEqual(saved);

    // A different --slo list is another sweep for --resume; shards merged give the single run's files, byte for byte.
    const other = await cli(dir, ["sweep", file, ...GRID, "--slo", "queueWait.p99<=30s", "--out", "s", "--resume"]);
    expect(other.code).toBe(2);
    expect(other.err).toContain("the --slo lists differ (queueWait.p99<=60s duplicateProcessing==0 vs queueWait.p99<=30s)");
    for (const i of [0, 1]) expect((await cli(dir, ["sweep", file, ...GRID, ...SLOS, "--shard", `${i}/2`, "-q", "--out", `p${i}`])).code).toBe(0);
    expect((await cli(dir, ["merge", "p0", "p1", "--out", "m", "-q"])).code).toBe(0);
    expect(readTree(join(dir, "m"))).toEqual(readTree(join(dir, "s")));
  });

  it("a bad --slo is exit 2 naming the expression; recommend needs a finished sweep", async () => {
    const dir = tempDir();
    const file = writeTiny(dir);
    const bad = await cli(dir, ["sweep", file, "--slo", "queueWait.p99<=soon", "--out", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^--slo "queueWait.p99<=soon": queueWait.p99 is a duration: /);
    const missing = await cli(dir, ["recommend", "nowhere"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("sqs-sim: nowhere holds no results.json; give the directory of a finished sweep\n");
  });
});

// `sqs-sim sweep` on a scenario in the architecture format (issue 14): --vary by name, the architecture-wide columns
// (the single format's names: worst queue, worst chain, sums) and one column per resource, each the figure a direct
// simulateArchitecture of the cell gives; --slo on a resource; refusals naming the field, with exit 2.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseInputText } from "../../src/scenario/load.js";
import { type Architecture } from "../../src/scenario/architecture-schema.js";
import { architectureRunMemoryBytes } from "../../src/sim/architecture-memory.js";
import { BASE_BYTES } from "../../src/sim/memory-estimate.js";
import { simulateArchitecture } from "../../src/sim/simulate-architecture.js";
import { type ArchitectureResult } from "../../src/sim/architecture-result.js";
import { ARCHITECTURE_WIDE, architectureMetricNames, readArchitectureMetrics } from "../../src/sweep/architecture-metrics.js";
import { architecturePaths } from "../../src/sweep/architecture-paths.js";
import { cellAt, cellSets, type CellRecord, METRIC_NAMES, parseSlo, planSweep, replicationSeed, type ResultRow } from "../../src/sweep/index.js";
import { cli, readTree, requireBuiltWorker, tempDir, writeTiny } from "./helpers.js";

// 5 simulated minutes at 4 publishes a second: a fan-out to billing (every event) and analytics (30%), billing's
// receipts as a second stage. Analytics at 2 s a message cannot keep up (1.2 a second arrive): its queue backs up.
const FANOUT = `name: small-fanout
duration: 5m
seed: 7
topics:
  - name: orders
    subscriptions:
      - queue: billing
      - queue: analytics
        filterPolicy: { eventType: [order_placed] }
producers:
  - name: web
    publish: orders
    traffic: [ { constant: 4 } ]
    attributes:
      eventType: { order_placed: 0.3, order_updated: 0.7 }
queues:
  - name: billing
    visibilityTimeout: 30s
    receiveWaitTime: 20s
  - name: analytics
    receiveWaitTime: 20s
  - name: receipts
    receiveWaitTime: 20s
consumers:
  - name: billing-workers
    queue: billing
    processing: { exponential: { mean: 100ms } }
    fleet: { kind: asg, min: 1, max: 4, policies: [ { targetTracking: { metric: backlogPerInstance, target: 10 } } ] }
    emit: [ { send: receipts } ]
  - name: analytics-workers
    queue: analytics
    processing: { exponential: { mean: 100ms } }
    fleet: { kind: fixed, instances: 1 }
  - name: receipt-workers
    queue: receipts
    processing: 20ms
    fleet: { kind: fixed, instances: 1 }
`;

const VARY = ["queues.billing.visibilityTimeout=30s,60s", "consumers.billing-workers.fleet.max=2,4"];
const DIMS = VARY.map((v) => ({ path: v.slice(0, v.indexOf("=")), values: v.slice(v.indexOf("=") + 1).split(",") }));
const PATHS = ["web→orders→billing→billing-workers", "web→orders→billing→billing-workers→receipts→receipt-workers", "web→orders→analytics→analytics-workers"];

function architectureOf(file: string, sets: readonly string[] = []): Architecture {
  const loaded = parseInputText(FANOUT, file, ".", { sets });
  if (!loaded.ok || loaded.architecture === undefined) throw new Error(loaded.ok ? "not an architecture" : loaded.errors.join("\n"));
  return loaded.architecture;
}

describe("sqs-sim sweep on an architecture", () => {
  let dir: string;
  let file: string;
  let tree: Record<string, string>;

  beforeAll(async () => {
    requireBuiltWorker();
    dir = tempDir();
    file = writeTiny(dir, FANOUT, "fanout.yaml");
    const run = await cli(dir, ["sweep", file, ...VARY.flatMap((v) => ["--vary", v]), "-n", "2", "--seed", "5", "--workers", "1", "--out", "s", "-q"]);
    expect(run).toEqual({ code: 0, out: "", err: "" });
    tree = readTree(join(dir, "s"));
  });

  it("results.csv has the single format's columns, then one per figure of each queue, pool, topic and path", () => {
    const header = tree["results.csv"]!.split("\n")[0]!.split(",");
    const stems = header.filter((h) => h.endsWith("_mean")).map((h) => h.slice(0, -"_mean".length));
    expect(header.slice(0, 3)).toEqual(["cell", ...VARY.map((v) => v.slice(0, v.indexOf("=")))]);
    expect(stems.slice(0, 11)).toEqual([
      "queue_wait_p99_s",
      "end_to_end_p99_s",
      "slo_breaches_msgs",
      "duplicate_processing_msgs",
      "dead_lettered_msgs",
      "peak_instances",
      "billed_instance_hours",
      "total_cost_usd",
      "expired_msgs",
      "deleted_per_second_max",
      "waiting_at_end_msgs",
    ]);
    expect(stems.slice(11)).toEqual(architectureMetricNames(architectureOf(file)));
    for (const name of [
      "billing.queue_wait_p99_s",
      "analytics.peak_visible_msgs",
      "receipts.sqs_cost_usd",
      "billing-workers.compute_cost_usd",
      "orders.sns_cost_usd",
    ]) {
      expect(stems).toContain(name);
    }
    for (const path of PATHS) expect(stems).toContain(`path:${path}.end_to_end_p99_s`);
    expect(header.slice(-4)).toEqual(["replications", "feasible", "robust", "pareto"]);
    const manifest = JSON.parse(tree["sweep.json"]!);
    expect(manifest.resourceMetrics).toEqual(stems.slice(11));
    // results.json describes each column as it is read for an architecture.
    const described = Object.fromEntries(
      (JSON.parse(tree["results.json"]!).sweep.metrics as { name: string; description: string }[]).map((m) => [m.name, m.description]),
    );
    expect(Object.keys(described)).toEqual(stems);
    expect(described["queue_wait_p99_s"]).toMatch(/^the worst read queue's: /);
    expect(described["end_to_end_p99_s"]).toMatch(/^the worst chain's: /);
    expect(described["analytics.peak_visible_msgs"]).toMatch(/^queue analytics: its peak of visible messages/);
  });

  it("each cell's figures are those of simulateArchitecture on the cell's scenario and seed", () => {
    for (const index of [0, 3]) {
      const cell = cellAt(DIMS, index);
      const record = JSON.parse(tree[`cells/00000${index}.json`]!) as CellRecord;
      const a = architectureOf(file, cellSets(DIMS, cell));
      expect(a.consumers.find((p) => p.name === "billing-workers")!.fleet).toMatchObject({ max: Number(cell.values[1]) });
      for (const r of [0, 1]) {
        const result = simulateArchitecture(a, { seed: replicationSeed(5, r) });
        const alone = readArchitectureMetrics(result, architectureMetricNames(a));
        expect(Object.values(record.metrics).map((values) => values[r])).toEqual(alone);
        const figure = (name: string) => record.metrics[name]![r];
        checkMeaning(result, figure);
      }
    }
  });

  it("report.html says what the figures are for an architecture, and has a table of each resource's", () => {
    const html = tree["report.html"]!;
    expect(html).toContain("queue-wait p99 is the worst queue's of those a pool reads, end-to-end p99 the worst chain's");
    expect(html).toContain("<h3>Each resource</h3>");
    for (const heading of ["queue analytics: queue-wait p99", "pool billing-workers: compute cost", `path ${PATHS[1]}: end-to-end p99`]) {
      expect(html).toContain(`<button type="button" class="sort">${heading}</button>`);
    }
  });

  it("shards merge, and an interrupted sweep resumes, to the whole sweep's files", async () => {
    const grid = ["sweep", file, ...VARY.flatMap((v) => ["--vary", v]), "-n", "2", "--seed", "5", "--workers", "1", "-q"];
    for (const shard of ["0/2", "1/2"]) expect((await cli(dir, [...grid, "--shard", shard, "--out", `part-${shard[0]}`])).code).toBe(0);
    expect((await cli(dir, ["merge", "part-0", "part-1", "--out", "merged", "-q"])).code).toBe(0);
    const merged = readTree(join(dir, "merged"));
    for (const name of ["results.csv", "results.json", "sweep.json", "report.html"]) expect(merged[name], name).toBe(tree[name]);
    expect((await cli(dir, [...grid, "--out", "resumed"])).code).toBe(0);
    for (const name of ["cells/000002.json", "results.csv", "results.json"]) rmSync(join(dir, "resumed", name));
    expect((await cli(dir, [...grid, "--out", "resumed", "--resume"])).code).toBe(0);
    const resumed = readTree(join(dir, "resumed"));
    for (const name of ["results.csv", "results.json", "cells/000002.json"]) expect(resumed[name], name).toBe(tree[name]);
  });

  it("lists the paths the run names, before it runs", () => {
    const a = architectureOf(file);
    const result = simulateArchitecture(a);
    expect(architecturePaths(a)).toEqual(PATHS);
    expect(Object.keys(result.summary.paths).sort()).toEqual([...PATHS].sort());
  });

  it("estimates a cell's memory as the sum of its queue–pool pairs', Node counted once", async () => {
    const planned = planSweep({ file, sets: [], vary: VARY, replications: 1 });
    if (!planned.ok) throw new Error(planned.errors.join("\n"));
    const largest = Math.max(...[0, 1, 2, 3].map((i) => architectureRunMemoryBytes(architectureOf(file, cellSets(DIMS, cellAt(DIMS, i))))));
    expect(planned.plan.runMemory.bytes).toBe(largest);
    expect(largest).toBeGreaterThan(BASE_BYTES);
    expect(Number.isFinite(largest)).toBe(true);
    expect(planned.plan.source.resourceMetrics).toEqual(architectureMetricNames(architectureOf(file)));
  });
});

/** The architecture-wide figures mean what README says: the worst queue and chain, sums over the resources. */
function checkMeaning(result: ArchitectureResult, figure: (name: string) => number | null | undefined): void {
  const s = result.summary;
  const queues = Object.values(s.queues);
  const pools = Object.values(s.consumers);
  const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
  expect(figure("queue_wait_p99_s")).toBe(Math.max(...queues.map((q) => q.latency.queueWait.p99)));
  expect(figure("end_to_end_p99_s")).toBe(Math.max(...Object.values(s.paths).map((p) => p.endToEnd.p99)));
  expect(figure("total_cost_usd")).toBe(s.cost.totalUsd);
  expect(figure("peak_instances")).toBe(sum(pools.map((p) => p.fleet.peakInService)));
  expect(figure("duplicate_processing_msgs")).toBe(sum(pools.map((p) => p.consumers.duplicateProcessing)));
  expect(figure("slo_breaches_msgs")).toBeNull(); // no slo in the scenario
  expect(figure("billing.queue_wait_p99_s")).toBe(s.queues["billing"]!.latency.queueWait.p99);
  expect(figure("receipts.end_to_end_p99_s")).toBe(s.queues["receipts"]!.latency.endToEnd.p99);
  expect(figure("billing-workers.compute_cost_usd")).toBe(s.consumers["billing-workers"]!.costUsd);
  expect(figure("billing-workers.processed_msgs")).toBe(s.consumers["billing-workers"]!.consumers.processed);
  expect(figure("orders.sns_cost_usd")).toBe(s.topics["orders"]!.costUsd);
  expect(figure(`path:${PATHS[1]}.end_to_end_p99_s`)).toBe(s.paths[PATHS[1]!]!.endToEnd.p99);
}

describe("--slo on a resource", () => {
  it("judges each cell by that resource's figure: analytics backs up at 2 s a message, billing does not notice", async () => {
    const dir = tempDir();
    const file = writeTiny(dir, FANOUT, "fanout.yaml");
    const args = ["sweep", file, "--vary", "consumers.analytics-workers.processing=100ms,2s", "-n", "2", "--workers", "1", "--out", "s", "-q"];
    const run = await cli(dir, [...args, "--slo", "analytics.queue_wait_p99_s<=60s", "--slo", "billing.queueWait.p99<=60s"]);
    expect(run).toEqual({ code: 0, out: "", err: "" });
    const results = JSON.parse(readFileSync(join(dir, "s", "results.json"), "utf8"));
    expect(results.sweep.slos).toEqual(["analytics.queueWait.p99<=60s", "billing.queueWait.p99<=60s"]);
    const rows = results.rows as ResultRow[];
    const wait = (row: ResultRow, name: string) => row.metrics[name]!.mean!;
    expect(wait(rows[0]!, "analytics.queue_wait_p99_s")).toBeLessThan(60);
    expect(wait(rows[1]!, "analytics.queue_wait_p99_s")).toBeGreaterThan(60);
    expect(wait(rows[1]!, "billing.queue_wait_p99_s")).toBe(wait(rows[0]!, "billing.queue_wait_p99_s"));
    expect(wait(rows[1]!, "queue_wait_p99_s")).toBe(wait(rows[1]!, "analytics.queue_wait_p99_s")); // the worst queue's
    expect(rows.map((r) => [r.feasible, r.failed])).toEqual([
      [true, []],
      [false, ["analytics.queueWait.p99<=60s"]],
    ]);
    const csv = readFileSync(join(dir, "s", "results.csv"), "utf8").split("\n");
    expect(csv.slice(1, 3).map((l) => l.split(",").slice(-4, -1).join(","))).toEqual(["2,true,true", "2,false,false"]);
    expect(JSON.parse(readFileSync(join(dir, "s", "recommendation.json"), "utf8")).best.cell).toBe(0);

    // recommend re-judges the results by another resource's figure, and refuses one the sweep has no column for.
    const again = await cli(dir, ["recommend", "s", "--slo", "path:web→orders→analytics→analytics-workers.endToEnd.p99<=60s", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ feasibleCells: 1, best: { cell: 0 } });
    const unknown = await cli(dir, ["recommend", "s", "--slo", "analytic.queueWait.p99<=60s"]);
    expect(unknown).toEqual({
      code: 2,
      out: "",
      err: 'sqs-sim: --slo "analytic.queueWait.p99<=60s": this scenario has no queue analytic; the scenario\'s queues: billing, analytics, receipts\n',
    });
  });

  it("a resource the scenario lacks, or a figure of another kind of resource, is exit 2 naming the resources there are", async () => {
    const dir = tempDir();
    const file = writeTiny(dir, FANOUT, "fanout.yaml");
    const base = ["sweep", file, "--vary", VARY[0]!, "--out", "s"];
    expect(await cli(dir, [...base, "--slo", "analytic.queueWait.p99<=60s"])).toEqual({
      code: 2,
      out: "",
      err: '--slo "analytic.queueWait.p99<=60s": this scenario has no queue analytic; the scenario\'s queues: billing, analytics, receipts\n',
    });
    expect((await cli(dir, [...base, "--slo", "billing.peakInstances<=3"])).err).toBe(
      '--slo "billing.peakInstances<=3": billing is a queue, and peakInstances is a figure of a pool; the scenario\'s pools: billing-workers, analytics-workers, receipt-workers\n',
    );
  });

  it("every single-format metric has an architecture-wide reading", () => {
    expect(Object.keys(ARCHITECTURE_WIDE)).toEqual(METRIC_NAMES);
  });

  it("parseSlo reads a resource's figure by its stem or friendly name, a path's too, and canonicalises to the friendly one", () => {
    expect(parseSlo("analytics.queue_wait_p99_s<=60s")).toEqual({
      text: "analytics.queueWait.p99<=60s",
      metric: "analytics.queue_wait_p99_s",
      op: "<=",
      value: 60,
    });
    expect(parseSlo("billing-workers.computeCost<=$2")).toEqual({
      text: "billing-workers.computeCost<=$2",
      metric: "billing-workers.compute_cost_usd",
      op: "<=",
      value: 2,
    });
    expect(parseSlo("jobs.fifo.waitingAtEnd==0")).toMatchObject({ metric: "jobs.fifo.waiting_at_end_msgs", value: 0 });
    expect(parseSlo("path:web→orders→billing→billing-workers.end_to_end_p99_s<2m")).toMatchObject({
      text: "path:web→orders→billing→billing-workers.endToEnd.p99<2m",
      metric: "path:web→orders→billing→billing-workers.end_to_end_p99_s",
      value: 120,
    });
    expect(parseSlo("analytics.queue_wait_p99<=60s")).toMatch(
      /unknown metric analytics\.queue_wait_p99; expected one of queueWait\.p99,.*; or, for an architecture, <resource>\.<figure>/,
    );
  });
});

describe("sweep refusals on an architecture", () => {
  it("a --vary on a key the entry lacks names the field by name and exits 2", async () => {
    const dir = tempDir();
    const file = writeTiny(dir, FANOUT, "fanout.yaml");
    const result = await cli(dir, ["sweep", file, "--vary", "queues.billing.visibilityTimout=30s,60s", "--out", "s"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `cell 0 (queues.billing.visibilityTimout=30s): ${file}: queues.billing.visibilityTimout: unknown key (did you mean visibilityTimeout?) (from --vary queues.billing.visibilityTimout=30s)`,
    );
    const pool = await cli(dir, ["sweep", file, "--vary", "consumers.billing-worker.fleet.max=2,4", "--out", "s"]);
    expect(pool.code).toBe(2);
    expect(pool.err).toContain('--vary consumers.billing-worker.fleet.max=2: consumers has no entry named "billing-worker"');
  });

  it("a single-queue scenario's sweep refuses an --slo on a resource, and keeps its sweep.json without resourceMetrics", async () => {
    const dir = tempDir();
    const file = writeTiny(dir);
    const refused = await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--out", "s", "--slo", "billing.queueWait.p99<=60s"]);
    expect(refused).toEqual({
      code: 2,
      out: "",
      err: '--slo "billing.queueWait.p99<=60s": billing.queue_wait_p99_s is a figure of one resource, which only a scenario in the architecture format (queues: [...]) has\n',
    });
    expect((await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--out", "s", "-q", "--workers", "1"])).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, "s", "sweep.json"), "utf8")))).not.toContain("resourceMetrics");
  });
});

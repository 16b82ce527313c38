// Small seeded runs for the chart-config tests, each simulated once per test file (they take well under a second).
import { type PeriodSeries } from "../../../src/metrics/period-series.js";
import { type SparseHistogram } from "../../../src/metrics/sparse-histogram.js";
import { type ChartSpec } from "../../../src/report/charts/chart-spec.js";
import { type RunData, runData } from "../../../src/report/run-data.js";
import { parseScenarioText } from "../../../src/scenario/index.js";
import { simulate } from "../../../src/sim/simulate.js";

/** Simulates scenario YAML (lines joined) with optional --set overrides. */
export function runYaml(lines: string[], sets: string[] = []): RunData {
  const loaded = parseScenarioText(lines.join("\n"), "charts-fixture.yaml", "/nonexistent", { sets });
  if (!loaded.ok) throw new Error(`the test scenario is invalid:\n${loaded.errors.join("\n")}`);
  return runData(simulate(loaded.scenario), loaded.scenario, loaded.resolvedText);
}

/**
 * An Auto Scaling group tracking backlog per instance through a slow 9x spike: three scale-outs, two scale-ins, the
 * AlarmHigh in ALARM twice, and the AlarmLow in ALARM once and again until the end of the run.
 */
export const ASG_YAML = [
  "name: charts-asg",
  "duration: 1h",
  "seed: 3",
  "metrics: { period: 1m }",
  "queue: { visibilityTimeout: 1m, receiveWaitTime: 20s }",
  "producers:",
  "  - name: orders",
  "    traffic: [ { constant: 2 }, { spike: { at: 8m, peak: 16, rise: 15m, hold: 5m, fall: 5m } } ]",
  "consumers: { concurrency: 2, waitTime: 20s, processing: { exponential: { mean: 500ms } } }",
  "fleet:",
  "  kind: asg",
  "  min: 1",
  "  max: 20",
  "  desired: 1",
  "  launchTime: { constant: 60s }",
  "  warmup: 60s",
  "  policies: [ { targetTracking: { metric: backlogPerInstance, target: 30 } } ]",
];

/** A fixed fleet of two instances, steady traffic, nothing delayed, nothing failing. */
export const FIXED_YAML = [
  "name: charts-fixed",
  "duration: 20m",
  "seed: 5",
  "metrics: { period: 1m }",
  "queue: { visibilityTimeout: 30s, receiveWaitTime: 20s }",
  "producers:",
  "  - name: orders",
  "    traffic: [ { constant: 3 } ]",
  "consumers: { concurrency: 2, waitTime: 20s, processing: { exponential: { mean: 200ms } } }",
  "fleet: { kind: fixed, instances: 2 }",
];

/** A start time, an SLO, a delay queue, poison messages and a dead-letter queue. */
export const DELAY_DLQ_YAML = [
  "name: charts-delay-dlq",
  "duration: 30m",
  "seed: 9",
  "startTime: 2026-11-20T09:00:00Z",
  "metrics: { period: 1m }",
  "slo: { maxQueueWait: 30s }",
  "queue:",
  "  visibilityTimeout: 30s",
  "  receiveWaitTime: 20s",
  "  delay: 20s",
  "  deadLetter: { maxReceiveCount: 2 }",
  "producers:",
  "  - name: orders",
  "    traffic: [ { constant: 3 } ]",
  "consumers:",
  "  concurrency: 2",
  "  waitTime: 20s",
  "  processing: { exponential: { mean: 200ms } }",
  "  failures: { poison: 0.05, transient: 0.05 }",
  "fleet: { kind: fixed, instances: 2 }",
];

/** Nobody consumes: messages pile up and none is ever received. */
export const NO_CONSUMERS_YAML = [
  "name: charts-no-consumers",
  "duration: 10m",
  "seed: 1",
  "metrics: { period: 1m }",
  "producers:",
  "  - name: orders",
  "    traffic: [ { constant: 1 } ]",
  "consumers: { processing: { constant: 100ms } }",
  "fleet: { kind: fixed, instances: 0 }",
];

export function chartById(charts: readonly ChartSpec[], id: string): ChartSpec {
  const c = charts.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no chart ${id} among ${charts.map((x) => x.id).join(", ")}`);
  return c;
}

/** A chart's datasets as loose records (the configs are plain data). */
export function datasetsOf(spec: ChartSpec): Record<string, any>[] {
  return spec.config.data.datasets as unknown as Record<string, any>[];
}

export function optionsOf(spec: ChartSpec): Record<string, any> {
  return spec.config.options as Record<string, any>;
}

/** A hand-made period series: time_s at the end of each period, plus the given columns. */
export function handSeries(periodSeconds: number, columns: Record<string, number[]>): PeriodSeries {
  const names = Object.keys(columns);
  const rows = columns[names[0]!]!.length;
  const time = Array.from({ length: rows }, (_, r) => (r + 1) * periodSeconds);
  return {
    periodSeconds,
    columns: [{ name: "time_s", unit: "s", description: "" }, ...names.map((name) => ({ name, unit: "", description: "" }))],
    values: [time, ...names.map((n) => columns[n]!)],
  };
}

export function handHistogram(buckets: SparseHistogram["buckets"]): SparseHistogram {
  const count = buckets.reduce((n, b) => n + b.count, 0);
  const sumSeconds = buckets.reduce((s, b) => s + (b.count * (b.lowerS + b.upperS)) / 2, 0);
  return { count, sumSeconds, buckets };
}

export type AnyPoint = { x: number; y: number | null; note?: string };

/** Charts over the run's time (x in seconds from the start), as opposed to the latency distribution's log axis. */
export function isTimeChart(spec: ChartSpec): boolean {
  return optionsOf(spec).plugins?.sqsSimAxes?.x?.kind === "elapsed";
}

/** A copy of a run with a replaced part, for the cases a simulation does not easily produce. */
export function withRun(run: RunData, change: Partial<RunData>): RunData {
  return { ...run, ...change };
}

/** A copy of a run's series without some columns (as a saved run from an older version might be). */
export function withoutColumns(series: PeriodSeries, names: readonly string[]): PeriodSeries {
  const keep = series.columns.map((c, i) => ({ c, i })).filter(({ c }) => !names.includes(c.name));
  return { periodSeconds: series.periodSeconds, columns: keep.map(({ c }) => c), values: keep.map(({ i }) => series.values[i]!) };
}

/** The scaling policies of the ASG fixture with `policies` (YAML flow list) instead, parsed with their defaults. */
export function policiesOf(policies: string): RunData["context"]["policies"] {
  const yaml = ASG_YAML.map((l) => (l.startsWith("  policies:") ? `  policies: ${policies}` : l));
  const loaded = parseScenarioText(yaml.join("\n"), "charts-fixture.yaml", "/nonexistent", {});
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  if (loaded.scenario.fleet.kind !== "asg") throw new Error("not an Auto Scaling group");
  return loaded.scenario.fleet.policies;
}

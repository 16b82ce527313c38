// The figures a sweep compares across cells, read from each run's summary (and, for a rate, its per-period series).
// The list order is the column order of results.csv; names are snake_case and end with their unit, as in
// timeseries.csv.
import { columnValues, type PeriodSeries } from "../metrics/period-series.js";
import { type RunSummary } from "../sim/result.js";

/** What a metric reads of a run. */
export interface RunFigures {
  summary: RunSummary;
  series: PeriodSeries;
}

/** How a figure is written: a duration (3.2 s, and `60s` in --slo), dollars ($1.50) or a plain number. */
export type SweepMetricKind = "duration" | "usd" | "number";

export interface SweepMetric {
  name: string;
  description: string;
  kind: SweepMetricKind;
  /** Its column heading in the sweep's report.html. */
  heading: string;
  /** null when the run has no such figure (SLO breaches without an `slo` in the scenario). */
  read: (run: RunFigures) => number | null;
  /** True for a figure that can be below 0; the others (every one today) have their 95% lower bound clamped at 0. */
  signed?: true;
}

/** The two figures a sweep trades off: its Pareto front, heat maps and recommendation read these. */
export const QUEUE_WAIT_P99_METRIC = "queue_wait_p99_s";
export const TOTAL_COST_METRIC = "total_cost_usd";

export const SWEEP_METRICS: readonly SweepMetric[] = [
  // Messages still waiting at the end count at their age then (a lower bound of their wait): waiting_at_end_msgs
  // says how many, so a cell that never drained shows it.
  {
    name: QUEUE_WAIT_P99_METRIC,
    kind: "duration",
    heading: "queue-wait p99",
    description: "99th percentile of send → first receive (messages never received count at their age at the end)",
    read: ({ summary: s }) => s.latency.queueWait.p99,
  },
  {
    name: "end_to_end_p99_s",
    kind: "duration",
    heading: "end-to-end p99",
    description: "99th percentile of produced → delete (messages still waiting count at their age at the end)",
    read: ({ summary: s }) => s.latency.endToEnd.p99,
  },
  {
    name: "slo_breaches_msgs",
    kind: "number",
    heading: "SLO breaches",
    description: "messages whose queue wait was above slo.maxQueueWait (empty without an SLO)",
    read: ({ summary: s }) => s.slo?.messagesOverMaxQueueWait ?? null,
  },
  {
    name: "duplicate_processing_msgs",
    kind: "number",
    heading: "processed twice",
    description: "messages processed more than once",
    read: ({ summary: s }) => s.messages.duplicateProcessing,
  },
  {
    name: "dead_lettered_msgs",
    kind: "number",
    heading: "dead-lettered",
    description: "messages moved to the dead-letter queue",
    read: ({ summary: s }) => s.messages.deadLettered,
  },
  {
    name: "peak_instances",
    kind: "number",
    heading: "peak instances",
    description: "peak InService instances",
    read: ({ summary: s }) => s.fleet.peakInService,
  },
  {
    name: "billed_instance_hours",
    kind: "number",
    heading: "instance hours",
    description: "billed instance time, the basis of the compute cost",
    read: ({ summary: s }) => s.fleet.billedInstanceSeconds / 3600,
  },
  { name: TOTAL_COST_METRIC, kind: "usd", heading: "total cost", description: "SQS requests plus compute", read: ({ summary: s }) => s.cost.totalUsd },
  // Added after the first release: at the end, so that the earlier columns of results.csv keep their places.
  {
    name: "expired_msgs",
    kind: "number",
    heading: "expired",
    description: "messages deleted by the retention period, never processed",
    read: ({ summary: s }) => s.messages.expired,
  },
  {
    name: "deleted_per_second_max",
    kind: "number",
    heading: "peak deletes per second",
    description:
      "the highest delete rate of the run, messages per second: the most messages deleted in one metric period ÷ its length " +
      "(the rate the consumers write downstream, e.g. to a database)",
    read: ({ series }) => peakRate(series, "deleted_msgs"),
  },
  {
    name: "waiting_at_end_msgs",
    kind: "number",
    heading: "still waiting at the end",
    description:
      "messages produced and neither deleted, dead-lettered nor expired when the run ended (in producers or the queue): " +
      "many means the cell never drained, and its latencies are lower bounds",
    // Summaries written before censored waits were counted have no `censored`.
    read: ({ summary: s }) => s.latency.endToEnd.censored ?? null,
  },
];

export const METRIC_NAMES: readonly string[] = SWEEP_METRICS.map((m) => m.name);

const BY_NAME = new Map(SWEEP_METRICS.map((m) => [m.name, m]));

/** The metric of that name (a results.csv column stem), or undefined. */
export function sweepMetric(name: string): SweepMetric | undefined {
  return BY_NAME.get(name);
}

/** One run's figures, in SWEEP_METRICS order. */
export function readMetrics(run: RunFigures): (number | null)[] {
  return SWEEP_METRICS.map((m) => m.read(run));
}

/**
 * The highest per-period rate of a count column: count ÷ the period's length (the last period of a run may be
 * shorter than the others). Per metric period (a minute by default), as CloudWatch would show it: a rate per single
 * second would mostly measure how deletes bunch into batches. 0 for a run without a period.
 */
function peakRate(series: PeriodSeries, column: string): number {
  return peakRateOf({ times: columnValues(series, "time_s"), counts: columnValues(series, column) });
}

/** peakRate of counts given with each period's end time. */
export function peakRateOf({ times, counts }: { times: readonly number[]; counts: readonly number[] }): number {
  let peak = 0;
  let start = 0;
  counts.forEach((count, i) => {
    const end = times[i] ?? start;
    if (end > start) peak = Math.max(peak, count / (end - start));
    start = end;
  });
  return peak;
}

// The figures a sweep compares across cells, read from each run's summary. The list order is the column order of
// results.csv; names are snake_case and end with their unit, as in timeseries.csv.
import { type RunSummary } from "../sim/result.js";

export interface SweepMetric {
  name: string;
  description: string;
  /** null when the run has no such figure (SLO breaches without an `slo` in the scenario). */
  read: (summary: RunSummary) => number | null;
}

export const SWEEP_METRICS: readonly SweepMetric[] = [
  { name: "queue_wait_p99_s", description: "99th percentile of send → first receive", read: (s) => s.latency.queueWait.p99 },
  { name: "end_to_end_p99_s", description: "99th percentile of send → delete", read: (s) => s.latency.endToEnd.p99 },
  { name: "slo_breaches_msgs", description: "messages whose queue wait was above slo.maxQueueWait (empty without an SLO)", read: (s) => s.slo?.messagesOverMaxQueueWait ?? null },
  { name: "duplicate_processing_msgs", description: "messages processed more than once", read: (s) => s.messages.duplicateProcessing },
  { name: "dead_lettered_msgs", description: "messages moved to the dead-letter queue", read: (s) => s.messages.deadLettered },
  { name: "peak_instances", description: "peak InService instances", read: (s) => s.fleet.peakInService },
  { name: "billed_instance_hours", description: "billed instance time, the basis of the compute cost", read: (s) => s.fleet.billedInstanceSeconds / 3600 },
  { name: "total_cost_usd", description: "SQS requests plus compute", read: (s) => s.cost.totalUsd },
];

export const METRIC_NAMES: readonly string[] = SWEEP_METRICS.map((m) => m.name);

/** One run's figures, in SWEEP_METRICS order. */
export function readMetrics(summary: RunSummary): (number | null)[] {
  return SWEEP_METRICS.map((m) => m.read(summary));
}

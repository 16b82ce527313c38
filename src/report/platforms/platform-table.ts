// The figures `sqs-sim compare-platforms` sets side by side, one row per platform, from each platform's run: what
// was processed and what was not, the waits, the SLO, the capacity used and what it cost. Messages still waiting
// at the end (in the queue or in a producer) are counted, so that a platform that left work undone does not look
// cheaper per message or faster than it was.
import { type LatencySummary } from "../../metrics/log-histogram.js";
import { columnValues } from "../../metrics/period-series.js";
import { type Scenario } from "../../scenario/schema.js";
import { type RunData } from "../run-data.js";
import { type Platform } from "./platform-names.js";
import { platformSetup } from "./platform-setup.js";

export interface PlatformRow {
  platform: Platform;
  /** The consumers as configured, in one line ("Auto Scaling group of 2-40 instances × 4 workers, …"). */
  setup: string;
  produced: number;
  /** Messages processed and deleted. */
  processed: number;
  /** Messages not processed by the end: waiting in the queue (visible, delayed) or in a producer, or in flight. */
  unfinishedAtEnd: number;
  deadLettered: number;
  /** Queue wait (sent → first received) and end to end (produced → deleted), with the run's censoring. */
  queueWait: LatencySummary;
  endToEnd: LatencySummary;
  /** Share of the messages whose queue wait was within slo.maxQueueWait, and how many missed; null without an SLO. */
  sloMet: number | null;
  sloMissed: number | null;
  /** The most workers processing at a metric period's end, and the share of the workers' time spent processing. */
  peakBusyWorkers: number;
  meanUtilization: number;
  cost: { computeUsd: number; sqsUsd: number; totalUsd: number };
  /** Total cost per million messages processed; null when none was. */
  usdPerMillionProcessed: number | null;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The scenario as a run saved it (scenario.json), for the parts the table reads. */
export function runScenario(run: RunData): Scenario {
  return JSON.parse(run.context.scenarioJson) as Scenario;
}

export function platformRow(platform: Platform, run: RunData): PlatformRow {
  const s = run.summary;
  const m = s.messages;
  const unfinishedAtEnd = m.remaining.visible + m.remaining.inFlight + m.remaining.delayed + s.producers.unsent;
  return {
    platform,
    setup: platformSetup(platform, runScenario(run)),
    produced: s.producers.produced,
    processed: m.deleted,
    unfinishedAtEnd,
    deadLettered: m.deadLettered,
    queueWait: s.latency.queueWait,
    endToEnd: { ...s.latency.endToEnd },
    // From the counts, to 6 decimals as summary.json writes fractions (1 − the fraction over carried float noise).
    sloMet:
      s.slo === null || s.latency.queueWait.count === 0
        ? s.slo === null
          ? null
          : 1
        : round6((s.latency.queueWait.count - s.slo.messagesOverMaxQueueWait) / s.latency.queueWait.count),
    sloMissed: s.slo === null ? null : s.slo.messagesOverMaxQueueWait,
    peakBusyWorkers: columnValues(run.series, "busy_workers").reduce((a, b) => Math.max(a, b), 0),
    meanUtilization: s.consumers.utilization,
    cost: s.cost,
    usdPerMillionProcessed: m.deleted === 0 ? null : (s.cost.totalUsd / m.deleted) * 1e6,
  };
}

/**
 * `part` of `whole` messages as a percentage that never reads 100% while some missed: "99.2%", "99.997%", "100%".
 * Rounded down in whole numbers (no floating point: 29 of 100 is 29.0%), with more decimals while it shows only nines
 * and is not exact (up to 6), so that 170 misses in 6.7 million do not disappear.
 */
export function shareText(part: number, whole: number): string {
  if (whole <= 0 || part >= whole) return "100%";
  const p = BigInt(Math.max(0, Math.round(part)));
  const w = BigInt(Math.round(whole));
  let digits = 1;
  for (;;) {
    const scale = 10n ** BigInt(digits);
    const units = (p * 100n * scale) / w;
    const exact = (p * 100n * scale) % w === 0n;
    if (digits === 6 || exact || units !== 100n * scale - 1n) return `${(Number(units) / Number(scale)).toFixed(digits)}%`;
    digits++;
  }
}

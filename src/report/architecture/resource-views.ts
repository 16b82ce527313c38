// Each queue and each pool of an architecture run seen as a single-queue run (a RunData with the unprefixed column
// names the charts read), so that their sections reuse today's charts as they are: a queue's depth, waiting,
// throughput, dead letters and groups; a pool's fleet, scaling signal and cost.
import { type Activity } from "../../metrics/activity-log.js";
import { type PeriodSeries, type SeriesColumn } from "../../metrics/period-series.js";
import { type SparseHistogram } from "../../metrics/sparse-histogram.js";
import { type ScalingPolicyConfig } from "../../scenario/fleet-schema.js";
import { type ArchitectureSummary, type PoolSummary, type QueueSummary } from "../../sim/architecture-result.js";
import { FLEET_COLUMNS, GROUP_COLUMNS } from "../../sim/fleet-columns.js";
import { PERIOD_COLUMNS } from "../../sim/period-sampler.js";
import { type RunSummary } from "../../sim/result.js";
import { buildCharts } from "../charts/index.js";
import { type ChartSpec } from "../charts/chart-spec.js";
import { type ReportContext, type RunData } from "../run-data.js";

/** The column names a queue owns in the series (`<queue>.<name>`): its sampler's less the pool's, cost, unsent, groups. */
const POOL_OWNED = new Set(["time_s", "instances", "busy_workers"]);
const QUEUE_COLUMNS = new Set([
  ...PERIOD_COLUMNS.map((c) => c.name).filter((n) => !POOL_OWNED.has(n)),
  FLEET_COLUMNS.sqsCost.name,
  FLEET_COLUMNS.unsent.name,
  ...Object.values(GROUP_COLUMNS).map((c) => c.name),
]);
/** A topic's columns (simulate-architecture.ts's TOPIC_COLUMNS): kept out of a pool that shares the topic's name. */
const TOPIC_COLUMNS = new Set(["NumberOfMessagesPublished_msgs", "NumberOfNotificationsDelivered_msgs", "NumberOfNotificationsFilteredOut_msgs"]);

/** The charts of each section, in today's reading order. The latency distribution needs histograms the run keeps not. */
export const QUEUE_CHART_IDS = ["queue", "waiting", "throughput", "dead-letters", "groups"] as const;
export const POOL_CHART_IDS = ["fleet", "scaling-signal", "cost"] as const;

/** What the views need of the scenario: per pool its fleet kind and policies, and the run-wide context. */
export interface ViewContext {
  scenarioName: string;
  seed: number;
  durationSeconds: number;
  periodSeconds: number;
  startEpochMs?: number;
  sloMaxQueueWaitSeconds?: number;
  scenarioJson: string;
  fleets: Record<string, { kind: string; policies: ScalingPolicyConfig[] }>;
}

const EMPTY_HISTOGRAM: SparseHistogram = { count: 0, sumSeconds: 0, buckets: [] };

/** The columns under `<resource>.` that `keep` accepts, unprefixed. */
function columnsOf(series: PeriodSeries, resource: string, keep: (name: string) => boolean): { column: SeriesColumn; values: number[] }[] {
  const prefix = `${resource}.`;
  const out: { column: SeriesColumn; values: number[] }[] = [];
  series.columns.forEach((c, i) => {
    if (!c.name.startsWith(prefix)) return;
    const name = c.name.slice(prefix.length);
    if (keep(name)) out.push({ column: { ...c, name }, values: series.values[i]! });
  });
  return out;
}

const queueColumns = (series: PeriodSeries, queue: string) => columnsOf(series, queue, (n) => QUEUE_COLUMNS.has(n));
const poolColumns = (series: PeriodSeries, pool: string) => columnsOf(series, pool, (n) => !QUEUE_COLUMNS.has(n) && !TOPIC_COLUMNS.has(n));

function seriesOf(series: PeriodSeries, parts: { column: SeriesColumn; values: number[] }[]): PeriodSeries {
  const time = series.columns.findIndex((c) => c.name === "time_s");
  return {
    periodSeconds: series.periodSeconds,
    columns: [series.columns[time]!, ...parts.map((p) => p.column)],
    values: [series.values[time]!, ...parts.map((p) => p.values)],
  };
}

/** The queue's busy workers: its pools' together (the groups chart sets them against the groups in flight). */
function busyWorkers(series: PeriodSeries, pools: readonly string[]): { column: SeriesColumn; values: number[] } {
  const rows = series.values[0]?.length ?? 0;
  const values = new Array<number>(rows).fill(0);
  for (const p of pools) {
    for (const c of poolColumns(series, p)) if (c.column.name === "busy_workers") c.values.forEach((v, r) => (values[r]! += v));
  }
  const column = PERIOD_COLUMNS.find((c) => c.name === "busy_workers")!;
  return { column: { ...column, description: `${column.description} (all pools reading the queue)` }, values };
}

/** A summary in the single-queue layout for a queue and the pool that reads it (none, or one of several). */
function runSummaryOf(s: ArchitectureSummary, q: QueueSummary, pool: PoolSummary | undefined): RunSummary {
  const sqsUsd = q.costUsd;
  const computeUsd = pool?.costUsd ?? 0;
  return {
    scenario: s.scenario,
    seed: s.seed,
    durationSeconds: s.durationSeconds,
    messages: { ...q.messages, produced: q.messages.sent + q.messages.rejected, duplicateProcessing: pool?.consumers.duplicateProcessing ?? 0 },
    requests: q.requests,
    latency: q.latency,
    consumers:
      pool === undefined
        ? { workers: 0, processed: 0, failedAttempts: 0, deletesWithoutEffect: 0, utilization: 0 }
        : {
            workers: pool.consumers.workers,
            processed: pool.consumers.processed,
            failedAttempts: pool.consumers.failedAttempts,
            deletesWithoutEffect: pool.consumers.deletesWithoutEffect,
            utilization: pool.consumers.utilization,
          },
    fleet: pool?.fleet ?? {
      kind: "none",
      instanceSeconds: 0,
      billedInstanceSeconds: 0,
      peakInstances: 0,
      peakInService: 0,
      minInService: 0,
      scaleOutActivities: 0,
      scaleInActivities: 0,
      timeToFirstScaleOutSeconds: null,
    },
    deadLetterQueue: q.deadLetterQueue,
    cost: { sqsUsd, computeUsd, totalUsd: sqsUsd + computeUsd },
    meanMessagesInQueue: q.meanMessagesInQueue,
    slo: q.slo,
    producers: { produced: q.messages.sent + q.messages.rejected, unsent: 0, peakUnsent: 0 },
    fifo: q.fifo,
    engine: { events: 0 },
  };
}

function contextOf(c: ViewContext, what: string, fleet: { kind: string; policies: ScalingPolicyConfig[] } | undefined): ReportContext {
  return {
    scenarioName: `${c.scenarioName} · ${what}`,
    seed: c.seed,
    durationSeconds: c.durationSeconds,
    periodSeconds: c.periodSeconds,
    ...(c.startEpochMs !== undefined ? { startEpochMs: c.startEpochMs } : {}),
    ...(c.sloMaxQueueWaitSeconds !== undefined ? { sloMaxQueueWaitSeconds: c.sloMaxQueueWaitSeconds } : {}),
    fleetKind: fleet?.kind ?? "none",
    policies: fleet?.policies ?? [],
    scenarioJson: c.scenarioJson,
  };
}

/** A pool's activities, their sources without the `<pool>[<queue>]/` every architecture run puts before them. */
export function poolActivities(activities: readonly Activity[], pool: string, queue: string): Activity[] {
  const prefix = `${pool}[${queue}]/`;
  return activities.filter((a) => a.source.startsWith(prefix)).map((a) => ({ ...a, source: a.source.slice(prefix.length) }));
}

/** A queue as a single-queue run: its own columns, and the busy workers of every pool that reads it. */
export function queueView(s: ArchitectureSummary, series: PeriodSeries, c: ViewContext, queue: string): RunData {
  const q = s.queues[queue]!;
  const pools = Object.keys(s.consumers).filter((p) => s.consumers[p]!.queue === queue);
  return {
    summary: runSummaryOf(s, q, pools.length === 1 ? s.consumers[pools[0]!] : undefined),
    series: seriesOf(series, [...queueColumns(series, queue), busyWorkers(series, pools)]),
    activities: [],
    histograms: { queueWait: EMPTY_HISTOGRAM, endToEnd: EMPTY_HISTOGRAM },
    context: contextOf(c, `queue ${queue}`, undefined),
  };
}

/** A pool as a single-queue run: its own columns and its queue's (a scaling policy reads the queue's metrics). */
export function poolView(s: ArchitectureSummary, series: PeriodSeries, activities: readonly Activity[], c: ViewContext, pool: string): RunData {
  const p = s.consumers[pool]!;
  return {
    summary: runSummaryOf(s, s.queues[p.queue]!, p),
    series: seriesOf(series, [...queueColumns(series, p.queue), ...poolColumns(series, pool)]),
    activities: poolActivities(activities, pool, p.queue),
    histograms: { queueWait: EMPTY_HISTOGRAM, endToEnd: EMPTY_HISTOGRAM },
    context: contextOf(c, `pool ${pool}`, c.fleets[pool]),
  };
}

/**
 * The charts of a view that its section shows, with ids made unique over the report (`queue.billing.waiting`), which
 * also name their PNG files under charts/.
 */
export function viewCharts(view: RunData, kind: "queue" | "pool", name: string, ids: readonly string[]): ChartSpec[] {
  return buildCharts(view)
    .filter((spec) => ids.includes(spec.id))
    .map((spec) => ({ ...spec, id: `${kind}.${name}.${spec.id}` }));
}

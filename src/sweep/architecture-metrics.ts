// The figures a sweep of an architecture compares across cells. First the same columns as the single-queue format's
// (SWEEP_METRICS, by the same names, so that the Pareto front, the heat maps, --slo and the recommendation read an
// architecture as they read one queue), each the architecture's worst queue or chain or the sum over its resources;
// then one column per figure of each resource, named `<resource>.<figure>` (`billing.queue_wait_p99_s`,
// `billing-workers.compute_cost_usd`, `path:web→orders→billing→billing-workers.end_to_end_p99_s`).
import { type Architecture } from "../scenario/architecture-schema.js";
import { type ArchitectureResult, type ArchitectureSummary } from "../sim/architecture-result.js";
import { type PeriodSeries } from "../metrics/period-series.js";
import { architecturePaths } from "./architecture-paths.js";
import { METRIC_NAMES, peakRateOf, SWEEP_METRICS, type SweepMetric, type SweepMetricKind } from "./metrics.js";

type Read = (run: ArchitectureResult) => number | null;

const sum = (xs: readonly number[]): number => xs.reduce((n, x) => n + x, 0);
const queuesOf = (s: ArchitectureSummary) => Object.values(s.queues);
const poolsOf = (s: ArchitectureSummary) => Object.values(s.consumers);

/** The architecture-wide figure of each SWEEP_METRICS name: what it means for several queues, pools and chains. */
export const ARCHITECTURE_WIDE: Readonly<Record<string, { description: string; read: Read }>> = {
  queue_wait_p99_s: {
    description:
      "the worst read queue's: the highest of the 99th percentiles of send → first receive of the queues some pool reads " +
      "(a queue no pool reads only grows: its own column has its figure)",
    // A queue no pool reads (an archive, an audit trail) never receives: its censored wait would be every cell's figure.
    read: ({ summary: s }) => {
      const read = new Set(poolsOf(s).map((p) => p.queue));
      return Math.max(0, ...Object.entries(s.queues).flatMap(([name, q]) => (read.has(name) ? [q.latency.queueWait.p99] : [])));
    },
  },
  end_to_end_p99_s: {
    description:
      "the worst chain's: the highest of the paths' 99th percentiles of first production → delete at the path's last pool " +
      "(messages still waiting count at their age at the end, but for those in a queue several pools read)",
    // 0 without a path (no message was produced), as an empty histogram's p99 is in the single format.
    read: ({ summary: s }) => Math.max(0, ...Object.values(s.paths).map((p) => p.endToEnd.p99)),
  },
  slo_breaches_msgs: {
    description: "summed over the queues: messages whose queue wait was above slo.maxQueueWait (empty without an SLO)",
    read: ({ summary: s }) => (queuesOf(s).some((q) => q.slo === null) ? null : sum(queuesOf(s).map((q) => q.slo?.messagesOverMaxQueueWait ?? 0))),
  },
  duplicate_processing_msgs: {
    description: "summed over the pools: messages processed more than once",
    read: ({ summary: s }) => sum(poolsOf(s).map((p) => p.consumers.duplicateProcessing)),
  },
  dead_lettered_msgs: {
    description: "summed over the queues: messages moved to a dead-letter queue",
    read: ({ summary: s }) => sum(queuesOf(s).map((q) => q.messages.deadLettered)),
  },
  peak_instances: {
    description: "summed over the pools: each pool's peak InService instances (a bound on the most at once)",
    read: ({ summary: s }) => sum(poolsOf(s).map((p) => p.fleet.peakInService)),
  },
  billed_instance_hours: {
    description: "summed over the pools: billed instance time",
    read: ({ summary: s }) => sum(poolsOf(s).map((p) => p.fleet.billedInstanceSeconds)) / 3600,
  },
  total_cost_usd: { description: "SQS requests, SNS publishes and deliveries, and every pool's compute", read: ({ summary: s }) => s.cost.totalUsd },
  expired_msgs: {
    description: "summed over the queues: messages deleted by the retention period, never processed",
    read: ({ summary: s }) => sum(queuesOf(s).map((q) => q.messages.expired)),
  },
  deleted_per_second_max: {
    description: "the highest delete rate of the run over all queues together, messages per second per metric period",
    read: ({ summary: s, series }) =>
      peakRateOf(
        summedColumn(
          series,
          Object.keys(s.queues).map((q) => `${q}.deleted_msgs`),
        ),
      ),
  },
  waiting_at_end_msgs: {
    description:
      "messages not yet done when the run ended: those waiting in each queue (its direct senders' unsent ones included), " +
      "publishes to a topic not yet sent, deliveries and emitted messages on their way",
    read: ({ summary: s }) =>
      sum(queuesOf(s).map((q) => q.latency.endToEnd.censored)) +
      sum(Object.values(s.producers).map((p) => (Object.hasOwn(s.topics, p.to) ? p.unsent : 0))) +
      sum(Object.values(s.topics).flatMap((t) => Object.values(t.pendingAtEnd))) +
      sum(poolsOf(s).map((p) => p.emitInTransitAtEnd)),
  },
};

/** What a per-resource figure is about. */
export type ResourceKind = "queue" | "pool" | "topic" | "path";

export interface ResourceFigure {
  /** The column's last part, snake_case and ending with its unit. */
  stem: string;
  /** Its name in --slo after the resource (`analytics.queueWait.p99<=60s`); the stem is taken there too. */
  friendly: string;
  /** Its column heading in report.html, after the resource's name. */
  heading: string;
  of: ResourceKind;
  kind: SweepMetricKind;
  description: string;
  read: (run: ArchitectureResult, resource: string) => number | null;
}

const queue = (s: ArchitectureSummary, name: string) => (Object.hasOwn(s.queues, name) ? s.queues[name] : undefined);
const pool = (s: ArchitectureSummary, name: string) => (Object.hasOwn(s.consumers, name) ? s.consumers[name] : undefined);

/** Stems are unique within a kind of resource and never shared by queues and pools, which may have the same name. */
export const RESOURCE_FIGURES: readonly ResourceFigure[] = [
  {
    stem: "queue_wait_p99_s",
    heading: "queue-wait p99",
    friendly: "queueWait.p99",
    of: "queue",
    kind: "duration",
    description: "99th percentile of send (or SNS delivery) → first receive",
    read: ({ summary: s }, q) => queue(s, q)?.latency.queueWait.p99 ?? null,
  },
  {
    stem: "end_to_end_p99_s",
    heading: "end-to-end p99",
    friendly: "endToEnd.p99",
    of: "queue",
    kind: "duration",
    description: "99th percentile of the chain's first production → delete from this queue",
    read: ({ summary: s }, q) => queue(s, q)?.latency.endToEnd.p99 ?? null,
  },
  {
    stem: "peak_visible_msgs",
    heading: "peak visible",
    friendly: "peakVisible",
    of: "queue",
    kind: "number",
    description:
      "its peak of visible messages: the most ApproximateNumberOfMessagesVisible at a metric period's end (the report's peak backlog also counts in-flight and delayed ones)",
    read: ({ series }, q) => valuesOf(series, `${q}.ApproximateNumberOfMessagesVisible_msgs`).reduce((m, x) => Math.max(m, x), 0),
  },
  {
    stem: "slo_breaches_msgs",
    heading: "SLO breaches",
    friendly: "sloBreaches",
    of: "queue",
    kind: "number",
    description: "messages whose queue wait was above slo.maxQueueWait (empty without an SLO)",
    read: ({ summary: s }, q) => queue(s, q)?.slo?.messagesOverMaxQueueWait ?? null,
  },
  {
    stem: "dead_lettered_msgs",
    heading: "dead-lettered",
    friendly: "deadLettered",
    of: "queue",
    kind: "number",
    description: "messages moved to its dead-letter queue",
    read: ({ summary: s }, q) => queue(s, q)?.messages.deadLettered ?? null,
  },
  {
    stem: "expired_msgs",
    heading: "expired",
    friendly: "expired",
    of: "queue",
    kind: "number",
    description: "messages deleted by its retention period",
    read: ({ summary: s }, q) => queue(s, q)?.messages.expired ?? null,
  },
  {
    stem: "deleted_per_second_max",
    heading: "peak deletes per second",
    friendly: "deleted.perSecond.max",
    of: "queue",
    kind: "number",
    description: "its highest delete rate, messages per second per metric period",
    read: ({ series }, q) => peakRateOf(summedColumn(series, [`${q}.deleted_msgs`])),
  },
  {
    stem: "waiting_at_end_msgs",
    heading: "still waiting at the end",
    friendly: "waitingAtEnd",
    of: "queue",
    kind: "number",
    description: "messages in it (or unsent by its direct senders) when the run ended",
    read: ({ summary: s }, q) => queue(s, q)?.latency.endToEnd.censored ?? null,
  },
  {
    stem: "sqs_cost_usd",
    heading: "SQS cost",
    friendly: "sqsCost",
    of: "queue",
    kind: "usd",
    description: "its SQS requests",
    read: ({ summary: s }, q) => queue(s, q)?.costUsd ?? null,
  },
  {
    stem: "processed_msgs",
    heading: "processed",
    friendly: "processed",
    of: "pool",
    kind: "number",
    description: "messages its consumers processed",
    read: ({ summary: s }, p) => pool(s, p)?.consumers.processed ?? null,
  },
  {
    stem: "duplicate_processing_msgs",
    heading: "processed twice",
    friendly: "duplicateProcessing",
    of: "pool",
    kind: "number",
    description: "messages it processed more than once",
    read: ({ summary: s }, p) => pool(s, p)?.consumers.duplicateProcessing ?? null,
  },
  {
    stem: "peak_instances",
    heading: "peak instances",
    friendly: "peakInstances",
    of: "pool",
    kind: "number",
    description: "its peak InService instances",
    read: ({ summary: s }, p) => pool(s, p)?.fleet.peakInService ?? null,
  },
  {
    stem: "billed_instance_hours",
    heading: "instance hours",
    friendly: "instanceHours",
    of: "pool",
    kind: "number",
    description: "its billed instance time",
    read: ({ summary: s }, p) => {
      const seconds = pool(s, p)?.fleet.billedInstanceSeconds;
      return seconds === undefined ? null : seconds / 3600;
    },
  },
  {
    stem: "compute_cost_usd",
    heading: "compute cost",
    friendly: "computeCost",
    of: "pool",
    kind: "usd",
    description: "its compute",
    read: ({ summary: s }, p) => pool(s, p)?.costUsd ?? null,
  },
  {
    stem: "sns_cost_usd",
    heading: "SNS cost",
    friendly: "snsCost",
    of: "topic",
    kind: "usd",
    description: "its publishes and deliveries",
    read: ({ summary: s }, t) => (Object.hasOwn(s.topics, t) ? s.topics[t]!.costUsd : null),
  },
  {
    stem: "end_to_end_p99_s",
    heading: "end-to-end p99",
    friendly: "endToEnd.p99",
    of: "path",
    kind: "duration",
    description: "99th percentile of the chain's first production → delete at its last pool (empty when no message took it)",
    read: ({ summary: s }, path) => (Object.hasOwn(s.paths, path) ? s.paths[path]!.endToEnd.p99 : null),
  },
];

/** How a path's columns start: `path:web→orders→billing→billing-workers.end_to_end_p99_s`. */
export const PATH_PREFIX = "path:";

/** A per-resource column name split into its resource and figure. */
export interface ResourceMetric {
  name: string;
  resource: string;
  figure: ResourceFigure;
}

/**
 * The resource and figure a column name (or an --slo name: the figure's stem or friendly name after the resource)
 * stands for, by its form alone; undefined when it has none. Whether the scenario has that resource is the sweep's
 * catalogue's to say (architectureMetricNames).
 */
export function resourceMetric(name: string): ResourceMetric | undefined {
  const isPath = name.startsWith(PATH_PREFIX);
  for (const figure of RESOURCE_FIGURES) {
    if ((figure.of === "path") !== isPath) continue;
    for (const suffix of [figure.stem, figure.friendly]) {
      if (!name.endsWith(`.${suffix}`)) continue;
      const resource = name.slice(isPath ? PATH_PREFIX.length : 0, name.length - suffix.length - 1);
      if (resource === "") continue;
      const column = `${isPath ? PATH_PREFIX : ""}${resource}.${figure.stem}`;
      return { name: column, resource, figure };
    }
  }
  return undefined;
}

/** The per-resource columns of an architecture: its queues', pools', topics' and paths' figures, in that order. */
export function architectureMetricNames(a: Architecture): string[] {
  const of = (kind: ResourceKind, names: readonly string[], prefix = "") =>
    names.flatMap((n) => RESOURCE_FIGURES.filter((f) => f.of === kind).map((f) => `${prefix}${n}.${f.stem}`));
  const queues = a.queues.map((q) => q.name);
  const pools = a.consumers.map((p) => p.name);
  const topics = a.topics.map((t) => t.name);
  return [...of("queue", queues), ...of("pool", pools), ...of("topic", topics), ...of("path", architecturePaths(a), PATH_PREFIX)];
}

/** A per-resource column as a sweep metric (its heading and description name the resource). */
export function resourceSweepMetric(name: string): SweepMetric | undefined {
  const m = resourceMetric(name);
  if (m === undefined || m.name !== name) return undefined;
  // Read by readArchitectureMetrics from an architecture's run: a single-queue run has no such figure.
  const read = (): null => null;
  const what = `${m.figure.of} ${m.resource}`;
  return { name, kind: m.figure.kind, heading: `${what}: ${m.figure.heading}`, description: `${what}: ${m.figure.description}`, read };
}

/** One run's figures: SWEEP_METRICS's names (architecture-wide), then `resources` (architectureMetricNames), in order. */
export function readArchitectureMetrics(run: ArchitectureResult, resources: readonly string[]): (number | null)[] {
  const wide = METRIC_NAMES.map((name) => ARCHITECTURE_WIDE[name]?.read(run) ?? null);
  const own = resources.map((name) => {
    const m = resourceMetric(name);
    return m === undefined ? null : m.figure.read(run, m.resource);
  });
  return [...wide, ...own];
}

/** A series whose one count column is the sum of the named columns (absent ones count 0), for peakRateOf. */
function summedColumn(series: PeriodSeries, columns: readonly string[]): { times: readonly number[]; counts: number[] } {
  const times = valuesOf(series, "time_s");
  const each = columns.map((c) => valuesOf(series, c));
  return { times, counts: times.map((_, i) => sum(each.map((values) => values[i] ?? 0))) };
}

/** A column's values; none when the series has no such column (a resource of another cell's scenario). */
function valuesOf(series: PeriodSeries, name: string): readonly number[] {
  const i = series.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : (series.values[i] ?? []);
}

/**
 * The metrics of a sweep, in results.csv's column order: SWEEP_METRICS, then an architecture's per-resource ones;
 * for an architecture (a sweep with resourceMetrics), SWEEP_METRICS described as ARCHITECTURE_WIDE reads them.
 */
export function sweepMetricsOf(definition: { resourceMetrics?: readonly string[] | undefined }): SweepMetric[] {
  if (definition.resourceMetrics === undefined) return [...SWEEP_METRICS];
  const wide = SWEEP_METRICS.map((m) => ({ ...m, description: ARCHITECTURE_WIDE[m.name]?.description ?? m.description }));
  const own = definition.resourceMetrics.map((name) => {
    const m = resourceSweepMetric(name);
    if (m === undefined) throw new Error(`${name} is not a per-resource sweep metric`);
    return m;
  });
  return [...wide, ...own];
}

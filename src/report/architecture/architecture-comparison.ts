// The content of a comparison of architecture runs (`sqs-sim compare`), before it is written as HTML or Markdown:
// side-by-side tables of cost, queues, pools, paths and topics (one column per run, "—" where a run lacks the
// resource), and per queue and per pool the single compare's charts over each run's view of it.
import { type PeriodSeries } from "../../metrics/period-series.js";
import { type ArchitectureSummary } from "../../sim/architecture-result.js";
import { type ChartSpec } from "../charts/chart-spec.js";
import { buildComparisonCharts } from "../charts/index.js";
import { type RunData } from "../run-data.js";
import { formatInt, formatPercent, formatUsd, latencyFigure } from "../summary-tables.js";
import { type ArchitectureRunData } from "./architecture-run-data.js";
import { poolView, queueView } from "./resource-views.js";
import { peakBacklogs } from "./topology.js";

/** Where a run lacks a resource or a figure. */
export const MISSING = "—";

/** One resource's rows (or the run-wide cost's): a label and one value per run. */
export interface ComparedSection {
  /** "queue billing", or null for a table of one section (cost). */
  title: string | null;
  rows: { label: string; values: string[] }[];
}

export interface ComparedTable {
  /** An HTML id and Markdown heading: "Cost", "Queues", … */
  id: string;
  title: string;
  sections: ComparedSection[];
}

export interface ComparedResource {
  kind: "queue" | "pool";
  name: string;
  /** Its comparison charts, ids made unique over the report (`queue.billing.compare-backlog`). */
  charts: ChartSpec[];
}

export interface ArchitectureComparison {
  tables: ComparedTable[];
  resources: ComparedResource[];
}

/** The single compare's charts that tell about a queue (its backlog, waits, throughput) and about a pool. The
 *  latency distributions need histograms an architecture run keeps not. */
export const QUEUE_COMPARISON_IDS = ["compare-backlog", "compare-age", "compare-queue-wait-p99", "compare-deleted", "compare-redelivered"] as const;
export const POOL_COMPARISON_IDS = ["compare-instances", "compare-cost"] as const;

/** The names a part of the summaries holds over all runs, in the order they first appear. */
function unionNames(summaries: readonly ArchitectureSummary[], part: (s: ArchitectureSummary) => Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const s of summaries) for (const name of Object.keys(part(s))) if (!names.includes(name)) names.push(name);
  return names;
}

/** A section of rows, each a figure read from the resource in each run, or "—" where the run lacks it. */
function section<T>(title: string | null, resources: (T | undefined)[], rows: [label: string, figure: (r: T) => string][]): ComparedSection {
  return { title, rows: rows.map(([label, figure]) => ({ label, values: resources.map((r) => (r === undefined ? MISSING : figure(r))) })) };
}

const own = <T>(record: Record<string, T>, name: string): T | undefined => (Object.hasOwn(record, name) ? record[name] : undefined);

export function costTable(summaries: readonly ArchitectureSummary[]): ComparedTable {
  return {
    id: "cost",
    title: "Cost",
    sections: [
      section(
        null,
        summaries.map((s) => s.cost),
        [
          ["SQS requests", (c) => formatUsd(c.sqsUsd)],
          ["SNS publishes and deliveries", (c) => formatUsd(c.snsUsd)],
          ["compute", (c) => formatUsd(c.computeUsd)],
          ["total", (c) => formatUsd(c.totalUsd)],
        ],
      ),
    ],
  };
}

export function queuesTable(runs: readonly ArchitectureRunData[]): ComparedTable {
  const summaries = runs.map((r) => r.summary);
  const names = unionNames(summaries, (s) => s.queues);
  const peaks = runs.map((r) => peakBacklogs(r.series, names));
  return {
    id: "queues",
    title: "Queues",
    sections: names.map((name) =>
      section(
        `queue ${name}`,
        summaries.map((s, i) => {
          const q = own(s.queues, name);
          return q === undefined ? undefined : { q, peak: peaks[i]!.get(name) ?? 0 };
        }),
        [
          ["sent (accepted)", ({ q }) => formatInt(q.messages.sent)],
          ["deleted", ({ q }) => formatInt(q.messages.deleted)],
          [
            "left at the end (visible, in flight, delayed)",
            ({ q }) => formatInt(q.messages.remaining.visible + q.messages.remaining.inFlight + q.messages.remaining.delayed),
          ],
          ["queue wait p99", ({ q }) => latencyFigure(q.latency.queueWait, "p99")],
          ["end to end p99", ({ q }) => latencyFigure(q.latency.endToEnd, "p99")],
          ["peak backlog", ({ peak }) => formatInt(peak)],
          ["cost (SQS requests)", ({ q }) => formatUsd(q.costUsd)],
        ],
      ),
    ),
  };
}

export function poolsTable(summaries: readonly ArchitectureSummary[]): ComparedTable {
  const names = unionNames(summaries, (s) => s.consumers);
  return {
    id: "pools",
    title: "Pools",
    sections: names.map((name) =>
      section(
        `pool ${name}`,
        summaries.map((s) => own(s.consumers, name)),
        [
          ["reads queue", (p) => p.queue],
          ["processed", (p) => formatInt(p.consumers.processed)],
          ["peak instances", (p) => formatInt(p.fleet.peakInstances)],
          ["worker utilisation", (p) => formatPercent(p.consumers.utilization)],
          ["emitted downstream", (p) => formatInt(p.emitted)],
          ["cost (compute)", (p) => formatUsd(p.costUsd)],
        ],
      ),
    ),
  };
}

export function pathsTable(summaries: readonly ArchitectureSummary[]): ComparedTable {
  const names = unionNames(summaries, (s) => s.paths);
  return {
    id: "paths",
    title: "End to end per path",
    sections: names.map((name) =>
      section(
        name,
        summaries.map((s) => own(s.paths, name)?.endToEnd),
        [
          ["messages", (l) => formatInt(l.count)],
          // Counted above at their age at the end, as the run's report counts them.
          ["still waiting at the end", (l) => formatInt(l.censored ?? 0)],
          ["p50", (l) => latencyFigure(l, "p50")],
          ["p99", (l) => latencyFigure(l, "p99")],
        ],
      ),
    ),
  };
}

/** Per topic: its publishes, and per subscribed queue (over all runs) what it delivered there and filtered out. */
export function topicsTable(summaries: readonly ArchitectureSummary[]): ComparedTable {
  const names = unionNames(summaries, (s) => s.topics);
  return {
    id: "topics",
    title: "Topics",
    sections: names.map((name) => {
      const topics = summaries.map((s) => own(s.topics, name));
      const queues: string[] = [];
      for (const t of topics) for (const q of Object.keys(t?.delivered ?? {})) if (!queues.includes(q)) queues.push(q);
      // A queue one run subscribes and another does not: "—" in the run without the subscription.
      const perQueue = (record: "delivered" | "filteredOut", q: string) => (t: NonNullable<(typeof topics)[number]>) =>
        Object.hasOwn(t.delivered, q) ? formatInt(own(t[record], q) ?? 0) : MISSING;
      return section(`topic ${name}`, topics, [
        ["published", (t) => formatInt(t.published)],
        ...queues.flatMap((q): [string, (t: NonNullable<(typeof topics)[number]>) => string][] => [
          [`delivered to ${q}`, perQueue("delivered", q)],
          [`filtered out for ${q}`, perQueue("filteredOut", q)],
        ]),
        ["cost", (t) => formatUsd(t.costUsd)],
      ]);
    }),
  };
}

/** A run's view of a resource it lacks: its time column alone, so the chart leaves the run out but keeps its colour. */
function blankView(run: ArchitectureRunData, like: RunData): RunData {
  const time = run.series.columns.findIndex((c) => c.name === "time_s");
  const series: PeriodSeries = { periodSeconds: run.series.periodSeconds, columns: [run.series.columns[time]!], values: [run.series.values[time]!] };
  return { ...like, series, context: { ...like.context, durationSeconds: run.context.durationSeconds, periodSeconds: run.context.periodSeconds } };
}

function resourceCharts(
  runs: readonly ArchitectureRunData[],
  labels: string[],
  kind: "queue" | "pool",
  name: string,
  view: (run: ArchitectureRunData) => RunData | undefined,
): ComparedResource {
  const views = runs.map(view);
  const like = views.find((v): v is RunData => v !== undefined)!;
  const complete = views.map((v, i) => v ?? blankView(runs[i]!, like));
  const ids: readonly string[] = kind === "queue" ? QUEUE_COMPARISON_IDS : POOL_COMPARISON_IDS;
  const charts = buildComparisonCharts(complete, labels)
    .filter((spec) => ids.includes(spec.id))
    .map((spec) => named(spec, `${kind}.${name}.${spec.id}`, `${kind} ${name}`));
  return { kind, name, charts };
}

/** A chart with its resource named in its title, on the page and in the drawing (a PNG is read on its own too). */
function named(spec: ChartSpec, id: string, resource: string): ChartSpec {
  const options = (spec.config.options ?? {}) as { plugins?: { title?: { text?: unknown } } };
  const title = options.plugins?.title;
  const config = {
    ...spec.config,
    options: { ...options, plugins: { ...options.plugins, title: { ...title, text: `${resource}: ${String(title?.text ?? spec.title)}` } } },
  } as ChartSpec["config"];
  return { ...spec, id, title: `${resource}: ${spec.title}`, config };
}

/** `labels` tell the runs apart, in the order of the runs (their directories' names). */
export function architectureComparison(runs: readonly ArchitectureRunData[], labels: string[]): ArchitectureComparison {
  const summaries = runs.map((r) => r.summary);
  const queues = unionNames(summaries, (s) => s.queues);
  const pools = unionNames(summaries, (s) => s.consumers);
  return {
    tables: [costTable(summaries), queuesTable(runs), poolsTable(summaries), pathsTable(summaries), topicsTable(summaries)].filter(
      (t) => t.sections.length > 0,
    ),
    resources: [
      ...queues.map((q) =>
        resourceCharts(runs, labels, "queue", q, (r) => (own(r.summary.queues, q) === undefined ? undefined : queueView(r.summary, r.series, r.context, q))),
      ),
      ...pools.map((p) =>
        resourceCharts(runs, labels, "pool", p, (r) =>
          own(r.summary.consumers, p) === undefined ? undefined : poolView(r.summary, r.series, r.activities, r.context, p),
        ),
      ),
    ],
  };
}

/** Every chart in page order: what report.html draws and charts/ holds as PNGs. */
export const comparisonCharts = (c: ArchitectureComparison): ChartSpec[] => c.resources.flatMap((r) => r.charts);

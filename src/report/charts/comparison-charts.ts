// Several runs on shared axes (e.g. two visibility timeouts, two scaling policies): one line per run per chart,
// each run with its own colour and dash in every chart.
import { type ChartConfiguration } from "chart.js";
import { formatDuration } from "../../engine/units.js";
import { type RunData } from "../run-data.js";
import { type AxisFormat, type ChartSpec } from "./chart-spec.js";
import { baseOptions, durationScale, styledDataset, timeFrameChart, yScale } from "./chart-kit.js";
import { maxY } from "./time-axis.js";
import { cumulativePoints, histogramRange, logEdges, tickMantissas } from "./latency-bins.js";
import { type Reduce, SeriesView } from "./series-view.js";
import { RUN_STYLES, type SeriesStyle } from "./series-style.js";

/** Labels that tell the runs apart: the scenario name, with the seed or the position added where names repeat. */
export function runLabels(runs: readonly RunData[]): string[] {
  const names = runs.map((r) => r.context.scenarioName);
  const withSeed = runs.map((r) => `${r.context.scenarioName} (seed ${r.context.seed})`);
  const unique = (xs: string[]): boolean => new Set(xs).size === xs.length;
  if (unique(names)) return names;
  if (unique(withSeed)) return withSeed;
  return withSeed.map((l, i) => `#${i + 1} ${l}`);
}

function runStyle(i: number, label: string): SeriesStyle {
  const s = RUN_STYLES[i % RUN_STYLES.length]!;
  return { label, color: s.color, dash: s.dash, pointStyle: "circle" };
}

export interface ComparedMetric {
  id: string;
  title: string;
  column: string;
  reduce: Reduce;
  yTitle: string;
  format: AxisFormat;
  howToRead: string;
}

export const COMPARED_METRICS: ComparedMetric[] = [
  {
    id: "compare-backlog",
    title: "Visible messages",
    column: "ApproximateNumberOfMessagesVisible_msgs",
    reduce: "max",
    yTitle: "visible messages",
    format: { kind: "count" },
    howToRead: "The backlog of each run: messages visible and waiting at the end of each metric period.",
  },
  {
    id: "compare-instances",
    title: "Instances InService",
    column: "instances",
    reduce: "max",
    yTitle: "instances",
    format: { kind: "count" },
    howToRead: "Consumer instances InService in each run: how fast and how far each fleet scaled.",
  },
  {
    id: "compare-age",
    title: "Age of oldest message",
    column: "ApproximateAgeOfOldestMessage_s",
    reduce: "max",
    yTitle: "seconds",
    format: { kind: "duration" },
    howToRead: "The age of the oldest message in each run: the wait of the unluckiest message so far.",
  },
  {
    id: "compare-queue-wait-p99",
    title: "Queue wait p99 per period",
    column: "queue_wait_p99_s",
    reduce: "max",
    yTitle: "seconds",
    format: { kind: "duration" },
    howToRead: "The 99th percentile queue wait of the messages first received in each period, per run.",
  },
  {
    id: "compare-deleted",
    title: "Messages deleted per second",
    column: "deleted_msgs",
    reduce: "mean",
    yTitle: "messages deleted per second",
    format: { kind: "count" },
    howToRead:
      "Throughput of each run: messages processed and deleted per second (each run's per-period count over its own metric period, so runs with different periods compare).",
  },
  {
    id: "compare-cost",
    title: "Cumulative cost",
    column: "total_cost_usd",
    reduce: "max",
    yTitle: "cumulative cost (USD)",
    format: { kind: "usd" },
    howToRead: "What each run has cost so far, compute and SQS requests together.",
  },
];

/** The redeliveries chart follows the throughput one. */
const DELETED_AT = COMPARED_METRICS.findIndex((m) => m.id === "compare-deleted");

function columnPoints(view: SeriesView, metric: ComparedMetric, periodSeconds: number): ReturnType<SeriesView["points"]> | null {
  if (metric.id === "compare-deleted") return view.has(metric.column) ? view.points(metric.column, "mean", (v) => v / periodSeconds) : null;
  if (metric.column !== "total_cost_usd") return view.has(metric.column) ? view.points(metric.column, metric.reduce) : null;
  if (!view.has("compute_cost_usd") || !view.has("sqs_cost_usd")) return null;
  const sqs = view.points("sqs_cost_usd", "max");
  return view.points("compute_cost_usd", "max").map((p, i) => ({ x: p.x, y: (p.y ?? 0) + (sqs[i]!.y ?? 0) }));
}

export type Points = ReturnType<SeriesView["points"]>;

export function timeComparison(
  runs: readonly RunData[],
  views: SeriesView[],
  labels: string[],
  metric: ComparedMetric,
  points: (Points | null)[] = views.map((v, i) => columnPoints(v, metric, runs[i]!.series.periodSeconds)),
): ChartSpec | null {
  const datasets: Record<string, unknown>[] = [];
  points.forEach((p, i) => {
    if (p !== null) datasets.push(styledDataset(runStyle(i, labels[i]!), p));
  });
  if (datasets.length < 2) return null;
  const starts = new Set(runs.map((r) => r.context.startEpochMs));
  const frame = {
    durationSeconds: Math.max(...runs.map((r) => r.context.durationSeconds)),
    startEpochMs: starts.size === 1 ? runs[0]!.context.startEpochMs : undefined,
    title: `${metric.title} — ${labels.join(" vs ")}`,
  };
  const thinned = views.some((v) => v.flowStride > 1) ? "long runs are thinned (gauges: peak; counts: mean per period)" : null;
  const y = metric.format.kind === "duration" ? durationScale(metric.yTitle, maxY(datasets)) : yScale(metric.yTitle);
  const config = timeFrameChart(frame, [thinned], { title: metric.title, datasets, yScales: { y }, yFormats: { y: metric.format } });
  return { id: metric.id, title: metric.title, howToRead: `${metric.howToRead} One line per run; the legend names them.`, config };
}

const REDELIVERED = "redelivered_msgs";

/**
 * Redeliveries (a visibility timeout too short for the processing, failures, consumers dying) per period, or per
 * second where the runs' metric periods differ. Left out when no run has any, or when every run has the same: then
 * the comparison is not about them, and the throughput charts of each run show them.
 */
function redeliveryComparison(runs: readonly RunData[], views: SeriesView[], labels: string[]): ChartSpec | null {
  if (!views.some((v) => v.anyNonZero(REDELIVERED))) return null;
  const perSecond = new Set(runs.map((r) => r.series.periodSeconds)).size > 1;
  const points = views.map((v, i) => {
    if (!v.has(REDELIVERED)) return null;
    const period = runs[i]!.series.periodSeconds;
    return v.points(REDELIVERED, "mean", perSecond ? (x) => x / period : (x) => x);
  });
  const drawn = points.filter((p): p is Points => p !== null).map((p) => JSON.stringify(p));
  if (drawn.every((p) => p === drawn[0])) return null;
  const per = perSecond ? "per second" : `per ${formatDuration(runs[0]!.series.periodSeconds, "period")} period`;
  return timeComparison(
    runs,
    views,
    labels,
    {
      id: "compare-redelivered",
      title: "Redeliveries",
      column: REDELIVERED,
      reduce: "mean",
      yTitle: `messages redelivered ${per}`,
      format: { kind: "count" },
      howToRead:
        `Deliveries of a message received before, ${per}${perSecond ? " (the runs' metric periods differ)" : ""}: each one is ` +
        "a message received and not deleted (its processing outlasted the visibility timeout, it failed, or its " +
        "consumer went away) that became visible and was received again: work done again, and a step towards the " +
        "dead-letter queue.",
    },
    points,
  );
}

export function cdfComparison(runs: readonly RunData[], labels: string[], key: "queueWait" | "endToEnd"): ChartSpec | null {
  const hs = runs.map((r) => r.histograms[key]);
  const range = histogramRange(hs.filter((h) => h.count > 0));
  if (range === null) return null;
  const edges = logEdges(range.lowS, range.highS);
  const datasets = hs.flatMap((h, i) => {
    if (h.count === 0) return [];
    const points = cumulativePoints(h, edges[0]!).map((p) => ({ x: p.x, y: Number((p.y * 100).toFixed(4)) }));
    return [styledDataset(runStyle(i, labels[i]!), points)];
  });
  if (datasets.length < 2) return null;
  const what = key === "queueWait" ? "Queue wait" : "End-to-end time";
  const options = baseOptions(`${what}, cumulative distribution — ${labels.join(" vs ")}`, null);
  (options.plugins as Record<string, unknown>).sqsSimAxes = { x: { kind: "duration", logTicks: tickMantissas(edges) }, y: { kind: "percent" } };
  const config = {
    type: "line",
    data: { datasets },
    options: {
      ...options,
      scales: {
        x: {
          type: "logarithmic",
          min: edges[0],
          max: edges[edges.length - 1],
          title: { display: true, text: "latency (log scale)" },
          ticks: { autoSkip: false, maxRotation: 0 },
        },
        y: yScale("messages at or below (%)", { min: 0, max: 100 }),
      },
    },
  } as unknown as ChartConfiguration;
  return {
    id: key === "queueWait" ? "compare-queue-wait-cdf" : "compare-end-to-end-cdf",
    title: `${what} distribution`,
    howToRead: `The share of each run's messages whose ${what.toLowerCase()} was at most the time on the axis. A line further left is faster; read across at 99% to compare the p99s.`,
    config,
  };
}

/** Shared charts for two or more runs. `labels` name the runs in legends (default: runLabels). */
export function buildComparisonCharts(runs: readonly RunData[], labels: string[] = runLabels(runs)): ChartSpec[] {
  const views = runs.map((r) => new SeriesView(r.series));
  return [
    ...COMPARED_METRICS.slice(0, DELETED_AT + 1).map((m) => timeComparison(runs, views, labels, m)),
    redeliveryComparison(runs, views, labels),
    ...COMPARED_METRICS.slice(DELETED_AT + 1).map((m) => timeComparison(runs, views, labels, m)),
    cdfComparison(runs, labels, "queueWait"),
    cdfComparison(runs, labels, "endToEnd"),
  ].filter((c): c is ChartSpec => c !== null);
}

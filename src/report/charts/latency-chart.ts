import { type SparseHistogram } from "../../metrics/sparse-histogram.js";
import { type RunData } from "../run-data.js";
import { formatDuration } from "../../engine/units.js";
import { type ChartSpec, type XLine } from "./chart-spec.js";
import { baseOptions, chartTitle, dataset, yScale } from "./chart-kit.js";
import { cumulativePoints, histogramQuantile, histogramRange, latencyBins, logEdges, tickMantissas } from "./latency-bins.js";
import { type Point } from "./series-view.js";
import { SERIES } from "./series-style.js";

interface Measure {
  key: "queueWait" | "endToEnd";
  histogram: SparseHistogram;
}

const pct = (x: number): number => Number((x * 100).toFixed(4));

/** Chart 6: the distribution of queue wait and end-to-end time: share per bin, cumulative share, percentiles marked. */
export function latencyChart(run: RunData): ChartSpec | null {
  const measures: Measure[] = (["queueWait", "endToEnd"] as const).map((key) => ({ key, histogram: run.histograms[key] })).filter((m) => m.histogram.count > 0);
  const range = histogramRange(measures.map((m) => m.histogram));
  if (measures.length === 0 || range === null) return null;
  const edges = logEdges(range.lowS, range.highS);
  const datasets: Record<string, unknown>[] = [];
  const marks: Point[] = [];
  const lines: XLine[] = [];
  const zeroNotes: string[] = [];
  const clamp = (s: number): number => Math.min(edges[edges.length - 1]!, Math.max(edges[0]!, s));
  for (const m of measures) {
    const bins = latencyBins(m.histogram, edges);
    const style = SERIES[m.key];
    const shares: Point[] = bins.shares.map((s, i) => ({ x: edges[i]!, y: pct(s) }));
    shares.push({ x: edges[edges.length - 1]!, y: pct(bins.shares[bins.shares.length - 1]!) });
    if (bins.zeroShare > 0) zeroNotes.push(`${style.label}: ${pct(bins.zeroShare).toFixed(1)}% at 0`);
    const cdf: Point[] = cumulativePoints(m.histogram, edges[0]!).map((p) => ({ x: p.x, y: pct(p.y) }));
    datasets.push(dataset(m.key, shares, { fill: "origin", stepped: true, label: `${style.label}: share per bin` }));
    datasets.push({ ...dataset(m.key, cdf, { yAxisID: "cdf", label: `${style.label}: cumulative` }), borderWidth: 3 });
    // A percentile below the axis (most waits were 0) has no place on a log axis: the subtitle states it instead.
    const quantile = (q: number): number => histogramQuantile(m.histogram, q / 100);
    for (const [q, v] of [
      [50, quantile(50)],
      [90, quantile(90)],
      [99, quantile(99)],
    ] as const) {
      if (v < edges[0]!) zeroNotes.push(`${style.label} p${q} = ${formatDuration(v, "rounded")}`);
      else marks.push({ x: clamp(v), y: q, note: `${style.label} p${q} = ${formatDuration(v, "rounded")}` });
    }
    const p99 = quantile(99);
    if (p99 >= edges[0]!) lines.push({ at: clamp(p99), color: style.color, dash: [4, 4], label: `${style.label} p99 ${formatDuration(p99, "rounded")}` });
  }
  datasets.push(dataset("percentiles", marks, { markersOnly: true, yAxisID: "cdf", label: "p50, p90, p99" }));
  const counts = measures.map((m) => {
    // Summaries saved before censored waits were counted have no `censored`.
    const censored = run.summary.latency[m.key].censored ?? 0;
    const still = censored > 0 ? ` (${censored.toLocaleString("en-US")} still waiting at the end, at their age then)` : "";
    return `${SERIES[m.key].label}: ${m.histogram.count.toLocaleString("en-US")} messages${still}`;
  });
  const zeros = zeroNotes.length > 0 ? [`off the log axis: ${zeroNotes.join(", ")} (counted in the cumulative lines)`] : [];
  const options = baseOptions(chartTitle("Latency distribution", run), [...counts, ...zeros].join(" · "));
  const plugins = options.plugins as Record<string, unknown>;
  plugins.sqsSimAxes = { x: { kind: "duration", logTicks: tickMantissas(edges) }, y: { kind: "percent" }, cdf: { kind: "percent" } };
  plugins.sqsSimAnnotations = { lines };
  return {
    id: "latency",
    title: "Latency distribution",
    howToRead:
      "How long messages took, on a logarithmic time axis: queue wait (send to first receive) and end to end (from " +
      "the moment a producer made the message to its successful delete, so it includes any wait in the producer, " +
      "processing and any redeliveries). Messages still waiting when the run ended count at their age then (the " +
      "subtitle says how many): their true waits are longer, so a tail they form is a lower bound. The filled steps are the share of " +
      "messages in each bin (left axis); messages that waited 0 (a consumer was already polling) cannot sit on a log axis, so the subtitle gives their share and the cumulative lines start from it. The thick lines are the cumulative " +
      "share (right axis): read across from 99% to find the p99. Stars mark p50, p90 and p99, and dashed vertical " +
      "lines the p99s. A long flat stretch before the cumulative line reaches 100% is a tail: a few messages that " +
      "waited far longer than the rest, often redeliveries after a visibility timeout.",
    config: {
      type: "line",
      data: { datasets },
      options: {
        ...options,
        scales: {
          x: {
            type: "logarithmic",
            min: edges[0],
            max: edges[edges.length - 1],
            title: { display: true, text: "latency (log scale)", font: { size: 13 } },
            ticks: { font: { size: 13 }, autoSkip: false, maxRotation: 0 },
          },
          y: yScale("share of messages per bin (%)"),
          cdf: yScale("cumulative share of messages (%)", { position: "right", min: 0, max: 100 }),
        },
      },
    } as unknown as ChartSpec["config"],
  };
}

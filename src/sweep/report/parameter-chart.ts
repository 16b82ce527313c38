// For a one-parameter sweep: queue-wait p99 (left axis) and total cost (right axis) against the parameter's values,
// with 95% whiskers, and the queue-wait objectives as level lines. The trade-off along the one knob turned.
import { type ChartConfiguration } from "chart.js";
import { type AxisFormat, type ChartSpec } from "../../report/charts/chart-spec.js";
import { baseOptions, dataset, durationScale, yScale } from "../../report/charts/chart-kit.js";
import { SERIES } from "../../report/charts/series-style.js";
import { sloList } from "../slo.js";
import { type ResultRow } from "../results.js";
import { cellTitle, COST, estimateOf, estimateText, meanOf, P99, type SweepReportInput, verdictText } from "./sweep-view.js";
import { axisOf, durationFormat, EDGE_OVERFLOW_PX } from "./value-axis.js";

export function parameterChart(input: SweepReportInput): ChartSpec | null {
  const { definition, rows } = input;
  const dim = definition.vary[0];
  if (definition.vary.length !== 1 || dim === undefined) return null;
  const byValue = new Map(rows.map((r) => [r.parameters[dim.path] ?? "", r]));
  const p99Means = rows.map((r) => meanOf(r, P99)).filter((m): m is number => m !== null && Number.isFinite(m));
  const p99Axis = axisOf(
    p99Means,
    rows.map((r) => (meanOf(r, P99) === null ? null : (estimateOf(r, P99)?.ci95Low ?? null))),
  );
  const costAxis = axisOf([]); // linear: whiskers below 0 are cut there
  const series = (metric: string, kind: "duration" | "usd"): Record<string, unknown>[] =>
    dim.values.map((value) => {
      const r: ResultRow | undefined = byValue.get(value);
      const e = r === undefined ? null : estimateOf(r, metric);
      if (r === undefined || e === null || e.mean === null) return { x: value, y: null };
      const verdict = verdictText(r);
      const axis = kind === "duration" ? p99Axis : costAxis;
      const low = e.ci95Low === null ? null : axis.placeLow(e.ci95Low);
      return {
        x: value,
        y: axis.place(e.mean),
        ...(low !== null && e.ci95High !== null && e.ci95High > (e.ci95Low ?? 0)
          ? { yLow: low.at, yHigh: e.ci95High, ...(low.open ? { yLowOpen: true } : {}) }
          : {}),
        title: cellTitle(definition, r),
        label: `${kind === "duration" ? "queue-wait p99" : "total cost"}: ${estimateText(e, kind)}`,
        ...(verdict === null ? {} : { note: [verdict] }),
      };
    });
  const p99 = series(P99, "duration");
  const cost = series(COST, "usd");
  const withMarkers = (d: Record<string, unknown>, style: { pointStyle: string }): Record<string, unknown> => ({
    ...d,
    pointStyle: style.pointStyle,
    pointRadius: 5,
    pointHoverRadius: 7,
  });
  const datasets = [
    withMarkers(dataset("queueWaitP99", p99 as never, { label: "queue-wait p99 (mean)" }), SERIES.queueWaitP99),
    withMarkers(dataset("totalCost", cost as never, { label: "total cost (mean)", yAxisID: "y2" }), SERIES.totalCost),
  ];
  // Upper limits on the queue-wait p99 as level lines across the chart.
  const p99Slos = sloList(definition.slos).filter((slo) => slo.metric === P99);
  for (const slo of p99Slos) {
    if (slo.op !== "<=" && slo.op !== "<") continue;
    const first = dim.values[0];
    const last = dim.values[dim.values.length - 1];
    datasets.push({
      ...dataset(
        "slo",
        [
          { x: first, y: slo.value },
          { x: last, y: slo.value },
        ] as never,
        { label: `SLO ${slo.text}` },
      ),
      pointRadius: 0,
    });
  }
  const maxP99 = Math.max(0, ...p99.map((p) => Math.max(Number(p.y ?? 0), Number(p.yHigh ?? 0))), ...p99Slos.map((s) => s.value));
  const replications = definition.replications;
  const notes = [
    `mean of ${replications} replication${replications === 1 ? "" : "s"} per value`,
    ...(replications > 1 ? ["whiskers: 95% confidence intervals"] : []),
    ...(p99Axis.log ? ["p99 on a log scale"] : []),
    ...(p99Axis.zeroAt !== null ? ["a p99 of 0 is drawn at the axis's foot"] : []),
  ];
  const options = baseOptions(`Queue-wait p99 and cost by ${dim.path} — ${definition.scenario} sweep`, notes.join(" · ")) as Record<string, unknown>;
  const plugins = options.plugins as Record<string, Record<string, unknown>>;
  plugins.sqsSimAxes = { y: durationFormat(p99Axis), y2: { kind: "usd" } } satisfies Record<string, AxisFormat>;
  for (const d of datasets) d.clip = EDGE_OVERFLOW_PX;
  // Markers in the legend at their own size (the time charts' legend draws 36-pixel line samples).
  plugins.legend!.labels = { usePointStyle: true, font: { size: 13 } };
  const font = { size: 13 };
  // The whiskers' ends inside the plot: Chart.js sizes the axes by the points alone.
  const maxCost = Math.max(0, ...cost.map((p) => Math.max(Number(p.y ?? 0), Number(p.yHigh ?? 0))));
  options.scales = {
    x: { type: "category", labels: dim.values, offset: true, title: { display: true, text: dim.path, font }, ticks: { font, maxRotation: 0 } },
    y: {
      ...(p99Axis.log ? { ...yScale("queue-wait p99", { type: "logarithmic" }), ...p99Axis.bounds } : durationScale("queue-wait p99", maxP99)),
      suggestedMax: maxP99,
    },
    y2: { ...yScale("total cost per run (USD)", { position: "right" }), suggestedMax: maxCost },
  };
  const config = { type: "line", data: { labels: dim.values, datasets }, options } as unknown as ChartConfiguration;
  return {
    id: "by-parameter",
    title: `Queue-wait p99 and cost by ${dim.path}`,
    howToRead:
      `Each value of ${dim.path} in the order given: the mean queue-wait p99 over its replications on the ` +
      "left axis, the mean total cost per run on the right, with whiskers over the 95% confidence intervals. Where " +
      "the latency line flattens while cost keeps rising, further steps buy little. Hover over a point for its exact " +
      "figures.",
    config,
  };
}

// Cost against queue-wait p99, one point per cell (the means over its replications, with 95% whiskers on both
// axes), the Pareto front drawn as the staircase it is, cells that miss an SLO set apart, and the recommended cell
// starred. The chart a capacity planner reads first: what each step of latency costs.
import { type ChartConfiguration } from "chart.js";
import { type AxisFormat, type ChartSpec } from "../../report/charts/chart-spec.js";
import { baseOptions, styledDataset } from "../../report/charts/chart-kit.js";
import { SERIES, type SeriesStyle } from "../../report/charts/series-style.js";
import { type ResultRow } from "../results.js";
import { axisOf, durationFormat, EDGE_OVERFLOW_PX, usdFormat } from "./value-axis.js";
import { cellTitle, COST, estimateOf, estimateText, formatValue, meanOf, P99, type SweepReportInput, verdictText } from "./sweep-view.js";

/** Above this many cells, points carry their title only: the notes would make report.html heavy. */
export const NOTED_CELLS = 2000;
/** Above this many cells, whiskers would bury the points: they are left out (the tooltips keep the intervals). */
export const WHISKERED_CELLS = 200;

interface ScatterPoint {
  x: number;
  y: number;
  xLow?: number;
  xLowOpen?: true;
  xHigh?: number;
  yLow?: number;
  yLowOpen?: true;
  yHigh?: number;
  title: string;
  label?: string;
  note?: string[];
}

export function paretoChart(input: SweepReportInput): ChartSpec | null {
  const { definition, rows, recommendation } = input;
  const plotted = rows.filter((r) => finite(meanOf(r, COST)) && finite(meanOf(r, P99)));
  if (plotted.length === 0) return null;
  const costs = plotted.map((r) => meanOf(r, COST)!);
  const p99s = plotted.map((r) => meanOf(r, P99)!);
  const xAxis = axisOf(
    costs,
    plotted.map((r) => estimateOf(r, COST)!.ci95Low),
  );
  const yAxis = axisOf(
    p99s,
    plotted.map((r) => estimateOf(r, P99)!.ci95Low),
  );
  const noted = rows.length <= NOTED_CELLS;
  const whiskered = rows.length <= WHISKERED_CELLS;
  const point = (r: ResultRow): ScatterPoint => {
    const cost = estimateOf(r, COST)!;
    const p99 = estimateOf(r, P99)!;
    const p: ScatterPoint = { x: xAxis.place(cost.mean!), y: yAxis.place(p99.mean!), title: cellTitle(definition, r) };
    if (whiskered && cost.ci95Low !== null && cost.ci95High !== null && cost.ci95High > cost.ci95Low) {
      const end = xAxis.placeLow(cost.ci95Low);
      p.xLow = end.at;
      if (end.open) p.xLowOpen = true;
      p.xHigh = cost.ci95High;
    }
    if (whiskered && p99.ci95Low !== null && p99.ci95High !== null && p99.ci95High > p99.ci95Low) {
      const end = yAxis.placeLow(p99.ci95Low);
      p.yLow = end.at;
      if (end.open) p.yLowOpen = true;
      p.yHigh = p99.ci95High;
    }
    // The figures as measured: a p99 of 0 on a log axis sits at the axis's foot, the tooltip says 0.
    p.label = `queue-wait p99 ${noted ? estimateText(p99, "duration") : formatValue(p99.mean!, "duration")}`;
    if (noted) {
      const verdict = verdictText(r);
      p.note = [`total cost ${estimateText(cost, "usd")}`, ...(verdict === null ? [] : [verdict]), ...(r.pareto === true ? ["on the Pareto front"] : [])];
    }
    return p;
  };
  const xLog = xAxis.log;
  const yLog = yAxis.log;

  const withSlos = definition.slos.length > 0;
  const front = plotted.filter((r) => r.pareto === true).sort((a, b) => meanOf(a, COST)! - meanOf(b, COST)! || meanOf(b, P99)! - meanOf(a, P99)!);
  const others = plotted.filter((r) => r.pareto !== true);
  const datasets: Record<string, unknown>[] = [];
  const markers = (style: SeriesStyle, points: ScatterPoint[], label: string, radius = 5): Record<string, unknown> => ({
    ...styledDataset(style, points as never, { markersOnly: true, label }),
    pointRadius: radius,
    pointHoverRadius: radius + 2,
  });
  const feasible = others.filter((r) => r.feasible !== false);
  // Crosses over every cell that misses an SLO, those on the front included (drawn over their diamonds).
  const infeasible = plotted.filter((r) => r.feasible === false);
  if (feasible.length > 0) datasets.push(markers(SERIES.sweepCell, feasible.map(point), withSlos ? "cell that meets every SLO" : "cell"));
  if (front.length > 0) {
    // The front as a staircase: from each front cell right at its p99 to the next cheaper-for-its-latency one,
    // then down. Every point above and to the right of it is dominated.
    datasets.push({
      ...styledDataset(SERIES.paretoFront, front.map(point) as never, { label: "Pareto front (no cell is both cheaper and faster)" }),
      pointStyle: SERIES.paretoFront.pointStyle,
      pointRadius: 6,
      pointHoverRadius: 8,
      stepped: "before",
      showLine: true,
    });
  }
  if (infeasible.length > 0) datasets.push({ ...markers(SERIES.sweepInfeasible, infeasible.map(point), SERIES.sweepInfeasible.label, 7), borderWidth: 2 });
  const best = recommendation?.best ?? null;
  const bestRow = best === null ? undefined : plotted.find((r) => r.cell === best.cell);
  if (bestRow !== undefined) datasets.push(markers(SERIES.recommended, [point(bestRow)], `recommended: cell ${bestRow.cell}`, 10));

  const replications = definition.replications;
  const title = `Cost vs queue-wait p99 — ${definition.scenario} sweep`;
  const notes = [
    `${rows.length} cell${rows.length === 1 ? "" : "s"}, mean of ${replications} replication${replications === 1 ? "" : "s"} each`,
    replications === 1
      ? "one replication: no interval"
      : whiskered
        ? "whiskers: 95% confidence intervals"
        : `no whiskers above ${WHISKERED_CELLS} cells (intervals in the tooltips)`,
    ...(xLog || yLog ? [`${[xLog ? "cost" : "", yLog ? "p99" : ""].filter(Boolean).join(" and ")} on a log scale`] : []),
    ...(yAxis.zeroAt !== null ? ["a p99 of 0 is drawn at the axis's foot"] : []),
  ];
  const options = baseOptions(title, notes.join(" · ")) as Record<string, unknown>;
  options.interaction = { mode: "nearest", axis: "xy", intersect: false };
  // Markers in the legend at their own size (the time charts' legend draws 36-pixel line samples).
  (options.plugins as Record<string, Record<string, unknown>>).legend!.labels = { usePointStyle: true, font: { size: 13 } };
  const plugins = options.plugins as Record<string, unknown>;
  plugins.sqsSimAxes = { x: usdFormat(xAxis), y: durationFormat(yAxis) } satisfies Record<string, AxisFormat>;
  for (const d of datasets) d.clip = EDGE_OVERFLOW_PX;
  const font = { size: 13 };
  // The whiskers' ends inside the plot: Chart.js sizes the axes by the points alone.
  const all = datasets.flatMap((d) => d.data as ScatterPoint[]);
  const highest = (key: "xHigh" | "yHigh", fallback: "x" | "y"): number => Math.max(...all.map((p) => p[key] ?? p[fallback]));
  options.scales = {
    x: {
      type: xLog ? "logarithmic" : "linear",
      ...xAxis.bounds,
      suggestedMax: highest("xHigh", "x"),
      title: { display: true, text: "total cost per run (USD, mean)", font },
      ticks: { font, maxRotation: 0 },
    },
    y: {
      type: yLog ? "logarithmic" : "linear",
      ...yAxis.bounds,
      suggestedMax: highest("yHigh", "y"),
      title: { display: true, text: "queue-wait p99 (mean)", font },
      ticks: { font },
    },
  };
  const config = { type: "scatter", data: { datasets }, options } as unknown as ChartConfiguration;
  return {
    id: "cost-vs-p99",
    title: "Cost vs queue-wait p99",
    howToRead:
      "Each point is a cell of the grid: its mean total cost per run across, its mean queue-wait p99 up, " +
      "with whiskers spanning the 95% confidence intervals when there are several replications. The dashed staircase " +
      "is the Pareto front: the cells no other cell beats on both cost and latency. A cell above or to the right of it " +
      "pays for latency it does not get; moving along the front trades dollars for seconds. " +
      (withSlos ? "Grey crosses miss at least one SLO (on the mean); the star is the recommendation, the cheapest cell " + "that meets every SLO. " : "") +
      "Hover over a point for its parameters.",
    config,
  };
}

function finite(x: number | null): x is number {
  return x !== null && Number.isFinite(x);
}

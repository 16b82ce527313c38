// For a two-parameter grid: one heatmap per figure (queue-wait p99, total cost), the first --vary up the side,
// the second along the bottom, each cell coloured by its mean and labelled with it, cells that miss an SLO hatched
// and the recommended cell outlined. Shows at a glance which direction in the grid buys what.
import { type ChartConfiguration } from "chart.js";
import { type ChartSpec, type HeatmapCell } from "../../report/charts/chart-spec.js";
import { baseOptions } from "../../report/charts/chart-kit.js";
import { type SweepMetricKind } from "../metrics.js";
import { type ResultRow } from "../results.js";
import { colorScale, COLOR_KEY } from "./color-scale.js";
import { NOTED_CELLS } from "./pareto-chart.js";
import { cellTitle, COST, estimateOf, estimateText, formatValue, meanOf, P99, type SweepReportInput, verdictText } from "./sweep-view.js";

const MISSING_COLOR = "#d9dce1";

interface HeatmapFigure {
  metric: string;
  kind: SweepMetricKind;
  id: string;
  name: string;
}

const FIGURES: readonly HeatmapFigure[] = [
  { metric: P99, kind: "duration", id: "heatmap-queue-wait-p99", name: "queue-wait p99" },
  { metric: COST, kind: "usd", id: "heatmap-total-cost", name: "total cost" },
];

/** The heatmaps of a sweep over exactly two parameters; none otherwise. */
export function heatmapCharts(input: SweepReportInput): ChartSpec[] {
  if (input.definition.vary.length !== 2) return [];
  return FIGURES.map((f) => heatmapChart(input, f)).filter((c): c is ChartSpec => c !== null);
}

function heatmapChart(input: SweepReportInput, figure: HeatmapFigure): ChartSpec | null {
  const { definition, rows, recommendation } = input;
  const [rowsDim, columnsDim] = definition.vary;
  if (rowsDim === undefined || columnsDim === undefined) return null;
  const means = rows.map((r) => meanOf(r, figure.metric));
  if (means.every((m) => m === null)) return null;
  const scale = colorScale(means);
  const bestCell = recommendation?.best?.cell ?? null;
  const withSlos = definition.slos.length > 0;
  const noted = rows.length <= NOTED_CELLS;
  const cells: HeatmapCell[] = [];
  const points: Record<string, unknown>[] = [];
  rows.forEach((r: ResultRow) => {
    const yi = rowsDim.values.indexOf(r.parameters[rowsDim.path] ?? "");
    const xi = columnsDim.values.indexOf(r.parameters[columnsDim.path] ?? "");
    if (xi < 0 || yi < 0) return;
    const mean = meanOf(r, figure.metric);
    cells.push({
      xi,
      yi,
      color: scale.color(mean) ?? MISSING_COLOR,
      text: mean === null ? "n/a" : formatValue(mean, figure.kind),
      textColor: scale.textColor(mean),
      ...(r.feasible === false ? { hatch: true } : {}),
      ...(r.cell === bestCell ? { outline: true } : {}),
    });
    const verdict = verdictText(r);
    // Category axes place a point by its label text (a number would be read as the point's own index).
    points.push({
      x: columnsDim.values[xi],
      y: rowsDim.values[yi],
      title: cellTitle(definition, r),
      label: `${figure.name}: ${noted ? estimateText(estimateOf(r, figure.metric), figure.kind) : mean === null ? "n/a" : formatValue(mean, figure.kind)}`,
      ...(noted ? { note: [...(verdict === null ? [] : [verdict]), ...(r.cell === bestCell ? ["recommended"] : [])] } : {}),
    });
  });

  const present = means.filter((m): m is number => m !== null && Number.isFinite(m));
  const replications = definition.replications;
  const notes = [
    `mean of ${replications} replication${replications === 1 ? "" : "s"} per cell`,
    ...(scale.log ? ["colours on a log scale"] : []),
    ...(withSlos ? ["hatched: misses an SLO"] : []),
    ...(bestCell !== null ? ["outlined: recommended"] : []),
  ];
  // The parameters are the axes' titles; the chart's title stays short enough for an 800-pixel PNG.
  const options = baseOptions(`${capitalise(figure.name)} — ${definition.scenario} sweep`, notes.join(" · ")) as Record<string, unknown>;
  options.interaction = { mode: "nearest", axis: "xy", intersect: false };
  options.layout = { padding: { right: 90 } };
  const plugins = options.plugins as Record<string, unknown>;
  plugins.legend = { display: false };
  plugins.sqsSimHeatmap = {
    cells,
    colorBar: {
      title: `${figure.name} (mean${scale.log ? ", log scale" : ""})`,
      colors: [...COLOR_KEY],
      low: formatValue(Math.min(...present), figure.kind),
      high: formatValue(Math.max(...present), figure.kind),
    },
  };
  const font = { size: 13 };
  const category = (labels: string[], title: string, reverse: boolean): Record<string, unknown> => ({
    type: "category",
    labels,
    offset: true,
    reverse,
    grid: { display: false },
    title: { display: true, text: title, font },
    ticks: { font, autoSkip: true, maxRotation: 0 },
  });
  options.scales = {
    x: category(columnsDim.values, columnsDim.path, false),
    // The first value at the bottom, so that values grow upward as on any other y axis.
    y: category(rowsDim.values, rowsDim.path, true),
  };
  // The points carry the tooltips only; the plugin paints the cells.
  const dataset = {
    type: "scatter",
    label: figure.name,
    data: points,
    pointRadius: 0,
    pointHoverRadius: 0,
    pointHitRadius: 0,
    borderColor: "#000000",
    backgroundColor: "#000000",
  };
  const config = { type: "scatter", data: { datasets: [dataset] }, options } as unknown as ChartConfiguration;
  return {
    id: figure.id,
    title: `${capitalise(figure.name)} across the grid`,
    howToRead:
      `One square per cell: ${rowsDim.path} up the side, ${columnsDim.path} along the bottom. The colour and ` +
      `the number are the cell's mean ${figure.name} over its replications, light for low and dark for high (the key ` +
      `on the right). ` +
      (withSlos ? "Hatched cells miss at least one SLO on the mean; the outlined cell is the " + "recommendation. " : "") +
      "Hover over a cell for its 95% confidence interval.",
    config,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

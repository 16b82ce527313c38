// The sweep's charts, as plain Chart.js configs: the cost / p99 scatter with its Pareto front for every sweep, a
// line chart by the parameter for one --vary, heatmaps for two. Grids of three or more parameters get the scatter
// only: a heatmap shows two parameters at a time, and picking a slice for the others would hide most cells.
import { type ChartSpec } from "../../report/charts/chart-spec.js";
import { heatmapCharts } from "./heatmap-chart.js";
import { parameterChart } from "./parameter-chart.js";
import { paretoChart } from "./pareto-chart.js";
import { type SweepReportInput } from "./sweep-view.js";

export function buildSweepCharts(input: SweepReportInput): ChartSpec[] {
  return [paretoChart(input), parameterChart(input), ...heatmapCharts(input)].filter((c): c is ChartSpec => c !== null);
}

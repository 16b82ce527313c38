// The sweep report's files: each chart as a PNG under charts/ and report.html. Written by a finished sweep (whole
// grid, not a shard: the Pareto front needs every cell), by merge, and again by `sqs-sim report <sweep-dir>`.
// Where the optional PNG renderer cannot be loaded, report.html alone (it draws the charts in the browser).
import { type OutputFile } from "../../report/atomic-dir.js";
import { pngRendererProblem, renderChartPng } from "../../report/render-png.js";
import { REPORT_FILE_NAMES } from "../../report/report-files.js";
import { buildSweepCharts } from "./sweep-charts.js";
import { sweepHtml } from "./sweep-html.js";
import { type SweepReportInput } from "./sweep-view.js";

export const SWEEP_REPORT_HTML = REPORT_FILE_NAMES.html;
export const SWEEP_CHARTS_DIR = REPORT_FILE_NAMES.chartsDir;

export function sweepReportFiles(input: SweepReportInput): OutputFile[] {
  const charts = buildSweepCharts(input);
  const pngs = charts.length > 0 && pngRendererProblem() === null ? charts : [];
  return [
    ...pngs.map((spec) => ({ name: `${SWEEP_CHARTS_DIR}/${spec.id}.png`, content: renderChartPng(spec) })),
    { name: SWEEP_REPORT_HTML, content: sweepHtml(input, charts) },
  ];
}

// The report files of a run (charts as PNGs, report.html, report.md) and of a comparison of runs; written next
// to the data files by `sqs-sim run` and `sqs-sim report`, or into their own directory by `sqs-sim compare`. Where
// the optional PNG renderer cannot be loaded, they come without the PNGs, and report.md says so.
import { type OutputFile } from "./atomic-dir.js";
import { COMPARISON_MARKER_FILE, REPORT_FILE_NAMES } from "./layouts.js";
import { type ChartSpec } from "./charts/chart-spec.js";
import { buildCharts, buildComparisonCharts } from "./charts/index.js";
import { compareHtml } from "./html/compare-html.js";
import { reportHtml } from "./html/report-html.js";
import { pngRendererProblem, renderChartPng } from "./render-png.js";
import { type RunData } from "./run-data.js";
import { compareMarkdown, reportMarkdown, type ChartFile, type LabelledRun } from "./report-md.js";

/** The files `sqs-sim report` rewrites and a run may be written without (`--no-charts`). */
export { REPORT_FILE_NAMES };

/** A run in a comparison: its label, the directory it was read from (for comparison.json), and its data. */
export interface ComparedRun extends LabelledRun {
  directory: string;
}

export function reportFiles(run: RunData): OutputFile[] {
  const charts = buildCharts(run);
  const rendered = renderCharts(charts);
  return [
    ...rendered.files,
    { name: REPORT_FILE_NAMES.html, content: reportHtml(run, charts) },
    { name: REPORT_FILE_NAMES.markdown, content: reportMarkdown(run, rendered.charts, rendered.notDrawn) },
  ];
}

/** A comparison's files, comparison.json among them: it marks the directory as one sqs-sim may replace. */
export function compareFiles(runs: readonly ComparedRun[]): OutputFile[] {
  const data = runs.map((r) => r.run);
  const labels = runs.map((r) => r.label);
  const charts = buildComparisonCharts(data, labels);
  const rendered = renderCharts(charts);
  const listing = runs.map((r) => ({ label: r.label, directory: r.directory, scenario: r.run.context.scenarioName, seed: r.run.context.seed }));
  return [
    ...rendered.files,
    { name: REPORT_FILE_NAMES.html, content: compareHtml(data, charts, labels) },
    { name: REPORT_FILE_NAMES.markdown, content: compareMarkdown(runs, rendered.charts, rendered.notDrawn) },
    { name: COMPARISON_MARKER_FILE, content: JSON.stringify({ runs: listing }, null, 2) + "\n" },
  ];
}

/** The charts as PNGs under charts/; none, with notDrawn set, where the renderer cannot be loaded. */
export function renderCharts(specs: readonly ChartSpec[]): { files: OutputFile[]; charts: ChartFile[]; notDrawn: boolean } {
  if (specs.length > 0 && pngRendererProblem() !== null) return { files: [], charts: [], notDrawn: true };
  const charts = specs.map((spec) => ({ spec, file: `${REPORT_FILE_NAMES.chartsDir}/${spec.id}.png` }));
  return { charts, files: charts.map(({ spec, file }) => ({ name: file, content: renderChartPng(spec) })), notDrawn: false };
}

/**
 * sqs-sim/report: a run's files, reports and charts. PNG charts need the optional peer chartjs-node-canvas (which
 * brings the native canvas); it is loaded on the first renderChartPng call only, and report.html needs none of it.
 */
export { buildCharts, buildComparisonCharts, hydrateChartConfig, runLabels, type ChartSpec } from "./charts/index.js";
export { DEFAULT_PNG_SIZE, pngRendererProblem, renderChartPng, type PngSize } from "./render-png.js";
export { reportHtml } from "./html/report-html.js";
export { compareHtml } from "./html/compare-html.js";
export { reportMarkdown } from "./report-md.js";
export { readSavedRun } from "./saved-run.js";
export { runData, type RunData, type ReportContext } from "./run-data.js";
export { compareFiles, reportFiles, REPORT_FILE_NAMES, type ComparedRun } from "./report-files.js";
export { RUN_DATA_FILES, runFiles } from "./run-files.js";
export type { OutputFile } from "./output-files.js";
export { summaryJson } from "./summary-json.js";
export { timeseriesCsv } from "./timeseries-csv.js";

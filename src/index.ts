/**
 * The public entry of sqs-sim: load a scenario, simulate it, read the result, draw its charts and reports. The CLI is
 * a thin shell over this. Importing it loads no chart rendering (renderChartPng loads it on its first call); a
 * browser imports sqs-sim/core instead, and the sweep API is sqs-sim/sweep.
 */
export { simulate, type SimulateOptions } from "./sim/simulate.js";
export { SimulationError, ScenarioRefusedError } from "./sim/simulation-error.js";
export { checkRun } from "./sim/prepare-run.js";
export type { PreflightHost } from "./sim/preflight.js";
export type { RunSummary, SimulationResult } from "./sim/result.js";
export type { PeriodSeries, SeriesColumn } from "./metrics/period-series.js";
export { PERIOD_COLUMNS } from "./sim/period-sampler.js";
export {
  loadScenarioFile,
  loadDefaultScenario,
  loadInputFile,
  parseInputText,
  parseScenarioText,
  scenarioJsonSchema,
  validateInputText,
  validateScenarioText,
} from "./scenario/index.js";
export type { Architecture, InputResult, Scenario, ScenarioInput, LoadResult, TraceFiles } from "./scenario/index.js";
export { simulateArchitecture, checkArchitecture } from "./sim/simulate-architecture.js";
export type { ArchitectureResult, ArchitectureSummary } from "./sim/architecture-result.js";
export { buildCharts, buildComparisonCharts, hydrateChartConfig, runLabels, type ChartSpec } from "./report/charts/index.js";
export { renderChartPng } from "./report/render-png.js";
export { reportHtml } from "./report/html/report-html.js";
export { compareHtml } from "./report/html/compare-html.js";
export { reportMarkdown } from "./report/report-md.js";
export { readSavedRun } from "./report/saved-run.js";
export { runData, type RunData, type ReportContext } from "./report/run-data.js";
export { explainScenario } from "./plan/explain.js";

/**
 * sqs-sim/core: simulate a scenario (either format: one queue, or an architecture of topics, queues and pools) and
 * validate scenario text, with no Node built-in and no chart library, so that
 * it bundles for a browser (test/core/browser-bundle.test.ts holds it to that). Trace files come from the caller
 * (validateScenarioText's `traces`); reading files, charts and reports are in the package root and sqs-sim/report.
 */
export { simulate, type SimulateOptions } from "./sim/simulate.js";
export { SteppedRun, type RunView } from "./sim/stepped-run.js";
export { SimulationError, ScenarioRefusedError } from "./sim/simulation-error.js";
export { checkRun } from "./sim/prepare-run.js";
export type { PreflightHost } from "./sim/preflight.js";
export type { RunSummary, SimulationResult } from "./sim/result.js";
export type { PeriodSeries, SeriesColumn } from "./metrics/period-series.js";
export { PERIOD_COLUMNS } from "./sim/period-sampler.js";
export { validateInputText, validateScenarioText } from "./scenario/validate-text.js";
export type { InputFile, InputResult, LoadOptions, LoadResult, TraceFiles, ValidateOptions } from "./scenario/validate-text.js";
export { simulateArchitecture, checkArchitecture } from "./sim/simulate-architecture.js";
export type { ArchitectureResult, ArchitectureSummary, PoolSummary, QueueSummary, TopicSummary } from "./sim/architecture-result.js";
export { ArchitectureSchema } from "./scenario/architecture-schema.js";
export type { Architecture } from "./scenario/architecture-schema.js";
export { ScenarioSchema } from "./scenario/schema.js";
export type { Scenario, ScenarioInput } from "./scenario/schema.js";
export { scenarioFileJsonSchema, scenarioJsonSchema } from "./scenario/json-schema.js";
export { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_YAML } from "./scenario/default-scenario.js";
export { resolvedScenarioText } from "./scenario/output.js";
export { summaryJson } from "./report/summary-json.js";
export { architectureSummaryJson } from "./report/architecture-files.js";
export { timeseriesCsv } from "./report/timeseries-csv.js";
export { explainScenario } from "./plan/explain.js";

// Public API of the scenario folder.
export { ScenarioSchema } from "./schema.js";
export type {
  ConsumerConfig,
  CostConfig,
  DeadLetterConfig,
  DiurnalTraffic,
  Distribution,
  DurationDistribution,
  FleetConfig,
  HeartbeatConfig,
  LimitsConfig,
  MetricsConfig,
  ProducerConfig,
  QueueConfig,
  Scenario,
  ScenarioInput,
  SizeDistribution,
  SpikeTraffic,
  StepTraffic,
  TraceSeries,
  TraceTraffic,
  TrafficShape,
} from "./schema.js";
export { loadDefaultScenario, loadInputFile, loadScenarioFile, parseInputText, parseScenarioText, traceFilesIn } from "./load.js";
export { validateInputText, validateScenarioText } from "./validate-text.js";
export type { InputFile, InputResult, LoadOptions, LoadResult, TraceFiles, ValidateOptions } from "./validate-text.js";
export { ArchitectureSchema, type Architecture } from "./architecture-schema.js";
export { scenarioForOutput, resolvedScenarioText } from "./output.js";
export { applySets, parseSet } from "./overrides.js";
export type { ParsedSet, SetsResult } from "./overrides.js";
export { parseTraceCsv } from "./trace-csv.js";
export type { TraceCsvOptions, TraceCsvResult, TraceProblem } from "./trace-csv.js";
export { scenarioJsonSchema } from "./json-schema.js";
export { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_YAML } from "./default-scenario.js";

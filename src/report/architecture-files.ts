// The data files of an architecture run: the same names as a single-queue run's (summary.json, timeseries.csv,
// activities.csv, scenario.json), with the architecture's summary layout and resource-prefixed series columns.
import { type ArchitectureResult } from "../sim/architecture-result.js";
import { type OutputFile } from "./atomic-dir.js";
import { activitiesCsv } from "./activities-csv.js";
import { RUN_DATA_FILES } from "./run-files.js";
import { timeseriesCsv } from "./timeseries-csv.js";

/** summary.json of an architecture run: the summary's key order and a trailing newline. */
export function architectureSummaryJson(summary: ArchitectureResult["summary"]): string {
  return JSON.stringify(summary, null, 2) + "\n";
}

export function architectureRunFiles(result: ArchitectureResult, scenarioJson: string): OutputFile[] {
  return [
    { name: RUN_DATA_FILES.summary, content: architectureSummaryJson(result.summary) },
    { name: RUN_DATA_FILES.series, content: timeseriesCsv(result.series) },
    { name: RUN_DATA_FILES.activities, content: activitiesCsv(result.activities) },
    { name: RUN_DATA_FILES.scenario, content: scenarioJson },
  ];
}

import { type SimulationResult } from "../sim/result.js";
import { type OutputFile } from "./atomic-dir.js";
import { summaryJson } from "./summary-json.js";
import { activitiesCsv } from "./activities-csv.js";
import { timeseriesCsv } from "./timeseries-csv.js";

/** The data files of a run directory (its report adds report.html, report.md and charts/). */
export const RUN_DATA_FILES = {
  summary: "summary.json",
  series: "timeseries.csv",
  activities: "activities.csv",
  histograms: "latency-histograms.json",
  scenario: "scenario.json",
} as const;

/** The files of one run, built from the result alone. `scenarioJson` is the scenario as run (after defaults). */
export function runFiles(result: SimulationResult, scenarioJson: string): OutputFile[] {
  return [
    { name: RUN_DATA_FILES.summary, content: summaryJson(result.summary) },
    { name: RUN_DATA_FILES.series, content: timeseriesCsv(result.series) },
    { name: RUN_DATA_FILES.activities, content: activitiesCsv(result.activities) },
    { name: RUN_DATA_FILES.histograms, content: JSON.stringify(result.histograms) + "\n" },
    { name: RUN_DATA_FILES.scenario, content: scenarioJson },
  ];
}

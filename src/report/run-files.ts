import { type SimulationResult } from "../sim/result.js";
import { type OutputFile } from "./atomic-dir.js";
import { summaryJson } from "./summary-json.js";
import { activitiesCsv } from "./activities-csv.js";
import { timeseriesCsv } from "./timeseries-csv.js";

/** The files of one run, built from the result alone. `scenarioJson` is the scenario as run (after defaults). */
export function runFiles(result: SimulationResult, scenarioJson: string): OutputFile[] {
  return [
    { name: "summary.json", content: summaryJson(result.summary) },
    { name: "timeseries.csv", content: timeseriesCsv(result.series) },
    { name: "activities.csv", content: activitiesCsv(result.activities) },
    { name: "latency-histograms.json", content: JSON.stringify(result.histograms) + "\n" },
    { name: "scenario.json", content: scenarioJson },
  ];
}

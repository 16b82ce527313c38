import { type SimulationResult } from "../sim/result.js";
import { type OutputFile } from "./atomic-dir.js";
import { summaryJson } from "./summary-json.js";
import { activitiesCsv } from "./activities-csv.js";
import { formatNumber, timeseriesCsv } from "./timeseries-csv.js";
import { csvField } from "../engine/csv.js";
import { type TraceRow } from "../sim/message-trace-rows.js";

/** The data files of a run directory (its report adds report.html, report.md and charts/). */
export const RUN_DATA_FILES = {
  summary: "summary.json",
  series: "timeseries.csv",
  activities: "activities.csv",
  histograms: "latency-histograms.json",
  scenario: "scenario.json",
} as const;

/** Written beside them when the run traced messages (sqs-sim run --trace-messages N). */
export const MESSAGE_TRACE_FILE = "messages.csv";

/** messages.csv: one row per event of a traced message, in the order they happened. */
export function messagesCsv(rows: readonly TraceRow[]): string {
  const lines = ["time_s,message,event,consumer,receipt,detail"];
  for (const r of rows) lines.push([formatNumber(r.timeS), r.message, r.event, r.consumer, r.receipt, csvField(r.detail)].join(","));
  return lines.join("\n") + "\n";
}

/** The files of one run, built from the result alone. `scenarioJson` is the scenario as run (after defaults). */
export function runFiles(result: SimulationResult, scenarioJson: string): OutputFile[] {
  return [
    { name: RUN_DATA_FILES.summary, content: summaryJson(result.summary) },
    { name: RUN_DATA_FILES.series, content: timeseriesCsv(result.series) },
    { name: RUN_DATA_FILES.activities, content: activitiesCsv(result.activities) },
    { name: RUN_DATA_FILES.histograms, content: JSON.stringify(result.histograms) + "\n" },
    { name: RUN_DATA_FILES.scenario, content: scenarioJson },
    ...(result.messageTrace === undefined ? [] : [{ name: MESSAGE_TRACE_FILE, content: messagesCsv(result.messageTrace) }]),
  ];
}

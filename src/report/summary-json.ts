import { type RunSummary } from "../sim/result.js";

/** summary.json: stable key order (the summary's construction order) and a trailing newline. */
export function summaryJson(summary: RunSummary): string {
  return JSON.stringify(summary, null, 2) + "\n";
}

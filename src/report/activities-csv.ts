import { type Activity } from "../metrics/activity-log.js";
import { csvField } from "../engine/csv.js";
import { formatNumber } from "./timeseries-csv.js";

/** Scaling activities and alarm transitions, one row each, in the order they happened. */
export function activitiesCsv(activities: readonly Activity[]): string {
  const lines = ["time_s,kind,source,before,after,reason"];
  for (const a of activities) {
    lines.push([formatNumber(a.timeS), a.kind, csvField(a.source), csvField(a.before), csvField(a.after), csvField(a.reason)].join(","));
  }
  return lines.join("\n") + "\n";
}

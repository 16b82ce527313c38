import { type PeriodSeries, rowCount } from "../metrics/period-series.js";

/** One row per metric period; the header names each column with its unit (e.g. `ApproximateAgeOfOldestMessage_s`). */
export function timeseriesCsv(series: PeriodSeries): string {
  const lines = [series.columns.map((c) => c.name).join(",")];
  const rows = rowCount(series);
  for (let r = 0; r < rows; r++) {
    lines.push(series.values.map((column) => formatNumber(column[r]!)).join(","));
  }
  return lines.join("\n") + "\n";
}

/** Integers as they are; other values to the microsecond (the model's resolution), trailing zeros trimmed. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return "";
  return String(Number(x.toFixed(6)));
}

import { type AxisFormat } from "./chart-spec.js";

/** Tick steps people read at a glance, in seconds. */
const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

/** The x axis of a time-series chart: seconds from the start, shown in minutes, hours or days, or by the clock. */
export function timeAxis(durationSeconds: number, startEpochMs: number | undefined): { scale: Record<string, unknown>; format: AxisFormat; title: string } {
  const unit = durationSeconds <= 2 * 3600 ? (durationSeconds <= 300 ? "s" : "min") : durationSeconds <= 3 * 86_400 ? "h" : "d";
  const stepSize = NICE_STEPS_S.find((s) => durationSeconds / s <= 12) ?? Math.ceil(durationSeconds / 12);
  // Clock labels carry the date when the run crosses midnight (UTC), so 23:30 → 00:30 is not read backwards.
  const withDate =
    startEpochMs !== undefined &&
    new Date(startEpochMs).toISOString().slice(0, 10) !== new Date(startEpochMs + durationSeconds * 1000).toISOString().slice(0, 10);
  const format: AxisFormat = startEpochMs === undefined ? { kind: "elapsed", unit } : { kind: "elapsed", unit, startEpochMs, withDate };
  const title = startEpochMs === undefined ? `time since the start (${unit === "h" ? "h:mm" : unit})` : "time (UTC)";
  return {
    scale: { type: "linear", min: 0, max: durationSeconds, ticks: { stepSize, maxRotation: 0 }, title: { display: true, text: title } },
    format,
    title,
  };
}

/**
 * A tick step for a y axis of durations (seconds) up to maxS: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, …
 * so that ticks fall on round times (2 min, 4 min) and not on round seconds (100 s). Undefined below 5 s, where
 * Chart.js's own decimal steps read well.
 */
export function durationStepS(maxS: number): number | undefined {
  if (!(maxS >= 5)) return undefined;
  return NICE_STEPS_S.find((s) => maxS / s <= 8) ?? Math.ceil(maxS / 8);
}

/** The largest finite y of some datasets' points. */
export function maxY(datasets: readonly Record<string, unknown>[]): number {
  let max = 0;
  for (const d of datasets) {
    for (const p of d.data as { y: number | null }[]) if (p.y !== null && p.y > max) max = p.y;
  }
  return max;
}

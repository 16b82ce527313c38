// A value axis for the sweep's charts (cost, p99): linear, or logarithmic when the values span orders of magnitude.
import { type AxisFormat } from "../../report/charts/chart-spec.js";

/** Positive values spanning more than this ratio get a logarithmic axis. */
const LOG_AXIS_RATIO = 30;

export interface ValueAxis {
  log: boolean;
  /** Where a value goes on the axis: itself, or the axis's foot for a 0 (or a bound below it) on a log axis. */
  place: (x: number) => number;
  /** On a log axis with zeros, the foot they are drawn at; else null. */
  zeroAt: number | null;
  bounds: Record<string, number | boolean>;
}

/**
 * Linear, unless the positive values span more than LOG_AXIS_RATIO: then logarithmic, so that one unstable cell's
 * minutes do not flatten every other cell's milliseconds onto the axis. Zeros (a p99 of 0 when long polls wait for
 * every message) then sit at a foot a power of ten below the smallest positive value.
 */
export function axisOf(values: readonly number[]): ValueAxis {
  const positive = values.filter((v) => v > 0);
  const low = positive.length === 0 ? 0 : Math.min(...positive);
  const log = positive.length > 1 && Math.max(...positive) / low > LOG_AXIS_RATIO;
  if (!log) return { log, place: (x) => x, zeroAt: null, bounds: { beginAtZero: true } };
  const foot = 10 ** Math.floor(Math.log10(low / 2));
  const hasZeros = positive.length < values.length;
  return { log, place: (x) => Math.max(x, foot), zeroAt: hasZeros ? foot : null, bounds: { min: foot } };
}

/** Tick labels for a duration axis: 1-2-5 on a log axis, whose foot reads "0" when zeros are drawn there. */
export function durationFormat(axis: ValueAxis): AxisFormat {
  if (!axis.log) return { kind: "duration" };
  return { kind: "duration", logTicks: [1, 2, 5], ...(axis.zeroAt !== null ? { zeroAt: axis.zeroAt } : {}) };
}

// A value axis for the sweep's charts (cost, p99): linear, or logarithmic when the values span orders of magnitude.
import { type AxisFormat } from "../../report/charts/chart-spec.js";

/** Positive values spanning more than this ratio get a logarithmic axis. */
const LOG_AXIS_RATIO = 30;

export interface ValueAxis {
  log: boolean;
  /** Where a value goes on the axis: itself, or the axis's foot for a 0 on a log axis. */
  place: (x: number) => number;
  /** Where a whisker's lower end goes, and whether it is cut there (the bound lies below what the axis shows: under
   *  a log axis's foot, or below 0), in which case it is drawn without a cap. */
  placeLow: (x: number) => { at: number; open: boolean };
  /** On a log axis with zeros, the foot they are drawn at; else null. */
  zeroAt: number | null;
  bounds: Record<string, number | boolean>;
}

/** How far below the smallest positive value the foot may go to show the whiskers' lower ends: 3 decades. */
const FOOT_DECADES = 3;

/**
 * Linear, unless the positive values span more than LOG_AXIS_RATIO: then logarithmic, so that one unstable cell's
 * minutes do not flatten every other cell's milliseconds onto the axis. The foot of a log axis is a power of ten
 * at or below half the smallest positive value and the smallest positive lower bound (`lows`, the whiskers' ends;
 * at most FOOT_DECADES below the values). Zeros (a p99 of 0 when long polls wait for every message) sit at the foot.
 */
export function axisOf(values: readonly number[], lows: readonly (number | null)[] = []): ValueAxis {
  const positive = values.filter((v) => v > 0);
  const low = positive.length === 0 ? 0 : Math.min(...positive);
  const log = positive.length > 1 && Math.max(...positive) / low > LOG_AXIS_RATIO;
  if (!log) {
    return { log, place: (x) => x, placeLow: (x) => (x < 0 ? { at: 0, open: true } : { at: x, open: false }), zeroAt: null, bounds: { beginAtZero: true } };
  }
  const lowest = Math.min(low, ...lows.filter((x): x is number => x !== null && x > 0));
  // Number("1e-4"), not 10 ** -4 (0.00009999999999999999): the foot is a tick and must be the decimal power.
  const foot = Number(`1e${Math.max(Math.floor(Math.log10(lowest / 2)), Math.floor(Math.log10(low / 2)) - FOOT_DECADES)}`);
  const hasZeros = positive.length < values.length;
  return {
    log,
    place: (x) => Math.max(x, foot),
    placeLow: (x) => (x < foot ? { at: foot, open: true } : { at: x, open: false }),
    zeroAt: hasZeros ? foot : null,
    bounds: { min: foot },
  };
}

/** Tick labels for a duration axis: 1-2-5 on a log axis, whose foot reads "0" when zeros are drawn there. */
export function durationFormat(axis: ValueAxis): AxisFormat {
  if (!axis.log) return { kind: "duration" };
  return { kind: "duration", logTicks: [1, 2, 5], ...(axis.zeroAt !== null ? { zeroAt: axis.zeroAt } : {}) };
}

/** Tick labels for a dollar axis: 1-2-5 on a log axis. */
export function usdFormat(axis: ValueAxis): AxisFormat {
  return axis.log ? { kind: "usd", logTicks: [1, 2, 5] } : { kind: "usd" };
}

/** Points near the plot's edge (a zero at a log axis's foot) are drawn whole, not cut in half: pixels of overflow. */
export const EDGE_OVERFLOW_PX = 10;

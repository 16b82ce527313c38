import { expectedCount, type RateFunction } from "../traffic/rate.js";
import { type TakeLimit } from "./take-limit.js";

/** Pieces the excess is summed over: enough that a spike is not averaged away against the quiet hours around it. */
const UNIFORM_PIECES = 1_000;
/** The most rate breaks (steps, spike corners, trace rows) a piece is cut at besides. */
const MAX_BREAKS = 10_000;

/**
 * ∫ (arrivals − what the limit lets be taken), piece by piece: what arrives faster than it can be taken, summed over
 * the stretches where it does. An upper bound of the largest backlog (which drains when the rate falls below the
 * limit), and far closer to it than arrivals − capacity over the whole run, which lets idle hours cancel a spike.
 * Pieces whose highest rate the limit keeps up with are skipped; the others are cut at the rates' breaks (a spike's
 * corners), in time order.
 */
export function excessArrivals(rates: readonly RateFunction[], peakRate: number, limit: TakeLimit, durationS: number): number {
  // Nothing to walk when the rate never exceeds what can be taken (most scenarios: a sweep plans thousands).
  if (limit.keepsUp(peakRate)) return 0;
  let excess = 0;
  let breaks = 0;
  for (let k = 0; k < UNIFORM_PIECES; k++) {
    const a = (durationS * k) / UNIFORM_PIECES;
    const b = (durationS * (k + 1)) / UNIFORM_PIECES;
    if (limit.keepsUp(rates.reduce((sum, rate) => sum + rate.maxRate(a, b), 0))) continue;
    const ends = [b];
    for (const rate of rates) {
      for (let t = rate.nextBreak(a); t < b && breaks < MAX_BREAKS; t = rate.nextBreak(t), breaks++) ends.push(t);
    }
    ends.sort((x, y) => x - y);
    let from = a;
    for (const to of ends) {
      if (!(to > from)) continue;
      const arrived = rates.reduce((sum, rate) => sum + expectedCount(rate, from, to), 0);
      excess += Math.max(0, arrived - limit.taken(arrived, to - from));
      from = to;
    }
  }
  return excess;
}

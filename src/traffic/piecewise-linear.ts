import { type ShapeParts } from "./shape-parts.js";

/**
 * The merged piecewise-linear part of a rate (constants, diurnal means, steps, spikes, one-shot traces).
 * Piece i covers [starts[i], starts[i+1]) with rate values[i] + slopes[i]·(t − starts[i]). starts[0] is −∞ and
 * starts[count] is +∞, so the first and the last piece are flat and every t has exactly one piece.
 */
export class PiecewiseLinear {
  readonly starts: Float64Array;
  readonly values: Float64Array;
  readonly slopes: Float64Array;
  /** cumulative[i] = ∫ from starts[1] to starts[i] (i ≥ 1): integrals over long ranges in O(log n). */
  readonly cumulative: Float64Array;
  /** First piece after i whose formula differs from piece i's: flat stretches (e.g. 0 before a step) are one hop. */
  readonly runEnd: Int32Array;
  readonly count: number;
  readonly max: number;
  readonly min: number;
  /** Hint for locate(): the last piece found. Calls usually move forward by zero or one piece. */
  cursor = 0;

  constructor(starts: Float64Array, values: Float64Array, slopes: Float64Array) {
    const count = values.length;
    this.starts = starts;
    this.values = values;
    this.slopes = slopes;
    this.count = count;
    const cumulative = new Float64Array(count);
    for (let i = 1; i + 1 < count; i++) {
      cumulative[i + 1] = cumulative[i]! + this.pieceIntegral(i, starts[i]!, starts[i + 1]!);
    }
    this.cumulative = cumulative;
    const runEnd = new Int32Array(count);
    runEnd[count - 1] = count;
    for (let i = count - 2; i >= 0; i--) {
      const flatRun = slopes[i] === 0 && slopes[i + 1] === 0 && values[i] === values[i + 1];
      runEnd[i] = flatRun ? runEnd[i + 1]! : i + 1;
    }
    this.runEnd = runEnd;
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < count; i++) {
      const v = values[i]!;
      const k = slopes[i]!;
      const endValue = k === 0 ? v : v + k * (starts[i + 1]! - starts[i]!);
      max = Math.max(max, v, endValue);
      min = Math.min(min, v, endValue);
    }
    this.max = max;
    this.min = min;
  }

  /** The piece i with starts[i] ≤ t < starts[i+1]. */
  locate(t: number): number {
    const starts = this.starts;
    const c = this.cursor;
    if (starts[c]! <= t) {
      if (t < starts[c + 1]!) return c;
      if (t < starts[c + 2]!) return (this.cursor = c + 1);
    }
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return (this.cursor = lo);
  }

  /** Rate of piece i at t (t inside the piece, or at its end for the left limit). */
  valueIn(i: number, t: number): number {
    const k = this.slopes[i]!;
    return k === 0 ? this.values[i]! : this.values[i]! + k * (t - this.starts[i]!);
  }

  rate(t: number): number {
    return this.valueIn(this.locate(t), t);
  }

  /** ∫_a^b over piece i (a ≤ b inside the piece): exact trapezoid of a linear function. */
  pieceIntegral(i: number, a: number, b: number): number {
    const v = this.values[i]!;
    const k = this.slopes[i]!;
    if (k === 0) return v === 0 ? 0 : (b - a) * v;
    const s = this.starts[i]!;
    return (b - a) * (v + 0.5 * k * (a - s + (b - s)));
  }

  /** ∫_a^b for a ≤ b. */
  integral(a: number, b: number): number {
    const i = this.locate(a);
    const j = this.locate(b);
    if (i === j) return this.pieceIntegral(i, a, b);
    const starts = this.starts;
    return this.pieceIntegral(i, a, starts[i + 1]!) + (this.cumulative[j]! - this.cumulative[i + 1]!) + this.pieceIntegral(j, starts[j]!, b);
  }

  nextBreak(t: number): number {
    return this.starts[this.locate(t) + 1]!;
  }

  /** Exact maximum on [a, b] when it spans few pieces; the global maximum otherwise (an upper bound). */
  maxOn(a: number, b: number): number {
    const i = this.locate(a);
    const j = this.locate(b);
    if (j - i > 256) return this.max;
    let max = -Infinity;
    for (let p = i; p <= j; p++) {
      const lo = Math.max(a, this.starts[p]!);
      const hi = Math.min(b, this.starts[p + 1]!);
      max = Math.max(max, this.valueIn(p, lo), this.valueIn(p, hi));
    }
    return max;
  }
}

function indexOfBreak(starts: Float64Array, t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Merges the finite-break shapes into one piecewise-linear function. */
export function compilePiecewiseLinear(parts: ShapeParts): PiecewiseLinear {
  const breakList: number[] = [];
  for (const step of parts.steps) breakList.push(step.at);
  for (const spike of parts.spikes) breakList.push(spike.at, spike.topStart, spike.topEnd, spike.end);
  for (const trace of parts.onceTraces) {
    for (const start of trace.starts) breakList.push(start);
    breakList.push(trace.end);
  }
  const sorted = Float64Array.from(breakList).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (unique === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i]!;
  }
  const count = unique + 1;
  const starts = new Float64Array(count + 1);
  starts[0] = -Infinity;
  starts.set(sorted.subarray(0, unique), 1);
  starts[count] = Infinity;

  const values = new Float64Array(count).fill(parts.level);
  const slopes = new Float64Array(count);

  for (const step of parts.steps) {
    for (let i = indexOfBreak(starts, step.at); i < count; i++) values[i]! += step.rate;
  }
  for (const spike of parts.spikes) {
    const last = indexOfBreak(starts, spike.end);
    for (let i = indexOfBreak(starts, spike.at); i < last; i++) {
      const s = starts[i]!;
      if (s < spike.topStart) {
        // Rising (rise > 0 here, else topStart = at and no piece starts inside the rise).
        values[i]! += (spike.peak * (s - spike.at)) / spike.rise;
        slopes[i]! += spike.peak / spike.rise;
      } else if (s < spike.topEnd) {
        values[i]! += spike.peak;
      } else {
        values[i]! += spike.peak * (1 - (s - spike.topEnd) / spike.fall);
        slopes[i]! -= spike.peak / spike.fall;
      }
    }
  }
  for (const trace of parts.onceTraces) {
    const last = indexOfBreak(starts, trace.end);
    let row = 0;
    for (let i = indexOfBreak(starts, trace.starts[0]!); i < last; i++) {
      const s = starts[i]!;
      while (row + 1 < trace.starts.length && trace.starts[row + 1]! <= s) row++;
      values[i]! += trace.rates[row]!;
    }
  }
  return new PiecewiseLinear(starts, values, slopes);
}

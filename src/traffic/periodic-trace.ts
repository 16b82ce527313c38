import { type TraceParts } from "./shape-parts.js";

/**
 * A looping trace: piecewise-constant rates that repeat with period endS − startsS[0] from startsS[0] on, 0 before.
 * The position (cycle, index) doubles as a cursor so that a walk over a long trace never restarts from row 0.
 */
export class PeriodicTrace {
  readonly origin: number;
  readonly period: number;
  /** offsets[i] = start of row i − origin; offsets[n] = period. */
  readonly offsets: Float64Array;
  readonly rates: Float64Array;
  /** cumulative[i] = ∫ over [0, offsets[i]) of one period. */
  readonly cumulative: Float64Array;
  /** First row after i with a different rate, within the period: a run of equal rows (e.g. zeros) is one hop. */
  readonly runEnd: Int32Array;
  readonly rows: number;
  /** ∫ over one full period. */
  readonly total: number;
  readonly max: number;
  readonly min: number;

  /** Row of the current position; −1 means before origin. */
  index = -1;
  cycle = 0;
  /** origin + cycle · period. */
  base: number;

  constructor(parts: TraceParts) {
    const n = parts.starts.length;
    this.rows = n;
    this.origin = parts.starts[0]!;
    this.period = parts.end - this.origin;
    this.base = this.origin;
    this.offsets = new Float64Array(n + 1);
    this.rates = Float64Array.from(parts.rates);
    this.cumulative = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.offsets[i] = parts.starts[i]! - this.origin;
    this.offsets[n] = this.period;
    for (let i = 0; i < n; i++) {
      this.cumulative[i + 1] = this.cumulative[i]! + this.rates[i]! * (this.offsets[i + 1]! - this.offsets[i]!);
    }
    this.total = this.cumulative[n]!;
    this.runEnd = new Int32Array(n);
    this.runEnd[n - 1] = n;
    for (let i = n - 2; i >= 0; i--) {
      this.runEnd[i] = this.rates[i] === this.rates[i + 1] ? this.runEnd[i + 1]! : i + 1;
    }
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      max = Math.max(max, this.rates[i]!);
      min = Math.min(min, this.rates[i]!);
    }
    this.max = max;
    this.min = min;
  }

  /** Moves the position to the row containing t (finite t). */
  locate(t: number): void {
    if (t < this.origin) {
      this.index = -1;
      this.cycle = 0;
      this.base = this.origin;
      return;
    }
    const offsets = this.offsets;
    let index = this.index;
    if (index >= 0 && this.base + offsets[index]! <= t && t < this.base + offsets[index + 1]!) return;
    const period = this.period;
    let cycle = Math.floor((t - this.origin) / period);
    let base = this.origin + cycle * period;
    const u = t - base;
    let lo = 0;
    let hi = this.rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= u) lo = mid;
      else hi = mid - 1;
    }
    index = lo;
    // Rounding in u can land one row off near an edge; settle against the absolute edges used everywhere else.
    while (base + offsets[index]! > t && (cycle > 0 || index > 0)) {
      if (index > 0) index--;
      else {
        cycle--;
        base = this.origin + cycle * period;
        index = this.rows - 1;
      }
    }
    while (t >= base + offsets[index + 1]!) {
      index++;
      if (index === this.rows) {
        cycle++;
        base = this.origin + cycle * period;
        index = 0;
      }
    }
    this.index = index;
    this.cycle = cycle;
    this.base = base;
  }

  /** Rate at the current position. */
  currentRate(): number {
    return this.index < 0 ? 0 : this.rates[this.index]!;
  }

  /** End of the run of equal rows that holds the current position. */
  runEndTime(): number {
    return this.index < 0 ? this.origin : this.base + this.offsets[this.runEnd[this.index]!]!;
  }

  /** Moves the position to the row after the current run. */
  advanceRun(): void {
    if (this.index < 0) {
      this.index = 0;
      return;
    }
    const next = this.runEnd[this.index]!;
    if (next === this.rows) {
      this.cycle++;
      this.base = this.origin + this.cycle * this.period;
      this.index = 0;
    } else {
      this.index = next;
    }
  }

  rate(t: number): number {
    if (!Number.isFinite(t)) return t > 0 ? this.rates[this.rows - 1]! : 0;
    this.locate(t);
    return this.currentRate();
  }

  /** ∫ from origin to t, at the current position (after locate(t)). */
  private cumulativeAt(t: number): number {
    if (this.index < 0) return 0;
    const start = this.base + this.offsets[this.index]!;
    return this.cycle * this.total + this.cumulative[this.index]! + this.rates[this.index]! * (t - start);
  }

  /** ∫_a^b for a ≤ b. */
  integral(a: number, b: number): number {
    if (b === Infinity) return this.total > 0 ? Infinity : 0;
    if (b <= this.origin) return 0;
    if (a < this.origin) a = this.origin;
    this.locate(a);
    if (b <= this.base + this.offsets[this.index + 1]!) return this.currentRate() * (b - a);
    const before = this.cumulativeAt(a);
    this.locate(b);
    return this.cumulativeAt(b) - before;
  }

  nextBreak(t: number): number {
    if (!Number.isFinite(t)) return t > 0 ? Infinity : this.origin;
    this.locate(t);
    return this.index < 0 ? this.origin : this.base + this.offsets[this.index + 1]!;
  }

  /** Exact maximum on [a, b] when it spans few rows; the overall maximum otherwise. */
  maxOn(a: number, b: number): number {
    if (b < this.origin) return 0;
    if (!Number.isFinite(a) || !Number.isFinite(b) || b - a >= this.period) return this.max;
    this.locate(a);
    let max = this.currentRate();
    for (let hops = 0; hops < 256; hops++) {
      if (this.runEndTime() > b) return max;
      this.advanceRun();
      max = Math.max(max, this.currentRate());
    }
    return this.max;
  }
}

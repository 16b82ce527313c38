import { CosineSum } from "./cosine-sum.js";
import { PeriodicTrace } from "./periodic-trace.js";
import { compilePiecewiseLinear, type PiecewiseLinear } from "./piecewise-linear.js";
import { shapeParts } from "./shape-parts.js";
import { type TrafficShape } from "./shapes.js";

/** A producer's total arrival rate (messages per second) as a function of simulated time (seconds). */
export interface RateFunction {
  /** Instantaneous total rate at t (right-continuous at breaks). */
  rate(t: number): number;
  /** Exact ∫_a^b rate (negative when b < a). */
  integral(a: number, b: number): number;
  /** The next time > t where some shape's formula changes; Infinity if none. */
  nextBreak(t: number): number;
  /** An upper bound of the rate on [a, b] (exact when the shapes' maxima coincide). */
  maxRate(a: number, b: number): number;
  /** True when the rate is one constant for all t (only constant shapes). */
  readonly isConstant: boolean;
}

/**
 * The compiled sum of shapes: one merged piecewise-linear function, the looping traces, and the diurnal waves.
 * Mutable cursors inside make repeated queries at nearby times O(1); they are hints only, never affect results.
 */
export class CompiledRate implements RateFunction {
  readonly isConstant: boolean;
  /** The rate when isConstant (0 for no shapes). */
  readonly constantRate: number;
  readonly linear: PiecewiseLinear;
  readonly loops: readonly PeriodicTrace[];
  readonly waves: CosineSum | null;

  constructor(shapes: readonly TrafficShape[]) {
    const parts = shapeParts(shapes);
    this.isConstant = parts.allConstant;
    this.constantRate = parts.allConstant ? parts.level : NaN;
    this.linear = compilePiecewiseLinear(parts);
    this.loops = parts.loopTraces.map((trace) => new PeriodicTrace(trace));
    this.waves = parts.cosines.length > 0 ? new CosineSum(parts.cosines) : null;

    // Steps may be negative; a negative total rate has no arrival process. The bound below is conservative (it
    // assumes every low point coincides), which only matters for negative steps under a deep diurnal wave.
    let lowest = this.linear.min;
    let scale = Math.abs(this.linear.max);
    for (const loop of this.loops) {
      lowest += loop.min;
      scale += loop.max;
    }
    for (const c of parts.cosines) lowest -= c.amplitude;
    if (lowest < -1e-9 * Math.max(1, scale)) {
      throw new Error(`traffic: the summed rate can go negative (down to ${lowest} msg/s); a negative step must not exceed the rate it steps down from`);
    }
  }

  rate(t: number): number {
    let sum = this.linear.rate(t);
    for (let i = 0; i < this.loops.length; i++) sum += this.loops[i]!.rate(t);
    if (this.waves !== null && Number.isFinite(t)) sum += this.waves.value(t);
    // Rounding at the foot of a fall can leave −1e-15; a rate is never negative.
    return sum > 0 ? sum : 0;
  }

  integral(a: number, b: number): number {
    if (a === b) return 0;
    if (a > b) return -this.integral(b, a);
    let sum = this.linear.integral(a, b);
    for (let i = 0; i < this.loops.length; i++) sum += this.loops[i]!.integral(a, b);
    // Over an infinite range the wave's bounded oscillation is swamped by its mean (amplitude ≤ mean).
    if (this.waves !== null && Number.isFinite(a) && Number.isFinite(b)) sum += this.waves.integral(a, b);
    return sum;
  }

  nextBreak(t: number): number {
    let next = this.linear.nextBreak(t);
    for (let i = 0; i < this.loops.length; i++) next = Math.min(next, this.loops[i]!.nextBreak(t));
    return next;
  }

  maxRate(a: number, b: number): number {
    if (a > b) return this.maxRate(b, a);
    let sum = this.linear.maxOn(a, b);
    for (let i = 0; i < this.loops.length; i++) sum += this.loops[i]!.maxOn(a, b);
    if (this.waves !== null) sum += this.waves.maxOn(a, b);
    return sum > 0 ? sum : 0;
  }
}

/** Compiles a producer's shapes (summed) into a rate function. Throws, naming the shape, on invalid input. */
export function buildRate(shapes: readonly TrafficShape[]): RateFunction {
  return new CompiledRate(shapes);
}

/** Expected number of arrivals in [a, b]: the integral of the rate. */
export function expectedCount(rate: RateFunction, a: number, b: number): number {
  return rate.integral(a, b);
}

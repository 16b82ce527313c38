import { type CosineParts } from "./shape-parts.js";

const TWO_PI = 2 * Math.PI;

/** The zero-mean wave part of diurnal shapes: Σ A·cos(ω (t − peakAt)). Means live in the piecewise-linear part. */
export class CosineSum {
  readonly amplitudes: Float64Array;
  readonly omegas: Float64Array;
  readonly peaks: Float64Array;
  readonly periods: Float64Array;
  readonly count: number;
  /** Longest stretch a walk treats in one go: a quarter of the shortest period keeps root brackets tight. */
  readonly chunk: number;

  constructor(parts: readonly CosineParts[]) {
    this.count = parts.length;
    this.amplitudes = Float64Array.from(parts, (p) => p.amplitude);
    this.periods = Float64Array.from(parts, (p) => p.period);
    this.omegas = Float64Array.from(parts, (p) => TWO_PI / p.period);
    this.peaks = Float64Array.from(parts, (p) => p.peakAt);
    this.chunk = Math.min(...parts.map((p) => p.period)) / 4;
  }

  value(t: number): number {
    let sum = 0;
    for (let j = 0; j < this.count; j++) sum += this.amplitudes[j]! * Math.cos(this.omegas[j]! * (t - this.peaks[j]!));
    return sum;
  }

  /** d/dt of value(t). */
  derivative(t: number): number {
    let sum = 0;
    for (let j = 0; j < this.count; j++) {
      const w = this.omegas[j]!;
      sum -= this.amplitudes[j]! * w * Math.sin(w * (t - this.peaks[j]!));
    }
    return sum;
  }

  /**
   * ∫_a^b. sin(x_b) − sin(x_a) = 2·cos(mid)·sin(half-width) keeps full relative precision for short intervals,
   * where the plain difference of sines would cancel.
   */
  integral(a: number, b: number): number {
    const mid = 0.5 * (a + b);
    const half = 0.5 * (b - a);
    let sum = 0;
    for (let j = 0; j < this.count; j++) {
      const w = this.omegas[j]!;
      sum += ((2 * this.amplitudes[j]!) / w) * Math.cos(w * (mid - this.peaks[j]!)) * Math.sin(w * half);
    }
    return sum;
  }

  /** Sum of each wave's exact maximum on [a, b]. */
  maxOn(a: number, b: number): number {
    let sum = 0;
    for (let j = 0; j < this.count; j++) {
      const amplitude = this.amplitudes[j]!;
      const period = this.periods[j]!;
      const peak = this.peaks[j]!;
      const firstPeak = peak + Math.ceil((a - peak) / period) * period;
      if (!Number.isFinite(a) || !Number.isFinite(b) || b - a >= period || firstPeak <= b) {
        sum += amplitude;
      } else {
        const w = this.omegas[j]!;
        sum += amplitude * Math.max(Math.cos(w * (a - peak)), Math.cos(w * (b - peak)));
      }
    }
    return sum;
  }
}

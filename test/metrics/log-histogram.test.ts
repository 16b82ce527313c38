import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, LogHistogram, MAX_TRACKED_S, RELATIVE_ACCURACY, bucketBounds, bucketOf, quantileOfCounts } from "../../src/metrics/log-histogram.js";

/** The exact order statistic the histogram approximates: rank floor(q·(n−1)) of the sorted sample. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe("LogHistogram", () => {
  it("quantiles are within 1% (in fact within 0.39%) of the exact order statistics over nine decades", () => {
    const uniform = seedrandom.alea("histogram");
    const h = new LogHistogram();
    const values: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      // Log-uniform from 1 µs to 1,000 s, plus a lognormal-ish bulk: wide and skewed like latencies.
      const v = i % 2 === 0 ? 10 ** (uniform() * 9 - 6) : Math.exp(Math.log(0.2) + 1.5 * (uniform() + uniform() - 1));
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    expect(RELATIVE_ACCURACY).toBeLessThanOrEqual(0.01);
    for (const q of [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1]) {
      const exact = exactQuantile(values, q);
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    }
  });

  it("count, sum (so the mean), min and max are exact", () => {
    const h = new LogHistogram();
    for (const v of [0, 0.5, 2, 7.25]) h.record(v);
    expect(h.count).toBe(4);
    expect(h.mean()).toBe(9.75 / 4);
    expect(h.min).toBe(0);
    expect(h.max).toBe(7.25);
    expect(h.quantile(1)).toBe(7.25);
  });

  it("waits of exactly 0 land in the zero bucket and report 0", () => {
    const h = new LogHistogram();
    for (let i = 0; i < 90; i++) h.record(0);
    for (let i = 0; i < 10; i++) h.record(1);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(0.89)).toBe(0);
    expect(Math.abs(h.quantile(0.95) - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY);
  });

  it("every value falls inside the bounds of its bucket, and buckets tile the range without gaps", () => {
    const uniform = seedrandom.alea("bounds");
    const outside: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const v = 10 ** (uniform() * 12 - 6);
      if (v >= MAX_TRACKED_S) continue;
      const [lower, upper] = bucketBounds(bucketOf(v));
      if (!(v >= lower && v < upper)) outside.push(v);
    }
    expect(outside).toEqual([]);
    const gaps: number[] = [];
    for (let b = 1; b < BUCKET_COUNT - 1; b++) if (bucketBounds(b)[1] !== bucketBounds(b + 1)[0]) gaps.push(b);
    expect(gaps).toEqual([]);
  });

  it("memory is constant: the bucket array does not grow with the number of values", () => {
    const h = new LogHistogram();
    const before = h.counts.length;
    for (let i = 0; i < 1_000_000; i++) h.record((i % 1000) / 10);
    expect(h.counts.length).toBe(before);
  });

  it("quantileOfCounts works on a difference of two snapshots (one period's values)", () => {
    const h = new LogHistogram();
    for (let i = 0; i < 100; i++) h.record(1);
    const snapshot = Float64Array.from(h.counts);
    for (let i = 0; i < 100; i++) h.record(10);
    const period = h.counts.map((c, b) => c - snapshot[b]!);
    expect(Math.abs(quantileOfCounts(period, 100, 0.5) - 10) / 10).toBeLessThanOrEqual(RELATIVE_ACCURACY);
  });
});

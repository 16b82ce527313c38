import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { parseTraceCsv } from "../../src/scenario/index.js";
import { nextArrivalTime } from "../../src/traffic/arrival-time.js";
import { buildRate, type RateFunction } from "../../src/traffic/rate.js";
import { type TrafficShape } from "../../src/traffic/shapes.js";
import { exponential, traceShape } from "./helpers.js";

/** Poisson arrivals on [0, horizon): Exp(1) steps of the integrated rate. */
function poissonArrivals(rate: RateFunction, horizon: number, seed: string): number[] {
  const uniform = seedrandom.alea(seed);
  const times: number[] = [];
  for (let t = nextArrivalTime(rate, 0, exponential(uniform), horizon); t !== Infinity; ) {
    times.push(t);
    t = nextArrivalTime(rate, t, exponential(uniform), horizon);
  }
  return times;
}

function countsPerWindow(times: readonly number[], window: number, windows: number): number[] {
  const counts = new Array<number>(windows).fill(0);
  for (const t of times) counts[Math.floor(t / window)]!++;
  return counts;
}

/**
 * Each window's Poisson count N has sd √E: allow 4√E per window, and the summed (N − E)²/E over k windows is
 * χ²(k) with mean k and sd √(2k): allow k + 4√(2k).
 */
function expectPoissonCounts(rate: RateFunction, times: readonly number[], window: number, windows: number): void {
  const counts = countsPerWindow(times, window, windows);
  let chiSquare = 0;
  for (let w = 0; w < windows; w++) {
    const expected = rate.integral(w * window, (w + 1) * window);
    const observed = counts[w]!;
    expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(expected) + 1);
    chiSquare += (observed - expected) ** 2 / expected;
  }
  expect(chiSquare).toBeLessThan(windows + 4 * Math.sqrt(2 * windows));
}

describe("Poisson arrivals (amount = Exp(1))", () => {
  it("on a constant rate: count within 4√(λT) of λT and mean gap within 4 sd of 1/λ", () => {
    const rate = buildRate([{ constant: 25 }]);
    const times = poissonArrivals(rate, 3600, "poisson-constant");
    const expected = 25 * 3600;
    expect(Math.abs(times.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
    let sum = 0;
    let sumSquares = 0;
    for (let i = 1; i < times.length; i++) {
      const gap = times[i]! - times[i - 1]!;
      sum += gap;
      sumSquares += gap * gap;
    }
    const n = times.length - 1;
    const mean = sum / n;
    // Exponential gaps: sd = mean = 1/λ, so the sample mean has sd (1/λ)/√n; E[gap²] = 2/λ².
    expect(Math.abs(mean - 1 / 25)).toBeLessThan((4 * (1 / 25)) / Math.sqrt(n));
    expect(sumSquares / n).toBeCloseTo(2 / 625, 4);
  });

  it("on a spike + diurnal sum over four hours: counts per 10-minute window match the integral", () => {
    const shapes: TrafficShape[] = [
      { diurnal: { mean: 20, amplitude: 15, period: 7200, peakAt: 1800 } },
      { spike: { at: 5400, peak: 100, rise: 300, hold: 600, fall: 900 } },
    ];
    const rate = buildRate(shapes);
    const horizon = 4 * 3600;
    const times = poissonArrivals(rate, horizon, "poisson-spike-diurnal");
    const total = rate.integral(0, horizon);
    expect(Math.abs(times.length - total)).toBeLessThan(4 * Math.sqrt(total));
    expectPoissonCounts(rate, times, 600, 24);
  });

  it("on a step after 30 minutes of zero rate: nothing before the step, Poisson counts after", () => {
    const rate = buildRate([{ step: { at: 1800, rate: 50 } }]);
    const times = poissonArrivals(rate, 3600, "poisson-step");
    expect(times[0]).toBeGreaterThanOrEqual(1800);
    expect(Math.abs(times.length - 90000)).toBeLessThan(4 * Math.sqrt(90000));
  });

  it("on a looping trace: counts per period match one period's integral", () => {
    const rate = buildRate([traceShape([0, 60, 120, 300], [10, 0, 40, 5], 600, true)]);
    const times = poissonArrivals(rate, 600 * 20, "poisson-loop");
    expectPoissonCounts(rate, times, 600, 20);
  });

  // Shipped under scenarios/traces/, so this runs on every clone.
  const nasa = fileURLToPath(new URL("../../scenarios/traces/nasa-kennedy-1995-07-per-minute.csv", import.meta.url));
  it("on the first week of the NASA trace (scaled): counts per hour match the integral", () => {
    // Requests per minute, scaled 0.25: about 650 arrivals an hour.
    const options = { timeColumn: "timestamp", countColumn: "requests", scale: 0.25 };
    const parsed = parseTraceCsv(readFileSync(nasa, "utf8"), options);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const rate = buildRate([{ trace: { file: "nasa", scale: 0.25, series: parsed.series } }]);
    const week = 7 * 86_400;
    const times = poissonArrivals(rate, week, "poisson-nasa");
    expectPoissonCounts(rate, times, 3600, week / 3600);
  });
});

describe("evenly spaced arrivals (amount = 1)", () => {
  it("give floor(∫_0^T rate) arrivals (±1) and exactly one unit of rate between neighbours", () => {
    const rate = buildRate([
      { constant: 0.5 },
      { step: { at: 600, rate: 3 } },
      { spike: { at: 1000, peak: 30, rise: 60, hold: 120, fall: 200 } },
      { diurnal: { mean: 4, amplitude: 3, period: 1800, peakAt: 0 } },
      traceShape([0, 100, 250, 400], [2, 0, 6, 1], 1300),
    ]);
    const horizon = 3 * 3600;
    const times: number[] = [];
    for (let t = nextArrivalTime(rate, 0, 1, horizon); t !== Infinity; t = nextArrivalTime(rate, t, 1, horizon)) {
      times.push(t);
    }
    expect(Math.abs(times.length - Math.floor(rate.integral(0, horizon)))).toBeLessThanOrEqual(1);
    for (let i = 1; i < times.length; i += 97) expect(rate.integral(times[i - 1]!, times[i]!)).toBeCloseTo(1, 9);
  });

  it("on a constant rate are exactly 1/λ apart", () => {
    const rate = buildRate([{ constant: 4 }]);
    const times: number[] = [];
    for (let t = nextArrivalTime(rate, 0, 1, 10); t !== Infinity; t = nextArrivalTime(rate, t, 1, 10)) times.push(t);
    expect(times.length).toBe(39);
    expect(times[0]).toBe(0.25);
    expect(times[38]).toBeCloseTo(9.75, 12);
  });
});

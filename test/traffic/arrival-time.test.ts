import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { nextArrivalTime } from "../../src/traffic/arrival-time.js";
import { buildRate, type RateFunction } from "../../src/traffic/rate.js";
import { type TrafficShape } from "../../src/traffic/shapes.js";
import { traceShape } from "./helpers.js";

const spike = { spike: { at: 100, peak: 50, rise: 20, hold: 30, fall: 40 } };

/** |∫_from^t rate − amount| small relative to the amount: t is the root. */
function expectRoot(r: RateFunction, from: number, t: number, amount: number): void {
  expect(Number.isFinite(t)).toBe(true);
  expect(t).toBeGreaterThanOrEqual(from);
  expect(Math.abs(r.integral(from, t) - amount)).toBeLessThan(1e-9 * Math.max(1, amount));
}

describe("nextArrivalTime on a constant rate", () => {
  it("is from + amount / rate", () => {
    const r = buildRate([{ constant: 4 }, { constant: 1 }]);
    expect(nextArrivalTime(r, 10, 2, Infinity)).toBe(10.4);
    expect(nextArrivalTime(r, 0, 1, 100)).toBe(0.2);
  });

  it("is Infinity when the arrival would fall at or after the horizon", () => {
    const r = buildRate([{ constant: 2 }]);
    expect(nextArrivalTime(r, 10, 2, 11)).toBe(Infinity);
    expect(nextArrivalTime(r, 10, 2, 11.000001)).toBe(11);
  });

  it("is Infinity for a zero rate", () => {
    expect(nextArrivalTime(buildRate([]), 0, 1, Infinity)).toBe(Infinity);
    expect(nextArrivalTime(buildRate([{ constant: 0 }]), 5, 0.1, 1e9)).toBe(Infinity);
  });
});

describe("nextArrivalTime through breaks", () => {
  it("skips the zero rate before a step: nothing arrives until at", () => {
    const r = buildRate([{ step: { at: 1800, rate: 2 } }]);
    expect(nextArrivalTime(r, 0, 1, Infinity)).toBe(1800.5);
    expect(nextArrivalTime(r, 0, 1, 1800.5)).toBe(Infinity);
    expect(nextArrivalTime(r, 0, 1, 1800.6)).toBe(1800.5);
    expect(nextArrivalTime(r, 1799, 1, 1800)).toBe(Infinity);
  });

  it("solves the quadratic inside a spike's rise", () => {
    // rate 2.5·(t − 100) on the rise, so ∫_100^t = 1.25 (t − 100)².
    const r = buildRate([spike]);
    expect(nextArrivalTime(r, 0, 5, Infinity)).toBeCloseTo(102, 12);
    expect(nextArrivalTime(r, 102, 1.25 * 16 - 5, Infinity)).toBeCloseTo(104, 12);
  });

  it("crosses the rise and the hold and solves the quadratic inside the fall", () => {
    const r = buildRate([spike]);
    // rise 500 + hold 1500, then 50s − 0.625s² = 500 on the fall.
    const s = (50 - Math.sqrt(2500 - 1250)) / 1.25;
    expect(nextArrivalTime(r, 0, 2500, Infinity)).toBeCloseTo(150 + s, 10);
    expect(nextArrivalTime(r, 0, 2999.999, Infinity)).toBeCloseTo(190 - Math.sqrt(0.001 / 0.625), 8);
  });

  it("is Infinity when the amount exceeds everything a finite spike delivers", () => {
    const r = buildRate([spike]);
    expect(nextArrivalTime(r, 0, 3000.001, Infinity)).toBe(Infinity);
    expect(nextArrivalTime(r, 191, 1e-9, Infinity)).toBe(Infinity);
  });

  it("finds the root of a diurnal wave to 1e-9 relative precision", () => {
    const r = buildRate([{ diurnal: { mean: 10, amplitude: 9.5, period: 3600, peakAt: 200 } }]);
    const uniform = seedrandom.alea("diurnal-root");
    for (let n = 0; n < 500; n++) {
      const from = uniform() * 20000;
      const amount = uniform() < 0.5 ? -Math.log(1 - uniform()) : uniform() * 50000;
      expectRoot(r, from, nextArrivalTime(r, from, amount, Infinity), amount);
    }
  });

  it("lands in the trough of a diurnal wave with amplitude = mean (rate touching 0)", () => {
    const r = buildRate([{ diurnal: { mean: 1, amplitude: 1, period: 100, peakAt: 0 } }]);
    // ∫_0^50 = 50 exactly: the 50th unit is reached at the trough. The rate there is ~0 (∫ grows like (t − 50)³),
    // so t is only determined to ~1e-4 by a double-precision integral; the integral itself is exact.
    const t = nextArrivalTime(r, 0, 50, Infinity);
    expect(t).toBeCloseTo(50, 3);
    expectRoot(r, 0, t, 50);
    expectRoot(r, 49.9, nextArrivalTime(r, 49.9, 1e-4, Infinity), 1e-4);
  });

  it("crosses hundreds of trace rows and solves inside the right one", () => {
    const n = 1000;
    const starts = Array.from({ length: n }, (_, i) => i);
    const rates = starts.map((i) => i % 7);
    const r = buildRate([traceShape(starts, rates, n)]);
    let before500 = 0;
    for (let i = 0; i < 500; i++) before500 += i % 7;
    // Row 500 has rate 500 % 7 = 3.
    expect(nextArrivalTime(r, 0, before500 + 1.5, Infinity)).toBeCloseTo(500.5, 9);
    // Past endS the trace is 0.
    expect(nextArrivalTime(r, 0, 1e9, Infinity)).toBe(Infinity);
  });

  it("wraps a looping trace into later periods", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180, true)]);
    expect(nextArrivalTime(r, 0, 480 * 10 + 60 + 150, Infinity)).toBe(1890);
    expect(nextArrivalTime(r, 170, 20 + 60 + 5, Infinity)).toBe(181 + 180 - 180 + 60);
    expect(nextArrivalTime(r, 0, 480 * 10 + 60 + 150, 1890)).toBe(Infinity);
  });

  it("sums shapes: step + spike + diurnal + traces, checked as roots of the integral", () => {
    const shapes: TrafficShape[] = [
      { step: { at: 500, rate: 7 } },
      { spike: { at: 900, peak: 40, rise: 120, hold: 60, fall: 300 } },
      { diurnal: { mean: 20, amplitude: 15, period: 3600, peakAt: 1000 } },
      { diurnal: { mean: 3, amplitude: 3, period: 400, peakAt: 50 } },
      traceShape([0, 100, 250, 400], [2, 0, 6, 1], 1300),
      traceShape([0, 30, 90], [1, 3, 0], 150, true),
    ];
    const r = buildRate(shapes);
    const uniform = seedrandom.alea("sum-roots");
    let from = 0;
    for (let n = 0; n < 3000; n++) {
      const amount = n % 10 === 0 ? uniform() * 5000 : -Math.log(1 - uniform());
      const t = nextArrivalTime(r, from, amount, Infinity);
      expectRoot(r, from, t, amount);
      // Smallest root: a hair earlier (more than the rounding of t) the amount is not yet reached.
      const hair = Math.max(1e-6 * (t - from), 1e-10 * t);
      if (t - hair > from) expect(r.integral(from, t - hair)).toBeLessThan(amount);
      from = n % 50 === 0 ? uniform() * 4000 : t;
    }
  });

  it("gives the same answer for any call order (the cursor is only a hint)", () => {
    const shapes: TrafficShape[] = [
      { spike: { at: 900, peak: 40, rise: 120, hold: 60, fall: 300 } },
      traceShape([0, 100, 250, 400], [2, 0, 6, 1], 1300),
      traceShape([0, 30, 90], [1, 3, 0], 150, true),
    ];
    const shared = buildRate(shapes);
    const uniform = seedrandom.alea("call-order");
    for (let n = 0; n < 300; n++) {
      const from = uniform() * 3000;
      const amount = uniform() * 400;
      expect(nextArrivalTime(shared, from, amount, 2500)).toBe(nextArrivalTime(buildRate(shapes), from, amount, 2500));
    }
  });

  it("walks a 28-day one-minute trace (40,320 rows) from any point, deep into it", () => {
    const rows = 40320;
    const uniform = seedrandom.alea("long-trace");
    const starts = Array.from({ length: rows }, (_, i) => i * 60);
    const rates = starts.map(() => (uniform() < 0.1 ? 0 : uniform() * 3));
    const r = buildRate([traceShape(starts, rates, rows * 60)]);
    const day27 = 27 * 86400;
    const t = nextArrivalTime(r, day27 + 13, 500, Infinity);
    expectRoot(r, day27 + 13, t, 500);
    // Then forward, one unit at a time, to the end of the trace.
    let count = 0;
    for (let at = nextArrivalTime(r, day27, 1, Infinity); at !== Infinity; at = nextArrivalTime(r, at, 1, Infinity)) count++;
    const expected = r.integral(day27, rows * 60);
    expect(Math.abs(count - Math.floor(expected))).toBeLessThanOrEqual(1);
  });
});

describe("nextArrivalTime on a RateFunction not built by buildRate", () => {
  it("walks it through the interface (rate = 2t, so ∫_0^t = t²)", () => {
    const linear: RateFunction = {
      rate: (t) => 2 * t,
      integral: (a, b) => b * b - a * a,
      nextBreak: () => Infinity,
      maxRate: (_a, b) => 2 * b,
      isConstant: false,
    };
    expect(nextArrivalTime(linear, 0, 4, Infinity)).toBeCloseTo(2, 10);
    expect(nextArrivalTime(linear, 3, 7, Infinity)).toBeCloseTo(4, 10);
    expect(nextArrivalTime(linear, 0, 4, 1.9)).toBe(Infinity);
  });

  it("agrees with the compiled walk on a mixed sum", () => {
    const compiled = buildRate([
      { step: { at: 1800, rate: 2 } },
      { diurnal: { mean: 3, amplitude: 2, period: 600, peakAt: 0 } },
      traceShape([0, 30, 90], [1, 3, 0], 150, true),
    ]);
    const wrapped: RateFunction = {
      rate: (t) => compiled.rate(t),
      integral: (a, b) => compiled.integral(a, b),
      nextBreak: (t) => compiled.nextBreak(t),
      maxRate: (a, b) => compiled.maxRate(a, b),
      isConstant: false,
    };
    for (const [from, amount] of [
      [0, 1],
      [10, 500],
      [1700, 800],
      [5000, 0.3],
    ] as const) {
      const a = nextArrivalTime(compiled, from, amount, Infinity);
      expect(nextArrivalTime(wrapped, from, amount, Infinity)).toBeCloseTo(a, 6);
    }
  });
});

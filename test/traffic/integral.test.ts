import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { buildRate, expectedCount } from "../../src/traffic/rate.js";
import { type TrafficShape } from "../../src/traffic/shapes.js";
import { naiveRate, quadrature, traceShape } from "./helpers.js";

describe("integral(a, b) of single shapes", () => {
  it("constant integrates to rate × duration", () => {
    expect(buildRate([{ constant: 5 }]).integral(2, 10)).toBe(40);
  });

  it("step integrates to 0 before at and rate × (b − at) across it", () => {
    const r = buildRate([{ step: { at: 1800, rate: 2 } }]);
    expect(r.integral(0, 1800)).toBe(0);
    expect(r.integral(0, 2000)).toBe(400);
    expect(r.integral(1900, 2000)).toBe(200);
  });

  it("spike integrates to peak × (rise/2 + hold + fall/2), and linearly-growing pieces to the trapezoid", () => {
    const r = buildRate([{ spike: { at: 100, peak: 50, rise: 20, hold: 30, fall: 40 } }]);
    expect(r.integral(0, 1000)).toBeCloseTo(50 * (10 + 30 + 20), 9);
    expect(r.integral(100, 110)).toBeCloseTo(0.5 * 10 * 25, 12);
    expect(r.integral(105, 115)).toBeCloseTo(10 * 25, 12);
    expect(r.integral(150, 170)).toBeCloseTo(20 * (50 + 25) * 0.5, 12);
  });

  it("diurnal integrates to mean × period over a whole period and to the sine difference otherwise", () => {
    const d = { mean: 100, amplitude: 60, period: 86400, peakAt: 50400 };
    const r = buildRate([{ diurnal: d }]);
    expect(r.integral(1000, 1000 + 86400)).toBeCloseTo(100 * 86400, 6);
    const w = (2 * Math.PI) / d.period;
    const exact = (a: number, b: number) => d.mean * (b - a) + (d.amplitude / w) * (Math.sin(w * (b - d.peakAt)) - Math.sin(w * (a - d.peakAt)));
    expect(r.integral(3000, 40000)).toBeCloseTo(exact(3000, 40000), 6);
    // A very short interval keeps full relative precision (no cancellation of two large sines).
    const b = 50400 + 1e-6;
    const width = b - 50400; // exact in floating point (Sterbenz), unlike 1e-6 itself here
    const short = r.integral(50400, b);
    expect(Math.abs(short - 160 * width) / (160 * width)).toBeLessThan(1e-9);
  });

  it("trace integrates the rows it covers and nothing after endS", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180)]);
    expect(r.integral(0, 180)).toBe(60 + 300 + 120);
    expect(r.integral(30, 90)).toBe(30 + 150);
    expect(r.integral(0, 1e6)).toBe(480);
  });

  it("looping trace integrates to k × (one period) over k periods, from any phase", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180, true)]);
    expect(r.integral(0, 180 * 1000)).toBeCloseTo(480 * 1000, 6);
    expect(r.integral(45, 45 + 180 * 7)).toBeCloseTo(480 * 7, 6);
    expect(r.integral(180 * 5 + 70, 180 * 5 + 80)).toBe(50);
  });
});

describe("integral(a, b) of sums", () => {
  const shapes: TrafficShape[] = [
    { constant: 3 },
    { step: { at: 500, rate: 7 } },
    { step: { at: 2000, rate: -5 } },
    { spike: { at: 900, peak: 40, rise: 120, hold: 60, fall: 300 } },
    { spike: { at: 1200, peak: 10, rise: 0, hold: 100, fall: 0 } },
    { diurnal: { mean: 20, amplitude: 15, period: 3600, peakAt: 1000 } },
    { diurnal: { mean: 4, amplitude: -4, period: 700, peakAt: 0 } },
    traceShape([0, 100, 250, 400], [2, 0, 6, 1], 1300),
    traceShape([0, 30, 90], [1, 3, 0], 150, true),
  ];
  const breaks = [500, 2000, 900, 1020, 1080, 1380, 1200, 1300, 100, 250, 400];
  for (let k = 0; k <= 40; k++) breaks.push(150 * k, 150 * k + 30, 150 * k + 90);

  it("matches fine numerical quadrature on random intervals", () => {
    const r = buildRate(shapes);
    const uniform = seedrandom.alea("integral-quadrature");
    for (let n = 0; n < 40; n++) {
      const a = uniform() * 5000;
      const b = a + uniform() * 1500;
      const numeric = quadrature((t) => naiveRate(shapes, t), a, b, breaks, 200);
      expect(Math.abs(r.integral(a, b) - numeric)).toBeLessThan(1e-6 * Math.max(1, numeric));
    }
  });

  it("is additive, antisymmetric, and 0 on an empty interval", () => {
    const r = buildRate(shapes);
    const uniform = seedrandom.alea("integral-additive");
    for (let n = 0; n < 200; n++) {
      const [a, b, c] = [uniform() * 6000, uniform() * 6000, uniform() * 6000].sort((x, y) => x - y) as [number, number, number];
      expect(r.integral(a, b) + r.integral(b, c)).toBeCloseTo(r.integral(a, c), 8);
      expect(r.integral(c, a)).toBeCloseTo(-r.integral(a, c), 8);
    }
    expect(r.integral(1234, 1234)).toBe(0);
  });

  it("is Infinity up to t = Infinity when the rate stays positive, finite when it ends", () => {
    expect(buildRate(shapes).integral(0, Infinity)).toBe(Infinity);
    expect(buildRate([{ spike: { at: 0, peak: 2, rise: 1, hold: 1, fall: 1 } }]).integral(0, Infinity)).toBeCloseTo(4, 12);
  });

  it("expectedCount is the integral", () => {
    const r = buildRate(shapes);
    expect(expectedCount(r, 100, 2500)).toBe(r.integral(100, 2500));
  });
});

describe("nextBreak(t)", () => {
  it("is Infinity for constants and diurnals (no formula changes)", () => {
    const r = buildRate([{ constant: 2 }, { diurnal: { mean: 5, amplitude: 1, period: 60, peakAt: 0 } }]);
    expect(r.nextBreak(0)).toBe(Infinity);
    expect(r.nextBreak(1e6)).toBe(Infinity);
  });

  it("finds a step's at, strictly after t", () => {
    const r = buildRate([{ step: { at: 1800, rate: 1 } }]);
    expect(r.nextBreak(0)).toBe(1800);
    expect(r.nextBreak(1799.9)).toBe(1800);
    expect(r.nextBreak(1800)).toBe(Infinity);
  });

  it("visits the four corners of a spike in order", () => {
    const r = buildRate([{ spike: { at: 100, peak: 50, rise: 20, hold: 30, fall: 40 } }]);
    const seen: number[] = [];
    for (let t = 0; t !== Infinity; t = r.nextBreak(t)) seen.push(t);
    expect(seen).toEqual([0, 100, 120, 150, 190]);
  });

  it("visits every trace interval edge and the trace end", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180), { step: { at: 90, rate: 1 } }]);
    const seen: number[] = [];
    for (let t = -1; t !== Infinity; t = r.nextBreak(t)) seen.push(t);
    expect(seen).toEqual([-1, 0, 60, 90, 120, 180]);
  });

  it("keeps finding edges of a looping trace forever", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180, true)]);
    expect(r.nextBreak(-5)).toBe(0);
    expect(r.nextBreak(0)).toBe(60);
    expect(r.nextBreak(170)).toBe(180);
    expect(r.nextBreak(180)).toBe(240);
    expect(r.nextBreak(180 * 1e4 + 100)).toBe(180 * 1e4 + 120);
  });
});

describe("maxRate(a, b)", () => {
  it("is the exact maximum for a single spike, step or diurnal", () => {
    const spike = buildRate([{ spike: { at: 100, peak: 50, rise: 20, hold: 30, fall: 40 } }]);
    expect(spike.maxRate(0, 1000)).toBe(50);
    expect(spike.maxRate(0, 110)).toBeCloseTo(25, 12);
    expect(spike.maxRate(170, 200)).toBeCloseTo(25, 12);
    expect(spike.maxRate(0, 99)).toBe(0);
    const diurnal = buildRate([{ diurnal: { mean: 10, amplitude: 5, period: 100, peakAt: 0 } }]);
    expect(diurnal.maxRate(10, 40)).toBeCloseTo(10 + 5 * Math.cos((2 * Math.PI * 10) / 100), 12);
    expect(diurnal.maxRate(90, 110)).toBe(15);
    expect(buildRate([{ step: { at: 5, rate: 3 } }]).maxRate(0, 4)).toBe(0);
  });

  it("bounds the rate from above everywhere on the interval", () => {
    const shapes: TrafficShape[] = [
      { constant: 1 },
      { spike: { at: 300, peak: 40, rise: 60, hold: 0, fall: 200 } },
      { diurnal: { mean: 20, amplitude: 15, period: 900, peakAt: 100 } },
      traceShape([0, 30, 90], [1, 3, 0], 150, true),
    ];
    const r = buildRate(shapes);
    const uniform = seedrandom.alea("max-rate");
    for (let n = 0; n < 200; n++) {
      const a = uniform() * 2000;
      const b = a + uniform() * 400;
      const bound = r.maxRate(a, b);
      for (let i = 0; i <= 50; i++) expect(r.rate(a + ((b - a) * i) / 50)).toBeLessThanOrEqual(bound + 1e-9);
    }
  });
});

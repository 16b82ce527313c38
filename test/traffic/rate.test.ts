import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { buildRate } from "../../src/traffic/rate.js";
import { type TrafficShape } from "../../src/traffic/shapes.js";
import { naiveRate, traceShape } from "./helpers.js";

describe("rate(t) of single shapes", () => {
  it("constant is the same rate at every t", () => {
    const r = buildRate([{ constant: 12.5 }]);
    for (const t of [0, 1, 59.9, 3600, 1e7]) expect(r.rate(t)).toBe(12.5);
    expect(r.isConstant).toBe(true);
  });

  it("an empty shape list is the constant rate 0", () => {
    const r = buildRate([]);
    expect(r.rate(100)).toBe(0);
    expect(r.isConstant).toBe(true);
  });

  it("step is 0 before at and adds its rate from at on (right-continuous)", () => {
    const r = buildRate([{ step: { at: 1800, rate: 40 } }]);
    expect(r.rate(0)).toBe(0);
    expect(r.rate(1799.999)).toBe(0);
    expect(r.rate(1800)).toBe(40);
    expect(r.rate(1e6)).toBe(40);
    expect(r.isConstant).toBe(false);
  });

  it("a negative step lowers the rate it steps down from", () => {
    const r = buildRate([{ constant: 100 }, { step: { at: 60, rate: -70 } }]);
    expect(r.rate(59)).toBe(100);
    expect(r.rate(60)).toBe(30);
  });

  it("spike rises linearly from 0 to peak over rise", () => {
    const r = buildRate([{ spike: { at: 100, peak: 50, rise: 20, hold: 30, fall: 40 } }]);
    expect(r.rate(99.9)).toBe(0);
    expect(r.rate(100)).toBe(0);
    expect(r.rate(105)).toBeCloseTo(12.5, 12);
    expect(r.rate(110)).toBeCloseTo(25, 12);
    expect(r.rate(119.999)).toBeCloseTo(49.9975, 9);
  });

  it("spike holds peak over hold, falls linearly to 0 over fall, and is 0 after", () => {
    const r = buildRate([{ spike: { at: 100, peak: 50, rise: 20, hold: 30, fall: 40 } }]);
    expect(r.rate(120)).toBe(50);
    expect(r.rate(149.999)).toBe(50);
    expect(r.rate(150)).toBe(50);
    expect(r.rate(160)).toBeCloseTo(37.5, 12);
    expect(r.rate(180)).toBeCloseTo(12.5, 12);
    expect(r.rate(190)).toBe(0);
    expect(r.rate(1e5)).toBe(0);
  });

  it("spike with zero rise jumps to peak at at; zero hold and fall give a triangle or nothing", () => {
    const square = buildRate([{ spike: { at: 10, peak: 8, rise: 0, hold: 5, fall: 0 } }]);
    expect(square.rate(9.999)).toBe(0);
    expect(square.rate(10)).toBe(8);
    expect(square.rate(14.999)).toBe(8);
    expect(square.rate(15)).toBe(0);
    const triangle = buildRate([{ spike: { at: 10, peak: 8, rise: 2, hold: 0, fall: 2 } }]);
    expect(triangle.rate(11)).toBeCloseTo(4, 12);
    expect(triangle.rate(12)).toBe(8);
    expect(triangle.rate(13)).toBeCloseTo(4, 12);
    const nothing = buildRate([{ spike: { at: 10, peak: 8, rise: 0, hold: 0, fall: 0 } }]);
    expect(nothing.rate(10)).toBe(0);
  });

  it("diurnal is mean + amplitude·cos(2π(t − peakAt)/period)", () => {
    const r = buildRate([{ diurnal: { mean: 100, amplitude: 60, period: 86400, peakAt: 50400 } }]);
    expect(r.rate(50400)).toBeCloseTo(160, 9);
    expect(r.rate(50400 - 43200)).toBeCloseTo(40, 9);
    expect(r.rate(50400 + 21600)).toBeCloseTo(100, 9);
    expect(r.rate(1234)).toBeCloseTo(100 + 60 * Math.cos((2 * Math.PI * (1234 - 50400)) / 86400), 9);
  });

  it("diurnal with amplitude equal to the mean touches 0 at its trough", () => {
    const r = buildRate([{ diurnal: { mean: 10, amplitude: 10, period: 100, peakAt: 0 } }]);
    expect(r.rate(50)).toBeCloseTo(0, 12);
    expect(r.rate(50)).toBeGreaterThanOrEqual(0);
  });

  it("trace replays ratesPerS[i] over [startsS[i], startsS[i+1]) and is 0 after endS", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180)]);
    expect(r.rate(0)).toBe(1);
    expect(r.rate(59.99)).toBe(1);
    expect(r.rate(60)).toBe(5);
    expect(r.rate(150)).toBe(2);
    expect(r.rate(180)).toBe(0);
    expect(r.rate(1e6)).toBe(0);
  });

  it("looping trace repeats with period endS − startsS[0]", () => {
    const r = buildRate([traceShape([0, 60, 120], [1, 5, 2], 180, true)]);
    expect(r.rate(180)).toBe(1);
    expect(r.rate(180 + 60)).toBe(5);
    expect(r.rate(180 * 1000 + 130)).toBe(2);
    expect(r.rate(180 * 1000 - 0.001)).toBe(2);
    expect(r.rate(-1)).toBe(0);
  });

  it("looping trace that starts later is 0 before its first row, then repeats from there", () => {
    const r = buildRate([traceShape([100, 160], [4, 9], 200, true)]);
    expect(r.rate(99)).toBe(0);
    expect(r.rate(100)).toBe(4);
    expect(r.rate(200)).toBe(4);
    expect(r.rate(260)).toBe(9);
    expect(r.integral(0, 300)).toBe(2 * (60 * 4 + 40 * 9));
  });

  it("diurnal with a negative amplitude is the same wave half a period later", () => {
    const a = buildRate([{ diurnal: { mean: 10, amplitude: -4, period: 600, peakAt: 100 } }]);
    const b = buildRate([{ diurnal: { mean: 10, amplitude: 4, period: 600, peakAt: 400 } }]);
    for (const t of [0, 50, 333, 1000]) expect(a.rate(t)).toBeCloseTo(b.rate(t), 12);
  });
});

describe("rate(t) of sums", () => {
  const shapes: TrafficShape[] = [
    { constant: 3 },
    { step: { at: 500, rate: 7 } },
    { step: { at: 2000, rate: -5 } },
    { spike: { at: 900, peak: 40, rise: 120, hold: 60, fall: 300 } },
    { diurnal: { mean: 20, amplitude: 15, period: 3600, peakAt: 1000 } },
    { diurnal: { mean: 4, amplitude: -4, period: 700, peakAt: 0 } },
    traceShape([0, 100, 250, 400], [2, 0, 6, 1], 1300),
    traceShape([0, 30, 90], [1, 3, 0], 150, true),
  ];

  it("is the sum of the shapes at chosen points", () => {
    const r = buildRate(shapes);
    expect(r.rate(0)).toBeCloseTo(3 + 20 + 15 * Math.cos((2 * Math.PI * -1000) / 3600) + 4 - 4 + 2 + 1, 9);
    expect(r.rate(960)).toBeCloseTo(naiveRate(shapes, 960), 9);
    expect(r.rate(2000)).toBeCloseTo(naiveRate(shapes, 2000), 9);
  });

  it("matches the shape definitions at 2000 random points", () => {
    const r = buildRate(shapes);
    const uniform = seedrandom.alea("rate-sum");
    for (let n = 0; n < 2000; n++) {
      const t = uniform() * 5000;
      expect(r.rate(t)).toBeCloseTo(naiveRate(shapes, t), 9);
    }
  });

  it("is the same whatever order the queries come in (cursors are only hints)", () => {
    const r = buildRate(shapes);
    const fresh = (t: number) => buildRate(shapes).rate(t);
    for (const t of [4000, 10, 2500, 1299.5, 0, 4999, 150, 149.99]) expect(r.rate(t)).toBe(fresh(t));
  });
});

describe("buildRate validation", () => {
  it("throws saying the trace was not loaded when its series is missing", () => {
    expect(() => buildRate([{ constant: 1 }, { trace: { file: "nasa.csv", scale: 2 } }])).toThrow(/traffic\[1\] \(trace "nasa.csv"\).*not loaded/);
  });

  it("accepts loop and series set explicitly to undefined (zod output)", () => {
    expect(() => buildRate([{ trace: { file: "x.csv", scale: 1, loop: undefined, series: undefined } }])).toThrow(/not loaded/);
  });

  it("rejects a diurnal amplitude above its mean", () => {
    expect(() => buildRate([{ diurnal: { mean: 5, amplitude: 6, period: 10, peakAt: 0 } }])).toThrow(/amplitude/);
  });

  it("rejects a negative step that would take the total below 0", () => {
    expect(() => buildRate([{ constant: 5 }, { step: { at: 10, rate: -6 } }])).toThrow(/negative/);
  });

  it("rejects non-finite numbers, negative durations and unsorted trace rows, naming the field", () => {
    expect(() => buildRate([{ constant: Number.NaN }])).toThrow(/constant/);
    expect(() => buildRate([{ spike: { at: 0, peak: 1, rise: -1, hold: 0, fall: 0 } }])).toThrow(/spike.rise/);
    expect(() => buildRate([traceShape([0, 60, 30], [1, 1, 1], 100)])).toThrow(/ascending/);
    expect(() => buildRate([traceShape([0, 60], [1], 100)])).toThrow(/ratesPerS/);
    expect(() => buildRate([traceShape([0], [1], 0, true)])).toThrow(/period/);
  });
});

// formatDuration, the project's one duration formatter: each style over its edge cases (zero, below a second, just
// under a minute, whole hours and days, and the values where rounding moves to the next figure or unit).
import { describe, expect, it } from "vitest";
import { type DurationStyle, formatDuration, parseDuration } from "../../src/engine/units.js";
import { hydrateChartConfig } from "../../src/report/charts/chart-runtime.js";

const TABLE: Record<DurationStyle, readonly (readonly [number, string])[]> = {
  // The scenario file's notation, shortest exact form; reads back through parseDuration.
  exact: [
    [0, "0s"],
    [0.25, "250ms"],
    [0.0005, "0.5ms"],
    [1.5, "1.5s"],
    [59.9995, "59999.5ms"],
    [60, "1m"],
    [90, "90s"],
    [150, "150s"],
    [3_600, "1h"],
    [3_661, "3661s"],
    [5_400, "90m"],
    [86_400, "1d"],
    [90_000, "25h"],
    [-90, "-90s"],
    [Infinity, "Infinity"],
  ],
  seconds: [
    [0, "0 s"],
    [0.25, "0.25 s"],
    [59.9995, "59.9995 s"],
    [43_200, "43,200 s"],
    [1_234.5, "1,234.5 s"],
    [864_000_000, "864,000,000 s"],
  ],
  // Two or three figures; a value just under a unit's edge rounds up in the smaller unit ("120.0 s", not "2.0 min").
  rounded: [
    [0, "0 s"],
    [4e-7, "0 µs"],
    [0.0005, "500 µs"],
    [0.004, "4.00 ms"],
    [0.25, "250 ms"],
    [59.9995, "60.0 s"],
    [60, "60.0 s"],
    [119.96, "120.0 s"],
    [120, "2.0 min"],
    [3_600, "60.0 min"],
    [7_199, "120.0 min"],
    [7_200, "2.0 h"],
    [86_400, "24.0 h"],
    [172_800, "2.0 d"],
    [1_209_600, "14.0 d"],
  ],
  // Four significant digits; rounding that reaches the next unit's edge moves to it.
  significant: [
    [0, "0 s"],
    [4e-7, "< 1 µs"],
    [0.0005, "500 µs"],
    [0.004, "4 ms"],
    [0.25, "250 ms"],
    [0.99999, "1 s"],
    [59.9995, "60 s"],
    [119.96, "120 s"],
    [120, "2 min"],
    [134.16, "2.236 min"],
    [3_600, "60 min"],
    [5_400, "90 min"],
    [7_200, "2 h"],
    [86_400, "24 h"],
    [172_800, "2 d"],
    [1e8, "1,157 d"],
    [-90, "−90 s"],
    [Infinity, "∞"],
  ],
  // A whole number of the largest unit that divides it (0 divides by an hour).
  period: [
    [0, "0 h"],
    [10, "10 s"],
    [60, "1 min"],
    [90, "90 s"],
    [300, "5 min"],
    [3_600, "1 h"],
    [5_400, "90 min"],
    [86_400, "24 h"],
  ],
  // Whole seconds (rounded half up), then minutes: a countdown never shows a fraction.
  countdown: [
    [0, "<1 s"],
    [0.4, "<1 s"],
    [0.5, "1 s"],
    [59.4, "59 s"],
    [59.5, "1 min 00 s"],
    [59.9995, "1 min 00 s"],
    [185, "3 min 05 s"],
    [3_599.5, "1 h 00 min"],
    [4_800, "1 h 20 min"],
    [86_400, "24 h 00 min"],
  ],
};

describe("formatDuration", () => {
  for (const [style, rows] of Object.entries(TABLE) as [DurationStyle, (typeof TABLE)[DurationStyle]][]) {
    it.each(rows)(`formatDuration(%d, "${style}") is %j`, (seconds, text) => {
      expect(formatDuration(seconds, style)).toBe(text);
    });
  }

  it('formatDuration(s) is the "exact" style', () => {
    for (const [seconds] of TABLE.exact) expect(formatDuration(seconds)).toBe(formatDuration(seconds, "exact"));
  });

  it('the "exact" style reads back through parseDuration to the same number', () => {
    for (const [seconds] of TABLE.exact) if (seconds >= 0 && Number.isFinite(seconds)) expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });

  // report.html inlines the chart runtime's source (Function.prototype.toString), so it keeps its own small copy of
  // the "rounded" style for duration ticks; it must read as formatDuration does, trailing zeros dropped.
  it('the chart runtime formats duration ticks as the "rounded" style, trailing zeros dropped', () => {
    const config = hydrateChartConfig({ type: "line", data: { datasets: [] }, options: { plugins: { sqsSimAxes: { y: { kind: "duration" } } } } });
    const tick = (v: number): string => config.options.scales.y.ticks.callback(v);
    const trimmed = (text: string): string => text.replace(/^(\d+)\.(\d*?)0+ /, (_, i: string, f: string) => `${i}${f === "" ? "" : `.${f}`} `);
    for (const [seconds] of TABLE.rounded) if (seconds > 0) expect(tick(seconds)).toBe(trimmed(formatDuration(seconds, "rounded")));
  });
});

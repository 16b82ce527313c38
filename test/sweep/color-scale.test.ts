// The heatmaps' colour scale: viridis reversed (light yellow for the lowest value, dark purple for the highest),
// logarithmic when the positive values span more than 10×, zeros in the lowest colour, missing values without a
// colour; the text colour on each (black or white, whichever contrasts more) and the WCAG luminance it rests on.
import { describe, expect, it } from "vitest";
import { COLOR_KEY, colorScale, luminance } from "../../src/sweep/report/color-scale.js";

/** WCAG contrast ratio of two relative luminances. */
const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
/** n + 1 values from low to high, evenly spaced (linear) or evenly spaced in their logarithm. */
const linearSteps = (low: number, high: number, n: number): number[] => Array.from({ length: n + 1 }, (_, i) => low + ((high - low) * i) / n);
const logSteps = (low: number, high: number, n: number): number[] => Array.from({ length: n + 1 }, (_, i) => low * (high / low) ** (i / n));

describe("luminance", () => {
  it("is WCAG's relative luminance: 0 for black, 1 for white, the sRGB curve and channel weights between", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1, 12);
    expect(luminance("#ff0000")).toBeCloseTo(0.2126, 12);
    expect(luminance("#00ff00")).toBeCloseTo(0.7152, 12);
    expect(luminance("#0000ff")).toBeCloseTo(0.0722, 12);
    // Mid grey: ((0x80 / 255 + 0.055) / 1.055) ^ 2.4 = 0.2158605; a dark channel on the linear part: 10 / 255 / 12.92.
    expect(luminance("#808080")).toBeCloseTo(0.2158605, 6);
    expect(luminance("#0a0a0a")).toBeCloseTo(10 / 255 / 12.92, 9);
  });
});

describe("colorScale", () => {
  it("has a key from light yellow (low) to dark purple (high): viridis reversed, its luminance falling", () => {
    expect(COLOR_KEY).toHaveLength(9);
    expect(COLOR_KEY[0]).toBe("#fde725");
    expect(COLOR_KEY[4]).toBe("#21918c");
    expect(COLOR_KEY[8]).toBe("#440154");
    const l = COLOR_KEY.map(luminance);
    for (let i = 1; i < l.length; i++) expect(l[i]!, COLOR_KEY[i]).toBeLessThan(l[i - 1]!);
  });

  it("maps a linear range onto the key: low, middle and high take the key's ends and middle; between, it interpolates", () => {
    const s = colorScale([0, 5, 10]);
    expect(s.log).toBe(false);
    expect([0, 5, 10].map(s.color)).toEqual([COLOR_KEY[0], COLOR_KEY[4], COLOR_KEY[8]]);
    // 1.25 is exactly the key's second colour; 0.625 halfway between the first two: (fd+ad)/2, (e7+dc)/2, (25+30)/2.
    expect(s.color(1.25)).toBe(COLOR_KEY[1]);
    expect(s.color(0.625)).toBe("#d5e22b");
    // Outside the values' range, clamped to the ends.
    expect(s.color(-3)).toBe(COLOR_KEY[0]);
    expect(s.color(99)).toBe(COLOR_KEY[8]);
  });

  it("turns logarithmic when the positive values span more than 10×, not at 10× exactly", () => {
    expect(colorScale([1, 10]).log).toBe(false);
    expect(colorScale([1, 10.01]).log).toBe(true);
    expect(colorScale([0, 0.5, 4]).log).toBe(false); // 8×, zeros aside
    expect(colorScale([-1, 1, 100]).log).toBe(false); // a negative value keeps it linear
    const s = colorScale([1, 10, 100]);
    expect(s.log).toBe(true);
    expect([1, 10, 100].map(s.color)).toEqual([COLOR_KEY[0], COLOR_KEY[4], COLOR_KEY[8]]);
    // On a linear scale over the same range, 10 sits near the light end instead.
    expect(colorScale([0, 100]).log).toBe(false);
    expect(luminance(colorScale([0, 100]).color(10)!)).toBeGreaterThan(luminance(COLOR_KEY[1]!));
  });

  it("gives zeros the lowest colour, on both scales", () => {
    const log = colorScale([0, 0.05, 6]);
    expect(log.log).toBe(true);
    expect(log.color(0)).toBe(COLOR_KEY[0]);
    expect(log.color(0.05)).toBe(COLOR_KEY[0]);
    expect(log.color(6)).toBe(COLOR_KEY[8]);
    const linear = colorScale([0, 3, 6]);
    expect(linear.log).toBe(false);
    expect(linear.color(0)).toBe(COLOR_KEY[0]);
  });

  it("has no colour for a missing value, and ignores missing values when placing the others", () => {
    const s = colorScale([null, 2, null, 4]);
    expect(s.color(null)).toBeNull();
    expect(s.color(Number.NaN)).toBeNull();
    expect(s.color(2)).toBe(COLOR_KEY[0]);
    expect(s.color(4)).toBe(COLOR_KEY[8]);
    expect(s.textColor(null)).toBe("#000000");
    expect(colorScale([null, null]).color(null)).toBeNull();
  });

  it("gives one value (or all equal) the middle colour", () => {
    expect(colorScale([7]).color(7)).toBe(COLOR_KEY[4]);
    expect(colorScale([3, 3, 3]).color(3)).toBe(COLOR_KEY[4]);
    expect(colorScale([0, 0]).color(0)).toBe(COLOR_KEY[4]);
  });

  // Each colour is rounded to 8 bits per channel, so two values a hair apart can share a colour (or even swap by
  // a rounding step); a hundred steps across the range are far enough apart to fall strictly.
  it.each([
    ["linear", [0, 40], false, linearSteps(0, 40, 100)],
    ["linear, not from zero", [10, 50], false, linearSteps(10, 50, 100)],
    ["log", [0.05, 6], true, logSteps(0.05, 6, 100)],
    ["log with a zero", [0, 0.05, 6], true, [0, ...logSteps(0.05, 6, 100).slice(1)]],
    ["log over 6 decades", [1e-3, 1e3], true, logSteps(1e-3, 1e3, 100)],
  ] as const)("darkens as the value grows (%s): a lower value has a higher luminance", (_, values, log, steps) => {
    const s = colorScale([...values]);
    expect(s.log).toBe(log);
    const l = steps.map((v) => luminance(s.color(v)!));
    for (let i = 1; i < l.length; i++) expect(l[i]!, `${steps[i - 1]} → ${steps[i]}`).toBeLessThan(l[i - 1]!);
  });

  it("spreads a log scale's colours evenly over the decades (each decade the same share of the key)", () => {
    const s = colorScale([0.001, 1000]);
    // 6 decades over 8 segments: 10^-3 → 0, 10^0 → 0.5, 10^3 → 1; 10^-1.5 → 0.25, the key's third colour.
    expect(s.color(1)).toBe(COLOR_KEY[4]);
    expect(s.color(10 ** -1.5)).toBe(COLOR_KEY[2]);
    expect(s.color(10 ** 1.5)).toBe(COLOR_KEY[6]);
  });
});

describe("textColor", () => {
  it("is black on the light colours and white on the dark ones, switching at luminance 0.179", () => {
    const s = colorScale([0, 8]);
    // Key colours 0-4 are lighter than 0.179 (the middle one, #21918c, is 0.225), 5-8 darker (#2c728e is 0.145).
    expect(luminance(COLOR_KEY[4]!)).toBeGreaterThan(0.179);
    expect(luminance(COLOR_KEY[5]!)).toBeLessThan(0.179);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(s.textColor)).toEqual([
      "#000000",
      "#000000",
      "#000000",
      "#000000",
      "#000000",
      "#ffffff",
      "#ffffff",
      "#ffffff",
      "#ffffff",
    ]);
  });

  it("always picks the text colour with the higher contrast ratio, on linear and log scales", () => {
    for (const [range, steps] of [
      [[0, 1], linearSteps(0, 1, 200)],
      [[0.01, 100], logSteps(0.01, 100, 200)],
    ] as const) {
      const s = colorScale([...range]);
      for (const v of steps) {
        const background = luminance(s.color(v)!);
        const chosen = s.textColor(v) === "#000000" ? 0 : 1;
        expect(contrast(chosen, background), `value ${v} on ${s.color(v)}`).toBeGreaterThanOrEqual(contrast(1 - chosen, background));
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { estimate, studentTCdf, studentTQuantile } from "../../src/sweep/index.js";

describe("Student t", () => {
  // Two-sided 95% factors t(0.975, df), from standard tables (R: qt(0.975, df)).
  it.each([
    [1, 12.706205],
    [2, 4.302653],
    [3, 3.182446],
    [4, 2.776445],
    [5, 2.570582],
    [9, 2.262157],
    [19, 2.093024],
    [29, 2.04523],
    [100, 1.983972],
    [1000, 1.962339],
  ])("studentTQuantile(0.975, %i) is %f", (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 5);
  });

  it("studentTQuantile matches the closed forms for 1 and 2 degrees of freedom at other levels", () => {
    for (const p of [0.6, 0.9, 0.95, 0.995]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 8);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 8);
    }
  });

  it("studentTCdf is symmetric and ½ at 0", () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-1.3, 7) + studentTCdf(1.3, 7)).toBeCloseTo(1, 12);
  });
});

describe("estimate", () => {
  it("estimate gives mean ± t(0.975, N−1)·s/√N", () => {
    // 1, 2, 3: mean 2, s = 1, half width 4.302653/√3 = 2.484138.
    const e = estimate([1, 2, 3]);
    expect(e.mean).toBe(2);
    expect(e.ci95Low).toBeCloseTo(2 - 2.484138, 5);
    expect(e.ci95High).toBeCloseTo(2 + 2.484138, 5);
  });

  it("estimate of one replication is the value itself, interval included", () => {
    expect(estimate([4.5])).toEqual({ mean: 4.5, ci95Low: 4.5, ci95High: 4.5 });
  });

  it("estimate of equal values has a zero-width interval", () => {
    expect(estimate([7, 7, 7, 7])).toEqual({ mean: 7, ci95Low: 7, ci95High: 7 });
  });
});

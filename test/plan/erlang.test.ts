import { describe, expect, it } from "vitest";
import { allenCunneenFactor, erlangB, erlangC, mmc } from "../../src/plan/erlang.js";
import { lnGamma, normalCdf } from "../../src/plan/special-functions.js";

/** Erlang C from its textbook closed form, summed in log space (no overflow at any c). */
function erlangCLogSpace(c: number, a: number): number {
  const lnTerm = (k: number): number => k * Math.log(a) - lnGamma(k + 1);
  const lnTop = lnTerm(c) + Math.log(c / (c - a));
  let max = lnTop;
  for (let k = 0; k < c; k++) max = Math.max(max, lnTerm(k));
  let sum = Math.exp(lnTop - max);
  for (let k = 0; k < c; k++) sum += Math.exp(lnTerm(k) - max);
  return Math.exp(lnTop - max) / sum;
}

describe("Erlang B and C", () => {
  it("erlangC(4, 3.2) ≈ 0.5964: four servers at ρ = 0.8", () => {
    expect(erlangC(4, 3.2)).toBeCloseTo(0.5964, 4);
  });

  it("erlangC(2, 1) = 1/3 exactly: (a²/2 · 1/(1 − ρ)) ÷ (1 + a + a²/2 · 1/(1 − ρ)) at a = 1", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
  });

  it("M/M/1: P(wait) = ρ, Wq = ρ ÷ (μ − λ), P(wait > t) = ρ·e^{−(μ−λ)t}", () => {
    const q = mmc(1, 3, 4);
    if (!q.stable) throw new Error("unstable");
    expect(q.pWait).toBeCloseTo(0.75, 14);
    expect(q.meanWait).toBeCloseTo(0.75 / (4 - 3), 14);
    expect(q.meanQueue).toBeCloseTo((0.75 * 0.75) / (1 - 0.75), 12); // Lq = ρ²/(1 − ρ)
    expect(q.pWaitOver(2)).toBeCloseTo(0.75 * Math.exp(-2), 14);
  });

  it("erlangB matches aᶜ/c! ÷ Σ aᵏ/k! for small c", () => {
    for (const [c, a] of [
      [1, 0.5],
      [3, 2],
      [10, 8],
      [20, 25],
    ] as const) {
      let sum = 0;
      let term = 1;
      for (let k = 0; k <= c; k++) {
        if (k > 0) term *= a / k;
        sum += term;
      }
      expect(erlangB(c, a)).toBeCloseTo(term / sum, 13);
    }
  });

  it("erlangC matches the closed form summed in log space at c = 50, 1,000 and 20,000", () => {
    for (const [c, rho] of [
      [50, 0.9],
      [1000, 0.97],
      [20_000, 0.995],
    ] as const) {
      const exact = erlangCLogSpace(c, c * rho);
      expect(Math.abs(erlangC(c, c * rho) - exact) / exact).toBeLessThan(1e-9);
    }
  });

  it("is numerically stable at c = 100,000: finite, in (0, 1), monotone in load, and near Halfin–Whitt", () => {
    const c = 100_000;
    let previous = 0;
    for (const rho of [0.5, 0.9, 0.99, 0.999, 0.99999]) {
      const p = erlangC(c, c * rho);
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(previous);
      expect(p).toBeLessThanOrEqual(1);
      previous = p;
    }
    expect(erlangC(c, 1)).toBe(0); // one erlang on 100,000 servers: underflows to 0, not NaN
    // Halfin–Whitt: with β = (c − a)/√a, C ≈ [1 + β Φ(β)/φ(β)]⁻¹, accurate to a few percent at this size.
    const a = c * 0.995;
    const beta = (c - a) / Math.sqrt(a);
    const phi = Math.exp((-beta * beta) / 2) / Math.sqrt(2 * Math.PI);
    const halfinWhitt = 1 / (1 + (beta * normalCdf(beta)) / phi);
    expect(Math.abs(erlangC(c, a) - halfinWhitt) / halfinWhitt).toBeLessThan(0.05);
    expect(Math.abs(erlangC(c, a) - erlangCLogSpace(c, a)) / erlangCLogSpace(c, a)).toBeLessThan(1e-9);
  });

  it("ρ ≥ 1 is unstable: erlangC is 1 and mmc says so", () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 5)).toBe(1);
    expect(mmc(4, 4, 1)).toEqual({ stable: false, rho: 1 });
    expect(mmc(0, 1, 1).stable).toBe(false);
  });

  it("no arrivals: nothing waits", () => {
    const q = mmc(3, 0, 1);
    expect(q.stable && q.pWait === 0 && q.meanWait === 0).toBe(true);
  });

  it("Allen–Cunneen's factor is 1 for M/M/c and ½ for M/D/c", () => {
    expect(allenCunneenFactor(1, 1)).toBe(1);
    expect(allenCunneenFactor(1, 0)).toBe(0.5);
  });
});

import { describe, expect, it } from "vitest";
import { distributionMean, makeSampler, type DistributionSpec } from "../../src/engine/distributions.js";
import { randomStream } from "../../src/engine/random.js";
import { batchLaw, processingLaw, scv } from "../../src/plan/quantiles.js";
import { gammaP, gammaQ, gammaQuantile, lnGamma, normalCdf, normalQuantile } from "../../src/plan/special-functions.js";

describe("special functions", () => {
  it("normalQuantile (AS 241) reproduces Φ⁻¹(0.99) = 2.3263478740408408, the sampler's constant", () => {
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });

  it("normalCdf(−3) = 0.0013498980316301 and inverts normalQuantile", () => {
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });

  it("lnGamma matches factorials and Γ(½) = √π", () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it("gammaP(2, x) = 1 − e^{−x}(1 + x), and P + Q = 1", () => {
    for (const x of [0.1, 1, 3, 10]) {
      expect(gammaP(2, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x), 14);
      expect(gammaP(2, x) + gammaQ(2, x)).toBeCloseTo(1, 14);
    }
  });

  it("gammaQuantile inverts gammaP for shapes from 0.01 to 10⁶", () => {
    for (const k of [0.01, 0.1, 0.5, 1, 2, 10, 1000, 1e6]) {
      for (const p of [0.01, 0.5, 0.99, 0.999]) {
        expect(Math.abs(gammaP(k, gammaQuantile(k, p)) - p)).toBeLessThan(1e-10);
      }
    }
    expect(gammaQuantile(1, 0.5)).toBeCloseTo(Math.LN2, 14);
  });
});

describe("processing laws: exact values", () => {
  it("exponential: quantile −mean·ln(1 − p), so the median is mean·ln 2", () => {
    const law = processingLaw({ exponential: { mean: 2 } });
    expect(law.quantile(0.5)).toBeCloseTo(2 * Math.LN2, 14);
    expect(law.quantile(0.999)).toBeCloseTo(-2 * Math.log(0.001), 12);
    expect(law.cdf(law.quantile(0.9))).toBeCloseTo(0.9, 14);
  });

  it("lognormal by median and p99: its quantiles are the median and the p99 themselves", () => {
    const law = processingLaw({ lognormal: { median: 20, p99: 60 } });
    expect(law.quantile(0.5)).toBeCloseTo(20, 12);
    expect(law.quantile(0.99)).toBeCloseTo(60, 10);
    expect(law.cdf(60)).toBeCloseTo(0.99, 12);
    expect(law.mean).toBeCloseTo(distributionMean({ lognormal: { median: 20, p99: 60 } }), 12);
  });

  it("uniform and constant", () => {
    const u = processingLaw({ uniform: { min: 1, max: 3 } });
    expect(u.quantile(0.25)).toBe(1.5);
    expect(u.cdf(2)).toBeCloseTo(0.5, 14);
    expect(scv(u)).toBeCloseTo(4 / 12 / 4, 14);
    const c = processingLaw({ constant: 0.1 });
    expect([c.quantile(0.999), c.cdf(0.1), c.cdf(0.0999), scv(c)]).toEqual([0.1, 1, 0, 0]);
  });

  it("gamma with cv 1 is the exponential; cv sets the variance", () => {
    const g = processingLaw({ gamma: { mean: 2, cv: 1 } });
    const e = processingLaw({ exponential: { mean: 2 } });
    for (const p of [0.1, 0.5, 0.99, 0.999]) expect(g.quantile(p)).toBeCloseTo(e.quantile(p), 10);
    expect(scv(processingLaw({ gamma: { mean: 2, cv: 0.5 } }))).toBeCloseTo(0.25, 14);
  });

  it("a batch of n exponentials is Erlang: CDF 1 − Σ_{k<n} e^{−x/m}(x/m)^k/k!", () => {
    const law = batchLaw({ exponential: { mean: 0.5 } }, 4);
    for (const x of [0.5, 2, 5]) {
      const y = x / 0.5;
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += Math.exp(-y + k * Math.log(y) - lnGamma(k + 1));
      expect(law.cdf(x)).toBeCloseTo(1 - sum, 13);
    }
    expect(law.mean).toBe(2);
  });

  it("a batch of two uniforms is the triangle (Irwin–Hall n = 2)", () => {
    const law = batchLaw({ uniform: { min: 0, max: 1 } }, 2);
    expect(law.cdf(0.5)).toBeCloseTo(0.125, 14);
    expect(law.cdf(1)).toBeCloseTo(0.5, 14);
    expect(law.cdf(1.5)).toBeCloseTo(0.875, 14);
    expect(law.quantile(0.875)).toBeCloseTo(1.5, 10);
  });

  it("constant and gamma batches are exact (n·c; Gamma(n·k, θ)); lognormal batches are marked approximate", () => {
    expect(batchLaw({ constant: 2 }, 10).quantile(0.999)).toBe(20);
    expect(batchLaw({ gamma: { mean: 1, cv: 0.5 } }, 3).quantile(0.7)).toBeCloseTo(0.25 * gammaQuantile(12, 0.7), 12);
    expect(batchLaw({ lognormal: { median: 1, p99: 5 } }, 1).exact).toBe(true);
    expect(batchLaw({ lognormal: { median: 1, p99: 5 } }, 10).exact).toBe(false);
  });
});

/**
 * The quantile functions against the simulator's own samplers: the share of draws at or below q(p) is p, within
 * four standard errors √(p(1 − p)/N) (a false alarm about once in 16,000 checks; the seed is fixed anyway).
 */
describe("processing laws against the samplers (seeded, N = 200,000)", () => {
  const N = 200_000;
  const PROBABILITIES = [0.1, 0.5, 0.9, 0.99, 0.999];
  const cases: [string, DistributionSpec, number][] = [
    ["exponential", { exponential: { mean: 0.1 } }, 1],
    ["uniform", { uniform: { min: 1, max: 3 } }, 1],
    ["lognormal", { lognormal: { median: 0.2, p99: 1 } }, 1],
    ["gamma cv 0.5", { gamma: { mean: 2, cv: 0.5 } }, 1],
    ["gamma cv 2", { gamma: { mean: 2, cv: 2 } }, 1],
    ["exponential, batch of 10", { exponential: { mean: 0.05 } }, 10],
    ["uniform, batch of 4", { uniform: { min: 0, max: 2 } }, 4],
    ["gamma cv 1.5, batch of 3", { gamma: { mean: 1, cv: 1.5 } }, 3],
  ];
  for (const [name, spec, n] of cases) {
    it(`${name}: P(X ≤ q(p)) = p for p in ${PROBABILITIES.join(", ")}`, () => {
      const law = batchLaw(spec, n);
      const draw = makeSampler(spec, randomStream(42, `quantiles/${name}`));
      const samples = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += draw();
        samples[i] = sum;
      }
      for (const p of PROBABILITIES) {
        const q = law.quantile(p);
        let below = 0;
        for (let i = 0; i < N; i++) if (samples[i]! <= q) below++;
        expect(Math.abs(below / N - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / N));
      }
    });
  }

  it("Fenton–Wilkinson for a batch of 10 lognormals lands within 5% of the sampled p99 and p99.9", () => {
    const spec: DistributionSpec = { lognormal: { median: 0.2, p99: 1 } };
    const law = batchLaw(spec, 10);
    const draw = makeSampler(spec, randomStream(42, "quantiles/fenton-wilkinson"));
    const sums = Array.from({ length: N }, () => {
      let s = 0;
      for (let j = 0; j < 10; j++) s += draw();
      return s;
    }).sort((a, b) => a - b);
    for (const p of [0.99, 0.999]) {
      const sampled = sums[Math.floor(p * N)]!;
      expect(Math.abs(law.quantile(p) - sampled) / sampled).toBeLessThan(0.05);
    }
  });
});

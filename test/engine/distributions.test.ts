import { describe, expect, it } from "vitest";
import { distributionMean, gammaSampler, makeSampler, normalSampler, type DistributionSpec } from "../../src/engine/distributions.js";
import { chance, randomStream, standardExponential } from "../../src/engine/random.js";
import { lnGamma } from "../../src/engine/ln-gamma.js";

const N = 200_000;
/** Tolerances are this many standard errors of the estimate at sample size N. */
const K = 5;
const Z_99 = 2.3263478740408408;

function sample(spec: DistributionSpec, seed = 11, n = N): Float64Array {
  const draw = makeSampler(spec, randomStream(seed, "test/distributions"));
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw();
  return xs;
}

function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function minOf(xs: Float64Array): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

function maxOf(xs: Float64Array): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function variance(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

function quantile(xs: Float64Array, q: number): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Standard error of the sample q-quantile: sqrt(q(1−q)/n) / f(x_q). */
function quantileSe(q: number, densityAtQuantile: number, n = N): number {
  return Math.sqrt((q * (1 - q)) / n) / densityAtQuantile;
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

// ---- gamma reference: the regularised lower incomplete gamma P(a, x), on the shipped ln Γ -------------------------

function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return front * sum;
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return 1 - front * h;
}

function gammaQuantile(shape: number, scale: number, q: number): number {
  let lo = 0;
  let hi = scale * (shape + 50 * Math.sqrt(shape) + 50);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(shape, mid / scale) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function gammaPdf(shape: number, scale: number, x: number): number {
  return Math.exp((shape - 1) * Math.log(x) - x / scale - lnGamma(shape) - shape * Math.log(scale));
}

describe("gamma reference functions (used as the test oracle)", () => {
  it("P(1, x) = 1 − e^−x and P(a, x) at the median of a large shape is near 1/2", () => {
    for (const x of [0.1, 1, 3, 10]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(gammaQuantile(1, 2, 0.99)).toBeCloseTo(2 * Math.log(100), 9);
  });
});

describe("distributions (fixed seed, tolerances of 5 standard errors at n = 200,000)", () => {
  it("a bare number and { constant } always return the constant", () => {
    const u = randomStream(1, "test/constant");
    expect(makeSampler(3.5, u)()).toBe(3.5);
    expect(makeSampler({ constant: 0.25 }, u)()).toBe(0.25);
    expect(distributionMean(3.5)).toBe(3.5);
    expect(distributionMean({ constant: 0.25 })).toBe(0.25);
  });

  it("exponential(mean 2): sample mean ≈ 2 and p99 ≈ 2 ln 100", () => {
    const m = 2;
    const xs = sample({ exponential: { mean: m } });
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(xs) - m)).toBeLessThan((K * m) / Math.sqrt(N));
    const p99 = m * Math.log(100);
    expect(Math.abs(quantile(xs, 0.99) - p99)).toBeLessThan(K * quantileSe(0.99, 0.01 / m));
    expect(distributionMean({ exponential: { mean: m } })).toBe(m);
  });

  it("uniform(1, 5): every draw in [1, 5), mean ≈ 3, p99 ≈ 4.96", () => {
    const xs = sample({ uniform: { min: 1, max: 5 } });
    expect(minOf(xs)).toBeGreaterThanOrEqual(1);
    expect(maxOf(xs)).toBeLessThan(5);
    expect(Math.abs(mean(xs) - 3)).toBeLessThan((K * 4) / Math.sqrt(12 * N));
    expect(Math.abs(quantile(xs, 0.99) - 4.96)).toBeLessThan(K * quantileSe(0.99, 1 / 4));
    expect(distributionMean({ uniform: { min: 1, max: 5 } })).toBe(3);
  });

  it("lognormal(median 0.2, p99 4): sample median ≈ 0.2, p99 ≈ 4, mean ≈ e^(μ+σ²/2)", () => {
    const median = 0.2;
    const p99 = 4;
    const mu = Math.log(median);
    const sigma = (Math.log(p99) - mu) / Z_99;
    const xs = sample({ lognormal: { median, p99 } });
    expect(minOf(xs)).toBeGreaterThan(0);
    expect(Math.abs(quantile(xs, 0.5) - median)).toBeLessThan(K * quantileSe(0.5, normalPdf(0) / (median * sigma)));
    expect(Math.abs(quantile(xs, 0.99) - p99)).toBeLessThan(K * quantileSe(0.99, normalPdf(Z_99) / (p99 * sigma)));
    const m = Math.exp(mu + (sigma * sigma) / 2);
    const sd = m * Math.sqrt(Math.exp(sigma * sigma) - 1);
    expect(Math.abs(mean(xs) - m)).toBeLessThan((K * sd) / Math.sqrt(N));
    expect(distributionMean({ lognormal: { median, p99 } })).toBeCloseTo(m, 12);
  });

  for (const [m, cv] of [
    [1.5, 0.5],
    [2, 1],
    [2, 2],
  ] as const) {
    it(`gamma(mean ${m}, cv ${cv}): mean ≈ ${m}, sd ≈ ${m * cv}, p99 ≈ the gamma quantile (shape ${1 / (cv * cv)})`, () => {
      const shape = 1 / (cv * cv);
      const scale = m / shape;
      const xs = sample({ gamma: { mean: m, cv } });
      expect(minOf(xs)).toBeGreaterThanOrEqual(0);
      const sd = m * cv;
      expect(Math.abs(mean(xs) - m)).toBeLessThan((K * sd) / Math.sqrt(N));
      // Var(s²) ≈ σ⁴ (2 + excess kurtosis) / n, and a gamma's excess kurtosis is 6 / shape.
      expect(Math.abs(variance(xs) - sd * sd)).toBeLessThan(K * sd * sd * Math.sqrt((2 + 6 / shape) / N));
      const q99 = gammaQuantile(shape, scale, 0.99);
      expect(Math.abs(quantile(xs, 0.99) - q99)).toBeLessThan(K * quantileSe(0.99, gammaPdf(shape, scale, q99)));
      expect(distributionMean({ gamma: { mean: m, cv } })).toBe(m);
    });
  }

  it("gammaSampler(shape) has mean and variance equal to the shape, for shapes below and above 1", () => {
    for (const shape of [0.3, 1, 7]) {
      const draw = gammaSampler(shape, randomStream(5, `test/gamma/${shape}`));
      const xs = new Float64Array(N);
      for (let i = 0; i < N; i++) xs[i] = draw();
      expect(Math.abs(mean(xs) - shape)).toBeLessThan((K * Math.sqrt(shape)) / Math.sqrt(N));
      expect(Math.abs(variance(xs) - shape)).toBeLessThan(K * shape * Math.sqrt((2 + 6 / shape) / N));
    }
  });

  it("normalSampler draws N(0, 1)", () => {
    const draw = normalSampler(randomStream(9, "test/normal"));
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = draw();
    expect(Math.abs(mean(xs))).toBeLessThan(K / Math.sqrt(N));
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(K * Math.sqrt(2 / N));
    expect(Math.abs(quantile(xs, 0.99) - Z_99)).toBeLessThan(K * quantileSe(0.99, normalPdf(Z_99)));
  });

  it("standardExponential draws Exp(1)", () => {
    const u = randomStream(4, "test/exp1");
    let s = 0;
    for (let i = 0; i < N; i++) s += standardExponential(u);
    expect(Math.abs(s / N - 1)).toBeLessThan(K / Math.sqrt(N));
  });
});

describe("random streams", () => {
  it("the same (seed, name) gives the same sequence; another name or seed a different one", () => {
    const take = (seed: number, name: string) => {
      const u = randomStream(seed, name);
      return Array.from({ length: 5 }, () => u());
    };
    expect(take(1, "a")).toEqual(take(1, "a"));
    expect(take(1, "a")).not.toEqual(take(1, "b"));
    expect(take(1, "a")).not.toEqual(take(2, "a"));
    for (const x of take(3, "c")) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("chance() with p 0 or 1 draws nothing from the stream", () => {
    const u = randomStream(1, "test/chance");
    const v = randomStream(1, "test/chance");
    expect(chance(u, 0)).toBe(false);
    expect(chance(u, 1)).toBe(true);
    expect(u()).toBe(v());
  });

  it("chance(p) succeeds with probability p", () => {
    const u = randomStream(2, "test/chance-rate");
    let hits = 0;
    for (let i = 0; i < N; i++) if (chance(u, 0.3)) hits++;
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(K * Math.sqrt((0.3 * 0.7) / N));
  });
});

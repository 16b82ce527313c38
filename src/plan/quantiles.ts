// Processing-time distributions as laws: mean, variance, CDF and quantile, for one message and for a batch of n
// messages processed one after another (the worker deletes a batch only when all of it is done, so every message
// in a batch stays in flight for the whole batch). Exact wherever a closed form exists; the one approximation
// (a sum of lognormals) says so.
import { type DistributionSpec } from "../engine/distributions.js";
import { gammaP, gammaQuantile, lnGamma, normalCdf, normalQuantile } from "./special-functions.js";

/** z such that Φ(z) = 0.99, the same constant the sampler uses to turn (median, p99) into σ. */
const Z_99 = 2.3263478740408408;

export interface Law {
  /** What it is, for formula text: "exponential, mean 100 ms". */
  readonly name: string;
  readonly mean: number;
  readonly variance: number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The smallest x with P(X ≤ x) ≥ p. */
  quantile(p: number): number;
  /** How the mean follows from the parameters, for formula text. */
  readonly meanMethod: string;
  /** How the quantile is computed, for formula text. */
  readonly quantileMethod: string;
  /** False when the law is an approximation of the real one (a lognormal sum). */
  readonly exact: boolean;
}

/** Squared coefficient of variation Var/mean², 0 for a constant. */
export function scv(law: Law): number {
  return law.mean > 0 ? law.variance / (law.mean * law.mean) : 0;
}

function constantLaw(c: number, name: string): Law {
  return {
    name,
    mean: c,
    variance: 0,
    exact: true,
    meanMethod: "the constant",
    quantileMethod: "the constant itself",
    cdf: (x) => (x >= c ? 1 : 0),
    quantile: () => c,
  };
}

/** Gamma(shape k, scale θ): exponential (k = 1) and Erlang sums are special cases. */
function gammaLaw(shape: number, scale: number, name: string, meanMethod: string, quantileMethod: string): Law {
  return {
    name,
    mean: shape * scale,
    variance: shape * scale * scale,
    exact: true,
    meanMethod,
    quantileMethod,
    cdf: (x) => gammaP(shape, x / scale),
    quantile: (p) => scale * gammaQuantile(shape, p),
  };
}

function exponentialLaw(mean: number, name: string): Law {
  return {
    name,
    mean,
    variance: mean * mean,
    exact: true,
    meanMethod: "the mean",
    quantileMethod: "−mean · ln(1 − p)",
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-x / mean)),
    quantile: (p) => -mean * Math.log1p(-p),
  };
}

function lognormalLaw(mu: number, sigma: number, name: string, exact: boolean, meanMethod: string, quantileMethod: string): Law {
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  return {
    name,
    mean,
    variance: mean * mean * Math.expm1(sigma * sigma),
    exact,
    meanMethod,
    quantileMethod,
    cdf: (x) => (x <= 0 ? 0 : sigma === 0 ? (Math.log(x) >= mu ? 1 : 0) : normalCdf((Math.log(x) - mu) / sigma)),
    quantile: (p) => Math.exp(mu + sigma * normalQuantile(p)),
  };
}

/**
 * Sum of n uniforms on [min, max]: min·n + width · Irwin–Hall(n), whose CDF is the exact alternating sum
 * Σ_{k ≤ ⌊u⌋} (−1)^k C(n, k) (u − k)^n / n!. Fine in doubles for the n ≤ 10 of a receive batch; the quantile
 * inverts it by bisection.
 */
function uniformSumLaw(min: number, max: number, n: number, name: string): Law {
  const width = max - min;
  if (width === 0) return constantLaw(n * min, name);
  const lnFactorial = lnGamma(n + 1);
  const irwinHall = (u: number): number => {
    if (u <= 0) return 0;
    if (u >= n) return 1;
    let sum = 0;
    for (let k = 0; k <= Math.floor(u); k++) {
      const binomial = Math.exp(lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1));
      sum += (k % 2 === 0 ? 1 : -1) * binomial * Math.exp(n * Math.log(u - k) - lnFactorial);
    }
    return Math.min(1, Math.max(0, sum));
  };
  const cdf = (x: number): number => irwinHall((x - n * min) / width);
  return {
    name,
    mean: (n * (min + max)) / 2,
    variance: (n * width * width) / 12,
    exact: true,
    meanMethod: n === 1 ? "(min + max) ÷ 2" : "n · (min + max) ÷ 2",
    quantileMethod: n === 1 ? "min + p · (max − min)" : "Irwin–Hall CDF inverted by bisection",
    cdf,
    quantile: (p) => {
      if (n === 1) return min + p * width;
      let lo = n * min;
      let hi = n * max;
      for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
        const mid = (lo + hi) / 2;
        if (cdf(mid) < p) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    },
  };
}

/** The processing time of one message. */
export function processingLaw(spec: DistributionSpec): Law {
  return batchLaw(spec, 1);
}

/**
 * The processing time of n messages one after another (independent draws). Exact for constant (n·c), exponential
 * (Erlang: Gamma(n, mean)), gamma (Gamma(n·k, θ)) and uniform (Irwin–Hall). A sum of lognormals has no closed form:
 * Fenton–Wilkinson matches a lognormal to its mean and variance (marked inexact).
 */
export function batchLaw(spec: DistributionSpec, n: number): Law {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`batchLaw: n must be a whole number ≥ 1, got ${n}`);
  const of = n === 1 ? "" : ` (sum of ${n})`;
  if (typeof spec === "number") return constantLaw(n * spec, `constant${of}`);
  if ("constant" in spec) return constantLaw(n * spec.constant, `constant${of}`);
  if ("exponential" in spec) {
    const mean = spec.exponential.mean;
    return n === 1
      ? exponentialLaw(mean, "exponential")
      : gammaLaw(n, mean, `exponential${of}`, "n · mean", "Erlang: Gamma(n, mean) CDF inverted (safeguarded Newton)");
  }
  if ("uniform" in spec) return uniformSumLaw(spec.uniform.min, spec.uniform.max, n, `uniform${of}`);
  if ("lognormal" in spec) {
    const mu = Math.log(spec.lognormal.median);
    const sigma = (Math.log(spec.lognormal.p99) - mu) / Z_99;
    const meanMethod = "median · e^(σ²/2), σ = ln(p99 ÷ median) ÷ 2.326";
    if (n === 1) return lognormalLaw(mu, sigma, "lognormal", true, meanMethod, "median · e^(σ · Φ⁻¹(p))");
    const one = lognormalLaw(mu, sigma, "lognormal", true, meanMethod, "");
    // Fenton–Wilkinson: the lognormal with the sum's mean n·m and variance n·v.
    const sigma2 = Math.log1p((n * one.variance) / (n * one.mean) ** 2);
    const muSum = Math.log(n * one.mean) - sigma2 / 2;
    return lognormalLaw(muSum, Math.sqrt(sigma2), `lognormal${of}`, false, `n · ${meanMethod}`, "Fenton–Wilkinson lognormal (an approximation)");
  }
  const k = 1 / (spec.gamma.cv * spec.gamma.cv);
  const theta = spec.gamma.mean / k;
  return gammaLaw(n * k, theta, `gamma${of}`, n === 1 ? "the mean" : "n · mean", "gamma CDF (regularised incomplete gamma) inverted by safeguarded Newton");
}

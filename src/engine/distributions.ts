import { type Uniform } from "./random.js";

/**
 * Distributions in the scenario file's one-key form (values already converted to seconds or bytes).
 * A bare number is a constant.
 */
export type DistributionSpec =
  | number
  | { constant: number }
  | { exponential: { mean: number } }
  | { uniform: { min: number; max: number } }
  | { lognormal: { median: number; p99: number } }
  | { gamma: { mean: number; cv: number } };

export type Sampler = () => number;

/** z such that Φ(z) = 0.99: the lognormal's p99 sits 2.326σ above its median. */
const Z_99 = 2.3263478740408408;

export function makeSampler(spec: DistributionSpec, uniform: Uniform): Sampler {
  if (typeof spec === "number") return () => spec;
  if ("constant" in spec) {
    const v = spec.constant;
    return () => v;
  }
  if ("exponential" in spec) {
    const mean = spec.exponential.mean;
    return () => -mean * Math.log(1 - uniform());
  }
  if ("uniform" in spec) {
    const { min, max } = spec.uniform;
    const width = max - min;
    return () => min + width * uniform();
  }
  if ("lognormal" in spec) {
    const mu = Math.log(spec.lognormal.median);
    const sigma = (Math.log(spec.lognormal.p99) - mu) / Z_99;
    const normal = normalSampler(uniform);
    return () => Math.exp(mu + sigma * normal());
  }
  const shape = 1 / (spec.gamma.cv * spec.gamma.cv);
  const scale = spec.gamma.mean / shape;
  const gamma = gammaSampler(shape, uniform);
  return () => scale * gamma();
}

/** The same distribution with every draw multiplied by `factor` (> 0): an instance type that processes faster or
 *  slower. Each parameter that is a duration scales; shape parameters (the gamma's cv) stay. */
export function scaleDistribution(spec: DistributionSpec, factor: number): DistributionSpec {
  if (factor === 1) return spec;
  if (typeof spec === "number") return spec * factor;
  if ("constant" in spec) return { constant: spec.constant * factor };
  if ("exponential" in spec) return { exponential: { mean: spec.exponential.mean * factor } };
  if ("uniform" in spec) return { uniform: { min: spec.uniform.min * factor, max: spec.uniform.max * factor } };
  if ("lognormal" in spec) return { lognormal: { median: spec.lognormal.median * factor, p99: spec.lognormal.p99 * factor } };
  return { gamma: { mean: spec.gamma.mean * factor, cv: spec.gamma.cv } };
}

/** The mean of a distribution, used for estimates before a run (capacity, memory). */
export function distributionMean(spec: DistributionSpec): number {
  if (typeof spec === "number") return spec;
  if ("constant" in spec) return spec.constant;
  if ("exponential" in spec) return spec.exponential.mean;
  if ("uniform" in spec) return (spec.uniform.min + spec.uniform.max) / 2;
  if ("lognormal" in spec) {
    const mu = Math.log(spec.lognormal.median);
    const sigma = (Math.log(spec.lognormal.p99) - mu) / Z_99;
    return Math.exp(mu + (sigma * sigma) / 2);
  }
  return spec.gamma.mean;
}

/** Standard normal draws by the Marsaglia polar method, keeping the spare value of each pair. */
export function normalSampler(uniform: Uniform): Sampler {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    hasSpare = true;
    return u * m;
  };
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the boost Gamma(k) = Gamma(k+1) · U^(1/k). */
export function gammaSampler(shape: number, uniform: Uniform): Sampler {
  const boost = shape < 1;
  const k = boost ? shape + 1 : shape;
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const normal = normalSampler(uniform);
  return () => {
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) break;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) break;
    }
    const g = d * v;
    return boost ? g * Math.pow(1 - uniform(), 1 / shape) : g;
  };
}

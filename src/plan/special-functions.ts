// The special functions the closed forms need: log-gamma, the regularised incomplete gamma function and the normal
// distribution's CDF and quantile. Written out here rather than taken from a package: each is a few lines of a
// well-known algorithm, and the tests check them against exact values.

import { lnGamma } from "../engine/ln-gamma.js";

export { lnGamma };

const EPS = 1e-16;
const MAX_TERMS = 100_000;

/**
 * P(a, x) = γ(a, x) / Γ(a), the regularised lower incomplete gamma function (the CDF of Gamma(a, 1) at x).
 * Series below x = a + 1, Lentz's continued fraction for Q = 1 − P above it (Numerical Recipes, §6.2): each
 * converges fast on its side. MAX_TERMS covers shapes up to about 10⁸, far beyond any cv a scenario gives.
 */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Q(a, x) = 1 − P(a, x), computed directly on the upper side so that small tails keep their precision. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/**
 * The x with P(shape, x) = p: safeguarded Newton on the exact CDF above (a bracket that every step narrows, and
 * bisection whenever Newton would leave it), started from the Wilson–Hilferty cube-root normal approximation.
 * Accurate to about 1e-12 relative, which is what "exact" means for the gamma quantiles in this folder.
 */
export function gammaQuantile(shape: number, p: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return Infinity;
  const lnG = lnGamma(shape);
  let x: number;
  if (shape < 1) {
    // P(k, x) ≈ x^k / Γ(k+1) for small x: the leading term of the series.
    x = Math.exp((Math.log(p) + lnGamma(shape + 1)) / shape);
  } else {
    const z = normalQuantile(p);
    const h = 1 / (9 * shape);
    x = shape * Math.pow(Math.max(1 - h + z * Math.sqrt(h), 1e-3), 3);
  }
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < 500; i++) {
    if (!(x > 0) || !Number.isFinite(x)) x = hi === Infinity ? Math.max(lo * 2, 1e-300) : (lo + hi) / 2;
    const f = p < 0.5 ? gammaP(shape, x) - p : 1 - p - gammaQ(shape, x);
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((shape - 1) * Math.log(x) - x - lnG);
    let next = x - f / density;
    if (!(next > lo && next < hi)) next = hi === Infinity ? x * 2 : (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * x || (hi < Infinity && hi - lo <= 1e-15 * hi)) return next;
    x = next;
  }
  return x;
}

/** Φ(z), the standard normal CDF, through erfc(y) = Q(½, y²); both tails keep full relative precision. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const y = z / Math.SQRT2;
  return z < 0 ? 0.5 * gammaQ(0.5, y * y) : 1 - 0.5 * gammaQ(0.5, y * y);
}

// Wichura's algorithm AS 241 (PPND16, Applied Statistics 37 (1988) 477-484): about 16 significant digits.
// biome-ignore-start lint/correctness/noPrecisionLoss: the coefficients as published, digit for digit; each rounds to its nearest double
const A = [
  3.387132872796366608, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
  3.3430575583588128105e4, 2.5090809287301226727e3,
];
const B = [
  1, 4.2313330701600911252e1, 6.871870074920579083e2, 5.3941960214247511077e3, 2.1213794301586595867e4, 3.930789580009271061e4, 2.8729085735721942674e4,
  5.226495278852854561e3,
];
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 2.4178072517745061177e-1,
  2.27238449892691845833e-2, 7.7454501427834140764e-4,
];
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 6.8976733498510000455e-1, 1.4810397642748007459e-1, 1.51986665636164571966e-2, 5.475938084995344946e-4,
  1.05075007164441684324e-9,
];
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 2.9656057182850489123e-1, 2.6532189526576123093e-2, 1.2426609473880784386e-3,
  2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [
  1, 5.9983220655588793769e-1, 1.3692988092273580531e-1, 1.48753612908506148525e-2, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
  2.04426310338993978564e-15,
];
// biome-ignore-end lint/correctness/noPrecisionLoss: the coefficients above

function ratio(num: readonly number[], den: readonly number[], r: number): number {
  let n = 0;
  let d = 0;
  for (let i = num.length - 1; i >= 0; i--) {
    n = n * r + num[i]!;
    d = d * r + den[i]!;
  }
  return n / d;
}

/** Φ⁻¹(p), the standard normal quantile (AS 241). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(A, B, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x = r <= 5 ? ratio(C, D, r - 1.6) : ratio(E, F, r - 5);
  return q < 0 ? -x : x;
}

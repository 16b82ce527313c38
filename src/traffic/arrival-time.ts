import { type CosineSum } from "./cosine-sum.js";
import { CompiledRate, type RateFunction } from "./rate.js";

/**
 * The smallest t > from with ∫_from^t rate = amount, or Infinity if that is not reached before `horizon`
 * (exclusive: an arrival exactly at the horizon is Infinity too).
 *
 * One function, both arrival processes: Poisson arrivals are amount = Exp(1) draws (time rescaling of a
 * non-homogeneous Poisson process, exact), evenly spaced arrivals are amount = 1.
 *
 * `amount` must be > 0 (0 returns `from`). Called once per simulated message: the constant case is one division;
 * the general case walks breaks from `from` with cursors that make non-decreasing calls O(1) amortised.
 */
export function nextArrivalTime(rate: RateFunction, from: number, amount: number, horizon: number): number {
  if (rate instanceof CompiledRate) {
    if (rate.isConstant) {
      const t = from + amount / rate.constantRate;
      return t < horizon ? t : Infinity;
    }
    return walkCompiled(rate, from, amount, horizon);
  }
  return walkGeneric(rate, from, amount, horizon);
}

function checkArguments(from: number, amount: number): void {
  if (!(amount >= 0)) throw new RangeError(`nextArrivalTime: amount must be > 0, got ${amount}`);
  if (Number.isNaN(from)) throw new RangeError("nextArrivalTime: from is NaN");
}

/** x ≥ 0 with r0·x + k·x²/2 = amount; the form 2A/(r0 + √disc) avoids cancellation for either sign of k. */
function solveLinear(r0: number, k: number, amount: number): number {
  const disc = r0 * r0 + 2 * k * amount;
  return (2 * amount) / (r0 + Math.sqrt(disc > 0 ? disc : 0));
}

/** Iterations of safeguarded Newton: quadratic convergence from a good start, bisection when a step leaves the bracket. */
const MAX_ITERATIONS = 100;
/** Newton steps tried before bracketing; from a second-order start one step is the rule. */
const QUICK_ITERATIONS = 3;

/** Root tolerance in seconds: far below the engine's 1 µs tick, and above the rounding of t itself. */
function tolerance(t: number): number {
  return 1e-13 * Math.max(1, Math.abs(t));
}

/**
 * The wave segment's root by plain Newton from a second-order (value + slope at t) start, without first
 * integrating the whole segment: t + x, or NaN when the iteration leaves (0, length] or does not settle, in which
 * case the caller brackets. The integral is non-decreasing (rate ≥ 0), so a root found is the root.
 */
function quickWaveRoot(t: number, length: number, r0: number, k: number, waves: CosineSum, amount: number): number {
  const rateAtT = r0 + waves.value(t);
  if (!(rateAtT > 0)) return NaN;
  let x = solveLinear(rateAtT, k + waves.derivative(t), amount);
  if (!(x > 0 && x <= length)) return NaN;
  const tol = tolerance(t);
  for (let iteration = 0; iteration < QUICK_ITERATIONS; iteration++) {
    const f = x * (r0 + 0.5 * k * x) + waves.integral(t, t + x) - amount;
    const slope = r0 + k * x + waves.value(t + x);
    if (!(slope > 0)) return NaN;
    const step = f / slope;
    x -= step;
    if (!(x > 0 && x <= length)) return NaN;
    if (Math.abs(step) <= tol) return t + x;
  }
  return NaN;
}

/**
 * x in [0, length] with ∫_t^{t+x} (r0 + k·(τ−t) + waves(τ)) dτ = amount, knowing the integral over the whole
 * length is ≥ amount: safeguarded Newton (bisection whenever a step leaves the bracket).
 */
function solveWave(t: number, length: number, r0: number, k: number, waves: CosineSum, amount: number): number {
  let lo = 0;
  let hi = length;
  const rateAtT = r0 + waves.value(t);
  let x = rateAtT > 0 ? amount / rateAtT : 0.5 * length;
  if (!(x > 0 && x < length)) x = 0.5 * length;
  const tol = tolerance(t);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const f = x * (r0 + 0.5 * k * x) + waves.integral(t, t + x) - amount;
    if (f === 0) break;
    if (f > 0) hi = x;
    else lo = x;
    const slope = r0 + k * x + waves.value(t + x);
    let next = slope > 0 ? x - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - x);
    x = next;
    if (step <= tol || hi - lo <= tol) break;
  }
  return t + x;
}

/** The root x, clamped to its segment's end (rounding), or Infinity when it is not before the horizon. */
function before(x: number, end: number, horizon: number): number {
  const t = x < end ? x : end;
  return t < horizon ? t : Infinity;
}

function walkCompiled(rate: CompiledRate, from: number, amount: number, horizon: number): number {
  checkArguments(from, amount);
  if (!(from < horizon)) return Infinity;
  if (amount === 0) return from;
  const linear = rate.linear;
  const loops = rate.loops;
  const waves = rate.waves;
  const starts = linear.starts;
  const values = linear.values;
  const slopes = linear.slopes;
  const runEnd = linear.runEnd;

  let t = from;
  let remaining = amount;
  let i = linear.locate(t);
  for (let j = 0; j < loops.length; j++) loops[j]!.locate(t);

  for (;;) {
    // The segment [t, end) has one formula: a linear piece (or a flat run), constant loop rows, and at most a
    // chunk of wave so that the root stays bracketed.
    let end = starts[runEnd[i]!]!;
    let flat = 0;
    for (let j = 0; j < loops.length; j++) {
      const loop = loops[j]!;
      flat += loop.currentRate();
      const loopEnd = loop.runEndTime();
      if (loopEnd < end) end = loopEnd;
    }
    if (waves !== null && t + waves.chunk < end) end = t + waves.chunk;
    if (horizon < end) end = horizon;

    const k = slopes[i]!;
    const r0 = (k === 0 ? values[i]! : values[i]! + k * (t - starts[i]!)) + flat;
    const length = end - t;
    if (waves === null) {
      if (k === 0) {
        if (r0 > 0) {
          const segment = r0 * length;
          if (remaining <= segment) {
            linear.cursor = i;
            return before(t + remaining / r0, end, horizon);
          }
          remaining -= segment;
        }
      } else {
        const segment = length * (r0 + 0.5 * k * length);
        if (remaining <= segment) {
          linear.cursor = i;
          return before(t + solveLinear(r0, k, remaining), end, horizon);
        }
        if (segment > 0) remaining -= segment;
      }
    } else {
      const quick = quickWaveRoot(t, length, r0, k, waves, remaining);
      if (!Number.isNaN(quick)) {
        linear.cursor = i;
        return before(quick, end, horizon);
      }
      const segment = length * (r0 + 0.5 * k * length) + waves.integral(t, end);
      if (remaining <= segment) {
        linear.cursor = i;
        return before(solveWave(t, length, r0, k, waves, remaining), end, horizon);
      }
      if (segment > 0) remaining -= segment;
    }

    if (end >= horizon) {
      linear.cursor = i;
      return Infinity;
    }
    t = end;
    if (t >= starts[runEnd[i]!]!) i = runEnd[i]!;
    for (let j = 0; j < loops.length; j++) {
      const loop = loops[j]!;
      while (t >= loop.runEndTime()) loop.advanceRun();
    }
  }
}

/**
 * For RateFunctions not built by buildRate: the same walk through the interface, with safeguarded Newton on the
 * integral inside the segment that holds the root. Segments without a break grow geometrically.
 */
function walkGeneric(rate: RateFunction, from: number, amount: number, horizon: number): number {
  checkArguments(from, amount);
  if (!(from < horizon)) return Infinity;
  if (amount === 0) return from;
  let t = from;
  let remaining = amount;
  let window = 1;
  while (t < horizon) {
    let end = Math.min(rate.nextBreak(t), horizon);
    if (end === Infinity) {
      end = t + window;
      window *= 2;
    }
    const segment = rate.integral(t, end);
    if (remaining <= segment) return before(solveGeneric(rate, t, end, remaining), end, horizon);
    if (segment > 0) remaining -= segment;
    t = end;
  }
  return Infinity;
}

function solveGeneric(rate: RateFunction, t: number, end: number, amount: number): number {
  let lo = t;
  let hi = end;
  const rateAtT = rate.rate(t);
  let x = rateAtT > 0 ? t + amount / rateAtT : 0.5 * (t + end);
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  const tol = tolerance(t);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const f = rate.integral(t, x) - amount;
    if (f === 0) break;
    if (f > 0) hi = x;
    else lo = x;
    const slope = rate.rate(x);
    let next = slope > 0 ? x - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - x);
    x = next;
    if (step <= tol || hi - lo <= tol) break;
  }
  return x;
}

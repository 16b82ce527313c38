// The M/M/c queue (Erlang C): c servers, Poisson arrivals at λ, exponential service at μ per server.

/**
 * Erlang B, the blocking probability of c servers offered a = λ/μ erlangs, by the recursion
 * B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)). Every term lies in (0, 1], so nothing overflows or cancels for any
 * c (unlike the textbook aᶜ/c! sums, which overflow past c ≈ 170); O(c), a millisecond at c = 100,000.
 */
export function erlangB(c: number, a: number): number {
  if (!(Number.isInteger(c) && c >= 0)) throw new Error(`erlangB: c must be a whole number ≥ 0, got ${c}`);
  if (!(a >= 0)) throw new Error(`erlangB: a must be ≥ 0, got ${a}`);
  let b = 1;
  for (let n = 1; n <= c; n++) b = (a * b) / (n + a * b);
  return b;
}

/**
 * Erlang C, the probability that an arrival waits: C = B / (1 − ρ(1 − B)) with ρ = a/c. It is 1 when ρ ≥ 1 (the
 * queue grows without bound, so every arrival eventually waits).
 */
export function erlangC(c: number, a: number): number {
  if (c === 0) return 1;
  const rho = a / c;
  if (rho >= 1) return 1;
  const b = erlangB(c, a);
  return b / (1 - rho * (1 - b));
}

export type MmcResult =
  | { stable: false; rho: number }
  | {
      stable: true;
      rho: number;
      /** P(wait > 0) = C(c, a). */
      pWait: number;
      /** Mean wait in the queue Wq = C / (cμ − λ), seconds. */
      meanWait: number;
      /** Mean number waiting Lq = λ·Wq (Little). */
      meanQueue: number;
      /** P(wait > t) = C · e^{−(cμ − λ) t}. */
      pWaitOver: (t: number) => number;
    };

/** M/M/c with c servers, arrival rate λ and service rate μ per server. */
export function mmc(c: number, lambda: number, mu: number): MmcResult {
  const rho = c > 0 && mu > 0 ? lambda / (c * mu) : lambda > 0 ? Infinity : 0;
  if (!(rho < 1)) return { stable: false, rho };
  const a = lambda / mu;
  const pWait = lambda === 0 ? 0 : erlangC(c, a);
  const drain = c * mu - lambda;
  const meanWait = pWait / drain;
  return {
    stable: true,
    rho,
    pWait,
    meanWait,
    meanQueue: lambda * meanWait,
    pWaitOver: (t) => pWait * Math.exp(-drain * t),
  };
}

/**
 * Allen–Cunneen: the M/M/c wait scaled by (Ca² + Cs²)/2 for general arrivals and service (Ca², Cs² the squared
 * coefficients of variation of interarrival and service times). Exact for M/M/c, a good approximation for
 * M/G/c at moderate to high load (Allen, Probability, Statistics and Queueing Theory, 1990).
 */
export function allenCunneenFactor(arrivalScv: number, serviceScv: number): number {
  return (arrivalScv + serviceScv) / 2;
}

/** Closed forms of queueing theory the simulator is checked against. */

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ (a < c). */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - a / c);
  return last / (sum + last);
}

/** Mean wait in queue of M/M/c. */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** Pollaczek–Khinchine mean wait of M/G/1: λ E[S²] / (2 (1 − ρ)). For constant S, E[S²] = S². */
export function pollaczekKhinchineWait(lambda: number, meanS: number, secondMomentS2: number): number {
  const rho = lambda * meanS;
  return (lambda * secondMomentS2) / (2 * (1 - rho));
}

export interface BatchEstimate {
  mean: number;
  standardError: number;
  batches: number;
}

/**
 * Batch means: the run is cut into long batches (here: metric periods of one hour, far longer than the queue's
 * relaxation time, so their means are close to independent); the standard error of the overall mean is the
 * spread of the batch means over √batches. Weighted by each batch's sample count.
 */
export function batchMeans(means: readonly number[], counts: readonly number[]): BatchEstimate {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < means.length; i++) {
    total += counts[i]!;
    weighted += means[i]! * counts[i]!;
  }
  const mean = weighted / total;
  const k = means.length;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (means[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (k - 1));
  return { mean, standardError: sd / Math.sqrt(k), batches: k };
}

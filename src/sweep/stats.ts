// Mean and 95% confidence interval of one metric over a cell's replications.
import { studentTQuantile } from "./student-t.js";

export interface Estimate {
  mean: number;
  ci95Low: number;
  ci95High: number;
}

/** A metric's estimate over the replications; all null when a replication has no such figure. */
export type MetricEstimate = { [K in keyof Estimate]: number | null } & { values: (number | null)[] };

/**
 * The mean of the values and the two-sided 95% confidence interval for it, mean ± t(0.975, N−1)·s/√N with s the
 * sample standard deviation (replications are independent runs, so the t interval is the textbook one). With one
 * replication there is no spread to estimate: the interval is the mean itself (read it as "unknown", not "exact").
 * Summed in replication order, so that the result does not depend on which worker finished first.
 */
export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) throw new RangeError("estimate: no values");
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return { mean, ci95Low: mean, ci95High: mean };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const sd = Math.sqrt(squares / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, ci95Low: mean - half, ci95High: mean + half };
}

import { type MetricSource } from "./metric-source.js";

/** The CloudWatch statistics an alarm can apply over its period (percentiles are not modelled). */
export type Statistic = "average" | "sum" | "minimum" | "maximum" | "sampleCount";

export const STATISTICS: readonly Statistic[] = ["average", "sum", "minimum", "maximum", "sampleCount"];

/**
 * The statistic over base periods first..last of a source, NaN when every one is missing. An alarm period longer
 * than the base period is made of whole base periods (aws-behaviour 7.1); missing ones are skipped, like periods in which
 * CloudWatch received no data. Each base datapoint counts as one sample: CloudWatch would count the raw samples
 * behind it, which this model does not keep.
 */
export function statisticOver(source: MetricSource, statistic: Statistic, first: number, last: number): number {
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let n = first; n <= last; n++) {
    const v = source.valueAt(n);
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return finish(statistic, count, sum, min, max);
}

/** The same statistic over plain values (null = missing), for callers that hold their own datapoints. */
export function statisticOf(statistic: Statistic, values: readonly (number | null)[]): number | null {
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null || Number.isNaN(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const result = finish(statistic, count, sum, min, max);
  return Number.isNaN(result) ? null : result;
}

function finish(statistic: Statistic, count: number, sum: number, min: number, max: number): number {
  // No samples means no datapoint for every statistic, SampleCount included: CloudWatch returns nothing, not 0.
  if (count === 0) return Number.NaN;
  switch (statistic) {
    case "average":
      return sum / count;
    case "sum":
      return sum;
    case "minimum":
      return min;
    case "maximum":
      return max;
    case "sampleCount":
      return count;
  }
}

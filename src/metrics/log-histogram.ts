/**
 * Streaming latency histogram with bounded relative error in constant memory (the DDSketch bucket scheme):
 * bucket i holds values in (γ^(i-1), γ^i] with γ = (1+α)/(1−α), and reports 2γ^i/(γ+1), which is within α of
 * every value in the bucket. α = 0.5% keeps quantiles well inside the 1% required. Values below 1 µs go to a
 * zero bucket (an idle consumer takes a message the instant it arrives: a wait of exactly 0 is common).
 * Count, sum (so the mean), min and max are exact.
 */
export const RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
const INV_LOG_GAMMA = 1 / LOG_GAMMA;
/** Smallest value with its own bucket, in seconds. */
export const MIN_TRACKED_S = 1e-6;
/** Largest value with its own bucket: more than the 14-day SQS retention maximum (AWS-FACTS 1.3). */
export const MAX_TRACKED_S = 4e6;
const INDEX_OFFSET = Math.ceil(Math.log(MIN_TRACKED_S) * INV_LOG_GAMMA) - 1;
export const BUCKET_COUNT = Math.ceil(Math.log(MAX_TRACKED_S) * INV_LOG_GAMMA) - INDEX_OFFSET + 1;

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class LogHistogram {
  /** counts[0] is the zero bucket; counts[i] for i ≥ 1 is the bucket of index i + INDEX_OFFSET. */
  readonly counts = new Float64Array(BUCKET_COUNT);
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(valueS: number): void {
    this.count++;
    this.sum += valueS;
    if (valueS < this.min) this.min = valueS;
    if (valueS > this.max) this.max = valueS;
    this.counts[bucketOf(valueS)]!++;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The q-quantile (0 ≤ q ≤ 1), within RELATIVE_ACCURACY of the exact order statistic; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const v = quantileOfCounts(this.counts, this.count, q);
    return Math.min(Math.max(v, this.min), this.max);
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      mean: this.mean(),
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.max,
    };
  }
}

export function bucketOf(valueS: number): number {
  if (valueS < MIN_TRACKED_S) return 0;
  const i = Math.ceil(Math.log(valueS) * INV_LOG_GAMMA) - INDEX_OFFSET;
  return i < BUCKET_COUNT ? i : BUCKET_COUNT - 1;
}

/** The value a bucket reports: the point within α of both its edges. */
export function bucketValue(bucket: number): number {
  if (bucket === 0) return 0;
  return (2 * Math.exp((bucket + INDEX_OFFSET) * LOG_GAMMA)) / (GAMMA + 1);
}

/** Lower and upper edges of a bucket, in seconds (for drawing histograms). */
export function bucketBounds(bucket: number): [number, number] {
  if (bucket === 0) return [0, MIN_TRACKED_S];
  const i = bucket + INDEX_OFFSET;
  return [Math.exp((i - 1) * LOG_GAMMA), Math.exp(i * LOG_GAMMA)];
}

/**
 * Quantile over a bucket-count array (a histogram, or the difference of two snapshots for one period):
 * the value of the bucket holding the order statistic of rank floor(q·(n−1)).
 */
export function quantileOfCounts(counts: Float64Array, total: number, q: number): number {
  if (total <= 0) return 0;
  const rank = Math.floor(Math.min(Math.max(q, 0), 1) * (total - 1));
  let seen = 0;
  for (let b = 0; b < counts.length; b++) {
    seen += counts[b]!;
    if (seen > rank) return bucketValue(b);
  }
  return bucketValue(counts.length - 1);
}

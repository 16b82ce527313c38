/**
 * Streaming latency histogram with bounded relative error in constant memory, bucketed the HdrHistogram way:
 * each power of two is cut into 2^SUB_BITS equal sub-buckets, and a value's bucket comes straight from the bits of
 * its IEEE-754 double (exponent and top mantissa bits) — no logarithm on the hot path. A bucket reports its
 * midpoint, within 1/2^(SUB_BITS+1) = 0.39% of every value in it, well inside the 1% required. Values below
 * 2^-20 s (about 1 µs) go to a zero bucket (an idle consumer takes a message the instant it arrives: a wait of
 * exactly 0 is common). Count, sum (so the mean), min and max are exact.
 */
const SUB_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BITS;
/** 2^-20 s ≈ 0.95 µs: the smallest value with its own bucket. */
const MIN_EXPONENT = -20;
/** 2^22 s ≈ 48.5 days: more than the 14-day SQS retention maximum (aws-behaviour 1.3). */
const MAX_EXPONENT = 22;
export const RELATIVE_ACCURACY = 1 / (2 * SUB_BUCKETS);
export const MIN_TRACKED_S = 2 ** MIN_EXPONENT;
export const MAX_TRACKED_S = 2 ** MAX_EXPONENT;
export const BUCKET_COUNT = (MAX_EXPONENT - MIN_EXPONENT) * SUB_BUCKETS + 1;
const BIASED_MIN_EXPONENT = MIN_EXPONENT + 1023;

// One shared scratch double, read back as its two 32-bit halves (little-endian: [1] holds sign, exponent, top mantissa).
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

export interface LatencySummary {
  /** Values recorded, censored ones included. */
  count: number;
  /** Of count, values that had not ended when the run did, recorded at their age then (a lower bound of each). */
  censored: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** The figures above that a censored value reaches, so that the true figure may be larger (e.g. ["p99", "max"]). */
  lowerBound: LowerBoundFigure[];
}

export type LowerBoundFigure = "mean" | "p50" | "p90" | "p99" | "max";

export class LogHistogram {
  /** counts[0] is the zero bucket; counts[b] for b ≥ 1 is bucketOf's bucket b. */
  readonly counts = new Float64Array(BUCKET_COUNT);
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;
  /** Values above `threshold`, counted exactly (an SLO on queue wait, say); Infinity counts nothing. */
  above = 0;
  /** Values recorded by recordCensored, their sum and greatest, and their buckets (made at the first). */
  censored = 0;
  censoredSum = 0;
  censoredMax = 0;
  private censoredCounts: Float64Array | null = null;

  constructor(readonly threshold = Infinity) {}

  record(valueS: number): void {
    this.count++;
    if (valueS > this.threshold) this.above++;
    this.sum += valueS;
    if (valueS < this.min) this.min = valueS;
    if (valueS > this.max) this.max = valueS;
    this.counts[bucketOf(valueS)]!++;
  }

  /** `times` values of `valueS` at once (the sum grows by their product: exact for the whole microseconds recorded). */
  recordRepeated(valueS: number, times: number): void {
    this.count += times;
    if (valueS > this.threshold) this.above += times;
    this.sum += valueS * times;
    if (valueS < this.min) this.min = valueS;
    if (valueS > this.max) this.max = valueS;
    this.counts[bucketOf(valueS)]! += times;
  }

  /**
   * A value whose end the run did not see (a message still waiting when it stopped), recorded at its age then:
   * right-censored. It counts in every figure, which is then a lower bound wherever a censored value reaches it.
   */
  recordCensored(ageS: number): void {
    this.record(ageS);
    this.censored++;
    this.censoredSum += ageS;
    if (ageS > this.censoredMax) this.censoredMax = ageS;
    (this.censoredCounts ??= new Float64Array(BUCKET_COUNT))[bucketOf(ageS)]!++;
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
    const p50 = this.quantile(0.5);
    const p90 = this.quantile(0.9);
    const p99 = this.quantile(0.99);
    return { count: this.count, censored: this.censored, mean: this.mean(), p50, p90, p99, max: this.max, lowerBound: this.lowerBound([p50, p90, p99]) };
  }

  /**
   * The figures that the censored values, by going on, could raise at the precision they are shown: a quantile that
   * a censored value has already reached, and that moves up two buckets or more (1.6%) when they all move to the top
   * (enough of them to pass its rank); the mean when they make more than 0.5% of the sum; the max when it is a
   * censored value (it surely grows). Jobs still in progress at the end, younger than a percentile, leave it alone.
   * A figure the censored values cannot move at that precision is reported as it is, not marked.
   */
  private lowerBound(quantiles: readonly [number, number, number]): LowerBoundFigure[] {
    const censoredCounts = this.censoredCounts;
    if (censoredCounts === null) return [];
    const marked: LowerBoundFigure[] = [];
    // The mean: when the censored values make more than 0.5% of the sum, their going on to twice their age would
    // show in it; a few young ones among many finished waits would not.
    if (this.censoredSum > 0.005 * this.sum) marked.push("mean");
    const moved = this.counts.slice();
    for (let b = 0; b < BUCKET_COUNT; b++) moved[b]! -= censoredCounts[b]!;
    moved[BUCKET_COUNT - 1]! += this.censored;
    (["p50", "p90", "p99"] as const).forEach((key, i) => {
      const q = [0.5, 0.9, 0.99][i]!;
      // Two buckets or more: a move to the next bucket (0.78%) is within the histogram's own accuracy, and happens by
      // chance when a few censored values shift the rank across a bucket edge.
      const value = quantiles[i]!;
      if (this.censoredMax >= value && bucketOf(quantileOfCounts(moved, this.count, q)) - bucketOf(value) >= 2) marked.push(key);
    });
    if (this.censoredMax >= this.max) marked.push("max");
    return marked;
  }
}

export function bucketOf(valueS: number): number {
  if (valueS < MIN_TRACKED_S) return 0;
  if (valueS >= MAX_TRACKED_S) return BUCKET_COUNT - 1;
  scratch[0] = valueS;
  const high = scratchWords[1]!;
  const exponent = (high >>> 20) - BIASED_MIN_EXPONENT;
  const sub = (high >>> (20 - SUB_BITS)) & (SUB_BUCKETS - 1);
  return 1 + exponent * SUB_BUCKETS + sub;
}

/** Lower and upper edges of a bucket, in seconds (for drawing histograms). */
export function bucketBounds(bucket: number): [number, number] {
  if (bucket === 0) return [0, MIN_TRACKED_S];
  const i = bucket - 1;
  const octave = 2 ** (MIN_EXPONENT + Math.floor(i / SUB_BUCKETS));
  const sub = i % SUB_BUCKETS;
  return [octave * (1 + sub / SUB_BUCKETS), octave * (1 + (sub + 1) / SUB_BUCKETS)];
}

/** The value a bucket reports: its midpoint, within RELATIVE_ACCURACY of every value in it. */
export function bucketValue(bucket: number): number {
  if (bucket === 0) return 0;
  const [lower, upper] = bucketBounds(bucket);
  return (lower + upper) / 2;
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

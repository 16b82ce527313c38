import { bisectLeft, bisectRight, cumsum } from "d3-array";
import { type SparseHistogram } from "../../metrics/sparse-histogram.js";

/** Bin edges at 1, 2 and 5 per decade: even steps on a log axis, round numbers to read off. */
export function logEdges(lowS: number, highS: number): number[] {
  const edges: number[] = [];
  for (let decade = Math.floor(Math.log10(lowS)); ; decade++) {
    for (const m of [1, 2, 5]) {
      const edge = Number((m * 10 ** decade).toPrecision(1));
      const next = m === 2 ? edge * 2.5 : edge * 2;
      if (next <= lowS) continue; // keep exactly one edge at or below lowS
      edges.push(edge);
      if (edge >= highS) return edges;
    }
  }
}

export interface LatencyBins {
  edges: number[];
  /** Share of all messages in each bin, 0-1 (the first bin also holds the rare values between zeroBelowS and edges[0]). */
  shares: number[];
  /** Share of messages in the histogram's zero bucket (a wait of 0, or below its first tracked value). */
  zeroShare: number;
  /** Share of messages at or below each bin's upper edge. */
  cumulative: number[];
}

/**
 * Re-bins a recorded log histogram into 1-2-5 bins for the chart. Each recorded bucket (at most 1/128 wide,
 * relative) goes whole into the bin holding its midpoint, so a bin's share is exact to within that resolution.
 */
/** Log-axis tick labels: 1, 2 and 5 per decade while they fit, only powers of ten over wider ranges. */
export function tickMantissas(edges: readonly number[]): number[] {
  const decades = Math.log10(edges[edges.length - 1]! / edges[0]!);
  return decades > 4 ? [1] : [1, 2, 5];
}

export function latencyBins(h: SparseHistogram, edges: readonly number[]): LatencyBins {
  const counts = new Array<number>(edges.length - 1).fill(0);
  let zero = 0;
  for (const b of h.buckets) {
    if (b.lowerS === 0) {
      zero += b.count;
      continue;
    }
    const mid = (b.lowerS + b.upperS) / 2;
    const i = Math.min(counts.length - 1, Math.max(0, bisectRight(edges, mid) - 1));
    counts[i]! += b.count;
  }
  const total = h.count > 0 ? h.count : 1;
  const shares = counts.map((c) => c / total);
  const zeroShare = zero / total;
  return { edges: [...edges], shares, zeroShare, cumulative: Array.from(cumsum(shares), (c) => c + zeroShare) };
}

/** Below this share of a histogram's non-zero values, the low end of the axis is trimmed away. */
const LOW_TAIL_SHARE = 0.001;

/**
 * The range several histograms span, for shared bins: up to the largest value, and down to where the lowest
 * 0.1% of each one's non-zero values begin (a handful of microsecond waits would otherwise stretch the log axis
 * over decades of nothing).
 */
export function histogramRange(hs: readonly SparseHistogram[]): { lowS: number; highS: number } | null {
  let low = Infinity;
  let high = 0;
  for (const h of hs) {
    const nonZero = h.buckets.filter((b) => b.lowerS > 0);
    const total = nonZero.reduce((n, b) => n + b.count, 0);
    let seen = 0;
    for (const b of nonZero) {
      seen += b.count;
      if (seen >= total * LOW_TAIL_SHARE) {
        low = Math.min(low, b.lowerS);
        break;
      }
    }
    for (const b of nonZero) high = Math.max(high, b.upperS);
  }
  if (high === 0) return null;
  if (!Number.isFinite(low)) low = high / 10;
  return { lowS: Math.max(low, 1e-6), highS: high };
}

/**
 * The cumulative share at each recorded bucket's upper bound, from lowS on: the fine-grained distribution
 * (buckets are at most 1/128 wide, relative), so percentiles read off it agree with summary.json's.
 */
export function cumulativePoints(h: SparseHistogram, lowS: number): { x: number; y: number }[] {
  const total = h.count > 0 ? h.count : 1;
  let below = 0;
  const points: { x: number; y: number }[] = [];
  for (const b of h.buckets) {
    if (b.upperS < lowS || b.lowerS === 0) {
      below += b.count;
      continue;
    }
    if (points.length === 0) points.push({ x: lowS, y: below / total });
    below += b.count;
    points.push({ x: b.upperS, y: below / total });
  }
  return points;
}

/**
 * The q-quantile (0-1) of a recorded histogram by LogHistogram's own rule (the value of rank ⌊q·(n−1)⌋, counting
 * from 0: the midpoint of its bucket, 0 in the zero bucket), found with d3's bisect over the cumulative counts.
 */
export function histogramQuantile(h: SparseHistogram, q: number): number {
  if (h.count === 0) return 0;
  const cumulative = Array.from(cumsum(h.buckets, (b) => b.count));
  const rank = Math.floor(Math.min(Math.max(q, 0), 1) * (h.count - 1));
  const i = Math.min(h.buckets.length - 1, bisectLeft(cumulative, rank + 1));
  const b = h.buckets[i]!;
  return b.lowerS === 0 ? 0 : (b.lowerS + b.upperS) / 2;
}

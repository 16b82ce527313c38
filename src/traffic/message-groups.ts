import { type Uniform } from "../engine/random.js";

export type GroupDistribution = "uniform" | { zipf: { s: number } };

/** Most groups a Zipf table is built for (8 bytes a group); uniform groups have no table and no such limit. */
export const MAX_ZIPF_GROUPS = 1_000_000;

/**
 * Draws the MessageGroupId (0 … count−1) of each message. Uniform spreads messages evenly; Zipf with exponent s
 * gives group k a weight 1/(k+1)^s, so group 0 is hot and most groups are rare — the case where FIFO's
 * per-group ordering limits throughput (aws-behaviour 12.5).
 */
export function groupPicker(count: number, distribution: GroupDistribution, uniform: Uniform): () => number {
  if (count <= 1) return () => 0;
  if (distribution === "uniform") return () => Math.min(count - 1, Math.floor(uniform() * count));
  if (count > MAX_ZIPF_GROUPS)
    throw new RangeError(`a Zipf distribution over ${count} groups is above the ${MAX_ZIPF_GROUPS.toLocaleString("en-US")} supported`);
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    total += 1 / (k + 1) ** distribution.zipf.s;
    cumulative[k] = total;
  }
  return () => {
    // Inverse CDF by binary search: the first group whose cumulative weight passes u × total.
    const target = uniform() * total;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

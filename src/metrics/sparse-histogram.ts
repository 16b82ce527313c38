import { bucketBounds, type LogHistogram } from "./log-histogram.js";

/** A histogram as plain data: the non-empty buckets with their bounds in seconds (for charts and saved runs). */
export interface SparseHistogram {
  count: number;
  sumSeconds: number;
  buckets: { lowerS: number; upperS: number; count: number }[];
}

export function toSparse(h: LogHistogram): SparseHistogram {
  const buckets: SparseHistogram["buckets"] = [];
  for (let b = 0; b < h.counts.length; b++) {
    const count = h.counts[b]!;
    if (count === 0) continue;
    const [lowerS, upperS] = bucketBounds(b);
    buckets.push({ lowerS, upperS, count });
  }
  return { count: h.count, sumSeconds: h.sum, buckets };
}

// The Pareto front of a sweep over (total cost mean, queue-wait p99 mean), lower better on both. A cell is on the
// front when no other cell dominates it; b dominates a when b is no worse on both figures and strictly better on at
// least one. So cells with identical (cost, p99) points are all on the front (neither dominates the other), and a
// cell that ties another on one figure and is worse on the other is off it. A cell missing either figure is off
// the front and dominates nothing. Computed over the rows at hand (every cell, or a shard's cells).

export interface ParetoPoint {
  cost: number | null;
  p99: number | null;
}

/** One flag per point, in the points' order. O(n log n): sort by cost, then p99, and sweep. */
export function paretoFront(points: readonly ParetoPoint[]): boolean[] {
  const on = points.map(() => false);
  const order = points
    .map((p, i) => ({ ...p, i }))
    .filter((p): p is { cost: number; p99: number; i: number } => p.cost !== null && p.p99 !== null && Number.isFinite(p.cost) && Number.isFinite(p.p99))
    .sort((a, b) => a.cost - b.cost || a.p99 - b.p99 || a.i - b.i);
  // Walking in (cost, p99) order, a point is dominated iff an earlier point has a lower p99, or the same p99 at a
  // lower cost. Equal points share their fate.
  let bestP99 = Number.POSITIVE_INFINITY;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const p of order) {
    const dominated = p.p99 > bestP99 || (p.p99 === bestP99 && p.cost > bestCost);
    if (!dominated) on[p.i] = true;
    if (p.p99 < bestP99) {
      bestP99 = p.p99;
      bestCost = p.cost;
    }
  }
  return on;
}

import { type Scenario } from "../scenario/schema.js";
import { FIFO_SCAN_WINDOW } from "../sqs/fifo-limits.js";

/**
 * How much of what arrives the consumers can take: at most `rate` messages a second overall (the workers, a FIFO
 * queue's receive quota), and on a FIFO queue each message group at most one batch at a time besides (3.3).
 */
export interface TakeLimit {
  /** Whether everything arriving at this rate (msg/s) is taken as it comes. */
  keepsUp(rate: number): boolean;
  /**
   * Of `arrived` messages over `seconds`, how many can be taken at most. Called in time order: once a FIFO group's
   * backlog fills the scan window, it holds back every group behind it (3.5).
   */
  taken(arrived: number, seconds: number): number;
}

/** A plain cap of `rate` messages a second. */
export function rateLimit(rate: number): TakeLimit {
  return {
    keepsUp: (r) => r <= rate,
    taken: (arrived, seconds) => Math.min(arrived, rate * seconds),
  };
}

/**
 * A message group's share of the arrivals, largest first, for the groups that can ever take more than one group's
 * rate; the rest are one block. Uniform groups share alike, Zipf's group k takes 1/(k+1)^s of its producer's, and
 * producers naming the same group number send to the same group (as the queue sees them).
 */
export interface GroupShares {
  /** shares[g] for the first groups, non-increasing. */
  shares: Float64Array;
  /** prefix[g] = shares[0] + … + shares[g − 1]. */
  prefix: Float64Array;
  /** Groups after those: their count and summed share. */
  restCount: number;
  restShare: number;
}

/** The most groups held one by one: 16 MB (a Zipf producer's own table is a million groups at most). */
const MAX_LISTED_GROUPS = 1_000_000;

/**
 * FIFO: on top of `base`, each group takes at most `groupRate` messages a second, since a group has at most one
 * batch in flight (3.3). A single group (FIFO's default) takes one batch per processing time and round trip,
 * however many workers poll. Groups whose share of the peak rate is within groupRate never hold anything back;
 * the others are listed one by one (up to a million).
 */
export function groupLimit(base: TakeLimit, groupRate: number, peakRate: number, groupsOf: (listed: number) => GroupShares): TakeLimit {
  if (!(groupRate < Infinity)) return base;
  const overloadable = Math.min(MAX_LISTED_GROUPS, Math.floor(peakRate / Math.max(groupRate, Number.MIN_VALUE)) + 1);
  const { shares, prefix, restCount, restShare } = groupsOf(overloadable);
  const hottest = shares.length > 0 ? shares[0]! : restCount > 0 ? restShare / restCount : 0;
  let groupsBacklog = 0;
  return {
    keepsUp: (r) => base.keepsUp(r) && hottest * r <= groupRate,
    taken(arrived, seconds) {
      const perGroup = groupRate * seconds;
      // The listed groups above one group's rate take perGroup each; the others all that reaches them.
      const over = countAbove(shares, perGroup / Math.max(arrived, Number.MIN_VALUE));
      let byGroups = over * perGroup + arrived * (prefix[shares.length]! - prefix[over]!);
      byGroups += Math.min(arrived * restShare, restCount * perGroup);
      groupsBacklog += Math.max(0, arrived - byGroups);
      // Once the overloaded groups' backlog fills the scan window, the oldest stored messages are all theirs and a
      // receive looks no further (3.5): every other group moves only as fast as theirs leave the window. In the end
      // the window holds the hottest group's alone (its head is the oldest), which takes perGroup of its share.
      const windowed = groupsBacklog > FIFO_SCAN_WINDOW && over > 0 ? perGroup / hottest : Infinity;
      return Math.min(base.taken(arrived, seconds), byGroups, windowed);
    },
  };
}

/** How many of the non-increasing shares are above x (binary search). */
function countAbove(shares: Float64Array, x: number): number {
  let lo = 0;
  let hi = shares.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (shares[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The scenario's message groups as the queue sees them: each producer's distribution weighted by its share of the
 * arrivals, the first `listed` groups one by one. One group for a producer without messageGroups (FIFO's default).
 */
export function groupShares(scenario: Scenario, arrivalsOf: readonly number[], listed: number): GroupShares {
  const total = arrivalsOf.reduce((sum, n) => sum + n, 0);
  const counts = scenario.producers.map((p) => p.messageGroups?.count ?? 1);
  const groups = Math.max(...counts);
  const n = Math.min(groups, listed);
  const shares = new Float64Array(n);
  scenario.producers.forEach((p, i) => {
    const weight = total > 0 ? arrivalsOf[i]! / total : 1 / scenario.producers.length;
    const count = counts[i]!;
    const distribution = p.messageGroups?.distribution ?? "uniform";
    if (distribution === "uniform") {
      for (let g = 0; g < Math.min(count, n); g++) shares[g]! += weight / count;
      return;
    }
    const s = distribution.zipf.s;
    let norm = 0;
    for (let k = 0; k < count; k++) norm += 1 / (k + 1) ** s;
    for (let g = 0; g < Math.min(count, n); g++) shares[g]! += weight / (g + 1) ** s / norm;
  });
  const prefix = new Float64Array(n + 1);
  for (let g = 0; g < n; g++) prefix[g + 1] = prefix[g]! + shares[g]!;
  return { shares, prefix, restCount: groups - n, restShare: Math.max(0, 1 - prefix[n]!) };
}

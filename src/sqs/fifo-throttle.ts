/**
 * FIFO API throttling (aws-behaviour 3.10-3.13): each API action has its own budget of calls per second, per partition;
 * a call over it gets a ThrottlingException. Normal mode is one partition of 300 calls/s per action. High-throughput
 * mode spreads message groups over partitions by a hash of the group id, each with its own 300 calls/s per action,
 * under a regional cap per action across partitions (3.13: "how often each API action can be performed").
 *
 * In high-throughput mode SQS adds partitions automatically as the request rate needs them, up to the regional quota
 * (3.12). How it decides, and how fast, is not documented; the model (`growth`) looks at each second of calls. A
 * second needs more partitions when one action's calls (throttled ones included) exceed what the partitions take,
 * or when a partition refused a call for lack of room (a hot partition: a caller that backs off after a refusal keeps
 * its call rate below the total, so the total alone would not show it). Then every partition splits in two,
 * `splitTimeUs` after that second ends, until the partitions can take the regional quota; the next split is decided
 * on the seconds after that one has taken effect. Partitions are never removed (AWS
 * may remove them when utilisation is low, 3.12, at an undocumented rate): a run keeps the capacity its peak needed.
 * A single group above 300 calls/s keeps its partition refusing calls, and so splits continue to the quota without
 * helping it (what SQS does then is not documented either).
 *
 * Groups map to partitions by hash mod count (3.12 says only "an internal hash of MessageGroupId"). Splitting every
 * partition in two keeps this consistent: doubling the count moves a group from partition p to p or p + count, so
 * a partition's groups are shared between it and its new twin and no other group moves.
 *
 * Budgets are token buckets refilled at the documented rate. AWS documents no burst allowance, so a bucket holds
 * one second of calls (300): at most 300 calls in any 1 s window starting from a full bucket, and 300/s sustained.
 * Amounts are integers (a call costs CALL_UNITS; a bucket gains `rate` units per µs), so refills are exact.
 */
export type FifoAction = "send" | "receive" | "delete" | "changeVisibility";

export const FIFO_ACTIONS: readonly FifoAction[] = ["send", "receive", "delete", "changeVisibility"];

export interface FifoThroughputConfig {
  /** High-throughput mode (3.11): the caller sets it only for dedup scope messageGroup + perMessageGroupId limit. */
  highThroughput: boolean;
  /** Calls per second per action per partition (300, aws-behaviour 3.10, 3.12). */
  callsPerSecondPerAction: number;
  /** Partitions in high-throughput mode (3.12): the fixed count, or the starting count with `growth` (each split
   *  doubles it); normal mode always has one. */
  partitions: number;
  /** High-throughput mode: partitions split as demand needs them (see above); absent or null = a fixed count. */
  growth?: { splitTimeUs: number } | null;
  /** Calls per second per action across all partitions in high-throughput mode (3.13, e.g. 70,000). */
  regionalCallsPerSecond: number;
}

export type ThrottleCounts = Record<FifoAction, number>;

/** One call, in bucket units: a bucket of rate r calls/s gains r units per µs. */
const CALL_UNITS = 1_000_000;
/** Growth stops here whatever the quota (2.4 million calls/s, 35× the largest documented one, 3.13): a quota of
 *  any size must not let a hot group's refusals double the partitions, and their memory, without end. */
const MAX_GROWN_PARTITIONS = 8_192;
/** Demand is measured in whole seconds, aligned to the start of the run. */
const DEMAND_WINDOW_US = 1_000_000;
const ACTION_COUNT = 4;

function actionIndex(action: FifoAction): number {
  switch (action) {
    case "send":
      return 0;
    case "receive":
      return 1;
    case "delete":
      return 2;
    default:
      return 3;
  }
}

/** A deterministic 32-bit mix of a group id (murmur3's finaliser): the partition is this mod the partition count. */
export function hashGroupId(groupId: number): number {
  let h = (groupId | 0) ^ Math.floor(groupId / 4_294_967_296);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Token buckets side by side: levels in units, refilled lazily when read. */
class Buckets {
  private levels: Float64Array;
  private lastUs: Float64Array;
  private readonly capacity: number;

  constructor(
    count: number,
    readonly ratePerS: number,
  ) {
    this.capacity = ratePerS * CALL_UNITS;
    this.levels = new Float64Array(count).fill(this.capacity);
    this.lastUs = new Float64Array(count);
  }

  /** Whether bucket i holds a whole call at nowUs (refilling it first). */
  hasCall(i: number, nowUs: number): boolean {
    const elapsed = nowUs - this.lastUs[i]!;
    if (elapsed > 0) {
      // A full second refills any bucket: clamp before multiplying so that the product stays an exact integer.
      const gained = elapsed >= CALL_UNITS ? this.capacity : elapsed * this.ratePerS;
      this.levels[i] = Math.min(this.capacity, this.levels[i]! + gained);
      this.lastUs[i] = nowUs;
    }
    return this.levels[i]! >= CALL_UNITS;
  }

  take(i: number): void {
    this.levels[i]! -= CALL_UNITS;
  }

  /** Room for `count` buckets; the new ones start full. */
  grow(count: number): void {
    if (count <= this.levels.length) return;
    const levels = new Float64Array(count).fill(this.capacity);
    levels.set(this.levels);
    const lastUs = new Float64Array(count);
    lastUs.set(this.lastUs);
    this.levels = levels;
    this.lastUs = lastUs;
  }
}

/**
 * The throttling budgets of one FIFO queue. The queue never calls tryCall itself: producers and consumers ask
 * before making a call, and a throttled call is not made (the caller decides when to retry).
 */
export class FifoThrottle {
  /** Calls refused with a ThrottlingException, per action. */
  readonly throttled: ThrottleCounts = { send: 0, receive: 0, delete: 0, changeVisibility: 0 };
  private count: number;
  /** Growth stops once the partitions can take the regional quota. */
  private readonly maxPartitions: number;
  private readonly perPartition: Buckets;
  private readonly regional: Buckets | null;
  private nextPartition = 0;
  private readonly splitTimeUs: number;
  /** Calls asked for per action (throttled included) in the demand window starting at windowStartUs. */
  private readonly demand = new Float64Array(ACTION_COUNT);
  /** A partition refused a call for lack of room in the demand window. */
  private refusing = false;
  /** A second since the last split took effect needed more partitions. */
  private wantsMore = false;
  private windowStartUs = 0;
  private pendingAtUs = Infinity;
  private lastSplitUs = 0;

  constructor(config: FifoThroughputConfig) {
    if (!(config.callsPerSecondPerAction > 0)) throw new RangeError(`callsPerSecondPerAction must be positive, got ${config.callsPerSecondPerAction}`);
    if (config.highThroughput && !(Number.isInteger(config.partitions) && config.partitions >= 1)) {
      throw new RangeError(`partitions must be a whole number ≥ 1, got ${config.partitions}`);
    }
    if (config.highThroughput && !(config.regionalCallsPerSecond > 0)) {
      throw new RangeError(`regionalCallsPerSecond must be positive, got ${config.regionalCallsPerSecond}`);
    }
    const growth = config.highThroughput ? (config.growth ?? null) : null;
    if (growth !== null && !(growth.splitTimeUs >= 0)) throw new RangeError(`splitTimeUs must be ≥ 0, got ${growth.splitTimeUs}`);
    this.count = config.highThroughput ? config.partitions : 1;
    this.splitTimeUs = growth === null ? Infinity : growth.splitTimeUs;
    let max = this.count;
    if (growth !== null) {
      while (max * config.callsPerSecondPerAction < config.regionalCallsPerSecond && max * 2 <= MAX_GROWN_PARTITIONS) max *= 2;
    }
    this.maxPartitions = max;
    this.perPartition = new Buckets(this.count * ACTION_COUNT, config.callsPerSecondPerAction);
    this.regional = config.highThroughput ? new Buckets(ACTION_COUNT, config.regionalCallsPerSecond) : null;
  }

  /** Partitions now (the split due by the last call included). */
  get partitions(): number {
    return this.count;
  }

  /** The partition serving a message group (3.12); always 0 in normal mode. */
  partitionOf(groupId: number): number {
    return this.count === 1 ? 0 : hashGroupId(groupId) % this.count;
  }

  /**
   * Asks for one call of `action` at nowUs on behalf of message group groupId; false means throttled (counted in
   * `throttled`). A call that carries no group (a ReceiveMessage: it cannot ask for a group, 3.4) passes a negative
   * groupId and is served by the first partition with room, searched round-robin (AWS does not document how
   * receives are routed to partitions). A throttled call consumes nothing.
   */
  tryCall(action: FifoAction, groupId: number, nowUs: number): boolean {
    const a = actionIndex(action);
    if (this.splitTimeUs !== Infinity) this.observeDemand(a, nowUs);
    const regional = this.regional;
    if (regional !== null && !regional.hasCall(a, nowUs)) return this.refuse(action);
    const bucket = groupId >= 0 ? this.partitionOf(groupId) * ACTION_COUNT + a : this.findPartition(a, nowUs);
    if (bucket < 0 || !this.perPartition.hasCall(bucket, nowUs)) {
      this.refusing = true;
      return this.refuse(action);
    }
    this.perPartition.take(bucket);
    regional?.take(a);
    return true;
  }

  /** Counts a call toward the demand of its second; applies a split that is due, and decides one that is needed. */
  private observeDemand(a: number, nowUs: number): void {
    if (nowUs >= this.pendingAtUs) this.split();
    if (nowUs >= this.windowStartUs + DEMAND_WINDOW_US) this.closeWindow(nowUs);
    this.demand[a]!++;
  }

  /** Ends the demand window; a split starts when the window needed more partitions and none is under way. */
  private closeWindow(nowUs: number): void {
    const windowEndUs = this.windowStartUs + DEMAND_WINDOW_US;
    let peak = 0;
    for (let i = 0; i < ACTION_COUNT; i++) {
      if (this.demand[i]! > peak) peak = this.demand[i]!;
      this.demand[i] = 0;
    }
    // A second that began before the last split saw fewer partitions than there are now: it does not count.
    const current = this.windowStartUs >= this.lastSplitUs;
    if (current && (this.refusing || peak > this.count * this.perPartition.ratePerS)) this.wantsMore = true;
    this.refusing = false;
    this.windowStartUs = Math.floor(nowUs / DEMAND_WINDOW_US) * DEMAND_WINDOW_US;
    if (this.pendingAtUs !== Infinity || !this.wantsMore || this.count >= this.maxPartitions) return;
    this.wantsMore = false;
    this.pendingAtUs = windowEndUs + this.splitTimeUs;
    if (nowUs >= this.pendingAtUs) this.split();
  }

  /** Every partition splits in two; only the seconds after this decide the next split. */
  private split(): void {
    this.lastSplitUs = this.pendingAtUs;
    this.count *= 2;
    this.perPartition.grow(this.count * ACTION_COUNT);
    this.pendingAtUs = Infinity;
    this.wantsMore = false;
  }

  private findPartition(a: number, nowUs: number): number {
    const n = this.count;
    for (let k = 0; k < n; k++) {
      const p = (this.nextPartition + k) % n;
      if (this.perPartition.hasCall(p * ACTION_COUNT + a, nowUs)) {
        this.nextPartition = (p + 1) % n;
        return p * ACTION_COUNT + a;
      }
    }
    return -1;
  }

  private refuse(action: FifoAction): false {
    this.throttled[action]++;
    return false;
  }
}

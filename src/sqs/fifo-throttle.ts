/**
 * FIFO API throttling (AWS-FACTS 3.10-3.13): each API action has its own budget of calls per second, per partition;
 * a call over it gets a ThrottlingException. Normal mode is one partition of 300 calls/s per action. High-throughput
 * mode spreads message groups over partitions by a hash of the group id, each with its own 300 calls/s per action,
 * under a regional cap per action across partitions (3.13: "how often each API action can be performed").
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
  /** Calls per second per action per partition (300, AWS-FACTS 3.10, 3.12). */
  callsPerSecondPerAction: number;
  /** Partitions in high-throughput mode (3.12); normal mode always has one. */
  partitions: number;
  /** Calls per second per action across all partitions in high-throughput mode (3.13, e.g. 70,000). */
  regionalCallsPerSecond: number;
}

export type ThrottleCounts = Record<FifoAction, number>;

/** One call, in bucket units: a bucket of rate r calls/s gains r units per µs. */
const CALL_UNITS = 1_000_000;
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
  private readonly levels: Float64Array;
  private readonly lastUs: Float64Array;
  private readonly capacity: number;

  constructor(count: number, private readonly ratePerS: number) {
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
}

/**
 * The throttling budgets of one FIFO queue. The queue never calls tryCall itself: producers and consumers ask
 * before making a call, and a throttled call is not made (the caller decides when to retry).
 */
export class FifoThrottle {
  /** Calls refused with a ThrottlingException, per action. */
  readonly throttled: ThrottleCounts = { send: 0, receive: 0, delete: 0, changeVisibility: 0 };
  readonly partitions: number;
  private readonly perPartition: Buckets;
  private readonly regional: Buckets | null;
  private nextPartition = 0;

  constructor(config: FifoThroughputConfig) {
    if (!(config.callsPerSecondPerAction > 0)) throw new RangeError(`callsPerSecondPerAction must be positive, got ${config.callsPerSecondPerAction}`);
    if (config.highThroughput && !(Number.isInteger(config.partitions) && config.partitions >= 1)) {
      throw new RangeError(`partitions must be a whole number ≥ 1, got ${config.partitions}`);
    }
    if (config.highThroughput && !(config.regionalCallsPerSecond > 0)) {
      throw new RangeError(`regionalCallsPerSecond must be positive, got ${config.regionalCallsPerSecond}`);
    }
    this.partitions = config.highThroughput ? config.partitions : 1;
    this.perPartition = new Buckets(this.partitions * ACTION_COUNT, config.callsPerSecondPerAction);
    this.regional = config.highThroughput ? new Buckets(ACTION_COUNT, config.regionalCallsPerSecond) : null;
  }

  /** The partition serving a message group (3.12); always 0 in normal mode. */
  partitionOf(groupId: number): number {
    return this.partitions === 1 ? 0 : hashGroupId(groupId) % this.partitions;
  }

  /**
   * Asks for one call of `action` at nowUs on behalf of message group groupId; false means throttled (counted in
   * `throttled`). A call that carries no group (a ReceiveMessage: it cannot ask for a group, 3.4) passes a negative
   * groupId and is served by the first partition with room, searched round-robin (AWS does not document how
   * receives are routed to partitions). A throttled call consumes nothing.
   */
  tryCall(action: FifoAction, groupId: number, nowUs: number): boolean {
    const a = actionIndex(action);
    const regional = this.regional;
    if (regional !== null && !regional.hasCall(a, nowUs)) return this.refuse(action);
    const bucket = groupId >= 0 ? this.partitionOf(groupId) * ACTION_COUNT + a : this.findPartition(a, nowUs);
    if (bucket < 0 || !this.perPartition.hasCall(bucket, nowUs)) return this.refuse(action);
    this.perPartition.take(bucket);
    regional?.take(a);
    return true;
  }

  private findPartition(a: number, nowUs: number): number {
    const n = this.partitions;
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

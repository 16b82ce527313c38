import { grown } from "../engine/typed-arrays.js";

export const NO_SLOT = -1;

/**
 * The message groups of a FIFO queue (aws-behaviour 3.1-3.3) and, per message slot, its group, its sequence number in
 * the group and its neighbours: each group's stored messages form a doubly linked list in send order, so that a
 * delete anywhere in a group's in-flight run unlinks in O(1). Group ids are the caller's numbers; groups get dense
 * indexes on first use and keep them (their sequence counters must survive an empty spell).
 */
export class FifoGroups {
  private readonly indexById = new Map<number, number>();
  private ids = new Float64Array(64);
  /** Oldest stored message of each group, NO_SLOT when it holds none. */
  head = new Int32Array(64);
  tail = new Int32Array(64);
  /** Stored messages (delayed, visible or in flight) per group. */
  stored = new Int32Array(64);
  /** In-flight messages per group: while above 0 the group is blocked (3.3). */
  inFlight = new Int32Array(64);
  private nextSequence = new Uint32Array(64);
  count = 0;

  /** Groups holding at least one stored message. */
  active = 0;
  /** Groups with at least one message in flight (ApproximateNumberOfGroupsWithInflightMessages, 4.8). */
  withInFlight = 0;
  withInFlightPeak = 0;

  groupOfSlot = new Int32Array(1024);
  sequenceOfSlot = new Uint32Array(1024);
  private prev = new Int32Array(1024);
  next = new Int32Array(1024);

  /** The index of a group id, created on first use. */
  indexOf(groupId: number): number {
    const known = this.indexById.get(groupId);
    if (known !== undefined) return known;
    if (this.count === this.ids.length) this.growGroups();
    const g = this.count++;
    this.indexById.set(groupId, g);
    this.ids[g] = groupId;
    this.head[g] = NO_SLOT;
    this.tail[g] = NO_SLOT;
    return g;
  }

  idOf(group: number): number {
    return this.ids[group]!;
  }

  /** Appends a newly stored message to its group and numbers it (0-based within the group). */
  append(group: number, slot: number): void {
    if (slot >= this.next.length) this.growSlots(slot + 1);
    this.groupOfSlot[slot] = group;
    this.sequenceOfSlot[slot] = this.nextSequence[group]!++;
    const last = this.tail[group]!;
    this.prev[slot] = last;
    this.next[slot] = NO_SLOT;
    if (last === NO_SLOT) {
      this.head[group] = slot;
      this.active++;
    } else {
      this.next[last] = slot;
    }
    this.tail[group] = slot;
    this.stored[group]!++;
  }

  /** Takes a message out of its group's list (its group and sequence stay readable). */
  unlink(slot: number): void {
    const g = this.groupOfSlot[slot]!;
    const before = this.prev[slot]!;
    const after = this.next[slot]!;
    if (before === NO_SLOT) this.head[g] = after;
    else this.next[before] = after;
    if (after === NO_SLOT) this.tail[g] = before;
    else this.prev[after] = before;
    if (--this.stored[g]! === 0) this.active--;
  }

  addInFlight(group: number): void {
    if (this.inFlight[group]!++ > 0) return;
    if (++this.withInFlight > this.withInFlightPeak) this.withInFlightPeak = this.withInFlight;
  }

  removeInFlight(group: number): void {
    if (--this.inFlight[group]! === 0) this.withInFlight--;
  }

  private growGroups(): void {
    const cap = this.ids.length * 2;
    this.ids = grown(this.ids, cap);
    this.head = grown(this.head, cap);
    this.tail = grown(this.tail, cap);
    this.stored = grown(this.stored, cap);
    this.inFlight = grown(this.inFlight, cap);
    this.nextSequence = grown(this.nextSequence, cap);
  }

  private growSlots(minimum: number): void {
    const cap = Math.max(minimum, Math.ceil(this.next.length * 1.5));
    this.groupOfSlot = grown(this.groupOfSlot, cap);
    this.sequenceOfSlot = grown(this.sequenceOfSlot, cap);
    this.prev = grown(this.prev, cap);
    this.next = grown(this.next, cap);
  }
}

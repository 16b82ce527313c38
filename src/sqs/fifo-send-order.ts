import { grown } from "../engine/typed-arrays.js";

const REMOVED = -1;

/**
 * The stored messages of a FIFO queue in send order, with order statistics: how many stored messages were sent
 * before a given one, in O(log n). FIFO receives look only at the first `scanWindow` stored messages to find
 * available groups (aws-behaviour 3.5); a group whose head has that many stored messages before it is hidden.
 *
 * Each message gets a position when sent; positions only grow, so position order is send order. A Fenwick tree over
 * positions counts the live (stored) ones. Removed positions leave holes; when the position array fills up, the live
 * entries are packed to the front (in order) and the tree is rebuilt in O(capacity). Packing happens only after at
 * least capacity/2 appends since the last one, so it costs O(1) amortised per send, and memory stays proportional
 * to the stored messages, not to the span of send sequence numbers (a message stuck for days in a busy queue would
 * otherwise need a tree over every message sent since).
 */
export class SendOrder {
  /** Slot at each position; REMOVED once the message left. */
  private slots: Int32Array;
  /** Fenwick tree, 1-based: tree[i] sums the live flags of positions (i - lowbit(i), i]. */
  private tree: Int32Array;
  /** Position of each slot (valid while the slot's message is stored). */
  private positions: Int32Array;
  private end = 0;
  /** Every position before this one is removed. */
  private first = 0;
  /** Stored messages. */
  live = 0;
  /** Times the positions were packed: positions read before a packing are stale after it. */
  packings = 0;

  constructor(initialCapacity = 1024, slotCapacity = 1024) {
    this.slots = new Int32Array(initialCapacity);
    this.tree = new Int32Array(initialCapacity + 1);
    this.positions = new Int32Array(slotCapacity);
  }

  /** Adds the newest message. */
  append(slot: number): void {
    if (this.end === this.slots.length) this.pack();
    if (slot >= this.positions.length) this.positions = grown(this.positions, Math.max(slot + 1, this.positions.length * 2));
    const p = this.end++;
    this.slots[p] = slot;
    this.positions[slot] = p;
    this.add(p, 1);
    this.live++;
  }

  /** The message left the queue (deleted, expired, dead-lettered). */
  remove(slot: number): void {
    const p = this.positions[slot]!;
    this.slots[p] = REMOVED;
    this.add(p, -1);
    this.live--;
  }

  /** The slot's position: smaller means sent earlier. Stable until the next packing. */
  positionOf(slot: number): number {
    return this.positions[slot]!;
  }

  /** Stored messages sent before this one (its 0-based rank in send order). */
  countBefore(slot: number): number {
    const tree = this.tree;
    let sum = 0;
    for (let i = this.positions[slot]!; i > 0; i -= i & -i) sum += tree[i]!;
    return sum;
  }

  /** The oldest stored message, or -1 when none. */
  oldest(): number {
    const slots = this.slots;
    while (this.first < this.end && slots[this.first] === REMOVED) this.first++;
    return this.first < this.end ? slots[this.first]! : -1;
  }

  private add(position: number, delta: number): void {
    const tree = this.tree;
    const n = this.slots.length;
    for (let i = position + 1; i <= n; i += i & -i) tree[i]! += delta;
  }

  /** Packs the live entries to the front, doubling the capacity when more than half of it is live. */
  private pack(): void {
    const old = this.slots;
    const capacity = this.live * 2 > old.length ? old.length * 2 : old.length;
    const slots = capacity === old.length ? old : new Int32Array(capacity);
    let w = 0;
    for (let r = this.first; r < this.end; r++) {
      const slot = old[r]!;
      if (slot === REMOVED) continue;
      slots[w] = slot;
      this.positions[slot] = w;
      w++;
    }
    slots.fill(REMOVED, w);
    this.slots = slots;
    this.end = w;
    this.first = 0;
    // Linear Fenwick construction: each node passes its sum on to its parent.
    const tree = capacity + 1 === this.tree.length ? this.tree.fill(0) : new Int32Array(capacity + 1);
    for (let i = 1; i <= capacity; i++) {
      if (i <= w) tree[i]!++;
      const parent = i + (i & -i);
      if (parent <= capacity) tree[parent]! += tree[i]!;
    }
    this.tree = tree;
    this.packings++;
  }
}

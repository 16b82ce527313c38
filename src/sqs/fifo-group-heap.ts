import { grown } from "../engine/typed-arrays.js";

/**
 * An indexed min-heap of message groups by key (the send position of the group's head message): the available
 * groups of a FIFO queue, earliest head first (aws-behaviour 3.4). Each group is in it at most once; its key can be
 * changed or the group removed in O(log n) through the group's recorded heap index.
 */
export class GroupHeap {
  private groups = new Int32Array(64);
  private keys = new Float64Array(64);
  /** Heap index of each group, -1 when absent. */
  private indexOf = new Int32Array(64).fill(-1);
  size = 0;

  has(group: number): boolean {
    return group < this.indexOf.length && this.indexOf[group]! >= 0;
  }

  /** The group with the smallest key, or -1 when empty. */
  peek(): number {
    return this.size > 0 ? this.groups[0]! : -1;
  }

  /** Inserts the group with this key, or moves it to this key. */
  set(group: number, key: number): void {
    if (group >= this.indexOf.length) this.growGroups(group + 1);
    const at = this.indexOf[group]!;
    if (at >= 0) {
      const old = this.keys[at]!;
      if (key < old) this.siftUp(at, group, key);
      else if (key > old) this.siftDown(at, group, key);
      return;
    }
    if (this.size === this.groups.length) {
      this.groups = grown(this.groups, this.size * 2);
      this.keys = grown(this.keys, this.size * 2);
    }
    this.siftUp(this.size++, group, key);
  }

  remove(group: number): void {
    if (group >= this.indexOf.length) return;
    const at = this.indexOf[group]!;
    if (at < 0) return;
    this.indexOf[group] = -1;
    const last = --this.size;
    if (at === last) return;
    const movedGroup = this.groups[last]!;
    const movedKey = this.keys[last]!;
    if (at > 0 && movedKey < this.keys[(at - 1) >> 1]!) this.siftUp(at, movedGroup, movedKey);
    else this.siftDown(at, movedGroup, movedKey);
  }

  /**
   * Replaces every key by keyOf(group). The new keys must be ordered like the old ones (a monotone renumbering),
   * so the heap order holds without moving anything.
   */
  rekey(keyOf: (group: number) => number): void {
    for (let i = 0; i < this.size; i++) this.keys[i] = keyOf(this.groups[i]!);
  }

  /** Places (group, key) at index `at` or above it, moving larger parents down. */
  private siftUp(at: number, group: number, key: number): void {
    let i = at;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = this.keys[p]!;
      if (pk <= key) break;
      this.place(i, this.groups[p]!, pk);
      i = p;
    }
    this.place(i, group, key);
  }

  /** Places (group, key) at index `at` or below it, moving smaller children up. */
  private siftDown(at: number, group: number, key: number): void {
    const n = this.size;
    let i = at;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1]! < this.keys[c]!) c++;
      const ck = this.keys[c]!;
      if (key <= ck) break;
      this.place(i, this.groups[c]!, ck);
      i = c;
    }
    this.place(i, group, key);
  }

  private place(i: number, group: number, key: number): void {
    this.groups[i] = group;
    this.keys[i] = key;
    this.indexOf[group] = i;
  }

  private growGroups(minimum: number): void {
    const old = this.indexOf.length;
    this.indexOf = grown(this.indexOf, Math.max(minimum, old * 2));
    this.indexOf.fill(-1, old);
  }
}

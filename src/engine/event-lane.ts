import { unwrappedRing } from "./typed-arrays.js";

/**
 * A FIFO of events whose keys arrive in non-decreasing order (a producer's arrivals; everything scheduled a constant
 * offset ahead of the clock). Popping its head is O(1), where the heap would pay O(log n).
 */
export class EventLane {
  keys: Float64Array;
  seqs: Float64Array;
  kinds: Uint16Array;
  targets: Int32Array;
  args: Float64Array;
  head = 0;
  length = 0;
  lastKey = -Infinity;

  constructor(initialCapacity = 256) {
    this.keys = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Uint16Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
    this.args = new Float64Array(initialCapacity);
  }

  push(key: number, seq: number, kind: number, target: number, arg: number): void {
    if (this.length === this.keys.length) this.grow();
    const i = (this.head + this.length) & (this.keys.length - 1);
    this.keys[i] = key;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.targets[i] = target;
    this.args[i] = arg;
    this.length++;
    this.lastKey = key;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.keys.length - 1);
    this.length--;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    this.keys = unwrappedRing(this.keys, this.head, this.length, cap);
    this.seqs = unwrappedRing(this.seqs, this.head, this.length, cap);
    this.kinds = unwrappedRing(this.kinds, this.head, this.length, cap);
    this.targets = unwrappedRing(this.targets, this.head, this.length, cap);
    this.args = unwrappedRing(this.args, this.head, this.length, cap);
    this.head = 0;
  }
}

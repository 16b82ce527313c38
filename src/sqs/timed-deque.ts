import { unwrappedRing } from "../engine/typed-arrays.js";

/**
 * A growable FIFO of (timeUs, slot, token) entries whose times are pushed in non-decreasing order: with a constant
 * visibility timeout or long-poll wait, deadlines arrive already sorted, and a deque beats a heap (DESIGN: engine).
 * Entries can go stale (their message was deleted); owners validate on pop and compact() when stale ones pile up.
 */
export class TimedDeque {
  private times: Float64Array;
  private slots: Int32Array;
  private tokens: Uint32Array;
  private head = 0;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.times = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
    this.tokens = new Uint32Array(initialCapacity);
  }

  get length(): number {
    return this.len;
  }

  /** Time of the first entry, Infinity when empty. */
  peekTime(): number {
    return this.len === 0 ? Infinity : this.times[this.head]!;
  }

  peekSlot(): number {
    return this.slots[this.head]!;
  }

  peekToken(): number {
    return this.tokens[this.head]!;
  }

  push(timeUs: number, slot: number, token: number): void {
    if (this.len === this.times.length) this.grow();
    const i = (this.head + this.len) & (this.times.length - 1);
    this.times[i] = timeUs;
    this.slots[i] = slot;
    this.tokens[i] = token;
    this.len++;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.times.length - 1);
    this.len--;
  }

  /** Drops entries for which keep(slot, token) is false, keeping order. */
  compact(keep: (slot: number, token: number) => boolean): void {
    const mask = this.times.length - 1;
    let w = 0;
    for (let r = 0; r < this.len; r++) {
      const ri = (this.head + r) & mask;
      const slot = this.slots[ri]!;
      const token = this.tokens[ri]!;
      if (!keep(slot, token)) continue;
      const wi = (this.head + w++) & mask;
      this.times[wi] = this.times[ri]!;
      this.slots[wi] = slot;
      this.tokens[wi] = token;
    }
    this.len = w;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = unwrappedRing(this.times, this.head, this.len, cap);
    this.slots = unwrappedRing(this.slots, this.head, this.len, cap);
    this.tokens = unwrappedRing(this.tokens, this.head, this.len, cap);
    this.head = 0;
  }
}

import { grown } from "../engine/typed-arrays.js";

/**
 * A min-heap of (timeUs, slot, token) for deadlines that do not arrive in order: per-message delays, visibility
 * changed by ChangeMessageVisibility, dead-letter expiries. Ties pop in an unspecified but deterministic order.
 */
export class TimedHeap {
  private times: Float64Array;
  private slots: Int32Array;
  private tokens: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 64) {
    this.times = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
    this.tokens = new Uint32Array(initialCapacity);
  }

  get length(): number {
    return this.count;
  }

  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0]!;
  }

  peekSlot(): number {
    return this.slots[0]!;
  }

  peekToken(): number {
    return this.tokens[0]!;
  }

  push(timeUs: number, slot: number, token: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.times[p]! <= timeUs) break;
      this.times[i] = this.times[p]!;
      this.slots[i] = this.slots[p]!;
      this.tokens[i] = this.tokens[p]!;
      i = p;
    }
    this.times[i] = timeUs;
    this.slots[i] = slot;
    this.tokens[i] = token;
  }

  pop(): void {
    const last = --this.count;
    if (last === 0) return;
    const t = this.times[last]!;
    const s = this.slots[last]!;
    const k = this.tokens[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && this.times[c + 1]! < this.times[c]!) c++;
      if (t <= this.times[c]!) break;
      this.times[i] = this.times[c]!;
      this.slots[i] = this.slots[c]!;
      this.tokens[i] = this.tokens[c]!;
      i = c;
    }
    this.times[i] = t;
    this.slots[i] = s;
    this.tokens[i] = k;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = grown(this.times, cap);
    this.slots = grown(this.slots, cap);
    this.tokens = grown(this.tokens, cap);
  }
}

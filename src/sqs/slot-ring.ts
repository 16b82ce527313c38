import { unwrappedRing } from "../engine/typed-arrays.js";

/** A growable FIFO ring of int32 values (slot indexes): the visible messages in delivery order. */
export class SlotRing {
  private buf: Int32Array;
  private head = 0;
  private len = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Int32Array(initialCapacity);
  }

  get length(): number {
    return this.len;
  }

  push(value: number): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) & (this.buf.length - 1)] = value;
    this.len++;
  }

  /** Puts a value back at the head (the one just shifted, when it cannot be taken after all). */
  unshift(value: number): void {
    if (this.len === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = value;
    this.len++;
  }

  shift(): number {
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.len--;
    return v;
  }

  /** Keeps only the values for which keep() is true, in order (for compaction of stale entries). */
  retain(keep: (value: number) => boolean): void {
    const mask = this.buf.length - 1;
    let w = 0;
    for (let r = 0; r < this.len; r++) {
      const v = this.buf[(this.head + r) & mask]!;
      if (keep(v)) this.buf[(this.head + w++) & mask] = v;
    }
    this.len = w;
  }

  private grow(): void {
    // Capacities stay powers of two so that the index wraps with a mask.
    this.buf = unwrappedRing(this.buf, this.head, this.len, this.buf.length * 2);
    this.head = 0;
  }
}

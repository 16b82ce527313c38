import { unwrappedRing } from "../engine/typed-arrays.js";

/**
 * A growable FIFO of (slot, serial) pairs, 8 bytes an entry: the queue's messages in send order, which is also
 * retention-expiry order and oldest-message order. Entries whose message is gone are skipped and compacted away.
 */
export class PairDeque {
  private slots: Int32Array;
  private serials: Uint32Array;
  private head = 0;
  private len = 0;

  constructor(initialCapacity = 1024) {
    this.slots = new Int32Array(initialCapacity);
    this.serials = new Uint32Array(initialCapacity);
  }

  get length(): number {
    return this.len;
  }

  push(slot: number, serial: number): void {
    if (this.len === this.slots.length) this.grow();
    const i = (this.head + this.len) & (this.slots.length - 1);
    this.slots[i] = slot;
    this.serials[i] = serial;
    this.len++;
  }

  slotAt(index: number): number {
    return this.slots[(this.head + index) & (this.slots.length - 1)]!;
  }

  serialAt(index: number): number {
    return this.serials[(this.head + index) & (this.slots.length - 1)]!;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.len--;
  }

  compact(keep: (slot: number, serial: number) => boolean): void {
    const mask = this.slots.length - 1;
    let w = 0;
    for (let r = 0; r < this.len; r++) {
      const ri = (this.head + r) & mask;
      const slot = this.slots[ri]!;
      const serial = this.serials[ri]!;
      if (!keep(slot, serial)) continue;
      const wi = (this.head + w++) & mask;
      this.slots[wi] = slot;
      this.serials[wi] = serial;
    }
    this.len = w;
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    this.slots = unwrappedRing(this.slots, this.head, this.len, cap);
    this.serials = unwrappedRing(this.serials, this.head, this.len, cap);
    this.head = 0;
  }
}

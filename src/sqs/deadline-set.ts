import { TimedDeque } from "./timed-deque.js";
import { TimedHeap } from "./timed-heap.js";

/**
 * Deadlines of (timeUs, slot, token): a deque for the common case where they arrive in order (constant timeouts),
 * a heap for the rest. The earliest entry is the earlier of the two heads; while the heap is empty (the usual
 * case) every call goes straight to the deque.
 */
export class DeadlineSet {
  private readonly ordered = new TimedDeque();
  private readonly unordered = new TimedHeap();
  private lastOrderedUs = -Infinity;

  get length(): number {
    return this.ordered.length + this.unordered.length;
  }

  push(timeUs: number, slot: number, token: number): void {
    if (timeUs >= this.lastOrderedUs || this.ordered.length === 0) {
      this.ordered.push(timeUs, slot, token);
      this.lastOrderedUs = timeUs;
    } else {
      this.unordered.push(timeUs, slot, token);
    }
  }

  peekTime(): number {
    const a = this.ordered.peekTime();
    if (this.unordered.length === 0) return a;
    const b = this.unordered.peekTime();
    return a <= b ? a : b;
  }

  /** Slot of the earliest entry (call only when length > 0). */
  peekSlot(): number {
    return this.fromDeque() ? this.ordered.peekSlot() : this.unordered.peekSlot();
  }

  peekToken(): number {
    return this.fromDeque() ? this.ordered.peekToken() : this.unordered.peekToken();
  }

  shift(): void {
    if (this.fromDeque()) this.ordered.shift();
    else this.unordered.pop();
  }

  /** Drops stale entries from the ordered part (the heap part is small and drains by itself). */
  compact(keep: (slot: number, token: number) => boolean): void {
    this.ordered.compact(keep);
  }

  private fromDeque(): boolean {
    return this.unordered.length === 0 || (this.ordered.length > 0 && this.ordered.peekTime() <= this.unordered.peekTime());
  }
}

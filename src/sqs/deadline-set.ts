import { TimedDeque } from "./timed-deque.js";
import { TimedHeap } from "./timed-heap.js";

/**
 * Deadlines of (timeUs, slot, token): a deque for the common case where they arrive in order (constant timeouts),
 * a heap for the rest. The earliest entry is the earlier of the two heads.
 */
export class DeadlineSet {
  private readonly ordered = new TimedDeque();
  private readonly unordered = new TimedHeap();

  get length(): number {
    return this.ordered.length + this.unordered.length;
  }

  push(timeUs: number, slot: number, token: number): void {
    if (timeUs >= this.ordered.lastTime()) this.ordered.push(timeUs, slot, token);
    else this.unordered.push(timeUs, slot, token);
  }

  peekTime(): number {
    const a = this.ordered.peekTime();
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
    return this.ordered.peekTime() <= this.unordered.peekTime();
  }
}

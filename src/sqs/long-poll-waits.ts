import { grown } from "../engine/typed-arrays.js";
import { DeadlineSet } from "./deadline-set.js";

/**
 * The long polls waiting on a queue (aws-behaviour 1.8, 2.6): per poller the request it made (batch size, when it
 * reaches SQS) and a token telling its current wait from one already served, ended or cancelled; and the wait ends
 * in time order, which with one wait time is also longest-waiting-first, the order polls are served in.
 */
export class LongPollWaits {
  private readonly ends = new DeadlineSet();
  private tokens = new Uint32Array(16);
  private waitingFlags = new Uint8Array(16);
  private batchSizes = new Uint8Array(16);
  private activeFrom = new Float64Array(16);

  /** Wait entries held, stale ones included: 0 means no poll can be waiting. */
  get length(): number {
    return this.ends.length;
  }

  /** Poller `pollerId` waits for up to `maxMessages` from activeFromUs for waitUs; returns when its wait ends. */
  add(pollerId: number, maxMessages: number, activeFromUs: number, waitUs: number): number {
    if (pollerId >= this.tokens.length) this.growTo(pollerId + 1);
    const token = ++this.tokens[pollerId]!;
    this.waitingFlags[pollerId] = 1;
    this.batchSizes[pollerId] = maxMessages;
    this.activeFrom[pollerId] = activeFromUs;
    const endUs = activeFromUs + waitUs;
    this.ends.push(endUs, pollerId, token);
    return endUs;
  }

  /** The poller's consumer went away: its wait is no longer served nor answered. */
  cancel(pollerId: number): void {
    if (pollerId < this.waitingFlags.length) this.waitingFlags[pollerId] = 0;
  }

  isWaiting(pollerId: number): boolean {
    return pollerId < this.waitingFlags.length && this.waitingFlags[pollerId] === 1;
  }

  /** The longest-waiting current poll, or -1 (entries of served or cancelled polls ahead of it are dropped). */
  peek(): number {
    this.dropStale();
    return this.ends.length > 0 ? this.ends.peekSlot() : -1;
  }

  maxMessagesOf(pollerId: number): number {
    return this.batchSizes[pollerId]!;
  }

  /** When the poll reaches SQS: it cannot be served before. */
  activeFromUsOf(pollerId: number): number {
    return this.activeFrom[pollerId]!;
  }

  /** Removes the poll peek() returned: it has been answered with messages. */
  served(): void {
    this.waitingFlags[this.ends.peekSlot()] = 0;
    this.ends.shift();
  }

  /** Removes and returns the next current poll whose wait has ended by nowUs, or -1 when there is none. */
  popEnded(nowUs: number): number {
    this.dropStale();
    if (this.ends.length === 0 || this.ends.peekTime() > nowUs) return -1;
    const pollerId = this.ends.peekSlot();
    this.served();
    return pollerId;
  }

  /** When the earliest current wait ends; Infinity when none. */
  nextEndUs(): number {
    this.dropStale();
    return this.ends.peekTime();
  }

  private dropStale(): void {
    const ends = this.ends;
    while (ends.length > 0) {
      const p = ends.peekSlot();
      if (this.waitingFlags[p] === 1 && this.tokens[p] === ends.peekToken()) return;
      ends.shift();
    }
  }

  private growTo(minimum: number): void {
    const cap = Math.max(minimum, this.tokens.length * 2);
    this.tokens = grown(this.tokens, cap);
    this.waitingFlags = grown(this.waitingFlags, cap);
    this.batchSizes = grown(this.batchSizes, cap);
    this.activeFrom = grown(this.activeFrom, cap);
  }
}

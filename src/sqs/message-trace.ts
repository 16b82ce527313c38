// Per-message traces (issue 17): what happened to each of the first N messages a queue accepted, recorded by the
// queue's own events as they happen — sent, received (by which poller, with which receipt), visibility expired or
// changed, deleted, a delete ignored (a stale receipt, a copy's, a message already gone), dead-lettered, expired. A
// queue without a trace checks one null and records nothing. Messages are named by their serial: the queue's 1-based
// order of acceptance.

export const TRACE_EVENTS = ["sent", "received", "visibilityExpired", "visibilityChanged", "deleted", "deleteIgnored", "deadLettered", "expired"] as const;
export type TraceEvent = (typeof TRACE_EVENTS)[number];

/** No poller or receipt for the event. */
export const NONE = -1;

export class MessageTrace {
  readonly timeUs: number[] = [];
  readonly message: number[] = [];
  readonly event: TraceEvent[] = [];
  /** The queue's poller id for a receive; NONE otherwise (the writer finds the receiver by its receipt). */
  readonly poller: number[] = [];
  /** The receipt a receive gave, or the one a delete or change used; 0 is a duplicate copy's; NONE without one. */
  readonly receipt: number[] = [];
  readonly detail: string[] = [];
  /** Set once the queue's serials wrap (past 2^32 messages): later serials would be taken for the first ones. */
  private wrapped = false;

  /** Traces messages 1..limit of the queue. */
  constructor(readonly limit: number) {}

  includes(serial: number): boolean {
    return serial <= this.limit && !this.wrapped;
  }

  noteSerial(serial: number): void {
    if (serial === 0xffffffff) this.wrapped = true;
  }

  record(timeUs: number, serial: number, event: TraceEvent, poller: number, receipt: number, detail: string): void {
    this.timeUs.push(timeUs);
    this.message.push(serial);
    this.event.push(event);
    this.poller.push(poller);
    this.receipt.push(receipt);
    this.detail.push(detail);
  }

  get length(): number {
    return this.timeUs.length;
  }
}

/** What a queue's delivery holds (its delivered arrays and receive counts), read by traceDelivery. */
export interface DeliveredMessages {
  readonly deliveredSlots: Int32Array;
  readonly deliveredTokens: Uint32Array;
  readonly deliveredSerials: Uint32Array;
  readonly store: { readonly receiveCount: Uint16Array | Uint32Array | number[] };
}

/** A delivery about to go to `poller`, for the trace: one "received" per traced message (receipt 0: a copy). */
export function traceDelivery(trace: MessageTrace, queue: DeliveredMessages, poller: number, count: number, nowUs: number): void {
  for (let i = 0; i < count; i++) {
    const serial = queue.deliveredSerials[i]!;
    if (!trace.includes(serial)) continue;
    const token = queue.deliveredTokens[i]!;
    const detail = token === 0 ? "a duplicate copy (at-least-once delivery)" : `receive ${queue.store.receiveCount[queue.deliveredSlots[i]!]}`;
    trace.record(nowUs, serial, "received", poller, token, detail);
  }
}

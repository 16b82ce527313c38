// Per-message traces (issue 17): what happened to each of the first N messages a queue accepted, recorded by the
// queue's own events as they happen — sent, received (by which poller, with which receipt), visibility expired or
// changed, deleted, a delete ignored (a stale receipt, a copy's, a message already gone), dead-lettered, expired. A
// queue without a trace checks one null and records nothing. Messages are named by their serial: the queue's 1-based
// order of acceptance.

export const TRACE_EVENTS = [
  "sent",
  "received",
  "visibilityExpired",
  "visibilityChanged",
  "visibilityChangeRefused",
  "deleted",
  "deleteIgnored",
  "deadLettered",
  "expired",
] as const;
export type TraceEvent = (typeof TRACE_EVENTS)[number];

/** The detail of a ChangeMessageVisibility to 0: the message is visible again at once (the report draws it so). */
export const VISIBLE_NOW = "timeout 0 s from now";

/** Why a ChangeMessageVisibility past 12 h after its receive is refused (aws-behaviour 1.27). */
export const PAST_TWELVE_HOURS = "it would reach past 12 h after the receive (1.27)";

/** No poller or receipt for the event. */
export const NONE = -1;

/**
 * The most events a trace keeps: a poison message on a short visibility timeout, or heartbeats every second, add
 * rows without end, and each costs memory until messages.csv is written. Past it the trace stops and says when.
 */
export const MAX_TRACE_EVENTS = 500_000;

export class MessageTrace {
  readonly timeUs: number[] = [];
  readonly message: number[] = [];
  readonly event: TraceEvent[] = [];
  /** The queue's poller id for a receive; NONE otherwise (the writer finds the receiver by its receipt). */
  readonly poller: number[] = [];
  /** The receipt a receive gave, or the one a delete or change used; 0 is a duplicate copy's; NONE without one. */
  readonly receipt: number[] = [];
  readonly detail: string[] = [];
  /** The receiving consumer's name, taken when it received (its slot may be another worker's by the end); "" else. */
  readonly consumer: string[] = [];
  /** Set once the queue's serials wrap (past 2^32 messages): later serials would be taken for the first ones. */
  private wrapped = false;

  /** When the trace stopped at MAX_TRACE_EVENTS (µs), or null while it records. */
  stoppedAtUs: number | null = null;

  /** Traces messages 1..limit of the queue, up to maxEvents events in all. */
  constructor(
    readonly limit: number,
    private readonly maxEvents = MAX_TRACE_EVENTS,
  ) {}

  includes(serial: number): boolean {
    return serial <= this.limit && !this.wrapped && this.stoppedAtUs === null;
  }

  noteSerial(serial: number): void {
    if (serial === 0xffffffff) this.wrapped = true;
  }

  record(timeUs: number, serial: number, event: TraceEvent, poller: number, receipt: number, detail: string, consumer = ""): void {
    if (this.timeUs.length >= this.maxEvents) {
      this.stoppedAtUs = timeUs;
      return;
    }
    this.timeUs.push(timeUs);
    this.message.push(serial);
    this.event.push(event);
    this.poller.push(poller);
    this.receipt.push(receipt);
    this.detail.push(detail);
    this.consumer.push(consumer);
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
  readonly pollers: { label(pollerId: number): string };
}

/** A delivery about to go to `poller`, for the trace: one "received" per traced message (receipt 0: a copy). */
export function traceDelivery(trace: MessageTrace, queue: DeliveredMessages, poller: number, count: number, nowUs: number): void {
  for (let i = 0; i < count; i++) {
    const serial = queue.deliveredSerials[i]!;
    if (!trace.includes(serial)) continue;
    const token = queue.deliveredTokens[i]!;
    const detail = token === 0 ? "a duplicate copy (at-least-once delivery)" : `receive ${queue.store.receiveCount[queue.deliveredSlots[i]!]}`;
    trace.record(nowUs, serial, "received", poller, token, detail, queue.pollers.label(poller));
  }
}

// The per-message trace as rows (messages.csv, issue 17): each event with the consumer that caused it — the poller
// that received, or, for a delete or a visibility change, the poller whose receive gave the receipt it used.
import { type MessageTrace, NONE, type TraceEvent } from "../sqs/message-trace.js";

export interface TraceRow {
  timeS: number;
  message: number;
  event: TraceEvent;
  /** "consumers#3"; empty for the queue's own events (sent, expiry, dead-lettering). */
  consumer: string;
  /** The receipt a receive gave or a call used ("copy" for a duplicate copy's); empty without one. */
  receipt: string;
  detail: string;
}

export function traceRows(trace: MessageTrace, pollerLabel: (poller: number) => string): TraceRow[] {
  return new TraceRowCursor(pollerLabel).next(trace);
}

/** Reads a trace as rows a part at a time, as it grows (the playground's message view): each call the rows since the last. */
export class TraceRowCursor {
  private readonly receiver = new Map<number, string>();
  // A copy's receipt is the same for every copy (0): a call with one names the consumer that last received a copy of
  // that message (a message has rarely more than one copy out at a time).
  private readonly copyReceiver = new Map<number, string>();
  private read = 0;

  constructor(private readonly pollerLabel: (poller: number) => string) {}

  next(trace: MessageTrace): TraceRow[] {
    const rows: TraceRow[] = [];
    for (let i = this.read; i < trace.length; i++) {
      const receipt = trace.receipt[i]!;
      const poller = trace.poller[i]!;
      let consumer = "";
      const message = trace.message[i]!;
      if (poller !== NONE) {
        consumer = trace.consumer[i] !== "" ? trace.consumer[i]! : this.pollerLabel(poller);
        if (receipt > 0) this.receiver.set(receipt, consumer);
        else if (receipt === 0) this.copyReceiver.set(message, consumer);
      } else if (receipt > 0) consumer = this.receiver.get(receipt) ?? "";
      else if (receipt === 0) consumer = this.copyReceiver.get(message) ?? "";
      rows.push({
        timeS: trace.timeUs[i]! / 1e6,
        message,
        event: trace.event[i]!,
        consumer,
        receipt: receipt === NONE ? "" : receipt === 0 ? "copy" : String(receipt),
        detail: trace.detail[i]!,
      });
    }
    this.read = trace.length;
    return rows;
  }
}

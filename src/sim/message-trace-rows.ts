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
  const receiver = new Map<number, string>();
  // A copy's receipt is the same for every copy (0): a call with one names the consumer that last received a copy of
  // that message (a message has rarely more than one copy out at a time).
  const copyReceiver = new Map<number, string>();
  const rows: TraceRow[] = [];
  for (let i = 0; i < trace.length; i++) {
    const receipt = trace.receipt[i]!;
    const poller = trace.poller[i]!;
    let consumer = "";
    const message = trace.message[i]!;
    if (poller !== NONE) {
      consumer = trace.consumer[i] !== "" ? trace.consumer[i]! : pollerLabel(poller);
      if (receipt > 0) receiver.set(receipt, consumer);
      else if (receipt === 0) copyReceiver.set(message, consumer);
    } else if (receipt > 0) consumer = receiver.get(receipt) ?? "";
    else if (receipt === 0) consumer = copyReceiver.get(message) ?? "";
    rows.push({
      timeS: trace.timeUs[i]! / 1e6,
      message,
      event: trace.event[i]!,
      consumer,
      receipt: receipt === NONE ? "" : receipt === 0 ? "copy" : String(receipt),
      detail: trace.detail[i]!,
    });
  }
  return rows;
}

// The playground's message view (issue 17): where each traced message is now, read from the queue's own trace
// events (sqs/message-trace.ts) as the run advances — delayed, visible, in flight (with whose receipt and until
// when), deleted, dead-lettered or expired — and each message's history for the page's tooltip. Pure.
import { type TraceRow } from "../sim/message-trace-rows.js";

/** The first messages of a run, each drawn as a dot in the page's message view (traced from the queue's events). */
export const TRACED_MESSAGES = 500;

export type MessagePlace = "delayed" | "visible" | "inFlight" | "deleted" | "deadLettered" | "expired";
export const MESSAGE_PLACES: readonly MessagePlace[] = ["delayed", "visible", "inFlight", "deleted", "deadLettered", "expired"];

export interface BoardMessage {
  /** The message's serial: the queue's 1-based order of acceptance. */
  id: number;
  place: MessagePlace;
  /** A FIFO message's group. */
  group?: string;
  /** In flight: the consumer whose receive holds it. */
  consumer?: string;
  /** Delayed: when it becomes visible; in flight: when its visibility timeout ends (seconds). */
  untilS?: number;
  /** When its visibility timeout began (the receive, or the last ChangeMessageVisibility): the countdown's start. */
  sinceS?: number;
  receives: number;
}

interface Tracked extends BoardMessage {
  history: TraceRow[];
}

/** "group g3" or "group g3, delayed 5 s" (a FIFO send), "delayed 5 s" (a standard one): see the queues' "sent". */
const GROUP = /^group (\S+?)(?:,|$)/;
const DELAY = /delayed ([0-9.e+-]+) s/;
const TIMEOUT = /^timeout ([0-9.e+-]+) s from now$/;

/** How many of the messages are in each place. */
export function countPlaces(messages: readonly BoardMessage[]): Record<MessagePlace, number> {
  const counts = Object.fromEntries(MESSAGE_PLACES.map((p) => [p, 0])) as Record<MessagePlace, number>;
  for (const m of messages) counts[m.place]++;
  return counts;
}

export class MessageBoard {
  private readonly byId = new Map<number, Tracked>();

  /** `visibilityTimeoutS`: the queue's, which every receive starts (aws-behaviour 1.2). */
  constructor(private readonly visibilityTimeoutS: number) {}

  apply(rows: readonly TraceRow[]): void {
    for (const row of rows) this.applyRow(row);
  }

  private applyRow(row: TraceRow): void {
    let m = this.byId.get(row.message);
    if (m === undefined) {
      m = { id: row.message, place: "visible", receives: 0, history: [] };
      this.byId.set(row.message, m);
    }
    m.history.push(row);
    switch (row.event) {
      case "sent": {
        const group = GROUP.exec(row.detail);
        if (group) m.group = group[1]!;
        const delay = DELAY.exec(row.detail);
        if (delay) {
          m.place = "delayed";
          m.untilS = row.timeS + Number(delay[1]);
        }
        return;
      }
      case "received":
        // A duplicate copy (at-least-once) leaves the message itself where it is.
        if (row.receipt === "copy") return;
        m.receives++;
        this.holdUntil(m, row.timeS, row.timeS + this.visibilityTimeoutS, row.consumer);
        return;
      case "visibilityChanged": {
        const timeout = TIMEOUT.exec(row.detail);
        if (m.place !== "inFlight" || timeout === null || row.receipt === "copy") return;
        const seconds = Number(timeout[1]);
        if (seconds === 0) this.release(m);
        else this.holdUntil(m, row.timeS, row.timeS + seconds, m.consumer ?? row.consumer);
        return;
      }
      case "visibilityExpired":
        this.release(m);
        return;
      case "deleted":
      case "deadLettered":
      case "expired":
        this.release(m);
        m.place = row.event;
        return;
      default:
        return; // deleteIgnored, visibilityChangeRefused: the message stays where it is.
    }
  }

  private holdUntil(m: Tracked, sinceS: number, untilS: number, consumer: string): void {
    m.place = "inFlight";
    m.sinceS = sinceS;
    m.untilS = untilS;
    m.consumer = consumer;
  }

  private release(m: Tracked): void {
    m.place = "visible";
    delete m.untilS;
    delete m.sinceS;
    delete m.consumer;
  }

  /** Every traced message at `nowS`, by id (a delayed one whose delay has passed is visible). */
  messages(nowS: number): BoardMessage[] {
    const out: BoardMessage[] = [];
    for (const m of this.byId.values()) {
      const { history: _history, ...shown } = m;
      if (shown.place === "delayed" && shown.untilS !== undefined && shown.untilS <= nowS) {
        shown.place = "visible";
        delete shown.untilS;
      }
      out.push(shown);
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** How many traced messages are in each place at `nowS`. */
  counts(nowS: number): Record<MessagePlace, number> {
    return countPlaces(this.messages(nowS));
  }

  /** A message's events so far, oldest first; empty for a message not traced (or not sent yet). */
  history(id: number): TraceRow[] {
    return this.byId.get(id)?.history.slice() ?? [];
  }

  get size(): number {
    return this.byId.size;
  }
}

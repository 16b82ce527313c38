// The traced messages as a swimlane timeline (sqs-sim run --trace-messages, issue 17): one lane per message, solid
// while it waits visible in the queue, dashed while a consumer holds it in flight, with markers where it was deleted,
// where a delete was ignored (a stale receipt), and where it was dead-lettered or expired. Hover for the consumer,
// the receipt and why.
import { type TraceRow } from "../../sim/message-trace-rows.js";
import { VISIBLE_NOW } from "../../sqs/message-trace.js";
import { type RunData } from "../run-data.js";
import { type ChartSpec } from "./chart-spec.js";
import { chartTitle, dataset, timeFrameChart, yScale } from "./chart-kit.js";
import { type Point } from "./series-view.js";

const MARK_LABELS = {
  received: "received",
  copy: "duplicate copy received",
  deleted: "deleted",
  deleteIgnored: "delete ignored",
  deadLettered: "dead-lettered",
  expired: "expired",
};

/** Lanes drawn at most: more would not be told apart in a 600-pixel chart (messages.csv holds them all). */
export const MAX_LANES = 100;

interface Lanes {
  waiting: Point[];
  inFlight: Point[];
  marks: Record<"received" | "copy" | "deleted" | "deleteIgnored" | "deadLettered" | "expired", Point[]>;
}

const why = (r: TraceRow): string => [r.consumer, r.receipt === "" ? "" : `receipt ${r.receipt}`, r.detail].filter((x) => x !== "").join(", ");

function segment(points: Point[], lane: number, fromS: number, toS: number, note: string): void {
  // A message received the instant it was sent or came back has no stretch to draw (its receive is marked).
  if (toS <= fromS) return;
  points.push({ x: fromS, y: lane, note }, { x: toS, y: lane, note }, { x: toS, y: null });
}

/** Each message's stretches waiting and in flight, and its marks, from its events in order. */
function lanes(rows: readonly TraceRow[], durationSeconds: number): Lanes {
  const out: Lanes = { waiting: [], inFlight: [], marks: { received: [], copy: [], deleted: [], deleteIgnored: [], deadLettered: [], expired: [] } };
  const byMessage = new Map<number, TraceRow[]>();
  for (const r of rows) {
    if (r.message > MAX_LANES) continue;
    let events = byMessage.get(r.message);
    if (events === undefined) byMessage.set(r.message, (events = []));
    events.push(r);
  }
  for (const [m, events] of byMessage) {
    let waitingSince: number | null = null;
    let heldSince: { at: number; note: string } | null = null;
    const endHold = (at: number) => {
      if (heldSince !== null) segment(out.inFlight, m, heldSince.at, at, heldSince.note);
      heldSince = null;
    };
    const endWait = (at: number) => {
      if (waitingSince !== null) segment(out.waiting, m, waitingSince, at, `message ${m} waiting`);
      waitingSince = null;
    };
    for (const r of events) {
      if (r.event === "sent") waitingSince = r.timeS;
      else if (r.event === "received" && r.receipt !== "copy") {
        endWait(r.timeS);
        endHold(r.timeS);
        heldSince = { at: r.timeS, note: `message ${m} in flight: ${why(r)}` };
        out.marks.received.push({ x: r.timeS, y: m, note: `message ${m} received: ${why(r)}` });
      } else if (r.event === "visibilityExpired" || (r.event === "visibilityChanged" && r.detail === VISIBLE_NOW)) {
        endHold(r.timeS);
        waitingSince = r.timeS;
      } else if (r.event === "deleted" || r.event === "deadLettered" || r.event === "expired") {
        endHold(r.timeS);
        endWait(r.timeS);
        out.marks[r.event].push({ x: r.timeS, y: m, note: `message ${m} ${r.event}: ${why(r)}` });
      } else if (r.event === "received") out.marks.copy.push({ x: r.timeS, y: m, note: `message ${m}: ${why(r)}` });
      else if (r.event === "deleteIgnored") out.marks.deleteIgnored.push({ x: r.timeS, y: m, note: `message ${m}: delete ignored, ${why(r)}` });
    }
    endHold(durationSeconds);
    endWait(durationSeconds);
  }
  return out;
}

export function messageTraceChart(run: RunData): ChartSpec | null {
  const rows = run.messageTrace;
  if (rows === undefined || rows.length === 0) return null;
  const l = lanes(rows, run.context.durationSeconds);
  const traced = new Set(rows.map((r) => r.message)).size;
  const datasets = [
    dataset("visible", l.waiting, { label: "waiting (visible or delayed)" }),
    dataset("inFlight", l.inFlight, { label: "in flight (held by a consumer)" }),
  ];
  for (const [name, points] of Object.entries(l.marks) as [keyof Lanes["marks"], Point[]][]) {
    if (points.length > 0) datasets.push(dataset(name, points, { markersOnly: true, label: `${MARK_LABELS[name]} (${points.length})` }));
  }
  const title = "Messages, one lane each";
  const shown = traced > MAX_LANES ? `the first ${MAX_LANES} of ${traced} traced messages (all are in messages.csv)` : null;
  return {
    id: "messages",
    title,
    howToRead:
      "Each traced message on its own lane, numbered in the order the queue accepted it: solid while it waits in the queue, " +
      "dashed while a consumer holds it in flight (its visibility timeout running), a triangle at each receive. A dashed stretch that ends without a " +
      "delete and goes back to solid is a visibility timeout that ran out: the message is received again, perhaps by " +
      "another consumer, and a cross marks the first consumer's delete ignored for its stale receipt. Hover a stretch or a " +
      "mark for the consumer, the receipt and why. messages.csv holds every event.",
    config: timeFrameChart({ durationSeconds: run.context.durationSeconds, startEpochMs: run.context.startEpochMs, title: chartTitle(title, run) }, [shown], {
      title,
      datasets,
      yScales: {
        y: {
          ...yScale("message (order accepted)"),
          reverse: true,
          beginAtZero: false,
          min: 0.5,
          max: Math.min(traced, MAX_LANES) + 0.5,
          ticks: { stepSize: 1, precision: 0, font: { size: 13 } },
        },
      },
      yFormats: { y: { kind: "count" } },
    }),
  };
}

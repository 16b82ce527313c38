// The playground's message view (issue 17): where each traced message is, read from the queue's trace events. Where
// every message of a run is traced, the view's counts at the end are the summary's, place by place.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MessageBoard } from "../../src/playground/message-board.js";
import { SimSession, TRACED_MESSAGES } from "../../src/playground/sim-session.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs a shipped scenario in a session to its end: the board's counts and the summary. */
function finished(file: string, sets: string[]) {
  const session = new SimSession();
  const loaded = session.handle({ type: "load", text: readFileSync(`${ROOT}scenarios/${file}`, "utf8"), sets });
  if (loaded.type !== "loaded") throw new Error(JSON.stringify(loaded));
  const done = session.handle({ type: "finish" });
  if (done.type !== "finished") throw new Error(JSON.stringify(done));
  return { session, board: done.board, summary: JSON.parse(done.summaryJson) };
}

function expectCountsOfSummary(board: ReturnType<typeof finished>["board"], summary: any): void {
  const m = summary.messages;
  expect(m.sent).toBeLessThanOrEqual(TRACED_MESSAGES);
  expect(board.messages.length).toBe(m.sent);
  expect(board.counts).toEqual({
    deleted: m.deleted,
    deadLettered: m.deadLettered,
    expired: m.expired,
    visible: m.remaining.visible,
    inFlight: m.remaining.inFlight,
    delayed: m.remaining.delayed,
  });
}

describe("the playground's message view", () => {
  it("counts what the summary counts: deleted, dead-lettered, expired, and what remains visible or in flight", () => {
    // Poison messages (1%) reach the dead-letter queue; 2 min at 2 msg/s is 240 messages, all traced.
    const { board, summary } = finished("dead-letter-queue.yaml", ["duration=2m", "producers.0.traffic.0.constant=2", "consumers.failures.poison=0.05"]);
    expect(summary.messages.deadLettered).toBeGreaterThan(0);
    expectCountsOfSummary(board, summary);
    // Expiry: a retention of 1 min with nothing to receive them.
    const expiring = finished("dead-letter-queue.yaml", ["duration=3m", "producers.0.traffic.0.constant=1", "queue.retention=1m", "fleet.instances=0"]);
    expect(expiring.summary.messages.expired).toBeGreaterThan(0);
    expectCountsOfSummary(expiring.board, expiring.summary);
  });

  it("holds delayed messages until their delay ends, and shows each message's receives and the consumer holding it", () => {
    const { board, summary } = finished("delay-queue.yaml", ["duration=100s"]);
    expect(summary.messages.remaining.delayed).toBeGreaterThan(0);
    expectCountsOfSummary(board, summary);
    const vt = finished("visibility-timeout-too-short.yaml", ["duration=5m"]);
    expectCountsOfSummary(vt.board, vt.summary);
    const held = vt.board.messages.filter((m) => m.place === "inFlight");
    expect(held.length).toBe(vt.summary.messages.remaining.inFlight);
    for (const m of held) {
      expect(m.consumer).toMatch(/^consumers#\d+$/);
      expect(m.untilS! - m.sinceS!).toBe(30);
      expect(m.untilS).toBeGreaterThan(300);
    }
    // Redelivered messages were received more than once (each a receive of the board's count).
    const receives = vt.board.messages.reduce((n, m) => n + m.receives, 0);
    expect(receives).toBe(vt.summary.messages.received);
  });

  it("gives a message's history, and a FIFO message its group", () => {
    const { session, board } = finished("fifo-hot-group.yaml", ["duration=20s"]);
    expect(board.fifo).toBe(true);
    expect(board.messages.every((m) => typeof m.group === "string" && m.group !== "")).toBe(true);
    const history = session.handle({ type: "history", message: 1 });
    expect(history.type === "history" && history.rows.map((r) => r.event).slice(0, 2)).toEqual(["sent", "received"]);
    expect(session.handle({ type: "history", message: 10_000 })).toEqual({ type: "history", message: 10_000, rows: [] });
  });

  it("reads a visibility change to 0 as visible again at once, and one to 45 s as a new countdown", () => {
    const board = new MessageBoard(30);
    const row = (timeS: number, event: any, detail = "", receipt = "7") => ({ timeS, message: 1, event, consumer: "c#1", receipt, detail });
    board.apply([row(0, "sent", "", ""), row(1, "received", "receive 1")]);
    expect(board.messages(2)[0]).toMatchObject({ place: "inFlight", sinceS: 1, untilS: 31, consumer: "c#1", receives: 1 });
    board.apply([row(10, "visibilityChanged", "timeout 45 s from now")]);
    expect(board.messages(11)[0]).toMatchObject({ place: "inFlight", sinceS: 10, untilS: 55 });
    board.apply([row(12, "visibilityChanged", "timeout 0 s from now")]);
    expect(board.messages(13)[0]).toEqual({ id: 1, place: "visible", receives: 1 });
    board.apply([row(20, "deleteIgnored", "a stale receipt"), row(21, "received", "receive 2", "8"), row(22, "deleted", "", "8")]);
    expect(board.counts(23)).toMatchObject({ deleted: 1, visible: 0 });
    expect(board.history(1).map((r) => r.event)).toEqual([
      "sent",
      "received",
      "visibilityChanged",
      "visibilityChanged",
      "deleteIgnored",
      "received",
      "deleted",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { MessageFlag } from "../../../src/sqs/message-store.js";
import { FifoHarness, HOUR, S, pairs } from "./fifo-harness.js";

const A = 1;
const B = 2;
const DAY = 24 * HOUR;

describe("poison messages and the FIFO dead-letter queue (aws-behaviour 1.18, 12.3, 12.5)", () => {
  it("a poison message blocks its group until it is dead-lettered, then the group goes on in order", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S, deadLetter: { maxReceiveCount: 3, retentionUs: 4 * DAY } });
    h.send(A, undefined, 1_000, MessageFlag.Poison);
    h.send(A);
    h.send(A);
    h.send(B);
    const log: [number, number, number][] = [];
    // A consumer polling every second for one message, deleting all but poison ones.
    for (let t = 0; t <= 40; t++) {
      h.runUntil(t * S);
      for (const m of h.receive(0, 1, 0)!) {
        log.push([t, m.group, m.seq]);
        if (!h.queue.isPoison(m.slot)) expect(h.delete(m)).toBe(true);
      }
    }
    // A0 is received 3 times (0, 10, 20 s); A1 and A2 wait behind it; B is not held up.
    expect(log).toEqual([
      [0, A, 0],
      [1, B, 0],
      [10, A, 0],
      [20, A, 0],
      [30, A, 1], // the receive at 30 s moves A0 and returns A1 in its place
      [31, A, 2],
    ]);
    expect(h.queue.deadLettered).toBe(1);
    expect(h.queue.deadLetterDepth).toBe(1);
    expect(h.ended.find((e) => e.reason === "deadLettered")).toEqual({ group: A, seq: 0, reason: "deadLettered", nowUs: 30 * S });
    expect(h.conserved()).toBe(true);
  });

  it("with a batch, the rest of the group is delivered with the poison head and then waits for it", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S, deadLetter: { maxReceiveCount: 2, retentionUs: 4 * DAY } });
    h.send(A, undefined, 1_000, MessageFlag.Poison);
    h.send(A);
    const first = h.receive(0, 10, 0)!;
    expect(pairs(first)).toEqual([
      [A, 0],
      [A, 1],
    ]);
    h.delete(first[1]!);
    h.send(A);
    h.runUntil(10 * S);
    const second = h.receive(0, 10, 0)!;
    expect(pairs(second)).toEqual([
      [A, 0],
      [A, 2],
    ]);
    h.delete(second[1]!);
    h.runUntil(20 * S);
    expect(h.receive(0, 10, 0)).toEqual([]); // A0 moved: nothing else left
    expect(h.queue.deadLettered).toBe(1);
    h.send(A);
    expect(pairs(h.receive(0, 10, 0))).toEqual([[A, 3]]);
  });

  it("the move happens at the receive after the last allowed one, not at the visibility expiry", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S, deadLetter: { maxReceiveCount: 1, retentionUs: 4 * DAY } });
    h.send(A);
    h.receive(0, 1, 0);
    h.runUntil(300 * S);
    expect(h.queue.deadLettered).toBe(0);
    expect(h.queue.visible).toBe(1);
    expect(h.receive(0, 1, 0)).toEqual([]);
    expect(h.queue.deadLettered).toBe(1);
    expect(h.queue.visible).toBe(0);
  });
});

describe("FIFO dead-letter retention counts from the move (aws-behaviour 1.23, 12.4)", () => {
  it("a message that spent a day in the source lives the full DLQ retention after its move", () => {
    const retention = 4 * DAY;
    const h = new FifoHarness({ visibilityTimeoutUs: 12 * HOUR, retentionUs: retention, deadLetter: { maxReceiveCount: 2, retentionUs: retention } });
    h.send(A);
    h.receive(0, 1, 0);
    h.runUntil(12 * HOUR);
    h.receive(0, 1, 0);
    h.runUntil(1 * DAY);
    expect(h.receive(0, 1, 0)).toEqual([]); // moved at 1 d
    expect(h.queue.deadLetterDepth).toBe(1);
    // A standard DLQ would drop it at 4 d (sent + retention); a FIFO one keeps it until 1 d + 4 d.
    h.runUntil(4 * DAY + HOUR);
    expect(h.queue.deadLetterDepth).toBe(1);
    h.runUntil(5 * DAY - 1);
    expect(h.queue.deadLetterDepth).toBe(1);
    h.runUntil(5 * DAY);
    expect(h.queue.deadLetterDepth).toBe(0);
    expect(h.queue.deadLetterExpired).toBe(1);
  });
});

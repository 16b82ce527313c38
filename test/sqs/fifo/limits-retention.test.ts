import { describe, expect, it } from "vitest";
import { FifoHarness, FifoSendOutcome, S, pairs } from "./fifo-harness.js";

const A = 1;
const B = 2;

describe("in-flight limit (aws-behaviour 1.15)", () => {
  it("a receive takes no more messages than the room left under the limit, even within one group", () => {
    const h = new FifoHarness({ inFlightLimit: 3 });
    for (let i = 0; i < 5; i++) h.send(A);
    h.send(B);
    expect(pairs(h.receive(0, 10, 0))).toEqual([
      [A, 0],
      [A, 1],
      [A, 2],
    ]);
    expect(h.queue.inFlight).toBe(3);
  });

  it("at the limit a short poll returns nothing without an error: an empty receive, not an overLimit (1.15)", () => {
    const h = new FifoHarness({ inFlightLimit: 2 });
    h.send(A);
    h.send(B);
    h.send(3);
    h.receive(0, 10, 0);
    expect(h.receive(1, 10, 0)).toEqual([]);
    expect(h.queue.requests.overLimit).toBe(0);
    expect(h.queue.requests.emptyReceive).toBe(1);
    expect(h.queue.visible).toBe(1);
  });

  it("at the limit a long poll waits and is served when a delete makes room", () => {
    const h = new FifoHarness({ inFlightLimit: 2 });
    h.send(A);
    h.send(B);
    h.send(3);
    const held = h.receive(0, 10, 0)!;
    h.runUntil(1 * S);
    expect(h.receive(1, 10, 20 * S)).toBeNull();
    h.runUntil(4 * S);
    expect(h.delete(held[0]!)).toBe(true);
    expect(h.deliveries.at(-1)).toMatchObject({ pollerId: 1, nowUs: 4 * S });
    expect(pairs(h.deliveries.at(-1)!.messages)).toEqual([[3, 0]]);
    expect(h.queue.requests.overLimit).toBe(0);
  });
});

describe("retention (aws-behaviour 1.3)", () => {
  it("a message expires wherever it is in its group, in flight included; the group goes on with its next message", () => {
    const h = new FifoHarness({ retentionUs: 60 * S, visibilityTimeoutUs: 600 * S });
    h.send(A); // A0 at 0
    h.runUntil(10 * S);
    h.send(A); // A1 at 10 s
    h.runUntil(20 * S);
    const [a0] = h.receive(0, 1, 0)!; // A0 in flight, blocking A
    h.runUntil(30 * S);
    h.send(A); // A2 at 30 s
    h.runUntil(59 * S);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.runUntil(60 * S); // A0 expires in flight: A is unblocked
    expect(h.ended).toEqual([{ group: A, seq: 0, reason: "expired", nowUs: 60 * S }]);
    expect(h.delete(a0!)).toBe(false);
    h.runUntil(70 * S); // A1 expires while it is the visible head
    expect(pairs(h.receive(0, 10, 0))).toEqual([[A, 2]]);
    expect(h.queue.expired).toBe(2);
    expect(h.queue.activeGroups).toBe(1);
    expect(h.conserved()).toBe(true);
  });

  it("a message expiring in the middle of a delivered batch leaves the rest of the batch in flight", () => {
    const h = new FifoHarness({ retentionUs: 60 * S, visibilityTimeoutUs: 600 * S });
    h.send(A);
    h.runUntil(30 * S);
    h.send(A);
    h.send(A);
    const batch = h.receive(0, 10, 0)!;
    expect(batch).toHaveLength(3);
    h.runUntil(60 * S);
    expect(h.queue.expired).toBe(1);
    expect(h.queue.inFlight).toBe(2);
    expect(h.queue.groupsWithInFlight).toBe(1);
    expect(h.delete(batch[1]!)).toBe(true);
    expect(h.delete(batch[2]!)).toBe(true);
    expect(h.queue.groupsWithInFlight).toBe(0);
    expect(h.queue.activeGroups).toBe(0);
  });
});

describe("queue delay on FIFO (aws-behaviour 1.5-1.7, 3.9)", () => {
  it("every message is delayed by the queue delay, then delivered in group order", () => {
    const h = new FifoHarness({ delayUs: 5 * S });
    h.send(A);
    h.runUntil(1 * S);
    h.send(A);
    expect(h.queue.delayed).toBe(2);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.runUntil(5 * S);
    expect(h.queue.delayed).toBe(1);
    expect(pairs(h.receive(0, 10, 0))).toEqual([[A, 0]]);
    h.runUntil(6 * S);
    expect(h.receive(0, 10, 0)).toEqual([]); // A1 visible, but A0 is in flight
    expect(h.conserved()).toBe(true);
  });

  it("a receive takes only the visible part of a group; the delayed tail waits", () => {
    const h = new FifoHarness({ delayUs: 5 * S });
    h.send(A);
    h.runUntil(5 * S);
    h.send(A);
    expect(pairs(h.receive(0, 10, 0))).toEqual([[A, 0]]);
  });
});

describe("sizes and billing (aws-behaviour 1.10, 10.2)", () => {
  it("rejects a message above the maximum size; bills a receive by its payload in 64 KiB chunks", () => {
    const h = new FifoHarness({ maxMessageSizeBytes: 262_144 });
    expect(h.send(A, undefined, 262_145)).toBe(FifoSendOutcome.Rejected);
    h.send(A, undefined, 100_000);
    h.send(A, undefined, 100_000);
    h.receive(0, 10, 0);
    expect(h.queue.requests.billable).toBe(4); // 200,000 B = 4 chunks
    expect(h.queue.sentBytes).toBe(200_000);
    expect(h.queue.rejected).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { FifoHarness, S, pairs } from "./fifo-harness.js";

const A = 100;
const B = 200;
const C = 300;

describe("group blocking (aws-behaviour 3.3)", () => {
  it("while a message of a group is in flight, no other message of that group is delivered; other groups are", () => {
    const h = new FifoHarness();
    h.send(A);
    h.send(A);
    h.send(B);
    expect(h.receivePairs(0, 1)).toEqual([[A, 0]]);
    expect(h.receivePairs(0, 1)).toEqual([[B, 0]]);
    // A1 is visible but A0 is in flight: nothing to give.
    expect(h.receive(0, 10, 0)).toEqual([]);
    expect(h.queue.visible).toBe(1);
    expect(h.queue.groupsWithInFlight).toBe(2);
  });

  it("deleting the in-flight message unblocks its group", () => {
    const h = new FifoHarness();
    h.send(A);
    h.send(A);
    const [a0] = h.receive(0, 1, 0)!;
    expect(h.receive(0, 1, 0)).toEqual([]);
    expect(h.delete(a0!)).toBe(true);
    expect(h.receivePairs(0, 1)).toEqual([[A, 1]]);
  });

  it("a message sent to a group with a batch in flight waits for the whole batch", () => {
    const h = new FifoHarness();
    h.send(A);
    h.send(A);
    const batch = h.receive(0, 10, 0)!;
    expect(pairs(batch)).toEqual([
      [A, 0],
      [A, 1],
    ]);
    h.send(A);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.delete(batch[0]!);
    expect(h.receive(0, 10, 0)).toEqual([]); // A1 still in flight
    h.delete(batch[1]!);
    expect(h.receivePairs()).toEqual([[A, 2]]);
  });
});

describe("order within a group under redelivery (aws-behaviour 3.2, 12.2)", () => {
  it("a message not deleted in time comes back before every later message of its group, with its receive count raised", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 30 * S });
    for (let i = 0; i < 5; i++) h.send(A);
    h.send(B);
    const first = h.receive(0, 2, 0)!;
    expect(pairs(first)).toEqual([
      [A, 0],
      [A, 1],
    ]);
    h.delete(first[0]!); // A1 fails: never deleted
    const b = h.receive(0, 10, 0)!;
    expect(pairs(b)).toEqual([[B, 0]]);
    h.delete(b[0]!);
    h.runUntil(29 * S);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.runUntil(30 * S);
    const again = h.receive(0, 10, 0)!;
    expect(pairs(again)).toEqual([
      [A, 1],
      [A, 2],
      [A, 3],
      [A, 4],
    ]);
    expect(h.queue.store.receiveCount[again[0]!.slot]).toBe(2);
    expect(h.queue.redelivered).toBe(1);
    expect(h.queue.received).toBe(7);
  });

  it("groups interleave: each is in order, the groups among themselves are not", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S });
    h.sendRoundRobin([A, B], 3); // A0 B0 A1 B1 A2 B2
    const a = h.receive(0, 1, 0)!; // A0, left to expire
    const b = h.receive(0, 3, 0)!;
    expect(pairs(b)).toEqual([
      [B, 0],
      [B, 1],
      [B, 2],
    ]);
    for (const m of b) h.delete(m);
    h.runUntil(10 * S);
    expect(pairs(h.receive(0, 10, 0))).toEqual([
      [A, 0],
      [A, 1],
      [A, 2],
    ]);
    expect(a).toHaveLength(1);
  });
});

describe("a receive fills its batch from as few groups as possible, oldest head first (aws-behaviour 3.4)", () => {
  it("takes the whole run of the group with the earliest head, then the next group's, in order", () => {
    const h = new FifoHarness();
    h.sendRoundRobin([A, B, C], 4); // A0 B0 C0 A1 B1 C1 ...
    expect(h.receivePairs(0, 10)).toEqual([
      [A, 0],
      [A, 1],
      [A, 2],
      [A, 3],
      [B, 0],
      [B, 1],
      [B, 2],
      [B, 3],
      [C, 0],
      [C, 1],
    ]);
  });

  it("orders groups by when their head message was sent, not by when the group first appeared", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S });
    h.send(A); // A0 at 0
    h.runUntil(1 * S);
    h.send(B); // B0 at 1 s
    h.send(A); // A1
    const [a0] = h.receive(0, 1, 0)!;
    h.delete(a0!);
    // A's head is now A1, sent after B0: B goes first.
    expect(h.receivePairs(0, 10)).toEqual([
      [B, 0],
      [A, 1],
    ]);
  });

  it("a redelivered head keeps its original place: its group goes first again", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S });
    h.send(A);
    h.send(B);
    h.send(A);
    h.receive(0, 1, 0); // A0, will expire
    h.runUntil(10 * S);
    expect(h.receivePairs(0, 2)).toEqual([
      [A, 0],
      [A, 1],
    ]);
  });

  it("MaxNumberOfMessages above 10 is capped at 10 (aws-behaviour 1.9)", () => {
    const h = new FifoHarness();
    for (let i = 0; i < 15; i++) h.send(A);
    expect(h.receive(0, 25, 0)).toHaveLength(10);
  });
});

describe("scan window (aws-behaviour 3.5, 12.5)", () => {
  it("with scanWindow 5 a large single-group backlog hides a later group until the backlog shrinks", () => {
    const h = new FifoHarness({ scanWindow: 5 });
    for (let i = 0; i < 7; i++) h.send(A);
    h.send(B); // 8th stored message: beyond the window
    const [a0] = h.receive(0, 1, 0)!;
    // A is blocked and B's head has 7 stored messages before it (in flight ones count).
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.delete(a0!);
    const two = h.receive(0, 2, 0)!;
    expect(pairs(two)).toEqual([
      [A, 1],
      [A, 2],
    ]);
    expect(h.receive(0, 10, 0)).toEqual([]); // B0 has 6 before it
    for (const m of two) h.delete(m);
    h.receive(0, 1, 0); // A3 in flight; 4 stored before B0
    expect(h.receivePairs(0, 10)).toEqual([[B, 0]]);
  });

  it("without the window (a large scanWindow) the same backlog does not hide B", () => {
    const h = new FifoHarness({ scanWindow: 120_000 });
    for (let i = 0; i < 7; i++) h.send(A);
    h.send(B);
    h.receive(0, 1, 0);
    expect(h.receivePairs(0, 10)).toEqual([[B, 0]]);
  });

  it("a group whose head is exactly the scanWindow-th stored message is seen; one past it is not", () => {
    const h = new FifoHarness({ scanWindow: 5 });
    for (let i = 0; i < 4; i++) h.send(A);
    h.send(B); // rank 4: the 5th message
    h.send(C); // rank 5: the 6th
    h.receive(0, 1, 0); // A0 in flight: A blocked
    expect(h.receivePairs(0, 10)).toEqual([[B, 0]]);
  });

  it("stays exact after thousands of sends and deletes (the send order packs its positions)", () => {
    const h = new FifoHarness({ scanWindow: 5 });
    // Churn through 5,000 messages of group A, deleting each: positions get packed several times.
    for (let i = 0; i < 5_000; i++) {
      h.send(A);
      const got = h.receive(0, 1, 0)!;
      expect(got).toHaveLength(1);
      h.delete(got[0]!);
    }
    for (let i = 0; i < 6; i++) h.send(A);
    h.send(B);
    h.receive(0, 1, 0);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.delete(h.deliveries.at(-1)!.messages[0]!);
    h.delete(h.receive(0, 1, 0)![0]!);
    h.receive(0, 1, 0); // 4 stored before B0
    expect(h.receivePairs(0, 10)).toEqual([[B, 0]]);
  });
});

describe("FIFO gauges and counters (aws-behaviour 4.8)", () => {
  it("groupsWithInFlight, its peak, activeGroups; no duplicate deliveries", () => {
    const h = new FifoHarness();
    h.sendRoundRobin([A, B, C], 2);
    expect(h.queue.activeGroups).toBe(3);
    const a = h.receive(0, 2, 0)!;
    const b = h.receive(0, 1, 0)!;
    expect(h.queue.groupsWithInFlight).toBe(2);
    for (const m of a) h.delete(m);
    expect(h.queue.groupsWithInFlight).toBe(1);
    expect(h.queue.activeGroups).toBe(2);
    h.delete(b[0]!);
    expect(h.queue.groupsWithInFlight).toBe(0);
    expect(h.queue.groupsWithInFlightPeak).toBe(2);
    expect(h.queue.duplicateDeliveries).toBe(0);
  });

  it("records queue wait at the first receive only and end-to-end latency at the delete", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S });
    h.send(A);
    h.runUntil(2 * S);
    h.receive(0, 1, 0);
    h.runUntil(12 * S);
    const [again] = h.receive(0, 1, 0)!;
    h.runUntil(13 * S);
    h.delete(again!);
    expect(h.queueWait.count).toBe(1);
    expect(h.queueWait.max).toBeCloseTo(2, 6);
    expect(h.endToEnd.count).toBe(1);
    expect(h.endToEnd.max).toBeCloseTo(13, 6);
  });

  it("ApproximateAgeOfOldestMessage counts in-flight messages and does not leave out often-received ones (4.4)", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 5 * S });
    h.send(A);
    for (let k = 0; k < 4; k++) {
      h.runUntil(k * 5 * S);
      expect(h.receive(0, 1, 0)).toHaveLength(1);
    }
    h.runUntil(19 * S);
    expect(h.queue.ageOfOldestMessageS(h.nowUs)).toBe(19);
  });

  it("lastSentSlot is the slot of the last stored message (a deduplicated or rejected send leaves it)", () => {
    const h = new FifoHarness({ maxMessageSizeBytes: 2_000 });
    expect(h.queue.lastSentSlot).toBe(-1);
    h.send(A, "x");
    const slot = h.queue.lastSentSlot;
    h.send(A, "x");
    h.send(A, "y", 5_000);
    expect(h.queue.lastSentSlot).toBe(slot);
    expect([h.queue.groupOf(slot), h.queue.sequenceOf(slot)]).toEqual([A, 0]);
  });

  it("keeps only a few events in the global heap while thousands of messages pass (one live timer per queue)", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 5 * S, deadLetter: { maxReceiveCount: 2, retentionUs: 60 * S } });
    let maxPending = 0;
    for (let k = 0; k < 5_000; k++) {
      h.runUntil(k * 10_000);
      h.send(k % 17);
      const got = h.receive(0, 3, 0)!;
      if (k % 5 !== 0) for (const m of got) h.delete(m); // every fifth batch fails and comes back
      maxPending = Math.max(maxPending, h.events.size);
    }
    expect(h.queue.redelivered).toBeGreaterThan(100);
    expect(maxPending).toBeLessThanOrEqual(3);
  });

  it("sequenceOf numbers each group's accepted messages from 0; groupOf returns the caller's group id", () => {
    const h = new FifoHarness();
    h.send(7);
    h.send(-3);
    h.send(7, "dup");
    h.send(7, "dup"); // deduplicated: takes no number
    h.send(7);
    expect(h.receivePairs(0, 10)).toEqual([
      [7, 0],
      [7, 1],
      [7, 2],
      [-3, 0],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_VISIBILITY_US } from "../../../src/sqs/limits.js";
import { FifoHarness, HOUR, Phase, S, pairs } from "./fifo-harness.js";

const A = 1;

describe("DeleteMessage on FIFO (aws-behaviour 1.29-1.31)", () => {
  it("a delete after the visibility timeout expired fails, even though nobody received the message since", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 30 * S });
    h.send(A);
    const [m] = h.receive(0, 1, 0)!;
    h.runUntil(31 * S);
    expect(h.queue.visible).toBe(1);
    expect(h.delete(m!)).toBe(false);
    expect(h.queue.deleted).toBe(0);
    expect(h.queue.visible).toBe(1);
  });

  it("a delete reaching SQS at the very instant the timeout ends is in time (Delete phase before queue timers)", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 30 * S });
    h.send(A);
    const [m] = h.receive(0, 1, 0)!;
    let ok: boolean | null = null;
    h.at(30 * S, Phase.Delete, () => (ok = h.delete(m!)));
    h.runUntil(30 * S);
    expect(ok).toBe(true);
    expect(h.queue.visible + h.queue.inFlight).toBe(0);
  });

  it("only the latest receipt deletes", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S });
    h.send(A);
    const [old] = h.receive(0, 1, 0)!;
    h.runUntil(10 * S);
    const [latest] = h.receive(0, 1, 0)!;
    expect(h.delete(old!)).toBe(false);
    expect(h.delete(latest!)).toBe(true);
    expect(h.delete(latest!)).toBe(false); // already gone
    expect(h.queue.deleted).toBe(1);
  });
});

describe("ChangeMessageVisibility on FIFO (aws-behaviour 1.26-1.28)", () => {
  it("timeout 0 returns the message to the front of its group", () => {
    const h = new FifoHarness();
    for (let i = 0; i < 3; i++) h.send(A);
    const [a0] = h.receive(0, 1, 0)!;
    expect(h.changeVisibility(a0!, 0)).toBe(true);
    expect(pairs(h.receive(0, 10, 0))).toEqual([
      [A, 0],
      [A, 1],
      [A, 2],
    ]);
  });

  it("timeout 0 on one message of an in-flight batch leaves the group blocked until the rest is done, then it comes first", () => {
    const h = new FifoHarness();
    for (let i = 0; i < 3; i++) h.send(A);
    const batch = h.receive(0, 10, 0)!;
    expect(h.changeVisibility(batch[0]!, 0)).toBe(true);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.delete(batch[1]!);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.delete(batch[2]!);
    expect(pairs(h.receive(0, 10, 0))).toEqual([[A, 0]]);
  });

  it("a delete after a change to 0 fails (the receipt's in-flight period is over)", () => {
    const h = new FifoHarness();
    h.send(A);
    const [m] = h.receive(0, 1, 0)!;
    h.changeVisibility(m!, 0);
    expect(h.delete(m!)).toBe(false);
  });

  it("an extension keeps the message in flight and its group blocked past the default timeout", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 30 * S });
    h.send(A);
    h.send(A);
    const [m] = h.receive(0, 1, 0)!;
    h.runUntil(20 * S);
    expect(h.changeVisibility(m!, 60 * S)).toBe(true);
    h.runUntil(79 * S);
    expect(h.receive(0, 10, 0)).toEqual([]);
    expect(h.delete(m!)).toBe(true);
    expect(pairs(h.receive(0, 10, 0))).toEqual([[A, 1]]);
  });

  it("refuses an extension past 12 h from the receive call, and changes after expiry", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 1 * HOUR });
    h.send(A);
    const [m] = h.receive(0, 1, 0)!;
    h.runUntil(30 * 60 * S);
    expect(h.changeVisibility(m!, MAX_VISIBILITY_US)).toBe(false);
    expect(h.changeVisibility(m!, MAX_VISIBILITY_US - 30 * 60 * S)).toBe(true);
    h.runUntil(12 * HOUR + 1);
    expect(h.queue.visible).toBe(1);
    expect(h.changeVisibility(m!, 10 * S)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { DedupWindow } from "../../../src/sqs/fifo-dedup.js";
import { FIFO_DEDUP_INTERVAL_US } from "../../../src/sqs/fifo-limits.js";
import { FifoHarness, FifoSendOutcome, MINUTE, S } from "./fifo-harness.js";

const A = 1;
const B = 2;

describe("deduplication within the 5-minute interval (aws-behaviour 3.6, 4.8)", () => {
  it("a resend with the same id inside 5 minutes is accepted but neither stored nor delivered", () => {
    const h = new FifoHarness();
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Accepted);
    h.runUntil(4 * MINUTE);
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Deduplicated);
    expect(h.queue.deduplicated).toBe(1);
    expect(h.queue.sent).toBe(1);
    expect(h.queue.visible).toBe(1);
    expect(h.receive(0, 10, 0)).toHaveLength(1);
    expect(h.receive(0, 10, 0)).toEqual([]);
    expect(h.conserved()).toBe(true);
  });

  it("the interval is 5 minutes from the first accepted send: a resend 1 µs before is a duplicate, one at 5 minutes is new", () => {
    expect(FIFO_DEDUP_INTERVAL_US).toBe(5 * MINUTE);
    const h = new FifoHarness();
    h.send(A, "x");
    h.runUntil(5 * MINUTE - 1);
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Deduplicated);
    h.runUntil(5 * MINUTE);
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Accepted);
    expect(h.queue.sent).toBe(2);
  });

  it("a duplicate does not extend the interval: it still counts from the first accepted send", () => {
    const h = new FifoHarness();
    h.send(A, "x");
    h.runUntil(4 * MINUTE);
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Deduplicated);
    h.runUntil(5 * MINUTE + 1);
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Accepted);
  });

  it("ids stay tracked after the message is deleted", () => {
    const h = new FifoHarness();
    h.send(A, "x");
    const [m] = h.receive(0, 1, 0)!;
    h.runUntil(1 * S);
    expect(h.delete(m!)).toBe(true);
    h.runUntil(2 * MINUTE);
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Deduplicated);
    expect(h.receive(0, 10, 0)).toEqual([]);
  });

  it("a send rejected for its size does not record its id", () => {
    const h = new FifoHarness({ maxMessageSizeBytes: 1_024 });
    expect(h.send(A, "x", 2_000)).toBe(FifoSendOutcome.Rejected);
    expect(h.queue.rejected).toBe(1);
    expect(h.send(A, "x", 1_000)).toBe(FifoSendOutcome.Accepted);
  });

  it("thousands of ids over hours are purged as they age out (no id is remembered beyond its interval)", () => {
    const h = new FifoHarness();
    for (let k = 0; k < 7_200; k++) {
      h.runUntil(k * S);
      expect(h.send(A, `id-${k % 600}`)).toBe(FifoSendOutcome.Accepted);
    }
    // Each id comes back every 600 s, after its 300 s interval: all accepted; inside 300 s it would not be.
    expect(h.queue.deduplicated).toBe(0);
    expect(h.send(A, "id-599")).toBe(FifoSendOutcome.Deduplicated); // sent at this very instant
  });

  it("DedupWindow purges expired ids lazily: it tracks only about one interval's worth of ids", () => {
    const w = new DedupWindow(300 * S, false);
    for (let k = 0; k < 7_200; k++) expect(w.isDuplicate(k * S, 0, `id-${k}`)).toBe(false);
    expect(w.tracked).toBe(300);
    expect(w.isDuplicate(7_199 * S, 0, "id-6900")).toBe(true);
    expect(w.isDuplicate(7_200 * S, 0, "id-6900")).toBe(false);
  });
});

describe("deduplication scope (aws-behaviour 3.11)", () => {
  it("scope queue: the same id in two groups is one message", () => {
    const h = new FifoHarness({ deduplication: { scope: "queue", intervalUs: FIFO_DEDUP_INTERVAL_US } });
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Accepted);
    expect(h.send(B, "x")).toBe(FifoSendOutcome.Deduplicated);
    expect(h.queue.activeGroups).toBe(1);
  });

  it("scope messageGroup: the same id in two groups is two messages, in one group it is one", () => {
    const h = new FifoHarness({ deduplication: { scope: "messageGroup", intervalUs: FIFO_DEDUP_INTERVAL_US } });
    expect(h.send(A, "x")).toBe(FifoSendOutcome.Accepted);
    expect(h.send(B, "x")).toBe(FifoSendOutcome.Accepted);
    expect(h.send(B, "x")).toBe(FifoSendOutcome.Deduplicated);
    expect(h.queue.sent).toBe(2);
    expect(h.queue.deduplicated).toBe(1);
    h.runUntil(5 * MINUTE);
    expect(h.send(B, "x")).toBe(FifoSendOutcome.Accepted);
  });
});

import { describe, expect, it } from "vitest";
import { FifoThrottle, hashGroupId, type FifoThroughputConfig } from "../../../src/sqs/fifo-throttle.js";
import { FifoHarness, S } from "./fifo-harness.js";

const NORMAL: FifoThroughputConfig = { highThroughput: false, callsPerSecondPerAction: 300, partitions: 1, regionalCallsPerSecond: 70_000 };

function calls(t: FifoThrottle, action: "send" | "receive" | "delete" | "changeVisibility", group: number, nowUs: number, n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (t.tryCall(action, group, nowUs)) ok++;
  return ok;
}

/** Two group ids on different partitions and one more on the first one's partition. */
function groupsOnPartitions(t: FifoThrottle): { a: number; b: number; sameAsA: number } {
  const a = 0;
  let b = -1;
  let sameAsA = -1;
  for (let g = 1; b < 0 || sameAsA < 0; g++) {
    if (b < 0 && t.partitionOf(g) !== t.partitionOf(a)) b = g;
    if (sameAsA < 0 && t.partitionOf(g) === t.partitionOf(a)) sameAsA = g;
  }
  return { a, b, sameAsA };
}

describe("FIFO throttling in normal mode (AWS-FACTS 3.10)", () => {
  it("allows exactly 300 calls of an action in one second from a full budget; the 301st is throttled", () => {
    const t = new FifoThrottle(NORMAL);
    expect(calls(t, "send", 1, 0, 300)).toBe(300);
    expect(t.tryCall("send", 1, 0)).toBe(false);
    // Just under a second later 299.9997 calls have come back: 299 go through.
    expect(calls(t, "send", 1, 999_999, 300)).toBe(299);
    expect(t.throttled.send).toBe(2);
  });

  it("each action has its own budget", () => {
    const t = new FifoThrottle(NORMAL);
    expect(calls(t, "send", 1, 0, 301)).toBe(300);
    expect(calls(t, "receive", -1, 0, 301)).toBe(300);
    expect(calls(t, "delete", 1, 0, 301)).toBe(300);
    expect(calls(t, "changeVisibility", 1, 0, 301)).toBe(300);
    expect(t.throttled).toEqual({ send: 1, receive: 1, delete: 1, changeVisibility: 1 });
  });

  it("refills at 300 calls/s: one call per 1/300 s, a full budget after 1 s, never more than 300 banked", () => {
    const t = new FifoThrottle(NORMAL);
    calls(t, "send", 1, 0, 300);
    expect(t.tryCall("send", 1, 3_333)).toBe(false); // 0.9999 of a call
    expect(t.tryCall("send", 1, 3_334)).toBe(true);
    expect(calls(t, "send", 1, 2 * S, 400)).toBe(300);
    expect(calls(t, "send", 1, 100 * S, 400)).toBe(300);
  });

  it("sustains exactly 300 calls/s: attempts at 1,000/s for 10 s get 300 + 10 × 300 through", () => {
    const t = new FifoThrottle(NORMAL);
    let ok = 0;
    for (let us = 0; us <= 10 * S; us += 1_000) if (t.tryCall("delete", 5, us)) ok++;
    expect(ok).toBe(3_300);
    expect(t.throttled.delete).toBe(10_001 - 3_300);
  });

  it("in normal mode every group shares one budget, whatever the partition setting", () => {
    const t = new FifoThrottle({ ...NORMAL, partitions: 8 });
    expect(t.partitions).toBe(1);
    expect(calls(t, "send", 1, 0, 200) + calls(t, "send", 2, 0, 200)).toBe(300);
  });
});

describe("FIFO throttling in high-throughput mode (AWS-FACTS 3.11-3.13)", () => {
  const HT: FifoThroughputConfig = { highThroughput: true, callsPerSecondPerAction: 300, partitions: 4, regionalCallsPerSecond: 70_000 };

  it("each partition has its own 300 calls/s per action; groups hash to partitions", () => {
    const t = new FifoThrottle(HT);
    const { a, b, sameAsA } = groupsOnPartitions(t);
    expect(calls(t, "send", a, 0, 300)).toBe(300);
    expect(t.tryCall("send", sameAsA, 0)).toBe(false); // same partition: its budget is spent
    expect(calls(t, "send", b, 0, 301)).toBe(300); // another partition: a budget of its own
  });

  it("the partition of a group is deterministic, in range, and spreads 1,000 groups over the partitions", () => {
    const t = new FifoThrottle({ ...HT, partitions: 8 });
    const counts = new Array<number>(8).fill(0);
    for (let g = 0; g < 1_000; g++) {
      const p = t.partitionOf(g);
      expect(p).toBe(hashGroupId(g) % 8);
      counts[p]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(80);
    expect(new FifoThrottle({ ...HT, partitions: 8 }).partitionOf(12_345)).toBe(t.partitionOf(12_345));
  });

  it("a regional cap per action limits the calls across all partitions", () => {
    const t = new FifoThrottle({ ...HT, partitions: 10, regionalCallsPerSecond: 1_000 });
    let ok = 0;
    for (let g = 0; g < 5_000; g++) if (t.tryCall("send", g, 0)) ok++;
    expect(ok).toBe(1_000); // 10 partitions would allow 3,000
    expect(t.tryCall("receive", -1, 0)).toBe(true); // another action
    expect(calls(t, "send", 1, 1 * S, 5_000)).toBeLessThanOrEqual(300);
  });

  it("a throttled call consumes nothing: a regional refusal leaves the partition's budget intact", () => {
    const t = new FifoThrottle({ ...HT, partitions: 2, regionalCallsPerSecond: 300 });
    const { a, b } = groupsOnPartitions(t);
    expect(calls(t, "send", a, 0, 300)).toBe(300);
    expect(t.tryCall("send", b, 0)).toBe(false); // regional cap
    expect(calls(t, "send", b, 1 * S, 300)).toBe(300); // b's partition still had 300 + refill
  });

  it("receives carry no group: they are served by any partition with room, up to partitions × 300", () => {
    const t = new FifoThrottle(HT);
    expect(calls(t, "receive", -1, 0, 2_000)).toBe(1_200);
  });
});

describe("FifoQueue.tryCall (the queue never throttles by itself)", () => {
  it("delegates to the queue's budgets and counts throttled calls in queue.throttled", () => {
    const h = new FifoHarness();
    let ok = 0;
    for (let i = 0; i < 400; i++) if (h.queue.tryCall("send", 3, 0)) ok++;
    expect(ok).toBe(300);
    expect(h.queue.throttled.send).toBe(100);
    // send itself is never throttled: the producer asked (and was refused) before calling it.
    for (let i = 0; i < 400; i++) h.send(3);
    expect(h.queue.sent).toBe(400);
    expect(h.queue.partitionOf(3)).toBe(0);
  });
});

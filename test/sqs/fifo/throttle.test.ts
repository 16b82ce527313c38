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

describe("FIFO throttling in normal mode (aws-behaviour 3.10)", () => {
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

describe("FIFO throttling in high-throughput mode (aws-behaviour 3.11-3.13)", () => {
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

describe("automatic partitions in high-throughput mode (aws-behaviour 3.12-3.13)", () => {
  const AUTO: FifoThroughputConfig = {
    highThroughput: true,
    callsPerSecondPerAction: 300,
    partitions: 8,
    regionalCallsPerSecond: 70_000,
    growth: { splitTimeUs: 60 * S },
  };

  /** Sends at `perS` calls a second, spread over 10,000 groups, from fromS to toS; returns the calls let through. */
  function drive(t: FifoThrottle, perS: number, fromS: number, toS: number, groups = 10_000): number {
    let ok = 0;
    const stepUs = S / perS;
    let g = 0;
    for (let us = fromS * S; us < toS * S; us += stepUs) if (t.tryCall("send", g++ % groups, Math.round(us))) ok++;
    return ok;
  }

  it("every partition splits in two splitTime after a second that needed more, until the load fits", () => {
    const t = new FifoThrottle(AUTO);
    expect(t.partitions).toBe(8);
    // 5,000 calls/s need 17 partitions of 300: the first second decides a split, effective 60 s after it ends.
    drive(t, 5_000, 0, 60.9);
    expect(t.partitions).toBe(8);
    drive(t, 5_000, 60.9, 61.1);
    expect(t.partitions).toBe(16);
    // 16 × 300 = 4,800 < 5,000: the first second after the split decides another.
    drive(t, 5_000, 61.1, 121.9);
    expect(t.partitions).toBe(16);
    drive(t, 5_000, 121.9, 122.1);
    expect(t.partitions).toBe(32);
    // 32 partitions take 5,000 calls/s (about 156 each): nothing more is refused and no split follows.
    const before = t.throttled.send;
    expect(drive(t, 5_000, 124, 400)).toBe(276 * 5_000);
    expect(t.throttled.send).toBe(before);
    expect(t.partitions).toBe(32);
  });

  it("a load that fits never splits; a fixed count never grows", () => {
    const auto = new FifoThrottle(AUTO);
    drive(auto, 1_000, 0, 300);
    expect(auto.partitions).toBe(8);
    const fixed = new FifoThrottle({ ...AUTO, growth: null });
    drive(fixed, 5_000, 0, 300);
    expect(fixed.partitions).toBe(8);
  });

  it("grows no further than the regional quota needs: 256 partitions for 70,000 calls/s (3.13)", () => {
    const t = new FifoThrottle({ ...AUTO, growth: { splitTimeUs: 1 * S } });
    // One hot group keeps its partition refusing calls: splits follow one another up to the quota's worth.
    drive(t, 1_000, 0, 30, 1);
    expect(t.partitions).toBe(256); // the first power-of-two multiple of 8 with 256 × 300 ≥ 70,000
    const small = new FifoThrottle({ ...AUTO, regionalCallsPerSecond: 4_000, growth: { splitTimeUs: 1 * S } });
    drive(small, 1_000, 0, 30, 1);
    expect(small.partitions).toBe(16);
  });

  it("a split keeps groups consistent: a group on partition p moves only to p or p + the old count", () => {
    const t = new FifoThrottle(AUTO);
    const before = Array.from({ length: 2_000 }, (_, g) => t.partitionOf(g));
    drive(t, 5_000, 0, 61.1);
    expect(t.partitions).toBe(16);
    let moved = 0;
    for (let g = 0; g < 2_000; g++) {
      const p = t.partitionOf(g);
      expect([before[g], before[g]! + 8]).toContain(p);
      if (p !== before[g]) moved++;
    }
    // About half the groups move to the new twins: 1,000 ± 5 standard errors of Binomial(2,000, ½).
    expect(Math.abs(moved - 1_000)).toBeLessThan(5 * Math.sqrt(2_000 * 0.25));
  });
});

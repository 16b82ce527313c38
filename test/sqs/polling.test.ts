import { describe, expect, it } from "vitest";
import { Harness, Phase, S, type Held } from "./harness.js";
import { conservationGap, run, scenario } from "./scenarios.js";

/** The scenario defaults of the short-poll model (schema.ts): 128 servers, weight 0.5. */
const SHORT_POLL = { shortPollServers: 128, shortPollMessageWeight: 0.5 };

/** P(X ≥ k) for X ~ Binomial(n, p). */
function binomialAtLeast(n: number, p: number, k: number): number {
  let pmf = (1 - p) ** n;
  let below = 0;
  for (let j = 0; j < k; j++) {
    below += pmf;
    pmf *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return 1 - below;
}

/** Polls a harness `polls` times facing the same `n` visible messages (each poll's finds are put back). */
function pollCounts(h: Harness, n: number, polls: number): number[] {
  const counts: number[] = [];
  for (let k = 0; k < polls; k++) {
    const got: Held[] = h.receive(0, 10, 0)!;
    counts.push(got.length);
    for (const m of got) h.changeVisibility(m, 0);
    expect(h.queue.visible).toBe(n);
  }
  return counts;
}

describe("short polling (aws-behaviour 2.4-2.5, 12.6)", () => {
  it("with fewer than 1,000 messages a 10-message short poll most likely returns fewer (2.5), at the model's rate", () => {
    const h = new Harness({ ...SHORT_POLL, visibilityTimeoutUs: 3_600 * S });
    const n = 999;
    for (let i = 0; i < n; i++) h.send();
    const polls = 4_000;
    const full = pollCounts(h, n, polls).filter((c) => c === 10).length;
    // Model: ½ · P(Bin(999, 1/128) ≥ 10) + ½ · P(Bin(998, 1/128) ≥ 9) ≈ 0.32; tolerance 5 standard errors.
    const p = 0.5 * binomialAtLeast(n, 1 / 128, 10) + 0.5 * binomialAtLeast(n - 1, 1 / 128, 9);
    const se = Math.sqrt((p * (1 - p)) / polls);
    expect(Math.abs(full / polls - p)).toBeLessThan(5 * se);
    expect(p + 5 * se).toBeLessThan(0.5); // "most likely fewer than requested"
  });

  it("with very few messages a short poll may return none, but a later one returns them within a few polls (2.5)", () => {
    const h = new Harness({ ...SHORT_POLL, visibilityTimeoutUs: 3_600 * S });
    h.send();
    const polls = 4_000;
    const found = pollCounts(h, 1, polls).filter((c) => c === 1).length;
    // A lone message is found with probability w + (1 − w)/N = 0.5 + 0.5/128 per poll: some polls are empty, and
    // the chance of missing it five times running is about 3 %.
    const p = 0.5 + 0.5 / 128;
    expect(Math.abs(found / polls - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / polls));
    expect(polls - found).toBeGreaterThan(0);
  });

  it("a short poll finds the model's Binomial mixture on average, capped at MaxNumberOfMessages", () => {
    const h = new Harness({ ...SHORT_POLL, visibilityTimeoutUs: 3_600 * S });
    const n = 300;
    for (let i = 0; i < n; i++) h.send();
    const polls = 4_000;
    const counts = pollCounts(h, n, polls);
    const mean = counts.reduce((a, b) => a + b, 0) / polls;
    // E[min(10, X)] under the mixture, by summing P(X ≥ k) for k = 1..10; the variance is bounded by E[X²] of
    // the uncapped mixture, about (n/N)² + 2·n/N + 1.
    let expected = 0;
    for (let k = 1; k <= 10; k++) expected += 0.5 * binomialAtLeast(n, 1 / 128, k) + 0.5 * binomialAtLeast(n - 1, 1 / 128, k - 1);
    const sd = Math.sqrt((n / 128) ** 2 + (2 * n) / 128 + 1);
    expect(Math.abs(mean - expected)).toBeLessThan((5 * sd) / Math.sqrt(polls));
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
  });

  it("with thousands of visible messages a short poll nearly always fills its batch", () => {
    const h = new Harness({ ...SHORT_POLL, visibilityTimeoutUs: 3_600 * S });
    for (let i = 0; i < 5_000; i++) h.send();
    let full = 0;
    for (let k = 0; k < 100; k++) if (h.receive(0, 10, 0)!.length === 10) full++;
    expect(full).toBeGreaterThanOrEqual(95);
  });

  it("with one server a short poll returns min(MaxNumberOfMessages, visible)", () => {
    const h = new Harness({ shortPollServers: 1 });
    for (let i = 0; i < 13; i++) h.send();
    expect(h.receive(0, 10, 0)!.length).toBe(10);
    expect(h.receive(0, 10, 0)!.length).toBe(3);
    expect(h.receive(0, 10, 0)!.length).toBe(0);
  });

  it("with the default model, a lone message waits a few short polls, not about a hundred (via simulate)", () => {
    // One message every 10 s, one worker short-polling with 5 ms round trips: the queue wait is the polls it takes
    // to find a message. The model finds a lone one with probability ≈ 0.5 per poll: mean ≈ 2 polls, ≈ 10 ms
    // (the old Binomial(n, 0.01) model took ≈ 100 polls, ≈ 0.5 s).
    const result = run(
      scenario({
        duration: "2h",
        queue: { apiLatency: "5ms" },
        producers: [{ name: "p", traffic: [{ constant: 0.1 }] }],
        consumers: { concurrency: 1, waitTime: "0s", processing: { constant: "1ms" } },
      }),
      7,
    );
    const wait = result.summary.latency.queueWait;
    expect(wait.count).toBeGreaterThan(600);
    expect(wait.mean).toBeLessThan(0.05);
    expect(conservationGap(result)).toBe(0);
  });
});

describe("long polling (aws-behaviour 1.8, 2.6)", () => {
  it("a long poll with messages available returns them at once, up to MaxNumberOfMessages", () => {
    const h = new Harness();
    for (let i = 0; i < 4; i++) h.send();
    expect(h.receive(0, 10, 20 * S)!.length).toBe(4);
    expect(h.queue.requests.emptyReceive).toBe(0);
  });

  it("a message sent while a poller waits is delivered at the send instant", () => {
    const h = new Harness();
    h.runUntil(1 * S);
    expect(h.receive(0, 10, 20 * S)).toBeNull();
    h.runUntil(7 * S + 123);
    h.send();
    expect(h.deliveries).toHaveLength(1);
    expect(h.deliveries[0]!.nowUs).toBe(7 * S + 123);
    expect(h.deliveries[0]!.messages).toHaveLength(1);
    expect(h.queueWait.max).toBe(0);
    // The wait ending later does not produce a second answer.
    h.runUntil(30 * S);
    expect(h.empties).toHaveLength(0);
  });

  it("a long poll returns as soon as one message is available, without waiting to fill its batch", () => {
    const h = new Harness();
    h.receive(0, 10, 20 * S);
    h.runUntil(2 * S);
    h.send();
    h.runUntil(3 * S);
    h.send();
    expect(h.deliveries.map((d) => [d.nowUs, d.messages.length])).toEqual([[2 * S, 1]]);
  });

  it("a long poll on an empty queue returns empty exactly at the end of its wait", () => {
    const h = new Harness();
    h.runUntil(3 * S);
    h.receive(4, 10, 20 * S);
    h.runUntil(23 * S - 1);
    expect(h.empties).toHaveLength(0);
    h.runUntil(23 * S);
    expect(h.empties).toEqual([{ pollerId: 4, nowUs: 23 * S }]);
    expect(h.queue.requests.emptyReceive).toBe(1);
  });

  it("a message that becomes visible at the instant a wait ends is delivered, not an empty response", () => {
    const h = new Harness({ visibilityTimeoutUs: 20 * S });
    h.send();
    h.receiveOne(0);
    h.receive(1, 1, 20 * S);
    h.runUntil(20 * S);
    expect(h.empties).toHaveLength(0);
    expect(h.deliveries.at(-1)).toMatchObject({ pollerId: 1, nowUs: 20 * S });
  });

  it("several waiting pollers are each served by their own message", () => {
    const h = new Harness();
    for (let p = 0; p < 3; p++) h.receive(p, 10, 20 * S);
    h.runUntil(1 * S);
    h.send();
    h.send();
    expect(h.deliveries.map((d) => d.pollerId).sort()).toEqual([0, 1]);
    h.runUntil(20 * S);
    expect(h.empties).toEqual([{ pollerId: 2, nowUs: 20 * S }]);
  });

  it("via simulate over the same traffic, short polling makes far more empty receives than 20 s long polling", () => {
    const base = { duration: "2m", producers: [{ name: "p", traffic: [{ constant: 2 }] }] };
    const short = run(scenario({ ...base, consumers: { concurrency: 2, waitTime: "0s", processing: { constant: "100ms" } } }));
    const long = run(scenario({ ...base, consumers: { concurrency: 2, waitTime: "20s", processing: { constant: "100ms" } } }));
    expect(short.summary.requests.emptyReceive).toBeGreaterThan(10 * Math.max(1, long.summary.requests.emptyReceive));
    expect(short.summary.requests.billable).toBeGreaterThan(long.summary.requests.billable);
    expect(conservationGap(short)).toBe(0);
    expect(conservationGap(long)).toBe(0);
  });
});

describe("in-flight limit (aws-behaviour 1.14)", () => {
  it("a receive takes no more messages than the room left under the in-flight limit", () => {
    const h = new Harness({ inFlightLimit: 3 });
    for (let i = 0; i < 5; i++) h.send();
    expect(h.receive(0, 10, 0)!.length).toBe(3);
    expect(h.queue.inFlight).toBe(3);
    expect(h.queue.visible).toBe(2);
  });

  it("a short poll at the limit counts overLimit and delivers nothing", () => {
    const h = new Harness({ inFlightLimit: 3 });
    for (let i = 0; i < 5; i++) h.send();
    h.receive(0, 10, 0);
    expect(h.receive(1, 10, 0)).toEqual([]);
    expect(h.queue.requests.overLimit).toBe(1);
    expect(h.queue.inFlight).toBe(3);
    expect(h.queue.visible).toBe(2);
    expect(h.queue.received).toBe(3);
  });

  it("a long poll at the limit waits without an error and is served when a message is deleted", () => {
    const h = new Harness({ inFlightLimit: 3 });
    for (let i = 0; i < 5; i++) h.send();
    const held = h.receive(0, 10, 0)!;
    h.runUntil(1 * S);
    expect(h.receive(1, 10, 20 * S)).toBeNull();
    expect(h.queue.requests.overLimit).toBe(0);
    h.runUntil(4 * S);
    expect(h.delete(held[0]!)).toBe(true);
    const served = h.deliveries.at(-1)!;
    expect(served).toMatchObject({ pollerId: 1, nowUs: 4 * S });
    expect(served.messages).toHaveLength(1); // room for one only
    expect(h.queue.inFlight).toBe(3);
  });

  it("a long poll at the limit is served when an in-flight message's visibility expires", () => {
    const h = new Harness({ inFlightLimit: 3, visibilityTimeoutUs: 10 * S });
    for (let i = 0; i < 5; i++) h.send();
    h.receive(0, 10, 0);
    h.runUntil(5 * S);
    h.receive(1, 10, 20 * S);
    h.runUntil(10 * S);
    const served = h.deliveries.at(-1)!;
    expect(served).toMatchObject({ pollerId: 1, nowUs: 10 * S });
    expect(served.messages.length).toBe(3);
    expect(h.queue.inFlight).toBe(3);
  });

  it("a long poll at the limit that nothing frees ends empty at the end of its wait", () => {
    const h = new Harness({ inFlightLimit: 3, visibilityTimeoutUs: 600 * S });
    for (let i = 0; i < 5; i++) h.send();
    h.receive(0, 10, 0);
    h.receive(1, 10, 20 * S);
    h.runUntil(20 * S);
    expect(h.empties).toEqual([{ pollerId: 1, nowUs: 20 * S }]);
  });

  it("a delete at the same instant as a waiting poller's wait end serves the poller first (Delete phase)", () => {
    const h = new Harness({ inFlightLimit: 1 });
    h.send();
    h.send();
    const [m] = h.receive(0, 1, 0)!;
    h.receive(1, 1, 20 * S);
    h.at(20 * S, Phase.Delete, () => expect(h.delete(m!)).toBe(true));
    h.runUntil(20 * S);
    expect(h.deliveries.at(-1)).toMatchObject({ pollerId: 1, nowUs: 20 * S });
    expect(h.empties).toHaveLength(0);
  });
});

import { describe, expect, it } from "vitest";
import { Harness, Phase, S, type Held } from "./harness.js";
import { conservationGap, run, scenario } from "./scenarios.js";

describe("short polling (AWS-FACTS 2.4-2.5, 12.6)", () => {
  it("on a near-empty queue, short polls with the default sample fraction 0.01 mostly come back empty while messages exist", () => {
    const h = new Harness({ shortPollSampleFraction: 0.01, visibilityTimeoutUs: 3_600 * S });
    for (let i = 0; i < 5; i++) h.send();
    const polls = 400;
    let empty = 0;
    for (let k = 1; k <= polls; k++) {
      h.runUntil(k * 1_000);
      expect(h.queue.visible).toBe(5);
      const got = h.receive(0, 10, 0)!;
      expect(got.length).toBeLessThan(10);
      if (got.length === 0) empty++;
      // Put what was found back, so that every poll faces the same five visible messages.
      for (const m of got) h.changeVisibility(m, 0);
    }
    // P(empty | 5 visible) = 0.99^5 ≈ 0.951; allow 5 standard errors.
    const p = 0.99 ** 5;
    expect(empty).toBeGreaterThan(polls * p - 5 * Math.sqrt(polls * p * (1 - p)));
    expect(h.queue.requests.emptyReceive).toBe(empty);
    expect(h.queue.requests.receive).toBe(polls);
  });

  it("a later short poll does return the messages an earlier one missed", () => {
    const h = new Harness({ shortPollSampleFraction: 0.01, visibilityTimeoutUs: 3_600 * S });
    for (let i = 0; i < 5; i++) h.send();
    let received = 0;
    for (let k = 1; k <= 20_000 && received < 5; k++) {
      h.runUntil(k * 1_000);
      received += h.receive(0, 10, 0)!.length;
    }
    expect(received).toBe(5);
    expect(h.queue.visible).toBe(0);
  });

  it("a short poll finds Binomial(visible, fraction) messages on average, capped at MaxNumberOfMessages", () => {
    const h = new Harness({ shortPollSampleFraction: 0.01, visibilityTimeoutUs: 3_600 * S });
    const n = 300;
    for (let i = 0; i < n; i++) h.send();
    const polls = 4_000;
    let total = 0;
    for (let k = 0; k < polls; k++) {
      const got: Held[] = h.receive(0, 10, 0)!;
      total += got.length;
      // Put them back so that every poll sees the same 300 visible messages.
      for (const m of got) h.changeVisibility(m, 0);
      expect(h.queue.visible).toBe(n);
    }
    const mean = total / polls;
    const se = Math.sqrt((n * 0.01 * 0.99) / polls);
    expect(Math.abs(mean - n * 0.01)).toBeLessThan(5 * se);
  });

  it("with thousands of visible messages a short poll nearly always fills its batch", () => {
    const h = new Harness({ shortPollSampleFraction: 0.01, visibilityTimeoutUs: 3_600 * S });
    for (let i = 0; i < 5_000; i++) h.send();
    let full = 0;
    for (let k = 0; k < 100; k++) if (h.receive(0, 10, 0)!.length === 10) full++;
    expect(full).toBeGreaterThanOrEqual(95);
  });

  it("with sample fraction 1 a short poll returns min(MaxNumberOfMessages, visible)", () => {
    const h = new Harness({ shortPollSampleFraction: 1 });
    for (let i = 0; i < 13; i++) h.send();
    expect(h.receive(0, 10, 0)!.length).toBe(10);
    expect(h.receive(0, 10, 0)!.length).toBe(3);
    expect(h.receive(0, 10, 0)!.length).toBe(0);
  });
});

describe("long polling (AWS-FACTS 1.8, 2.6)", () => {
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

describe("in-flight limit (AWS-FACTS 1.14)", () => {
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

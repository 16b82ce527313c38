import { describe, expect, it } from "vitest";
import { Harness, Phase, S } from "./harness.js";
import { column, conservationGap, run, scenario } from "./scenarios.js";

describe("delay queues and message timers (aws-behaviour 1.5-1.7)", () => {
  it("a delayed message is invisible and counted as delayed until exactly send + delay", () => {
    const h = new Harness();
    h.runUntil(2 * S);
    expect(h.send(1_000, 60 * S)).toBe(true);
    expect(h.queue.delayed).toBe(1);
    expect(h.queue.visible).toBe(0);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.runUntil(62 * S - 1);
    expect(h.queue.delayed).toBe(1);
    expect(h.receive(0, 10, 0)).toEqual([]);
    h.runUntil(62 * S);
    expect(h.queue.delayed).toBe(0);
    expect(h.queue.visible).toBe(1);
    expect(h.receive(0, 10, 0)!.length).toBe(1);
    expect(h.conserved()).toBe(true);
  });

  it("a receive at the instant the delay ends sees the message", () => {
    const h = new Harness();
    h.send(1_000, 10 * S);
    let got = -1;
    h.at(10 * S, Phase.Receive, () => {
      got = h.receive(0, 1, 0)!.length;
    });
    h.runUntil(10 * S);
    expect(got).toBe(1);
  });

  it("a long poll waiting when the delay ends gets the message at that instant", () => {
    const h = new Harness();
    h.send(1_000, 5 * S);
    h.runUntil(1 * S);
    expect(h.receive(0, 1, 20 * S)).toBeNull();
    h.runUntil(30 * S);
    expect(h.deliveries.map((d) => d.nowUs)).toEqual([5 * S]);
    expect(h.queueWait.max).toBe(5);
  });

  it("messages with different delays become visible in the order of their deadlines", () => {
    const h = new Harness();
    h.send(1_000, 30 * S);
    h.send(1_000, 10 * S);
    h.send(1_000, 20 * S);
    expect(h.queue.delayed).toBe(3);
    h.runUntil(10 * S);
    expect([h.queue.delayed, h.queue.visible]).toEqual([2, 1]);
    h.runUntil(20 * S);
    expect([h.queue.delayed, h.queue.visible]).toEqual([1, 2]);
    h.runUntil(30 * S);
    expect([h.queue.delayed, h.queue.visible]).toEqual([0, 3]);
  });

  it("via simulate, the queue delay holds every message back by that delay", () => {
    const r = run(scenario({ queue: { delay: "60s" } }));
    const wait = r.summary.latency.queueWait;
    expect(wait.p50).toBeGreaterThanOrEqual(60 * 0.995);
    expect(wait.max).toBeLessThan(61);
    expect(Math.max(...column(r, "ApproximateNumberOfMessagesDelayed_msgs"))).toBeGreaterThan(0);
    expect(conservationGap(r)).toBe(0);
  });

  it("via simulate, a per-message delay overrides the queue delay, including a per-message delay of 0", () => {
    const shorter = run(scenario({ queue: { delay: "60s" }, producers: [{ name: "p", traffic: [{ constant: 5 }], delay: "10s" }] }));
    expect(shorter.summary.latency.queueWait.p50).toBeGreaterThanOrEqual(10 * 0.995);
    expect(shorter.summary.latency.queueWait.max).toBeLessThan(11);
    const none = run(scenario({ queue: { delay: "60s" }, producers: [{ name: "p", traffic: [{ constant: 5 }], delay: "0s" }] }));
    expect(none.summary.latency.queueWait.max).toBeLessThan(1);
    expect(Math.max(...column(none, "ApproximateNumberOfMessagesDelayed_msgs"))).toBe(0);
  });
});

describe("retention (aws-behaviour 1.3)", () => {
  const retentionUs = 60 * S;

  it("a message never received expires at exactly send + retention and is counted in expired", () => {
    const h = new Harness({ retentionUs });
    h.runUntil(3 * S);
    h.send();
    h.runUntil(63 * S - 1);
    expect(h.queue.visible).toBe(1);
    expect(h.queue.expired).toBe(0);
    h.runUntil(63 * S);
    expect(h.queue.visible).toBe(0);
    expect(h.queue.expired).toBe(1);
    expect(h.receive(0, 10, 0)).toEqual([]);
    expect(h.conserved()).toBe(true);
  });

  it("a message in flight expires at send + retention too, and a delete after that deletes nothing", () => {
    const h = new Harness({ retentionUs, visibilityTimeoutUs: 600 * S });
    h.send();
    h.runUntil(10 * S);
    const m = h.receiveOne();
    h.runUntil(60 * S - 1);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(60 * S);
    expect(h.queue.inFlight).toBe(0);
    expect(h.queue.expired).toBe(1);
    expect(h.delete(m)).toBe(false);
    expect(h.queue.deleted).toBe(0);
    expect(h.changeVisibility(m, 0)).toBe(false);
    h.runUntil(700 * S); // its old visibility deadline passes: it does not come back
    expect(h.queue.visible).toBe(0);
    expect(h.conserved()).toBe(true);
  });

  it("a message still delayed at send + retention expires without ever becoming visible", () => {
    const h = new Harness({ retentionUs });
    h.send(1_000, 900 * S);
    h.runUntil(60 * S);
    expect(h.queue.delayed).toBe(0);
    expect(h.queue.expired).toBe(1);
    h.runUntil(900 * S);
    expect(h.queue.visible).toBe(0);
    expect(h.conserved()).toBe(true);
  });

  it("a message visible again after a timeout expires at send + retention, not later", () => {
    const h = new Harness({ retentionUs, visibilityTimeoutUs: 20 * S });
    h.send();
    h.receiveOne();
    h.runUntil(20 * S);
    expect(h.queue.visible).toBe(1);
    h.runUntil(60 * S);
    expect(h.queue.visible).toBe(0);
    expect(h.queue.expired).toBe(1);
  });

  it("messages expire one by one in send order, each at its own send + retention", () => {
    const h = new Harness({ retentionUs });
    for (let k = 0; k < 5; k++) {
      h.runUntil(k * 10 * S);
      h.send();
    }
    for (let k = 0; k < 5; k++) {
      h.runUntil(60 * S + k * 10 * S);
      expect(h.queue.expired).toBe(k + 1);
      expect(h.queue.visible).toBe(4 - k);
    }
  });

  it("a deleted message is not counted as expired when its retention ends", () => {
    const h = new Harness({ retentionUs });
    h.send();
    h.delete(h.receiveOne());
    h.runUntil(120 * S);
    expect(h.queue.expired).toBe(0);
    expect(h.queue.deleted).toBe(1);
  });

  it("via simulate, retention shorter than the run with too few consumers expires messages and conserves them", () => {
    const r = run(
      scenario({
        duration: "5m",
        queue: { retention: "60s" },
        consumers: { concurrency: 1, waitTime: "20s", processing: { constant: "1s" } },
      }),
    );
    expect(r.summary.messages.expired).toBeGreaterThan(0);
    expect(conservationGap(r)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { Harness, S } from "./harness.js";
import { conservationGap, run, scenario } from "./scenarios.js";

const HOUR = 3_600 * S;
const MINUTE = 60 * S;

describe("redrive to a dead-letter queue (aws-behaviour 1.18, 12.3)", () => {
  for (const n of [1, 3, 5]) {
    it(`with maxReceiveCount ${n} a message is delivered exactly ${n} times and moved on receive ${n + 1}`, () => {
      const h = new Harness({ visibilityTimeoutUs: 30 * S, deadLetter: { maxReceiveCount: n, retentionUs: 14 * 24 * HOUR } });
      h.send();
      let deliveries = 0;
      for (let k = 0; k < n + 3; k++) {
        h.runUntil(k * 40 * S);
        deliveries += h.receive(0, 10, 0)!.length;
      }
      expect(deliveries).toBe(n);
      expect(h.queue.received).toBe(n);
      expect(h.queue.redelivered).toBe(n - 1);
      expect(h.queue.deadLettered).toBe(1);
      expect(h.queue.deadLetterDepth).toBe(1);
      expect(h.queue.visible + h.queue.inFlight).toBe(0);
      expect(h.conserved()).toBe(true);
    });
  }

  it("the move happens at the next receive, not when the N-th visibility timeout expires", () => {
    const n = 2;
    const h = new Harness({ visibilityTimeoutUs: 30 * S, deadLetter: { maxReceiveCount: n, retentionUs: 14 * 24 * HOUR } });
    h.send();
    h.receiveOne();
    h.runUntil(30 * S);
    h.receiveOne();
    h.runUntil(60 * S); // the N-th expiry
    expect(h.queue.deadLettered).toBe(0);
    expect(h.queue.visible).toBe(1);
    h.runUntil(600 * S); // long after, still not moved: nothing received it
    expect(h.queue.deadLettered).toBe(0);
    expect(h.queue.visible).toBe(1);
    expect(h.conserved()).toBe(true);
    expect(h.receive(0, 1, 0)).toEqual([]);
    expect(h.queue.deadLettered).toBe(1);
    expect(h.queue.visible).toBe(0);
    expect(h.conserved()).toBe(true);
  });

  it("the receive that moves a message still returns the next deliverable message behind it", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S, deadLetter: { maxReceiveCount: 1, retentionUs: 14 * 24 * HOUR } });
    h.send();
    h.receiveOne();
    h.runUntil(40 * S); // the first one is visible again, at the head
    h.send();
    const got = h.receive(0, 1, 0)!;
    expect(got.length).toBe(1);
    expect(h.receiveCount(got[0]!)).toBe(1);
    expect(h.queue.deadLettered).toBe(1);
  });

  it("a long poll whose only message is moved keeps waiting and ends empty", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S, deadLetter: { maxReceiveCount: 1, retentionUs: 14 * 24 * HOUR } });
    h.send();
    h.receiveOne();
    h.runUntil(30 * S);
    expect(h.receive(0, 1, 20 * S)).toBeNull();
    expect(h.queue.deadLettered).toBe(1);
    h.runUntil(50 * S);
    expect(h.empties).toEqual([{ pollerId: 0, nowUs: 50 * S }]);
  });

  it("dead-letter retention counts from the original send: sent at 0, moved at 30 min, gone from a 1 h DLQ at 1 h (1.22, 12.4)", () => {
    const h = new Harness({ visibilityTimeoutUs: 10 * MINUTE, deadLetter: { maxReceiveCount: 1, retentionUs: HOUR } });
    h.send();
    h.receiveOne();
    h.runUntil(30 * MINUTE);
    h.receive(0, 1, 0);
    expect(h.queue.deadLettered).toBe(1);
    expect(h.queue.deadLetterDepth).toBe(1);
    h.runUntil(HOUR - 1);
    expect(h.queue.deadLetterDepth).toBe(1);
    expect(h.queue.deadLetterExpired).toBe(0);
    h.runUntil(HOUR);
    expect(h.queue.deadLetterDepth).toBe(0);
    expect(h.queue.deadLetterExpired).toBe(1);
  });

  it("a message moved after its dead-letter retention has already run out leaves the DLQ at once", () => {
    const h = new Harness({ visibilityTimeoutUs: 2 * HOUR, deadLetter: { maxReceiveCount: 1, retentionUs: HOUR } });
    h.send();
    h.receiveOne();
    h.runUntil(3 * HOUR);
    h.receive(0, 1, 0);
    expect(h.queue.deadLettered).toBe(1);
    h.runUntil(3 * HOUR);
    expect(h.queue.deadLetterDepth).toBe(0);
    expect(h.queue.deadLetterExpired).toBe(1);
  });

  it("via simulate, poison messages reach the DLQ after maxReceiveCount deliveries each, and messages are conserved", () => {
    const r = run(
      scenario({
        duration: "10m",
        queue: { visibilityTimeout: "5s", deadLetter: { maxReceiveCount: 3, retention: "1h" } },
        consumers: { concurrency: 4, waitTime: "20s", processing: { constant: "50ms" }, failures: { poison: 0.1 } },
      }),
    );
    const s = r.summary;
    expect(s.messages.deadLettered).toBeGreaterThan(0);
    expect(s.deadLetterQueue).toEqual({ moved: s.messages.deadLettered, expired: 0, remaining: s.messages.deadLettered });
    // Each dead-lettered poison message failed exactly maxReceiveCount times.
    expect(s.consumers.failedAttempts).toBeGreaterThanOrEqual(3 * s.messages.deadLettered);
    // The other failures belong to poison messages still in the queue at the end (at most 3 each).
    const left = s.messages.remaining.visible + s.messages.remaining.inFlight;
    expect(s.consumers.failedAttempts).toBeLessThanOrEqual(3 * (s.messages.deadLettered + left));
    expect(conservationGap(r)).toBe(0);
  });
});

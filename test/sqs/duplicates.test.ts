import { describe, expect, it } from "vitest";
import { COPY_TOKEN } from "../../src/sqs/standard-queue.js";
import { Harness, S } from "./harness.js";
import { conservationGap, run, scenario } from "./scenarios.js";

describe("at-least-once duplicates (aws-behaviour 2.1, 1.30)", () => {
  it("with duplicateDeliveryRate 1 every receive leaves a copy that is delivered later, counted in received and duplicateDeliveries, not in sent", () => {
    const h = new Harness({ duplicateDeliveryRate: 1 });
    h.send();
    const original = h.receiveOne();
    expect(original.token).not.toBe(COPY_TOKEN);
    expect(h.queue.duplicateDeliveries).toBe(0);
    h.runUntil(1 * S);
    const copy = h.receiveOne(1);
    expect(copy.slot).toBe(original.slot);
    expect(copy.token).toBe(COPY_TOKEN);
    expect(h.queue.duplicateDeliveries).toBe(1);
    expect(h.queue.received).toBe(2);
    expect(h.queue.sent).toBe(1);
    // The copy is neither visible nor in flight: the message is in flight once.
    expect(h.queue.inFlight).toBe(1);
    expect(h.queue.visible).toBe(0);
    expect(h.conserved()).toBe(true);
    // A copy is not copied again.
    expect(h.receive(2, 10, 0)).toEqual([]);
  });

  it("every one of several receives leaves its own copy", () => {
    const h = new Harness({ duplicateDeliveryRate: 1, visibilityTimeoutUs: 10 * S });
    for (let i = 0; i < 4; i++) h.send();
    const first = h.receive(0, 10, 0)!;
    expect(first.every((m) => m.token !== COPY_TOKEN)).toBe(true);
    expect(first).toHaveLength(4);
    const copies = h.receive(1, 10, 0)!;
    expect(copies).toHaveLength(4);
    expect(copies.every((m) => m.token === COPY_TOKEN)).toBe(true);
    expect(copies.map((m) => m.slot).sort()).toEqual(first.map((m) => m.slot).sort());
    expect(h.queue.duplicateDeliveries).toBe(4);
    expect(h.queue.received).toBe(8);
  });

  it("a copy's receipt can neither delete the message nor change its visibility", () => {
    const h = new Harness({ duplicateDeliveryRate: 1 });
    h.send();
    const original = h.receiveOne();
    const copy = h.receiveOne(1);
    expect(h.delete(copy)).toBe(false);
    expect(h.changeVisibility(copy, 0)).toBe(false);
    expect(h.queue.inFlight).toBe(1);
    expect(h.delete(original)).toBe(true);
  });

  it("a copy is still delivered after the original was deleted (a deleted message can be received again)", () => {
    const h = new Harness({ duplicateDeliveryRate: 1 });
    h.send();
    const original = h.receiveOne();
    expect(h.delete(original)).toBe(true);
    h.queue.release(original.slot);
    h.runUntil(5 * S);
    const copy = h.receiveOne(1);
    expect(copy.token).toBe(COPY_TOKEN);
    expect(h.queue.deleted).toBe(1);
    expect(h.conserved()).toBe(true);
    // Once the copy is released the slot is free for reuse.
    h.queue.release(copy.slot);
    expect(h.queue.store.live).toBe(0);
  });

  it("a redelivery after a visibility timeout leaves a fresh copy too", () => {
    const h = new Harness({ duplicateDeliveryRate: 1, visibilityTimeoutUs: 10 * S });
    h.send();
    h.receiveOne(); // original, copy queued
    h.receiveOne(1); // the copy
    h.runUntil(10 * S);
    h.receiveOne(2); // redelivery, another copy queued
    expect(h.receiveOne(3).token).toBe(COPY_TOKEN);
    expect(h.queue.duplicateDeliveries).toBe(2);
    expect(h.queue.redelivered).toBe(1);
  });

  it("with a WorkerPool, duplicateProcessing counts each copy processed after its original", () => {
    const h = new Harness({ duplicateDeliveryRate: 1 }, { pool: { processingS: () => 1, waitUs: 20 * S } });
    for (let i = 0; i < 3; i++) h.send();
    h.pool!.addWorker(0);
    h.runUntil(60 * S);
    const pool = h.pool!;
    expect(h.queue.deleted).toBe(3);
    expect(h.queue.duplicateDeliveries).toBe(3);
    expect(pool.processed).toBe(6);
    expect(pool.duplicateProcessing).toBe(3);
    expect(pool.deletesWithoutEffect).toBe(0);
    expect(h.queue.store.live).toBe(0);
  });

  it("via simulate with duplicateDeliveryRate 0.05, duplicates appear, are each processed once more, and messages are conserved", () => {
    const r = run(
      scenario({
        duration: "6m",
        queue: { duplicateDeliveryRate: 0.05 },
        // Traffic stops after 5 minutes so that every copy is delivered and processed before the end.
        producers: [{ name: "p", traffic: [{ spike: { at: "0s", peak: 5, hold: "5m" } }] }],
        consumers: { concurrency: 2, waitTime: "20s", processing: { exponential: { mean: "100ms" } } },
      }),
    );
    const m = r.summary.messages;
    expect(m.duplicateDeliveries).toBeGreaterThan(0);
    expect(m.received).toBe(m.sent + m.duplicateDeliveries);
    expect(m.duplicateProcessing).toBe(m.duplicateDeliveries);
    expect(r.summary.consumers.processed).toBe(m.deleted + m.duplicateDeliveries);
    expect(m.deleted).toBe(m.sent);
    // About 5% of deliveries leave a copy.
    const se = Math.sqrt((0.05 * 0.95) / m.sent);
    expect(Math.abs(m.duplicateDeliveries / m.sent - 0.05)).toBeLessThan(5 * se);
    expect(conservationGap(r)).toBe(0);
  });

  it("a producer's duplicate send that a standard queue stored as a new message counts in duplicateProcessing when processed", () => {
    // Sends stop at 4 minutes and the run lasts 10: every message, stored duplicates included, is processed once.
    const result = run(
      scenario({
        duration: "10m",
        producers: [{ name: "p", traffic: [{ constant: 20 }, { step: { at: "4m", rate: -20 } }], messageGroups: { count: 10 }, duplicateSends: 0.1 }],
        consumers: { concurrency: 4, waitTime: "20s", processing: { constant: "10ms" } },
      }),
      3,
    );
    const s = result.summary;
    expect(s.fifo!.duplicatesStored).toBeGreaterThan(300);
    expect(s.messages.redelivered + s.messages.duplicateDeliveries).toBe(0);
    expect(s.messages.remaining).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(s.messages.duplicateProcessing).toBe(s.fifo!.duplicatesStored);
  });
});

import { describe, expect, it } from "vitest";
import { Harness, Kind, S } from "../sqs/harness.js";
import { conservationGap, run, scenario } from "../sqs/scenarios.js";

const HOUR = 3_600 * S;

describe("WorkerPool: receive → process → delete", () => {
  it("a worker long-polls, processes for the processing time and deletes half a round trip later", () => {
    const latency = 10_000; // 10 ms round trip
    const h = new Harness({}, { pool: { processingS: () => 2, apiLatencyUs: latency, waitUs: 20 * S } });
    h.pool!.addWorker(0);
    h.runUntil(1 * S);
    h.send();
    // Waiting since 5 ms, the worker gets it at the send instant.
    expect(h.deliveries.map((d) => d.nowUs)).toEqual([1 * S]);
    expect(h.pool!.processing).toBe(1);
    // Response at +5 ms, 2 s of processing, delete reaches SQS 5 ms after that.
    h.runUntil(1 * S + 5_000 + 2 * S + 5_000 - 1);
    expect(h.queue.deleted).toBe(0);
    h.runUntil(1 * S + 5_000 + 2 * S + 5_000);
    expect(h.queue.deleted).toBe(1);
    expect(h.endToEnd.max).toBeCloseTo(2.01, 9);
    expect(h.pool!.processed).toBe(1);
    expect(h.pool!.processing).toBe(0);
    expect(h.queue.requests.delete).toBe(1);
    expect(h.pool!.busyUs).toBe(2 * S);
  });

  it("a batch is processed one message after another and deleted in one call", () => {
    const h = new Harness({}, { pool: { processingS: () => 1, batchSize: 10, waitUs: 20 * S } });
    for (let i = 0; i < 4; i++) h.send();
    h.pool!.addWorker(0);
    h.runUntil(4 * S - 1);
    expect(h.queue.deleted).toBe(0);
    h.runUntil(4 * S);
    expect(h.queue.deleted).toBe(4);
    expect(h.queue.requests.delete).toBe(1);
    expect(h.queue.requests.receive).toBe(2); // the batch, then the next (waiting) poll
  });

  it("a failed attempt is not deleted: the message returns after its visibility timeout and the failure is counted", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S }, { pool: { processingS: () => 1, transientFailure: 1, waitUs: 20 * S } });
    h.send();
    h.pool!.addWorker(0);
    h.runUntil(29 * S);
    expect(h.pool!.failedAttempts).toBe(1);
    expect(h.queue.requests.delete).toBe(0);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(30 * S);
    // The worker was waiting again and takes the returned message at once.
    expect(h.queue.redelivered).toBe(1);
    expect(h.deliveries.at(-1)!.nowUs).toBe(30 * S);
  });

  it("a poison message fails on every attempt until the DLQ takes it", () => {
    const h = new Harness(
      { visibilityTimeoutUs: 10 * S, deadLetter: { maxReceiveCount: 4, retentionUs: HOUR } },
      { pool: { processingS: () => 0.5, waitUs: 20 * S } },
    );
    h.send(1_000, 0, 1 /* MessageFlag.Poison */);
    h.pool!.addWorker(0);
    h.runUntil(120 * S);
    expect(h.pool!.failedAttempts).toBe(4);
    expect(h.pool!.processed).toBe(0);
    expect(h.queue.deadLettered).toBe(1);
    expect(h.queue.store.live).toBe(0);
  });

  it("a delete after the message was received again is stale: nothing is deleted and deletesWithoutEffect counts it", () => {
    const h = new Harness({ visibilityTimeoutUs: 10 * S }, { pool: { processingS: () => 15, waitUs: 20 * S } });
    h.send();
    h.pool!.addWorker(0);
    h.pool!.addWorker(0);
    h.runUntil(15 * S);
    // Worker A got it at 0; worker B at 10 s when it became visible again; A's delete at 15 s is stale.
    expect(h.pool!.deletesWithoutEffect).toBe(1);
    expect(h.queue.deleted).toBe(0);
    expect(h.pool!.duplicateProcessing).toBe(0);
    // B's visibility ends at 20 s: A (polling again) takes it, then B's delete at 25 s is stale too.
    h.runUntil(25 * S);
    expect(h.pool!.deletesWithoutEffect).toBe(2);
    expect(h.pool!.duplicateProcessing).toBe(1);
  });
});

describe("WorkerPool heartbeat (aws-behaviour 1.26-1.28, 1.34)", () => {
  it("a heartbeat extends visibility from each call, so a long job is not redelivered", () => {
    const h = new Harness(
      { visibilityTimeoutUs: 30 * S },
      { pool: { processingS: () => 90, waitUs: 20 * S, heartbeat: { everyUs: 20 * S, extendByUs: 30 * S } } },
    );
    h.send();
    h.pool!.addWorker(0);
    h.pool!.addWorker(0);
    h.runUntil(200 * S);
    expect(h.queue.redelivered).toBe(0);
    expect(h.queue.deleted).toBe(1);
    // Heartbeats at 20, 40, 60 and 80 s of the 90 s job.
    expect(h.queue.requests.changeVisibility).toBe(4);
    expect(h.trace.filter((e) => e.kind === Kind.WorkerHeartbeat).map((e) => e.timeUs)).toEqual([20, 40, 60, 80].map((s) => s * S));
  });

  it("heartbeats cannot keep a message past 12 h from its receive: it is redelivered then (1.27)", () => {
    const h = new Harness(
      { visibilityTimeoutUs: HOUR, retentionUs: 14 * 24 * HOUR },
      { pool: { processingS: () => 13 * 3_600, waitUs: 20 * S, heartbeat: { everyUs: HOUR / 2, extendByUs: HOUR } } },
    );
    h.send();
    h.pool!.addWorker(0);
    h.pool!.addWorker(0);
    h.runUntil(12 * HOUR - 1);
    expect(h.queue.redelivered).toBe(0);
    h.runUntil(12 * HOUR);
    expect(h.queue.redelivered).toBe(1);
    expect(h.deliveries.at(-1)!.nowUs).toBe(12 * HOUR);
  });

  it("via simulate, processing 90 s with visibility 30 s and a heartbeat every 20 s extending by 30 s gives no redelivery", () => {
    const r = run(
      scenario({
        duration: "10m",
        producers: [{ name: "p", traffic: [{ constant: 0.05 }] }],
        queue: { visibilityTimeout: "30s" },
        consumers: { concurrency: 4, waitTime: "20s", processing: { constant: "90s" }, heartbeat: { every: "20s", extendBy: "30s" } },
        fleet: { instances: 2 },
      }),
    );
    const s = r.summary;
    expect(s.messages.sent).toBeGreaterThan(10);
    expect(s.messages.redelivered).toBe(0);
    expect(s.messages.duplicateProcessing).toBe(0);
    expect(s.consumers.deletesWithoutEffect).toBe(0);
    expect(s.requests.changeVisibility).toBeGreaterThan(0);
    expect(conservationGap(r)).toBe(0);
  });

  it("via simulate, the same job without a heartbeat is redelivered and processed twice", () => {
    const r = run(
      scenario({
        duration: "10m",
        producers: [{ name: "p", traffic: [{ constant: 0.05 }] }],
        queue: { visibilityTimeout: "30s" },
        consumers: { concurrency: 4, waitTime: "20s", processing: { constant: "90s" } },
        fleet: { instances: 2 },
      }),
    );
    const s = r.summary;
    expect(s.messages.redelivered).toBeGreaterThan(0);
    expect(s.messages.duplicateProcessing).toBeGreaterThan(0);
    expect(s.consumers.deletesWithoutEffect).toBeGreaterThan(0);
    expect(s.requests.changeVisibility).toBe(0);
    expect(conservationGap(r)).toBe(0);
  });
});

describe("WorkerPool accounting", () => {
  it("busy time counts processing, so utilization of a saturated fleet is near 1", () => {
    const r = run(
      scenario({
        duration: "5m",
        producers: [{ name: "p", traffic: [{ constant: 20 }] }],
        consumers: { concurrency: 2, waitTime: "20s", processing: { constant: "1s" } },
      }),
    );
    expect(r.summary.consumers.utilization).toBeGreaterThan(0.98);
    expect(r.summary.consumers.utilization).toBeLessThanOrEqual(1);
  });

  // Regression: busy time used to include the part of a batch's processing after the end of the run, giving
  // utilization 3.33 here (fixed by WorkerPool.busyUsUntil).
  it("utilization never exceeds 1, even when processing outlasts the run", () => {
    const r = run(scenario({ duration: "30s", consumers: { concurrency: 2, waitTime: "20s", processing: { constant: "100s" } } }));
    expect(r.summary.consumers.utilization).toBeLessThanOrEqual(1);
  });
});

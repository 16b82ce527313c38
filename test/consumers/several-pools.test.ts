import { describe, expect, it } from "vitest";
import { Outcome } from "../../src/consumers/consumer.js";
import { SequentialProcessor } from "../../src/consumers/sequential-processor.js";
import { WorkerPool } from "../../src/consumers/worker-pool.js";
import { EventQueue } from "../../src/engine/event-queue.js";
import { Kernel } from "../../src/engine/kernel.js";
import { randomStream } from "../../src/engine/random.js";
import { type ConsumerQueue } from "../../src/sqs/queue-api.js";
import { fifoQueueOn } from "../sqs/fifo/fifo-harness.js";
import { RecordingConsumer, S, standardQueueOn } from "../sqs/harness.js";
import { groupOn } from "./group-on.js";

// Found in review of the seams (issue 13 §2): FIFO long polls of several consumers, worker slots reused by pools
// sharing a queue, and a batch larger than a receive's 10 through the sequential processor.

function poolOn(kernel: Kernel, queue: ConsumerQueue, name: string): WorkerPool {
  return new WorkerPool(
    { name, batchSize: 10, waitUs: 20 * S, apiLatencyUs: 2_000, processingS: () => 0.2, transientFailure: 0, heartbeat: null },
    queue,
    kernel.events,
    kernel,
    randomStream(1, `f/${name}`),
  );
}

describe("several consumers on one queue", () => {
  it("a FIFO queue answers each consumer's long poll by the consumer's own number", () => {
    const kernel = new Kernel(new EventQueue());
    const q = fifoQueueOn(kernel);
    const a = new RecordingConsumer("a", q);
    const b = new RecordingConsumer("b", q);
    const b4 = q.addPoller(b, 4);
    const a9 = q.addPoller(a, 9);
    q.receive(a9, 1, 20 * S, 0);
    q.receive(b4, 1, 20 * S, 0);
    q.send(1 * S, 100, 0, 1, "d1");
    q.send(2 * S, 100, 0, 2, "d2");
    kernel.runUntil(30 * S);
    expect(a.got).toEqual(["a#9 got 1 (serial 1) at 1s"]);
    expect(b.got).toEqual(["b#4 got 1 (serial 2) at 2s"]);
  });

  it("two worker pools scaled in and out (their worker slots reused) process every message once", () => {
    const kernel = new Kernel(new EventQueue());
    const q = standardQueueOn(kernel);
    const pa = poolOn(kernel, q, "a");
    const ga = groupOn(kernel, pa, 3, { min: 0, max: 50, terminationOrder: "newestInstance", concurrency: 2 });
    const pb = poolOn(kernel, q, "b");
    const gb = groupOn(kernel, pb, 2, { min: 0, max: 50, terminationOrder: "newestInstance", concurrency: 2 });
    let sent = 0;
    for (let t = 0; t < 600; t++) {
      for (let i = 0; i < 20; i++) {
        q.send(t * S, 100, 0, 0);
        sent++;
      }
    }
    for (let k = 1; k <= 10; k++) {
      kernel.runUntil(k * 50 * S);
      ga.setDesired(k % 2 === 0 ? 4 : 1, k * 50 * S, "test", "flip");
      gb.setDesired(k % 3 === 0 ? 1 : 3, k * 50 * S, "test", "flip");
    }
    kernel.runUntil(900 * S);
    // More workers started than slots exist: slots were reused, each keeping its poller.
    expect(pa.size).toBeGreaterThan(pa.slots);
    expect(pa.processed + pb.processed).toBe(sent);
    expect(q.deleted).toBe(sent);
    expect(pa.duplicateProcessing + pb.duplicateProcessing + pa.deletesWithoutEffect + pb.deletesWithoutEffect).toBe(0);
  });
});

describe("the sequential processor on a batch larger than one receive", () => {
  it("skips a group's later messages after its failure in a batch of 12 (the 11th failed group is remembered)", () => {
    const groups = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10];
    const queue = { groupOf: (slot: number) => groups[slot]!, isPoison: () => true } as unknown as ConsumerQueue;
    const processor = new SequentialProcessor({ processingS: () => 1, transientFailure: 0, stopGroupAtFailure: true }, queue, randomStream(1, "x"));
    const outcomes = new Uint8Array(12);
    const seconds = processor.processBatch(Int32Array.from(groups.keys()), 0, 12, outcomes);
    expect(Array.from(outcomes)).toEqual([...Array(11).fill(Outcome.Failed), Outcome.Skipped]);
    expect(seconds).toBe(11);
  });
});

import { describe, expect, it } from "vitest";
import { type BatchProcessor, type Consumer, Outcome, type SuccessListener, type WorkerStopListener } from "../../src/consumers/consumer.js";
import { WorkerPool } from "../../src/consumers/worker-pool.js";
import { EventQueue } from "../../src/engine/event-queue.js";
import { Kernel } from "../../src/engine/kernel.js";
import { Phase } from "../../src/engine/phases.js";
import { randomStream } from "../../src/engine/random.js";
import { type ConsumerQueue, type ReceiveListener } from "../../src/sqs/queue-api.js";
import { S, standardQueueOn } from "../sqs/harness.js";
import { groupOn } from "./group-on.js";

/**
 * The consumer seam admits a consumer of Lambda's shape (aws-behaviour §8): pollers that are not workers, batches
 * larger than one receive gathered over a window, invocations bounded by the workers a capacity gives, and
 * per-message partial failure. This one is deliberately small (no poller scaling, no throttling, no billing): it is
 * here to hold the interfaces to what issue 15 needs, not to model Lambda.
 */
class WindowedInvoker implements Consumer, ReceiveListener {
  readonly name = "windowed";
  size = 0;
  processing = 0;
  processed = 0;
  failedAttempts = 0;
  duplicateProcessing = 0;
  deletesWithoutEffect = 0;
  throttledReceives = 0;
  throttledDeletes = 0;
  throttledHeartbeats = 0;
  /** Every batch invoked, by size. */
  readonly batchSizes: number[] = [];
  /** Messages each receive returned (at most 10: a ReceiveMessage call's limit). */
  readonly receiveSizes: number[] = [];
  private readonly buffer: { slot: number; token: number; serial: number }[] = [];
  private readonly waiting: (typeof this.buffer)[] = [];
  private readonly held = new Map<number, typeof this.buffer>();
  private readonly freeWorkers: number[] = [];
  private readonly pollerIds: number[] = [];
  private readonly kinds: { poll: number; windowEnd: number; done: number };
  private windowOpen = false;
  private busyUs = 0;

  constructor(
    private readonly queue: ConsumerQueue,
    private readonly kernel: Kernel,
    private readonly processor: BatchProcessor,
    private readonly config: { pollers: number; batchSize: number; windowUs: number },
  ) {
    this.kinds = {
      poll: kernel.register("esm poll", (p, _a, now) => this.queue.receive(this.pollerIds[p]!, 10, 20 * S, now)),
      windowEnd: kernel.register("batch window end", (_t, _a, now) => this.flush(now)),
      done: kernel.register("invocation done", (w, _a, now) => this.onInvocationDone(w, now)),
    };
    for (let p = 0; p < config.pollers; p++) {
      this.pollerIds.push(queue.addPoller(this, p));
      kernel.schedule(0, Phase.Receive, this.kinds.poll, p);
    }
  }

  addWorker(nowUs: number): number {
    const w = this.size++;
    this.freeWorkers.push(w);
    this.invokeWaiting(nowUs);
    return w;
  }

  stopWorker(): boolean {
    return true;
  }

  setStopListener(_listener: WorkerStopListener): void {}

  private successListener: SuccessListener | null = null;
  setSuccessListener(listener: SuccessListener | null): void {
    this.successListener = listener;
  }

  busyUsUntil(): number {
    return this.busyUs;
  }

  onReceived(poller: number, count: number, nowUs: number): void {
    const q = this.queue;
    this.receiveSizes.push(count);
    for (let i = 0; i < count; i++) this.buffer.push({ slot: q.deliveredSlots[i]!, token: q.deliveredTokens[i]!, serial: q.deliveredSerials[i]! });
    // A full batch goes at once; what is left waits for more, until the window ends.
    while (this.buffer.length >= this.config.batchSize) this.waiting.push(this.buffer.splice(0, this.config.batchSize));
    this.invokeWaiting(nowUs);
    if (this.buffer.length > 0 && !this.windowOpen) {
      this.windowOpen = true;
      this.kernel.schedule(nowUs + this.config.windowUs, Phase.Receive, this.kinds.windowEnd, 0);
    }
    this.kernel.schedule(nowUs, Phase.Receive, this.kinds.poll, poller);
  }

  onEmptyReceive(poller: number, nowUs: number): void {
    this.kernel.schedule(nowUs, Phase.Receive, this.kinds.poll, poller);
  }

  private flush(nowUs: number): void {
    this.windowOpen = false;
    while (this.buffer.length > 0) this.waiting.push(this.buffer.splice(0, this.config.batchSize));
    this.invokeWaiting(nowUs);
  }

  /** Each waiting batch takes a free worker: one invocation per batch. */
  private invokeWaiting(nowUs: number): void {
    while (this.waiting.length > 0 && this.freeWorkers.length > 0) {
      const batch = this.waiting.shift()!;
      const w = this.freeWorkers.pop()!;
      const slots = Int32Array.from(batch, (m) => m.slot);
      const outcomes = new Uint8Array(batch.length);
      const seconds = this.processor.processBatch(slots, 0, batch.length, outcomes);
      batch.forEach((m, i) => Object.assign(m, { outcome: outcomes[i] }));
      this.batchSizes.push(batch.length);
      this.held.set(w, batch);
      this.processing++;
      this.busyUs += Math.round(seconds * 1e6);
      this.kernel.schedule(nowUs + Math.round(seconds * 1e6), Phase.Delete, this.kinds.done, w);
    }
  }

  /** Deletes what succeeded; the messages reported as failed are left to reappear after their visibility timeout. */
  private onInvocationDone(w: number, nowUs: number): void {
    let first = true;
    for (const m of this.held.get(w)! as { slot: number; token: number; serial: number; outcome: number }[]) {
      if (m.outcome === Outcome.Succeeded) {
        this.processed++;
        const deleted = this.queue.deleteMessage(m.slot, m.token, m.serial, nowUs);
        this.successListener?.onSucceeded(m.slot, nowUs, deleted, first);
        first = false;
      } else this.failedAttempts++;
      this.queue.release(m.slot);
    }
    this.held.delete(w);
    this.processing--;
    this.freeWorkers.push(w);
    this.invokeWaiting(nowUs);
  }
}

/** A function that fails every fifth message on its first attempt and reports only those (partial batch response). */
function partialFailures(queue: ConsumerQueue): BatchProcessor & { failedSerials: Set<number> } {
  const failedSerials = new Set<number>();
  return {
    failedSerials,
    processBatch(slots, from, count, outcomes) {
      for (let i = from; i < from + count; i++) {
        const serial = queue.store.serial[slots[i]!]!;
        const fail = serial % 5 === 0 && !failedSerials.has(serial);
        if (fail) failedSerials.add(serial);
        outcomes[i] = fail ? Outcome.Failed : Outcome.Succeeded;
      }
      return 0.2 + 0.01 * count;
    },
  };
}

function world() {
  const kernel = new Kernel(new EventQueue());
  return { kernel, queue: standardQueueOn(kernel) };
}

describe("the consumer seam admits a Lambda-shaped consumer", () => {
  it("gathers batches of 25 from receives of at most 10 over a window, one invocation per batch on the capacity's workers", () => {
    const { kernel, queue } = world();
    const consumer = new WindowedInvoker(queue, kernel, partialFailures(queue), { pollers: 2, batchSize: 25, windowUs: 1 * S });
    groupOn(kernel, consumer, 2);
    for (let i = 0; i < 130; i++) queue.send(0, 100, 0, 0);
    kernel.runUntil(10 * S);
    expect(Math.max(...consumer.receiveSizes)).toBe(10);
    // 130 messages (and the failed ones back only after 30 s): five full batches, then the window closes on the last 5.
    expect(consumer.batchSizes).toEqual([25, 25, 25, 25, 25, 5]);
    expect(consumer.processing).toBe(0);
  });

  it("with partial batch response only the failed messages come back; the rest of their batches is deleted", () => {
    const { kernel, queue } = world();
    const processor = partialFailures(queue);
    const consumer = new WindowedInvoker(queue, kernel, processor, { pollers: 2, batchSize: 25, windowUs: 1 * S });
    groupOn(kernel, consumer, 2);
    for (let i = 0; i < 130; i++) queue.send(0, 100, 0, 0);
    kernel.runUntil(120 * S);
    expect(processor.failedSerials.size).toBe(26);
    expect(consumer.failedAttempts).toBe(26);
    expect(queue.redelivered).toBe(26);
    expect(consumer.processed).toBe(130);
    expect(queue.deleted).toBe(130);
    expect(queue.visible + queue.inFlight).toBe(0);
  });

  it("with no workers from its capacity the batches wait; they are invoked when workers come", () => {
    const { kernel, queue } = world();
    const consumer = new WindowedInvoker(queue, kernel, partialFailures(queue), { pollers: 1, batchSize: 25, windowUs: 1 * S });
    for (let i = 0; i < 30; i++) queue.send(0, 100, 0, 0);
    kernel.runUntil(5 * S);
    expect(consumer.batchSizes).toEqual([]);
    consumer.addWorker(5 * S);
    kernel.runUntil(6 * S);
    // The full batch first, then the 5 the window closed on, once the worker is free again (0.45 s later).
    expect(consumer.batchSizes).toEqual([25, 5]);
  });

  it("reads one queue beside an EC2 worker pool: every message is deleted once, by one or the other", () => {
    const { kernel, queue } = world();
    const invoker = new WindowedInvoker(queue, kernel, partialFailures(queue), { pollers: 2, batchSize: 25, windowUs: 1 * S });
    groupOn(kernel, invoker, 2);
    const pool = new WorkerPool(
      { batchSize: 10, waitUs: 20 * S, apiLatencyUs: 2_000, processingS: () => 0.05, transientFailure: 0, heartbeat: null },
      queue,
      kernel.events,
      kernel,
      randomStream(1, "f"),
    );
    groupOn(kernel, pool, 3);
    for (let i = 0; i < 1000; i++) queue.send(0, 100, 0, 0);
    kernel.runUntil(300 * S);
    expect(invoker.processed).toBeGreaterThan(0);
    expect(pool.processed).toBeGreaterThan(0);
    expect(invoker.processed + pool.processed).toBe(1000);
    expect(queue.deleted).toBe(1000);
    expect(pool.duplicateProcessing + pool.deletesWithoutEffect).toBe(0);
  });
});

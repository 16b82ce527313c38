// Pods on nodes (issue 16): Pending until a node has room, nodes provisioned for what fits nowhere, pods starting on
// ready nodes, deletion with a grace period, empty nodes consolidated, and nodes billed as EC2 instances (10.6).
import { describe, expect, it } from "vitest";
import { type Consumer, type WorkerStopListener } from "../../../src/consumers/consumer.js";
import { Kernel } from "../../../src/engine/kernel.js";
import { PodCluster, type PodClusterConfig } from "../../../src/scaling/kubernetes/pod-cluster.js";

const S = 1_000_000;

/** A consumer whose workers are busy when listed in `busy`: a busy worker drains, an idle one stops at once. */
class FakeConsumer implements Consumer {
  readonly name = "fake";
  size = 0;
  processing = 0;
  processed = 0;
  failedAttempts = 0;
  duplicateProcessing = 0;
  deletesWithoutEffect = 0;
  throttledReceives = 0;
  throttledDeletes = 0;
  throttledHeartbeats = 0;
  readonly busy = new Set<number>();
  readonly running = new Set<number>();
  readonly abandoned: number[] = [];
  listener: WorkerStopListener | null = null;
  /** Like WorkerPool, hand a stopped worker's slot to the next worker added (when true). */
  reuseSlots = false;
  private readonly free: number[] = [];
  addWorker(): number {
    const w = this.reuseSlots && this.free.length > 0 ? this.free.pop()! : this.size++;
    this.running.add(w);
    return w;
  }
  stopWorker(w: number, _now: number, drain: boolean): boolean {
    if (drain && this.busy.has(w)) return false;
    if (this.busy.has(w)) this.abandoned.push(w);
    this.busy.delete(w);
    this.running.delete(w);
    this.free.push(w);
    return true;
  }
  finish(w: number, now: number): void {
    this.busy.delete(w);
    this.running.delete(w);
    this.listener?.workerStopped(w, now);
    this.free.push(w);
  }
  setStopListener(l: WorkerStopListener): void {
    this.listener = l;
  }
  setSuccessListener(): void {}
  busyUsUntil(): number {
    return 0;
  }
}

function cluster(over: Partial<PodClusterConfig> = {}) {
  const kernel = new Kernel();
  const consumer = new FakeConsumer();
  let c: PodCluster | null = null;
  const kinds = {
    nodeReady: kernel.register("node ready", (n, _a, now) => c!.onNodeReady(n, now)),
    podReady: kernel.register("pod ready", (i, _a, now) => c!.onPodReady(i, now)),
    podGraceEnd: kernel.register("pod grace end", (i, _a, now) => c!.onPodGraceEnd(i, now)),
    consolidate: kernel.register("node consolidation", (n, _a, now) => c!.onConsolidate(n, now)),
  };
  c = new PodCluster(
    {
      name: "pods",
      concurrency: 2,
      podsPerNode: 2,
      podStartS: () => 5,
      nodeLaunchS: () => 60,
      nodeHourlyUsd: 0.36,
      minNodes: 1,
      maxNodes: 10,
      consolidateAfterUs: 300 * S,
      terminationGraceUs: 30 * S,
      minReplicas: 0,
      maxReplicas: 100,
      initialReplicas: 0,
      initialNodes: 1,
      ...over,
    },
    consumer,
    kernel.events,
    kinds,
  );
  c.start(0);
  return { kernel, consumer, c };
}

describe("pods on nodes", () => {
  it("a pod waits for room: two start on the ready node, the third waits for a new node's launch", () => {
    const { kernel, consumer, c } = cluster();
    c.setDesired(3, 0, "hpa", "test");
    expect(c.pending).toBe(3);
    expect(c.nodeCount).toBe(2);
    kernel.runUntil(5 * S);
    expect(c.inService).toBe(2);
    expect(consumer.running.size).toBe(4);
    kernel.runUntil(64 * S);
    expect(c.inService).toBe(2); // the new node is ready at 60 s, the pod starts 5 s later
    kernel.runUntil(65 * S);
    expect(c.inService).toBe(3);
    expect(c.peakNodes).toBe(2);
  });

  it("never provisions past maxNodes: what does not fit stays Pending", () => {
    const { kernel, c } = cluster({ maxNodes: 2 });
    c.setDesired(7, 0, "hpa", "test");
    kernel.runUntil(120 * S);
    expect(c.nodeCount).toBe(2);
    expect(c.inService).toBe(4);
    expect(c.pending).toBe(3);
  });

  it("a deleted pod drains its busy workers within the grace period, then abandons what is left", () => {
    const { kernel, consumer, c } = cluster();
    c.setDesired(2, 0, "hpa", "test");
    kernel.runUntil(10 * S);
    // Workers 2 and 3 belong to the newest pod; one of them is busy.
    consumer.busy.add(3);
    c.setDesired(1, 10 * S, "hpa", "test");
    expect(c.terminating).toBe(1);
    kernel.runUntil(39 * S);
    expect(c.terminating).toBe(1);
    kernel.runUntil(40 * S);
    expect(c.terminating).toBe(0);
    expect(consumer.abandoned).toEqual([3]);
    // A busy worker that finishes within the grace ends its pod at once.
    consumer.busy.add(1);
    c.setDesired(0, 50 * S, "hpa", "test");
    consumer.finish(1, 52 * S);
    expect(c.terminating).toBe(0);
    expect(c.inService).toBe(0);
  });

  it("a pod's grace end stops only its own workers, not those whose slots a newer pod took (as WorkerPool reuses them)", () => {
    const { kernel, consumer, c } = cluster();
    consumer.reuseSlots = true;
    c.setDesired(1, 0, "hpa", "test");
    kernel.runUntil(10 * S);
    // The pod's workers are 0 and 1; 1 is busy and drains, 0 stops at once and frees its slot.
    consumer.busy.add(1);
    c.setDesired(0, 10 * S, "hpa", "test");
    c.setDesired(1, 11 * S, "hpa", "test");
    kernel.runUntil(20 * S);
    // The new pod took slot 0 (and a new one); the old pod's grace ends at 40 s with worker 1 still busy.
    expect([...consumer.running].sort()).toEqual([0, 1, 2]);
    kernel.runUntil(41 * S);
    expect(consumer.abandoned).toEqual([1]);
    expect([...consumer.running].sort()).toEqual([0, 2]);
    expect(c.inService).toBe(1);
    // Then a drain that ends in time frees its slot for the next pod, and the pod that drained it does not reclaim it.
    consumer.busy.add(0);
    c.setDesired(0, 50 * S, "hpa", "test");
    consumer.finish(0, 52 * S);
    c.setDesired(1, 53 * S, "hpa", "test");
    kernel.runUntil(200 * S);
    expect(consumer.running.size).toBe(2);
    expect(c.inService).toBe(1);
    expect(c.terminating).toBe(0);
  });

  it("counts the worker-time of deleted pods finishing their batches (the HPA on CPU leaves it out)", () => {
    const { kernel, consumer, c } = cluster();
    c.setDesired(1, 0, "hpa", "test");
    kernel.runUntil(10 * S);
    consumer.busy.add(1);
    c.setDesired(0, 10 * S, "hpa", "test");
    consumer.finish(1, 25 * S);
    expect(c.drainingWorkerUsAt(30 * S)).toBe(15 * S);
    // A drain cut off by the grace end counts up to it.
    c.setDesired(1, 30 * S, "hpa", "test");
    kernel.runUntil(40 * S);
    // The new pod's workers are 2 and 3; both busy past the 30 s grace.
    consumer.busy.add(2);
    consumer.busy.add(3);
    c.setDesired(0, 40 * S, "hpa", "test");
    kernel.runUntil(100 * S);
    expect(c.drainingWorkerUsAt(100 * S)).toBe(15 * S + 2 * 30 * S);
  });

  it("removes a node empty for consolidateAfter, never below minNodes, and bills nodes per second with 60 s minimum", () => {
    const { kernel, c } = cluster();
    c.setDesired(3, 0, "hpa", "test");
    kernel.runUntil(100 * S);
    expect(c.nodeCount).toBe(2);
    c.setDesired(0, 100 * S, "hpa", "test");
    kernel.runUntil(399 * S);
    expect(c.nodeCount).toBe(2);
    kernel.runUntil(400 * S);
    // One node goes; the other stays as the minimum.
    expect(c.nodeCount).toBe(1);
    kernel.runUntil(1000 * S);
    expect(c.nodeCount).toBe(1);
    const b = c.billing(1000 * S);
    // The first node the whole 1,000 s, the second from 0 s to 400 s.
    expect(b.instanceSeconds).toBe(1400);
    expect(b.billedInstanceSeconds).toBe(1400);
    expect(c.costUsd(1000 * S)).toBeCloseTo((1400 / 3600) * 0.36, 9);
  });
});

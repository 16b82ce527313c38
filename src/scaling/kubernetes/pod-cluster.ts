// Pods on nodes (issue 16, aws-behaviour 9.6, 12.1): the capacity of a Kubernetes pool. The HPA (and KEDA) set the
// replicas; a pod waits Pending until a node has room, a node is provisioned for pods that fit nowhere and takes its
// launch time, a pod on a node starts after its start time and then gives the consumer its workers; an empty node is
// removed after `consolidateAfter`. Nodes are billed like EC2 instances (per second, 60 s minimum, 10.6, 9.22).
import { type Consumer } from "../../consumers/consumer.js";
import { type Sampler } from "../../engine/distributions.js";
import { type EventQueue } from "../../engine/event-queue.js";
import { Phase } from "../../engine/phases.js";
import { type Capacity, type CapacityActivityListener, type CapacityBilling } from "../capacity.js";

export interface PodClusterConfig {
  name: string;
  /** Workers one pod runs (consumers.concurrency). */
  concurrency: number;
  podsPerNode: number;
  /** A pod's start, once on a node (image pull, container start, readiness), in seconds. */
  podStartS: Sampler;
  /** A node's provisioning (Karpenter or the Cluster Autoscaler, and the instance's boot), in seconds. */
  nodeLaunchS: Sampler;
  nodeHourlyUsd: number;
  minNodes: number;
  maxNodes: number;
  /** An empty node is removed after this. */
  consolidateAfterUs: number;
  /** A deleted pod finishes its batch within this, else its work is abandoned (Kubernetes' default is 30 s). */
  terminationGraceUs: number;
  minReplicas: number;
  maxReplicas: number;
  initialReplicas: number;
  /** Nodes ready at the start (a cluster that exists before the run). */
  initialNodes: number;
}

export interface PodClusterEventKinds {
  nodeReady: number;
  podReady: number;
  podGraceEnd: number;
  consolidate: number;
}

const enum PodState {
  Pending = 0,
  Starting = 1,
  Running = 2,
  Terminating = 3,
  Gone = 4,
}

const enum NodeState {
  Launching = 0,
  Ready = 1,
  Gone = 2,
}

interface Pod {
  state: PodState;
  node: number;
  /** When it was placed on a node (the kubelet's start time), and when it became ready (-1: not yet). */
  placedUs: number;
  readyUs: number;
  workers: number[];
  /** Workers still finishing their batch while the pod terminates. */
  draining: number;
}

interface Node {
  state: NodeState;
  launchUs: number;
  endUs: number;
  pods: number;
  /** When the node last became empty (-1: it holds pods). */
  emptySinceUs: number;
}

const MIN_BILLED_US = 60_000_000;

export class PodCluster implements Capacity {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  desired = 0;
  peakInService = 0;
  peakNodes = 0;
  /** The most replicas set, and the fewest set after the first scale-out (-1 before it). */
  peakDesired = 0;
  minDesiredAfterFirstScaleOut = -1;
  private readonly pods: Pod[] = [];
  /** Pods by state (indexed by PodState), kept as pods move, so that no count scans every pod ever made. */
  private readonly inState = [0, 0, 0, 0, 0];
  /** Pods waiting for a node, in creation order (may hold pods since deleted: skipped). */
  private pendingQueue: number[] = [];
  /** Pods not yet gone, in creation order: what an HPA lists (hpa-cpu-scaler.ts). */
  private readonly livePods = new Set<number>();
  private readonly nodes: Node[] = [];
  private liveNodes = 0;
  private readonly workerPod = new Map<number, number>();
  private listener: CapacityActivityListener | null = null;
  private podRunningUs = 0;
  private podAreaSinceUs = 0;
  /** Workers of deleted pods still finishing their batches, and their worker-time so far: busy, but for the half
   *  round trip of their last delete (and a throttled delete's back-off), which the HPA on CPU subtracts with it. */
  private drainingWorkers = 0;
  private drainingUs = 0;

  constructor(
    private readonly config: PodClusterConfig,
    private readonly consumer: Consumer,
    private readonly events: EventQueue,
    private readonly kinds: PodClusterEventKinds,
  ) {
    this.name = config.name;
    this.min = config.minReplicas;
    this.max = config.maxReplicas;
    consumer.setStopListener({ workerStopped: (w, now) => this.onWorkerStopped(w, now) });
  }

  get inService(): number {
    return this.inState[PodState.Running]!;
  }

  get pending(): number {
    return this.inState[PodState.Pending]! + this.inState[PodState.Starting]!;
  }

  get terminating(): number {
    return this.inState[PodState.Terminating]!;
  }

  /** Workers one running pod gives the consumer. */
  get workersPerPod(): number {
    return this.config.concurrency;
  }

  /** Nodes launching or ready. */
  get nodeCount(): number {
    return this.liveNodes;
  }

  private setState(pod: Pod, state: PodState, i: number): void {
    this.inState[pod.state]!--;
    this.inState[state]!++;
    pod.state = state;
    if (state === PodState.Gone) this.livePods.delete(i);
  }

  /**
   * The pods an HPA lists (not yet gone), as it sees them: Pending (waiting for a node, or starting on one: its
   * containers are not ready), Running since it became ready, or being deleted (terminating).
   */
  podStatuses(): { phase: "Pending" | "Running" | "Deleting"; placedUs: number; readyUs: number }[] {
    const out: { phase: "Pending" | "Running" | "Deleting"; placedUs: number; readyUs: number }[] = [];
    for (const i of this.livePods) {
      const pod = this.pods[i]!;
      const phase = pod.state === PodState.Running ? "Running" : pod.state === PodState.Terminating ? "Deleting" : "Pending";
      out.push({ phase, placedUs: pod.placedUs, readyUs: pod.readyUs });
    }
    return out;
  }

  /** Running pod-µs up to nowUs (nowUs at or after the last change): the area under the ready pods. */
  runningPodUsAt(nowUs: number): number {
    this.accruePods(nowUs);
    return this.podRunningUs;
  }

  /** Worker-seconds (µs) of deleted pods' workers finishing their batches, up to nowUs: busy time of pods the HPA
   *  no longer lists (9.15), which a reading of the running pods leaves out. */
  drainingWorkerUsAt(nowUs: number): number {
    this.accruePods(nowUs);
    return this.drainingUs;
  }

  private addNode(state: NodeState, nowUs: number): void {
    this.nodes.push({ state, launchUs: nowUs, endUs: -1, pods: 0, emptySinceUs: state === NodeState.Ready ? nowUs : -1 });
    this.liveNodes++;
  }

  warming(): number {
    return 0;
  }

  setActivityListener(listener: CapacityActivityListener): void {
    this.listener = listener;
  }

  start(nowUs: number): void {
    for (let i = 0; i < this.config.initialNodes; i++) this.addNode(NodeState.Ready, nowUs);
    this.peakNodes = this.nodeCount;
    this.setDesired(this.config.initialReplicas, nowUs, "start", "the deployment's initial replicas");
  }

  setCapacity(_min: number, _max: number, desired: number, nowUs: number, source: string, reason: string): number {
    return this.setDesired(desired, nowUs, source, reason);
  }

  setDesired(desired: number, nowUs: number, source: string, reason: string): number {
    const d = Math.max(this.min, Math.min(this.max, Math.round(desired)));
    const before = this.desired;
    this.desired = d;
    if (d > this.peakDesired) this.peakDesired = d;
    if (d > before && source !== "start" && this.minDesiredAfterFirstScaleOut < 0) this.minDesiredAfterFirstScaleOut = d;
    else if (this.minDesiredAfterFirstScaleOut >= 0 && d < this.minDesiredAfterFirstScaleOut) this.minDesiredAfterFirstScaleOut = d;
    let live = this.inState[PodState.Pending]! + this.inState[PodState.Starting]! + this.inState[PodState.Running]!;
    while (live < d) {
      this.pods.push({ state: PodState.Pending, node: -1, placedUs: -1, readyUs: -1, workers: [], draining: 0 });
      this.inState[PodState.Pending]!++;
      this.livePods.add(this.pods.length - 1);
      this.pendingQueue.push(this.pods.length - 1);
      live++;
    }
    // The ReplicaSet deletes unscheduled pods first, then starting ones, then running ones (newest first; 9.20).
    for (const state of [PodState.Pending, PodState.Starting, PodState.Running]) {
      for (let i = this.pods.length - 1; i >= 0 && live > d; i--) {
        if (this.pods[i]!.state !== state) continue;
        this.deletePod(i, nowUs);
        live--;
      }
    }
    this.schedule(nowUs);
    if (d !== before) this.listener?.desiredChanged(nowUs, before, d, source, reason);
    return d;
  }

  /** Places Pending pods on ready nodes with room, and provisions nodes for those that fit nowhere. */
  private schedule(nowUs: number): void {
    const c = this.config;
    const waiting: number[] = [];
    for (const i of this.pendingQueue) {
      if (this.pods[i]!.state !== PodState.Pending) continue;
      const n = this.nodes.findIndex((node) => node.state === NodeState.Ready && node.pods < c.podsPerNode);
      if (n < 0) waiting.push(i);
      else this.placePod(i, n, nowUs);
    }
    this.pendingQueue = waiting;
    const unschedulable = this.inState[PodState.Pending]!;
    const room = this.nodes.reduce((r, node) => r + (node.state === NodeState.Launching ? c.podsPerNode - node.pods : 0), 0);
    let wanted = Math.ceil(Math.max(0, unschedulable - room) / c.podsPerNode);
    while (wanted > 0 && this.nodeCount < c.maxNodes) {
      this.addNode(NodeState.Launching, nowUs);
      const readyUs = nowUs + Math.max(0, Math.round(c.nodeLaunchS() * 1e6));
      this.events.push(readyUs, Phase.CapacityChange, this.kinds.nodeReady, this.nodes.length - 1);
      wanted--;
    }
    if (this.nodeCount > this.peakNodes) this.peakNodes = this.nodeCount;
  }

  private placePod(i: number, n: number, nowUs: number): void {
    const pod = this.pods[i]!;
    const node = this.nodes[n]!;
    this.setState(pod, PodState.Starting, i);
    pod.node = n;
    pod.placedUs = nowUs;
    node.pods++;
    node.emptySinceUs = -1;
    this.events.push(nowUs + Math.max(0, Math.round(this.config.podStartS() * 1e6)), Phase.CapacityChange, this.kinds.podReady, i);
  }

  onNodeReady(n: number, nowUs: number): void {
    const node = this.nodes[n]!;
    if (node.state !== NodeState.Launching) return;
    node.state = NodeState.Ready;
    node.emptySinceUs = nowUs;
    this.schedule(nowUs);
    this.armConsolidation(n, nowUs);
  }

  onPodReady(i: number, nowUs: number): void {
    const pod = this.pods[i]!;
    if (pod.state !== PodState.Starting) return;
    this.accruePods(nowUs);
    this.setState(pod, PodState.Running, i);
    pod.readyUs = nowUs;
    for (let k = 0; k < this.config.concurrency; k++) {
      const w = this.consumer.addWorker(nowUs);
      pod.workers.push(w);
      this.workerPod.set(w, i);
    }
    if (this.inService > this.peakInService) this.peakInService = this.inService;
  }

  /** A deleted pod: Pending or Starting ones go at once; a running one drains its workers within the grace period. */
  private deletePod(i: number, nowUs: number): void {
    const pod = this.pods[i]!;
    if (pod.state === PodState.Pending) {
      this.setState(pod, PodState.Gone, i);
      return;
    }
    if (pod.state === PodState.Starting) {
      this.releaseFromNode(pod, nowUs);
      this.setState(pod, PodState.Gone, i);
      return;
    }
    this.accruePods(nowUs);
    this.setState(pod, PodState.Terminating, i);
    // A worker that stops at once frees its slot in the pool, which may give it to another pod: it is forgotten here
    // now, and only the draining ones stay this pod's.
    pod.workers = pod.workers.filter((w) => {
      if (!this.consumer.stopWorker(w, nowUs, true)) return true;
      this.workerPod.delete(w);
      return false;
    });
    pod.draining = pod.workers.length;
    this.drainingWorkers += pod.draining;
    if (pod.draining === 0) this.endPod(i, nowUs);
    else this.events.push(nowUs + this.config.terminationGraceUs, Phase.CapacityChange, this.kinds.podGraceEnd, i);
  }

  /** The grace period ended: workers still busy are stopped, their batches abandoned (9.19, 12.10). */
  onPodGraceEnd(i: number, nowUs: number): void {
    const pod = this.pods[i]!;
    if (pod.state !== PodState.Terminating) return;
    // Only workers still this pod's: one that drained in time was forgotten, and its slot may be another pod's now.
    this.accruePods(nowUs);
    this.drainingWorkers -= pod.draining;
    pod.draining = 0;
    for (const w of pod.workers) if (this.workerPod.get(w) === i) this.consumer.stopWorker(w, nowUs, false);
    this.endPod(i, nowUs);
  }

  private onWorkerStopped(w: number, nowUs: number): void {
    const i = this.workerPod.get(w);
    if (i === undefined) return;
    const pod = this.pods[i]!;
    if (pod.state !== PodState.Terminating) return;
    this.workerPod.delete(w);
    this.accruePods(nowUs);
    this.drainingWorkers--;
    pod.draining--;
    if (pod.draining === 0) this.endPod(i, nowUs);
  }

  private endPod(i: number, nowUs: number): void {
    const pod = this.pods[i]!;
    for (const w of pod.workers) if (this.workerPod.get(w) === i) this.workerPod.delete(w);
    pod.workers = [];
    this.setState(pod, PodState.Gone, i);
    this.releaseFromNode(pod, nowUs);
    this.schedule(nowUs);
  }

  private releaseFromNode(pod: Pod, nowUs: number): void {
    const node = this.nodes[pod.node];
    if (node === undefined) return;
    node.pods--;
    if (node.pods === 0) {
      node.emptySinceUs = nowUs;
      this.armConsolidation(pod.node, nowUs);
    }
  }

  private armConsolidation(n: number, nowUs: number): void {
    this.events.push(nowUs + this.config.consolidateAfterUs, Phase.CapacityChange, this.kinds.consolidate, n);
  }

  /** An empty node's consolidation time came: removed if still empty for that long, above the minimum (9.21). */
  onConsolidate(n: number, nowUs: number): void {
    const node = this.nodes[n]!;
    if (node.state !== NodeState.Ready || node.pods > 0 || node.emptySinceUs < 0) return;
    if (nowUs - node.emptySinceUs < this.config.consolidateAfterUs) return;
    if (this.nodeCount <= this.config.minNodes) return;
    node.state = NodeState.Gone;
    node.endUs = nowUs;
    this.liveNodes--;
  }

  private accruePods(nowUs: number): void {
    if (nowUs > this.podAreaSinceUs) {
      this.podRunningUs += this.inService * (nowUs - this.podAreaSinceUs);
      this.drainingUs += this.drainingWorkers * (nowUs - this.podAreaSinceUs);
      this.podAreaSinceUs = nowUs;
    }
  }

  /** Node-seconds used and billed (60 s minimum each, 10.6), pod-seconds running, and worker-seconds. */
  billing(endUs: number): CapacityBilling {
    this.accruePods(endUs);
    let used = 0;
    let billed = 0;
    for (const node of this.nodes) {
      const end = node.endUs >= 0 ? node.endUs : endUs;
      const us = Math.max(0, end - node.launchUs);
      used += us;
      billed += Math.max(us, MIN_BILLED_US);
    }
    return {
      instanceSeconds: used / 1e6,
      billedInstanceSeconds: billed / 1e6,
      workingInstanceSeconds: this.podRunningUs / 1e6,
      workerSeconds: (this.podRunningUs / 1e6) * this.config.concurrency,
    };
  }

  costUsd(nowUs: number): number {
    return (this.billing(nowUs).billedInstanceSeconds / 3600) * this.config.nodeHourlyUsd;
  }
}

// A plain HPA on CPU utilisation, as one Scaler of a Kubernetes pool (issue 16, aws-behaviour 9.1-9.6, 9.14-9.17):
// instead of KEDA's count of messages, every sync period it reads each pod's CPU utilisation and asks for
// ⌈ratio × ready pods⌉ replicas (hpa-resource.ts), stabilised and rate-limited (hpa.ts), within minReplicas (≥ 1: a
// plain HPA cannot scale to 0) and maxReplicas.
//
// The consumer is taken as CPU-bound: a worker uses its share of the pod's cpu while it processes a batch and none
// while it polls, so a pod's utilisation is its busy workers ÷ its workers. The model's approximation (9.16): the
// utilisation over the metric window is the pool's, busy worker-time (what consumers.utilization is built on) ÷ the
// running pods' worker-time over the window, given to every ready pod alike; tracking it pod by pod would add work
// to every batch. A pool's pods poll one queue, so their loads differ only by chance. Saturation follows: a pod is at
// most 100% busy (less the SQS round trips it waits on), so one sync multiplies the replicas by at most that reading ÷
// the target, whatever the backlog — and new pods count as 0% until ready a whole window (explain's ramp, 9.15).
import { type Consumer } from "../../consumers/consumer.js";
import { type EventQueue } from "../../engine/event-queue.js";
import { type Kernel } from "../../engine/kernel.js";
import { Phase } from "../../engine/phases.js";
import { type ColumnReader, type SeriesColumn } from "../../metrics/period-series.js";
import { type Scaler } from "../scaler.js";
import { type HpaBehavior, HpaStabilizer } from "./hpa.js";
import { type PodView, resourceReplicas } from "./hpa-resource.js";
import { KEDA_COLUMNS } from "./keda-scaler.js";
import { type PodCluster } from "./pod-cluster.js";

export interface HpaCpuScalerConfig {
  /** The averageUtilization target, percent of the pod's cpu request (9.14). */
  targetPct: number;
  minReplicas: number;
  maxReplicas: number;
  /** The window over which a pod's usage is averaged (metrics-server's resolution, default 15 s, 9.16). */
  metricWindowUs: number;
  /** The pod's cpu request in millicores (1000 when not written: the utilisation is a ratio, the request cancels). */
  requestMilli: number;
  syncPeriodUs: number;
  tolerance: number;
  behavior: HpaBehavior;
}

export const HPA_CPU_COLUMN = {
  name: "cpu_utilization_pct",
  unit: "percent",
  description: "the CPU utilisation of the ready pods the HPA read at its last sync in the period (busy workers ÷ workers, 9.14)",
} satisfies SeriesColumn;

/** The pool's busy worker-µs and running pod-µs at a metric window's start. */
interface WindowStart {
  busyUs: number;
  podUs: number;
}

export class HpaCpuScaler implements Scaler {
  readonly name = "the HPA on CPU";
  scaleOutActivities = 0;
  scaleInActivities = 0;
  firstScaleOut: { atUs: number; breachStartUs: number } | null = null;
  /** The utilisation read last (whole percent), for the series. */
  lastUtilizationPct = 0;
  private breachSinceUs = -1;
  private readonly stabilizer: HpaStabilizer;
  private readonly events: EventQueue;
  private readonly kinds: { sync: number; windowStart: number };
  /** Window starts taken, oldest first: the next sync's is at its head. */
  private readonly windowStarts: WindowStart[] = [];

  constructor(
    private readonly config: HpaCpuScalerConfig,
    private readonly cluster: PodCluster,
    private readonly consumer: Consumer,
    kernel: Kernel,
  ) {
    this.stabilizer = new HpaStabilizer(config.behavior);
    this.events = kernel.events;
    this.kinds = {
      sync: kernel.register("hpa sync", (_t, _a, now) => this.onSync(now)),
      windowStart: kernel.register("cpu metric window start", (k, _a, now) => this.onWindowStart(k, now)),
    };
  }

  start(): void {
    this.events.push(this.config.syncPeriodUs, Phase.ScalingDecision, this.kinds.sync, 0);
    this.scheduleWindowStart(1, 0);
  }

  seriesColumns(): ColumnReader[] {
    return [
      { column: HPA_CPU_COLUMN, read: () => this.lastUtilizationPct },
      { column: KEDA_COLUMNS.replicas, read: () => this.cluster.desired + this.cluster.terminating },
      { column: KEDA_COLUMNS.desiredReplicas, read: () => this.cluster.desired },
      { column: KEDA_COLUMNS.readyReplicas, read: () => this.cluster.inService },
      { column: KEDA_COLUMNS.pendingPods, read: () => this.cluster.pending },
      { column: KEDA_COLUMNS.nodes, read: () => this.cluster.nodeCount },
    ];
  }

  /** The k-th sync's window starts one window before it (at 0 when that is before the run, when nothing ran). */
  private scheduleWindowStart(k: number, nowUs: number): void {
    const atUs = Math.max(nowUs, k * this.config.syncPeriodUs - this.config.metricWindowUs);
    this.events.push(atUs, Phase.ScalingDecision, this.kinds.windowStart, k);
  }

  /** The k-th sync's window starts: the figures are kept until that sync (syncs come in order, so a queue). */
  private onWindowStart(k: number, nowUs: number): void {
    this.windowStarts.push({ busyUs: this.runningBusyUs(nowUs), podUs: this.cluster.runningPodUsAt(nowUs) });
    this.scheduleWindowStart(k + 1, nowUs);
  }

  /** The pool's busy worker-time so far, less that of deleted pods finishing their batches (the HPA ignores them). */
  private runningBusyUs(nowUs: number): number {
    return this.consumer.busyUsUntil(nowUs) - this.cluster.drainingWorkerUsAt(nowUs);
  }

  /** The pool's utilisation over the window just ended (0 without running pods in it), at most 1. */
  private windowUtilization(nowUs: number): number {
    const start = this.windowStarts.shift() ?? { busyUs: 0, podUs: 0 };
    const busy = this.runningBusyUs(nowUs) - start.busyUs;
    const workerUs = (this.cluster.runningPodUsAt(nowUs) - start.podUs) * this.cluster.workersPerPod;
    return workerUs > 0 ? Math.min(1, Math.max(0, busy / workerUs)) : 0;
  }

  /** The HPA's sync (9.3): the pods as it lists them, the CPU rule (9.14-9.15), then behaviour and bounds (9.4-9.5). */
  private onSync(nowUs: number): void {
    this.events.push(nowUs + this.config.syncPeriodUs, Phase.ScalingDecision, this.kinds.sync, 0);
    const c = this.config;
    const usageMilli = Math.round(this.windowUtilization(nowUs) * c.requestMilli);
    const pods: PodView[] = this.cluster.podStatuses().map((p) => ({
      phase: p.phase,
      startUs: p.placedUs,
      ready: p.phase === "Running" ? { status: true, sinceUs: p.readyUs } : null,
      requestMilli: c.requestMilli,
      metric: p.phase === "Running" ? { usageMilli, timestampUs: nowUs, windowUs: c.metricWindowUs } : null,
    }));
    const current = this.cluster.desired;
    const read = resourceReplicas(current, pods, c.targetPct, nowUs, c.tolerance);
    // No ready pod with a metric: the controller reports an error and leaves the replicas (9.6).
    if (read === null) return;
    this.lastUtilizationPct = read.utilizationPct;
    const raw = read.replicas;
    // The breach began within the sync period before the sync that saw it (as EC2's within the first breaching
    // metric period): the period's start, the earliest it can have begun unseen.
    if (raw > current && this.breachSinceUs < 0) this.breachSinceUs = Math.max(0, nowUs - this.config.syncPeriodUs);
    if (raw <= current) this.breachSinceUs = -1;
    const next = this.stabilizer.normalize(nowUs / 1e6, current, raw, c.minReplicas, c.maxReplicas);
    if (next === current) return;
    this.cluster.setDesired(next, nowUs, this.name, `CPU at ${read.utilizationPct}% of a ${c.targetPct}% target asks for ${raw}`);
    if (next > current) {
      this.scaleOutActivities++;
      if (this.firstScaleOut === null) this.firstScaleOut = { atUs: nowUs, breachStartUs: this.breachSinceUs < 0 ? nowUs : this.breachSinceUs };
    } else this.scaleInActivities++;
  }
}

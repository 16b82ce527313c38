// KEDA and the HPA it creates, as one Scaler of a Kubernetes pool (issue 16, aws-behaviour 9.1-9.13): every sync
// period the HPA reads the queue through KEDA (exact counts, no CloudWatch delay, 9.12) and sets the replicas from its
// AverageValue target, stabilised and rate-limited (hpa.ts); every polling interval KEDA itself wakes a workload at 0
// and returns an idle one to 0 after the cooldown (keda.ts).
import { type EventQueue } from "../../engine/event-queue.js";
import { type Kernel } from "../../engine/kernel.js";
import { Phase } from "../../engine/phases.js";
import { secondsToUs } from "../../engine/time.js";
import { type ColumnReader, type SeriesColumn } from "../../metrics/period-series.js";
import { type Capacity } from "../capacity.js";
import { type Scaler } from "../scaler.js";
import { externalAverageValueReplicas, type HpaBehavior, HpaStabilizer } from "./hpa.js";
import { hpaBounds, KedaActivation, kedaMessageCount, type KedaSqsTrigger, type QueueCounts, type ScaledObjectConfig } from "./keda.js";

export interface KedaScalerConfig {
  trigger: KedaSqsTrigger;
  scaledObject: ScaledObjectConfig;
  /** The HPA's sync period (default 15 s, 9.3), tolerance (9.2) and behaviour (9.4-9.5). */
  syncPeriodUs: number;
  tolerance: number;
  behavior: HpaBehavior;
}

export const KEDA_COLUMNS = {
  metric: {
    name: "keda_metric_msgs",
    unit: "messages",
    description: "the message count KEDA read at the HPA's last sync in the period (visible, + in flight, + delayed as configured, 9.11)",
  },
  desiredReplicas: { name: "desired_replicas", unit: "pods", description: "the replicas the HPA (or KEDA, to and from 0) set, at the end of the period" },
  replicas: {
    name: "replicas",
    unit: "pods",
    description:
      "the pods that exist at the end of the period (what kubectl get pods lists): desired_replicas and the deleted ones still finishing their batches",
  },
  nodes: { name: "nodes", unit: "nodes", description: "nodes launching or ready at the end of the period" },
  readyReplicas: { name: "ready_replicas", unit: "pods", description: "pods running (ready) at the end of the period" },
  pendingPods: { name: "pending_pods", unit: "pods", description: "pods waiting for a node or starting on one, at the end of the period" },
} satisfies Record<string, SeriesColumn>;

export class KedaScaler implements Scaler {
  readonly name = "KEDA and the HPA";
  scaleOutActivities = 0;
  scaleInActivities = 0;
  firstScaleOut: { atUs: number; breachStartUs: number } | null = null;
  /** The count read last, and when it first rose above what the replicas could carry (for firstScaleOut). */
  lastMetric = 0;
  private breachSinceUs = -1;
  private readonly stabilizer: HpaStabilizer;
  private readonly activation: KedaActivation;
  private readonly events: EventQueue;
  private readonly kinds: { sync: number; poll: number };

  constructor(
    private readonly config: KedaScalerConfig,
    private readonly queue: QueueCounts,
    private readonly capacity: Capacity,
    kernel: Kernel,
    /** The cluster's nodes, for the series (absent: no nodes column). */
    private readonly nodes: (() => number) | null = null,
  ) {
    this.stabilizer = new HpaStabilizer(config.behavior);
    this.activation = new KedaActivation(config.trigger, config.scaledObject);
    this.events = kernel.events;
    this.kinds = {
      sync: kernel.register("hpa sync", (_t, _a, now) => this.onSync(now)),
      poll: kernel.register("keda polling", (_t, _a, now) => this.onPoll(now)),
    };
  }

  start(): void {
    this.events.push(this.config.syncPeriodUs, Phase.ScalingDecision, this.kinds.sync, 0);
    this.events.push(secondsToUs(this.config.scaledObject.pollingIntervalS), Phase.ScalingDecision, this.kinds.poll, 0);
  }

  seriesColumns(): ColumnReader[] {
    return [
      { column: KEDA_COLUMNS.metric, read: () => this.lastMetric },
      { column: KEDA_COLUMNS.replicas, read: () => this.capacity.desired + this.capacity.terminating },
      { column: KEDA_COLUMNS.desiredReplicas, read: () => this.capacity.desired },
      { column: KEDA_COLUMNS.readyReplicas, read: () => this.capacity.inService },
      { column: KEDA_COLUMNS.pendingPods, read: () => this.capacity.pending },
      ...(this.nodes === null ? [] : [{ column: KEDA_COLUMNS.nodes, read: this.nodes }]),
    ];
  }

  private count(): number {
    return kedaMessageCount(this.queue, this.config.trigger);
  }

  /** The HPA's sync (9.3): inactive at 0 replicas (KEDA owns 0 ↔ 1), else the AverageValue rule, normalised. */
  private onSync(nowUs: number): void {
    this.events.push(nowUs + this.config.syncPeriodUs, Phase.ScalingDecision, this.kinds.sync, 0);
    const current = this.capacity.desired;
    if (current === 0) return;
    const total = this.count();
    this.lastMetric = total;
    const raw = externalAverageValueReplicas(current, total, this.config.trigger.queueLength, this.config.tolerance);
    // The breach began within the sync period before the sync that saw it (as EC2's within the first breaching
    // metric period): the period's start, the earliest it can have begun unseen.
    if (raw > current && this.breachSinceUs < 0) this.breachSinceUs = Math.max(0, nowUs - this.config.syncPeriodUs);
    if (raw <= current) this.breachSinceUs = -1;
    const { min, max } = hpaBounds(this.config.scaledObject);
    const next = this.stabilizer.normalize(nowUs / 1e6, current, raw, min, max);
    this.apply(current, next, nowUs, `${total} messages at ${this.config.trigger.queueLength} a replica ask for ${raw}`);
  }

  /** KEDA's own polling (9.10, 9.13): wake from 0, or return to 0 after the cooldown. */
  private onPoll(nowUs: number): void {
    this.events.push(nowUs + secondsToUs(this.config.scaledObject.pollingIntervalS), Phase.ScalingDecision, this.kinds.poll, 0);
    const total = this.count();
    this.lastMetric = total;
    const current = this.capacity.desired;
    const next = this.activation.poll(nowUs / 1e6, total, current);
    if (next === null) return;
    // A wake from 0: the messages arrived within the polling interval before the poll that saw them.
    if (next > current && this.breachSinceUs < 0) this.breachSinceUs = Math.max(0, nowUs - secondsToUs(this.config.scaledObject.pollingIntervalS));
    this.apply(current, next, nowUs, next > current ? `${total} messages: KEDA activates the workload` : "KEDA's cooldown ended: back to 0");
  }

  private apply(current: number, next: number, nowUs: number, reason: string): void {
    if (next === current) return;
    this.capacity.setDesired(next, nowUs, this.name, reason);
    if (next > current) {
      this.scaleOutActivities++;
      if (this.firstScaleOut === null) this.firstScaleOut = { atUs: nowUs, breachStartUs: this.breachSinceUs < 0 ? nowUs : this.breachSinceUs };
    } else this.scaleInActivities++;
  }
}

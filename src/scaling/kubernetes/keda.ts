// KEDA's aws-sqs-queue scaler and its ScaledObject (aws-behaviour 9.8-9.13): the message count it reads straight from
// the queue's attributes, and the 0 ↔ 1 activation it decides itself every polling interval (from 1 up to N and back,
// the HPA it creates scales, hpa.ts). Pure: the caller keeps time. Issue 16 builds the Kubernetes pool on it.

/** The queue attributes KEDA reads through GetQueueAttributes (9.11-9.12): exact counts, no CloudWatch delay. */
export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface KedaSqsTrigger {
  /** Messages per replica: the HPA's AverageValue target (default 5, 9.9). */
  queueLength: number;
  /** The count above which the workload is active, for 0 ↔ 1 only (default 0, 9.10). */
  activationQueueLength: number;
  /** Count in-flight messages (default true, 9.11) and delayed ones (default false). */
  scaleOnInFlight: boolean;
  scaleOnDelayed: boolean;
}

export interface ScaledObjectConfig {
  /** How often KEDA polls the trigger (default 30 s, 9.13). */
  pollingIntervalS: number;
  /** How long after the trigger was last active KEDA scales to 0 (default 300 s; to zero only, 9.13). */
  cooldownPeriodS: number;
  minReplicaCount: number;
  maxReplicaCount: number;
}

/** The defaults of a ScaledObject with an aws-sqs-queue trigger (9.9-9.11, 9.13). */
export const KEDA_DEFAULTS: { trigger: KedaSqsTrigger; scaledObject: ScaledObjectConfig } = {
  trigger: { queueLength: 5, activationQueueLength: 0, scaleOnInFlight: true, scaleOnDelayed: false },
  scaledObject: { pollingIntervalS: 30, cooldownPeriodS: 300, minReplicaCount: 0, maxReplicaCount: 100 },
};

/**
 * The count KEDA scales on (9.11): ApproximateNumberOfMessages, plus ApproximateNumberOfMessagesNotVisible with
 * scaleOnInFlight, plus ApproximateNumberOfMessagesDelayed with scaleOnDelayed.
 */
export function kedaMessageCount(q: QueueCounts, t: Pick<KedaSqsTrigger, "scaleOnInFlight" | "scaleOnDelayed">): number {
  return q.visible + (t.scaleOnInFlight ? q.inFlight : 0) + (t.scaleOnDelayed ? q.delayed : 0);
}

/** The HPA KEDA creates: its bounds (the HPA cannot go to zero: KEDA does that, 9.10). */
export function hpaBounds(s: ScaledObjectConfig): { min: number; max: number } {
  return { min: Math.max(1, s.minReplicaCount), max: s.maxReplicaCount };
}

/**
 * KEDA's own decision at each polling interval (9.10, 9.13): the trigger is active when the count is above
 * activationQueueLength. With minReplicaCount 0, an active trigger wakes a workload at 0 to 1 replica, and a workload
 * whose trigger has not been active for cooldownPeriod goes to 0. Anything else is the HPA's. Returns the replicas
 * to set, or null to leave them.
 */
export class KedaActivation {
  private lastActiveS: number | null = null;

  constructor(
    private readonly trigger: KedaSqsTrigger,
    private readonly scaledObject: ScaledObjectConfig,
  ) {}

  poll(nowS: number, count: number, replicas: number): number | null {
    const active = count > this.trigger.activationQueueLength;
    if (active) this.lastActiveS = nowS;
    const { minReplicaCount } = this.scaledObject;
    // With a minimum of 1 or more, activation does not apply (9.10): the HPA keeps at least that many.
    if (minReplicaCount >= 1) return replicas < minReplicaCount ? minReplicaCount : null;
    if (active && replicas === 0) return 1;
    const idleSince = this.lastActiveS ?? 0;
    if (!active && replicas > 0 && nowS - idleSince >= this.scaledObject.cooldownPeriodS) return 0;
    return null;
  }
}

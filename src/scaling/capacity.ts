/**
 * The capacity seam: what runs a consumer's workers, how much of it is running, pending, warming and terminating,
 * and what it costs. Scalers change its desired capacity; it launches and ends units to match and gives their
 * workers to the consumer (Consumer.addWorker / stopWorker).
 *
 * Implementations: InstanceGroup (asg/instance-group.ts), an EC2 Auto Scaling group or a fixed fleet (a group whose
 * desired capacity never changes), billed per second with a 60 s minimum per instance (aws-behaviour 10.6). Pods on
 * nodes (Kubernetes: the pods' workers, the nodes' bill) and Lambda concurrency (billed per GB-second of invocation)
 * come next, each with its own `billing`.
 */
export interface Capacity {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  /** Units launched and not yet running (EC2: Pending). */
  readonly pending: number;
  /** Units running and giving workers (EC2: InService). */
  readonly inService: number;
  /** Units going away (draining or stopping). */
  readonly terminating: number;
  /** The most units in service at once. */
  readonly peakInService: number;
  /** Units in service still warming up at nowUs; a policy may use its own warm-up instead of the capacity's. */
  warming(nowUs: number, warmupUs?: number): number;
  /** Starts the initial desired capacity at nowUs. */
  start(nowUs: number): void;
  /** Sets the desired capacity (clamped into [min, max]) and acts on it; returns the desired capacity after clamping. */
  setDesired(desired: number, nowUs: number, source: string, reason: string): number;
  /** Sets the bounds and the desired capacity together, as one activity. */
  setCapacity(min: number, max: number, desired: number, nowUs: number, source: string, reason: string): number;
  setActivityListener(listener: CapacityActivityListener): void;
  /** Unit-seconds used, billed and working up to endUs. */
  billing(endUs: number): CapacityBilling;
  /** What the units billed up to nowUs cost, in USD. */
  costUsd(nowUs: number): number;
}

export interface CapacityBilling {
  /** Unit-seconds from launch to end (or endUs). */
  instanceSeconds: number;
  /** Unit-seconds billed (with the platform's minimums). */
  billedInstanceSeconds: number;
  /** Unit-seconds in service, when the units' workers could work. */
  workingInstanceSeconds: number;
  /** Worker-seconds the capacity gave its consumer (for utilisation): working unit-seconds × workers per unit. */
  workerSeconds: number;
}

/** Told about every change of desired capacity, and when the capacity has settled (nothing launching or ending). */
export interface CapacityActivityListener {
  desiredChanged(nowUs: number, before: number, after: number, source: string, reason: string): void;
  /** No unit is launching or ending any more: the last activity has finished (aws-behaviour 5.12). */
  settled(nowUs: number): void;
}

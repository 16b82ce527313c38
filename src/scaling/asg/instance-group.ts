import { type WorkerPool, type WorkerStopListener } from "../../consumers/worker-pool.js";
import { type Sampler } from "../../engine/distributions.js";
import { type EventQueue } from "../../engine/event-queue.js";
import { Phase } from "../../engine/phases.js";
import { type Uniform } from "../../engine/random.js";

/** Instance lifecycle states (AWS-FACTS 5.1; the lifecycle-hook wait states are not modelled). */
export const InstanceState = {
  Pending: 1,
  InService: 2,
  Terminating: 3,
  Terminated: 4,
} as const;
type InstanceStateValue = (typeof InstanceState)[keyof typeof InstanceState];

export type TerminationOrder = "default" | "oldestInstance" | "newestInstance";

export interface InstanceGroupConfig {
  min: number;
  max: number;
  desired: number;
  /** Pending → InService, in seconds (any duration distribution; 0 for a fleet that is simply there). */
  launchTimeS: Sampler;
  /** Instance warm-up after InService (AWS-FACTS 5.8-5.9, 6.14). */
  warmupUs: number;
  /** Draining instances finish their batches (up to the timeout); abrupt ones abandon them (12.10). */
  drain: boolean;
  drainTimeoutUs: number;
  /** New instances are protected from scale-in from InService on (5.17). */
  scaleInProtection: boolean;
  terminationOrder: TerminationOrder;
  /** Workers per instance. */
  concurrency: number;
}

export interface InstanceGroupEventKinds {
  inService: number;
  drainTimeout: number;
}

/** Told about every change of desired capacity, and when the group has settled (nothing launching or ending). */
export interface GroupActivityListener {
  desiredChanged(nowUs: number, before: number, after: number, source: string, reason: string): void;
  /** No instance is Pending or Terminating any more: the last activity has finished (AWS-FACTS 5.12). */
  settled(nowUs: number): void;
}

/** EC2 per-second billing has a 60 s minimum per instance (AWS-FACTS 10.6). */
const MIN_BILLED_US = 60_000_000;
/** The instance hour AWS's default termination policy looks at ("closest to the next billing hour", 5.15). */
const HOUR_US = 3_600_000_000;

/**
 * The instances of an EC2 Auto Scaling group (or of a fixed fleet, which is a group whose desired capacity never
 * changes): min ≤ desired ≤ max (5.14); launches are Pending for a sampled launch time and billed from launch
 * (5.3, 10.8); InService instances run `concurrency` workers; scale-in terminates Pending instances first, then by
 * the termination order, skipping protected ones (5.15-5.17); a terminating instance drains or stops abruptly.
 */
export class InstanceGroup implements WorkerStopListener {
  min: number;
  max: number;
  desired: number;

  private readonly states: InstanceStateValue[] = [];
  private readonly launchUs: number[] = [];
  private readonly inServiceUs: number[] = [];
  private readonly endUs: number[] = [];
  private readonly protectedFlags: boolean[] = [];
  private readonly liveWorkers: number[] = [];
  private readonly workersOf: number[][] = [];
  private readonly instanceOfWorker: number[] = [];

  pending = 0;
  inService = 0;
  terminating = 0;
  peakInService = 0;
  launched = 0;
  terminated = 0;

  private activityListener: GroupActivityListener | null = null;

  constructor(
    private readonly config: InstanceGroupConfig,
    private readonly pool: WorkerPool,
    private readonly events: EventQueue,
    private readonly kinds: InstanceGroupEventKinds,
    private readonly terminationRandom: Uniform,
  ) {
    this.min = config.min;
    this.max = config.max;
    this.desired = Math.min(Math.max(config.desired, config.min), config.max);
    pool.setStopListener(this);
  }

  setActivityListener(listener: GroupActivityListener): void {
    this.activityListener = listener;
  }

  /** Launches the initial desired capacity. */
  start(nowUs: number): void {
    this.reconcile(nowUs);
  }

  /**
   * Instances InService and still warming up at nowUs (they count toward desired capacity, 6.14); a policy may
   * use its own warm-up (EstimatedInstanceWarmup, 5.9) instead of the group's.
   */
  warming(nowUs: number, warmupUs = this.config.warmupUs): number {
    let n = 0;
    for (let i = 0; i < this.states.length; i++) {
      if (this.states[i] === InstanceState.InService && nowUs < this.inServiceUs[i]! + warmupUs) n++;
    }
    return n;
  }

  /**
   * Sets the desired capacity, clamped into [min, max] (5.14), and launches or terminates instances to match.
   * Returns the desired capacity after clamping.
   */
  setDesired(desired: number, nowUs: number, source: string, reason: string): number {
    const clamped = Math.min(Math.max(Math.round(desired), this.min), this.max);
    if (clamped !== this.desired) {
      const before = this.desired;
      this.desired = clamped;
      this.activityListener?.desiredChanged(nowUs, before, clamped, source, reason);
      this.reconcile(nowUs);
      this.noteSettled(nowUs);
    }
    return this.desired;
  }

  /** Whether an activity is still in progress: instances launching or terminating. */
  get busy(): boolean {
    return this.pending > 0 || this.terminating > 0;
  }

  private noteSettled(nowUs: number): void {
    if (!this.busy) this.activityListener?.settled(nowUs);
  }

  /** A scheduled action sets the bounds and desired capacity together: one activity (desired clamped into them). */
  setCapacity(min: number, max: number, desired: number, nowUs: number, source: string, reason: string): number {
    this.min = min;
    this.max = max;
    return this.setDesired(desired, nowUs, source, reason);
  }

  /** A launched instance passed its launch time: it is InService and its workers start polling. */
  onInService(instance: number, nowUs: number): void {
    if (this.states[instance] !== InstanceState.Pending) return;
    this.states[instance] = InstanceState.InService;
    this.inServiceUs[instance] = nowUs;
    this.pending--;
    this.inService++;
    this.protectedFlags[instance] = this.config.scaleInProtection;
    const workers: number[] = [];
    for (let k = 0; k < this.config.concurrency; k++) {
      const w = this.pool.addWorker(nowUs);
      this.instanceOfWorker[w] = instance;
      workers.push(w);
    }
    this.workersOf[instance] = workers;
    this.liveWorkers[instance] = workers.length;
    this.notePeak();
    this.noteSettled(nowUs);
  }

  /** A draining instance ran out of time: its remaining workers stop abruptly. */
  onDrainTimeout(instance: number, nowUs: number): void {
    if (this.states[instance] !== InstanceState.Terminating) return;
    for (const w of this.workersOf[instance]!) this.pool.stopWorker(w, nowUs, false);
    this.finishTermination(instance, nowUs);
  }

  workerStopped(worker: number, nowUs: number): void {
    const instance = this.instanceOfWorker[worker]!;
    if (this.states[instance] !== InstanceState.Terminating) return;
    this.liveWorkers[instance]!--;
    if (this.liveWorkers[instance] === 0) this.finishTermination(instance, nowUs);
  }

  /**
   * Instance-seconds from launch to termination (or endUs), the same billed with the 60 s minimum (10.6), and the
   * seconds instances spent InService or draining (when their workers could work).
   */
  billing(endUs: number): { instanceSeconds: number; billedInstanceSeconds: number; workingInstanceSeconds: number } {
    let used = 0;
    let billed = 0;
    let working = 0;
    for (let i = 0; i < this.states.length; i++) {
      const end = this.states[i] === InstanceState.Terminated ? this.endUs[i]! : endUs;
      const span = Math.max(0, end - this.launchUs[i]!);
      used += span;
      billed += Math.max(span, MIN_BILLED_US);
      // Pending instances have no workers; inServiceUs is set once they pass their launch time.
      if (this.states[i] !== InstanceState.Pending && this.inServiceUs[i]! <= end && this.workersOf[i]!.length > 0) {
        working += end - this.inServiceUs[i]!;
      }
    }
    return { instanceSeconds: used / 1e6, billedInstanceSeconds: billed / 1e6, workingInstanceSeconds: working / 1e6 };
  }

  private reconcile(nowUs: number): void {
    const active = this.pending + this.inService;
    if (this.desired > active) {
      for (let k = active; k < this.desired; k++) this.launch(nowUs);
    } else if (this.desired < active) {
      for (let k = this.desired; k < active; k++) {
        const victim = this.chooseVictim(nowUs);
        // Every remaining instance is protected: desired capacity still drops, nothing terminates (5.17).
        if (victim < 0) break;
        this.terminate(victim, nowUs);
      }
    }
  }

  private launch(nowUs: number): void {
    const i = this.states.length;
    this.states.push(InstanceState.Pending);
    this.launchUs.push(nowUs);
    this.inServiceUs.push(0);
    this.endUs.push(0);
    this.protectedFlags.push(false);
    this.liveWorkers.push(0);
    this.workersOf.push([]);
    this.pending++;
    this.launched++;
    const launchUs = Math.max(0, Math.round(this.config.launchTimeS() * 1e6));
    this.events.push(nowUs + launchUs, Phase.CapacityChange, this.kinds.inService, i);
  }

  /**
   * Which instance scale-in terminates: a Pending one first (the newest; it has done no work), else an InService
   * one by the termination order, never a protected one; −1 when none may go.
   */
  private chooseVictim(nowUs: number): number {
    for (let i = this.states.length - 1; i >= 0; i--) if (this.states[i] === InstanceState.Pending) return i;
    let best = -1;
    let bestScore = Infinity;
    let ties = 0;
    for (let i = 0; i < this.states.length; i++) {
      if (this.states[i] !== InstanceState.InService || this.protectedFlags[i]) continue;
      const score = this.terminationScore(i, nowUs);
      if (score < bestScore) {
        best = i;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore && this.terminationRandom() * ++ties < 1) {
        // Ties are broken at random (the default policy's last rule, 5.15), by reservoir sampling.
        best = i;
      }
    }
    return best;
  }

  /** Lower terminates first. */
  private terminationScore(i: number, nowUs: number): number {
    switch (this.config.terminationOrder) {
      case "oldestInstance":
        return this.launchUs[i]!;
      case "newestInstance":
        return -this.launchUs[i]!;
      default:
        // One AZ and one launch template here, so AWS's default comes down to "closest to the next billing hour".
        return HOUR_US - ((nowUs - this.launchUs[i]!) % HOUR_US);
    }
  }

  private terminate(i: number, nowUs: number): void {
    if (this.states[i] === InstanceState.Pending) {
      this.states[i] = InstanceState.Terminated;
      this.endUs[i] = nowUs;
      this.pending--;
      this.terminated++;
      return;
    }
    this.states[i] = InstanceState.Terminating;
    this.inService--;
    this.terminating++;
    this.notePeak();
    let running = 0;
    for (const w of this.workersOf[i]!) if (!this.pool.stopWorker(w, nowUs, this.config.drain)) running++;
    this.liveWorkers[i] = running;
    if (running === 0) this.finishTermination(i, nowUs);
    else this.events.push(nowUs + this.config.drainTimeoutUs, Phase.CapacityChange, this.kinds.drainTimeout, i);
  }

  private finishTermination(i: number, nowUs: number): void {
    this.states[i] = InstanceState.Terminated;
    this.endUs[i] = nowUs;
    this.terminating--;
    this.terminated++;
    this.noteSettled(nowUs);
  }

  private notePeak(): void {
    if (this.inService > this.peakInService) this.peakInService = this.inService;
  }
}

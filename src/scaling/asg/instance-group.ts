import { type Consumer, type WorkerStopListener } from "../../consumers/consumer.js";
import { type Sampler } from "../../engine/distributions.js";
import { type EventQueue } from "../../engine/event-queue.js";
import { Phase } from "../../engine/phases.js";
import { type Uniform } from "../../engine/random.js";
import { type Capacity, type CapacityActivityListener, type CapacityBilling } from "../capacity.js";

/** Instance lifecycle states (aws-behaviour 5.1; the lifecycle-hook wait states are not modelled). */
export const InstanceState = {
  Pending: 1,
  InService: 2,
  Terminating: 3,
  Terminated: 4,
} as const;
type InstanceStateValue = (typeof InstanceState)[keyof typeof InstanceState];

export type TerminationOrder = "default" | "oldestInstance" | "newestInstance";

/**
 * How the initial desired capacity starts: `running` instances were InService and past their warm-up before the run
 * began (a group that already exists, the usual case); `launching` ones are launched at t=0 (a group created with
 * the run, cold).
 */
export type InitialState = "running" | "launching";

export interface InstanceGroupConfig {
  /** The group's name (default "fleet"). */
  name?: string;
  min: number;
  max: number;
  desired: number;
  initialState: InitialState;
  /** Pending → InService, in seconds (any duration distribution; 0 for a fleet that is simply there). */
  launchTimeS: Sampler;
  /** Instance warm-up after InService (aws-behaviour 5.8-5.9, 6.14). */
  warmupUs: number;
  /** Draining instances finish their batches (up to the timeout); abrupt ones abandon them (12.10). */
  drain: boolean;
  drainTimeoutUs: number;
  /** New instances are protected from scale-in from InService on (5.17). */
  scaleInProtection: boolean;
  terminationOrder: TerminationOrder;
  /** Workers per instance. */
  concurrency: number;
  /** On-Demand price of one instance, USD per hour, billed per second (aws-behaviour 10.6). */
  hourlyPriceUsd: number;
}

export interface InstanceGroupEventKinds {
  inService: number;
  drainTimeout: number;
}

/** Told about every change of desired capacity, and when the group has settled (no instance Pending or Terminating). */
export type GroupActivityListener = CapacityActivityListener;

/** One instance of the group, from launch until Terminated. */
interface Instance {
  state: InstanceStateValue;
  launchUs: number;
  /** When it passed its launch time (0 while Pending). */
  inServiceUs: number;
  /** Protected from scale-in (5.17). */
  protected: boolean;
  /**
   * Already running before the run began (initialState running): past its warm-up, and its 60 s billing minimum
   * (10.6) was paid before the run, so only its time inside the run is billed.
   */
  preexisting: boolean;
  /** Its workers, and how many of them still run while it terminates. */
  workers: number[];
  liveWorkers: number;
}

/** EC2 per-second billing has a 60 s minimum per instance (aws-behaviour 10.6). */
const MIN_BILLED_US = 60_000_000;
/** The instance hour AWS's default termination policy looks at ("closest to the next billing hour", 5.15). */
const HOUR_US = 3_600_000_000;

/**
 * The instances of an EC2 Auto Scaling group (or of a fixed fleet, which is a group whose desired capacity never
 * changes): min ≤ desired ≤ max (5.14); launches are Pending for a sampled launch time and billed from launch
 * (5.3, 10.8); InService instances run `concurrency` workers; scale-in terminates Pending instances first, then by
 * the termination order, skipping protected ones (5.15-5.17); a terminating instance drains or stops abruptly.
 */
export class InstanceGroup implements Capacity, WorkerStopListener {
  readonly name: string;
  min: number;
  max: number;
  desired: number;

  /**
   * The instances not yet Terminated (Pending, InService, Terminating), by id in launch order: a group that
   * launches and terminates again and again keeps only these, and scale-in looks only at them. An id is the launch
   * number (event targets name it); a terminated one is looked up in vain, as its stale events should be.
   */
  private readonly live = new Map<number, Instance>();
  private nextId = 0;
  /** Billing of the Terminated instances, in µs: whole numbers, so added in any order they sum alike (below 2^53). */
  private endedUsedUs = 0;
  private endedBilledUs = 0;
  private endedWorkingUs = 0;
  /** The instance of each worker slot (the pool reuses the slots of stopped workers). */
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
    private readonly pool: Consumer,
    private readonly events: EventQueue,
    private readonly kinds: InstanceGroupEventKinds,
    private readonly terminationRandom: Uniform,
  ) {
    this.name = config.name ?? "fleet";
    this.min = config.min;
    this.max = config.max;
    this.desired = Math.min(Math.max(config.desired, config.min), config.max);
    pool.setStopListener(this);
  }

  /** Instances held: those not yet Terminated (a terminated one leaves only its billing behind). */
  get instancesHeld(): number {
    return this.live.size;
  }

  setActivityListener(listener: GroupActivityListener): void {
    this.activityListener = listener;
  }

  /**
   * Starts the initial desired capacity: launched now (`launching`), or already running (`running`): those go
   * InService at nowUs through the same event a launch would post, without a launch time, and are past warm-up.
   */
  start(nowUs: number): void {
    if (this.config.initialState === "launching") {
      this.reconcile(nowUs);
      return;
    }
    for (let k = 0; k < this.desired; k++) this.launch(nowUs, true);
  }

  /**
   * Instances InService and still warming up at nowUs (they count toward desired capacity, 6.14); a policy may
   * use its own warm-up (EstimatedInstanceWarmup, 5.9) instead of the group's.
   */
  warming(nowUs: number, warmupUs = this.config.warmupUs): number {
    let n = 0;
    for (const instance of this.live.values()) {
      if (instance.state === InstanceState.InService && !instance.preexisting && nowUs < instance.inServiceUs + warmupUs) n++;
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
  onInService(id: number, nowUs: number): void {
    const instance = this.live.get(id);
    if (instance === undefined || instance.state !== InstanceState.Pending) return;
    instance.state = InstanceState.InService;
    instance.inServiceUs = nowUs;
    this.pending--;
    this.inService++;
    instance.protected = this.config.scaleInProtection;
    for (let k = 0; k < this.config.concurrency; k++) {
      const w = this.pool.addWorker(nowUs);
      this.instanceOfWorker[w] = id;
      instance.workers.push(w);
    }
    instance.liveWorkers = instance.workers.length;
    this.notePeak();
    this.noteSettled(nowUs);
  }

  /** A draining instance ran out of time: its remaining workers stop abruptly. */
  onDrainTimeout(id: number, nowUs: number): void {
    const instance = this.live.get(id);
    if (instance === undefined || instance.state !== InstanceState.Terminating) return;
    // Workers that drained in time stopped, and the pool may have given their slots to another instance since.
    for (const w of instance.workers) if (this.instanceOfWorker[w] === id) this.pool.stopWorker(w, nowUs, false);
    this.finishTermination(id, instance, nowUs);
  }

  workerStopped(worker: number, nowUs: number): void {
    const id = this.instanceOfWorker[worker]!;
    const instance = this.live.get(id);
    if (instance === undefined || instance.state !== InstanceState.Terminating) return;
    instance.liveWorkers--;
    if (instance.liveWorkers === 0) this.finishTermination(id, instance, nowUs);
  }

  /** What the instances billed up to nowUs cost: billed seconds at the hourly price. */
  costUsd(nowUs: number): number {
    return (this.billing(nowUs).billedInstanceSeconds / 3600) * this.config.hourlyPriceUsd;
  }

  /**
   * Instance-seconds from launch to termination (or endUs), the same billed with the 60 s minimum (10.6), and the
   * seconds instances spent InService or draining (when their workers could work).
   */
  billing(endUs: number): CapacityBilling {
    let used = this.endedUsedUs;
    let billed = this.endedBilledUs;
    let working = this.endedWorkingUs;
    for (const instance of this.live.values()) {
      const span = Math.max(0, endUs - instance.launchUs);
      used += span;
      billed += billedUs(instance, span);
      working += workingUs(instance, endUs);
    }
    const workingInstanceSeconds = working / 1e6;
    return {
      instanceSeconds: used / 1e6,
      billedInstanceSeconds: billed / 1e6,
      workingInstanceSeconds,
      workerSeconds: workingInstanceSeconds * this.config.concurrency,
    };
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

  /** A preexisting instance (initialState running) needs no launch time, and draws none. */
  private launch(nowUs: number, preexisting = false): void {
    const id = this.nextId++;
    this.live.set(id, { state: InstanceState.Pending, launchUs: nowUs, inServiceUs: 0, protected: false, preexisting, workers: [], liveWorkers: 0 });
    this.pending++;
    this.launched++;
    const launchUs = preexisting ? 0 : Math.max(0, Math.round(this.config.launchTimeS() * 1e6));
    this.events.push(nowUs + launchUs, Phase.CapacityChange, this.kinds.inService, id);
  }

  /**
   * Which instance scale-in terminates: a Pending one first (the newest; it has done no work), else an InService
   * one by the termination order, never a protected one; −1 when none may go. The live instances are visited in
   * launch order, as every instance ever launched once was, so ties draw the same random numbers.
   */
  private chooseVictim(nowUs: number): number {
    if (this.pending > 0) {
      let newest = -1;
      for (const [id, instance] of this.live) if (instance.state === InstanceState.Pending) newest = id;
      return newest;
    }
    let best = -1;
    let bestScore = Infinity;
    let ties = 0;
    for (const [id, instance] of this.live) {
      if (instance.state !== InstanceState.InService || instance.protected) continue;
      const score = this.terminationScore(instance, nowUs);
      if (score < bestScore) {
        best = id;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore && this.terminationRandom() * ++ties < 1) {
        // Ties are broken at random (the default policy's last rule, 5.15), by reservoir sampling.
        best = id;
      }
    }
    return best;
  }

  /** Lower terminates first. */
  private terminationScore(instance: Instance, nowUs: number): number {
    switch (this.config.terminationOrder) {
      case "oldestInstance":
        return instance.launchUs;
      case "newestInstance":
        return -instance.launchUs;
      default:
        // One AZ and one launch template here, so AWS's default comes down to "closest to the next billing hour".
        return HOUR_US - ((nowUs - instance.launchUs) % HOUR_US);
    }
  }

  private terminate(id: number, nowUs: number): void {
    const instance = this.live.get(id)!;
    if (instance.state === InstanceState.Pending) {
      this.pending--;
      this.end(id, instance, nowUs);
      return;
    }
    instance.state = InstanceState.Terminating;
    this.inService--;
    this.terminating++;
    this.notePeak();
    let running = 0;
    for (const w of instance.workers) if (!this.pool.stopWorker(w, nowUs, this.config.drain)) running++;
    instance.liveWorkers = running;
    if (running === 0) this.finishTermination(id, instance, nowUs);
    else this.events.push(nowUs + this.config.drainTimeoutUs, Phase.CapacityChange, this.kinds.drainTimeout, id);
  }

  private finishTermination(id: number, instance: Instance, nowUs: number): void {
    this.terminating--;
    this.end(id, instance, nowUs);
    this.noteSettled(nowUs);
  }

  /** The instance is Terminated: its billing joins the totals and it leaves the live instances. */
  private end(id: number, instance: Instance, nowUs: number): void {
    const span = Math.max(0, nowUs - instance.launchUs);
    this.endedUsedUs += span;
    this.endedBilledUs += billedUs(instance, span);
    this.endedWorkingUs += workingUs(instance, nowUs);
    this.live.delete(id);
    this.terminated++;
  }

  private notePeak(): void {
    if (this.inService > this.peakInService) this.peakInService = this.inService;
  }
}

/** Billed µs of an instance's span in the run: at least the 60 s minimum (10.6), unless it was paid before the run. */
function billedUs(instance: Instance, spanUs: number): number {
  return instance.preexisting ? spanUs : Math.max(spanUs, MIN_BILLED_US);
}

/** µs an instance's workers could work up to endUs: from InService on (Pending ones have no workers yet). */
function workingUs(instance: Instance, endUs: number): number {
  return instance.state !== InstanceState.Pending && instance.inServiceUs <= endUs && instance.workers.length > 0 ? endUs - instance.inServiceUs : 0;
}

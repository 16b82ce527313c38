import { type LambdaEsm } from "../../consumers/lambda-esm.js";
import { type LambdaFunction } from "../../consumers/lambda-function.js";
import { type Capacity, type CapacityActivityListener, type CapacityBilling } from "../capacity.js";

export interface EsmPollersConfig {
  name: string;
  /** The fewest pollers the mapping keeps (2 or 5, aws-behaviour 8.4), the most (8.2-8.3, 8.5), and its start (5). */
  min: number;
  max: number;
  initial: number;
  /** USD per million invocations and per GB-second (aws-behaviour 10.5). */
  requestsPerMillionUsd: number;
  gbSecondUsd: number;
  /** Provisioned mode (8.6): event pollers, each running this many concurrent batches, billed per poller-hour. */
  provisioned: { minPollers: number; concurrencyPerPoller: number; hourlyUsd: number } | null;
}

/**
 * The capacity of a Lambda pool: the event source mapping's pollers, each a worker of the LambdaEsm consumer (its
 * concurrent invocations), which the mapping's scaling rule (EsmScaler) sets. A poller the mapping no longer wants
 * finishes the invocation in hand first (terminating until then). Billing is the function's: one request per
 * invocation and GB-seconds of duration (10.5); there is no per-poller charge beyond the SQS requests they make.
 */
export class EsmPollers implements Capacity {
  readonly name: string;
  min: number;
  readonly max: number;
  desired = 0;
  readonly pending = 0;
  terminating = 0;
  peakInService = 0;
  private peakSinceRead = 0;
  /** The fewest pollers since the start (the mapping moves every 10 s: period samples would miss its lows). */
  fewestInService = Infinity;
  private readonly active: number[] = [];
  private listener: CapacityActivityListener | null = null;
  /** ∫ pollers dt, for the workers' utilisation. */
  private pollerAreaUs = 0;
  /** Provisioned mode: ∫ event pollers dt (at least the minimum, enough for the concurrency the mapping runs). */
  private eventPollerAreaUs = 0;
  private areaSinceUs = 0;

  constructor(
    private readonly config: EsmPollersConfig,
    private readonly consumer: LambdaEsm,
    private readonly fn: LambdaFunction,
  ) {
    this.name = config.name;
    this.min = config.min;
    this.max = config.max;
    consumer.setStopListener({ workerStopped: (_w, now) => this.onStopped(now) });
  }

  /** The most pollers since the last call (for a series: the mapping moves every 10 s, periods are longer). */
  takePeakSinceRead(): number {
    const peak = this.peakSinceRead;
    this.peakSinceRead = this.active.length;
    return peak;
  }

  /** The function's prices (10.5). */
  get prices(): { requestsPerMillionUsd: number; gbSecondUsd: number } {
    return this.config;
  }

  get inService(): number {
    return this.active.length;
  }

  warming(): number {
    return 0;
  }

  start(nowUs: number): void {
    this.setDesired(this.config.initial, nowUs, "start", "the event source mapping starts with its first pollers");
  }

  setDesired(desired: number, nowUs: number, source: string, reason: string): number {
    const d = Math.max(this.min, Math.min(this.max, Math.round(desired)));
    const before = this.desired;
    this.accrue(nowUs);
    this.desired = d;
    while (this.active.length < d) this.active.push(this.consumer.addWorker(nowUs));
    while (this.active.length > d) {
      const w = this.active.pop()!;
      if (!this.consumer.stopWorker(w, nowUs, true)) this.terminating++;
    }
    if (this.active.length > this.peakInService) this.peakInService = this.active.length;
    if (this.active.length > this.peakSinceRead) this.peakSinceRead = this.active.length;
    if (this.active.length < this.fewestInService) this.fewestInService = this.active.length;
    if (d !== before) this.listener?.desiredChanged(nowUs, before, d, source, reason);
    if (this.terminating === 0) this.listener?.settled(nowUs);
    return d;
  }

  setCapacity(min: number, _max: number, desired: number, nowUs: number, source: string, reason: string): number {
    this.min = min;
    return this.setDesired(desired, nowUs, source, reason);
  }

  setActivityListener(listener: CapacityActivityListener): void {
    this.listener = listener;
  }

  /** Execution-seconds as unit-seconds: what ran, what was billed (per ms), and the pollers' time as worker-seconds. */
  billing(endUs: number): CapacityBilling {
    this.accrue(endUs);
    const executionSeconds = this.fn.executionSeconds(endUs);
    return {
      instanceSeconds: executionSeconds,
      billedInstanceSeconds: (this.fn.gbSeconds(endUs) * 1_024) / this.fn.config.memoryMb,
      workingInstanceSeconds: executionSeconds,
      workerSeconds: this.pollerAreaUs / 1e6,
    };
  }

  costUsd(nowUs: number): number {
    return (this.fn.invocations * this.config.requestsPerMillionUsd) / 1e6 + this.fn.gbSeconds(nowUs) * this.config.gbSecondUsd + this.eventPollersUsd(nowUs);
  }

  private onStopped(nowUs: number): void {
    this.accrue(nowUs);
    this.terminating--;
    if (this.terminating === 0) this.listener?.settled(nowUs);
  }

  private accrue(nowUs: number): void {
    if (nowUs <= this.areaSinceUs) return;
    this.pollerAreaUs += this.active.length * (nowUs - this.areaSinceUs);
    this.eventPollerAreaUs += this.eventPollers() * (nowUs - this.areaSinceUs);
    this.areaSinceUs = nowUs;
  }

  /** Provisioned mode: the event pollers that run the mapping's concurrent batches now (0 in the default mode). */
  private eventPollers(): number {
    const p = this.config.provisioned;
    if (p === null) return 0;
    return Math.max(p.minPollers, Math.ceil((this.active.length + this.terminating) / p.concurrencyPerPoller));
  }

  /** Provisioned mode: event poller-hours up to nowUs. */
  eventPollerHours(nowUs: number): number {
    this.accrue(nowUs);
    return this.eventPollerAreaUs / 3.6e9;
  }

  /** Provisioned mode: what the event pollers cost up to nowUs. */
  eventPollersUsd(nowUs: number): number {
    const p = this.config.provisioned;
    return p === null ? 0 : this.eventPollerHours(nowUs) * p.hourlyUsd;
  }
}

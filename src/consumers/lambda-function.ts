import { type Sampler } from "../engine/distributions.js";

export interface LambdaFunctionConfig {
  /** Concurrent executions the function may have: its reserved concurrency, else the account's unreserved pool. */
  concurrencyLimit: number;
  /** Function memory in MB (Lambda's MB: GB-seconds use MB / 1,024). */
  memoryMb: number;
  /** The function timeout: an invocation still running after it is stopped and fails (aws-behaviour 8.15). */
  timeoutUs: number;
  /** Initialisation of a new execution environment, in seconds (a cold start). */
  coldStartS: Sampler;
  /** An execution environment idle this long is retired (a model choice: AWS documents no figure). */
  idleTimeoutUs: number;
}

/** An invocation the function accepted: when it ends, and whether it started on a new environment. */
export interface Invocation {
  durationUs: number;
  coldStart: boolean;
  timedOut: boolean;
}

const MS_US = 1_000;

/**
 * A Lambda function's execution side: its concurrency (invocations running at once, refused above the limit:
 * throttled), its execution environments (a new one pays a cold start; an idle one is reused, the most recently used
 * first, and retired after an idle time), and what it is billed: one request per invocation and the duration in
 * GB-seconds, rounded up to the millisecond (aws-behaviour 10.5). A throttled invocation is not billed.
 */
export class LambdaFunction {
  invocations = 0;
  throttled = 0;
  coldStarts = 0;
  timeouts = 0;
  /** Invocations running now, the most at once, and when that most was first reached. */
  executing = 0;
  peakExecuting = 0;
  peakReachedUs = 0;
  /** Execution environments created, and the most alive at once. */
  environmentsCreated = 0;
  /** Billed duration of every finished invocation, in ms. */
  billedMs = 0;
  /** ∫ executing dt up to areaSinceUs (for the mean concurrency). */
  private executingAreaUs = 0;
  private areaSinceUs = 0;
  /** Idle environments, each by when it became idle: oldest at `idleHead`, most recent at the end. */
  private idleSinceUs: number[] = [];
  private idleHead = 0;
  /** Running invocations by the caller's key (a poller runs one at a time): start and billed end, for a bill read mid-run. */
  private runStartUs: number[] = [];
  private runEndUs: number[] = [];
  private running: boolean[] = [];

  constructor(readonly config: LambdaFunctionConfig) {}

  /**
   * An invocation asked for at nowUs, under the caller's `key` (at most one running per key), that will process for
   * `processingS` seconds: null when the function is at its concurrency limit (throttled), else its duration, with the
   * cold start of a new environment and the timeout applied. `finish(key)` ends it.
   */
  start(nowUs: number, processingS: number, key: number): Invocation | null {
    if (this.atLimit()) return this.refuse();
    this.accrue(nowUs);
    this.retireIdle(nowUs);
    let coldStart = false;
    let initUs = 0;
    if (this.idleSinceUs.length > this.idleHead) {
      this.idleSinceUs.pop();
    } else {
      coldStart = true;
      this.coldStarts++;
      this.environmentsCreated++;
      initUs = Math.max(0, Math.round(this.config.coldStartS() * 1e6));
    }
    const processingUs = Math.max(0, Math.round(processingS * 1e6));
    const timedOut = processingUs > this.config.timeoutUs;
    if (timedOut) this.timeouts++;
    const durationUs = initUs + (timedOut ? this.config.timeoutUs : processingUs);
    this.invocations++;
    this.executing++;
    if (this.executing > this.peakExecuting) {
      this.peakExecuting = this.executing;
      this.peakReachedUs = nowUs;
    }
    if (this.running[key] === true) throw new RangeError(`an invocation is already running under key ${key}`);
    this.running[key] = true;
    this.runStartUs[key] = nowUs;
    this.runEndUs[key] = nowUs + durationUs;
    return { durationUs, coldStart, timedOut };
  }

  /** Whether an invocation now would be throttled: the function runs as many as its concurrency allows. */
  atLimit(): boolean {
    return this.executing >= this.config.concurrencyLimit;
  }

  /** Counts a throttled invocation (Lambda refuses it with a 429: not billed, aws-behaviour 8.13). */
  refuse(): null {
    this.throttled++;
    return null;
  }

  /** The invocation running under `key` ended at nowUs: its environment goes idle and its duration is billed. */
  finish(key: number, nowUs: number): void {
    if (this.running[key] !== true) throw new RangeError(`no invocation is running under key ${key}`);
    this.running[key] = false;
    this.accrue(nowUs);
    this.executing--;
    this.billedMs += billedMs(this.runEndUs[key]! - this.runStartUs[key]!);
    this.idleSinceUs.push(nowUs);
  }

  /** GB-seconds billed up to endUs (running invocations count their part so far). */
  gbSeconds(endUs: number): number {
    let ms = this.billedMs;
    for (let key = 0; key < this.running.length; key++) {
      if (this.running[key] === true) ms += billedMs(Math.max(0, Math.min(endUs, this.runEndUs[key]!) - this.runStartUs[key]!));
    }
    return ((ms / 1_000) * this.config.memoryMb) / 1_024;
  }

  /** Execution-seconds up to endUs (the sum of invocation durations). */
  executionSeconds(endUs: number): number {
    this.accrue(Math.max(endUs, this.areaSinceUs));
    return this.executingAreaUs / 1e6;
  }

  /** Environments alive at nowUs: running invocations and idle ones not yet retired. */
  environments(nowUs: number): number {
    this.retireIdle(nowUs);
    return this.executing + this.idleSinceUs.length - this.idleHead;
  }

  private accrue(nowUs: number): void {
    if (nowUs <= this.areaSinceUs) return;
    this.executingAreaUs += this.executing * (nowUs - this.areaSinceUs);
    this.areaSinceUs = nowUs;
  }

  /** Retires the environments idle for at least the idle timeout (the oldest first). */
  private retireIdle(nowUs: number): void {
    const idle = this.idleSinceUs;
    while (this.idleHead < idle.length && idle[this.idleHead]! + this.config.idleTimeoutUs <= nowUs) this.idleHead++;
    if (this.idleHead > 1024 && this.idleHead * 2 > idle.length) {
      this.idleSinceUs = idle.slice(this.idleHead);
      this.idleHead = 0;
    }
  }
}

/** Lambda bills duration in 1 ms steps, rounded up (aws-behaviour 10.5). */
function billedMs(durationUs: number): number {
  return Math.ceil(durationUs / MS_US);
}

import { type EventQueue } from "../engine/event-queue.js";
import { Kernel } from "../engine/kernel.js";
import { Phase } from "../engine/phases.js";
import { type Uniform } from "../engine/random.js";
import { grown } from "../engine/typed-arrays.js";
import { fullJitterBackoffUs } from "../engine/backoff.js";
import { type Sampler } from "../engine/distributions.js";
import { MAX_BATCH_ENTRIES } from "../sqs/limits.js";
import { type ConsumerQueue, type ReceiveListener } from "../sqs/queue-api.js";
import { COPY_TOKEN } from "../sqs/standard-queue.js";
import { type BatchProcessor, type Consumer, Outcome, type SuccessListener, type WorkerStopListener } from "./consumer.js";
import { SequentialProcessor } from "./sequential-processor.js";

// Outcomes as this module's own constants: an imported binding is read through its module on every use, on the hot path.
const SUCCEEDED = Outcome.Succeeded;
const SKIPPED = Outcome.Skipped;

export interface WorkerPoolConfig {
  /** The consumer's name, as the scenario calls it (default "consumers"). */
  name?: string;
  /** MaxNumberOfMessages per receive (aws-behaviour 1.9). */
  batchSize: number;
  /** WaitTimeSeconds per receive: 0 short-polls (1.8). */
  waitUs: number;
  /** Round trip of every SQS call; a request reaches SQS after half of it and its response after the rest. */
  apiLatencyUs: number;
  /** Processing time of one message, in seconds. */
  processingS: Sampler;
  /** Probability that a processing attempt fails (the message is left to reappear). */
  transientFailure: number;
  heartbeat: { everyUs: number; extendByUs: number } | null;
  /**
   * FIFO consumers: after a message of a group fails, leave the group's later messages in the batch unprocessed
   * and undeleted, so they come back in order after it (aws-behaviour 8.12: stop at the first failure).
   */
  stopGroupAtFailure?: boolean;
  /** Jitter for retries of a throttled receive (FIFO quotas, 3.10); absent: the full backoff. */
  retryRandom?: Uniform;
}

export interface WorkerEventKinds {
  receive: number;
  finish: number;
  heartbeat: number;
}

const enum WorkerState {
  /** Its instance went away: events still pending for it are ignored. */
  Stopped = 0,
  Polling = 1,
  Processing = 2,
  /** Finishing its batch, then it stops instead of polling again (a draining instance). */
  Draining = 3,
}

/**
 * A zero-latency short-poll loop against an empty queue would spin at one instant forever; real clients always
 * pay some round trip, so the simulated one re-polls no sooner than this.
 */
export const MIN_REPOLL_US = 1_000;

/**
 * Consumer workers: each receives a batch (long or short polling), processes its messages one after another, then
 * deletes the successes in one call (DeleteMessageBatch when batched) and polls again. Failed messages are left
 * to reappear after their visibility timeout; poison messages always fail. A heartbeat extends the visibility of
 * the batch while it is processed (aws-behaviour 1.26-1.28, 1.34). State lives in typed arrays indexed by worker.
 */
export class WorkerPool implements Consumer, ReceiveListener {
  readonly name: string;
  private state: Uint8Array;
  private heldCount: Uint8Array;
  private heldSlots: Int32Array;
  private heldTokens: Uint32Array;
  private heldSerials: Uint32Array;
  private heldSucceeded: Uint8Array;
  private receivedAtUs: Float64Array;
  /** When the worker's ReceiveMessage reached SQS (before the delivery, after a long-poll wait). */
  private receiveCallUs: Float64Array;
  private processingEndUs: Float64Array;
  /** Increments per batch: heartbeat events of an earlier batch are recognised and ignored. */
  private batchSeq: Uint32Array;
  /** 1 while a receive event is on its way for the worker: its slot is not reused before the event has come. */
  private receivePending: Uint8Array;
  /** Each slot's poller, as the queue numbers it (registered once per slot; a reused slot keeps it). */
  private pollerOf: Int32Array;
  /** Slots in use or once used; workers added over the run, which reused slots count again. */
  private count = 0;
  private added = 0;
  /** Each slot's worker, numbered from 1 in the order workers started: a slot is reused, a number never (traces). */
  private workerNumber: number[] = [];
  /**
   * Slots of stopped workers with no event left that could act on them (a stale finish or heartbeat is told apart
   * by its batch number): an Auto Scaling group that launches and terminates again and again reuses them rather
   * than growing the pool by every worker it ever started.
   */
  private readonly freeSlots: number[] = [];
  private readonly halfLatencyUs: number;
  /** Receives sent a round trip after now: nearly always in time order, so an O(1) event lane (else the wheel). */
  private readonly roundTripLane: number;

  /** Completed processing attempts that succeeded. */
  processed = 0;
  /** Processing attempts that failed (transient or poison). */
  failedAttempts = 0;
  /** Successful completions of a message that had already been processed once. */
  duplicateProcessing = 0;
  /** Deletes that removed nothing: the receipt was no longer the latest (received again, aws-behaviour 1.29) or the
   *  message was already gone (expired by retention while held). Copies' deletes are not counted here. */
  deletesWithoutEffect = 0;
  /** Total processing time of all attempts, in µs (for utilisation). */
  busyUs = 0;
  /** Workers holding a batch right now. */
  processing = 0;
  /** Batches abandoned undeleted because their instance was terminated abruptly. */
  abandonedBatches = 0;
  /** Receives refused with ThrottlingException (FIFO quotas) and retried after a backoff. */
  throttledReceives = 0;
  /** Deletes refused with ThrottlingException, retried after a backoff (the worker holds its batch meanwhile). */
  throttledDeletes = 0;
  /** Heartbeats (ChangeMessageVisibility) refused with ThrottlingException; the next heartbeat tries again. */
  throttledHeartbeats = 0;
  /** 1 while a worker's delete waits to be retried after throttling. */
  private deleteRetry: Uint8Array;
  /** Messages left unprocessed behind an earlier failure of their group in the same batch (FIFO). */
  skippedAfterFailure = 0;
  private throttleAttempts: Uint8Array;
  private readonly processor: BatchProcessor;
  private readonly kinds: WorkerEventKinds;
  private stopListener: WorkerStopListener | null = null;
  private successListener: SuccessListener | null = null;

  constructor(
    private readonly config: WorkerPoolConfig,
    private readonly queue: ConsumerQueue,
    private readonly events: EventQueue,
    /** Its event kinds: given, or registered with the kernel here (handlers that call this pool's methods). */
    kindsOrKernel: WorkerEventKinds | Kernel,
    failureRandom: Uniform,
    initialCapacity = 16,
  ) {
    this.name = config.name ?? "consumers";
    this.kinds = kindsOrKernel instanceof Kernel ? this.registerKinds(kindsOrKernel) : kindsOrKernel;
    this.processor = new SequentialProcessor(
      { processingS: config.processingS, transientFailure: config.transientFailure, stopGroupAtFailure: config.stopGroupAtFailure === true },
      queue,
      failureRandom,
    );
    this.halfLatencyUs = Math.round(config.apiLatencyUs / 2);
    this.roundTripLane = events.addLane();
    this.state = new Uint8Array(initialCapacity);
    this.heldCount = new Uint8Array(initialCapacity);
    this.heldSlots = new Int32Array(initialCapacity * MAX_BATCH_ENTRIES);
    this.heldTokens = new Uint32Array(initialCapacity * MAX_BATCH_ENTRIES);
    this.heldSerials = new Uint32Array(initialCapacity * MAX_BATCH_ENTRIES);
    this.heldSucceeded = new Uint8Array(initialCapacity * MAX_BATCH_ENTRIES);
    this.receivedAtUs = new Float64Array(initialCapacity);
    this.receiveCallUs = new Float64Array(initialCapacity);
    this.processingEndUs = new Float64Array(initialCapacity);
    this.batchSeq = new Uint32Array(initialCapacity);
    this.throttleAttempts = new Uint8Array(initialCapacity);
    this.deleteRetry = new Uint8Array(initialCapacity);
    this.receivePending = new Uint8Array(initialCapacity);
    this.pollerOf = new Int32Array(initialCapacity);
  }

  private registerKinds(kernel: Kernel): WorkerEventKinds {
    return {
      receive: kernel.register("worker receive", (w, _a, now) => this.onReceiveArrives(w, now)),
      finish: kernel.register("worker delete", (w, seq, now) => this.onFinish(w, seq, now)),
      heartbeat: kernel.register("worker heartbeat", (w, seq, now) => this.onHeartbeat(w, seq, now)),
    };
  }

  /** Workers added over the run (stopped ones included). */
  get size(): number {
    return this.added;
  }

  /** Worker slots in the typed arrays: the most workers running at once, at least. */
  get slots(): number {
    return this.count;
  }

  setStopListener(listener: WorkerStopListener): void {
    this.stopListener = listener;
  }

  setSuccessListener(listener: SuccessListener | null): void {
    this.successListener = listener;
  }

  /** Processing time of all attempts up to endUs: batches still running at endUs count only their part before it. */
  busyUsUntil(endUs: number): number {
    let beyond = 0;
    for (let w = 0; w < this.count; w++) {
      if (!this.holdsBatch(w)) continue;
      const start = Math.max(this.receivedAtUs[w]! + this.halfLatencyUs, endUs);
      beyond += Math.max(0, this.processingEndUs[w]! - start);
    }
    return this.busyUs - beyond;
  }

  /** Adds a worker that starts polling at nowUs; returns its index. */
  addWorker(nowUs: number): number {
    let w: number;
    if (this.freeSlots.length > 0) {
      w = this.freeSlots.pop()!;
      // What a new slot starts with; batchSeq goes on counting, so that a stale finish or heartbeat stays stale.
      this.throttleAttempts[w] = 0;
      this.deleteRetry[w] = 0;
    } else {
      if (this.count === this.state.length) this.grow();
      w = this.count++;
      this.pollerOf[w] = this.queue.addPoller(this, w);
    }
    this.added++;
    this.workerNumber[w] = this.added;
    this.state[w] = WorkerState.Polling;
    this.receivePending[w] = 1;
    this.events.push(nowUs + this.halfLatencyUs, Phase.Receive, this.kinds.receive, w);
    return w;
  }

  /** The worker now in slot w as a trace names it: "consumers#17", the 17th worker the pool started. */
  pollerName(w: number): string {
    return `${this.name}#${this.workerNumber[w]}`;
  }

  /**
   * Stops a worker whose instance is terminating. Abruptly: a batch in hand is abandoned undeleted, so its messages
   * reappear when their visibility timeout ends (aws-behaviour 12.10, 5.18). Draining: the batch is finished and deleted
   * first, then the worker stops and the stop listener is told. Returns whether it stopped now.
   */
  stopWorker(w: number, nowUs: number, drain: boolean): boolean {
    const state = this.state[w];
    if (state === WorkerState.Stopped) return true;
    if (state === WorkerState.Polling) {
      this.queue.cancelPoll(this.pollerOf[w]!);
      this.stop(w);
      return true;
    }
    if (drain) {
      this.state[w] = WorkerState.Draining;
      return false;
    }
    this.abandonBatch(w, nowUs);
    this.stop(w);
    return true;
  }

  /** The worker stops; its slot is free once no receive event of its own is still on its way. */
  private stop(w: number): void {
    this.state[w] = WorkerState.Stopped;
    if (this.receivePending[w] === 0) this.freeSlots.push(w);
  }

  /** Whether the worker is running (not stopped). */
  isRunning(w: number): boolean {
    return this.state[w] !== WorkerState.Stopped;
  }

  private holdsBatch(w: number): boolean {
    const state = this.state[w];
    return state === WorkerState.Processing || state === WorkerState.Draining;
  }

  private abandonBatch(w: number, nowUs: number): void {
    const base = w * MAX_BATCH_ENTRIES;
    const n = this.heldCount[w]!;
    for (let i = 0; i < n; i++) this.queue.release(this.heldSlots[base + i]!);
    this.heldCount[w] = 0;
    this.processing--;
    this.batchSeq[w]!++;
    // The processing that will not happen now was counted when the batch started.
    const start = Math.max(this.receivedAtUs[w]! + this.halfLatencyUs, nowUs);
    this.busyUs -= Math.max(0, this.processingEndUs[w]! - start);
    this.abandonedBatches++;
  }

  /** The worker's ReceiveMessage reaches SQS. */
  onReceiveArrives(w: number, nowUs: number): void {
    this.receivePending[w] = 0;
    if (this.state[w] === WorkerState.Stopped) {
      // Stopped while the receive was on its way: nothing can reach the slot now.
      this.freeSlots.push(w);
      return;
    }
    this.state[w] = WorkerState.Polling;
    if (!this.queue.allowCall("receive", -1, nowUs)) {
      // ThrottlingException: it returns half a round trip later, and the retry goes out after a backoff.
      this.throttledReceives++;
      this.pollAt(w, nowUs + 2 * this.halfLatencyUs + this.backoffUs(w));
      return;
    }
    this.throttleAttempts[w] = 0;
    this.queue.receive(this.pollerOf[w]!, this.config.batchSize, this.config.waitUs, nowUs);
  }

  onReceived(w: number, count: number, nowUs: number): void {
    const queue = this.queue;
    const base = w * MAX_BATCH_ENTRIES;
    for (let i = 0; i < count; i++) {
      this.heldSlots[base + i] = queue.deliveredSlots[i]!;
      this.heldTokens[base + i] = queue.deliveredTokens[i]!;
      this.heldSerials[base + i] = queue.deliveredSerials[i]!;
    }
    const totalS = this.processor.processBatch(this.heldSlots, base, count, this.heldSucceeded);
    this.heldCount[w] = count;
    this.state[w] = WorkerState.Processing;
    this.processing++;
    this.receivedAtUs[w] = nowUs;
    this.receiveCallUs[w] = queue.deliveredCallUs;
    const seq = ++this.batchSeq[w]!;
    const startUs = nowUs + this.halfLatencyUs;
    const busyUs = Math.round(totalS * 1e6);
    this.busyUs += busyUs;
    const endUs = startUs + busyUs;
    this.processingEndUs[w] = endUs;
    // The delete (or, when everything failed, the next receive) reaches SQS half a round trip after processing.
    this.events.push(endUs + this.halfLatencyUs, Phase.Delete, this.kinds.finish, w, seq);
    const hb = this.config.heartbeat;
    if (hb !== null && startUs + hb.everyUs < endUs) {
      this.events.push(startUs + hb.everyUs + this.halfLatencyUs, Phase.Delete, this.kinds.heartbeat, w, seq);
    }
  }

  /** The wait before a worker's next retry of a throttled call (full jitter, as the AWS SDKs do). */
  private backoffUs(w: number): number {
    const attempt = this.throttleAttempts[w]!;
    if (attempt < 255) this.throttleAttempts[w] = attempt + 1;
    return this.config.retryRandom ? fullJitterBackoffUs(attempt, this.config.retryRandom) : fullJitterBackoffUs(attempt, () => 1);
  }

  onEmptyReceive(w: number, nowUs: number): void {
    let next = nowUs + 2 * this.halfLatencyUs;
    if (this.config.waitUs <= 0 && next - nowUs < MIN_REPOLL_US) next = nowUs + MIN_REPOLL_US;
    this.pollAt(w, next);
  }

  /** The worker's next ReceiveMessage reaches SQS at arrivesUs: registered with the queue now when it can be. */
  private pollAt(w: number, arrivesUs: number): void {
    const c = this.config;
    if (this.queue.receiveLater(this.pollerOf[w]!, c.batchSize, c.waitUs, arrivesUs)) return;
    this.receivePending[w] = 1;
    this.events.pushLane(this.roundTripLane, arrivesUs, Phase.Receive, this.kinds.receive, w);
  }

  /**
   * Processing ended half a round trip ago: the delete of the successes reaches SQS now. A throttled delete (FIFO
   * quotas, 3.10) is retried after a backoff by the same event, the worker still holding its batch: the outcomes
   * were counted at the first try, and visibility may run out meanwhile (then the delete fails, 1.31).
   */
  onFinish(w: number, seq: number, nowUs: number): void {
    if (!this.holdsBatch(w) || this.batchSeq[w] !== seq) return;
    const queue = this.queue;
    const base = w * MAX_BATCH_ENTRIES;
    const n = this.heldCount[w]!;
    const retry = this.deleteRetry[w] === 1;
    let deletes = 0;
    let firstGroup = -1;
    for (let i = 0; i < n; i++) {
      const attempt = this.heldSucceeded[base + i];
      if (attempt === SUCCEEDED) {
        if (deletes++ === 0) firstGroup = queue.groupOf(this.heldSlots[base + i]!);
        if (!retry) {
          this.processed++;
          if (queue.markProcessed(this.heldSlots[base + i]!)) this.duplicateProcessing++;
        }
      } else if (!retry) {
        if (attempt === SKIPPED) this.skippedAfterFailure++;
        else this.failedAttempts++;
      }
    }
    if (deletes > 0 && !queue.allowCall("delete", firstGroup, nowUs)) {
      this.throttledDeletes++;
      this.deleteRetry[w] = 1;
      this.events.push(nowUs + 2 * this.halfLatencyUs + this.backoffUs(w), Phase.Delete, this.kinds.finish, w, seq);
      return;
    }
    this.deleteRetry[w] = 0;
    this.throttleAttempts[w] = 0;
    const successes = this.successListener;
    let first = true;
    for (let i = 0; i < n; i++) {
      const slot = this.heldSlots[base + i]!;
      if (this.heldSucceeded[base + i] === SUCCEEDED) {
        const token = this.heldTokens[base + i]!;
        const deleted = queue.deleteMessage(slot, token, this.heldSerials[base + i]!, nowUs);
        if (!deleted && token !== COPY_TOKEN) this.deletesWithoutEffect++;
        if (successes !== null) {
          successes.onSucceeded(slot, nowUs, deleted, first);
          first = false;
        }
      }
      queue.release(slot);
    }
    this.heldCount[w] = 0;
    this.processing--;
    if (deletes > 0) {
      queue.requests.delete++;
      queue.requests.bill(0);
    }
    if (this.state[w] === WorkerState.Draining) {
      this.state[w] = WorkerState.Stopped;
      this.stopListener?.workerStopped(w, nowUs);
      // A draining worker has no receive on its way: its slot is free.
      this.freeSlots.push(w);
      return;
    }
    this.state[w] = WorkerState.Polling;
    if (deletes > 0) {
      // The delete's response returns, then the next receive goes out: a full round trip from now.
      this.pollAt(w, nowUs + 2 * this.halfLatencyUs);
    } else {
      // Nothing to delete: the next receive left when processing ended, and reaches SQS now, unless the whole
      // receive-process cycle took no time at all (zero latency and processing, every attempt failing, a zero
      // visibility timeout), which would spin at one instant forever: then it waits MIN_REPOLL_US like a re-poll.
      const spin = nowUs <= this.receivedAtUs[w]!;
      this.pollAt(w, spin ? nowUs + MIN_REPOLL_US : nowUs);
    }
  }

  /** A ChangeMessageVisibility(Batch) for the batch in hand reaches SQS (aws-behaviour 1.26-1.28, 1.34). */
  onHeartbeat(w: number, seq: number, nowUs: number): void {
    if (!this.holdsBatch(w) || this.batchSeq[w] !== seq) return;
    const hb = this.config.heartbeat!;
    const queue = this.queue;
    const base = w * MAX_BATCH_ENTRIES;
    const n = this.heldCount[w]!;
    if (!queue.allowCall("changeVisibility", queue.groupOf(this.heldSlots[base]!), nowUs)) {
      this.throttledHeartbeats++;
      this.scheduleNextHeartbeat(w, seq, nowUs);
      return;
    }
    queue.requests.changeVisibility++;
    queue.requests.bill(0);
    for (let i = 0; i < n; i++) {
      queue.changeVisibility(this.heldSlots[base + i]!, this.heldTokens[base + i]!, this.heldSerials[base + i]!, hb.extendByUs, this.receiveCallUs[w]!, nowUs);
    }
    this.scheduleNextHeartbeat(w, seq, nowUs);
  }

  /** The next heartbeat leaves `every` after this one did, while processing lasts. */
  private scheduleNextHeartbeat(w: number, seq: number, nowUs: number): void {
    const nextIssueUs = nowUs - this.halfLatencyUs + this.config.heartbeat!.everyUs;
    if (nextIssueUs < this.processingEndUs[w]!) this.events.push(nextIssueUs + this.halfLatencyUs, Phase.Delete, this.kinds.heartbeat, w, seq);
  }

  private grow(): void {
    const cap = this.state.length * 2;
    const held = cap * MAX_BATCH_ENTRIES;
    this.state = grown(this.state, cap);
    this.heldCount = grown(this.heldCount, cap);
    this.heldSucceeded = grown(this.heldSucceeded, held);
    this.heldSlots = grown(this.heldSlots, held);
    this.heldTokens = grown(this.heldTokens, held);
    this.heldSerials = grown(this.heldSerials, held);
    this.receivedAtUs = grown(this.receivedAtUs, cap);
    this.receiveCallUs = grown(this.receiveCallUs, cap);
    this.processingEndUs = grown(this.processingEndUs, cap);
    this.batchSeq = grown(this.batchSeq, cap);
    this.throttleAttempts = grown(this.throttleAttempts, cap);
    this.deleteRetry = grown(this.deleteRetry, cap);
    this.receivePending = grown(this.receivePending, cap);
    this.pollerOf = grown(this.pollerOf, cap);
  }
}

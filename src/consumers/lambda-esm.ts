import { type EventQueue } from "../engine/event-queue.js";
import { type Kernel } from "../engine/kernel.js";
import { Phase } from "../engine/phases.js";
import { MAX_BATCH_ENTRIES } from "../sqs/limits.js";
import { type ConsumerQueue, type ReceiveListener } from "../sqs/queue-api.js";
import { COPY_TOKEN } from "../sqs/standard-queue.js";
import { type BatchProcessor, type Consumer, Outcome, type SuccessListener, type WorkerStopListener } from "./consumer.js";

// Outcomes as this module's own constants (as in worker-pool.ts: an imported binding is read through its module).
const SUCCEEDED = Outcome.Succeeded;
const SKIPPED = Outcome.Skipped;
import { type LambdaFunction } from "./lambda-function.js";

/** The ESM's long polls wait the most SQS allows (aws-behaviour 1.8, 8.8). */
const ESM_WAIT_US = 20_000_000;
/** A synchronous invocation's payload limit, 6 MB (aws-behaviour 8.7). */
export const INVOKE_PAYLOAD_BYTES = 6 * 1_048_576;
/**
 * What each SQS record adds to the payload besides its body (message id, receipt handle, attributes, ARNs): AWS
 * says metadata counts (8.7) without a figure; about 1 KiB is what an SQS event record holds around its body.
 */
export const RECORD_OVERHEAD_BYTES = 1_024;
/** After a throttled invocation a poller waits this long before polling again, doubling up to the maximum. */
const THROTTLE_BACKOFF_US = 1_000_000;
const THROTTLE_BACKOFF_MAX_US = 20_000_000;
/** A receive or delete refused by a FIFO queue's quota (3.10) is retried after this, doubling to the maximum. */
const CALL_BACKOFF_US = 50_000;
const CALL_BACKOFF_MAX_US = 5_000_000;

export interface LambdaEsmConfig {
  name: string;
  /** Messages per invocation, 1-10,000 (8.7). */
  batchSize: number;
  /** MaximumBatchingWindowInSeconds (8.8). */
  windowUs: number;
  /** ReportBatchItemFailures: only the failures return to the queue (8.11); else any failure fails the batch. */
  reportBatchItemFailures: boolean;
  /** A FIFO queue: a group's messages never overtake its failed or skipped ones (8.12). */
  fifo: boolean;
  /**
   * The visibility timeout the mapping gives what it receives when window + function timeout exceed the queue's
   * (window + timeout + 30 s, aws-behaviour 8.9), or 0 to leave the queue's.
   */
  extendVisibilityUs: number;
}

/**
 * Messages a poller holds, in order: slots, receipt tokens and serials in typed arrays that grow as needed and are
 * reused batch after batch (a mapping makes one invocation per batch, millions in a long run).
 */
class Messages {
  slots = new Int32Array(16);
  tokens = new Uint32Array(16);
  serials = new Uint32Array(16);
  /** Per message: its outcome (Outcome), for an invocation's batch. */
  outcomes = new Uint8Array(16);
  count = 0;
  /** Payload bytes (bodies and record overhead). */
  bytes = 0;

  push(slot: number, token: number, serial: number, bytes: number): void {
    if (this.count === this.slots.length) this.grow(this.count * 2);
    this.slots[this.count] = slot;
    this.tokens[this.count] = token;
    this.serials[this.count] = serial;
    this.count++;
    this.bytes += bytes;
  }

  /** Moves the first n messages (of `bytes` payload) to `to`, which is emptied first; the rest move up. */
  moveFirst(n: number, bytes: number, to: Messages): void {
    if (to.slots.length < n) to.grow(n);
    // Plain loops: most batches are a few messages, where subarray views and copyWithin cost more than the copy.
    for (let i = 0; i < n; i++) {
      to.slots[i] = this.slots[i]!;
      to.tokens[i] = this.tokens[i]!;
      to.serials[i] = this.serials[i]!;
    }
    to.count = n;
    to.bytes = bytes;
    const rest = this.count - n;
    for (let i = 0; i < rest; i++) {
      this.slots[i] = this.slots[n + i]!;
      this.tokens[i] = this.tokens[n + i]!;
      this.serials[i] = this.serials[n + i]!;
    }
    this.count = rest;
    this.bytes -= bytes;
  }

  /** Removes message i (of `bytes` payload), keeping the order of the rest. */
  removeAt(i: number, bytes: number): void {
    this.slots.copyWithin(i, i + 1, this.count);
    this.tokens.copyWithin(i, i + 1, this.count);
    this.serials.copyWithin(i, i + 1, this.count);
    this.count--;
    this.bytes -= bytes;
  }

  private grow(capacity: number): void {
    const slots = new Int32Array(capacity);
    const tokens = new Uint32Array(capacity);
    const serials = new Uint32Array(capacity);
    slots.set(this.slots.subarray(0, this.count));
    tokens.set(this.tokens.subarray(0, this.count));
    serials.set(this.serials.subarray(0, this.count));
    this.slots = slots;
    this.tokens = tokens;
    this.serials = serials;
    this.outcomes = new Uint8Array(capacity);
  }
}

const enum PollerState {
  Stopped = 0,
  /** A receive is on its way or long-polling. */
  Polling = 1,
  /** Waiting out a throttle's backoff. */
  BackingOff = 2,
  /** Its batch's invocation is running. */
  Invoking = 3,
}

/**
 * Lambda's SQS event source mapping (aws-behaviour §8) as a consumer: its workers are the mapping's pollers, each
 * a process that long-polls the queue (10 messages a receive, 20 s waits), gathers a batch of up to `batchSize`
 * messages for up to the batching window (on a quiet queue up to 20 s even when the window is shorter, 8.8: a receive
 * long-polls for what is left of the longer of the two), and invokes the function synchronously, once per batch (8.1).
 * The function runs the batch's messages one after another (the BatchProcessor); when it ends, the successes are
 * deleted (DeleteMessageBatch, 10 a call) and the poller polls again.
 *
 * - A failed invocation (an error, or the timeout) returns every message of its batch after the visibility timeout;
 *   with ReportBatchItemFailures only the messages that failed (8.11). A FIFO batch stops at its first failure (the
 *   processor skips the rest of a failed group, 8.12).
 * - An invocation refused because the function is at its concurrency limit is throttled: its messages stay in
 *   flight, to return after the visibility timeout with the receive already counted (8.13, 12.11), and the poller
 *   backs off (1 s, doubling to 20 s, a model choice).
 * The mapping's SQS calls are made inside AWS: modelled with no round trip.
 */
export class LambdaEsm implements Consumer, ReceiveListener {
  readonly name: string;
  size = 0;
  processing = 0;
  processed = 0;
  failedAttempts = 0;
  duplicateProcessing = 0;
  deletesWithoutEffect = 0;
  throttledReceives = 0;
  throttledDeletes = 0;
  throttledHeartbeats = 0;
  /** Invocations that failed as a whole (an error without partial reporting, or the timeout). */
  failedInvocations = 0;
  /** Since the scaler last asked (it backs off on them, 8.14): throttled invocations, invocations, failed ones. */
  throttlesSinceRead = 0;
  invocationsSinceRead = 0;
  failedSinceRead = 0;
  /** Messages received since the scaler last asked, and empty receives. */
  receivedSinceRead = 0;
  emptyReceivesSinceRead = 0;
  /** When the earliest-sent message the mapping received was sent (Infinity before any). */
  firstSentUs = Infinity;

  private state: PollerState[] = [];
  /** Each poller's generation: a stopped poller's slot is reused, and its pending poll events are then stale. */
  private generation: number[] = [];
  private readonly freePollers: number[] = [];
  private draining: boolean[] = [];
  private pollerOf: number[] = [];
  /** Each poller's batch being gathered. */
  private held: Messages[] = [];
  /** When each poller's batching window ends (-1: no window open), and when its batch's first message came. */
  private windowEndUs: number[] = [];
  private batchStartUs: number[] = [];
  private backoffUs: number[] = [];
  private callBackoffUs: number[] = [];
  /** Each poller's invocation in hand: its messages and their outcomes, when it runs, and how it ended. */
  private invoked: Messages[] = [];
  private runStartUs: number[] = [];
  private runEndUs: number[] = [];
  private timedOut: boolean[] = [];
  /** The function failed as a whole: every message of the batch returns. */
  private wholeBatchFails: boolean[] = [];
  /** The next message of the batch whose delete is to be made (DeleteMessageBatch calls may be throttled, 3.10). */
  private nextToDelete: number[] = [];
  private firstSuccessTold: boolean[] = [];
  private busyUs = 0;
  private stopListener: WorkerStopListener | null = null;
  private successListener: SuccessListener | null = null;
  private readonly events: EventQueue;
  private readonly kinds: { poll: number; done: number; deleteRetry: number };

  constructor(
    private readonly config: LambdaEsmConfig,
    private readonly queue: ConsumerQueue,
    kernel: Kernel,
    private readonly fn: LambdaFunction,
    private readonly processor: BatchProcessor,
  ) {
    this.name = config.name;
    this.events = kernel.events;
    this.kinds = {
      poll: kernel.register("lambda poller receive", (p, gen, now) => {
        if (gen === this.generation[p]) this.onPoll(p, now);
      }),
      done: kernel.register("lambda invocation end", (p, _a, now) => this.onInvocationEnd(p, now)),
      deleteRetry: kernel.register("lambda delete retry", (p, _a, now) => this.deleteBatch(p, now)),
    };
  }

  setStopListener(listener: WorkerStopListener): void {
    this.stopListener = listener;
  }

  setSuccessListener(listener: SuccessListener | null): void {
    this.successListener = listener;
  }

  /** A new poller, polling from nowUs. */
  addWorker(nowUs: number): number {
    this.size++;
    let p = this.freePollers.pop();
    if (p === undefined) {
      p = this.state.length;
      this.state.push(PollerState.Polling);
      this.generation.push(0);
      this.draining.push(false);
      this.pollerOf.push(this.queue.addPoller(this, p));
      this.held.push(new Messages());
      this.invoked.push(new Messages());
      this.runStartUs.push(0);
      this.runEndUs.push(0);
      this.timedOut.push(false);
      this.wholeBatchFails.push(false);
      this.nextToDelete.push(0);
      this.firstSuccessTold.push(false);
      this.windowEndUs.push(-1);
      this.batchStartUs.push(-1);
      this.backoffUs.push(0);
      this.callBackoffUs.push(0);
    } else {
      this.state[p] = PollerState.Polling;
      this.generation[p]!++;
      this.windowEndUs[p] = -1;
      this.backoffUs[p] = 0;
    }
    this.pollAgain(p, nowUs);
    return p;
  }

  /**
   * A poller the mapping no longer wants: it stops once its batch is invoked and ends (a synchronous invocation is
   * never abandoned). A poller long-polling with nothing gathered stops now.
   */
  stopWorker(p: number, nowUs: number, _drain: boolean): boolean {
    const state = this.state[p]!;
    if (state === PollerState.Stopped) return true;
    if (this.held[p]!.count === 0 && state !== PollerState.Invoking) {
      if (state === PollerState.Polling) this.queue.cancelPoll(this.pollerOf[p]!);
      this.state[p] = PollerState.Stopped;
      this.freePollers.push(p);
      return true;
    }
    this.draining[p] = true;
    if (state === PollerState.BackingOff) this.invoke(p, nowUs);
    return false;
  }

  busyUsUntil(endUs: number): number {
    let us = this.busyUs;
    for (let p = 0; p < this.state.length; p++) {
      if (this.state[p] === PollerState.Invoking) us -= Math.max(0, this.runEndUs[p]! - Math.max(endUs, this.runStartUs[p]!));
    }
    return us;
  }

  private onPoll(p: number, nowUs: number): void {
    const state = this.state[p]!;
    if (state === PollerState.Stopped || state === PollerState.Invoking) return;
    this.state[p] = PollerState.Polling;
    const h = this.held[p]!;
    let waitUs = ESM_WAIT_US;
    if (h.count > 0) {
      // A batch being gathered waits at most the window, or 20 s when the window is shorter (8.8).
      waitUs = Math.min(ESM_WAIT_US, this.batchStartUs[p]! + Math.max(this.config.windowUs, ESM_WAIT_US) - nowUs);
      if (waitUs <= 0) {
        this.invoke(p, nowUs);
        return;
      }
    }
    if (!this.queue.allowCall("receive", -1, nowUs)) {
      // ThrottlingException (FIFO quotas, 3.10): the poller tries again after a backoff.
      this.throttledReceives++;
      this.events.push(nowUs + this.nextCallBackoff(p), Phase.Receive, this.kinds.poll, p, this.generation[p]!);
      return;
    }
    this.callBackoffUs[p] = 0;
    const want = Math.min(MAX_BATCH_ENTRIES, this.config.batchSize - h.count);
    this.queue.receive(this.pollerOf[p]!, want, waitUs, nowUs);
  }

  onReceived(p: number, count: number, nowUs: number): void {
    const q = this.queue;
    const h = this.held[p]!;
    for (let i = 0; i < count; i++) {
      const slot = q.deliveredSlots[i]!;
      h.push(slot, q.deliveredTokens[i]!, q.deliveredSerials[i]!, q.store.sizeBytes[slot]! + RECORD_OVERHEAD_BYTES);
      const sentUs = q.store.sentUs[slot]!;
      if (sentUs < this.firstSentUs) this.firstSentUs = sentUs;
      // Window + timeout longer than the visibility timeout: the mapping keeps what it holds invisible (8.9).
      if (this.config.extendVisibilityUs > 0)
        q.changeVisibility(slot, q.deliveredTokens[i]!, q.deliveredSerials[i]!, this.config.extendVisibilityUs, q.deliveredCallUs, nowUs);
    }
    this.receivedSinceRead += count;
    if (this.windowEndUs[p]! < 0) {
      this.windowEndUs[p] = nowUs + this.config.windowUs;
      this.batchStartUs[p] = nowUs;
    }
    const full = h.count >= this.config.batchSize || h.bytes >= INVOKE_PAYLOAD_BYTES;
    if (full || nowUs >= this.windowEndUs[p]! || this.draining[p]) this.invoke(p, nowUs);
    else this.pollAgain(p, nowUs);
  }

  onEmptyReceive(p: number, nowUs: number): void {
    this.emptyReceivesSinceRead++;
    const h = this.held[p]!;
    if (h.count > 0 && (nowUs >= this.windowEndUs[p]! || this.draining[p])) this.invoke(p, nowUs);
    else if (h.count === 0 && this.draining[p]) this.stop(p, nowUs);
    else this.pollAgain(p, nowUs);
  }

  /** The next receive goes out now, from the poller's own event (a receive is never made inside the queue's call). */
  private pollAgain(p: number, nowUs: number): void {
    this.events.push(nowUs, Phase.Receive, this.kinds.poll, p, this.generation[p]!);
  }

  /** Invokes the function with the poller's batch (the messages that fit the 6 MB payload; the rest wait for the next). */
  private invoke(p: number, nowUs: number): void {
    const h = this.held[p]!;
    const sizes = this.queue.store.sizeBytes;
    let n = 0;
    let bytes = 0;
    while (n < h.count && n < this.config.batchSize) {
      const b = sizes[h.slots[n]!]! + RECORD_OVERHEAD_BYTES;
      if (n > 0 && bytes + b > INVOKE_PAYLOAD_BYTES) break;
      bytes += b;
      n++;
    }
    const batch = this.invoked[p]!;
    h.moveFirst(n, bytes, batch);
    // Messages left over (past the payload limit) start the next batch, whose window has already run.
    this.windowEndUs[p] = h.count > 0 ? nowUs : -1;
    this.batchStartUs[p] = h.count > 0 ? nowUs - Math.max(this.config.windowUs, ESM_WAIT_US) : -1;
    // A throttled invocation runs nothing: the function is asked before the batch is processed.
    const run = this.fn.atLimit() ? this.fn.refuse() : this.fn.start(nowUs, this.processor.processBatch(batch.slots, 0, n, batch.outcomes), p);
    if (run === null) {
      // Throttled: the messages stay in flight and return after the visibility timeout, their receive counted. On
      // FIFO, what the poller holds of their groups must not overtake them (8.12): it is let go too.
      if (this.config.fifo && h.count > 0) this.releaseHeldBehindFailures(p, batch, true);
      for (let i = 0; i < n; i++) this.queue.release(batch.slots[i]!);
      batch.count = 0;
      this.throttlesSinceRead++;
      if (this.draining[p] && h.count === 0) {
        this.stop(p, nowUs);
        return;
      }
      const wait = this.backoffUs[p]! === 0 ? THROTTLE_BACKOFF_US : Math.min(THROTTLE_BACKOFF_MAX_US, this.backoffUs[p]! * 2);
      this.backoffUs[p] = wait;
      this.state[p] = PollerState.BackingOff;
      this.events.push(nowUs + wait, Phase.Receive, this.kinds.poll, p, this.generation[p]!);
      return;
    }
    this.backoffUs[p] = 0;
    this.invocationsSinceRead++;
    this.state[p] = PollerState.Invoking;
    this.processing++;
    this.busyUs += run.durationUs;
    this.runStartUs[p] = nowUs;
    this.runEndUs[p] = nowUs + run.durationUs;
    this.timedOut[p] = run.timedOut;
    this.wholeBatchFails[p] = false;
    this.nextToDelete[p] = 0;
    this.firstSuccessTold[p] = false;
    this.events.push(nowUs + run.durationUs, Phase.Delete, this.kinds.done, p);
  }

  /** The function returned (or hit its timeout): its outcomes are counted now, then the successes deleted. */
  private onInvocationEnd(p: number, nowUs: number): void {
    const batch = this.invoked[p]!;
    this.fn.finish(p, nowUs);
    this.processing--;
    const q = this.queue;
    const outcomes = batch.outcomes;
    let failures = 0;
    for (let i = 0; i < batch.count; i++) if (outcomes[i] !== SUCCEEDED) failures++;
    // The function threw (or was stopped by its timeout): the whole batch returns, unless it reports item failures.
    const whole = this.timedOut[p]! || (failures > 0 && !this.config.reportBatchItemFailures);
    this.wholeBatchFails[p] = whole;
    if (whole) {
      this.failedInvocations++;
      this.failedSinceRead++;
    }
    for (let i = 0; i < batch.count; i++) {
      const outcome = outcomes[i]!;
      if (outcome === SUCCEEDED && !whole) {
        this.processed++;
        if (q.markProcessed(batch.slots[i]!)) this.duplicateProcessing++;
      } else if (outcome !== SKIPPED) {
        this.failedAttempts++;
      }
    }
    if (this.config.fifo && failures > 0) this.releaseHeldBehindFailures(p, batch, whole);
    this.deleteBatch(p, nowUs);
  }

  /**
   * FIFO: messages of a group that failed (or was skipped) in the batch just ended must not overtake it (8.12), so
   * those the poller holds past the 6 MB cut are let go, to return after their visibility timeout, behind it.
   */
  private releaseHeldBehindFailures(p: number, batch: Messages, whole: boolean): void {
    const q = this.queue;
    const failed = new Set<number>();
    for (let i = 0; i < batch.count; i++) if (whole || batch.outcomes[i] !== SUCCEEDED) failed.add(q.groupOf(batch.slots[i]!));
    const h = this.held[p]!;
    for (let i = h.count - 1; i >= 0; i--) {
      const slot = h.slots[i]!;
      if (!failed.has(q.groupOf(slot))) continue;
      h.removeAt(i, q.store.sizeBytes[slot]! + RECORD_OVERHEAD_BYTES);
      q.release(slot);
    }
    if (h.count === 0) this.windowEndUs[p] = -1;
  }

  /**
   * Deletes the batch's successes, DeleteMessageBatch of up to 10 a call (aws-behaviour 1.9); a call refused by a FIFO
   * queue's quota (3.10) is retried after a backoff, the rest of the batch held meanwhile. Then the poller goes on.
   */
  private deleteBatch(p: number, nowUs: number): void {
    const batch = this.invoked[p]!;
    const q = this.queue;
    const whole = this.wholeBatchFails[p]!;
    const outcomes = batch.outcomes;
    let next = this.nextToDelete[p]!;
    while (next < batch.count) {
      // The next call's entries: up to 10 successes (failures are only let go).
      let end = next;
      let entries = 0;
      let firstGroup = -1;
      while (end < batch.count && entries < MAX_BATCH_ENTRIES) {
        if (outcomes[end] === SUCCEEDED && !whole && entries++ === 0) firstGroup = q.groupOf(batch.slots[end]!);
        end++;
      }
      if (entries > 0) {
        if (!q.allowCall("delete", firstGroup, nowUs)) {
          this.nextToDelete[p] = next;
          this.throttledDeletes++;
          this.events.push(nowUs + this.nextCallBackoff(p), Phase.Delete, this.kinds.deleteRetry, p);
          return;
        }
        q.requests.delete++;
        q.requests.bill(0);
      }
      for (let i = next; i < end; i++) {
        const slot = batch.slots[i]!;
        if (outcomes[i] === SUCCEEDED && !whole) {
          const token = batch.tokens[i]!;
          const deleted = q.deleteMessage(slot, token, batch.serials[i]!, nowUs);
          if (!deleted && token !== COPY_TOKEN) this.deletesWithoutEffect++;
          this.successListener?.onSucceeded(slot, nowUs, deleted, !this.firstSuccessTold[p]!);
          this.firstSuccessTold[p] = true;
        }
        q.release(slot);
      }
      next = end;
    }
    batch.count = 0;
    this.callBackoffUs[p] = 0;
    if (this.draining[p] && this.held[p]!.count === 0) {
      this.stop(p, nowUs);
      return;
    }
    this.state[p] = PollerState.Polling;
    const h = this.held[p]!;
    if (h.count > 0 && (h.count >= this.config.batchSize || this.draining[p])) this.invoke(p, nowUs);
    else this.pollAgain(p, nowUs);
  }

  /** The wait before retrying a call a FIFO queue's quota refused (3.10): doubling, to a maximum. */
  private nextCallBackoff(p: number): number {
    const wait = this.callBackoffUs[p]! === 0 ? CALL_BACKOFF_US : Math.min(CALL_BACKOFF_MAX_US, this.callBackoffUs[p]! * 2);
    this.callBackoffUs[p] = wait;
    return wait;
  }

  private stop(p: number, nowUs: number): void {
    this.state[p] = PollerState.Stopped;
    this.draining[p] = false;
    this.freePollers.push(p);
    this.stopListener?.workerStopped(p, nowUs);
  }
}

/**
 * The consumer seam: how messages leave a queue to be processed. A consumer reads one queue through pollers it
 * registers with the queue (ConsumerQueue.addPoller), processes what they receive, deletes what succeeded and lets the
 * rest reappear. Its capacity (an Auto Scaling group, a fixed fleet; Lambda concurrency and pods next) gives it
 * workers and takes them back; scalers never talk to it, only to the capacity.
 *
 * Implementations:
 * - WorkerPool (worker-pool.ts), EC2 and fixed fleets: every worker is a poller and a processor at once. It receives
 *   up to 10 messages, processes them one after another (SequentialProcessor), deletes the successes in one call
 *   and polls again.
 * - The shape Lambda's event source mapping (aws-behaviour §8) takes: its pollers are not workers. They scale on
 *   their own, gather a batch of up to 10,000 messages over a batching window from several receives, and invoke the
 *   function, one invocation per batch; workers are the function's concurrency (addWorker = one more concurrent
 *   execution allowed), so a batch waits for a free one. A BatchProcessor decides each message's outcome, so a failed
 *   invocation fails them all, and with ReportBatchItemFailures only the ones it reports.
 *   test/consumers/consumer-seam.test.ts builds a small consumer of that shape on this interface.
 */
export interface Consumer extends ConsumerCounters {
  readonly name: string;
  /** Adds a worker (a unit of the capacity's processing) that starts at nowUs; returns its number. */
  addWorker(nowUs: number): number;
  /**
   * Stops a worker whose capacity is going away: abruptly, work in hand is abandoned undeleted and reappears after
   * its visibility timeout; draining, the work is finished first and the stop listener told. Returns whether it
   * stopped now.
   */
  stopWorker(worker: number, nowUs: number, drain: boolean): boolean;
  /** Who is told when a draining worker has finished and stopped (the capacity, which then ends the instance). */
  setStopListener(listener: WorkerStopListener): void;
  /** Who is told of each message processed successfully (a pipeline's next stage); none by default. */
  setSuccessListener(listener: SuccessListener | null): void;
}

/**
 * Told of each message a consumer processed successfully, as its delete reaches SQS, while the queue still holds the
 * message's slot (its store figures can be read). `deleted` says whether the delete removed it (false for a stale
 * receipt or a duplicate copy: the work was still done). `firstOfBatch` marks the first success of a received batch.
 */
export interface SuccessListener {
  onSucceeded(slot: number, nowUs: number, deleted: boolean, firstOfBatch: boolean): void;
}

/** What a consumer counts, read by the summary and the series. */
export interface ConsumerCounters {
  /** Workers added over the run (stopped ones included). */
  readonly size: number;
  /** Workers holding work right now. */
  readonly processing: number;
  /** Completed processing attempts that succeeded. */
  readonly processed: number;
  /** Processing attempts that failed (transient or poison). */
  readonly failedAttempts: number;
  /** Successful completions of a message that had already been processed once. */
  readonly duplicateProcessing: number;
  /** Deletes that removed nothing (the receipt was stale, or the message gone). */
  readonly deletesWithoutEffect: number;
  /** Calls refused with ThrottlingException (FIFO quotas, aws-behaviour 3.10), each retried. */
  readonly throttledReceives: number;
  readonly throttledDeletes: number;
  readonly throttledHeartbeats: number;
  /** Processing time of all attempts up to endUs (work still running at endUs counts only its part before it). */
  busyUsUntil(endUs: number): number;
}

/** Told when a draining worker has finished its work and stopped. */
export interface WorkerStopListener {
  workerStopped(worker: number, nowUs: number): void;
}

/** What one processing attempt did to each message of a batch. */
export const Outcome = {
  Failed: 0,
  Succeeded: 1,
  /** Not attempted: left behind an earlier failure of its message group (FIFO, aws-behaviour 8.12). */
  Skipped: 2,
} as const;

/**
 * How a batch is processed, apart from how it was polled: decides each message's outcome and how long the work
 * takes. Batches may be of any size (Lambda's reach 10,000); per-message outcomes carry partial failure.
 */
export interface BatchProcessor {
  /**
   * Processes the `count` messages whose queue slots are slots[from .. from+count), writes each one's Outcome at
   * outcomes[from + i], and returns the processing time in seconds.
   */
  processBatch(slots: Int32Array, from: number, count: number, outcomes: Uint8Array): number;
}

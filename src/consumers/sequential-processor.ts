import { type Sampler } from "../engine/distributions.js";
import { chance, type Uniform } from "../engine/random.js";
import { MAX_BATCH_ENTRIES } from "../sqs/limits.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { type BatchProcessor, Outcome } from "./consumer.js";

// Outcomes as this module's own constants: an imported binding is read through its module on every use, on the hot path.
const FAILED = Outcome.Failed;
const SUCCEEDED = Outcome.Succeeded;
const SKIPPED = Outcome.Skipped;

export interface SequentialProcessorConfig {
  /** Processing time of one message, in seconds. */
  processingS: Sampler;
  /** Probability that a processing attempt fails (the message is left to reappear). */
  transientFailure: number;
  /**
   * FIFO consumers: after a message of a group fails, leave the group's later messages in the batch unprocessed
   * and undeleted, so they come back in order after it (aws-behaviour 8.12: stop at the first failure).
   */
  stopGroupAtFailure: boolean;
}

/**
 * An EC2 worker's processing: the messages of a batch one after another, each taking its own sampled time and
 * failing on its own (transiently, or always when poison). Draws per message, in batch order: its time, then
 * whether it failed; a skipped message draws nothing. On the hot path of every run (once per received batch): the
 * plain loop is kept small so that the worker pool's call inlines it.
 */
export class SequentialProcessor implements BatchProcessor {
  private readonly processingS: Sampler;
  private readonly transientFailure: number;
  private readonly stopGroupAtFailure: boolean;
  /** Groups that failed earlier in the batch being processed (grown for a batch larger than a receive's 10). */
  private failedGroups = new Int32Array(MAX_BATCH_ENTRIES);

  constructor(
    config: SequentialProcessorConfig,
    private readonly queue: ConsumerQueue,
    private readonly failureRandom: Uniform,
  ) {
    this.processingS = config.processingS;
    this.transientFailure = config.transientFailure;
    this.stopGroupAtFailure = config.stopGroupAtFailure;
  }

  processBatch(slots: Int32Array, from: number, count: number, outcomes: Uint8Array): number {
    if (this.stopGroupAtFailure) return this.processKeepingGroupOrder(slots, from, count, outcomes);
    const queue = this.queue;
    const processing = this.processingS;
    let totalS = 0;
    for (let i = from, end = from + count; i < end; i++) {
      totalS += processing();
      outcomes[i] = queue.isPoison(slots[i]!) || chance(this.failureRandom, this.transientFailure) ? FAILED : SUCCEEDED;
    }
    return totalS;
  }

  /** FIFO: the same, but a group's messages after its first failure in the batch are skipped (aws-behaviour 8.12). */
  private processKeepingGroupOrder(slots: Int32Array, from: number, count: number, outcomes: Uint8Array): number {
    const queue = this.queue;
    const processing = this.processingS;
    if (count > this.failedGroups.length) this.failedGroups = new Int32Array(count);
    let totalS = 0;
    let failedGroups = 0;
    for (let i = from, end = from + count; i < end; i++) {
      const slot = slots[i]!;
      const group = queue.groupOf(slot);
      if (this.hasFailed(group, failedGroups)) {
        outcomes[i] = SKIPPED;
        continue;
      }
      totalS += processing();
      const failed = queue.isPoison(slot) || chance(this.failureRandom, this.transientFailure);
      outcomes[i] = failed ? FAILED : SUCCEEDED;
      if (failed) this.failedGroups[failedGroups++] = group;
    }
    return totalS;
  }

  /** Whether `group` is among the first n groups that failed in the batch being processed. */
  private hasFailed(group: number, n: number): boolean {
    for (let i = 0; i < n; i++) if (this.failedGroups[i] === group) return true;
    return false;
  }
}

import { type Sampler } from "../engine/distributions.js";
import { chance, type Uniform } from "../engine/random.js";
import { MAX_BATCH_ENTRIES } from "../sqs/limits.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { type BatchProcessor, Outcome } from "./consumer.js";

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
 * whether it failed; a skipped message draws nothing.
 */
export class SequentialProcessor implements BatchProcessor {
  /** Groups that failed earlier in the batch being processed (a receive holds at most 10 messages). */
  private readonly failedGroups = new Int32Array(MAX_BATCH_ENTRIES);

  constructor(
    private readonly config: SequentialProcessorConfig,
    private readonly queue: ConsumerQueue,
    private readonly failureRandom: Uniform,
  ) {}

  processBatch(slots: Int32Array, from: number, count: number, outcomes: Uint8Array): number {
    const queue = this.queue;
    const processing = this.config.processingS;
    const stopGroups = this.config.stopGroupAtFailure;
    let totalS = 0;
    let failedGroups = 0;
    for (let i = from; i < from + count; i++) {
      const slot = slots[i]!;
      const group = stopGroups ? queue.groupOf(slot) : -1;
      if (stopGroups && this.hasFailed(group, failedGroups)) {
        outcomes[i] = Outcome.Skipped;
        continue;
      }
      totalS += processing();
      const failed = queue.isPoison(slot) || chance(this.failureRandom, this.config.transientFailure);
      outcomes[i] = failed ? Outcome.Failed : Outcome.Succeeded;
      if (failed && stopGroups) this.failedGroups[failedGroups++] = group;
    }
    return totalS;
  }

  /** Whether `group` is among the first n groups that failed in the batch being processed. */
  private hasFailed(group: number, n: number): boolean {
    for (let i = 0; i < n; i++) if (this.failedGroups[i] === group) return true;
    return false;
  }
}

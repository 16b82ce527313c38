import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { isHighThroughputFifo } from "../scenario/schema.js";
import { type QueueResource } from "../scenario/resources.js";
import { FifoQueue } from "../sqs/fifo-queue.js";
import { FIFO_CALLS_PER_SECOND_PER_ACTION, FIFO_DEDUP_INTERVAL_US, FIFO_INITIAL_PARTITIONS, FIFO_SCAN_WINDOW } from "../sqs/fifo-limits.js";
import { type QueueLatencyRecorders, StandardQueue } from "../sqs/standard-queue.js";
import { type Kernel } from "../engine/kernel.js";

export type BuiltQueue = { kind: "standard"; queue: StandardQueue } | { kind: "fifo"; queue: FifoQueue };

/**
 * A queue of the scenario, standard (aws-behaviour §1-§2) or FIFO (§3), with its timer registered with the kernel.
 * `index` is its place among the run's queues (its timer events' target).
 */
export function buildQueue(
  resource: QueueResource,
  index: number,
  seed: number,
  kernel: Kernel,
  latency: QueueLatencyRecorders,
  maxStoredMessages: number,
): BuiltQueue {
  const q = resource.config;
  const events = kernel.events;
  let built: BuiltQueue | null = null;
  const timerKind = kernel.register("queue timer", (_t, generation, now) => built!.queue.onTimer(generation, now));
  built = makeQueue(q, resource.streams, index, seed, events, timerKind, latency, maxStoredMessages);
  return built;
}

function makeQueue(
  q: QueueResource["config"],
  streams: string,
  index: number,
  seed: number,
  events: Kernel["events"],
  timerKind: number,
  latency: QueueLatencyRecorders,
  maxStoredMessages: number,
): BuiltQueue {
  const common = {
    visibilityTimeoutUs: secondsToUs(q.visibilityTimeout),
    retentionUs: secondsToUs(q.retention),
    maxMessageSizeBytes: q.maxMessageSize,
    inFlightLimit: q.inFlightLimit,
    deadLetter: q.deadLetter ? { maxReceiveCount: q.deadLetter.maxReceiveCount, retentionUs: secondsToUs(q.deadLetter.retention) } : null,
    maxStoredMessages,
  };
  if (q.type === "fifo") {
    const high = isHighThroughputFifo(q);
    const queue = new FifoQueue(
      {
        ...common,
        delayUs: secondsToUs(q.delay),
        scanWindow: FIFO_SCAN_WINDOW,
        deduplication: { scope: q.deduplicationScope, intervalUs: FIFO_DEDUP_INTERVAL_US },
        throughput: {
          highThroughput: high,
          callsPerSecondPerAction: FIFO_CALLS_PER_SECOND_PER_ACTION,
          partitions: high ? (q.highThroughputPartitions ?? FIFO_INITIAL_PARTITIONS) : 1,
          growth: high && q.highThroughputPartitions === undefined ? { splitTimeUs: secondsToUs(q.highThroughputSplitTime) } : null,
          regionalCallsPerSecond: q.highThroughputQuota,
        },
      },
      events,
      timerKind,
      index,
      latency,
    );
    return { kind: "fifo", queue };
  }
  const queue = new StandardQueue(
    { ...common, duplicateDeliveryRate: q.duplicateDeliveryRate, shortPollServers: q.shortPollServers, shortPollMessageWeight: q.shortPollMessageWeight },
    events,
    timerKind,
    index,
    randomStream(seed, `${streams}/duplicates`),
    randomStream(seed, `${streams}/short-polling`),
    latency,
  );
  return { kind: "standard", queue };
}

import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { type Scenario, isHighThroughputFifo } from "../scenario/schema.js";
import { FifoQueue } from "../sqs/fifo-queue.js";
import { FIFO_CALLS_PER_SECOND_PER_ACTION, FIFO_DEDUP_INTERVAL_US, FIFO_INITIAL_PARTITIONS, FIFO_SCAN_WINDOW } from "../sqs/fifo-limits.js";
import { type QueueLatencyRecorders, StandardQueue } from "../sqs/standard-queue.js";
import { type EventQueue } from "../engine/event-queue.js";
import { EventKind } from "./event-kinds.js";

export type BuiltQueue = { kind: "standard"; queue: StandardQueue } | { kind: "fifo"; queue: FifoQueue };

/** The scenario's queue: standard (aws-behaviour §1-§2) or FIFO (§3). */
export function buildQueue(scenario: Scenario, seed: number, events: EventQueue, latency: QueueLatencyRecorders, maxStoredMessages: number): BuiltQueue {
  const q = scenario.queue;
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
    const queue = new FifoQueue({
      ...common,
      delayUs: secondsToUs(q.delay),
      scanWindow: FIFO_SCAN_WINDOW,
      deduplication: { scope: q.deduplicationScope, intervalUs: FIFO_DEDUP_INTERVAL_US },
      throughput: {
        highThroughput: high,
        callsPerSecondPerAction: FIFO_CALLS_PER_SECOND_PER_ACTION,
        partitions: high ? q.highThroughputPartitions ?? FIFO_INITIAL_PARTITIONS : 1,
        growth: high && q.highThroughputPartitions === undefined ? { splitTimeUs: secondsToUs(q.highThroughputSplitTime) } : null,
        regionalCallsPerSecond: q.highThroughputQuota,
      },
    }, events, EventKind.QueueTimer, 0, latency);
    return { kind: "fifo", queue };
  }
  const queue = new StandardQueue(
    { ...common, duplicateDeliveryRate: q.duplicateDeliveryRate, shortPollServers: q.shortPollServers, shortPollMessageWeight: q.shortPollMessageWeight },
    events,
    EventKind.QueueTimer,
    0,
    randomStream(seed, "queue/duplicates"),
    randomStream(seed, "queue/short-polling"),
    latency,
  );
  return { kind: "standard", queue };
}

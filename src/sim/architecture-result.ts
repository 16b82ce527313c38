// What an architecture run's summary.json holds: one entry per topic, queue, pool, producer and path, each with the
// figures the single-queue format gives its one queue and pool, and the cost of them all.
import { type LatencySummary } from "../metrics/log-histogram.js";
import { type Activity } from "../metrics/activity-log.js";
import { type PeriodSeries } from "../metrics/period-series.js";
import { type LambdaSummary, type RunSummary } from "./result.js";

export interface TopicSummary {
  type: "standard" | "fifo";
  /** Accepted publishes (NumberOfMessagesPublished, aws-behaviour 13.29). */
  published: number;
  /** FIFO: publishes accepted as duplicates and delivered nowhere (13.23). */
  deduplicated: number;
  /** Publishes refused for their size (13.3). */
  rejected: number;
  /** Per subscribed queue: deliveries that reached it (NumberOfNotificationsDelivered). */
  delivered: Record<string, number>;
  /** Per subscribed queue: messages its filter policy did not match (NumberOfNotificationsFilteredOut, 13.21). */
  filteredOut: Record<string, number>;
  /** Per subscribed queue: deliveries the queue refused, and those still on their way at the end. */
  refused: Record<string, number>;
  pendingAtEnd: Record<string, number>;
  /** Publish and PublishBatch calls, and the requests they are billed as (64 KiB chunks, 13.6). */
  requests: { publish: number; billable: number };
  costUsd: number;
}

export interface QueueSummary {
  type: "standard" | "fifo";
  messages: Omit<RunSummary["messages"], "produced" | "duplicateProcessing">;
  /** sendDelay: its own arrival (publish → SNS delivery, or produced → accepted); queueWait as the single format;
   *  endToEnd: from the first production of the message's chain to its delete from this queue. */
  latency: RunSummary["latency"];
  requests: RunSummary["requests"];
  deadLetterQueue: RunSummary["deadLetterQueue"];
  fifo: RunSummary["fifo"];
  meanMessagesInQueue: number;
  slo: RunSummary["slo"];
  costUsd: number;
}

export interface PoolSummary {
  queue: string;
  consumers: RunSummary["consumers"] & { duplicateProcessing: number };
  fleet: RunSummary["fleet"];
  /** A Lambda pool's function and event source mapping (consumers.platform: lambda); absent otherwise. */
  lambda?: LambdaSummary;
  /** Messages its emit rules sent on, and those their destination refused. */
  emitted: number;
  /** The emitted messages by destination (refused ones included): `queues.<name>` and `topics.<name>`. */
  emittedTo: { queues: Record<string, number>; topics: Record<string, number> };
  emitRefused: number;
  /** Emitted messages on their way at the end (sent after a delete's response). */
  emitInTransitAtEnd: number;
  costUsd: number;
}

export interface ArchitectureSummary {
  scenario: string;
  description?: string;
  seed: number;
  durationSeconds: number;
  /** Which layout this is: the single-queue format's summary has no `format` key. */
  format: "architecture";
  topics: Record<string, TopicSummary>;
  queues: Record<string, QueueSummary>;
  consumers: Record<string, PoolSummary>;
  producers: Record<string, { to: string; produced: number; unsent: number }>;
  /** Per path a message took (producer→topic→queue→pool→…), the end to end from its chain's first production to
   *  its delete at the path's last pool. Messages still waiting at the end in a queue read by one pool count, at their
   *  age then (censored), in the path they would end there; a queue read by several pools leaves its waiting ones out. */
  paths: Record<string, { endToEnd: LatencySummary }>;
  cost: { sqsUsd: number; snsUsd: number; computeUsd: number; totalUsd: number };
  engine: { events: number };
}

export interface ArchitectureResult {
  summary: ArchitectureSummary;
  series: PeriodSeries;
  activities: Activity[];
}

import { type TraceRow } from "./message-trace-rows.js";
import { type LatencySummary } from "../metrics/log-histogram.js";
import { type Activity } from "../metrics/activity-log.js";
import { type PeriodSeries } from "../metrics/period-series.js";
import { type SparseHistogram } from "../metrics/sparse-histogram.js";

/** What summary.json holds: a pure function of (scenario, seed), with no wall-clock field. */
export interface RunSummary {
  scenario: string;
  description?: string;
  seed: number;
  durationSeconds: number;
  messages: {
    /** Messages the producers generated (accepted, rejected, or left in an unsent batch at the end). */
    produced: number;
    sent: number;
    rejected: number;
    received: number;
    deleted: number;
    redelivered: number;
    duplicateDeliveries: number;
    duplicateProcessing: number;
    deadLettered: number;
    expired: number;
    remaining: { visible: number; inFlight: number; delayed: number };
  };
  requests: {
    send: number;
    receive: number;
    emptyReceive: number;
    delete: number;
    changeVisibility: number;
    overLimit: number;
    billable: number;
  };
  /**
   * Each over the messages whose wait ended and, right-censored, those whose wait had not ended at the end of the run
   * (counted at their age then: `censored`, and `lowerBound` names the figures a censored message reaches).
   */
  latency: {
    /** Produced → accepted by SQS (a producer's batch window, its throttled backlog, half a round trip). */
    sendDelay: LatencySummary;
    /** Sent → first received (ApproximateFirstReceiveTimestamp − SentTimestamp); censored: sent, never received. */
    queueWait: LatencySummary;
    /**
     * Produced → deleted; censored: produced and neither deleted, dead-lettered nor expired by the end (in a producer
     * or in the queue), the oldest of them `oldestCensored` seconds. Dead-lettered and expired messages have no end
     * to end: they are counted here, apart, as in `messages`.
     */
    endToEnd: LatencySummary & { oldestCensored: number; deadLettered: number; expired: number };
  };
  consumers: {
    /** Workers started over the run (instances × concurrency, counting every instance launched). */
    workers: number;
    processed: number;
    failedAttempts: number;
    deletesWithoutEffect: number;
    /** Share of worker time (while instances were InService) spent processing. */
    utilization: number;
  };
  fleet: {
    kind: string;
    instanceSeconds: number;
    billedInstanceSeconds: number;
    /** Peak InService instances (kept under this name from the first release; equals peakInService). */
    peakInstances: number;
    peakInService: number;
    /** Lowest InService count over the metric-period samples. */
    minInService: number;
    scaleOutActivities: number;
    scaleInActivities: number;
    /** From the start of the first breaching period behind the first scale-out to that scale-out; null if none. */
    timeToFirstScaleOutSeconds: number | null;
  };
  /** A Lambda pool's function and event source mapping (consumers.platform: lambda); absent otherwise. */
  lambda?: LambdaSummary;
  /** A Kubernetes pool's pods and nodes (consumers.platform: kubernetes); absent otherwise. */
  kubernetes?: KubernetesSummary;
  deadLetterQueue: { moved: number; expired: number; remaining: number } | null;
  cost: { sqsUsd: number; computeUsd: number; totalUsd: number };
  /** Time-average messages in the queue (visible + in flight + delayed) over the run. */
  meanMessagesInQueue: number;
  /** Messages whose queue wait was above slo.maxQueueWait (counted exactly); null without an SLO. */
  slo: { maxQueueWaitSeconds: number; messagesOverMaxQueueWait: number; fractionOverMaxQueueWait: number } | null;
  /** Messages the producers handed to SQS (resends included) and those still waiting to be sent at the end:
   *  produced = sent + rejected + unsent + fifo.deduplicated. */
  producers: {
    produced: number;
    unsent: number;
    /** The most messages waiting in producers at the end of a metric period (timeseries.csv's unsent_msgs). */
    peakUnsent: number;
  };
  /** With message groups (FIFO, or a standard queue whose producers set them); null otherwise. */
  fifo: {
    queueType: "fifo" | "standard";
    /** Sends accepted as duplicates and never delivered (FIFO, aws-behaviour 3.6). */
    deduplicated: number;
    /** Send calls throttled (FIFO quotas, 3.10-3.12); the producers retried them. */
    throttledSends: number;
    /** Peak groups with a message in flight (FIFO, 4.8); null for a standard queue. */
    groupsActivePeak: number | null;
    /** Duplicate (retry) sends stored as a new message, so processed twice: a standard queue's all, FIFO's none
     *  within its 5-minute deduplication interval. */
    duplicatesStored: number;
    /** Receive calls throttled (FIFO quotas, 3.10); the consumers retried them after a backoff. */
    throttledReceives: number;
    /** Delete calls throttled; retried after a backoff, the batch held meanwhile. */
    throttledDeletes: number;
    /** Heartbeats (ChangeMessageVisibility) throttled; the next heartbeat tried again. */
    throttledVisibilityChanges: number;
    /** Deliveries while an earlier message of the same group was outstanding, by an independent checker. */
    orderViolations: number;
    /** Messages processed (deleted) while an earlier message of their group was still outstanding. */
    processedOutOfOrder: number;
  } | null;
  engine: { events: number };
}

export interface SimulationResult {
  summary: RunSummary;
  series: PeriodSeries;
  /** Scaling activities and alarm transitions (empty for a fixed fleet). */
  activities: Activity[];
  histograms: { queueWait: SparseHistogram; endToEnd: SparseHistogram };
  /** The first messages' events, with --trace-messages (simulate's traceMessages); absent otherwise. */
  messageTrace?: TraceRow[];
  /** When the trace stopped, having kept MAX_TRACE_EVENTS events (it then holds the events before it only). */
  messageTraceStoppedAtS?: number;
}

/** What a Lambda pool did (aws-behaviour §8, prices 10.5). */
export interface LambdaSummary {
  /** Invocations the function ran (one per batch), and those refused at its concurrency limit (not billed). */
  invocations: number;
  throttledInvocations: number;
  /** Invocations that failed as a whole (an error without partial batch response), and those stopped by the timeout. */
  failedInvocations: number;
  timeouts: number;
  /** Invocations that started a new execution environment. */
  coldStarts: number;
  /** The most invocations running at once, and the time-average over the run. */
  peakConcurrency: number;
  meanConcurrency: number;
  /** From the first message the mapping received being sent to the peak concurrency; null with no invocation. */
  timeToPeakConcurrencySeconds: number | null;
  /** The most concurrent batches the mapping ran (its pollers; in provisioned mode each event poller runs several). */
  peakPollers: number;
  /** Billed duration × memory. */
  gbSeconds: number;
  /** The function's cost: requests and duration (the pollers' SQS requests are the queue's, in cost.sqsUsd). */
  requestsUsd: number;
  durationUsd: number;
  /** Provisioned mode (8.6): event poller-hours (at least the minimum pollers, all the time) and their cost. */
  eventPollerHours?: number;
  eventPollersUsd?: number;
}

/** What a Kubernetes pool did (aws-behaviour §9). */
export interface KubernetesSummary {
  /** What scales the pods: KEDA and its HPA, or a plain HPA on CPU utilisation (hpa.cpuUtilization). */
  autoscaler: "keda" | "hpa-cpu";
  /** The most replicas KEDA and the HPA set, and the fewest set after their first scale-out (null without one). */
  peakReplicas: number;
  minReplicasAfterFirstScaleOut: number | null;
  peakRunningPods: number;
  peakNodes: number;
  /** Pod-seconds running, and node-seconds from launch to removal (or the end). */
  podSeconds: number;
  nodeSeconds: number;
  scaleUpEvents: number;
  scaleDownEvents: number;
}

/** Numeric event kinds: the run loop dispatches on them with one switch (no closures, no lookups per event). */
export const EventKind = {
  QueueTimer: 0,
  ProducerArrival: 1,
  ProducerFlush: 2,
  WorkerReceive: 3,
  WorkerFinish: 4,
  WorkerHeartbeat: 5,
  MetricSample: 6,
  InstanceInService: 7,
  InstanceDrainTimeout: 8,
  CloudWatchRecord: 9,
  CloudWatchEvaluate: 10,
  ScheduledAction: 11,
} as const;

export const EVENT_KIND_NAMES: readonly string[] = [
  "queue timer",
  "producer arrival",
  "producer batch window",
  "worker receive",
  "worker delete",
  "worker heartbeat",
  "metric sample",
  "instance in service",
  "instance drain timeout",
  "cloudwatch datapoints",
  "alarm evaluation",
  "scheduled action",
];

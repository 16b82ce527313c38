// Two scenarios that use every optional part of the format at once (heartbeats, every traffic shape, message
// groups, instance types, an Auto Scaling group with every kind of policy, an SLO, ...): a mutation can only reach a
// field whose parent exists, and the shipped scenarios leave many of them out. Small, so that a run is quick.
export const KITCHEN_SINK_YAML = `name: kitchen-sink
description: Every optional part of a scenario, small.
duration: 2m
startTime: 2026-11-20T09:00:00Z
seed: 3
queue:
  type: standard
  name: orders
  visibilityTimeout: 30s
  retention: 1h
  delay: 0s
  receiveWaitTime: 5s
  maxMessageSize: 256KiB
  apiLatency: 5ms
  duplicateDeliveryRate: 0.001
  shortPollServers: 2
  shortPollMessageWeight: 0.25
  inFlightLimit: 1000
  deadLetter: { maxReceiveCount: 3, retention: 2d }
producers:
  - name: steady
    traffic:
      - constant: 2
      - step: { at: 30s, rate: 1 }
      - spike: { at: 1m, peak: 3, rise: 5s, hold: 10s, fall: 5s }
      - diurnal: { mean: 2, amplitude: 1, period: 1m, peakAt: 10s }
    arrivals: uniform
    batchSize: 2
    batchWindow: 100ms
    messageSize: { lognormal: { median: 2KiB, p99: 16KiB } }
    delay: 1s
    duplicateSends: 0.01
    duplicateSendDelay: 1s
  - name: replay
    traffic:
      - trace: { file: traces/sample-per-minute.csv, timeColumn: offset_s, countColumn: count, scale: 0.01, loop: true }
    messageSize: { uniform: { min: 1KiB, max: 4KiB } }
consumers:
  concurrency: 2
  batchSize: 5
  waitTime: 5s
  processing: { gamma: { mean: 200ms, cv: 0.5 } }
  failures: { transient: 0.01, poison: 0.001 }
  heartbeat: { every: 10s, extendBy: 30s }
fleet:
  kind: asg
  min: 1
  max: 4
  desired: 2
  instanceType: small
  launchTime: { exponential: { mean: 20s } }
  warmup: 30s
  cooldown: 60s
  termination: { drain: { timeout: 30s } }
  terminationPolicy: oldestInstance
  scaleInProtection: false
  policies:
    - targetTracking: { metric: backlogPerInstance, target: 20, disableScaleIn: false, warmup: 30s }
    - stepScaling:
        alarm: { metric: approximateNumberOfMessagesVisible, statistic: average, period: 60s, evaluationPeriods: 2, datapointsToAlarm: 1, comparison: ">=", threshold: 50, treatMissingData: notBreaching }
        adjustmentType: changeInCapacity
        steps: [ { lower: 0, upper: 100, adjustment: 1 }, { lower: 100, adjustment: 2 } ]
        minAdjustmentMagnitude: 1
        metricAggregationType: average
        warmup: 30s
    - simpleScaling:
        alarm: { metric: approximateAgeOfOldestMessage, comparison: "<", threshold: 5 }
        adjustmentType: exactCapacity
        adjustment: 1
        cooldown: 60s
    - scheduled: { at: 1m, min: 1, max: 4, desired: 3 }
cloudwatch: { period: 60s, publishDelay: 30s, targetTracking: { scaleOut: { datapoints: 3 }, scaleIn: { datapoints: 15 } } }
slo: { maxQueueWait: 10s }
cost: { instanceHourlyUsd: 0.1, sqsPerMillionRequestsUsd: 0.4 }
instanceTypes:
  small: { hourlyUsd: 0.05, concurrency: 2, processingTimeFactor: 1 }
  large: { hourlyUsd: 0.2, concurrency: 8, processingTimeFactor: 0.5 }
metrics: { period: 30s }
limits: { maxEvents: 100000000, maxStoredMessages: 1000000 }
`;

export const KITCHEN_SINK_FIFO_YAML = `name: kitchen-sink-fifo
description: A high-throughput FIFO queue with every FIFO option, small.
duration: 2m
queue:
  type: fifo
  name: orders.fifo
  contentBasedDeduplication: true
  deduplicationScope: messageGroup
  throughputLimit: perMessageGroupId
  highThroughputPartitions: 4
  highThroughputQuota: 3000
  delay: 2s
  deadLetter: { maxReceiveCount: 2 }
producers:
  - name: payments
    traffic: [ { constant: 5 } ]
    batchSize: 10
    messageSize: { exponential: { mean: 1KiB } }
    messageGroups: { count: 50, distribution: { zipf: { s: 1.2 } } }
    duplicateSends: 0.05
    duplicateSendDelay: 10s
consumers:
  concurrency: 4
  processing: { uniform: { min: 10ms, max: 100ms } }
fleet: { kind: fixed, instances: 2 }
`;

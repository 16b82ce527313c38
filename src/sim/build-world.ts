import { WorkerPool } from "../consumers/worker-pool.js";
import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { EventQueue } from "../engine/event-queue.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { ActivityLog } from "../metrics/activity-log.js";
import { LogHistogram } from "../metrics/log-histogram.js";
import { buildFleet } from "./build-fleet.js";
import { type Autoscaler } from "../scaling/autoscaler.js";
import { type InstanceGroup } from "../scaling/asg/instance-group.js";
import { type Scenario } from "../scenario/schema.js";
import { StandardQueue } from "../sqs/standard-queue.js";
import { Producer } from "../traffic/producer.js";
import { buildRate } from "../traffic/rate.js";
import { EventKind } from "./event-kinds.js";

export interface World {
  events: EventQueue;
  queue: StandardQueue;
  pool: WorkerPool;
  producers: Producer[];
  group: InstanceGroup;
  /** Present for an Auto Scaling group. */
  autoscaler: Autoscaler | null;
  activities: ActivityLog;
  latency: { queueWait: LogHistogram; endToEnd: LogHistogram };
}

/** Builds the queue, producers and consumer fleet of a scenario; every random stream is named by its component. */
export function buildWorld(scenario: Scenario, seed: number, maxStoredMessages: number): World {
  const events = new EventQueue();
  const q = scenario.queue;
  const apiLatencyUs = secondsToUs(q.apiLatency);
  // The SLO counts waits above its limit exactly (every first receive passes through this histogram).
  const latency = { queueWait: new LogHistogram(scenario.slo?.maxQueueWait ?? Infinity), endToEnd: new LogHistogram() };
  const queue = new StandardQueue(
    {
      visibilityTimeoutUs: secondsToUs(q.visibilityTimeout),
      retentionUs: secondsToUs(q.retention),
      maxMessageSizeBytes: q.maxMessageSize,
      duplicateDeliveryRate: q.duplicateDeliveryRate,
      shortPollSampleFraction: q.shortPollSampleFraction,
      inFlightLimit: q.inFlightLimit,
      deadLetter: q.deadLetter
        ? { maxReceiveCount: q.deadLetter.maxReceiveCount, retentionUs: secondsToUs(q.deadLetter.retention) }
        : null,
      maxStoredMessages,
    },
    events,
    EventKind.QueueTimer,
    0,
    randomStream(seed, "queue/duplicates"),
    randomStream(seed, "queue/short-polling"),
    latency,
  );

  const c = scenario.consumers;
  const pool = new WorkerPool(
    {
      batchSize: c.batchSize,
      // The request's WaitTimeSeconds overrides the queue attribute (AWS-FACTS 1.8).
      waitUs: secondsToUs(c.waitTime ?? q.receiveWaitTime),
      apiLatencyUs,
      processingS: makeSampler(c.processing as DistributionSpec, randomStream(seed, "consumers/processing")),
      transientFailure: c.failures.transient,
      heartbeat: c.heartbeat ? { everyUs: secondsToUs(c.heartbeat.every), extendByUs: secondsToUs(c.heartbeat.extendBy) } : null,
    },
    queue,
    events,
    { receive: EventKind.WorkerReceive, finish: EventKind.WorkerFinish, heartbeat: EventKind.WorkerHeartbeat },
    randomStream(seed, "consumers/failures"),
  );
  const activities = new ActivityLog();
  const { group, autoscaler } = buildFleet(scenario, seed, pool, events, activities, queue);
  group.start(0);
  autoscaler?.start();

  const producers = scenario.producers.map((p, id) => {
    const producer = new Producer(
      {
        rate: buildRate(p.traffic),
        poisson: p.arrivals === "poisson",
        batchSize: p.batchSize,
        batchWindowUs: secondsToUs(p.batchWindow),
        sizeBytes: makeSampler(p.messageSize as DistributionSpec, randomStream(seed, `producers/${p.name}/sizes`)),
        // A message timer overrides the queue delay (AWS-FACTS 1.6).
        delayUs: secondsToUs(p.delay ?? q.delay),
        horizonS: scenario.duration,
        apiLatencyUs,
        poisonProbability: c.failures.poison,
      },
      queue,
      events,
      { arrival: EventKind.ProducerArrival, flush: EventKind.ProducerFlush },
      id,
      randomStream(seed, `producers/${p.name}/arrivals`),
      randomStream(seed, `producers/${p.name}/poison`),
    );
    producer.start();
    return producer;
  });

  return { events, queue, pool, producers, group, autoscaler, latency, activities };
}

import { type RunLatency } from "./censor-remaining.js";
import { RepeatRecorder } from "../metrics/repeat-recorder.js";
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
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { type GroupedProducer } from "../traffic/grouped-producer.js";
import { type Producer } from "../traffic/producer.js";
import { buildProducers } from "./build-producers.js";
import { buildQueue, type BuiltQueue } from "./build-queue.js";
import { EventKind } from "./event-kinds.js";
import { OrderChecker } from "./order-checker.js";

export interface World {
  events: EventQueue;
  queue: ConsumerQueue;
  /** The same queue, by type: FIFO-only figures (deduplication, throttling, groups) come from here. */
  builtQueue: BuiltQueue;
  pool: WorkerPool;
  producers: Producer[];
  groupedProducers: GroupedProducer[];
  /** Present when producers send message groups (always for FIFO): counts per-group order violations. */
  orderChecker: OrderChecker | null;
  group: InstanceGroup;
  /** Present for an Auto Scaling group. */
  autoscaler: Autoscaler | null;
  activities: ActivityLog;
  latency: RunLatency;
  /** What the queue records send delays through; flushed into latency.sendDelay at the end of the run. */
  sendDelayRecorder: RepeatRecorder;
}

/** Builds the queue, producers and consumer fleet of a scenario; every random stream is named by its component. */
export function buildWorld(scenario: Scenario, seed: number, maxStoredMessages: number): World {
  const events = new EventQueue();
  const q = scenario.queue;
  const apiLatencyUs = secondsToUs(q.apiLatency);
  // The SLO counts waits above its limit exactly (every first receive passes through this histogram).
  const latency: RunLatency = {
    sendDelay: new LogHistogram(),
    queueWait: new LogHistogram(scenario.slo?.maxQueueWait ?? Infinity),
    endToEnd: new LogHistogram(),
  };
  const sendDelay = new RepeatRecorder(latency.sendDelay);
  const builtQueue = buildQueue(scenario, seed, events, { queueWait: latency.queueWait, endToEnd: latency.endToEnd, sendDelay }, maxStoredMessages);
  const queue: ConsumerQueue = builtQueue.queue;

  const c = scenario.consumers;
  const pool = new WorkerPool(
    {
      batchSize: c.batchSize,
      // The request's WaitTimeSeconds overrides the queue attribute (aws-behaviour 1.8).
      waitUs: secondsToUs(c.waitTime ?? q.receiveWaitTime),
      apiLatencyUs,
      processingS: makeSampler(c.processing as DistributionSpec, randomStream(seed, "consumers/processing")),
      transientFailure: c.failures.transient,
      heartbeat: c.heartbeat ? { everyUs: secondsToUs(c.heartbeat.every), extendByUs: secondsToUs(c.heartbeat.extendBy) } : null,
      // A FIFO consumer keeps its groups in order: it stops a group's batch at the first failure (aws-behaviour 8.12).
      stopGroupAtFailure: q.type === "fifo",
      retryRandom: randomStream(seed, "consumers/throttle-retries"),
    },
    queue,
    events,
    { receive: EventKind.WorkerReceive, finish: EventKind.WorkerFinish, heartbeat: EventKind.WorkerHeartbeat },
    randomStream(seed, "consumers/failures"),
  );
  const orderChecker = q.type === "fifo" || scenario.producers.some((p) => p.messageGroups !== undefined) ? new OrderChecker() : null;
  if (orderChecker !== null) watchOrder(builtQueue, orderChecker);
  const activities = new ActivityLog(scenario.limits.maxActivities);
  const { group, autoscaler } = buildFleet(scenario, seed, pool, events, activities, queue);
  group.start(0);
  autoscaler?.start();

  const producers = buildProducers(scenario, seed, builtQueue, events, orderChecker);
  return { events, queue, builtQueue, pool, producers: producers.plain, groupedProducers: producers.grouped, orderChecker, group, autoscaler, latency, sendDelayRecorder: sendDelay, activities };
}

/** Feeds the order checker: deliveries as the consumers receive them, and messages leaving the queue. */
function watchOrder(built: BuiltQueue, checker: OrderChecker): void {
  const queue = built.queue;
  queue.setDeliveryObserver({ onDelivered: (count) => checker.onDelivered(queue.deliveredSlots, queue.deliveredSerials, count) });
  if (built.kind === "fifo") {
    const q = built.queue;
    q.setEndListener({ onMessageEnded: (slot, reason) => checker.onEnded(slot, q.store.serial[slot]!, reason === "deleted") });
  } else {
    built.queue.setEndListener({ onMessageEnded: (slot, serial, reason) => checker.onEnded(slot, serial, reason === "deleted") });
  }
}

import { type RunLatency } from "./censor-remaining.js";
import { RepeatRecorder } from "../metrics/repeat-recorder.js";
import { type Consumer } from "../consumers/consumer.js";
import { WorkerPool } from "../consumers/worker-pool.js";
import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { type EventQueue } from "../engine/event-queue.js";
import { Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { ActivityLog } from "../metrics/activity-log.js";
import { LogHistogram } from "../metrics/log-histogram.js";
import { buildFleet } from "./build-fleet.js";
import { type Capacity } from "../scaling/capacity.js";
import { type Scaler } from "../scaling/scaler.js";
import { type PoolResource, resourceNamed, scenarioResources } from "../scenario/resources.js";
import { type QueueConfig, type Scenario } from "../scenario/schema.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { type GroupedProducer } from "../traffic/grouped-producer.js";
import { type Producer } from "../traffic/producer.js";
import { buildProducers } from "./build-producers.js";
import { buildQueue, type BuiltQueue } from "./build-queue.js";
import { OrderChecker } from "./order-checker.js";

/** A queue of the run, by name. */
export interface RunQueue {
  name: string;
  config: QueueConfig;
  queue: ConsumerQueue;
  /** The same queue, by type: FIFO-only figures (deduplication, throttling, groups) come from here. */
  built: BuiltQueue;
  /** Present when its producers send message groups (always for FIFO): counts per-group order violations. */
  orderChecker: OrderChecker | null;
  /** Its latencies: send delay, queue wait, end to end (the SLO counts over queueWait). */
  latency: RunLatency;
  /** What the queue records send delays through; flushed into latency.sendDelay at the end of the run. */
  sendDelayRecorder: RepeatRecorder;
  /** The producers that send to it (filled as they are built). */
  producers: Producer[];
  groupedProducers: GroupedProducer[];
}

/** A consumer pool of the run: the consumer, the queue it reads, the capacity that runs it and its scalers. */
export interface RunPool {
  name: string;
  queue: RunQueue;
  consumer: Consumer;
  capacity: Capacity;
  scalers: Scaler[];
  /** The pool's settings in the scenario. */
  resource: PoolResource;
}

export interface World {
  kernel: Kernel;
  events: EventQueue;
  queues: RunQueue[];
  pools: RunPool[];
  producers: Producer[];
  groupedProducers: GroupedProducer[];
  activities: ActivityLog;
}

/**
 * Builds the scenario's resources by name (scenarioResources): its queues, its pools (consumer, capacity, scalers)
 * and its producers, each registering its own event kinds with the kernel; every random stream is named by its
 * component. Nothing here knows how many of each there are.
 */
export function buildWorld(scenario: Scenario, seed: number, maxStoredMessages: number): World {
  const kernel = new Kernel();
  const events = kernel.events;
  const resources = scenarioResources(scenario);
  const queues: RunQueue[] = resources.queues.map((r, index) => {
    // The SLO counts waits above its limit exactly (every first receive passes through this histogram).
    const latency: RunLatency = {
      sendDelay: new LogHistogram(),
      queueWait: new LogHistogram(scenario.slo?.maxQueueWait ?? Infinity),
      endToEnd: new LogHistogram(),
    };
    const sendDelayRecorder = new RepeatRecorder(latency.sendDelay);
    const recorders = { queueWait: latency.queueWait, endToEnd: latency.endToEnd, sendDelay: sendDelayRecorder };
    const built = buildQueue(r, index, seed, kernel, recorders, maxStoredMessages);
    const grouped = resources.producers.some((p) => p.queue === r.name && p.config.messageGroups !== undefined);
    const orderChecker = grouped || built.kind === "fifo" ? new OrderChecker() : null;
    if (orderChecker !== null) watchOrder(built, orderChecker);
    return { name: r.name, config: r.config, queue: built.queue, built, orderChecker, latency, sendDelayRecorder, producers: [], groupedProducers: [] };
  });
  const activities = new ActivityLog(scenario.limits.maxActivities);
  const pools = resources.pools.map((r) => buildPool(scenario, r, resourceNamed(queues, r.queue, "queue"), seed, kernel, activities));
  const producers = buildProducers(
    scenario,
    resources.producers,
    seed,
    (name) => resourceNamed(queues, name, "queue"),
    kernel,
    // Poison is a property of the messages, declared with the consumers that fail on them: the first pool reading
    // the queue says (a queue no pool reads has none).
    (name) => resources.pools.find((p) => p.queue === name)?.consumers.failures.poison ?? 0,
  );
  return { kernel, events, queues, pools, producers: producers.plain, groupedProducers: producers.grouped, activities };
}

/** A pool's consumer on its queue, its fleet and scalers, started. */
function buildPool(scenario: Scenario, resource: PoolResource, queue: RunQueue, seed: number, kernel: Kernel, activities: ActivityLog): RunPool {
  const c = resource.consumers;
  const q = queue.config;
  const pool = new WorkerPool(
    {
      name: resource.name,
      batchSize: c.batchSize,
      // The request's WaitTimeSeconds overrides the queue attribute (aws-behaviour 1.8).
      waitUs: secondsToUs(c.waitTime ?? q.receiveWaitTime),
      apiLatencyUs: secondsToUs(q.apiLatency),
      processingS: makeSampler(c.processing as DistributionSpec, randomStream(seed, `${resource.streams.consumers}/processing`)),
      transientFailure: c.failures.transient,
      heartbeat: c.heartbeat ? { everyUs: secondsToUs(c.heartbeat.every), extendByUs: secondsToUs(c.heartbeat.extendBy) } : null,
      // A FIFO consumer keeps its groups in order: it stops a group's batch at the first failure (aws-behaviour 8.12).
      stopGroupAtFailure: q.type === "fifo",
      retryRandom: randomStream(seed, `${resource.streams.consumers}/throttle-retries`),
    },
    queue.queue,
    kernel.events,
    kernel,
    randomStream(seed, `${resource.streams.consumers}/failures`),
  );
  const { capacity, scalers } = buildFleet(scenario, resource, seed, pool, kernel, activities, queue.queue);
  capacity.start(0);
  for (const scaler of scalers) scaler.start();
  return { name: resource.name, queue, consumer: pool, capacity, scalers, resource };
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

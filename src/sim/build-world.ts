import { type RunLatency } from "./censor-remaining.js";
import { RepeatRecorder } from "../metrics/repeat-recorder.js";
import { WorkerPool } from "../consumers/worker-pool.js";
import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { type EventQueue } from "../engine/event-queue.js";
import { Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { ActivityLog } from "../metrics/activity-log.js";
import { type CapacityActivityListener } from "../scaling/capacity.js";
import { buildLambdaPool } from "./build-lambda.js";
import { buildKubernetesPool } from "./build-kubernetes.js";
import { LogHistogram } from "../metrics/log-histogram.js";
import { buildFleet } from "./build-fleet.js";
import { type PoolResource, resourceNamed, resourcesOf, type RunSettings } from "../scenario/resources.js";
import { type Scenario } from "../scenario/schema.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { type GroupedProducer } from "../traffic/grouped-producer.js";
import { type Producer } from "../traffic/producer.js";
import { buildProducers, queueDestination } from "./build-producers.js";
import { type RunPool, type RunQueue } from "./run-parts.js";
import { type PoolStage, type RunTopic, wireArchitecture } from "./build-architecture.js";
import { type PathTable } from "./paths.js";
import { buildQueue, type BuiltQueue } from "./build-queue.js";
import { OrderChecker } from "./order-checker.js";

export type { RunPool, RunQueue } from "./run-parts.js";

export interface World {
  kernel: Kernel;
  events: EventQueue;
  queues: RunQueue[];
  pools: RunPool[];
  /** The architecture format's: its topics, the paths messages took, each pool's stage (same order as pools). */
  topics: RunTopic[];
  paths: PathTable | null;
  stages: PoolStage[];
  producers: Producer[];
  groupedProducers: GroupedProducer[];
  /** Every producer, in the scenario's order. */
  producersInOrder: (Producer | GroupedProducer)[];
  activities: ActivityLog;
}

/**
 * Builds the scenario's resources by name (scenarioResources): its queues, its pools (consumer, capacity, scalers)
 * and its producers, each registering its own event kinds with the kernel; every random stream is named by its
 * component. Nothing here knows how many of each there are.
 */
export function buildWorld(scenario: Scenario | Architecture, seed: number, maxStoredMessages: number): World {
  const kernel = new Kernel();
  const events = kernel.events;
  const resources = resourcesOf(scenario);
  const architecture = "queues" in scenario;
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
    return {
      name: r.name,
      config: r.config,
      resource: r,
      queue: built.queue,
      built,
      orderChecker,
      latency,
      sendDelayRecorder,
      producers: [],
      groupedProducers: [],
    };
  });
  const activities = new ActivityLog(scenario.limits.maxActivities);
  const wiring = architecture ? wireArchitecture(resources, queues, seed, kernel) : null;
  // Several pools' alarms and policies share names (TargetTracking-1): each pool's are named under it and the queue
  // its alarms watch (`billing-workers[billing]/TargetTracking-1-AlarmHigh`).
  const pools = resources.pools.map((r) =>
    buildPool(scenario, r, resourceNamed(queues, r.queue, "queue"), seed, kernel, architecture ? activities.under(`${r.name}[${r.queue}]`) : activities),
  );
  const stages = wiring === null ? [] : wiring.attachPools(pools);
  // Poison is a property of the messages, declared with the consumers that fail on them: the first pool reading
  // the queue says (a queue no pool reads has none).
  const poisonShareOf = (name: string) => resources.pools.find((p) => p.queue === name)?.consumers.failures.poison ?? 0;
  const producers = buildProducers(
    scenario,
    resources.producers,
    seed,
    wiring?.destinationOf ?? ((r) => queueDestination(r.config, resourceNamed(queues, r.queue!, "queue"), poisonShareOf(r.queue!))),
    kernel,
  );
  return {
    kernel,
    events,
    queues,
    pools,
    topics: wiring?.topics ?? [],
    paths: wiring?.paths ?? null,
    stages,
    producers: producers.plain,
    groupedProducers: producers.grouped,
    producersInOrder: producers.inOrder,
    activities,
  };
}

/** A pool's consumer on its queue, its fleet and scalers, started. */
function buildPool(scenario: RunSettings, resource: PoolResource, queue: RunQueue, seed: number, kernel: Kernel, activities: ActivityLog): RunPool {
  const c = resource.consumers;
  const q = queue.config;
  if (c.platform === "lambda") {
    const built = buildLambdaPool(resource, queue, seed, kernel);
    built.capacity.setActivityListener(directionChanges(activities));
    built.capacity.start(0);
    built.scaler.start();
    return { name: resource.name, queue, consumer: built.consumer, capacity: built.capacity, scalers: [built.scaler], resource, lambda: built };
  }
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
  if (c.platform === "kubernetes") {
    const built = buildKubernetesPool(resource, pool, queue.queue, seed, kernel);
    built.capacity.setActivityListener(activityListenerOf(activities));
    built.capacity.start(0);
    built.scaler.start();
    return { name: resource.name, queue, consumer: pool, capacity: built.capacity, scalers: [built.scaler], resource, kubernetes: built };
  }
  const { capacity, scalers } = buildFleet(scenario, resource, seed, pool, kernel, activities, queue.queue);
  capacity.start(0);
  for (const scaler of scalers) scaler.start();
  return { name: resource.name, queue, consumer: pool, capacity, scalers, resource };
}

/**
 * A Lambda mapping's steps in the activity log: it moves every 10 s while it scales, so only the step that starts a
 * run of growth or of decline is logged (the series hold every step); a day of steps would fill the log.
 */
function directionChanges(activities: ActivityLog): CapacityActivityListener {
  let direction = 0;
  return {
    desiredChanged(nowUs, before, after, source, reason) {
      if (source === "start") {
        activities.add(nowUs, "scaling", source, before, after, reason);
        return;
      }
      const d = Math.sign(after - before);
      if (d === direction) return;
      direction = d;
      activities.add(nowUs, "scaling", source, before, after, reason);
    },
    settled() {},
  };
}

/** Every change of a Kubernetes pool's replicas in the activity log (the HPA moves at most every 15 s). */
function activityListenerOf(activities: ActivityLog): CapacityActivityListener {
  return {
    desiredChanged(nowUs, before, after, source, reason) {
      activities.add(nowUs, "scaling", source, before, after, reason);
    },
    settled() {},
  };
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

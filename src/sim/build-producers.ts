import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { type QueueConfig, type Scenario } from "../scenario/schema.js";
import { type ProducerResource } from "../scenario/resources.js";
import { contentDeduplicationId } from "../traffic/deduplication-id.js";
import { GroupedProducer, type GroupedSendTarget, SendOutcome } from "../traffic/grouped-producer.js";
import { groupPicker } from "../traffic/message-groups.js";
import { Producer } from "../traffic/producer.js";
import { buildRate } from "../traffic/rate.js";
import { type BuiltQueue } from "./build-queue.js";
import { type OrderChecker } from "./order-checker.js";

export interface BuiltProducers {
  /** The fast path: standard queues without message groups or duplicate sends. */
  plain: Producer[];
  grouped: GroupedProducer[];
}

/** Whether a producer needs groups, deduplication ids or throttling (FIFO), rather than the plain producer. */
function isGrouped(queue: QueueConfig, p: Scenario["producers"][number]): boolean {
  return queue.type === "fifo" || p.messageGroups !== undefined || p.duplicateSends > 0;
}

/**
 * A queue a producer sends to: its scenario settings, the queue built from them, its order checker, and the lists of
 * the producers that send to it (each producer built here is added to its queue's).
 */
export interface ProducerTarget {
  config: QueueConfig;
  built: BuiltQueue;
  orderChecker: OrderChecker | null;
  producers: Producer[];
  groupedProducers: GroupedProducer[];
}

/** The send side of the queue for grouped producers, telling the order checker of every accepted message. */
function sendTarget(built: BuiltQueue, delayUs: number, checker: OrderChecker | null): GroupedSendTarget {
  if (built.kind === "fifo") {
    const q = built.queue;
    return {
      requests: q.requests,
      trySendCall: (group, nowUs) => q.tryCall("send", group, nowUs),
      send(nowUs, size, flags, group, id, sendDelayUs) {
        const outcome = q.send(nowUs, size, flags, group, id, sendDelayUs);
        if (outcome === SendOutcome.Accepted && checker !== null) checker.onSent(q.lastSentSlot, q.store.serial[q.lastSentSlot]!, group);
        return outcome;
      },
    };
  }
  const q = built.queue;
  return {
    requests: q.requests,
    // Standard queues have no per-action quota of this kind (nearly unlimited throughput, aws-behaviour §2).
    trySendCall: () => true,
    // A standard queue ignores groups and deduplication ids: a duplicate send is simply another message.
    send(nowUs, size, flags, group, _id, sendDelayUs) {
      if (!q.send(nowUs, size, delayUs, flags, sendDelayUs)) return SendOutcome.Rejected;
      if (checker !== null) checker.onSent(q.lastSentSlot, q.store.serial[q.lastSentSlot]!, group);
      return SendOutcome.Accepted;
    },
  };
}

/**
 * The scenario's producers, each sending to the queue its resource names; their event kinds are registered with the
 * kernel (one kind per producer type, the producer's index as the target). `poisonShareOf(queue)` is the share of
 * poison messages that the consumers of that queue declare (consumers.failures.poison), which the producers mark as
 * they make them.
 */
export function buildProducers(
  scenario: Scenario,
  resources: readonly ProducerResource[],
  seed: number,
  targetOf: (queueName: string) => ProducerTarget,
  kernel: Kernel,
  poisonShareOf: (queueName: string) => number,
): BuiltProducers {
  const events = kernel.events;
  const plain: Producer[] = [];
  const grouped: GroupedProducer[] = [];
  const plainKinds = {
    arrival: kernel.register("producer arrival", (t, _a, now) => plain[t]!.onArrival(now)),
    flush: kernel.register("producer batch window", (t, arg, now) => plain[t]!.onFlushTimer(arg, now)),
  };
  const groupedKinds = {
    arrival: kernel.register("grouped producer arrival", (t, _a, now) => grouped[t]!.onArrival(now)),
    retry: kernel.register("grouped producer retry", (t, arg, now) => grouped[t]!.onRetry(arg, now)),
    resend: kernel.register("grouped producer duplicate send", (t, _a, now) => grouped[t]!.onResend(now)),
  };
  for (const { config: p, queue } of resources) {
    const target = targetOf(queue);
    const { config: q, built, orderChecker: checker } = target;
    const apiLatencyUs = secondsToUs(q.apiLatency);
    const stream = (part: string) => randomStream(seed, `producers/${p.name}/${part}`);
    const common = {
      rate: buildRate(p.traffic),
      poisson: p.arrivals === "poisson",
      batchSize: p.batchSize,
      batchWindowUs: secondsToUs(p.batchWindow),
      sizeBytes: makeSampler(p.messageSize as DistributionSpec, stream("sizes")),
      horizonS: scenario.duration,
      apiLatencyUs,
      poisonProbability: poisonShareOf(queue),
    };
    // A message timer overrides the queue delay (aws-behaviour 1.6); FIFO queues allow only the queue's (3.9).
    const delayUs = secondsToUs(p.delay ?? q.delay);
    if (!isGrouped(q, p) && built.kind === "standard") {
      const producer = new Producer({ ...common, delayUs }, built.queue, events, plainKinds, plain.length, stream("arrivals"), stream("poison"));
      producer.start();
      plain.push(producer);
      target.producers.push(producer);
      continue;
    }
    const groups = p.messageGroups ?? { count: 1, distribution: "uniform" as const };
    const producer = new GroupedProducer(
      {
        ...common,
        name: p.name,
        pickGroup: groupPicker(groups.count, groups.distribution, stream("groups")),
        // Content-based: derived from the body (aws-behaviour 3.7; see contentDeduplicationId); otherwise the producer
        // sets an explicit id, here the body itself (a unique message number). A duplicate send repeats the body, so
        // either way it repeats.
        deduplicationId: q.contentBasedDeduplication ? contentDeduplicationId : (body) => body,
        duplicateSends: p.duplicateSends,
        duplicateSendDelayUs: secondsToUs(p.duplicateSendDelay),
      },
      sendTarget(built, delayUs, checker),
      events,
      groupedKinds,
      grouped.length,
      { arrivals: stream("arrivals"), poison: stream("poison"), retries: stream("retries"), duplicates: stream("duplicate-sends") },
    );
    producer.start();
    grouped.push(producer);
    target.groupedProducers.push(producer);
  }
  return { plain, grouped };
}

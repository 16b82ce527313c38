import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { type ProducerConfig, type QueueConfig } from "../scenario/schema.js";
import { type ProducerResource, type RunSettings } from "../scenario/resources.js";
import { MAX_BATCH_PAYLOAD_BYTES } from "../sqs/limits.js";
import { contentDeduplicationId } from "../traffic/deduplication-id.js";
import { GroupedProducer, type GroupedSendTarget, SendOutcome } from "../traffic/grouped-producer.js";
import { groupPicker } from "../traffic/message-groups.js";
import { type PlainSendTarget, Producer } from "../traffic/producer.js";
import { buildRate } from "../traffic/rate.js";
import { type BuiltQueue } from "./build-queue.js";
import { type OrderChecker } from "./order-checker.js";

export interface BuiltProducers {
  /** The fast path: standard queues without message groups or duplicate sends. */
  plain: Producer[];
  grouped: GroupedProducer[];
  /** Every producer, in the order of the resources they were built from. */
  inOrder: (Producer | GroupedProducer)[];
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

/** Where one producer's messages go, and the settings of that service its calls follow. */
export interface ProducerDestination {
  apiLatencyUs: number;
  /** The message timer, or the queue's delay (aws-behaviour 1.5-1.6); 0 for a topic (Publish has none, 13.15). */
  delayUs: number;
  /** The share of its messages it marks as poison (none when the queues it reaches decide it themselves). */
  poisonProbability: number;
  /** SendMessageBatch 1 MiB (1.12) or PublishBatch 256 KiB (13.3). */
  batchPayloadLimitBytes: number;
  /** A FIFO queue or topic: every message carries a group and a deduplication id. */
  fifo: boolean;
  contentBasedDeduplication: boolean;
  /** The plain producer's target, when the destination can take one (a standard queue or topic); else null. */
  plain: PlainSendTarget | null;
  grouped: () => GroupedSendTarget;
  /** The lists the producer is added to once built (its queue's, for the queue's figures). */
  producers: Producer[];
  groupedProducers: GroupedProducer[];
}

/** The send side of the queue for grouped producers, telling the order checker of every accepted message. */
export function sendTarget(built: BuiltQueue, delayUs: number, checker: OrderChecker | null): GroupedSendTarget {
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
 * The single-queue format's destination of a producer: the queue, with its delay and the poison share its consumers
 * declare (consumers.failures.poison), which the producer marks as it makes messages.
 */
export function queueDestination(p: ProducerConfig, target: ProducerTarget, poisonProbability: number): ProducerDestination {
  const { config: q, built, orderChecker: checker } = target;
  // A message timer overrides the queue delay (aws-behaviour 1.6); FIFO queues allow only the queue's (3.9).
  const delayUs = secondsToUs(p.delay ?? q.delay);
  return {
    apiLatencyUs: secondsToUs(q.apiLatency),
    delayUs,
    poisonProbability,
    batchPayloadLimitBytes: MAX_BATCH_PAYLOAD_BYTES,
    fifo: q.type === "fifo",
    contentBasedDeduplication: q.contentBasedDeduplication,
    plain: built.kind === "standard" ? built.queue : null,
    grouped: () => sendTarget(built, delayUs, checker),
    producers: target.producers,
    groupedProducers: target.groupedProducers,
  };
}

/**
 * The scenario's producers, each sending where `destinationOf` says; their event kinds are registered with the
 * kernel (one kind per producer type, the producer's index as the target).
 */
export function buildProducers(
  settings: Pick<RunSettings, "duration">,
  resources: readonly ProducerResource[],
  seed: number,
  destinationOf: (resource: ProducerResource) => ProducerDestination,
  kernel: Kernel,
): BuiltProducers {
  const events = kernel.events;
  const plain: Producer[] = [];
  const grouped: GroupedProducer[] = [];
  const inOrder: (Producer | GroupedProducer)[] = [];
  const plainKinds = {
    arrival: kernel.register("producer arrival", (t, _a, now) => plain[t]!.onArrival(now)),
    flush: kernel.register("producer batch window", (t, arg, now) => plain[t]!.onFlushTimer(arg, now)),
  };
  const groupedKinds = {
    arrival: kernel.register("grouped producer arrival", (t, _a, now) => grouped[t]!.onArrival(now)),
    retry: kernel.register("grouped producer retry", (t, arg, now) => grouped[t]!.onRetry(arg, now)),
    resend: kernel.register("grouped producer duplicate send", (t, _a, now) => grouped[t]!.onResend(now)),
  };
  for (const resource of resources) {
    const p = resource.config;
    const to = destinationOf(resource);
    const stream = (part: string) => randomStream(seed, `producers/${p.name}/${part}`);
    const common = {
      rate: buildRate(p.traffic),
      poisson: p.arrivals === "poisson",
      batchSize: p.batchSize,
      batchWindowUs: secondsToUs(p.batchWindow),
      sizeBytes: makeSampler(p.messageSize as DistributionSpec, stream("sizes")),
      horizonS: settings.duration,
      apiLatencyUs: to.apiLatencyUs,
      poisonProbability: to.poisonProbability,
      batchPayloadLimitBytes: to.batchPayloadLimitBytes,
    };
    // Groups, deduplication ids or throttling (FIFO, or groups and retries on a standard queue) need the grouped producer.
    const needsGroups = to.fifo || p.messageGroups !== undefined || p.duplicateSends > 0;
    if (!needsGroups && to.plain !== null) {
      const producer = new Producer({ ...common, delayUs: to.delayUs }, to.plain, events, plainKinds, plain.length, stream("arrivals"), stream("poison"));
      producer.start();
      plain.push(producer);
      inOrder.push(producer);
      to.producers.push(producer);
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
        deduplicationId: to.contentBasedDeduplication ? contentDeduplicationId : (body) => body,
        duplicateSends: p.duplicateSends,
        duplicateSendDelayUs: secondsToUs(p.duplicateSendDelay),
      },
      to.grouped(),
      events,
      groupedKinds,
      grouped.length,
      { arrivals: stream("arrivals"), poison: stream("poison"), retries: stream("retries"), duplicates: stream("duplicate-sends") },
    );
    producer.start();
    grouped.push(producer);
    inOrder.push(producer);
    to.groupedProducers.push(producer);
  }
  return { plain, grouped, inOrder };
}

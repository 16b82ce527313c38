// Wiring the architecture format's parts between the queues and pools build-world makes: SNS topics and their
// subscriptions, where each producer sends or publishes, and each pool's successes (the end-to-end latency of the
// path a message took, and the messages its `emit` rules send on). Every message carries its path (PathTable), and
// every queue it reaches keeps when its chain's first message was produced, so a downstream queue's end to end, and
// each path's, runs from the first production.
import { makeSampler, type DistributionSpec, type Sampler } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { Phase } from "../engine/phases.js";
import { chance, randomStream, type Uniform } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { grown } from "../engine/typed-arrays.js";
import { type SuccessListener } from "../consumers/consumer.js";
import { type EmitConfig } from "../scenario/architecture-schema.js";
import { type ProducerResource, resourceNamed, type ScenarioResources, type TopicResource } from "../scenario/resources.js";
import { deliveredMessageBytes } from "../sns/envelope.js";
import { compileFilterPolicy } from "../sns/filter-policy.js";
import { type SubscriptionTarget, Topic, type TopicSubscription } from "../sns/topic.js";
import { FIFO_DEDUP_INTERVAL_US } from "../sqs/fifo-limits.js";
import { FifoSendOutcome } from "../sqs/fifo-queue.js";
import { MAX_BATCH_PAYLOAD_BYTES } from "../sqs/limits.js";
import { MessageFlag } from "../sqs/message-store.js";
import { RequestCounters } from "../sqs/request-counters.js";
import { AttributeSampler } from "../traffic/attribute-sampler.js";
import { SendOutcome } from "../traffic/grouped-producer.js";
import { AttributeSets, type MessageAttributes } from "./attribute-sets.js";
import { type ProducerDestination, sendTarget } from "./build-producers.js";
import { type RunPool, type RunQueue } from "./run-parts.js";
import { type LogHistogram } from "../metrics/log-histogram.js";
import { PathTable, ROOT_PATH, SlotTags } from "./paths.js";
import { stageNames } from "./path-names.js";

/** PublishBatch carries at most 256 KiB in all (aws-behaviour 13.3). */
const PUBLISH_BATCH_PAYLOAD_BYTES = 262_144;

/** A topic of the run. */
export interface RunTopic {
  name: string;
  resource: TopicResource;
  topic: Topic<MessageAttributes>;
  /** The queues subscribed, in the order of the topic's subscriptions (and of topic.counts). */
  queues: string[];
}

/** A queue's door for messages that do not come from its producers: SNS deliveries and pipelines' sends. */
class QueueInlet implements SubscriptionTarget {
  readonly tags = new SlotTags();
  private readonly delayUs: number;
  // The last path extended and its extension: a queue's messages mostly come one way (a Map lookup saved each).
  private lastPath = -1;
  private lastTag = -1;

  constructor(
    private readonly queue: RunQueue,
    private readonly paths: PathTable,
    private readonly node: number,
    /** The share of arriving messages that are poison to the queue's consumers (its first pool's failures.poison). */
    private readonly poisonShare: number,
    private readonly poisonRandom: Uniform,
  ) {
    this.delayUs = secondsToUs(queue.config.delay);
    this.topicDelayUs = queue.resource.sns.delayDeliveries ? this.delayUs : 0;
    this.billTopicDeliveries = queue.resource.sns.billDeliveries;
  }

  /** The delay an SNS delivery waits out (13.15), and whether it is billed to the queue as a SendMessage (13.7). */
  private readonly topicDelayUs: number;
  private readonly billTopicDeliveries: boolean;

  /**
   * A message reaching the queue at nowUs: false when refused. `sendDelayUs` is its own trip (the queue's send delay),
   * `path` the path it took so far, `originUs` when its chain's first message was produced.
   */
  arrive(
    nowUs: number,
    size: number,
    group: number,
    deduplicationId: string,
    sendDelayUs: number,
    path: number,
    originUs: number,
    fromTopic: boolean,
  ): boolean {
    const flags = chance(this.poisonRandom, this.poisonShare) ? MessageFlag.Poison : 0;
    const built = this.queue.built;
    let slot: number;
    if (built.kind === "standard") {
      const q = built.queue;
      if (fromTopic && this.billTopicDeliveries) {
        q.requests.send++;
        q.requests.bill(size);
      }
      if (!q.send(nowUs, size, fromTopic ? this.topicDelayUs : this.delayUs, flags, sendDelayUs, fromTopic)) return false;
      slot = q.lastSentSlot;
    } else {
      const q = built.queue;
      if (fromTopic && this.billTopicDeliveries) {
        q.requests.send++;
        q.requests.bill(size);
      }
      const outcome = q.send(nowUs, size, flags, group, deduplicationId, sendDelayUs, fromTopic);
      if (outcome === FifoSendOutcome.Rejected) return false;
      // SQS answers success and stores nothing (aws-behaviour 3.6).
      if (outcome === FifoSendOutcome.Deduplicated) return true;
      slot = q.lastSentSlot;
      this.queue.orderChecker?.onSent(slot, q.store.serial[slot]!, group);
    }
    this.tagSent(slot, path);
    // Its age runs from the chain's first production (the queue recorded its own send delay already).
    this.queue.queue.store.sendDelayUs[slot] = nowUs - originUs;
    return true;
  }

  /** An SNS delivery (SubscriptionTarget): a standard queue ignores the group, and only FIFO topics deliver to FIFO queues. */
  deliver(nowUs: number, size: number, _flags: number, group: number, deduplicationId: string, sendDelayUs: number, path: number, originUs: number): boolean {
    return this.arrive(nowUs, size, group, deduplicationId, sendDelayUs, path, originUs, true);
  }

  /** A message the queue just stored, reached by `path` (this queue is added to it). */
  tagSent(slot: number, path: number): void {
    if (path !== this.lastPath) {
      this.lastPath = path;
      this.lastTag = this.paths.child(path, this.node);
    }
    this.tags.set(slot, this.lastTag);
  }
}

/** A topic's subscription to a queue: its filter policy's verdict and the delivered size, cached per attribute set. */
function subscriptionOf(topic: TopicResource, index: number, inlet: QueueInlet, queueName: string): TopicSubscription<MessageAttributes> {
  const s = topic.config.subscriptions[index]!;
  const fifo = topic.config.type === "fifo";
  const compiled = s.filterPolicy === undefined ? null : compileFilterPolicy(s.filterPolicy);
  if (compiled !== null && !compiled.ok) throw new RangeError(`topics.${topic.name}: a filter policy validation accepted does not compile`);
  const policy = compiled === null ? null : compiled.matches;
  // 0: not known yet, 1: no, 2: yes.
  let verdicts = new Uint8Array(16);
  let overheads = new Float64Array(16).fill(-1);
  return {
    queue: queueName,
    target: inlet,
    matches:
      policy === null
        ? null
        : (a) => {
            if (a.id >= verdicts.length) verdicts = grown(verdicts, Math.max(a.id + 1, verdicts.length * 2));
            let v = verdicts[a.id]!;
            if (v === 0) {
              v = policy(a.lookup) ? 2 : 1;
              verdicts[a.id] = v;
            }
            return v === 2;
          },
    // The published bytes are the body and its attributes (13.3): raw delivery carries both as they are (13.14);
    // the envelope holds the body and writes the attributes its own way (13.13).
    deliveredBytes: (publishedBytes, a) => {
      if (s.rawMessageDelivery) return publishedBytes;
      if (a.id >= overheads.length) {
        const before = overheads.length;
        overheads = grown(overheads, Math.max(a.id + 1, before * 2));
        overheads.fill(-1, before);
      }
      let overhead = overheads[a.id]!;
      if (overhead < 0) {
        overhead = deliveredMessageBytes(0, false, { topicName: topic.name, fifo, attributes: a.named });
        overheads[a.id] = overhead;
      }
      return publishedBytes - a.bytes + overhead;
    },
  };
}

/** Counts a topic publisher's calls, and bills them to the topic in 64 KiB chunks (13.6). */
class PublishRequests extends RequestCounters {
  constructor(private readonly topic: Topic<MessageAttributes>) {
    super();
  }

  override bill(payloadBytes: number): void {
    super.bill(payloadBytes);
    this.topic.billPublishCall(payloadBytes);
  }
}

/** A pending emitted message (sent after the delete's response), held in typed arrays by slot. */
class PendingSends {
  rule = new Int32Array(16);
  size = new Float64Array(16);
  path = new Int32Array(16);
  originUs = new Float64Array(16);
  private readonly free: number[] = [];
  private used = 0;

  take(): number {
    const slot = this.free.pop();
    if (slot !== undefined) return slot;
    if (this.used === this.rule.length) {
      const cap = this.used * 2;
      this.rule = grown(this.rule, cap);
      this.size = grown(this.size, cap);
      this.path = grown(this.path, cap);
      this.originUs = grown(this.originUs, cap);
    }
    return this.used++;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  get pending(): number {
    return this.used - this.free.length;
  }
}

/** One emit rule of a pool, resolved. */
interface EmitRule {
  config: EmitConfig;
  /** Half the round trip of its destination's calls (the queue's or the topic's apiLatency). */
  halfLatencyUs: number;
  size: Sampler;
  attributes: (() => MessageAttributes) | null;
  queue: { run: RunQueue; inlet: QueueInlet } | null;
  topic: { run: RunTopic; node: number } | null;
}

/**
 * A pool's successes in an architecture: each one ends its message's path at this pool (its end-to-end latency
 * recorded when the delete removed it), and sends what the pool's emit rules say. Emitted messages are separate
 * SendMessage (or Publish) calls, one per message: sent as processing ends (reaching SQS with the delete) or after
 * the delete's response (a round trip later).
 */
export class PoolStage implements SuccessListener {
  /** Messages emitted (sent or published), and those refused by their destination. */
  emitted = 0;
  refused = 0;
  /** Per rule, the messages it emitted (sent or published, refused ones included). */
  readonly emittedByRule: number[];
  private readonly pending = new PendingSends();
  private readonly kind: number;
  // The last message's tag, its path through this pool and that path's histogram (most messages come one way).
  private lastTag = -1;
  private lastPath = -1;
  private lastLatency: LogHistogram | null = null;
  private readonly halfLatencyUs: number;

  constructor(
    pool: RunPool,
    private readonly source: { queue: RunQueue; tags: SlotTags },
    private readonly paths: PathTable,
    private readonly node: number,
    private readonly rules: readonly EmitRule[],
    private readonly random: Uniform,
    private readonly kernel: Kernel,
  ) {
    this.halfLatencyUs = Math.round(secondsToUs(source.queue.config.apiLatency) / 2);
    this.emittedByRule = rules.map(() => 0);
    this.kind = kernel.register(`emit (${pool.name})`, (slot, _a, now) => this.onPending(slot, now));
  }

  /** The path a message of the queue it reads ends if this pool deletes it. */
  pathAt(slot: number): number {
    const tag = this.source.tags.get(slot);
    if (tag !== this.lastTag) {
      this.lastTag = tag;
      this.lastPath = this.paths.child(tag, this.node);
      this.lastLatency = this.paths.latency(this.lastPath);
    }
    return this.lastPath;
  }

  /** Emitted messages on their way (sent after a delete's response, not yet arrived). */
  get inTransit(): number {
    return this.pending.pending;
  }

  onSucceeded(slot: number, nowUs: number, deleted: boolean, firstOfBatch: boolean): void {
    const store = this.source.queue.queue.store;
    const originUs = store.sentUs[slot]! - store.sendDelayUs[slot]!;
    const path = this.pathAt(slot);
    if (deleted) this.lastLatency!.record((nowUs - originUs) / 1e6);
    for (let r = 0; r < this.rules.length; r++) {
      const rule = this.rules[r]!;
      if (rule.config.per === "batch" && !firstOfBatch) continue;
      if (!chance(this.random, rule.config.share)) continue;
      for (let k = 0; k < rule.config.count; k++) {
        const size = Math.max(1, Math.round(rule.size()));
        // The delete reaches SQS now, half a round trip after processing ended. processingEnd: the send left then and
        // reaches its destination after half of the destination's round trip; delete: it leaves when the delete's
        // response is back (half a round trip from now).
        const leavesUs = rule.config.at === "processingEnd" ? nowUs - this.halfLatencyUs : nowUs + this.halfLatencyUs;
        const arrivesUs = Math.max(nowUs, leavesUs + rule.halfLatencyUs);
        if (arrivesUs === nowUs) this.send(r, nowUs, size, path, originUs);
        else {
          const p = this.pending.take();
          this.pending.rule[p] = r;
          this.pending.size[p] = size;
          this.pending.path[p] = path;
          this.pending.originUs[p] = originUs;
          this.kernel.events.push(arrivesUs, Phase.Send, this.kind, p);
        }
      }
    }
  }

  private onPending(p: number, nowUs: number): void {
    const pending = this.pending;
    this.send(pending.rule[p]!, nowUs, pending.size[p]!, pending.path[p]!, pending.originUs[p]!);
    pending.release(p);
  }

  /** One emitted message reaching its queue or topic at nowUs, after half its destination's round trip on its way. */
  private send(r: number, nowUs: number, size: number, path: number, originUs: number): void {
    const rule = this.rules[r]!;
    this.emitted++;
    this.emittedByRule[r]!++;
    if (rule.queue !== null) {
      const q = rule.queue.run.queue;
      q.requests.send++;
      q.requests.bill(size);
      if (!rule.queue.inlet.arrive(nowUs, size, -1, "", rule.halfLatencyUs, path, originUs, false)) this.refused++;
      return;
    }
    const t = rule.topic!;
    const a = rule.attributes?.() ?? ATTRIBUTE_SETS_NONE;
    const bytes = size + a.bytes;
    // A Publish refused for its size is an error, not a billed request (our reading).
    if (t.run.topic.publish(nowUs, bytes, a, 0, -1, "", nowUs - rule.halfLatencyUs, this.paths.child(path, t.node), originUs))
      t.run.topic.billPublishCall(bytes);
    else this.refused++;
  }
}

const ATTRIBUTE_SETS_NONE = new AttributeSets().none;

/** What build-world needs from the wiring: where each producer goes, and the topics and paths it made. */
export interface ArchitectureWiring {
  topics: RunTopic[];
  paths: PathTable;
  inlets: Map<string, QueueInlet>;
  destinationOf(resource: ProducerResource): ProducerDestination;
  /** Attaches the pools' stages (call once the pools are built). */
  attachPools(pools: readonly RunPool[]): PoolStage[];
}

/**
 * The topics, inlets and paths of an architecture, built between its queues (made) and its producers and pools (made
 * next). Nodes of the path table: producers, topics, queues, pools, in that order.
 */
export function wireArchitecture(resources: ScenarioResources, queues: readonly RunQueue[], seed: number, kernel: Kernel): ArchitectureWiring {
  // Names are unique per kind: one that two kinds share is told apart in path names by its kind (`orders(topic)`).
  const named = stageNames({ producer: resources.producers, topic: resources.topics, queue: resources.queues, pool: resources.pools });
  const nodes = [
    ...resources.producers.map((r) => named("producer", r.name)),
    ...resources.topics.map((r) => named("topic", r.name)),
    ...resources.queues.map((r) => named("queue", r.name)),
    ...resources.pools.map((r) => named("pool", r.name)),
  ];
  const topicNode = (i: number) => resources.producers.length + i;
  const queueNode = (i: number) => resources.producers.length + resources.topics.length + i;
  const poolNode = (i: number) => resources.producers.length + resources.topics.length + resources.queues.length + i;
  const paths = new PathTable(nodes);
  const attributeSets = new AttributeSets();
  const poisonShareOf = (queue: string) => resources.pools.find((p) => p.queue === queue)?.consumers.failures.poison ?? 0;
  const inlets = new Map<string, QueueInlet>();
  resources.queues.forEach((r, i) => {
    const run = resourceNamed(queues, r.name, "queue");
    inlets.set(r.name, new QueueInlet(run, paths, queueNode(i), poisonShareOf(r.name), randomStream(seed, `${r.streams}/poison`)));
  });
  const inletOf = (name: string) => inlets.get(name)!;

  const topics: RunTopic[] = resources.topics.map((t) => {
    const c = t.config;
    const subscriptions = c.subscriptions.map((s, i) => subscriptionOf(t, i, inletOf(s.queue), s.queue));
    const topic = new Topic<MessageAttributes>(
      {
        name: t.name,
        fifo: c.type === "fifo",
        maxMessageSizeBytes: c.maxMessageSize,
        deliveryLatencyS: makeSampler(c.deliveryLatency as DistributionSpec, randomStream(seed, `topics/${t.name}/delivery-latency`)),
        ...(c.type === "fifo"
          ? {
              deduplication: {
                intervalUs: FIFO_DEDUP_INTERVAL_US,
                scope: c.deduplicationScope === "messageGroup" ? ("messageGroup" as const) : ("topic" as const),
              },
            }
          : {}),
      },
      subscriptions,
      kernel,
    );
    return { name: t.name, resource: t, topic, queues: c.subscriptions.map((s) => s.queue) };
  });

  const destinationOf = (resource: ProducerResource): ProducerDestination => {
    const producerPath = paths.child(ROOT_PATH, resources.producers.indexOf(resource));
    if (resource.queue !== null) {
      const run = resourceNamed(queues, resource.queue, "queue");
      const inlet = inletOf(resource.queue);
      const q = run.config;
      const delayUs = secondsToUs(resource.config.delay ?? q.delay);
      const built = run.built;
      const grouped = () => {
        const inner = sendTarget(built, delayUs, run.orderChecker);
        return {
          requests: inner.requests,
          trySendCall: inner.trySendCall,
          send(nowUs: number, size: number, flags: number, group: number, id: string, sendDelayUs: number) {
            const outcome = inner.send(nowUs, size, flags, group, id, sendDelayUs);
            if (outcome === SendOutcome.Accepted) inlet.tagSent(built.queue.lastSentSlot, producerPath);
            return outcome;
          },
        };
      };
      return {
        apiLatencyUs: secondsToUs(q.apiLatency),
        delayUs,
        poisonProbability: poisonShareOf(resource.queue),
        batchPayloadLimitBytes: MAX_BATCH_PAYLOAD_BYTES,
        fifo: q.type === "fifo",
        contentBasedDeduplication: q.contentBasedDeduplication,
        plain:
          built.kind === "standard"
            ? {
                requests: built.queue.requests,
                send(nowUs, size, delay, flags, sendDelayUs) {
                  if (!built.queue.send(nowUs, size, delay, flags, sendDelayUs)) return false;
                  inlet.tagSent(built.queue.lastSentSlot, producerPath);
                  return true;
                },
              }
            : null,
        grouped,
        producers: run.producers,
        groupedProducers: run.groupedProducers,
      };
    }
    const ti = resources.topics.findIndex((t) => t.name === resource.topic);
    const run = topics[ti]!;
    const topic = run.topic;
    const fifo = run.resource.config.type === "fifo";
    const path = paths.child(producerPath, topicNode(ti));
    const draw =
      resource.attributes === undefined
        ? () => attributeSets.none
        : attributeSets.drawer(new AttributeSampler(resource.attributes, randomStream(seed, `producers/${resource.name}/attributes`)));
    const requests = new PublishRequests(topic);
    return {
      apiLatencyUs: secondsToUs(run.resource.config.apiLatency),
      delayUs: 0,
      // Each queue decides which of its deliveries are poison to its consumers (QueueInlet).
      poisonProbability: 0,
      batchPayloadLimitBytes: PUBLISH_BATCH_PAYLOAD_BYTES,
      fifo,
      contentBasedDeduplication: run.resource.config.contentBasedDeduplication,
      plain: fifo
        ? null
        : {
            requests,
            send(nowUs, size, _delay, _flags, sendDelayUs) {
              const a = draw();
              return topic.publish(nowUs, size + a.bytes, a, 0, -1, "", nowUs - sendDelayUs, path);
            },
          },
      grouped: () => ({
        requests,
        // SNS's own quotas (13.26-13.27) are not modelled: every publish call goes through.
        trySendCall: () => true,
        send(nowUs, size, _flags, group, id, sendDelayUs) {
          const a = draw();
          return topic.publish(nowUs, size + a.bytes, a, 0, fifo ? group : -1, id, nowUs - sendDelayUs, path) ? SendOutcome.Accepted : SendOutcome.Rejected;
        },
      }),
      // A topic's publishers count with no queue: they are the topic's (see its figures).
      producers: [],
      groupedProducers: [],
    };
  };

  const attachPools = (pools: readonly RunPool[]): PoolStage[] =>
    pools.map((pool, pi) => {
      const r = pool.resource;
      const stream = (part: string) => randomStream(seed, `${r.streams.consumers}/${part}`);
      const rules: EmitRule[] = r.emit.map((e, ei) => {
        const qi = e.send === undefined ? -1 : resources.queues.findIndex((q) => q.name === e.send);
        const ti = e.publish === undefined ? -1 : resources.topics.findIndex((t) => t.name === e.publish);
        const destination = qi >= 0 ? queues[qi]!.config.apiLatency : topics[ti]!.resource.config.apiLatency;
        return {
          config: e,
          halfLatencyUs: Math.round(secondsToUs(destination) / 2),
          size: makeSampler(e.messageSize as DistributionSpec, stream(`emit/${ei}/sizes`)),
          attributes: e.attributes === undefined ? null : attributeSets.drawer(new AttributeSampler(e.attributes, stream(`emit/${ei}/attributes`))),
          queue: qi < 0 ? null : { run: queues[qi]!, inlet: inletOf(e.send!) },
          topic: ti < 0 ? null : { run: topics[ti]!, node: topicNode(ti) },
        };
      });
      const stage = new PoolStage(pool, { queue: pool.queue, tags: inletOf(pool.queue.name).tags }, paths, poolNode(pi), rules, stream("emit"), kernel);
      pool.consumer.setSuccessListener(stage);
      return stage;
    });

  return { topics, paths, inlets, destinationOf, attachPools };
}

// Where each queue's messages come from in an architecture, as explain shows them: per producer the share of its
// messages that reaches the queue (sent to it, or published to a topic whose subscription's filter policy matches
// them), and per pool the messages its emit rules send there for each message it processes. The shares are those
// sim/architecture-flows.ts derives the pair scenarios from (matchedShare, architectureFlows), so the breakdown adds up
// to the rate the pair's closed forms take. Pure.
import { type Architecture, type ArchitectureProducer, type EmitConfig, type PoolConfig } from "../scenario/architecture-schema.js";
import { compileFilterPolicy } from "../sns/filter-policy.js";
import { type AttributeLookup } from "../sns/message-attributes.js";
import { architectureFlows, matchedShare } from "../sim/architecture-flows.js";
import { AttributeSampler } from "../traffic/attribute-sampler.js";
import { buildRate } from "../traffic/rate.js";

/** Messages a producer sends into one queue, directly or through a topic. */
export interface ProducerArrival {
  producer: string;
  /** The topic it publishes to; null when it sends to the queue. */
  topic: string | null;
  /** The share of its messages that reach the queue (1 without a filter policy). */
  share: number;
  /** The attribute names the subscription's filter policy reads; empty without a policy. */
  filterOn: string[];
  /** The producer's mean rate over the run, msg/s (∫λ(t)dt ÷ duration). */
  producerMeanRate: number;
  /** share × producerMeanRate. */
  meanRate: number;
}

/** Messages a pool's emit rules send into one queue. */
export interface EmittedArrival {
  pool: string;
  /** The queue the pool reads. */
  from: string;
  /** The topic its rule publishes to; null when it sends to the queue. */
  topic: string | null;
  /** Messages into this queue per message the pool processes (count × share, × the filter's share through a topic). */
  perMessage: number;
  /** A rule emits per batch: counted here as if per message, an upper bound (a batch holds up to batchSize). */
  perBatch: boolean;
  /** The most messages a rule makes at once (its count): they arrive together, a burst Poisson arrivals do not have. */
  burst: number;
  /** The mean rate into the queue the pool reads, msg/s. */
  fromMeanRate: number;
  /** perMessage × fromMeanRate: the pool is taken to process every message of its queue, at the rate they arrive. */
  meanRate: number;
  /** Other pools read the same queue: they share its messages, so this pool's part is a bound. */
  sharedWith: string[];
}

export interface QueueArrivals {
  queue: string;
  producers: ProducerArrival[];
  emitted: EmittedArrival[];
  /** The mean rate into the queue, msg/s: Σ over producers of flows × mean rate, as the pair scenarios carry it. */
  meanRate: number;
}

/** One subscription of a topic: the share of each publisher's messages its filter policy matches. */
export interface SubscriptionShares {
  queue: string;
  filterOn: string[];
  rawMessageDelivery: boolean;
  /** Per producer that publishes to the topic, and per pool emit rule that does (named by its pool). */
  shares: { from: string; share: number }[];
}

export interface TopicShares {
  topic: string;
  subscriptions: SubscriptionShares[];
  /** Per publisher, the share of its messages that no subscription matches: SNS drops them (aws-behaviour 13.21). */
  unmatched: { from: string; share: number }[];
}

/** A producer's mean rate over the run, msg/s. */
export function producerMeanRate(p: ArchitectureProducer, durationSeconds: number): number {
  return buildRate(p.traffic).integral(0, durationSeconds) / durationSeconds;
}

function policyKeys(policy: Record<string, unknown> | undefined): string[] {
  if (policy === undefined) return [];
  const compiled = compileFilterPolicy(policy);
  return compiled.ok ? [...compiled.keys] : [];
}

/** The messages one emit rule sends into `queue` per message processed (count × share, filtered through a topic). */
function emitShare(a: Architecture, rule: EmitConfig, queue: string): { perMessage: number; topic: string | null } {
  const n = rule.count * rule.share;
  if (rule.send !== undefined) return { perMessage: rule.send === queue ? n : 0, topic: null };
  const topic = a.topics.find((t) => t.name === rule.publish);
  const s = topic?.subscriptions.find((sub) => sub.queue === queue);
  // Emitted messages carry the rule's attributes, drawn as a producer's are.
  const share = s === undefined ? 0 : matchedShare({ attributes: rule.attributes } as ArchitectureProducer, s.filterPolicy);
  return { perMessage: n * share, topic: topic?.name ?? null };
}

/** Per queue, in the scenario's order, where its messages come from and at what mean rate. */
export function queueArrivals(a: Architecture): QueueArrivals[] {
  const flows = architectureFlows(a);
  const producerRates = a.producers.map((p) => producerMeanRate(p, a.duration));
  const queueRate = a.queues.map((_, qi) => producerRates.reduce((sum, rate, pi) => sum + flows[qi]![pi]! * rate, 0));
  const rateOf = new Map(a.queues.map((q, qi) => [q.name, queueRate[qi]!]));
  return a.queues.map((q, qi) => {
    const producers = a.producers.flatMap((p, pi): ProducerArrival[] => {
      const rate = producerRates[pi]!;
      if (p.send === q.name) return [{ producer: p.name, topic: null, share: 1, filterOn: [], producerMeanRate: rate, meanRate: rate }];
      const topic = p.publish === undefined ? undefined : a.topics.find((t) => t.name === p.publish);
      const s = topic?.subscriptions.find((sub) => sub.queue === q.name);
      if (topic === undefined || s === undefined) return [];
      const share = matchedShare(p, s.filterPolicy);
      return [{ producer: p.name, topic: topic.name, share, filterOn: policyKeys(s.filterPolicy), producerMeanRate: rate, meanRate: share * rate }];
    });
    const emitted = a.consumers.flatMap((pool) => emittedBy(a, pool, q.name, rateOf.get(pool.queue) ?? 0));
    return { queue: q.name, producers, emitted, meanRate: queueRate[qi]! };
  });
}

function emittedBy(a: Architecture, pool: PoolConfig, queue: string, fromMeanRate: number): EmittedArrival[] {
  const sharedWith = a.consumers.filter((other) => other.queue === pool.queue && other.name !== pool.name).map((other) => other.name);
  // One entry per destination path (direct, or each topic), the rules along it summed.
  const byTopic = new Map<string | null, { perMessage: number; perBatch: boolean; burst: number }>();
  for (const rule of pool.emit) {
    const { perMessage, topic } = emitShare(a, rule, queue);
    if (!(perMessage > 0)) continue;
    const entry = byTopic.get(topic) ?? { perMessage: 0, perBatch: false, burst: 1 };
    entry.perMessage += perMessage;
    entry.perBatch ||= rule.per === "batch";
    entry.burst = Math.max(entry.burst, rule.count);
    byTopic.set(topic, entry);
  }
  return [...byTopic].map(([topic, { perMessage, perBatch, burst }]) => ({
    pool: pool.name,
    from: pool.queue,
    topic,
    perMessage,
    perBatch,
    burst,
    fromMeanRate,
    meanRate: perMessage * fromMeanRate,
    sharedWith,
  }));
}

/** Per topic, the share of each publisher's messages each subscription receives, and the share none receives. */
export function topicShares(a: Architecture): TopicShares[] {
  return a.topics.map((t) => {
    const publishers: { from: string; attributes: ArchitectureProducer["attributes"] }[] = [
      ...a.producers.filter((p) => p.publish === t.name).map((p) => ({ from: p.name, attributes: p.attributes })),
      ...a.consumers.flatMap((pool) => pool.emit.filter((e) => e.publish === t.name).map((e) => ({ from: pool.name, attributes: e.attributes }))),
    ];
    const subscriptions = t.subscriptions.map((s) => ({
      queue: s.queue,
      filterOn: policyKeys(s.filterPolicy),
      rawMessageDelivery: s.rawMessageDelivery,
      shares: publishers.map((p) => ({ from: p.from, share: matchedShare({ attributes: p.attributes } as ArchitectureProducer, s.filterPolicy) })),
    }));
    const matchers = t.subscriptions.map((s) => (s.filterPolicy === undefined ? null : compileFilterPolicy(s.filterPolicy)));
    const unmatched = publishers.map((p) => {
      // A subscription without a policy takes every message: none is dropped.
      if (matchers.some((m) => m === null)) return { from: p.from, share: 0 };
      const noneMatch = (attributes: AttributeLookup): boolean => matchers.every((m) => m?.ok && !m.matches(attributes));
      const share = p.attributes === undefined ? (noneMatch(new Map()) ? 1 : 0) : new AttributeSampler(p.attributes, () => 0).shareMatching(noneMatch);
      return { from: p.from, share };
    });
    return { topic: t.name, subscriptions, unmatched };
  });
}

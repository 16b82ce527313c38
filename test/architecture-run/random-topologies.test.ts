// Generated architectures (topics, FIFO and standard queues, pools, emit, filter policies): each one is either refused
// before the run with a message, or runs with every publish and every message accounted for, the same twice.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { architecturePreflight } from "../../src/sim/architecture-preflight.js";
import { simulateArchitecture } from "../../src/sim/simulate-architecture.js";
import { validateInputText } from "../../src/scenario/validate-text.js";
import { remaining } from "./helpers.js";

const POLICIES = [
  { k: ["a"] },
  { k: [{ "anything-but": ["b"] }] },
  { k: [{ prefix: "a" }] },
  { n: [{ exists: false }] },
  { $or: [{ k: ["b"] }, { n: [{ exists: true }] }] },
];

interface Topology {
  queues: { fifo: boolean; dlq: boolean; visibility: number }[];
  topics: { fifo: boolean; subscriptions: { queue: number; policy: number; raw: boolean }[] }[];
  producers: { to: number; publish: boolean; rate: number; batch: number; share: number }[];
  pools: {
    queue: number;
    instances: number;
    processingMs: number;
    failure: number;
    emit: { to: number; publish: boolean; count: number; share: number; batch: boolean; atEnd: boolean }[];
  }[];
  minutes: number;
}

const topology: fc.Arbitrary<Topology> = fc.record({
  queues: fc.array(fc.record({ fifo: fc.boolean(), dlq: fc.boolean(), visibility: fc.constantFrom(0, 1, 30) }), { minLength: 1, maxLength: 4 }),
  topics: fc.array(
    fc.record({
      fifo: fc.boolean(),
      subscriptions: fc.array(fc.record({ queue: fc.nat(3), policy: fc.integer({ min: -1, max: POLICIES.length - 1 }), raw: fc.boolean() }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    { maxLength: 2 },
  ),
  producers: fc.array(
    fc.record({
      to: fc.nat(3),
      publish: fc.boolean(),
      rate: fc.constantFrom(0.5, 2, 10),
      batch: fc.constantFrom(1, 10),
      share: fc.constantFrom(0.2, 0.5, 0.9),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  pools: fc.array(
    fc.record({
      queue: fc.nat(3),
      instances: fc.integer({ min: 0, max: 3 }),
      processingMs: fc.constantFrom(5, 50, 500),
      failure: fc.constantFrom(0, 0.1),
      emit: fc.array(
        fc.record({
          to: fc.nat(3),
          publish: fc.boolean(),
          count: fc.integer({ min: 1, max: 3 }),
          share: fc.constantFrom(0, 0.3, 1),
          batch: fc.boolean(),
          atEnd: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
    }),
    { maxLength: 4 },
  ),
  minutes: fc.integer({ min: 1, max: 4 }),
});

/** The topology as a scenario that validation accepts: references wrapped onto what exists, FIFO rules kept. */
function scenarioText(t: Topology): string {
  const queueName = (i: number) => (t.queues[i]!.fifo ? `q${i}.fifo` : `q${i}`);
  const topicName = (i: number) => (t.topics[i]!.fifo ? `t${i}.fifo` : `t${i}`);
  const standardQueues = t.queues.flatMap((q, i) => (q.fifo ? [] : [i]));
  const standardTopics = t.topics.flatMap((x, i) => (x.fifo ? [] : [i]));
  const topics = t.topics.map((x, i) => {
    const allowed = x.fifo ? t.queues.map((_, j) => j) : standardQueues;
    const seen = new Set<number>();
    const subscriptions = x.subscriptions.flatMap((s) => {
      if (allowed.length === 0) return [];
      const q = allowed[s.queue % allowed.length]!;
      if (seen.has(q)) return [];
      seen.add(q);
      return [{ queue: queueName(q), rawMessageDelivery: s.raw, ...(s.policy >= 0 ? { filterPolicy: POLICIES[s.policy] } : {}) }];
    });
    return { name: topicName(i), type: x.fifo ? "fifo" : "standard", subscriptions };
  });
  const usable = topics.flatMap((x, i) => (x.subscriptions.length > 0 ? [i] : []));
  const producers = t.producers.map((p, i) => {
    const publish = p.publish && usable.length > 0;
    const target = publish ? usable[p.to % usable.length]! : p.to % t.queues.length;
    const fifo = publish ? t.topics[target]!.fifo : t.queues[target]!.fifo;
    return {
      name: `p${i}`,
      ...(publish ? { publish: topicName(target) } : { send: queueName(target) }),
      traffic: [{ constant: p.rate }],
      batchSize: p.batch,
      ...(fifo ? { messageGroups: { count: 3 } } : {}),
      ...(publish ? { attributes: { k: { a: p.share, b: 1 - p.share } } } : {}),
    };
  });
  const pools = t.pools.map((p, i) => ({
    name: `w${i}`,
    queue: queueName(p.queue % t.queues.length),
    processing: { exponential: { mean: `${p.processingMs}ms` } },
    failures: { transient: p.failure },
    fleet: { kind: "fixed", instances: p.instances },
    emit: p.emit.flatMap((e) => {
      const publish = e.publish && standardTopics.some((x) => topics[x]!.subscriptions.length > 0);
      const topicsWithSubs = standardTopics.filter((x) => topics[x]!.subscriptions.length > 0);
      if (!publish && standardQueues.length === 0) return [];
      const to = publish
        ? { publish: topicName(topicsWithSubs[e.to % topicsWithSubs.length]!) }
        : { send: queueName(standardQueues[e.to % standardQueues.length]!) };
      return [
        {
          ...to,
          count: e.count,
          share: e.share,
          per: e.batch ? "batch" : "message",
          at: e.atEnd ? "processingEnd" : "delete",
          ...(publish ? { attributes: { k: { a: 1 } } } : {}),
        },
      ];
    }),
  }));
  return stringify({
    name: "generated",
    duration: `${t.minutes}m`,
    topics: topics.filter((x) => x.subscriptions.length > 0),
    producers: producers.filter((p) => !("publish" in p) || topics.some((x) => x.name === p.publish && x.subscriptions.length > 0)),
    queues: t.queues.map((q, i) => ({
      name: queueName(i),
      type: q.fifo ? "fifo" : "standard",
      visibilityTimeout: q.visibility,
      ...(q.dlq ? { deadLetter: { maxReceiveCount: 2 } } : {}),
    })),
    consumers: pools,
  });
}

describe("generated architectures", () => {
  it("are refused with a message before the run, or run with every publish and message accounted for, the same twice", () => {
    let ran = 0;
    fc.assert(
      fc.property(topology, (t) => {
        const text = scenarioText(t);
        const loaded = validateInputText(text, "g.yaml");
        if (!loaded.ok) throw new Error(`a generated scenario was refused by validation:\n${loaded.errors.join("\n")}\n${text}`);
        const a = loaded.architecture!;
        const problems = architecturePreflight(a);
        if (problems.length > 0) {
          expect(problems.every((line) => line.startsWith("consumers: the emit rules make a cycle"))).toBe(true);
          return;
        }
        const s = simulateArchitecture(a).summary;
        for (const [name, topic] of Object.entries(s.topics)) {
          for (const q of Object.keys(topic.delivered)) {
            expect(topic.delivered[q]! + topic.filteredOut[q]! + topic.refused[q]! + topic.pendingAtEnd[q]!, `${name}→${q}`).toBe(
              topic.published - topic.deduplicated,
            );
          }
        }
        for (const [name, q] of Object.entries(s.queues)) {
          expect(q.messages.deleted + q.messages.deadLettered + q.messages.expired + remaining(q), name).toBe(q.messages.sent);
        }
        expect(JSON.stringify(simulateArchitecture(a).summary)).toBe(JSON.stringify(s));
        ran++;
      }),
      { seed: 14, numRuns: 60 },
    );
    expect(ran).toBeGreaterThan(30);
  }, 120_000);
});

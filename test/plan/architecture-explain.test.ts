import { describe, expect, it } from "vitest";
import { explainArchitecture, type PairExplanation } from "../../src/plan/architecture-explain.js";
import { pairPathText } from "../../src/plan/architecture-paths.js";
import { findFigure } from "../../src/plan/explanation.js";
import { architectureOf, EXTRA_ANALYTICS_POOL, SHOP } from "./architecture-helpers.js";

function pair(pairs: readonly PairExplanation[], queue: string): PairExplanation {
  const found = pairs.find((p) => p.queue === queue);
  if (found === undefined) throw new Error(`no pair for ${queue}`);
  return found;
}

/** The mean arrival rate the pair's closed forms take (the whole run's λ̄). */
function closedFormRate(p: PairExplanation): number | null | undefined {
  return findFigure(p.explanation?.phases[0], "rate.mean")?.value;
}

describe("explainArchitecture: the rate each queue receives", () => {
  const e = explainArchitecture(architectureOf(SHOP));

  it("a queue without a filter gets every message of the topic's producer, plus what another producer sends it", () => {
    const billing = pair(e.pairs, "billing");
    expect(billing.pool).toBe("billing-workers");
    expect(billing.arrivals.producers).toEqual([
      { producer: "web", topic: "orders", share: 1, filterOn: [], producerMeanRate: 50, meanRate: 50 },
      { producer: "batch", topic: null, share: 1, filterOn: [], producerMeanRate: 2, meanRate: 2 },
    ]);
    expect(billing.arrivals.meanRate).toBeCloseTo(52, 12);
    expect(closedFormRate(billing)).toBeCloseTo(52, 12);
  });

  it("a filter policy takes the sum of the probabilities of the attribute values it matches", () => {
    const analytics = pair(e.pairs, "analytics");
    expect(analytics.arrivals.producers).toEqual([
      { producer: "web", topic: "orders", share: expect.closeTo(0.3, 12), filterOn: ["eventType"], producerMeanRate: 50, meanRate: expect.closeTo(15, 12) },
    ]);
    expect(closedFormRate(analytics)).toBeCloseTo(15, 12);
    // anything-but order_updated: order_placed 0.3 + order_cancelled 0.1.
    expect(pair(e.pairs, "audit").arrivals.producers[0]?.share).toBeCloseTo(0.4, 12);
    expect(pair(e.pairs, "audit").arrivals.meanRate).toBeCloseTo(20, 12);
  });

  it("an emit rule of count 2 sends the downstream queue twice the rate its pool's queue receives", () => {
    const receipts = pair(e.pairs, "receipts");
    expect(receipts.arrivals.producers).toEqual([]);
    expect(receipts.arrivals.emitted).toEqual([
      { pool: "billing-workers", from: "billing", topic: null, perMessage: 2, perBatch: false, burst: 2, fromMeanRate: 52, meanRate: 104, sharedWith: [] },
    ]);
    expect(closedFormRate(receipts)).toBeCloseTo(104, 12);
    const once = explainArchitecture(architectureOf(SHOP, ["consumers.billing-workers.emit.0.count=1"]));
    expect(closedFormRate(pair(once.pairs, "receipts"))).toBeCloseTo(52, 12);
  });

  it("an emit rule that publishes to a topic reaches each queue by its count × share × the filter's share of its attributes", () => {
    // A topic of its own: publishing to orders would feed billing again, a cycle that grows (preflight refuses it).
    const withEvents = SHOP.replace(
      "producers:\n",
      "  - name: events\n    subscriptions: [ { queue: analytics, filterPolicy: { eventType: [order_placed] } } ]\nproducers:\n",
    );
    const a = architectureOf(withEvents, [
      "consumers.billing-workers.emit=[ { publish: events, count: 3, share: 0.5, per: batch, attributes: { eventType: { order_placed: 0.25, order_updated: 0.75 } } } ]",
      "producers.web.traffic=[ { constant: 10 } ]",
    ]);
    const analytics = pair(explainArchitecture(a).pairs, "analytics");
    // billing receives web's 10 + batch's 2 = 12 msg/s; each makes 3 × 0.5 = 1.5 into orders, 25% of them order_placed.
    expect(analytics.arrivals.emitted).toEqual([
      {
        pool: "billing-workers",
        from: "billing",
        topic: "events",
        perMessage: 0.375,
        perBatch: true,
        burst: 3,
        fromMeanRate: 12,
        meanRate: 4.5,
        sharedWith: [],
      },
    ]);
    expect(analytics.arrivals.meanRate).toBeCloseTo(0.3 * 10 + 4.5, 12);
    expect(closedFormRate(analytics)).toBeCloseTo(7.5, 12);
  });

  it("per topic: each subscription's share of each publisher, and the share no subscription matches", () => {
    expect(e.topics).toEqual([
      {
        topic: "orders",
        subscriptions: [
          { queue: "billing", filterOn: [], rawMessageDelivery: false, shares: [{ from: "web", share: 1 }] },
          { queue: "analytics", filterOn: ["eventType"], rawMessageDelivery: false, shares: [{ from: "web", share: expect.closeTo(0.3, 12) }] },
          { queue: "audit", filterOn: ["eventType"], rawMessageDelivery: false, shares: [{ from: "web", share: expect.closeTo(0.4, 12) }] },
        ],
        unmatched: [{ from: "web", share: 0 }],
      },
    ]);
    // With billing taking only order_cancelled, no subscription takes order_updated: 60% of web's messages are dropped.
    const filtered = explainArchitecture(architectureOf(SHOP, ["topics.orders.subscriptions.0.filterPolicy={ eventType: [order_cancelled] }"]));
    expect(filtered.topics[0]?.unmatched).toEqual([{ from: "web", share: expect.closeTo(0.6, 12) }]);
  });
});

describe("explainArchitecture: the architecture's warnings", () => {
  it("names a queue no pool reads and a pool whose capacity is under its queue's mean rate, with the numbers", () => {
    expect(explainArchitecture(architectureOf(SHOP)).warnings).toEqual([
      {
        id: "pools-below-arrival-rate",
        path: "consumers.analytics-workers.fleet.instances",
        message:
          "analytics-workers processes at most 1 msg/s (1 instance × 1 worker ÷ W = 1 s), under the 15 msg/s queue analytics receives on " +
          "average: its backlog grows by at least 50,400 messages over the run",
      },
      {
        id: "queue-without-pool",
        path: "queues.audit",
        message:
          "no pool reads it: the 20 msg/s it receives on average only grow its backlog (about 72,000 messages over the run), until its " +
          "retention of 4d deletes them; add a pool (consumers: - queue: audit) or remove the queue",
        source: "aws-behaviour 1.3",
      },
    ]);
  });

  it("no capacity warning once the fleet keeps up with the mean rate; an Auto Scaling group is judged at its max", () => {
    const enough = explainArchitecture(architectureOf(SHOP, ["consumers.analytics-workers.fleet.instances=16"]));
    expect(enough.warnings.map((w) => w.id)).toEqual(["queue-without-pool"]);
    const group = explainArchitecture(architectureOf(SHOP, ["consumers.analytics-workers.fleet={ kind: asg, min: 1, max: 10 }"]));
    expect(group.warnings[0]).toMatchObject({
      path: "consumers.analytics-workers.fleet.max",
      message: expect.stringMatching(/^analytics-workers processes at most 10 msg\/s \(10 instances at its max × 1 worker ÷ W = 1 s\), under/),
    });
  });

  it("pools that share a queue are judged together", () => {
    const shared = explainArchitecture(architectureOf(SHOP + EXTRA_ANALYTICS_POOL));
    expect(shared.warnings[0]).toEqual({
      id: "pools-below-arrival-rate",
      path: "queues.analytics",
      message:
        "analytics-workers and analytics-extra together process at most analytics-workers 1 msg/s (1 instance × 1 worker ÷ W = 1 s) + " +
        "analytics-extra 10 msg/s (10 instances × 1 worker ÷ W = 1 s) = 11 msg/s, under the 15 msg/s queue analytics receives on average: " +
        "its backlog grows by at least 14,400 messages over the run",
    });
    const pairs = shared.pairs.filter((p) => p.queue === "analytics");
    expect(pairs.map((p) => [p.pool, p.sharedWith])).toEqual([
      ["analytics-workers", ["analytics-extra"]],
      ["analytics-extra", ["analytics-workers"]],
    ]);
    const enough = explainArchitecture(architectureOf(SHOP + EXTRA_ANALYTICS_POOL, ["consumers.analytics-extra.fleet.instances=14"]));
    expect(enough.warnings.map((w) => w.id)).toEqual(["queue-without-pool"]);
  });

  it("a subscription whose filter policy matches none of the messages published to its topic", () => {
    const e = explainArchitecture(architectureOf(SHOP, ["topics.orders.subscriptions.1.filterPolicy={ eventType: [order_shipped] }"]));
    expect(e.warnings.find((w) => w.id === "subscription-receives-nothing")).toEqual({
      id: "subscription-receives-nothing",
      path: "topics.orders.subscriptions.1.filterPolicy",
      message: "matches none of the messages published to orders (web): queue analytics receives nothing from it",
      source: "aws-behaviour 13.21",
    });
  });
});

describe("explainArchitecture: each pair is the single format's explanation, named in the architecture's paths", () => {
  const e = explainArchitecture(architectureOf(SHOP));

  it("a pair's warnings, notes and suggested sweep name the queue's and the pool's fields", () => {
    const billing = pair(e.pairs, "billing").explanation!;
    expect(billing.warnings.map((w) => w.path)).toEqual(["queues.billing.receiveWaitTime"]);
    expect(billing.warnings[0]?.message).toContain("long polling (consumers.billing-workers.waitTime: 20s)");
    const configured = findFigure(
      billing.sections.find((s) => s.id === "visibility"),
      "visibility.configured",
    );
    expect(configured?.formula).toBe("queues.billing.visibilityTimeout");
    expect(billing.sweep?.vary.length).toBeGreaterThan(0);
    for (const vary of billing.sweep!.vary) expect(vary).toMatch(/^(queues\.billing|consumers\.billing-workers)\./);
    expect(pair(e.pairs, "audit").explanation).toBeNull();
  });

  it("pairPathText rewrites the single format's paths where they start a word, and nothing else", () => {
    const at = (text: string) => pairPathText(text, "billing", "workers.v2");
    expect(at("queue.visibilityTimeout: 2s")).toBe("queues.billing.visibilityTimeout: 2s");
    expect(at("(queue.apiLatency, about two")).toBe("(queues.billing.apiLatency, about two");
    expect(at("fleet.policies.0.targetTracking.target")).toBe("consumers.workers.v2.fleet.policies.0.targetTracking.target");
    expect(at("long polling (consumers.waitTime: 20s)")).toBe("long polling (consumers.workers.v2.waitTime: 20s)");
    for (const kept of ["capacity.fleet", "sqs-sim has no Lambda consumers yet.", "the queue. Then", "a queue, the fleet"]) expect(at(kept)).toBe(kept);
  });
});

describe("a pair's suggested sweep", () => {
  it("names its SLOs by the pair's queue and pool, as a sweep of the architecture reads them", () => {
    const e = explainArchitecture(architectureOf(SHOP, ["slo.maxQueueWait=30s", "queues.billing.visibilityTimeout=1s"]));
    const slos = pair(e.pairs, "billing").explanation!.sweep!.slos;
    expect(slos.length).toBeGreaterThan(0);
    for (const slo of slos) expect(slo).toMatch(/^(billing\.queueWait\.p99<=|billing-workers\.duplicateProcessing<=)/);
  });
});

describe("two pools on one queue", () => {
  const two = `name: two
duration: 10m
producers: [ { name: p, send: q, traffic: [ { constant: 150 } ] } ]
queues: [ { name: q, receiveWaitTime: 20s } ]
consumers:
  - { name: a, queue: q, concurrency: 10, processing: 100ms, fleet: { instances: 1 } }
  - { name: b, queue: q, concurrency: 30, processing: 100ms, fleet: { instances: 1 } }
`;

  it("each pool's section figures with its share by capacity, and warns of nothing when together they keep up", () => {
    const e = explainArchitecture(architectureOf(two));
    const a = e.pairs.find((p) => p.pool === "a")!;
    const b = e.pairs.find((p) => p.pool === "b")!;
    expect([a.share, b.share]).toEqual([0.25, 0.75]);
    expect(e.warnings).toEqual([]);
    for (const p of [a, b]) expect(p.explanation!.warnings.filter((w) => /too few/.test(w.message))).toEqual([]);
    expect(closedFormRate(a)).toBeCloseTo(37.5, 9);
    expect(closedFormRate(b)).toBeCloseTo(112.5, 9);
  });
});

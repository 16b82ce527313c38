// The architecture format (issue 14): what it accepts, the defaults it fills in, and how a file is told apart from the
// single-queue format. Its refusals are in architecture-rules.test.ts, its paths and resolved text in
// architecture-paths.test.ts.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isArchitectureInput } from "../../src/scenario/architecture-schema.js";
import { loadInputFile } from "../../src/scenario/load.js";
import { validateInputText } from "../../src/scenario/validate-text.js";
import { architectureOf, at, edited, ISSUE_EXAMPLE, problems, SMALL, validate } from "./architecture-helpers.js";

const SCENARIOS = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** The single-queue format's defaults, to compare a queue's and a pool's with. */
function singleDefaults() {
  const result = validateInputText("name: one\nduration: 1h\nproducers: [ { name: p, traffic: [ { constant: 1 } ] } ]\n", "one.yaml");
  if (!result.ok || result.scenario === undefined) throw new Error(`the single-queue scenario was refused: ${JSON.stringify(result)}`);
  return result.scenario;
}

describe("the architecture format accepts the issue's example", () => {
  const a = architectureOf(validate(ISSUE_EXAMPLE));

  it("keeps what was written, in units converted as the single format does", () => {
    expect(a.name).toBe("order-events");
    expect(a.duration).toBe(7_200);
    expect(a.topics.map((t) => t.name)).toEqual(["orders"]);
    expect(a.topics[0]?.subscriptions).toEqual([
      { queue: "billing", rawMessageDelivery: false },
      { queue: "analytics", filterPolicy: { eventType: ["order_placed"] }, rawMessageDelivery: false },
      { queue: "email", filterPolicy: { eventType: [{ "anything-but": ["order_updated"] }] }, rawMessageDelivery: true },
    ]);
    const web = a.producers[0];
    expect(web?.publish).toBe("orders");
    expect(web?.send).toBeUndefined();
    expect(web?.traffic).toEqual([{ constant: 50 }, { spike: { at: 1_800, peak: 400, rise: 0, hold: 600, fall: 0 } }]);
    expect(web?.attributes).toEqual({ eventType: { order_placed: 0.3, order_updated: 0.6, order_cancelled: 0.1 } });
    expect(a.queues.map((q) => q.name)).toEqual(["billing", "analytics", "email", "receipts"]);
    expect(a.queues[0]?.visibilityTimeout).toBe(30);
    expect(a.queues[0]?.deadLetter?.maxReceiveCount).toBe(5);
    const [billingWorkers, analyticsWorkers] = a.consumers;
    expect(billingWorkers?.queue).toBe("billing");
    expect(billingWorkers?.batchSize).toBe(10);
    expect(billingWorkers?.processing).toEqual({ lognormal: { median: 0.08, p99: 0.4 } });
    expect(billingWorkers?.fleet).toMatchObject({
      kind: "asg",
      min: 2,
      max: 40,
      policies: [{ targetTracking: { metric: "backlogPerInstance", target: 100 } }],
    });
    expect(analyticsWorkers?.fleet).toEqual({ kind: "fixed", instances: 4 });
  });

  it("resolves a topic's defaults: standard, delivery latency lognormal 30ms/250ms, 5ms Publish round trip, 256 KiB, no deduplication", () => {
    const { subscriptions, ...topic } = a.topics[0]!;
    expect(topic).toEqual({
      name: "orders",
      type: "standard",
      apiLatency: 0.005,
      deliveryLatency: { lognormal: { median: 0.03, p99: 0.25 } },
      maxMessageSize: 256 * 1024,
      contentBasedDeduplication: false,
      deduplicationScope: "topic",
    });
    expect(subscriptions[0]?.rawMessageDelivery).toBe(false);
  });

  it("resolves an emit entry's defaults: per message, one message, every time, at the delete, 2 KiB", () => {
    expect(a.consumers[0]?.emit).toEqual([{ send: "receipts", per: "message", count: 1, share: 1, at: "delete", messageSize: 2_048 }]);
    expect(a.consumers[1]?.emit).toEqual([]);
    const bare = architectureOf(validate(edited("consumers.billing-workers.emit=[ { publish: orders } ]")));
    expect(bare.consumers[0]?.emit).toEqual([{ publish: "orders", per: "message", count: 1, share: 1, at: "delete", messageSize: 2_048 }]);
  });

  it("gives a queue the single format's queue defaults, and a pool the single format's consumers and fleet", () => {
    const single = singleDefaults();
    for (const { name, delaySnsDeliveries, billSnsDeliveries, ...queue } of a.queues.slice(1)) {
      expect(name).toBeTypeOf("string");
      expect(queue).toEqual(single.queue);
      // The architecture's own keys for SNS deliveries (13.15, 13.7).
      expect([delaySnsDeliveries, billSnsDeliveries]).toEqual([true, false]);
    }
    const small = architectureOf(validate(SMALL));
    const { name, queue, fleet, emit, ...consumers } = small.consumers[0]!;
    expect([name, queue, emit]).toEqual(["billing-workers", "billing", []]);
    expect(consumers).toEqual(single.consumers);
    expect(fleet).toEqual(single.fleet);
  });

  it("fills the scenario-wide parts as the single format does", () => {
    const single = singleDefaults();
    expect(a.seed).toBe(single.seed);
    expect(a.cloudwatch).toEqual(single.cloudwatch);
    expect(a.metrics).toEqual(single.metrics);
    expect(a.limits).toEqual(single.limits);
    expect(a.cost.instanceHourlyUsd).toBe(single.cost.instanceHourlyUsd);
  });

  it("accepts a FIFO topic delivering to a FIFO queue and a standard one, with message groups on its publisher", () => {
    const fifo = architectureOf(
      validate(
        edited(
          "queues.2={ name: jobs.fifo, type: fifo }",
          "topics.1={ name: jobs.fifo, type: fifo, contentBasedDeduplication: true, deduplicationScope: messageGroup, subscriptions: [ { queue: jobs.fifo }, { queue: analytics } ] }",
          "producers.2={ name: scheduler, publish: jobs.fifo, traffic: [ { constant: 1 } ], messageGroups: { count: 3 } }",
        ),
      ),
    );
    expect(fifo.topics[1]).toMatchObject({ name: "jobs.fifo", type: "fifo", contentBasedDeduplication: true, deduplicationScope: "messageGroup" });
  });
});

describe("format detection", () => {
  it("takes a file with queues, topics, or a list of consumers for the architecture format", () => {
    expect(isArchitectureInput({ queues: [] })).toBe(true);
    expect(isArchitectureInput({ topics: [] })).toBe(true);
    expect(isArchitectureInput({ consumers: [] })).toBe(true);
    expect(isArchitectureInput({ consumers: { concurrency: 2 } })).toBe(false);
    expect(isArchitectureInput({ queue: {}, fleet: {} })).toBe(false);
    for (const notAMapping of [null, [], "queues", 3]) expect(isArchitectureInput(notAMapping)).toBe(false);
    // Through the loader: each alone is read by the architecture schema, which asks for what it lacks.
    const rest = "name: x\nduration: 1h\nproducers: [ { name: p, send: q, traffic: [ { constant: 1 } ] } ]\n";
    expect(problems(`${rest}topics: []\n`)).toEqual([at("queues: required")]);
    expect(problems(`${rest}consumers: [ { name: w, queue: q } ]\n`)).toEqual([at("queues: required")]);
    expect(architectureOf(validate(`${rest}queues: [ { name: q } ]\n`)).queues[0]?.name).toBe("q");
  });

  it("keeps a single-format file single, consumers given as a mapping included", () => {
    for (const file of ["steady-orders.yaml", "trace-replay.yaml"]) {
      const result = loadInputFile(`${SCENARIOS}${file}`);
      expect(result.ok && result.scenario !== undefined && result.architecture === undefined).toBe(true);
    }
    const single = validate("name: x\nduration: 1h\nproducers: [ { name: p, traffic: [ { constant: 1 } ] } ]\nconsumers: { concurrency: 2 }\n");
    expect(single.ok && single.scenario?.consumers.concurrency).toBe(2);
  });

  it("refuses the single format's queue: and fleet: at the top level of an architecture, each with its own line", () => {
    expect(problems(SMALL, ["queue={ visibilityTimeout: 30s }"])).toEqual([
      at("queue: with queues: [...], each queue is an entry there (- name: orders, visibilityTimeout: 30s) (from --set queue={ visibilityTimeout: 30s })"),
    ]);
    expect(problems(`${SMALL}queue: {}\nfleet: { kind: fixed, instances: 2 }\n`)).toEqual([
      at("queue: with queues: [...], each queue is an entry there (- name: orders, visibilityTimeout: 30s)"),
      at("fleet: with queues: [...], each pool in consumers: [...] has its own fleet"),
    ]);
  });
});

// FIFO queues wired end to end: producers with groups, deduplication and throttling, consumers, the order checker,
// the summary and the time series (aws-behaviour §3).
import { describe, expect, it } from "vitest";
import { columnValues } from "../../src/metrics/period-series.js";
import { parseScenarioText } from "../../src/scenario/index.js";
import { type RunSummary } from "../../src/sim/result.js";
import { simulate } from "../../src/sim/simulate.js";
import { contentDeduplicationId } from "../../src/traffic/deduplication-id.js";

function load(yaml: string) {
  const loaded = parseScenarioText(yaml, "fifo.yaml", process.cwd());
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

function errors(yaml: string): string[] {
  const loaded = parseScenarioText(yaml, "fifo.yaml", process.cwd());
  return loaded.ok ? [] : loaded.errors;
}

const orders = (
  o: { type?: string; rate?: number; batchSize?: number; duplicates?: number; processing?: string; extraQueue?: string; groups?: number } = {},
) => `
name: fifo-e2e
duration: 10m
queue:
  type: ${o.type ?? "fifo"}
  receiveWaitTime: 20s
${o.extraQueue ?? ""}
producers:
  - name: orders
    traffic: [ { constant: ${o.rate ?? 100} } ]
    batchSize: ${o.batchSize ?? 1}
    messageGroups: { count: ${o.groups ?? 20} }
    duplicateSends: ${o.duplicates ?? 0}
consumers:
  concurrency: 4
  batchSize: 10
  processing: { exponential: { mean: ${o.processing ?? "100ms"} } }
fleet: { instances: 5 }
`;

function producedBalance(s: RunSummary): number {
  return s.producers.produced - (s.messages.sent + s.messages.rejected + s.producers.unsent + (s.fifo?.deduplicated ?? 0));
}

describe("a FIFO run", () => {
  const fifo = simulate(load(orders({ duplicates: 0.05 })));
  const standard = simulate(load(orders({ type: "standard", duplicates: 0.05 })));

  it("accounts for every message produced: produced = sent + rejected + unsent + deduplicated", () => {
    expect(producedBalance(fifo.summary)).toBe(0);
    expect(producedBalance(standard.summary)).toBe(0);
    const m = fifo.summary.messages;
    expect(m.sent).toBe(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
  });

  it("delivers every group in order (orderViolations 0), where a standard queue with the same stream does not", () => {
    expect(fifo.summary.fifo).toMatchObject({ queueType: "fifo", orderViolations: 0 });
    expect(standard.summary.fifo!.queueType).toBe("standard");
    expect(standard.summary.fifo!.orderViolations).toBeGreaterThan(0);
  });

  it("drops the producers' retries within 5 minutes on FIFO; a standard queue stores them as new messages", () => {
    const f = fifo.summary.fifo!;
    expect(f.deduplicated).toBeGreaterThan(0);
    expect(f.duplicatesStored).toBe(0);
    expect(standard.summary.fifo!.duplicatesStored).toBeGreaterThan(0);
    expect(standard.summary.fifo!.deduplicated).toBe(0);
    // ~5% of ~60,000 messages
    expect(f.deduplicated / fifo.summary.messages.sent).toBeGreaterThan(0.03);
    expect(f.deduplicated / fifo.summary.messages.sent).toBeLessThan(0.07);
  });

  it("reports groups in flight, never more than the groups there are, and no duplicate deliveries", () => {
    const inFlight = columnValues(fifo.series, "ApproximateNumberOfGroupsWithInflightMessages_groups");
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(20);
    expect(fifo.summary.fifo!.groupsActivePeak).toBeGreaterThan(0);
    expect(fifo.summary.fifo!.groupsActivePeak).toBeLessThanOrEqual(20);
    expect(fifo.summary.messages.duplicateDeliveries).toBe(0);
  });

  it("is priced at FIFO's $0.50 per million requests unless the scenario says otherwise (aws-behaviour 10.1)", () => {
    expect(fifo.summary.cost.sqsUsd).toBeCloseTo((fifo.summary.requests.billable / 1e6) * 0.5, 5);
    expect(standard.summary.cost.sqsUsd).toBeCloseTo((standard.summary.requests.billable / 1e6) * 0.4, 5);
  });

  it("is deterministic: the same scenario and seed give the same summary", () => {
    expect(JSON.stringify(simulate(load(orders({ duplicates: 0.05 }))).summary)).toBe(JSON.stringify(fifo.summary));
  });
});

describe("FIFO send quotas (aws-behaviour 3.10-3.12)", () => {
  it("holds unbatched sends to 300 calls per second: the rest is throttled and retried, nothing lost", () => {
    const run = simulate(load(orders({ rate: 450, processing: "5ms", groups: 200 })));
    const s = run.summary;
    expect(s.fifo!.throttledSends).toBeGreaterThan(0);
    // At most one bucket (300) plus 300 per second of calls over the run.
    expect(s.requests.send).toBeLessThanOrEqual(300 + 300 * s.durationSeconds);
    expect(s.requests.send).toBeGreaterThan(0.95 * 300 * s.durationSeconds);
    expect(producedBalance(s)).toBe(0);
    // Throttled messages wait in order behind the failed call: no group is delivered out of order.
    expect(s.fifo!.orderViolations).toBe(0);
    // The producers fall behind by about 150 messages a second.
    expect(s.producers.unsent).toBeGreaterThan(100 * s.durationSeconds);
    expect(Math.max(...columnValues(run.series, "unsent_msgs"))).toBe(Math.max(...columnValues(run.series, "unsent_msgs").slice(-1)));
  });

  it("with batches of 10 the same 450 messages per second go through unthrottled (3,000 messages per second)", () => {
    const s = simulate(load(orders({ rate: 450, batchSize: 10, processing: "5ms", groups: 200 }))).summary;
    expect(s.fifo!.throttledSends).toBe(0);
    expect(s.producers.unsent).toBeLessThan(10);
  });

  it("in high-throughput mode spreads groups over partitions, each with its own 300 calls per second", () => {
    const high = `  deduplicationScope: messageGroup\n  throughputLimit: perMessageGroupId\n  highThroughputPartitions: 4`;
    const s = simulate(load(orders({ rate: 900, processing: "2ms", groups: 400, extraQueue: high }))).summary;
    expect(s.requests.send).toBeGreaterThan(800 * s.durationSeconds);
    expect(s.requests.send).toBeLessThanOrEqual(4 * (300 + 300 * s.durationSeconds));
    // The same load in normal mode is capped at one partition's 300 per second.
    const normal = simulate(load(orders({ rate: 900, processing: "2ms", groups: 400 }))).summary;
    expect(normal.requests.send).toBeLessThanOrEqual(300 + 300 * normal.durationSeconds);
  });
});

describe("FIFO high-throughput partitions grow with demand (aws-behaviour 3.12-3.13)", () => {
  // 5,000 unbatched messages a second for 2 minutes: 8 fixed partitions take 2,400 calls/s at most, so about half
  // the messages stay unsent; automatic partitions (here splitting 10 s after a second that needed more) split at
  // about 11 s and 22 s and then take it all.
  const yaml = (extra: string) =>
    orders({
      rate: 5_000,
      processing: "1ms",
      groups: 10_000,
      extraQueue: `  deduplicationScope: messageGroup\n  throughputLimit: perMessageGroupId\n${extra}`,
    })
      .replace("duration: 10m", "duration: 2m")
      .replace("fleet: { instances: 5 }", "fleet: { instances: 40 }")
      .replace("concurrency: 4", "concurrency: 50");

  it("automatic partitions (the default) catch up with a 5,000 msg/s producer; 8 fixed ones cap it at 2,400", () => {
    const auto = simulate(load(yaml("  highThroughputSplitTime: 10s"))).summary;
    expect(auto.producers.unsent).toBeLessThan(100);
    expect(auto.messages.sent).toBeGreaterThan(0.99 * auto.producers.produced);
    const fixed = simulate(load(yaml("  highThroughputPartitions: 8"))).summary;
    expect(fixed.messages.sent).toBeLessThanOrEqual(8 * (300 + 300 * fixed.durationSeconds));
    expect(fixed.producers.unsent).toBeGreaterThan(0.4 * fixed.producers.produced);
  });
});

describe("FIFO scenario rules", () => {
  it("refuses a per-message delay, with the reason and the queue-level alternative (aws-behaviour 1.6, 3.9)", () => {
    const yaml = orders().replace("    duplicateSends: 0", "    duplicateSends: 0\n    delay: 10s");
    expect(errors(yaml)).toEqual([
      expect.stringContaining("producers.0.delay: FIFO queues take no per-message delay (aws-behaviour 1.6, 3.9); set queue.delay instead"),
    ]);
  });

  it("refuses a FIFO name without .fifo, and .fifo on a standard queue (aws-behaviour 3.1)", () => {
    expect(errors(orders({ extraQueue: "  name: orders" }))).toEqual([expect.stringContaining('queue.name: "orders" does not end in .fifo')]);
    expect(errors(orders({ type: "standard", extraQueue: "  name: orders.fifo" }))).toEqual([
      expect.stringContaining('queue.name: "orders.fifo" ends in .fifo'),
    ]);
    expect(errors(orders({ extraQueue: "  name: orders.fifo" }))).toEqual([]);
  });

  it("refuses duplicate deliveries on FIFO and FIFO-only settings on a standard queue", () => {
    expect(errors(orders({ extraQueue: "  duplicateDeliveryRate: 0.01" }))).toEqual([
      expect.stringContaining("queue.duplicateDeliveryRate: a FIFO queue delivers each message once"),
    ]);
    expect(errors(orders({ type: "standard", extraQueue: "  contentBasedDeduplication: true" }))).toEqual([
      expect.stringContaining("queue.contentBasedDeduplication: is for FIFO queues only"),
    ]);
  });
});

describe("content-based deduplication (aws-behaviour 3.7)", () => {
  it("contentDeduplicationId depends on the body alone: equal bodies, equal ids; different bodies, different ids", () => {
    // The id is only ever compared for equality, so the body itself serves (no SHA-256, no node:crypto in the model).
    expect(contentDeduplicationId("abc")).toBe("abc");
    expect(contentDeduplicationId("orders/1")).toBe(contentDeduplicationId("orders/1"));
    expect(contentDeduplicationId("orders/1")).not.toBe(contentDeduplicationId("orders/2"));
  });

  it("a FIFO queue with contentBasedDeduplication drops resends of the same body and keeps every distinct message", () => {
    const s = simulate(load(orders({ duplicates: 0.05, extraQueue: "  contentBasedDeduplication: true" }))).summary;
    expect(s.fifo!.deduplicated).toBeGreaterThan(0);
    expect(s.fifo!.duplicatesStored).toBe(0);
    expect(producedBalance(s)).toBe(0);
    expect(s.messages.sent + s.fifo!.deduplicated + s.producers.unsent).toBe(s.producers.produced);
  });
});

describe("FIFO consumers (aws-behaviour 3.10, 8.12)", () => {
  it("stop a group at its first failure: nothing is processed ahead of an earlier message of its group", () => {
    const failing = (type: string) =>
      orders({ type, rate: 50, processing: "200ms" }).replace("  processing:", "  failures: { transient: 0.05 }\n  processing:");
    const fifo = simulate(load(failing("fifo"))).summary;
    const standard = simulate(load(failing("standard"))).summary;
    expect(fifo.consumers.failedAttempts).toBeGreaterThan(0);
    expect(fifo.fifo!.processedOutOfOrder).toBe(0);
    expect(fifo.fifo!.orderViolations).toBe(0);
    expect(standard.fifo!.processedOutOfOrder).toBeGreaterThan(0);
  });

  it("are throttled at 300 receive calls a second and retry after a backoff, losing nothing", () => {
    // 400 workers short-polling one message at a time ask for far more than 300 receives a second.
    const yaml = orders({ rate: 250, processing: "10ms", groups: 500 })
      .replace("  batchSize: 10\n", "  batchSize: 1\n  waitTime: 0s\n")
      .replace("fleet: { instances: 5 }", "fleet: { instances: 100 }");
    const s = simulate(load(yaml)).summary;
    expect(s.fifo!.throttledReceives).toBeGreaterThan(0);
    expect(s.requests.receive).toBeLessThanOrEqual(300 + 300 * s.durationSeconds);
    expect(s.fifo!.orderViolations).toBe(0);
    const m = s.messages;
    expect(m.sent).toBe(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
  });
});

describe("FIFO high throughput needs both settings (aws-behaviour 3.11)", () => {
  for (const [name, extra] of [
    ["deduplicationScope messageGroup alone", "  deduplicationScope: messageGroup\n  highThroughputPartitions: 4"],
    ["throughputLimit perMessageGroupId alone", "  throughputLimit: perMessageGroupId\n  highThroughputPartitions: 4"],
  ] as const) {
    it(`${name} stays at normal throughput: 300 send calls a second`, () => {
      const s = simulate(load(orders({ rate: 600, processing: "2ms", groups: 400, extraQueue: extra }))).summary;
      expect(s.fifo!.throttledSends).toBeGreaterThan(0);
      expect(s.requests.send).toBeLessThanOrEqual(300 + 300 * s.durationSeconds);
    });
  }
});

describe("FIFO delete quota (aws-behaviour 3.10, 1.31)", () => {
  it("throttles deletes past 300 a second: retried after a backoff, the batch held; conservation holds", () => {
    // One message per receive and per delete, at 400 messages a second: deletes (and receives) exceed 300 calls/s.
    const yaml = orders({ rate: 400, processing: "5ms", groups: 1000 })
      .replace("  batchSize: 10\n", "  batchSize: 1\n")
      .replace("fleet: { instances: 5 }", "fleet: { instances: 50 }");
    const s = simulate(load(yaml)).summary;
    expect(s.fifo!.throttledDeletes).toBeGreaterThan(0);
    expect(s.requests.delete).toBeLessThanOrEqual(300 + 300 * s.durationSeconds);
    expect(s.fifo!.orderViolations).toBe(0);
    expect(s.fifo!.processedOutOfOrder).toBe(0);
    const m = s.messages;
    expect(m.sent).toBe(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
  });
});

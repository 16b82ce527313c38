// An SNS topic fanned out to queues: every publish accounted for per subscription, the filtered shares against the
// attribute probabilities, and every queue's messages accounted for.
import { describe, expect, it } from "vitest";
import { remaining, run } from "./helpers.js";

const FAN_OUT = `name: fan-out
duration: 30m
topics:
  - name: orders
    subscriptions:
      - queue: billing
      - queue: analytics
        filterPolicy: { eventType: [order_placed] }
      - queue: email
        filterPolicy: { eventType: [{ anything-but: [order_updated] }] }
        rawMessageDelivery: true
producers:
  - name: web
    publish: orders
    traffic: [ { constant: 20 } ]
    attributes:
      eventType: { order_placed: 0.3, order_updated: 0.6, order_cancelled: 0.1 }
queues:
  - name: billing
  - name: analytics
  - name: email
consumers:
  - name: billing-workers
    queue: billing
    batchSize: 10
    processing: 20ms
    fleet: { instances: 2 }
  - name: analytics-workers
    queue: analytics
    processing: 50ms
    fleet: { instances: 2 }
  - name: email-workers
    queue: email
    processing: 50ms
    fleet: { instances: 2 }
`;

describe("a standard topic fanned out to three queues", () => {
  const result = run(FAN_OUT);
  const s = result.summary;
  const topic = s.topics.orders!;

  it("accounts for every publish in every subscription: published = delivered + filtered out + refused + on its way", () => {
    expect(topic.published).toBeGreaterThan(30_000);
    for (const q of ["billing", "analytics", "email"]) {
      expect(topic.delivered[q]! + topic.filteredOut[q]! + topic.refused[q]! + topic.pendingAtEnd[q]!).toBe(topic.published);
    }
    expect(topic.filteredOut.billing).toBe(0);
  });

  it("delivers the share each filter policy matches, within 4 standard errors of the attribute probabilities", () => {
    const n = topic.published;
    // analytics takes order_placed (0.3); email everything but order_updated (0.3 + 0.1).
    for (const [q, p] of [
      ["analytics", 0.3],
      ["email", 0.4],
    ] as const) {
      const got = topic.delivered[q]! + topic.pendingAtEnd[q]!;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(got - n * p)).toBeLessThan(4 * sd);
    }
  });

  it("accounts for every message each queue took: sent = deleted + dead-lettered + expired + still there", () => {
    for (const [name, q] of Object.entries(s.queues)) {
      expect(q.messages.sent, name).toBe(topic.delivered[name]);
      expect(q.messages.deleted + q.messages.deadLettered + q.messages.expired + remaining(q), name).toBe(q.messages.sent);
    }
  });

  it("measures each chain from its publish: one path per queue and pool, counting the deleted and the waiting", () => {
    expect(Object.keys(s.paths).sort()).toEqual([
      "web→orders→analytics→analytics-workers",
      "web→orders→billing→billing-workers",
      "web→orders→email→email-workers",
    ]);
    for (const [q, pool] of [
      ["billing", "billing-workers"],
      ["analytics", "analytics-workers"],
      ["email", "email-workers"],
    ] as const) {
      const path = s.paths[`web→orders→${q}→${pool}`]!.endToEnd;
      expect(path.count).toBe(s.queues[q]!.messages.deleted + remaining(s.queues[q]!));
      // A delivery takes its SNS latency (median 30 ms by default) before its queue wait.
      expect(path.p50).toBeGreaterThan(0.02);
    }
  });

  it("sizes deliveries: raw delivery carries the body and its attributes, the envelope adds about a kilobyte (13.13-13.14)", () => {
    const size = (q: string) => {
      const column = result.series.columns.findIndex((c) => c.name === `${q}.SentMessageSize_avg_bytes`);
      return result.series.values[column]![5]!;
    };
    // 2 KiB bodies; the attribute eventType=order_placed is 9 + 6 + 12 bytes (name, type, value) as SQS counts it.
    expect(size("email")).toBeGreaterThan(2048 + 9 + 6 + 12);
    expect(size("email")).toBeLessThan(2048 + 9 + 6 + 15 + 1);
    expect(size("billing")).toBeGreaterThan(2048 + 900);
    expect(size("billing")).toBeLessThan(2048 + 1100);
  });

  it("bills the topic $0.50 per million publishes (13.7) and prices each queue's requests", () => {
    expect(topic.requests.publish).toBe(topic.published);
    expect(topic.costUsd).toBeCloseTo((topic.requests.billable / 1e6) * 0.5, 6);
    expect(s.cost.totalUsd).toBeCloseTo(s.cost.sqsUsd + s.cost.snsUsd + s.cost.computeUsd, 5);
  });

  it("is a pure function of the scenario and seed", () => {
    expect(JSON.stringify(run(FAN_OUT).summary)).toBe(JSON.stringify(s));
  });
});

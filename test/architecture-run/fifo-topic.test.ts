// A FIFO topic into a FIFO queue keeps each group's order (aws-behaviour 13.24) and deduplicates (13.23); a delivery
// is held to the topic's maximum size, not the queue's (13.4).
import { describe, expect, it } from "vitest";
import { run } from "./helpers.js";

describe("a FIFO topic", () => {
  const s = run(`name: fifo-fan-out
duration: 10m
topics:
  - name: orders.fifo
    type: fifo
    subscriptions: [ { queue: ledger.fifo }, { queue: search } ]
producers:
  - name: shop
    publish: orders.fifo
    traffic: [ { constant: 40 } ]
    messageGroups: { count: 20 }
    duplicateSends: 0.1
queues:
  - { name: ledger.fifo, type: fifo }
  - { name: search }
consumers:
  - { name: ledger, queue: ledger.fifo, batchSize: 10, processing: 5ms, concurrency: 4 }
  - { name: indexers, queue: search, processing: 5ms, concurrency: 4 }
`).summary;

  it("delivers each group's messages into the FIFO queue in publish order, and they are processed in order", () => {
    const fifo = s.queues["ledger.fifo"]!.fifo!;
    expect(s.queues["ledger.fifo"]!.messages.deleted).toBeGreaterThan(20_000);
    expect(fifo.orderViolations).toBe(0);
    expect(fifo.processedOutOfOrder).toBe(0);
  });

  it("drops a duplicate publish within 5 minutes at the topic, before any queue (13.23)", () => {
    const topic = s.topics["orders.fifo"]!;
    expect(topic.deduplicated).toBeGreaterThan(0);
    expect(s.producers.shop!.produced - s.producers.shop!.unsent).toBe(topic.published + topic.rejected);
    for (const q of ["ledger.fifo", "search"]) {
      expect(topic.delivered[q]! + topic.pendingAtEnd[q]! + topic.refused[q]!).toBe(topic.published - topic.deduplicated);
    }
    // The duplicates never reached a queue, so none was stored twice.
    expect(s.queues["ledger.fifo"]!.fifo!.deduplicated).toBe(0);
  });
});

describe("message sizes", () => {
  const text = `name: sizes
duration: 5m
topics:
  - { name: t, maxMessageSize: 8KiB, subscriptions: [ { queue: small } ] }
producers:
  - { name: direct, send: small, traffic: [ { constant: 2 } ], messageSize: { uniform: { min: 2KiB, max: 4KiB } } }
  - { name: via-sns, publish: t, traffic: [ { constant: 2 } ], messageSize: 4KiB }
  - { name: too-big, publish: t, traffic: [ { constant: 1 } ], messageSize: { uniform: { min: 7KiB, max: 9KiB } } }
queues:
  - { name: small, maxMessageSize: 1KiB }
`;

  it("a queue's maximum refuses direct sends but not SNS deliveries (13.4); the topic refuses what is above its own (13.3)", () => {
    const s = run(text).summary;
    const topic = s.topics.t!;
    const small = s.queues.small!;
    expect(small.messages.rejected).toBe(s.producers.direct!.produced);
    expect(small.messages.sent).toBe(topic.delivered.small);
    expect(topic.refused.small).toBe(0);
    // 7-9 KiB bodies: above 8 KiB, about half, are refused by the topic.
    expect(topic.rejected).toBeGreaterThan(0.3 * s.producers["too-big"]!.produced);
    expect(topic.rejected).toBeLessThan(0.7 * s.producers["too-big"]!.produced);
    expect(topic.published + topic.rejected).toBe(s.producers["via-sns"]!.produced + s.producers["too-big"]!.produced);
  });
});

import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";
import { Kernel } from "../../src/engine/kernel.js";
import { randomStream } from "../../src/engine/random.js";
import { DEFAULT_SNS_PRICES as P } from "../../src/sns/pricing.js";
import { type SubscriptionTarget, Topic, type TopicSubscription } from "../../src/sns/topic.js";

const S = 1_000_000;

type Attributes = { kind: string };

/** A queue's send side that records what reaches it, refusing messages above `maxBytes`. */
function recorder(maxBytes = Infinity) {
  const got: { atUs: number; bytes: number; id: string; group: number; sendDelayUs: number }[] = [];
  const target: SubscriptionTarget = {
    deliver(nowUs, bytes, _flags, group, id, sendDelayUs) {
      if (bytes > maxBytes) return false;
      got.push({ atUs: nowUs, bytes, id, group, sendDelayUs });
      return true;
    },
  };
  return { got, target };
}

function subscription(queue: string, target: SubscriptionTarget, matches: ((a: Attributes) => boolean) | null, extraBytes = 0): TopicSubscription<Attributes> {
  return { queue, target, matches, deliveredBytes: (bytes) => bytes + extraBytes };
}

const inversions = (ids: readonly string[]): number => ids.reduce((n, id, i) => n + (i > 0 && Number(id) < Number(ids[i - 1]) ? 1 : 0), 0);

describe("an SNS topic fanning out to queues (aws-behaviour §13)", () => {
  it("delivers every message to an unfiltered subscription and only the matching ones to a filtered one; published = delivered + filtered out", () => {
    const kernel = new Kernel(new EventQueue());
    const all = recorder();
    const onlyA = recorder();
    const topic = new Topic<Attributes>(
      { name: "orders", fifo: false, deliveryLatencyS: () => 0.05 },
      [subscription("billing", all.target, null), subscription("analytics", onlyA.target, (a) => a.kind === "a")],
      kernel,
    );
    const kinds = ["a", "b", "c"];
    for (let i = 0; i < 999; i++) topic.publish(i * 1000, 100, { kind: kinds[i % 3]! }, 0, -1, String(i), i * 1000);
    kernel.runUntil(10 * S);
    expect(topic.published).toBe(999);
    expect(topic.counts).toEqual([
      { delivered: 999, filteredOut: 0, refused: 0 },
      { delivered: 333, filteredOut: 666, refused: 0 },
    ]);
    for (const c of topic.counts) expect(c.delivered + c.filteredOut + c.refused).toBe(topic.published);
    expect(onlyA.got.map((g) => Number(g.id) % 3)).toEqual(Array(333).fill(0));
    expect(topic.pending).toBe(0);
  });

  it("each delivery reaches its queue after the latency drawn for it, with the send delay counted from production", () => {
    const kernel = new Kernel(new EventQueue());
    const q = recorder();
    const topic = new Topic<Attributes>({ name: "t", fifo: false, deliveryLatencyS: () => 0.05 }, [subscription("q", q.target, null)], kernel);
    topic.publish(2 * S, 100, { kind: "a" }, 0, -1, "m", 1.5 * S);
    kernel.runUntil(3 * S);
    expect(q.got).toEqual([{ atUs: 2_050_000, bytes: 100, id: "m", group: -1, sendDelayUs: 550_000 }]);
  });

  it("the size a queue receives is the subscription's (an envelope adds to it), and a queue that refuses it counts as refused", () => {
    const kernel = new Kernel(new EventQueue());
    const raw = recorder(1000);
    const enveloped = recorder(1000);
    const topic = new Topic<Attributes>(
      { name: "t", fifo: false, deliveryLatencyS: () => 0 },
      [subscription("raw", raw.target, null), subscription("enveloped", enveloped.target, null, 930)],
      kernel,
    );
    topic.publish(0, 23, { kind: "a" }, 0, -1, "small", 0);
    topic.publish(0, 100, { kind: "a" }, 0, -1, "large", 0);
    kernel.runUntil(1 * S);
    expect(raw.got.map((g) => [g.id, g.bytes])).toEqual([
      ["small", 23],
      ["large", 100],
    ]);
    expect(enveloped.got.map((g) => [g.id, g.bytes])).toEqual([["small", 953]]);
    expect(topic.counts[1]).toEqual({ delivered: 1, filteredOut: 0, refused: 1 });
  });

  it("a FIFO topic keeps publish order into every queue however the latencies fall; a standard topic does not (13.24, 13.31)", () => {
    const run = (fifo: boolean) => {
      const kernel = new Kernel(new EventQueue());
      const first = recorder();
      const second = recorder();
      const random = randomStream(7, "test/sns-latency");
      const topic = new Topic<Attributes>(
        { name: fifo ? "t.fifo" : "t", fifo, deliveryLatencyS: () => random() },
        [subscription("one", first.target, null), subscription("two", second.target, null)],
        kernel,
      );
      // 200 messages 10 ms apart, latencies uniform over a second: a standard topic's deliveries cross each other.
      const publish = kernel.register("publish", (i, _a, now) => topic.publish(now, 10, { kind: "a" }, 0, 0, String(i), now));
      for (let i = 0; i < 200; i++) kernel.events.push(i * 10_000, 2, publish, i);
      kernel.runUntil(10 * S);
      return [first.got.map((g) => g.id), second.got.map((g) => g.id)];
    };
    const [fifoOne, fifoTwo] = run(true);
    expect(fifoOne).toHaveLength(200);
    expect(inversions(fifoOne!)).toBe(0);
    expect(inversions(fifoTwo!)).toBe(0);
    const [stdOne] = run(false);
    expect(stdOne).toHaveLength(200);
    expect(inversions(stdOne!)).toBeGreaterThan(10);
  });

  it("on a FIFO topic, groups pass each other: only a later message of the same group waits for an earlier one (13.24)", () => {
    const kernel = new Kernel(new EventQueue());
    const q = recorder();
    const latencies = [0.9, 0.01, 0.01];
    const topic = new Topic<Attributes>(
      { name: "t.fifo", fifo: true, deliveryLatencyS: () => latencies.shift()! },
      [subscription("q", q.target, null)],
      kernel,
    );
    topic.publish(0, 10, { kind: "a" }, 0, 1, "g1-first", 0);
    topic.publish(1_000, 10, { kind: "a" }, 0, 2, "g2-first", 1_000);
    topic.publish(2_000, 10, { kind: "a" }, 0, 1, "g1-second", 2_000);
    kernel.runUntil(2 * S);
    // Group 2 is not held behind group 1's slow delivery; group 1's second message waits for its first.
    expect(q.got.map((g) => [g.id, g.atUs])).toEqual([
      ["g2-first", 11_000],
      ["g1-first", 900_000],
      ["g1-second", 900_000],
    ]);
  });

  it("a FIFO topic accepts a duplicate within 5 minutes and delivers it nowhere; after the interval it is new (13.23)", () => {
    const kernel = new Kernel(new EventQueue());
    const q = recorder();
    const topic = new Topic<Attributes>(
      { name: "t.fifo", fifo: true, deliveryLatencyS: () => 0, deduplication: { intervalUs: 300 * S, scope: "topic" } },
      [subscription("q", q.target, null)],
      kernel,
    );
    topic.publish(0, 10, { kind: "a" }, 0, 1, "order-1", 0);
    topic.publish(1 * S, 10, { kind: "a" }, 0, 2, "order-1", 1 * S); // another group, same id: a duplicate by topic scope
    topic.publish(299 * S, 10, { kind: "a" }, 0, 1, "order-1", 299 * S);
    topic.publish(300 * S, 10, { kind: "a" }, 0, 1, "order-1", 300 * S); // the interval is over: a new message
    kernel.runUntil(400 * S);
    expect(topic.published).toBe(4);
    expect(topic.deduplicated).toBe(2);
    expect(q.got.map((g) => g.atUs / S)).toEqual([0, 300]);
    expect(topic.counts[0]).toEqual({ delivered: 2, filteredOut: 0, refused: 0 });
  });

  it("with message-group scope the same id in two groups is two messages", () => {
    const kernel = new Kernel(new EventQueue());
    const q = recorder();
    const topic = new Topic<Attributes>(
      { name: "t.fifo", fifo: true, deliveryLatencyS: () => 0, deduplication: { intervalUs: 300 * S, scope: "messageGroup" } },
      [subscription("q", q.target, null)],
      kernel,
    );
    topic.publish(0, 10, { kind: "a" }, 0, 1, "x", 0);
    topic.publish(0, 10, { kind: "a" }, 0, 2, "x", 0);
    topic.publish(0, 10, { kind: "a" }, 0, 2, "x", 0);
    kernel.runUntil(1 * S);
    expect(topic.deduplicated).toBe(1);
    expect(q.got.map((g) => g.group)).toEqual([1, 2]);
  });

  it("bills a standard topic's publish calls in 64 KiB chunks and its deliveries to SQS at nothing (13.6-13.7)", () => {
    const kernel = new Kernel(new EventQueue());
    const q = recorder();
    const topic = new Topic<Attributes>({ name: "t", fifo: false, deliveryLatencyS: () => 0 }, [subscription("q", q.target, null)], kernel);
    for (let i = 0; i < 3; i++) {
      topic.billPublishCall(100 * 1024); // two chunks each
      topic.publish(0, 100 * 1024, { kind: "a" }, 0, -1, String(i), 0);
    }
    kernel.runUntil(1 * S);
    expect(topic.billedPublishRequests).toBe(6);
    expect(topic.costUsd()).toBeCloseTo((6 / 1e6) * P.standardPublishPerMillionUsd, 15);
  });

  it("bills a FIFO topic's publishes by request and GB, and its subscription messages by message and GB, each at least 1 KB (13.8)", () => {
    const kernel = new Kernel(new EventQueue());
    const a = recorder();
    const b = recorder();
    const topic = new Topic<Attributes>(
      { name: "t.fifo", fifo: true, deliveryLatencyS: () => 0 },
      [subscription("a", a.target, null), subscription("b", b.target, null)],
      kernel,
    );
    topic.billPublishCall(2 * 100);
    topic.publish(0, 100, { kind: "a" }, 0, 1, "1", 0);
    topic.publish(0, 100, { kind: "a" }, 0, 1, "2", 0);
    kernel.runUntil(1 * S);
    const gb = 2 ** 30;
    const expected =
      (1 / 1e6) * P.fifoPublishPerMillionUsd +
      (200 / gb) * P.fifoPublishPerGbUsd +
      (4 / 1e6) * P.fifoSubscriptionPerMillionUsd +
      ((4 * 1024) / gb) * P.fifoSubscriptionPerGbUsd;
    expect(topic.costUsd()).toBeCloseTo(expected, 15);
  });

  it("reuses the slots of delivered messages: pending deliveries, not every message ever published, are held", () => {
    const kernel = new Kernel(new EventQueue());
    const q = recorder();
    const topic = new Topic<Attributes>({ name: "t", fifo: false, deliveryLatencyS: () => 0.001 }, [subscription("q", q.target, null)], kernel);
    let now = 0;
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 50; i++) topic.publish(now, 10, { kind: "a" }, 0, -1, "x", now);
      expect(topic.pending).toBe(50);
      now += 0.01 * S;
      kernel.runUntil(now);
      expect(topic.pending).toBe(0);
    }
    expect(q.got).toHaveLength(5000);
    expect((topic as unknown as { used: number }).used).toBe(50);
  });
});

import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";
import { Kernel } from "../../src/engine/kernel.js";
import { type ReceiveListener } from "../../src/sqs/queue-api.js";
import { fifoQueueOn } from "./fifo/fifo-harness.js";
import { RecordingConsumer, S, standardQueueOn } from "./harness.js";

describe("a queue read by several consumers", () => {
  it("answers each long poll to the consumer that made it, with that consumer's own poller number", () => {
    const kernel = new Kernel(new EventQueue());
    const q = standardQueueOn(kernel);
    const a = new RecordingConsumer("a", q);
    const b = new RecordingConsumer("b", q);
    // Interleaved registrations: the queue's ids (0, 1, 2) differ from the consumers' own numbers.
    const a7 = q.addPoller(a, 7);
    const b0 = q.addPoller(b, 0);
    const b1 = q.addPoller(b, 1);
    expect([a7, b0, b1]).toEqual([0, 1, 2]);
    q.receive(b1, 1, 20 * S, 0);
    q.receive(a7, 1, 20 * S, 0);
    q.receive(b0, 1, 20 * S, 0);
    q.send(1 * S, 100, 0, 0);
    q.send(2 * S, 100, 0, 0);
    kernel.runUntil(30 * S);
    // The longest-waiting poll is served first (b's poller 1), then a's; b's poller 0 waits its 20 s for nothing.
    expect(a.got).toEqual(["a#7 got 1 (serial 2) at 2s"]);
    expect(b.got).toEqual(["b#1 got 1 (serial 1) at 1s", "b#0 empty at 20s"]);
  });

  it("shows every delivery to the observer before the consumer that asked", () => {
    const kernel = new Kernel(new EventQueue());
    const q = standardQueueOn(kernel);
    const seen: string[] = [];
    const consumer: ReceiveListener = { onReceived: (id, n) => void seen.push(`consumer ${id}: ${n}`), onEmptyReceive: () => {} };
    q.setDeliveryObserver({ onDelivered: (n) => void seen.push(`observer: ${n}`) });
    const p = q.addPoller(consumer, 3);
    q.send(0, 100, 0, 0);
    q.send(0, 100, 0, 0);
    q.receive(p, 10, 1 * S, 0);
    expect(seen).toEqual(["observer: 2", "consumer 3: 2"]);
  });

  it("a FIFO queue too answers each consumer by its own number", () => {
    const kernel = new Kernel(new EventQueue());
    const q = fifoQueueOn(kernel);
    const a = new RecordingConsumer("a", q);
    const b = new RecordingConsumer("b", q);
    const b4 = q.addPoller(b, 4);
    const a9 = q.addPoller(a, 9);
    q.receive(a9, 1, 0, 0);
    q.receive(b4, 1, 0, 0);
    expect(a.got).toEqual(["a#9 empty at 0s"]);
    expect(b.got).toEqual(["b#4 empty at 0s"]);
  });
});

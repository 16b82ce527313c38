import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";
import { Phase } from "../../src/engine/phases.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { buildWorld } from "../../src/sim/build-world.js";
import { simulate } from "../../src/sim/simulate.js";
import { COPY_TOKEN } from "../../src/sqs/standard-queue.js";
import { Harness, S } from "./harness.js";

describe("regressions found in review", () => {
  it("a duplicate copy is never delivered in the same response as its original (aws-behaviour 2.1-2.2: a later receive)", () => {
    const h = new Harness({ duplicateDeliveryRate: 1 });
    h.send();
    // A batch of 10 from a long poll: only the original, although its copy is the one message left afterwards.
    const first = h.receive(0, 10, 20 * S)!;
    expect(first).toHaveLength(1);
    expect(first[0]!.token).not.toBe(COPY_TOKEN);
    const second = h.receive(1, 10, 20 * S)!;
    expect(second).toHaveLength(1);
    expect(second[0]!.token).toBe(COPY_TOKEN);
  });

  it("a receive–process cycle that takes no time at all (zero latency, processing and visibility, all failing) still advances the clock", () => {
    for (const waitTime of [20, 0]) {
      const r = simulate(
        ScenarioSchema.parse({
          name: "spin",
          duration: 10,
          queue: { visibilityTimeout: 0, apiLatency: 0, shortPollServers: 1 },
          producers: [{ name: "p", traffic: [{ constant: 1 }] }],
          consumers: { waitTime, processing: 0, failures: { transient: 1 } },
          limits: { maxEvents: 1_000_000 },
        }),
      );
      // One attempt per millisecond at most: about 10 s × 1,000 re-polls, far below the event limit.
      expect(r.summary.consumers.failedAttempts).toBeLessThanOrEqual(10_001);
      expect(r.summary.consumers.failedAttempts).toBeGreaterThan(1000);
    }
  });

  it("messages that expire while visible free their slots even when nothing ever receives them", () => {
    const scenario = ScenarioSchema.parse({
      name: "leak",
      duration: "10m",
      queue: { retention: "60s" },
      producers: [{ name: "p", traffic: [{ constant: 1000 }] }],
      fleet: { instances: 0 },
    });
    // Run the world on its kernel to read its message store: no instances, so only arrivals and queue timers.
    const world = buildWorld(scenario, 1, scenario.limits.maxStoredMessages);
    world.kernel.runUntil(600 * S);
    const queue = world.queues[0]!.queue;
    expect(queue.expired).toBeGreaterThan(500_000);
    expect(queue.visible).toBeLessThanOrEqual(61_000);
    // Live slots stay near the backlog (≈ rate × retention), not the 600,000 messages ever sent.
    expect(queue.store.live).toBeLessThan(2 * 61_000 + 4096 + 1000);
  });

  it("80,000 events pushed for the same instant pop in scheduling order (the bucket tail append path)", () => {
    const q = new EventQueue();
    for (let i = 0; i < 80_000; i++) q.push(1_000, Phase.Receive, 3, i);
    for (let i = 0; i < 80_000; i++) {
      expect(q.pop()).toBe(true);
      if (q.target !== i) expect(q.target).toBe(i);
    }
  });

  it("after the wheel empties while a lane holds an earlier event, pushes near that event keep exact order", () => {
    const q = new EventQueue();
    const lane = q.addLane();
    q.push(20_000_000, Phase.QueueTimers, 0, 999); // far ahead: goes to the overflow heap
    q.pushLane(lane, 1_000, Phase.Receive, 3, 0);
    expect(q.pop()).toBe(true);
    expect(q.target).toBe(0);
    const times = [5_000, 2_000, 2_000, 3_000_000, 1_500, 9_000_000];
    times.forEach((t, i) => q.push(t, Phase.Delete, 4, i + 1));
    const order: number[] = [];
    while (q.pop()) order.push(q.target);
    expect(order).toEqual([5, 2, 3, 1, 4, 6, 999]);
  });
});

import { describe, expect, it } from "vitest";
import { namedStreams, resourceNamed, SINGLE_FORMAT_STREAMS, scenarioResources } from "../../src/scenario/resources.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";

const scenario = (extra: Record<string, unknown> = {}) =>
  ScenarioSchema.parse({
    name: "r",
    duration: 60,
    producers: [
      { name: "a", traffic: [{ constant: 1 }] },
      { name: "b", traffic: [{ constant: 2 }] },
    ],
    ...extra,
  });

describe("a scenario's named resources (scenario/resources.ts)", () => {
  it("the single-queue format: one queue, one pool `consumers` reading it, every producer sending to it", () => {
    const r = scenarioResources(scenario());
    expect(r.queues.map((q) => q.name)).toEqual(["queue"]);
    expect(r.pools.map((p) => [p.name, p.queue])).toEqual([["consumers", "queue"]]);
    expect(r.producers.map((p) => [p.name, p.queue])).toEqual([
      ["a", "queue"],
      ["b", "queue"],
    ]);
  });

  it("names the queue by queue.name when given, and a FIFO queue without one `queue.fifo` (a FIFO name ends in .fifo)", () => {
    expect(scenarioResources(scenario({ queue: { name: "orders" } })).queues[0]!.name).toBe("orders");
    expect(scenarioResources(scenario({ queue: { type: "fifo" } })).queues[0]!.name).toBe("queue.fifo");
  });

  it("keeps the single format's random stream names, which every golden figure was drawn from", () => {
    const r = scenarioResources(scenario());
    expect(SINGLE_FORMAT_STREAMS).toEqual({ queue: "queue", consumers: "consumers", fleet: "fleet" });
    expect(r.queues[0]!.streams).toBe("queue");
    expect(r.pools[0]!.streams).toEqual({ consumers: "consumers", fleet: "fleet" });
    // Named resources of a format with several get streams of their own, apart from the single format's.
    expect(namedStreams("queues", "billing")).toBe("queues/billing");
    expect(Object.values(SINGLE_FORMAT_STREAMS)).not.toContain(namedStreams("queues", "queue"));
  });

  it("looks a resource up by name, and an unknown name lists the known ones", () => {
    const r = scenarioResources(scenario());
    expect(resourceNamed(r.queues, "queue", "queue").name).toBe("queue");
    expect(() => resourceNamed(r.queues, "billing", "queue")).toThrow('no queue is named "billing" (there are: queue)');
  });
});

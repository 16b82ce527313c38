// What differs between the scenarios of compared runs: the keys, and their values as a scenario file writes them.
import { describe, expect, it } from "vitest";
import { architectureDifferences, differsLine, runDifferences, scenarioDifferences } from "../../src/report/scenario-diff.js";
import { smallRun } from "./chart-fixtures.js";

const base = {
  name: "a",
  description: "one",
  duration: 10_800,
  seed: 1,
  queue: { type: "standard", visibilityTimeout: 30, retention: 3600, maxMessageSize: 1_048_576 },
  producers: [{ name: "events", traffic: [{ constant: 5 }], batchSize: 1 }],
  consumers: { concurrency: 2, processing: { exponential: { mean: 0.05 } } },
  fleet: { kind: "fixed", instances: 2 },
};

const changed = (edit: (s: any) => void): Record<string, unknown> => {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
};

describe("scenarioDifferences", () => {
  it("finds nothing between equal scenarios", () => {
    expect(scenarioDifferences([base, structuredClone(base)])).toEqual([]);
  });

  it("names a changed key by its path and shows durations and sizes as a scenario file writes them", () => {
    const other = changed((s) => {
      s.queue.visibilityTimeout = 120;
      s.queue.maxMessageSize = 262_144;
      s.fleet.instances = 4;
    });
    expect(scenarioDifferences([base, other])).toEqual([
      { path: "queue.visibilityTimeout", values: ["30s", "2m"] },
      { path: "queue.maxMessageSize", values: ["1MiB", "256KiB"] },
      { path: "fleet.instances", values: ["2", "4"] },
    ]);
  });

  it("shows a mapping present in one run only as a whole, with — where it is absent", () => {
    const other = changed((s) => {
      s.consumers.heartbeat = { every: 20, extendBy: 30 };
    });
    expect(scenarioDifferences([base, other])).toEqual([{ path: "consumers.heartbeat", values: ["—", "every 20s, extend by 30s"] }]);
  });

  it("shows a mapping whose keys differ (another distribution, another kind of fleet) as a whole", () => {
    const other = changed((s) => {
      s.consumers.processing = { constant: 0.1 };
    });
    expect(scenarioDifferences([base, other])).toEqual([{ path: "consumers.processing", values: ["exponential (mean 50ms)", "constant 100ms"] }]);
  });

  it("shows a fleet of another kind as a whole, not as a list of keys missing on either side", () => {
    const other = changed((s) => {
      s.fleet = { kind: "asg", min: 1, max: 20 };
    });
    expect(scenarioDifferences([base, other])).toEqual([{ path: "fleet", values: ["kind fixed, instances 2", "kind asg, min 1, max 20"] }]);
  });

  it("names list entries by their name where they have one (as --set does), and by position otherwise", () => {
    const other = changed((s) => {
      s.producers[0].batchSize = 10;
      s.producers[0].traffic[0].constant = 7;
    });
    expect(scenarioDifferences([base, other]).map((d) => d.path)).toEqual(["producers.events.traffic.0.constant", "producers.events.batchSize"]);
  });

  it("leaves out the name and the description (the page shows them), but not the seed", () => {
    const other = changed((s) => {
      s.name = "b";
      s.description = "two";
      s.seed = 2;
    });
    expect(scenarioDifferences([base, other])).toEqual([{ path: "seed", values: ["1", "2"] }]);
  });

  it("lines up three runs, one value per run", () => {
    const two = changed((s) => {
      s.queue.visibilityTimeout = 60;
    });
    expect(scenarioDifferences([base, base, two])).toEqual([{ path: "queue.visibilityTimeout", values: ["30s", "30s", "1m"] }]);
  });

  it("cuts a long value short", () => {
    const other = changed((s) => {
      s.producers[0].traffic = Array.from({ length: 20 }, (_, i) => ({ step: { at: i * 600, rate: i } }));
    });
    const [d] = scenarioDifferences([base, other]);
    expect(d!.path).toBe("producers.events.traffic");
    expect(d!.values[1]!.length).toBeLessThanOrEqual(48);
    expect(d!.values[1]!.endsWith("…")).toBe(true);
  });
});

describe("differsLine", () => {
  it("lists each difference with its values, and caps the list with 'and N more'", () => {
    const diffs = [
      { path: "queue.visibilityTimeout", values: ["30s", "2m"] },
      { path: "consumers.heartbeat", values: ["—", "every 20s, extend by 30s"] },
      { path: "seed", values: ["1", "2"] },
    ];
    expect(differsLine(diffs, 5)).toBe("queue.visibilityTimeout (30s | 2m), consumers.heartbeat (— | every 20s, extend by 30s), seed (1 | 2)");
    expect(differsLine(diffs, 2)).toBe("queue.visibilityTimeout (30s | 2m), consumers.heartbeat (— | every 20s, extend by 30s), and 1 more");
  });

  it("says so when nothing differs", () => {
    expect(differsLine([], 5)).toBe("nothing: the same scenario and seed");
  });
});

describe("runDifferences", () => {
  it("reads each run's scenario as run, and its seed", () => {
    const runs = [smallRun("report-test", 7), smallRun("report-test", 8, ["queue.visibilityTimeout=2m"])];
    expect(runDifferences(runs)).toEqual([
      { path: "seed", values: ["7", "8"] },
      { path: "queue.visibilityTimeout", values: ["30s", "2m"] },
    ]);
  });
});

describe("scenarioDifferences of three runs, two groups and a fixed fleet (review of issue 12)", () => {
  it("names what differs between the two groups first, then the keys the fixed fleet lacks", async () => {
    const { scenarioDifferences: diff } = await import("../../src/report/scenario-diff.js");
    const group = (metric: unknown, target: number) => ({
      name: "x",
      duration: 600,
      fleet: { kind: "asg", min: 10, max: 200, policies: [{ targetTracking: { metric, target } }] },
    });
    const fixed = { name: "x", duration: 600, fleet: { kind: "fixed", instances: 100 } };
    const diffs = diff([group("backlogPerInstance", 60), group({ messagesPerInstance: { include: ["visible", "notVisible"] } }, 8), fixed]);
    expect(diffs.slice(0, 3).map((d) => d.path)).toEqual(["fleet.kind", "fleet.policies.0.targetTracking.metric", "fleet.policies.0.targetTracking.target"]);
    expect(diffs[2]!.values).toEqual(["60", "8", "—"]);
  });
});

describe("architectureDifferences (issue 14)", () => {
  const queue = (name: string, visibilityTimeout = 30) => ({ name, type: "standard", visibilityTimeout, retention: 345_600 });
  const architecture = (queues: object[], subscriptions: object[] = [{ queue: "billing", rawMessageDelivery: false }]) => ({
    name: "shop",
    duration: 600,
    topics: [{ name: "orders", subscriptions }],
    queues,
    consumers: [{ name: "billing-workers", queue: "billing", fleet: { kind: "fixed", instances: 1 } }],
  });
  const run = (scenario: object, seed = 1) => ({ context: { scenarioJson: JSON.stringify(scenario), seed } });

  it("names a queue's field by the queue's name wherever it is listed, in scenario units", () => {
    const a = architecture([queue("billing"), queue("audit")]);
    const b = architecture([queue("audit"), queue("billing", 60)]);
    expect(architectureDifferences([run(a), run(b)])).toEqual([{ path: "queues.billing.visibilityTimeout", values: ["30s", "1m"] }]);
    // By position, as the single-queue format's lists are compared, the reordered list reads as renamed queues.
    expect(scenarioDifferences([a, b]).map((d) => d.path)).toEqual(["queues.0.name", "queues.1.name", "queues.1.visibilityTimeout"]);
  });

  it("names a queue one run adds, and a subscription by its queue, with — where a run lacks them", () => {
    const a = architecture([queue("billing")]);
    const b = architecture([queue("billing"), queue("spare")], [{ queue: "billing", rawMessageDelivery: true }]);
    const diffs = architectureDifferences([run(a), run(b)]);
    expect(diffs.map((d) => d.path)).toEqual(["topics.orders.subscriptions.billing.rawMessageDelivery", "queues.spare"]);
    expect(diffs[0]!.values).toEqual(["false", "true"]);
    expect(diffs[1]!.values[0]).toBe("—");
    expect(diffs[1]!.values[1]).toMatch(/^name spare, type standard, visibility timeout 3/);
  });
});

describe("architectureDifferences of three runs, one without a queue the others have alike (issue 14)", () => {
  it("names the queue once, whole, not each of its keys", () => {
    const scenario = (queues: string[]) => ({
      name: "shop",
      duration: 600,
      queues: queues.map((name) => ({ name, type: "standard", visibilityTimeout: 30, retention: 345_600 })),
    });
    const run = (queues: string[]) => ({ context: { scenarioJson: JSON.stringify(scenario(queues)), seed: 1 } });
    const diffs = architectureDifferences([run(["billing", "spare"]), run(["billing"]), run(["billing", "spare"])]);
    expect(diffs.map((d) => d.path)).toEqual(["queues.spare"]);
    expect(diffs[0]!.values[1]).toBe("—");
    expect(diffs[0]!.values[0]).toBe(diffs[0]!.values[2]);
  });
});

// End to end: an Auto Scaling group exists before the run starts. With `min: 100` on a load that 100 instances
// carry (100 msg/s, 10 workers per instance, ~7.75 s a message: 78% busy), the group must behave as the fixed fleet
// of 100 it is, not as 100 instances launched at t=0: those left the first 1-2 minutes without a consumer, and the
// backlog of those minutes set off a needless scale-out 100 → 200.
import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

function scenario(fleet: Record<string, unknown>) {
  return ScenarioSchema.parse({
    name: "initial-state",
    duration: "1h",
    seed: 3,
    queue: { visibilityTimeout: "2m", receiveWaitTime: "20s" },
    producers: [{ name: "jobs", traffic: [{ constant: 100 }] }],
    consumers: { concurrency: 10, batchSize: 1, waitTime: "20s", processing: { lognormal: { median: "7s", p99: "20s" } } },
    fleet,
  });
}
const group = (extra: Record<string, unknown> = {}) => ({
  kind: "asg",
  min: 100,
  max: 200,
  launchTime: { uniform: { min: "60s", max: "120s" } },
  warmup: "120s",
  policies: [{ targetTracking: { metric: "backlogPerInstance", target: 10 } }],
  ...extra,
});

describe("the initial desired capacity of an Auto Scaling group (fleet.initialState)", () => {
  it("running (the default): InService and warmed up at t=0, no scaling activity, the fixed fleet's queue wait and cost", () => {
    const asg = simulate(scenario(group()));
    const fixed = simulate(scenario({ kind: "fixed", instances: 100 }));
    expect(asg.activities.filter((a) => a.kind === "scaling")).toEqual([]);
    expect(asg.summary.fleet.minInService).toBe(100);
    expect(asg.summary.fleet.peakInService).toBe(100);
    // The same instances doing the same work from the same random streams: the same waits, to the microsecond.
    expect(asg.summary.latency.queueWait).toEqual(fixed.summary.latency.queueWait);
    expect(asg.summary.cost.computeUsd).toBe(fixed.summary.cost.computeUsd);
  });

  it("launching: today's cold start, nothing consumes until the first launch, and the backlog scales the group out", () => {
    const cold = simulate(scenario(group({ initialState: "launching" })));
    const warm = simulate(scenario(group()));
    expect(cold.summary.fleet.minInService).toBe(0);
    const scaling = cold.activities.filter((a) => a.kind === "scaling");
    expect(scaling.map((a) => `${a.before} → ${a.after}`)[0]).toBe("100 → 200");
    // At least 60 s with no consumer: every message of the first minute waits until an instance is InService.
    expect(cold.summary.latency.queueWait.p99).toBeGreaterThan(30);
    expect(warm.summary.latency.queueWait.p99).toBeLessThan(cold.summary.latency.queueWait.p99 / 10);
  });
});

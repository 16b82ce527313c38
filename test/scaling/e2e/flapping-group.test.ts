// A group whose policies launch and terminate its instances again and again: 200 instances every 20 s. The group
// kept every instance it ever launched and scanned them all on each termination, and the worker pool grew by every
// worker it ever started: 6 hours took 68 s and 685 MB. Now it holds the instances alive and reuses stopped workers'
// slots, with the very same results: the outputs below were hashed from the code before the change.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Scenario, ScenarioSchema } from "../../../src/scenario/schema.js";
import { runEstimates } from "../../../src/sim/preflight.js";
import { simulate } from "../../../src/sim/simulate.js";

/**
 * desired `low` → 200 (exact) while below 200, and back to `low` at 200: a flip every 10 s period. With low = 100,
 * scale-in picks half the instances, of several ages, by the termination policy.
 */
function flapping(duration: string, fleet: Record<string, unknown> = {}, seed = 1, low = 0): Scenario {
  const alarm = (comparison: string) => ({ metric: "groupDesiredCapacity", statistic: "maximum", period: "10s", comparison, threshold: 200 });
  return ScenarioSchema.parse({
    name: "flap",
    duration,
    seed,
    producers: [{ name: "p", traffic: [{ constant: 1 }] }],
    consumers: { concurrency: 10, waitTime: "20s", processing: { constant: "10ms" } },
    cloudwatch: { period: "10s", publishDelay: "0s" },
    fleet: {
      kind: "asg",
      min: 0,
      max: 200,
      desired: 0,
      launchTime: { constant: "1s" },
      cooldown: "0s",
      policies: [
        { simpleScaling: { alarm: alarm("<"), adjustmentType: "exactCapacity", adjustment: 200 } },
        { simpleScaling: { alarm: alarm(">="), adjustmentType: "exactCapacity", adjustment: low } },
      ],
      ...fleet,
    },
  });
}

/** Scale-ins across the billing hour, where AWS's default termination policy and oldestInstance part ways (5.15). */
function scheduled(fleet: Record<string, unknown>): Scenario {
  const at = (time: string, desired: number) => ({ scheduled: { at: time, desired } });
  return ScenarioSchema.parse({
    name: "scheduled",
    duration: "3h",
    producers: [{ name: "p", traffic: [{ constant: 5 }] }],
    consumers: { concurrency: 2, waitTime: "20s", processing: { exponential: { mean: "1s" } } },
    fleet: {
      kind: "asg",
      min: 0,
      max: 300,
      desired: 100,
      initialState: "launching",
      launchTime: { constant: "1s" },
      policies: [at("30m", 150), at("70m", 120), at("100m", 200), at("130m", 90), at("150m", 180), at("170m", 40)],
      ...fleet,
    },
  });
}

function hashOf(scenario: Scenario): string {
  const r = simulate(scenario);
  return createHash("sha256")
    .update(JSON.stringify([r.summary, r.series, r.activities]))
    .digest("hex")
    .slice(0, 16);
}

describe("a flapping Auto Scaling group", () => {
  // Ties in "closest to the next billing hour" are broken at random: the same instances must be chosen, in the
  // same order, drawing the same random numbers.
  it.each([
    ["0 ↔ 200", {}, 1, 0, "8d2fb2b7dee93a78"],
    // Instances launched together tie (in age, and so in closeness to the billing hour): ties draw random numbers.
    ["100 ↔ 200, default termination (random ties)", {}, 1, 100, "e9c0df2d6d7d9509"],
    ["100 ↔ 200, newestInstance, draining", { terminationPolicy: "newestInstance", termination: "drain" }, 1, 100, "b958cef24d270a58"],
    ["100 ↔ 200, scale-in protection", { scaleInProtection: true }, 1, 100, "2cc02f0b1249b5a9"],
    ["100 ↔ 200, random launch times, draining", { launchTime: { uniform: { min: "1s", max: "30s" } }, termination: "drain" }, 7, 100, "84559c83c3ff710e"],
    [
      "0 ↔ 200, drain timeouts cut batches short",
      { termination: { drain: { timeout: "1s" } }, launchTime: { uniform: { min: "1s", max: "15s" } } },
      3,
      0,
      "9a56725f03a795f0",
    ],
  ])("%s: the same outputs as before", { timeout: 30_000 }, (_what, fleet, seed, low, hash) => {
    expect(hashOf(flapping("20m", fleet, seed, low))).toBe(hash);
  });

  it.each([
    ["default termination", {}, "67b451631f448f3e"],
    ["oldestInstance", { terminationPolicy: "oldestInstance" }, "a810adb96fa3d2a2"],
  ])("scheduled scale-ins across the billing hour, %s: the same outputs as before", { timeout: 30_000 }, (_what, fleet, hash) => {
    expect(hashOf(scheduled(fleet))).toBe(hash);
  });

  it("the event estimate counts the launches of every flap (it counted max once: 23 thousand for 808 thousand)", { timeout: 30_000 }, () => {
    const s = flapping("1h");
    const events = simulate(s).summary.engine.events;
    const estimate = runEstimates(s).events;
    expect(estimate).toBeGreaterThanOrEqual(events);
    expect(estimate).toBeLessThan(10 * events);
  });
});

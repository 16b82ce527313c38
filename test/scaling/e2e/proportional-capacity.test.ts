// End to end: target tracking capacity is proportional to metric ÷ target (aws-behaviour 6.9-6.10, 6.17), rounded up
// on scale-out and down (conservatively) on scale-in. The backlog is held exactly: consumers keep the one message
// they received for hours, so visible = sent − InService instances, and bursts are uniform arrivals.
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

/** `messages` arrive uniformly over 10 s from `atS`; the rate drops just after the last arrival, not on it. */
function burst(messages: number, atS: number) {
  const rate = messages / 10;
  return [{ step: { at: `${atS}s`, rate } }, { step: { at: `${atS + 10.001}s`, rate: -rate } }];
}

function heldBacklog(options: { messages: number; atS: number; min: number; desired: number; durationS: number }) {
  return ScenarioSchema.parse({
    name: "proportional",
    duration: `${options.durationS}s`,
    queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
    producers: [{ name: "burst", arrivals: "uniform", traffic: burst(options.messages, options.atS) }],
    consumers: { concurrency: 1, batchSize: 1, processing: "10h" },
    fleet: {
      kind: "asg",
      min: options.min,
      max: 50,
      desired: options.desired,
      launchTime: "0s",
      warmup: "0s",
      policies: [{ targetTracking: { metric: "backlogPerInstance", target: 100 } }],
    },
    cloudwatch: { period: "60s", publishDelay: "60s" },
  });
}

const scaling = (activities: Activity[]) => activities.filter((a) => a.kind === "scaling");

describe("target tracking capacity is proportional to metric ÷ target (aws-behaviour 6.9-6.10, 6.17)", () => {
  it("AWS's example: 10 InService instances at backlog per instance 150 against target 100 → desired 15 (6.10)", () => {
    // 1,510 messages, 10 held by the 10 instances: 1,500 visible, 150 per instance.
    const { summary, activities } = simulate(heldBacklog({ messages: 1510, atS: 300, min: 10, desired: 10, durationS: 1200 }));
    expect(summary.messages.sent).toBe(1510);
    const [first, ...rest] = scaling(activities);
    expect(first).toMatchObject({ source: "TargetTracking-1", before: "10", after: "15" });
    expect(first!.reason).toContain("metric 150 vs target 100: 15 instances needed");
    // The 5 new instances each take one message: 1,495 / 15 < 100, so nothing more.
    expect(rest).toEqual([]);
    expect(summary.fleet.peakInService).toBe(15);
  });

  it("scale-out rounds the addition up: 10 instances at 141 per instance need 14.1 → 15 (6.9)", () => {
    const { activities } = simulate(heldBacklog({ messages: 1420, atS: 300, min: 10, desired: 10, durationS: 1200 }));
    const [first] = scaling(activities);
    expect(first!.reason).toContain("metric 141 vs target 100: 15 instances needed");
    expect(first).toMatchObject({ before: "10", after: "15" });
  });

  it("scale-in rounds the removal down: 10 instances at 85 per instance could shed 1.5 and shed 1 → 9 (6.9)", () => {
    // 860 messages at t = 0: 850 visible, 85 per instance, below the target for 15 of 15 periods.
    const { activities } = simulate(heldBacklog({ messages: 860, atS: 0, min: 1, desired: 10, durationS: 1500 }));
    const [first, ...rest] = scaling(activities);
    expect(first).toMatchObject({ source: "TargetTracking-1", before: "10", after: "9" });
    expect(first!.reason).toContain("metric 85 vs target 100: 9 instances enough");
    expect(first!.timeS).toBe(15 * 60 + 60);
    // 850 / 9 = 94.4 per instance: 9 × 94.4 / 100 = 8.5 still rounds to 9, so the group stays there.
    expect(rest).toEqual([]);
  });
});

// End to end: scaling policies never take desired capacity outside [min, max] (aws-behaviour 5.14).
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { columnValues } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

const scaling = (activities: Activity[]) => activities.filter((a) => a.kind === "scaling");

/** Instances each hold one message for hours; `messages` arrive within 10 s from `atS` (default 5 minutes). */
function heldBurst(messages: number, fleet: object, atS = 300) {
  const rate = messages / 10;
  return ScenarioSchema.parse({
    name: "clamps",
    duration: "30m",
    queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
    producers: [{ name: "burst", arrivals: "uniform", traffic: [{ step: { at: `${atS}s`, rate } }, { step: { at: `${atS + 10.001}s`, rate: -rate } }] }],
    consumers: { concurrency: 1, batchSize: 1, processing: "10h" },
    fleet: { kind: "asg", launchTime: "0s", warmup: "0s", ...fleet },
    cloudwatch: { period: "60s", publishDelay: "60s" },
  });
}

describe("desired capacity stays within [min, max] (aws-behaviour 5.14)", () => {
  it("a target tracking policy asking for 15 instances with max 12 gets 12", () => {
    const { series, activities } = simulate(
      heldBurst(1510, {
        min: 10,
        max: 12,
        policies: [{ targetTracking: { metric: "backlogPerInstance", target: 100 } }],
      }),
    );
    const out = scaling(activities);
    expect(out[0]!.reason).toContain("15 instances needed");
    expect(out[0]).toMatchObject({ before: "10", after: "12" });
    // 1,498 visible over 12 instances is still above 100: the alarm stays in ALARM and asks again, to no effect.
    expect(out).toHaveLength(1);
    expect(activities.filter((a) => a.source === "TargetTracking-1-AlarmHigh" && a.before === "ALARM")).toEqual([]);
    expect(Math.max(...columnValues(series, "desired_capacity"))).toBe(12);
    expect(Math.max(...columnValues(series, "instances"))).toBe(12);
  });

  it("a step adjustment of +50 and an exact capacity of 0 are clamped to max 20 and min 2", () => {
    // Up: +50 on backlog per instance above 100. Down: exactly 0 once the backlog per instance is below 80 for
    // two periods, which it is after the scale-out (1,490 / 20 = 74.5). The burst comes at once, so no quiet
    // period precedes it.
    const { series, activities } = simulate(
      heldBurst(
        1510,
        {
          min: 2,
          max: 20,
          desired: 10,
          policies: [
            { stepScaling: { alarm: { metric: "backlogPerInstance", comparison: ">", threshold: 100 }, steps: [{ lower: 0, adjustment: 50 }] } },
            {
              stepScaling: {
                alarm: { metric: "backlogPerInstance", comparison: "<", threshold: 80, evaluationPeriods: 2 },
                adjustmentType: "exactCapacity",
                steps: [{ upper: 0, adjustment: 0 }],
              },
            },
          ],
        },
        0,
      ),
    );
    const out = scaling(activities);
    expect(out[0]).toMatchObject({ source: "StepScaling-1", before: "10", after: "20" });
    expect(out.find((a) => a.source === "StepScaling-2")).toMatchObject({ before: "20", after: "2" });
    const desired = columnValues(series, "desired_capacity");
    expect(Math.min(...desired)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...desired)).toBeLessThanOrEqual(20);
  });

  it("target tracking scale-in stops at min: 0 instances enough still leaves min 3", () => {
    // No load at all: backlog per instance 0 for 15 datapoints.
    const { series, activities } = simulate(
      heldBurst(0, {
        min: 3,
        max: 20,
        desired: 8,
        policies: [{ targetTracking: { metric: "backlogPerInstance", target: 100 } }],
      }),
    );
    const [first, ...rest] = scaling(activities);
    expect(first!.reason).toContain("0 instances enough");
    expect(first).toMatchObject({ before: "8", after: "3" });
    expect(rest).toEqual([]);
    expect(Math.min(...columnValues(series, "desired_capacity"))).toBe(3);
    expect(Math.min(...columnValues(series, "instances"))).toBe(3);
  });

  it("in every row of several runs, min ≤ desired ≤ max and InService + pending ≤ max", () => {
    const runs = [
      { min: 1, max: 4, policies: [{ targetTracking: { metric: "approximateNumberOfMessagesVisible", target: 50 } }] },
      {
        min: 5,
        max: 7,
        desired: 7,
        policies: [
          {
            simpleScaling: {
              alarm: { metric: "approximateNumberOfMessagesVisible", comparison: ">=", threshold: 1 },
              adjustmentType: "percentChangeInCapacity",
              adjustment: 200,
              cooldown: "0s",
            },
          },
        ],
      },
      {
        min: 2,
        max: 9,
        policies: [
          {
            stepScaling: {
              alarm: { metric: "backlogPerInstance", comparison: ">", threshold: 10 },
              adjustmentType: "exactCapacity",
              steps: [{ lower: 0, adjustment: 100 }],
            },
          },
        ],
      },
    ];
    for (const fleet of runs) {
      const { series } = simulate(heldBurst(1000, fleet));
      const desired = columnValues(series, "desired_capacity");
      const inService = columnValues(series, "instances");
      const pending = columnValues(series, "pending_instances");
      desired.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(fleet.min);
        expect(d).toBeLessThanOrEqual(fleet.max);
        expect(inService[i]! + pending[i]!).toBeLessThanOrEqual(fleet.max);
      });
      expect(Math.max(...desired)).toBe(fleet.max);
    }
  });
});

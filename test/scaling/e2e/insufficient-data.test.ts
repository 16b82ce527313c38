// End to end: a group at 0 instances has no backlog-per-instance datapoint (visible ÷ 0 InService), its target
// tracking alarms stay in INSUFFICIENT_DATA and nothing scales (aws-behaviour 6.12, 6.18, 12.7). The AWS pitfall:
// scaling from zero on backlog per instance needs another policy, e.g. a step policy on the raw visible count.
import { describe, expect, it } from "vitest";
import { columnValues } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

function fromZero(policies: object[]) {
  return ScenarioSchema.parse({
    name: "from-zero",
    duration: "30m",
    queue: { apiLatency: "0ms", receiveWaitTime: "20s" },
    producers: [{ name: "load", arrivals: "uniform", traffic: [{ constant: 2 }] }],
    consumers: { concurrency: 4, processing: "1s" },
    fleet: { kind: "asg", min: 0, max: 10, desired: 0, launchTime: "60s", warmup: "60s", policies },
    cloudwatch: { period: "60s", publishDelay: "60s" },
  });
}

const targetTracking = { targetTracking: { metric: "backlogPerInstance", target: 100 } };

describe("INSUFFICIENT_DATA holds capacity (aws-behaviour 6.12)", () => {
  it("min 0, desired 0, backlog per instance only: the alarms never leave INSUFFICIENT_DATA and the group never scales, while the queue fills", () => {
    const { summary, series, activities } = simulate(fromZero([targetTracking]));
    expect(activities).toEqual([]);
    for (const column of ["alarm_TargetTracking-1-AlarmHigh_state", "alarm_TargetTracking-1-AlarmLow_state"]) {
      expect(new Set(columnValues(series, column)), column).toEqual(new Set([-1]));
    }
    expect(columnValues(series, "backlog_per_instance_msgs").every(Number.isNaN)).toBe(true);
    expect(new Set(columnValues(series, "instances"))).toEqual(new Set([0]));
    expect(summary.fleet).toMatchObject({ peakInService: 0, scaleOutActivities: 0, timeToFirstScaleOutSeconds: null });
    // 2 msg/s for 30 minutes, none received.
    expect(summary.messages.remaining.visible).toBe(summary.messages.sent);
    expect(summary.messages.sent).toBeGreaterThan(3000);
  });

  it("a step policy on approximateNumberOfMessagesVisible takes the group off zero; then backlog per instance has data", () => {
    const stepFromZero = {
      stepScaling: {
        alarm: { metric: "approximateNumberOfMessagesVisible", comparison: ">=", threshold: 1, evaluationPeriods: 1 },
        adjustmentType: "exactCapacity",
        steps: [{ lower: 0, adjustment: 1 }],
      },
    };
    const { summary, series, activities } = simulate(fromZero([targetTracking, stepFromZero]));
    const first = activities.find((a) => a.kind === "scaling")!;
    // The first minute's 120 messages are published at 2 minutes: one instance, launched then.
    expect(first).toMatchObject({ timeS: 120, source: "StepScaling-2", before: "0", after: "1" });
    const times = columnValues(series, "time_s");
    const high = columnValues(series, "alarm_TargetTracking-1-AlarmHigh_state");
    const backlog = columnValues(series, "backlog_per_instance_msgs");
    // The instance is InService at 180 s; the period ending then is the first with a backlog per instance, and it
    // is published at 240 s. Until then target tracking had no data.
    times.forEach((t, i) => {
      if (t < 240) expect(Number.isNaN(backlog[i]!), `backlog per instance at ${t} s`).toBe(true);
      if (t <= 240) expect(high[i], `AlarmHigh at ${t} s`).toBe(-1);
    });
    expect(backlog[times.indexOf(240)]).toBeGreaterThan(0);
    expect(high.some((v) => v !== -1)).toBe(true);
    expect(summary.fleet.peakInService).toBeGreaterThanOrEqual(1);
    expect(summary.messages.deleted).toBeGreaterThan(0.9 * summary.messages.sent);
  });
});

// End to end: instances launched by a scale-out count toward desired capacity while they warm up, so the high
// alarm's once-a-minute re-invocations (aws-behaviour 7.3) add nothing the metric does not ask for (6.14, 7.9, 12.8).
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { columnValues, type PeriodSeries } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

const scaling = (activities: Activity[]) => activities.filter((a) => a.kind === "scaling");
const row = (series: PeriodSeries, timeS: number) => columnValues(series, "time_s").indexOf(timeS);
const valueAt = (series: PeriodSeries, column: string, timeS: number) => columnValues(series, column)[row(series, timeS)]!;

/**
 * 10 instances hold one message each for hours; 1,510 messages arrive at 5 minutes, so backlog per instance is 150
 * until the scale-out's instances take theirs. New instances are InService at once and warm up for 10 minutes; the
 * 5-minute publishing delay keeps the alarm in ALARM on datapoints from before the scale-out for five more
 * re-invocations, all while the new instances warm up.
 */
function heldSpike(policy: object) {
  return ScenarioSchema.parse({
    name: "warmup",
    duration: "25m",
    queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
    producers: [{ name: "burst", arrivals: "uniform", traffic: [{ step: { at: "300s", rate: 151 } }, { step: { at: "310.001s", rate: -151 } }] }],
    consumers: { concurrency: 1, batchSize: 1, processing: "10h" },
    fleet: { kind: "asg", min: 10, max: 50, launchTime: "0s", warmup: "10m", policies: [policy] },
    cloudwatch: { period: "60s", publishDelay: "5m" },
  });
}

function alarmSpan(activities: Activity[], alarm: string): { from: number; to: number } {
  const from = activities.find((a) => a.source === alarm && a.after === "ALARM")!.timeS;
  const to = activities.find((a) => a.source === alarm && a.before === "ALARM")!.timeS;
  return { from, to };
}

describe("warm-up: no double counting while the high alarm stays in ALARM (aws-behaviour 6.14, 7.3, 7.9)", () => {
  it("target tracking: one scale-out 10 → 15, then five re-invocations on the same metric while 5 instances warm up add nothing (6.14)", () => {
    const { series, activities } = simulate(heldSpike({ targetTracking: { metric: "backlogPerInstance", target: 100 } }));
    const { from, to } = alarmSpan(activities, "TargetTracking-1-AlarmHigh");
    expect(from).toBe(300 + 3 * 60 + 300);
    // In ALARM for six evaluations: the transition and five re-invocations a minute apart.
    expect(to - from).toBe(6 * 60);
    for (let t = from + 60; t < to; t += 60) {
      expect(valueAt(series, "warming_instances", t), `warming at ${t} s`).toBe(5);
      expect(valueAt(series, "backlog_per_instance_msgs", t), `metric at ${t} s`).toBe(150);
    }
    expect(scaling(activities)).toEqual([expect.objectContaining({ timeS: from, before: "10", after: "15" })]);
    expect(Math.max(...columnValues(series, "desired_capacity"))).toBe(15);
  });

  it("step scaling: +5 on each invocation of the same step gives a single activity while the new instances warm up (7.9)", () => {
    const { series, activities } = simulate(
      heldSpike({
        stepScaling: {
          alarm: { metric: "backlogPerInstance", comparison: ">", threshold: 100, evaluationPeriods: 3 },
          steps: [{ lower: 0, adjustment: 5 }],
        },
      }),
    );
    const { from, to } = alarmSpan(activities, "StepScaling-1-Alarm");
    expect(to - from).toBeGreaterThanOrEqual(5 * 60);
    const out = scaling(activities);
    expect(out).toEqual([expect.objectContaining({ source: "StepScaling-1", timeS: from, before: "10", after: "15" })]);
    expect(Math.max(...columnValues(series, "desired_capacity"))).toBe(15);
  });

  it("with a growing backlog, every scale-out asks for exactly ⌈visible ÷ target⌉ of its datapoint, never desired + a step (6.14, 6.17)", () => {
    // Consumers hold their message for hours and 5 msg/s keep arriving: the backlog grows, the group follows it
    // while earlier instances are still launching (60 s) and warming up (5 min).
    const scenario = ScenarioSchema.parse({
      name: "growing",
      duration: "30m",
      queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
      producers: [{ name: "load", arrivals: "uniform", traffic: [{ step: { at: "10m", rate: 5 } }] }],
      consumers: { concurrency: 1, batchSize: 1, processing: "10h" },
      fleet: {
        kind: "asg",
        min: 2,
        max: 200,
        launchTime: "60s",
        warmup: "5m",
        policies: [{ targetTracking: { metric: "backlogPerInstance", target: 100 } }],
      },
      cloudwatch: { period: "60s", publishDelay: "60s" },
    });
    const { series, activities } = simulate(scenario);
    const out = scaling(activities);
    expect(out.length).toBeGreaterThanOrEqual(5);
    let sawWarming = false;
    for (const a of out) {
      // The datapoint acted on is the period that ended one publishing delay earlier.
      const visible = valueAt(series, "ApproximateNumberOfMessagesVisible_msgs", a.timeS - 60);
      expect(Number(a.after), `activity at ${a.timeS} s`).toBe(Math.ceil(visible / 100));
      if (valueAt(series, "warming_instances", a.timeS) + valueAt(series, "pending_instances", a.timeS) > 0) sawWarming = true;
    }
    expect(sawWarming).toBe(true);
  });
});

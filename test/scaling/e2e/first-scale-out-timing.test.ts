// End to end: when the first target tracking scale-out happens after a step in load (aws-behaviour 6.2 AlarmHigh
// M of M datapoints, 4.9 metrics published a minute late, 6.6 metric periods of 10, 30 or 60 s). Exact timing:
// uniform arrivals, no API latency, instances InService at once, and consumers that hold one message each for
// hours, so the backlog per instance is a known number from the step on.
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { columnValues, type PeriodSeries } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

const STEP_AT_S = 600;
const INSTANCES = 2;
const TARGET = 100;

function stepScenario(periodS: number, datapoints: number, publishDelayS: number) {
  return ScenarioSchema.parse({
    name: "first-scale-out",
    duration: `${STEP_AT_S + 900}s`,
    queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
    // 30 msg/s on 2 instances: even a 10 s period ends with (300 − 2) / 2 = 149 per instance, above 100.
    producers: [{ name: "load", arrivals: "uniform", traffic: [{ step: { at: `${STEP_AT_S}s`, rate: 30 } }] }],
    consumers: { concurrency: 1, batchSize: 1, processing: "10h" },
    fleet: {
      kind: "asg",
      min: INSTANCES,
      max: 100,
      desired: INSTANCES,
      launchTime: "0s",
      warmup: "0s",
      policies: [{ targetTracking: { metric: "backlogPerInstance", target: TARGET } }],
    },
    cloudwatch: { period: `${periodS}s`, publishDelay: `${publishDelayS}s`, targetTracking: { scaleOut: { datapoints } } },
    metrics: { period: `${periodS}s` },
  });
}

const scaling = (activities: Activity[]) => activities.filter((a) => a.kind === "scaling");
const valueAt = (series: PeriodSeries, column: string, timeS: number): number => {
  const i = columnValues(series, "time_s").indexOf(timeS);
  if (i < 0) throw new Error(`no row at ${timeS} s`);
  return columnValues(series, column)[i]!;
};

describe("first target tracking scale-out after a step in load (aws-behaviour 6.2, 4.9, 6.6)", () => {
  it.each([
    { periodS: 60, datapoints: 3, publishDelayS: 60, expected: 240 },
    { periodS: 10, datapoints: 3, publishDelayS: 60, expected: 90 },
    { periodS: 60, datapoints: 1, publishDelayS: 60, expected: 120 },
    { periodS: 30, datapoints: 3, publishDelayS: 120, expected: 210 },
  ])(
    "period $periodS s, $datapoints datapoints, publish delay $publishDelayS s: exactly step + datapoints × period + delay = +$expected s, not one evaluation earlier",
    ({ periodS, datapoints, publishDelayS, expected }) => {
      const { summary, series, activities } = simulate(stepScenario(periodS, datapoints, publishDelayS));
      // Precondition: no period before the step breaches, every period from the step on does.
      const times = columnValues(series, "time_s");
      const visible = columnValues(series, "ApproximateNumberOfMessagesVisible_msgs");
      const inService = columnValues(series, "instances");
      times.forEach((t, i) => {
        const backlog = visible[i]! / inService[i]!;
        if (t <= STEP_AT_S) expect(backlog, `period ending ${t} s`).toBe(0);
        else if (t <= STEP_AT_S + datapoints * periodS) expect(backlog, `period ending ${t} s`).toBeGreaterThan(TARGET);
      });

      const at = STEP_AT_S + datapoints * periodS + publishDelayS;
      const first = scaling(activities)[0]!;
      expect(first.source).toBe("TargetTracking-1");
      expect(first.timeS).toBe(at);
      expect(Number(first.after)).toBeGreaterThan(INSTANCES);
      // The alarm reaches ALARM at that evaluation and at no earlier one.
      const high = activities.filter((a) => a.source === "TargetTracking-1-AlarmHigh" && a.after === "ALARM");
      expect(high[0]?.timeS).toBe(at);
      // The row sampled at that instant (before its evaluation) still shows the old capacity and the alarm in OK:
      // the evaluation one period earlier did nothing.
      expect(valueAt(series, "desired_capacity", at)).toBe(INSTANCES);
      expect(valueAt(series, "alarm_TargetTracking-1-AlarmHigh_state", at)).toBe(0);
      expect(valueAt(series, "alarm_TargetTracking-1-AlarmHigh_state", at + periodS)).toBe(1);
      // Measured from the start of the first breaching period, the step itself.
      expect(summary.fleet.timeToFirstScaleOutSeconds).toBe(expected);
    },
  );
});

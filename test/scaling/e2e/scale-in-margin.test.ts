// End to end: target tracking treats the metric as low only sufficiently under the target, "usually more than 10%
// lower" (aws-behaviour 6.5): AlarmLow's threshold is cloudwatch.targetTracking.scaleIn.thresholdRatio × the target.
// Exact numbers: 20 instances whose one worker each holds a message for hours, and a backlog that stays put at
// about 95 per instance, between 0.9 × target and the target, where the proportional rule alone would remove one instance.
import { describe, expect, it } from "vitest";
import { columnValues } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

const INSTANCES = 20;
const TARGET = 100;

function held(thresholdRatio?: number) {
  return ScenarioSchema.parse({
    name: "scale-in-margin",
    duration: "1h",
    queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
    // 1,919 messages in the first 10 s: 20 are taken by the workers, 1,899 stay visible (94.95 per instance).
    producers: [{ name: "load", arrivals: "uniform", traffic: [{ step: { at: "0s", rate: 192 } }, { step: { at: "10s", rate: -192 } }] }],
    consumers: { concurrency: 1, batchSize: 1, processing: "10h" },
    fleet: {
      kind: "asg",
      min: 1,
      max: INSTANCES,
      desired: INSTANCES,
      launchTime: "0s",
      warmup: "0s",
      policies: [{ targetTracking: { metric: "backlogPerInstance", target: TARGET } }],
    },
    cloudwatch: thresholdRatio === undefined ? {} : { targetTracking: { scaleIn: { thresholdRatio } } },
  });
}

describe("target tracking's scale-in margin (aws-behaviour 6.5)", () => {
  it("a backlog held at 0.95 × the target for an hour: no scale-in by default (AlarmLow at 0.9 × target), one with thresholdRatio 1", () => {
    const margin = simulate(held());
    // Precondition: about 95 per instance (1,919 sent: the uniform arrivals start one interval in) in every period
    // after the first minute, under the target and over 0.9 × it.
    const visible = columnValues(margin.series, "ApproximateNumberOfMessagesVisible_msgs");
    const inService = columnValues(margin.series, "instances");
    visible.forEach((v, i) => {
      if (i > 0) expect(v / inService[i]!).toBe(94.95);
    });

    expect(margin.activities.filter((a) => a.kind === "scaling")).toEqual([]);
    const low = margin.activities.filter((a) => a.source === "TargetTracking-1-AlarmLow");
    expect(low.map((a) => a.after)).toEqual(["OK"]);
    expect(low[0]!.reason).toContain(">= 90");

    // Without the margin the proportional rule removes one instance: ⌈20 × 94.95 / 100⌉ = 19, whose estimate is 99.9.
    const none = simulate(held(1));
    const scaling = none.activities.filter((a) => a.kind === "scaling");
    expect(scaling.map((a) => `${a.before} → ${a.after}`)).toEqual(["20 → 19"]);
  });
});

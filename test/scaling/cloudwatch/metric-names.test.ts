// The one list of the metrics a scenario can name (engine/scaling-metrics.ts): what the schema accepts, what the
// autoscaler records, and how, all follow from it. Nothing here repeats the list: every check reads it.
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../../src/engine/event-queue.js";
import { SCALING_METRIC_NAMES, SCALING_METRICS } from "../../../src/engine/scaling-metrics.js";
import { ActivityLog } from "../../../src/metrics/activity-log.js";
import { type InstanceGroup } from "../../../src/scaling/asg/instance-group.js";
import { Autoscaler, CLOUDWATCH_NAME } from "../../../src/scaling/autoscaler.js";
import { METRIC_NAMES } from "../../../src/scenario/fleet-schema.js";
import { type ConsumerQueue } from "../../../src/sqs/queue-api.js";
import { errorsOf, parse, scenarioOf, scenarioYaml, SOURCE } from "../../scenario/helpers.js";

const PERIOD_US = 60_000_000;

/** An autoscaler over a queue and a group whose every level and running total is a distinct positive number. */
function autoscalerOverSteadyState(): Autoscaler {
  const queue = {
    visible: 5,
    inFlight: 3,
    delayed: 2,
    ageOfOldestMessageS: () => 7,
    sent: 11,
    received: 13,
    deleted: 17,
    requests: { emptyReceive: 19 },
  } as unknown as ConsumerQueue;
  const group = { inService: 2, desired: 3, pending: 1, setActivityListener: () => {} } as unknown as InstanceGroup;
  const config = {
    basePeriodUs: PERIOD_US,
    publishDelayUs: 0,
    targetTrackingScaleOutDatapoints: 3,
    targetTrackingScaleInDatapoints: 15,
    targetTrackingScaleInThresholdRatio: 0.9,
    policies: [],
  };
  return new Autoscaler(config, queue, group, new EventQueue(), { record: 0, evaluate: 1, scheduled: 2 }, new ActivityLog());
}

describe("the metrics a scenario can name (engine/scaling-metrics.ts)", () => {
  it("the scenario schema's metric names are the list's names, in its order", () => {
    expect(METRIC_NAMES).toBe(SCALING_METRIC_NAMES);
    expect(SCALING_METRIC_NAMES).toEqual(Object.keys(SCALING_METRICS));
  });

  it("every metric the scenario schema accepts maps to a CloudWatch name the autoscaler records or computes", () => {
    const autoscaler = autoscalerOverSteadyState();
    for (const name of METRIC_NAMES) {
      expect(CLOUDWATCH_NAME[name], name).toBe(SCALING_METRICS[name].cloudWatchName);
      expect(autoscaler.store.has(CLOUDWATCH_NAME[name]!), name).toBe(true);
    }
  });

  it("the autoscaler records each metric as its kind says: a gauge as the level at the period's end, a counter as the period's count", () => {
    const autoscaler = autoscalerOverSteadyState();
    autoscaler.onRecord(PERIOD_US);
    autoscaler.onRecord(2 * PERIOD_US); // nothing happened in the second period
    for (const name of METRIC_NAMES) {
      const { cloudWatchName, kind } = SCALING_METRICS[name];
      const first = autoscaler.store.value(cloudWatchName, PERIOD_US);
      const second = autoscaler.store.value(cloudWatchName, 2 * PERIOD_US);
      expect(first, name).toBeGreaterThan(0);
      expect(second, name).toBe(kind === "gauge" ? first : 0);
    }
  });

  it("the scenario schema accepts an alarm on each listed metric, and names them all when refusing another", () => {
    const withAlarmOn = (metric: string): string =>
      scenarioYaml(
        `fleet: { kind: asg, min: 1, max: 4, policies: [ { simpleScaling: { alarm: { metric: ${metric}, comparison: ">", threshold: 1 }, adjustment: 1 } } ] }`,
      );
    for (const name of SCALING_METRIC_NAMES) {
      const fleet = scenarioOf(parse(withAlarmOn(name))).fleet;
      expect(fleet.kind === "asg" && fleet.policies[0]).toMatchObject({ simpleScaling: { alarm: { metric: name } } });
    }
    expect(errorsOf(parse(withAlarmOn("queueDepth")))).toEqual([
      `${SOURCE}: fleet.policies.0.simpleScaling.alarm.metric: "queueDepth" is not a metric; use one of ${SCALING_METRIC_NAMES.join(", ")}`,
    ]);
  });
});

import { type Consumer } from "../consumers/consumer.js";
import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { type EventQueue } from "../engine/event-queue.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { type ActivityLog } from "../metrics/activity-log.js";
import { type AlarmConfig as AlarmSchema, type ScalingPolicyConfig, targetTrackingMetricName } from "../scenario/fleet-schema.js";
import { type Scenario } from "../scenario/schema.js";
import { InstanceGroup } from "../scaling/asg/instance-group.js";
import { type AlarmSpec, Autoscaler, type PolicySpec } from "../scaling/autoscaler.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { EventKind } from "./event-kinds.js";

/**
 * The consumer fleet of a scenario: a fixed fleet is a group whose desired capacity never changes, InService from
 * the start; an Auto Scaling group gets its launch times, warm-up, termination and an Autoscaler for its policies.
 */
export function buildFleet(
  scenario: Scenario,
  seed: number,
  pool: Consumer,
  events: EventQueue,
  activities: ActivityLog,
  queue: ConsumerQueue,
): { group: InstanceGroup; autoscaler: Autoscaler | null } {
  const fleet = scenario.fleet;
  const concurrency = scenario.consumers.concurrency;
  const kinds = { inService: EventKind.InstanceInService, drainTimeout: EventKind.InstanceDrainTimeout };
  const termination = randomStream(seed, "fleet/termination");
  if (fleet.kind === "fixed") {
    const n = fleet.instances;
    const group = new InstanceGroup(
      // "launching" with no launch time: InService at t=0 as always, and billed with the 60 s minimum as before.
      { min: n, max: n, desired: n, initialState: "launching", launchTimeS: () => 0, warmupUs: 0, drain: false, drainTimeoutUs: 0,
        scaleInProtection: false, terminationOrder: "default", concurrency },
      pool, events, kinds, termination,
    );
    return { group, autoscaler: null };
  }
  const drain = fleet.termination !== "abrupt";
  const group = new InstanceGroup(
    {
      min: fleet.min,
      max: fleet.max,
      desired: fleet.desired ?? fleet.min,
      initialState: fleet.initialState,
      launchTimeS: makeSampler(fleet.launchTime as DistributionSpec, randomStream(seed, "fleet/launch-time")),
      warmupUs: secondsToUs(fleet.warmup),
      drain,
      drainTimeoutUs: fleet.termination === "abrupt" ? 0 : secondsToUs(fleet.termination.drain.timeout),
      scaleInProtection: fleet.scaleInProtection,
      terminationOrder: fleet.terminationPolicy,
      concurrency,
    },
    pool, events, kinds, termination,
  );
  const cw = scenario.cloudwatch;
  const autoscaler = new Autoscaler(
    {
      basePeriodUs: secondsToUs(cw.period),
      publishDelayUs: secondsToUs(cw.publishDelay),
      targetTrackingScaleOutDatapoints: cw.targetTracking.scaleOut.datapoints,
      targetTrackingScaleInDatapoints: cw.targetTracking.scaleIn.datapoints,
      targetTrackingScaleInThresholdRatio: cw.targetTracking.scaleIn.thresholdRatio,
      policies: fleet.policies.map((p) => policySpec(p, fleet.warmup, fleet.cooldown)),
    },
    queue, group, events,
    { record: EventKind.CloudWatchRecord, evaluate: EventKind.CloudWatchEvaluate, scheduled: EventKind.ScheduledAction },
    activities,
  );
  return { group, autoscaler };
}

function alarmSpec(a: AlarmSchema): AlarmSpec {
  return {
    metric: a.metric,
    statistic: a.statistic,
    periodUs: secondsToUs(a.period),
    evaluationPeriods: a.evaluationPeriods,
    datapointsToAlarm: a.datapointsToAlarm ?? a.evaluationPeriods,
    comparison: a.comparison,
    threshold: a.threshold,
    treatMissingData: a.treatMissingData,
  };
}

/** Scenario policy → the autoscaler's, in µs; warm-up and cooldown fall back to the group's (5.9-5.10). */
function policySpec(p: ScalingPolicyConfig, groupWarmupS: number, groupCooldownS: number): PolicySpec {
  if ("targetTracking" in p) {
    const t = p.targetTracking;
    const spec = { kind: "targetTracking" as const, metric: targetTrackingMetricName(t.metric), target: t.target, disableScaleIn: t.disableScaleIn, warmupUs: secondsToUs(t.warmup ?? groupWarmupS) };
    return typeof t.metric === "string" ? spec : { ...spec, include: t.metric.messagesPerInstance.include };
  }
  if ("stepScaling" in p) {
    const s = p.stepScaling;
    return {
      kind: "stepScaling", alarm: alarmSpec(s.alarm), adjustmentType: s.adjustmentType, steps: s.steps,
      minAdjustmentMagnitude: s.minAdjustmentMagnitude, aggregation: s.metricAggregationType, warmupUs: secondsToUs(s.warmup ?? groupWarmupS),
    };
  }
  if ("simpleScaling" in p) {
    const s = p.simpleScaling;
    return {
      kind: "simpleScaling", alarm: alarmSpec(s.alarm), adjustmentType: s.adjustmentType, adjustment: s.adjustment,
      minAdjustmentMagnitude: s.minAdjustmentMagnitude, cooldownUs: secondsToUs(s.cooldown ?? groupCooldownS),
    };
  }
  const s = p.scheduled;
  return { kind: "scheduled", atUs: secondsToUs(s.at), min: s.min, max: s.max, desired: s.desired };
}

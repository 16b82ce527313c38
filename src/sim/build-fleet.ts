import { type Consumer } from "../consumers/consumer.js";
import { makeSampler, type DistributionSpec } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { type ActivityLog } from "../metrics/activity-log.js";
import { type AlarmConfig as AlarmSchema, type ScalingPolicyConfig, targetTrackingMetricName } from "../scenario/fleet-schema.js";
import { type PoolResource, type RunSettings } from "../scenario/resources.js";
import { type Scaler } from "../scaling/scaler.js";
import { InstanceGroup } from "../scaling/asg/instance-group.js";
import { type AlarmSpec, Autoscaler, type PolicySpec } from "../scaling/autoscaler.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";

/** A pool's capacity and the scalers that drive it. */
export interface BuiltFleet {
  capacity: InstanceGroup;
  scalers: Scaler[];
}

/**
 * A pool's fleet, with its event kinds registered with the kernel: a fixed fleet is a group whose desired capacity
 * never changes, InService from the start; an Auto Scaling group gets its launch times, warm-up, termination, and an
 * Autoscaler (its policies on CloudWatch alarms over the queue the pool reads) as its scaler.
 */
export function buildFleet(
  scenario: Pick<RunSettings, "cloudwatch">,
  pool: PoolResource,
  seed: number,
  consumer: Consumer,
  kernel: Kernel,
  activities: ActivityLog,
  queue: ConsumerQueue,
): BuiltFleet {
  const fleet = pool.fleet;
  const concurrency = pool.consumers.concurrency;
  const events = kernel.events;
  let capacity: InstanceGroup | null = null;
  const kinds = {
    inService: kernel.register("instance in service", (t, _a, now) => capacity!.onInService(t, now)),
    drainTimeout: kernel.register("instance drain timeout", (t, _a, now) => capacity!.onDrainTimeout(t, now)),
  };
  const termination = randomStream(seed, `${pool.streams.fleet}/termination`);
  const hourlyPriceUsd = pool.hourlyUsd;
  if (fleet.kind === "fixed") {
    const n = fleet.instances;
    capacity = new InstanceGroup(
      // "launching" with no launch time: InService at t=0 as always, and billed with the 60 s minimum as before.
      {
        name: pool.name,
        min: n,
        max: n,
        desired: n,
        initialState: "launching",
        launchTimeS: () => 0,
        warmupUs: 0,
        drain: false,
        drainTimeoutUs: 0,
        scaleInProtection: false,
        terminationOrder: "default",
        concurrency,
        hourlyPriceUsd,
      },
      consumer,
      events,
      kinds,
      termination,
    );
    return { capacity, scalers: [] };
  }
  const drain = fleet.termination !== "abrupt";
  capacity = new InstanceGroup(
    {
      name: pool.name,
      min: fleet.min,
      max: fleet.max,
      desired: fleet.desired ?? fleet.min,
      initialState: fleet.initialState,
      launchTimeS: makeSampler(fleet.launchTime as DistributionSpec, randomStream(seed, `${pool.streams.fleet}/launch-time`)),
      warmupUs: secondsToUs(fleet.warmup),
      drain,
      drainTimeoutUs: fleet.termination === "abrupt" ? 0 : secondsToUs(fleet.termination.drain.timeout),
      scaleInProtection: fleet.scaleInProtection,
      terminationOrder: fleet.terminationPolicy,
      concurrency,
      hourlyPriceUsd,
    },
    consumer,
    events,
    kinds,
    termination,
  );
  const cw = scenario.cloudwatch;
  let autoscaler: Autoscaler | null = null;
  const scalerKinds = {
    record: kernel.register("cloudwatch datapoints", (_t, _a, now) => autoscaler!.onRecord(now)),
    evaluate: kernel.register("alarm evaluation", (_t, _a, now) => autoscaler!.onEvaluate(now)),
    scheduled: kernel.register("scheduled action", (t, _a, now) => autoscaler!.onScheduled(t, now)),
  };
  autoscaler = new Autoscaler(
    {
      basePeriodUs: secondsToUs(cw.period),
      publishDelayUs: secondsToUs(cw.publishDelay),
      targetTrackingScaleOutDatapoints: cw.targetTracking.scaleOut.datapoints,
      targetTrackingScaleInDatapoints: cw.targetTracking.scaleIn.datapoints,
      targetTrackingScaleInThresholdRatio: cw.targetTracking.scaleIn.thresholdRatio,
      policies: fleet.policies.map((p) => policySpec(p, fleet.warmup, fleet.cooldown)),
    },
    queue,
    capacity,
    events,
    scalerKinds,
    activities,
  );
  return { capacity, scalers: [autoscaler] };
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
    const spec = {
      kind: "targetTracking" as const,
      metric: targetTrackingMetricName(t.metric),
      target: t.target,
      disableScaleIn: t.disableScaleIn,
      warmupUs: secondsToUs(t.warmup ?? groupWarmupS),
    };
    return typeof t.metric === "string" ? spec : { ...spec, include: t.metric.messagesPerInstance.include };
  }
  if ("stepScaling" in p) {
    const s = p.stepScaling;
    return {
      kind: "stepScaling",
      alarm: alarmSpec(s.alarm),
      adjustmentType: s.adjustmentType,
      steps: s.steps,
      minAdjustmentMagnitude: s.minAdjustmentMagnitude,
      aggregation: s.metricAggregationType,
      warmupUs: secondsToUs(s.warmup ?? groupWarmupS),
    };
  }
  if ("simpleScaling" in p) {
    const s = p.simpleScaling;
    return {
      kind: "simpleScaling",
      alarm: alarmSpec(s.alarm),
      adjustmentType: s.adjustmentType,
      adjustment: s.adjustment,
      minAdjustmentMagnitude: s.minAdjustmentMagnitude,
      cooldownUs: secondsToUs(s.cooldown ?? groupCooldownS),
    };
  }
  const s = p.scheduled;
  return { kind: "scheduled", atUs: secondsToUs(s.at), min: s.min, max: s.max, desired: s.desired };
}

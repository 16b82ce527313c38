// The consumer fleet: a fixed set of instances, or an EC2 Auto Scaling group with scaling policies (aws-behaviour §5-§7).
import { z } from "zod";
import { SCALING_METRIC_NAMES, type ScalingMetricName } from "../engine/scaling-metrics.js";
import { groupThousands } from "../engine/units.js";
import { aboutValue, describeValue, duration, durationDistribution, expectedMessage, integer, oneKeyObject, positive, strictObject } from "./fields.js";

const HOUR = 3_600;
/** Period × EvaluationPeriods of a CloudWatch alarm: at most one week (aws-behaviour 7.1). */
const MAX_EVALUATION_SPAN_S = 604_800;

/**
 * Metrics an alarm or a policy can act on: the SQS metrics of §4, the group's own, and backlog per instance. The list,
 * with each one's CloudWatch name, unit and kind, is engine/scaling-metrics.ts (which the autoscaler reads too).
 */
export const METRIC_NAMES = SCALING_METRIC_NAMES;
export type MetricName = ScalingMetricName;

const metricName = z.enum(METRIC_NAMES, {
  error: (iss) => aboutValue(iss.input, `is not a metric; use one of ${METRIC_NAMES.join(", ")}`),
});

/** A CloudWatch alarm as PutMetricAlarm takes it (aws-behaviour 7.1-7.2, 7.8). */
const alarm = strictObject({
  metric: metricName,
  statistic: z.enum(["average", "sum", "minimum", "maximum", "sampleCount"]).default("average"),
  // 10, 20, 30 or a multiple of 60 s (7.1); checked against cloudwatch.period below.
  period: duration({ min: 10, authority: "CloudWatch" }).prefault("60s"),
  evaluationPeriods: integer({ min: 1 }).default(1),
  datapointsToAlarm: integer({ min: 1 }).optional().describe("M of N; defaults to evaluationPeriods"),
  comparison: z.enum([">=", ">", "<", "<="], {
    error: (iss) => aboutValue(iss.input, "is not a comparison; use >=, >, < or <="),
  }),
  threshold: z.number(),
  treatMissingData: z.enum(["missing", "breaching", "notBreaching", "ignore"]).default("missing"), // 7.2
}).superRefine((a, ctx) => {
  if (a.datapointsToAlarm !== undefined && a.datapointsToAlarm > a.evaluationPeriods) {
    ctx.addIssue({
      code: "custom",
      path: ["datapointsToAlarm"],
      message: `${a.datapointsToAlarm} is above evaluationPeriods (${a.evaluationPeriods}): M of N needs M ≤ N`,
    });
  }
  if (![10, 20, 30].includes(a.period) && a.period % 60 !== 0) {
    ctx.addIssue({ code: "custom", path: ["period"], message: `${a.period} s is not a CloudWatch alarm period: use 10s, 20s, 30s or a multiple of 60s` });
  }
  if (a.period * a.evaluationPeriods > MAX_EVALUATION_SPAN_S) {
    ctx.addIssue({
      code: "custom",
      path: ["evaluationPeriods"],
      message: `period × evaluationPeriods is ${a.period * a.evaluationPeriods} s, above the CloudWatch maximum of 7d (604,800 s)`,
    });
  }
});

const adjustmentType = z.enum(["changeInCapacity", "exactCapacity", "percentChangeInCapacity"]).default("changeInCapacity"); // 7.4

/** The SQS gauges messagesPerInstance can add up: visible, in flight, delayed (aws-behaviour 4.1-4.3). */
export const MESSAGE_COUNTS = ["visible", "notVisible", "delayed"] as const;
export type MessageCount = (typeof MESSAGE_COUNTS)[number];

/**
 * Messages per instance by metric math (6.18): the chosen SQS gauges summed, ÷ InService instances. With notVisible
 * it counts the messages being worked on, so it reads about workers × utilisation per instance at any fleet size
 * that keeps up, where backlog per instance reads about 0. `delayed` may be added: those messages are work that
 * arrives within 15 minutes (a delay queue), so counting them scales ahead of it.
 */
const messagesPerInstance = strictObject({
  messagesPerInstance: strictObject({
    include: z
      .array(
        z.enum(MESSAGE_COUNTS, {
          error: (iss) => aboutValue(iss.input, `is not a message count; use ${MESSAGE_COUNTS.join(", ")}`),
        }),
      )
      .min(1, { error: "needs at least one of visible, notVisible, delayed" })
      .refine((list) => new Set(list).size === list.length, { error: "names a message count twice" })
      .default(["visible", "notVisible"])
      .describe("SQS gauges summed before dividing by InService instances: visible, notVisible (in flight), delayed"),
  }).prefault({}),
});

/** A target tracking metric: backlogPerInstance, raw visible messages, or messagesPerInstance by metric math. */
const targetTrackingMetric = z.union(
  [
    // Raw visible messages do not scale with the group (6.16), which is exactly what a demo may want to show.
    z.enum(["backlogPerInstance", "approximateNumberOfMessagesVisible"] as const satisfies readonly MetricName[]),
    messagesPerInstance,
  ],
  {
    error: (iss) =>
      aboutValue(
        iss.input,
        "is not a target tracking metric; use backlogPerInstance, approximateNumberOfMessagesVisible or { messagesPerInstance: { include: [visible, notVisible] } }",
      ),
  },
);
export type TargetTrackingMetric = z.output<typeof targetTrackingMetric>;

/** The metric's name in outputs and alarms: `messagesPerInstance(visible+notVisible)` for the metric-math one. */
export function targetTrackingMetricName(metric: TargetTrackingMetric): string {
  return typeof metric === "string" ? metric : `messagesPerInstance(${metric.messagesPerInstance.include.join("+")})`;
}

const targetTracking = strictObject({
  metric: targetTrackingMetric.default("backlogPerInstance"),
  target: positive(),
  disableScaleIn: z.boolean().default(false), // 6.11
  warmup: duration({ max: HOUR, authority: "Auto Scaling" }).optional().describe("EstimatedInstanceWarmup; defaults to the group's warmup"),
});

const step = strictObject({
  lower: z.number().optional(),
  upper: z.number().optional(),
  adjustment: z.number().int({ error: "an adjustment is a whole number (a count, or a percent)" }),
});

const stepScaling = strictObject({
  alarm,
  adjustmentType,
  steps: z.array(step).min(1, { error: "needs at least one step" }).max(20, { error: "has more than the Auto Scaling maximum of 20 steps" }), // 5.19
  minAdjustmentMagnitude: integer({ min: 1 }).optional(), // 7.6
  metricAggregationType: z.enum(["average", "minimum", "maximum"]).default("average"), // 7.8
  warmup: duration({ max: HOUR, authority: "Auto Scaling" }).optional(),
});

const simpleScaling = strictObject({
  alarm,
  adjustmentType,
  adjustment: z.number().int({ error: "an adjustment is a whole number (a count, or a percent)" }),
  minAdjustmentMagnitude: integer({ min: 1 }).optional(),
  cooldown: duration().optional().describe("Defaults to the group's cooldown (5.10)"),
});

const scheduled = strictObject({
  at: duration(),
  min: integer({ min: 0 }).optional(),
  max: integer({ min: 0 }).optional(),
  desired: integer({ min: 0 }).optional(),
}).refine((s) => s.min !== undefined || s.max !== undefined || s.desired !== undefined, {
  error: "a scheduled action sets at least one of min, max, desired",
});

export type AlarmConfig = z.output<typeof alarm>;
export type TargetTrackingConfig = z.output<typeof targetTracking>;
export type StepScalingConfig = z.output<typeof stepScaling>;
export type SimpleScalingConfig = z.output<typeof simpleScaling>;
export type ScheduledActionConfig = z.output<typeof scheduled>;
export type ScalingPolicyConfig =
  | { targetTracking: TargetTrackingConfig }
  | { stepScaling: StepScalingConfig }
  | { simpleScaling: SimpleScalingConfig }
  | { scheduled: ScheduledActionConfig };

const policy = oneKeyObject(
  {
    targetTracking: targetTracking.optional(),
    stepScaling: stepScaling.optional(),
    simpleScaling: simpleScaling.optional(),
    scheduled: scheduled.optional(),
  },
  "a scaling policy",
).transform((p): ScalingPolicyConfig => {
  if (p.targetTracking) return { targetTracking: p.targetTracking };
  if (p.stepScaling) return { stepScaling: p.stepScaling };
  if (p.simpleScaling) return { simpleScaling: p.simpleScaling };
  if (p.scheduled) return { scheduled: p.scheduled };
  // Only reached when parsing already failed (zod still runs transforms after non-fatal issues such as an unknown
  // key, `- { foo: 1 }`); the value is discarded.
  return { scheduled: { at: 0 } };
});

const drainTermination = strictObject({
  drain: strictObject({ timeout: duration({ max: 2 * HOUR }).prefault("5m") }).prefault({}),
});
const termination = z.union([z.literal("abrupt"), z.literal("drain").transform(() => ({ drain: { timeout: 300 } })), drainTermination], {
  error: (iss) => aboutValue(iss.input, "is not a termination mode; use abrupt, drain, or { drain: { timeout: 5m } }"),
});

/** A name from the scenario's instanceTypes (checked against them with the whole scenario). */
const instanceType = z
  .string()
  .optional()
  .describe(
    "A name from instanceTypes: its hourly price, workers per instance and processing speed replace cost.instanceHourlyUsd, consumers.concurrency and consumers.processing's scale",
  );

const fixedFleet = strictObject({
  kind: z.literal("fixed"),
  instances: integer({ min: 0 }).default(1),
  instanceType,
});

const asgFleet = strictObject({
  kind: z.literal("asg"),
  min: integer({ min: 0 }).default(1),
  max: integer({ min: 0 }),
  desired: integer({ min: 0 }).optional().describe("Initial desired capacity; defaults to min (5.14)"),
  initialState: z
    .enum(["running", "launching"], {
      error: (iss) => aboutValue(iss.input, "is not an initial state; use running or launching"),
    })
    .default("running")
    .describe(
      "How the initial desired instances start: running (the group existed before the run: InService and past warm-up at t=0) or launching (launched at t=0: Pending for launchTime, then warming up)",
    ),
  instanceType,
  // Launch-to-InService time is not documented by AWS; 1-2 min is a common rule of thumb for Linux (5.6).
  launchTime: durationDistribution().prefault({ uniform: { min: "60s", max: "120s" } }),
  warmup: duration({ max: HOUR, authority: "Auto Scaling" }).prefault("300s"), // 5.8-5.9, 6.14
  cooldown: duration().prefault("300s"), // DefaultCooldown, simple scaling only (5.10)
  termination: termination.default("abrupt"),
  terminationPolicy: z.enum(["default", "oldestInstance", "newestInstance"]).default("default"), // 5.15-5.16
  scaleInProtection: z.boolean().default(false), // 5.17
  policies: z.array(policy).max(50, { error: "has more than the Auto Scaling maximum of 50 policies" }).default([]), // 5.19
}).superRefine((g, ctx) => {
  if (g.min > g.max) {
    ctx.addIssue({ code: "custom", path: ["min"], message: `min ${g.min} is above max ${g.max}` });
    return;
  }
  const desired = g.desired ?? g.min;
  if (desired < g.min || desired > g.max) {
    ctx.addIssue({ code: "custom", path: ["desired"], message: `${desired} is outside [min ${g.min}, max ${g.max}] (5.14)` });
  }
});

export type FixedFleetConfig = z.output<typeof fixedFleet>;
export type AsgFleetConfig = z.output<typeof asgFleet>;

/** `kind` may be left out for a fixed fleet (the default). */
export const fleetSchema = z.preprocess(
  (v) => (typeof v === "object" && v !== null && !Array.isArray(v) && !("kind" in v) ? { ...v, kind: "fixed" } : v),
  z.discriminatedUnion("kind", [fixedFleet, asgFleet], {
    error: (iss) => {
      const fleet = iss.input;
      if (typeof fleet !== "object" || fleet === null || Array.isArray(fleet)) return expectedMessage(fleet, "a mapping such as { kind: fixed, instances: 2 }");
      return aboutValue((fleet as { kind?: unknown }).kind, "is not a fleet kind; use fixed or asg");
    },
  }),
);

/** CloudWatch's side of autoscaling (aws-behaviour 4.9-4.12, 6.2, 6.6). */
export const cloudwatchSchema = strictObject({
  period: duration({ authority: "CloudWatch" }).prefault("60s"),
  publishDelay: duration({ max: 900, authority: "CloudWatch" }).prefault("60s"),
  targetTracking: strictObject({
    scaleOut: strictObject({ datapoints: integer({ min: 1 }).default(3) }).prefault({}),
    scaleIn: strictObject({
      datapoints: integer({ min: 1 }).default(15),
      // AWS treats the metric as low only "sufficiently" under the target, "usually more than 10% lower" (6.5).
      thresholdRatio: z
        .number()
        .gt(0, { error: (iss) => `${describeValue(iss.input)} must be more than 0 (AlarmLow's threshold is this fraction of the target)` })
        .max(1, { error: (iss) => `${describeValue(iss.input)} is above 1: AlarmLow's threshold cannot be above the target` })
        .default(0.9)
        .describe(
          "AlarmLow's threshold as a fraction of the target, (0, 1]: scale-in is considered only below target x this (aws-behaviour 6.5: usually more than 10% lower)",
        ),
    }).prefault({}),
  }).prefault({}),
}).superRefine((c, ctx) => {
  if (![10, 30, 60].includes(c.period)) {
    ctx.addIssue({ code: "custom", path: ["period"], message: `${c.period} s is not a metric period target tracking accepts: use 10s, 30s or 60s (6.6)` });
    return;
  }
  // The alarms target tracking makes are alarms like any other: N datapoints of one period span at most 7 days (7.1).
  for (const side of ["scaleOut", "scaleIn"] as const) {
    const n = c.targetTracking[side].datapoints;
    if (c.period * n > MAX_EVALUATION_SPAN_S) {
      ctx.addIssue({
        code: "custom",
        path: ["targetTracking", side, "datapoints"],
        message:
          `${groupThousands(n)} datapoints of cloudwatch.period (${c.period} s) span ${groupThousands(c.period * n)} s, above the ` +
          `CloudWatch maximum of 7d (604,800 s) for period × evaluationPeriods (aws-behaviour 7.1); use at most ${groupThousands(Math.floor(MAX_EVALUATION_SPAN_S / c.period))}`,
      });
    }
  }
});

export const sloSchema = strictObject({
  maxQueueWait: duration().describe("Messages that wait longer than this count as SLO misses"),
});

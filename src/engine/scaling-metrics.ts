// The metrics a scenario's alarms and scaling policies can name, each defined once: its name in the scenario file,
// CloudWatch's, its unit, its kind, and a label for people. The scenario schema's enum (scenario/fleet-schema.ts
// METRIC_NAMES), the autoscaler's CloudWatch names (scaling/autoscaler.ts CLOUDWATCH_NAME, scaling/cloudwatch/
// metric-names.ts METRIC) and the scaling chart's labels are derived from it, so they cannot drift apart.
// It lives in engine/ because both scenario/ (the schema) and scaling/ (the autoscaler) read it, and engine/ is the
// one folder both may import (docs/architecture.md). The series columns (sim/fleet-columns.ts …) are another thing.
// Pure; no project imports.

export interface ScalingMetric {
  /** CloudWatch's name, spelled as AWS spells it; for metric math, the expression's name in the simulator. */
  readonly cloudWatchName: string;
  /** The short name the autoscaler records it by (scaling/cloudwatch/metric-names.ts METRIC.<alias>). */
  readonly alias: string;
  readonly unit: "messages" | "s" | "requests" | "instances";
  /** A gauge is sampled at the end of each period; a counter counts what happened during the period. */
  readonly kind: "gauge" | "counter";
  /** Who publishes it: the queue (AWS/SQS, aws-behaviour §4), the group (AWS/AutoScaling) or metric math (6.18). */
  readonly of: "queue" | "group" | "derived";
  /** What it is, in a chart's or a message's words. */
  readonly label: string;
}

/** Every metric an alarm or a policy can act on, in the order the schema lists them (its error message, the JSON Schema). */
export const SCALING_METRICS = {
  /** Visible messages only: in-flight and delayed are excluded (aws-behaviour 4.1, 12.1). */
  approximateNumberOfMessagesVisible: {
    cloudWatchName: "ApproximateNumberOfMessagesVisible",
    alias: "visible",
    unit: "messages",
    kind: "gauge",
    of: "queue",
    label: "visible messages",
  },
  approximateNumberOfMessagesNotVisible: {
    cloudWatchName: "ApproximateNumberOfMessagesNotVisible",
    alias: "notVisible",
    unit: "messages",
    kind: "gauge",
    of: "queue",
    label: "in-flight messages",
  },
  approximateNumberOfMessagesDelayed: {
    cloudWatchName: "ApproximateNumberOfMessagesDelayed",
    alias: "delayed",
    unit: "messages",
    kind: "gauge",
    of: "queue",
    label: "delayed messages",
  },
  approximateAgeOfOldestMessage: {
    cloudWatchName: "ApproximateAgeOfOldestMessage",
    alias: "ageOfOldest",
    unit: "s",
    kind: "gauge",
    of: "queue",
    label: "age of oldest message",
  },
  numberOfMessagesSent: {
    cloudWatchName: "NumberOfMessagesSent",
    alias: "sent",
    unit: "messages",
    kind: "counter",
    of: "queue",
    label: "messages sent per period",
  },
  numberOfMessagesReceived: {
    cloudWatchName: "NumberOfMessagesReceived",
    alias: "received",
    unit: "messages",
    kind: "counter",
    of: "queue",
    label: "messages received per period",
  },
  numberOfMessagesDeleted: {
    cloudWatchName: "NumberOfMessagesDeleted",
    alias: "deleted",
    unit: "messages",
    kind: "counter",
    of: "queue",
    label: "messages deleted per period",
  },
  numberOfEmptyReceives: {
    cloudWatchName: "NumberOfEmptyReceives",
    alias: "emptyReceives",
    unit: "requests",
    kind: "counter",
    of: "queue",
    label: "empty receives per period",
  },
  /** The backlog-per-instance denominator (aws-behaviour 6.18, 12.8). */
  groupInServiceInstances: {
    cloudWatchName: "GroupInServiceInstances",
    alias: "inService",
    unit: "instances",
    kind: "gauge",
    of: "group",
    label: "InService instances",
  },
  groupDesiredCapacity: { cloudWatchName: "GroupDesiredCapacity", alias: "desired", unit: "instances", kind: "gauge", of: "group", label: "desired capacity" },
  groupPendingInstances: {
    cloudWatchName: "GroupPendingInstances",
    alias: "pending",
    unit: "instances",
    kind: "gauge",
    of: "group",
    label: "pending instances",
  },
  /** Visible messages ÷ InService instances, AWS's recipe for SQS worker fleets (aws-behaviour 6.17-6.18). */
  backlogPerInstance: {
    cloudWatchName: "backlogPerInstance",
    alias: "backlogPerInstance",
    unit: "messages",
    kind: "gauge",
    of: "derived",
    label: "backlog per instance",
  },
} as const satisfies Readonly<Record<string, ScalingMetric>>;

export type ScalingMetricName = keyof typeof SCALING_METRICS;

/** The scenario's metric names, in the list's order (a non-empty tuple, as z.enum takes it). */
export const SCALING_METRIC_NAMES = Object.keys(SCALING_METRICS) as [ScalingMetricName, ...ScalingMetricName[]];

/** Scenario metric name → CloudWatch's. */
export const CLOUDWATCH_NAME_OF = Object.fromEntries(SCALING_METRIC_NAMES.map((name) => [name, SCALING_METRICS[name].cloudWatchName])) as Readonly<
  Record<ScalingMetricName, string>
>;

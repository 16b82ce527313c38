import { type EventQueue } from "../engine/event-queue.js";
import { Phase } from "../engine/phases.js";
import { CLOUDWATCH_NAME_OF } from "../engine/scaling-metrics.js";
import { type ActivityLog } from "../metrics/activity-log.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { type ColumnReader } from "../metrics/period-series.js";
import { type Capacity } from "./capacity.js";
import { type Scaler } from "./scaler.js";
import { alarmStateColumn, alarmValueColumn, BACKLOG_PER_INSTANCE_COLUMN } from "./scaler-columns.js";
import { Alarm, type AlarmConfig } from "./cloudwatch/alarm.js";
import { type Comparison, breaches } from "./cloudwatch/alarm-rule.js";
import { BACKLOG_PER_INSTANCE, messagesPerInstance } from "./cloudwatch/metric-math.js";
import { METRIC } from "./cloudwatch/metric-names.js";
import { MetricStore } from "./cloudwatch/metric-store.js";
import { statisticOver, type Statistic } from "./cloudwatch/statistics.js";
import { applyAdjustment, type AdjustmentType } from "./policies/adjustment.js";
import { applyScheduledAction } from "./policies/capacity-bounds.js";
import { simpleScalingAllowed } from "./policies/simple-scaling.js";
import { type AlarmComparison, selectStep, type StepAdjustment, stepScalingDesired } from "./policies/step-scaling.js";
import { combineTargetTracking, type TargetTrackingRequest, targetTrackingRequest } from "./policies/target-tracking.js";

/** Scenario metric names (camelCase) to CloudWatch's, from the one list of them (engine/scaling-metrics.ts). */
export const CLOUDWATCH_NAME: Record<string, string> = CLOUDWATCH_NAME_OF;

/** An alarm as a policy declares it: the alarm's own config, named by the autoscaler. */
export type AlarmSpec = Omit<AlarmConfig, "name" | "evaluationRange">;

export type PolicySpec =
  | {
      kind: "targetTracking";
      metric: string;
      target: number;
      disableScaleIn: boolean;
      warmupUs: number;
      /** messagesPerInstance's gauges (metric math, 6.18), when `metric` names one; `metric` is then its name. */
      include?: readonly string[];
    }
  | {
      kind: "stepScaling";
      alarm: AlarmSpec;
      adjustmentType: AdjustmentType;
      steps: StepAdjustment[];
      minAdjustmentMagnitude: number | undefined;
      aggregation: Statistic;
      warmupUs: number;
    }
  | {
      kind: "simpleScaling";
      alarm: AlarmSpec;
      adjustmentType: AdjustmentType;
      adjustment: number;
      minAdjustmentMagnitude: number | undefined;
      cooldownUs: number;
    }
  | { kind: "scheduled"; atUs: number; min: number | undefined; max: number | undefined; desired: number | undefined };

export interface AutoscalerConfig {
  basePeriodUs: number;
  publishDelayUs: number;
  targetTrackingScaleOutDatapoints: number;
  targetTrackingScaleInDatapoints: number;
  /** AlarmLow's threshold ÷ the target (aws-behaviour 6.5: the metric is low only well under the target). */
  targetTrackingScaleInThresholdRatio: number;
  policies: PolicySpec[];
}

export interface AutoscalerEventKinds {
  record: number;
  evaluate: number;
  scheduled: number;
}

interface TargetTracking {
  name: string;
  spec: Extract<PolicySpec, { kind: "targetTracking" }>;
  high: Alarm;
  low: Alarm;
}
interface StepPolicy {
  name: string;
  spec: Extract<PolicySpec, { kind: "stepScaling" }>;
  alarm: Alarm;
}
interface SimplePolicy {
  name: string;
  spec: Extract<PolicySpec, { kind: "simpleScaling" }>;
  alarm: Alarm;
  /** When the last activity ended (its instances InService or gone), or null before any; cooldown runs from here. */
  lastActivityEndUs: number | null;
  activityInProgress: boolean;
}

const TO_AWS_COMPARISON: Record<Comparison, AlarmComparison> = {
  ">=": "GreaterThanOrEqualToThreshold",
  ">": "GreaterThanThreshold",
  "<": "LessThanThreshold",
  "<=": "LessThanOrEqualToThreshold",
};

/**
 * CloudWatch plus Auto Scaling's policies over one group: records the SQS and group metrics once per base period,
 * evaluates every alarm when a period's datapoints are published (period end + publish delay, aws-behaviour 4.9-4.12),
 * and lets each policy act on its alarms (target tracking 6.x, step and simple scaling 7.x, scheduled actions).
 */
export class Autoscaler implements Scaler {
  readonly name: string;
  readonly store: MetricStore;
  readonly alarms: Alarm[] = [];
  private readonly targetTracking: TargetTracking[] = [];
  private readonly steps: StepPolicy[] = [];
  private readonly simple: SimplePolicy[] = [];
  private readonly scheduled: { name: string; spec: Extract<PolicySpec, { kind: "scheduled" }> }[] = [];
  private prev = { sent: 0, received: 0, deleted: 0, emptyReceives: 0 };
  /** Start of the first breaching period behind the first scale-out (for timeToFirstScaleOut), or null. */
  firstScaleOut: { atUs: number; breachStartUs: number } | null = null;
  scaleOutActivities = 0;
  scaleInActivities = 0;

  constructor(
    private readonly config: AutoscalerConfig,
    private readonly queue: ConsumerQueue,
    private readonly group: Capacity,
    private readonly events: EventQueue,
    private readonly kinds: AutoscalerEventKinds,
    private readonly activities: ActivityLog,
  ) {
    this.name = `${group.name} scaling policies`;
    this.store = new MetricStore({ basePeriodUs: config.basePeriodUs, publishDelayUs: config.publishDelayUs });
    for (const name of Object.values(METRIC)) this.store.addMetric(name);
    this.store.addDerived(BACKLOG_PER_INSTANCE);
    config.policies.forEach((spec, i) => this.addPolicy(spec, i));
    group.setActivityListener({
      desiredChanged: (nowUs, before, after, source, reason) => {
        this.activities.add(nowUs, "scaling", source, before, after, reason);
        if (after > before) this.scaleOutActivities++;
        else this.scaleInActivities++;
      },
      // Simple scaling's cooldown runs from the moment its activity's last instance is InService or gone (5.12).
      settled: (nowUs) => {
        for (const p of this.simple) {
          if (!p.activityInProgress) continue;
          p.activityInProgress = false;
          p.lastActivityEndUs = nowUs;
        }
      },
    });
  }

  /** Schedules the first datapoint recording and alarm evaluation, and the scheduled actions. */
  start(): void {
    this.events.push(this.config.basePeriodUs, Phase.MetricSample, this.kinds.record, 0);
    this.events.push(this.config.basePeriodUs + this.config.publishDelayUs, Phase.ScalingDecision, this.kinds.evaluate, 0);
    this.scheduled.forEach((s, i) => this.events.push(s.spec.atUs, Phase.CapacityChange, this.kinds.scheduled, i));
  }

  /** A base period ended: one datapoint per metric, gauges sampled now, counters over the period. */
  onRecord(nowUs: number): void {
    const q = this.queue;
    const g = this.group;
    const s = this.store;
    s.record(METRIC.visible, nowUs, q.visible);
    s.record(METRIC.notVisible, nowUs, q.inFlight);
    s.record(METRIC.delayed, nowUs, q.delayed);
    s.record(METRIC.ageOfOldest, nowUs, q.ageOfOldestMessageS(nowUs));
    s.record(METRIC.sent, nowUs, q.sent - this.prev.sent);
    s.record(METRIC.received, nowUs, q.received - this.prev.received);
    s.record(METRIC.deleted, nowUs, q.deleted - this.prev.deleted);
    s.record(METRIC.emptyReceives, nowUs, q.requests.emptyReceive - this.prev.emptyReceives);
    s.record(METRIC.inService, nowUs, g.inService);
    s.record(METRIC.desired, nowUs, g.desired);
    s.record(METRIC.pending, nowUs, g.pending);
    this.prev = { sent: q.sent, received: q.received, deleted: q.deleted, emptyReceives: q.requests.emptyReceive };
    this.events.push(nowUs + this.config.basePeriodUs, Phase.MetricSample, this.kinds.record, 0);
  }

  /** Datapoints were published: every alarm is evaluated, then the policies act on alarms in ALARM. */
  onEvaluate(nowUs: number): void {
    for (const alarm of this.alarms) {
      const { transition } = alarm.evaluate(nowUs);
      if (transition) this.activities.add(nowUs, "alarm", alarm.config.name, transition.from, transition.to, transition.reason);
    }
    this.actTargetTracking(nowUs);
    for (const p of this.steps) if (p.alarm.shouldInvokeActions(nowUs)) this.actStep(p, nowUs);
    for (const p of this.simple) if (p.alarm.shouldInvokeActions(nowUs)) this.actSimple(p, nowUs);
    this.events.push(nowUs + this.config.basePeriodUs, Phase.ScalingDecision, this.kinds.evaluate, 0);
  }

  onScheduled(index: number, nowUs: number): void {
    const { name, spec: s } = this.scheduled[index]!;
    const g = this.group;
    const result = applyScheduledAction({ min: s.min, max: s.max, desired: s.desired }, { min: g.min, max: g.max, desired: g.desired });
    if (result.problem !== null) {
      this.activities.add(nowUs, "scaling", name, g.desired, g.desired, `not applied: ${result.problem}`);
      return;
    }
    const reason = `scheduled action: min ${result.min}, max ${result.max}, desired ${result.desired}`;
    const before = g.desired;
    g.setCapacity(result.min, result.max, result.desired, nowUs, name, reason);
    // Bounds that change while desired stays put are an activity too, for the record.
    if (g.desired === before) this.activities.add(nowUs, "scaling", name, before, before, reason);
  }

  /**
   * backlogPerInstance as policies see it, then each alarm's state and newest value (the alarms of every policy, in
   * the order the policies were declared).
   */
  seriesColumns(): ColumnReader[] {
    const columns: ColumnReader[] = [{ column: BACKLOG_PER_INSTANCE_COLUMN, read: (t) => this.latestValue("backlogPerInstance", t) ?? Number.NaN }];
    for (const alarm of this.alarms) {
      columns.push(
        { column: alarmStateColumn(alarm.config.name), read: () => (alarm.state === "ALARM" ? 1 : alarm.state === "OK" ? 0 : -1) },
        { column: alarmValueColumn(alarm.config.name), read: () => alarm.lastValue ?? Number.NaN },
      );
    }
    return columns;
  }

  /** The datapoint a policy acts on, as of now: the newest published one of the metric (null when missing). */
  latestValue(metric: string, nowUs: number): number | null {
    const end = this.store.latestVisiblePeriodEndUs(nowUs);
    return end === null ? null : this.store.value(metric, end);
  }

  private addPolicy(spec: PolicySpec, index: number): void {
    const n = index + 1;
    const base = this.config.basePeriodUs;
    if (spec.kind === "targetTracking") {
      // The two alarms AWS creates and manages for a target tracking policy (6.1-6.2): high 3 of 3 above the target,
      // low 15 of 15 below a threshold sufficiently under it, "usually more than 10% lower" (6.5).
      const metric = spec.include === undefined ? CLOUDWATCH_NAME[spec.metric]! : spec.metric;
      if (spec.include !== undefined && !this.store.has(metric)) this.store.addDerived(messagesPerInstance(metric, spec.include));
      const name = `TargetTracking-${n}`;
      const shape = { metric, statistic: "average" as const, periodUs: base, treatMissingData: "missing" as const };
      const out = this.config.targetTrackingScaleOutDatapoints;
      const inn = this.config.targetTrackingScaleInDatapoints;
      const lowThreshold = spec.target * this.config.targetTrackingScaleInThresholdRatio;
      const high = this.addAlarm({
        ...shape,
        threshold: spec.target,
        name: `${name}-AlarmHigh`,
        comparison: ">",
        evaluationPeriods: out,
        datapointsToAlarm: out,
      });
      const low = this.addAlarm({
        ...shape,
        threshold: lowThreshold,
        name: `${name}-AlarmLow`,
        comparison: "<",
        evaluationPeriods: inn,
        datapointsToAlarm: inn,
      });
      this.targetTracking.push({ name, spec, high, low });
    } else if (spec.kind === "stepScaling") {
      const name = `StepScaling-${n}`;
      this.steps.push({ name, spec, alarm: this.addAlarm({ ...this.alarmConfig(spec.alarm), name: `${name}-Alarm` }) });
    } else if (spec.kind === "simpleScaling") {
      const name = `SimpleScaling-${n}`;
      const alarm = this.addAlarm({ ...this.alarmConfig(spec.alarm), name: `${name}-Alarm` });
      this.simple.push({ name, spec, alarm, lastActivityEndUs: null, activityInProgress: false });
    } else {
      this.scheduled.push({ name: `Scheduled-${n}`, spec });
    }
  }

  private alarmConfig(a: AlarmSpec): Omit<AlarmConfig, "name"> {
    return { ...a, metric: CLOUDWATCH_NAME[a.metric]! };
  }

  private addAlarm(config: AlarmConfig): Alarm {
    const alarm = new Alarm(this.store, config);
    this.alarms.push(alarm);
    return alarm;
  }

  /**
   * Target tracking: each policy whose high alarm acts asks for out, whose low alarm acts asks for in; several
   * policies combine as AWS does (6.13). New capacity is proportional to metric ÷ target over the capacity the
   * metric describes, the InService instances of the same period (6.9-6.10, 6.17-6.18).
   */
  private actTargetTracking(nowUs: number): void {
    if (this.targetTracking.length === 0) return;
    const g = this.group;
    const requests: TargetTrackingRequest[] = [];
    const reasons: string[] = [];
    for (const p of this.targetTracking) {
      const out = p.high.shouldInvokeActions(nowUs);
      const inn = p.low.shouldInvokeActions(nowUs);
      if (!out && !inn) {
        requests.push({ desired: g.desired, direction: "none", scaleInEnabled: !p.spec.disableScaleIn });
        continue;
      }
      const alarm = out ? p.high : p.low;
      const end = this.store.latestVisiblePeriodEndUs(nowUs);
      const capacity = end === null ? null : this.store.value(METRIC.inService, end);
      const evaluation = targetTrackingRequest({
        metricValue: alarm.lastValue,
        target: p.spec.target,
        scaleInThreshold: p.low.config.threshold,
        currentCapacity: capacity ?? g.inService,
        currentDesired: g.desired,
        disableScaleIn: p.spec.disableScaleIn,
        // Scale-in waits for scale-out instances still launching or warming up (6.14).
        instancesWarmingUp: g.pending > 0 || g.warming(nowUs, p.spec.warmupUs) > 0,
      });
      requests.push(evaluation);
      if (evaluation.direction !== "none") reasons.push(`${alarm.config.name}: ${evaluation.reason}`);
    }
    const decision = combineTargetTracking(requests, g.desired);
    if (decision.direction === "none") return;
    this.scale(
      decision.desired,
      nowUs,
      this.targetTracking.length === 1 ? this.targetTracking[0]!.name : "TargetTracking",
      reasons.join("; ") || decision.reason,
      decision.direction === "out" ? this.firstAlarmOf(this.targetTracking.map((p) => p.high)) : null,
    );
  }

  /** Step scaling: the step containing metric − threshold sets the adjustment (7.4-7.9). */
  private actStep(p: StepPolicy, nowUs: number): void {
    const g = this.group;
    const value = this.aggregatedValue(p.alarm, p.spec.aggregation, nowUs);
    if (value === null) return;
    const step = selectStep(p.spec.steps, value, p.spec.alarm.threshold);
    if (step === null) return;
    // Instances launching or warming up are not yet capacity the step builds on; while any are, scale-in waits (7.9).
    const warming = g.warming(nowUs, p.spec.warmupUs);
    const decision = stepScalingDesired({
      adjustmentType: p.spec.adjustmentType,
      adjustment: step.adjustment,
      minAdjustmentMagnitude: p.spec.minAdjustmentMagnitude,
      currentDesired: g.desired,
      capacityExcludingWarming: g.inService - warming,
      scaleOutWarmingUp: warming > 0 || g.pending > 0,
    });
    if (decision.direction === "none") return;
    const why = `${p.alarm.config.name} in ALARM (${p.spec.alarm.metric} ${value}); step adjustment ${step.adjustment} (${p.spec.adjustmentType}): ${decision.reason}`;
    this.scale(decision.desired, nowUs, p.name, why, decision.direction === "out" ? p.alarm : null);
  }

  /** Simple scaling: one adjustment, then the activity must finish and the cooldown pass (7.10, 5.10-5.12). */
  private actSimple(p: SimplePolicy, nowUs: number): void {
    if (!simpleScalingAllowed({ nowUs, lastActivityEndUs: p.lastActivityEndUs, cooldownUs: p.spec.cooldownUs, activityInProgress: p.activityInProgress }))
      return;
    const g = this.group;
    const desired = applyAdjustment({
      adjustmentType: p.spec.adjustmentType,
      adjustment: p.spec.adjustment,
      minAdjustmentMagnitude: p.spec.minAdjustmentMagnitude,
      currentCapacity: g.desired,
    });
    const why = `${p.alarm.config.name} in ALARM; ${p.spec.adjustmentType} ${p.spec.adjustment}`;
    const before = g.desired;
    // Marked first: an activity that ends at once (an abrupt scale-in) settles inside the call and starts the cooldown.
    p.activityInProgress = true;
    const after = this.scale(desired, nowUs, p.name, why, desired > before ? p.alarm : null);
    if (after === before) p.activityInProgress = false;
  }

  private scale(desired: number, nowUs: number, source: string, reason: string, breachAlarm: Alarm | null): number {
    const before = this.group.desired;
    const after = this.group.setDesired(desired, nowUs, source, reason);
    if (after > before && this.firstScaleOut === null && breachAlarm !== null) {
      this.firstScaleOut = { atUs: nowUs, breachStartUs: this.breachStartUs(breachAlarm, nowUs) };
    }
    return after;
  }

  private firstAlarmOf(alarms: readonly Alarm[]): Alarm | null {
    return alarms.find((a) => a.state === "ALARM") ?? null;
  }

  /** The alarm's statistic over its newest published period, with the policy's aggregation (7.8). */
  private aggregatedValue(alarm: Alarm, aggregation: Statistic, nowUs: number): number | null {
    const period = this.periodIndex(alarm, nowUs);
    if (period < 1) return null;
    const r = alarm.config.periodUs / this.config.basePeriodUs;
    const v = statisticOver(this.store.source(alarm.config.metric), aggregation, (period - 1) * r + 1, period * r);
    return Number.isNaN(v) ? null : v;
  }

  /** Start of the earliest alarm period in the unbroken run of breaching periods that ends with the newest one. */
  private breachStartUs(alarm: Alarm, nowUs: number): number {
    const c = alarm.config;
    const r = c.periodUs / this.config.basePeriodUs;
    const source = this.store.source(c.metric);
    let p = this.periodIndex(alarm, nowUs);
    while (p > 1) {
      const v = statisticOver(source, c.statistic, (p - 2) * r + 1, (p - 1) * r);
      if (Number.isNaN(v) || !breaches(c.comparison, v, c.threshold)) break;
      p--;
    }
    return (p - 1) * c.periodUs;
  }

  private periodIndex(alarm: Alarm, nowUs: number): number {
    return Math.floor((nowUs - this.config.publishDelayUs) / alarm.config.periodUs);
  }
}

export { TO_AWS_COMPARISON };

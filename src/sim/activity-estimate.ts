import { type Scenario } from "../scenario/schema.js";
import { type ScalingPolicyConfig, targetTrackingMetricName } from "../scenario/fleet-schema.js";
import { CLOUDWATCH_NAME } from "../scaling/autoscaler.js";

/**
 * Characters of an alarm row of activities.csv besides its metric name, threshold (twice) and datapoint counts: the
 * time, kind, alarm name, the two states and the reason's words. 77-89 measured with short names and values, 87-105
 * with SQS's long metric names; 100 with the measured parts keeps the file's estimate above the truth.
 */
const ALARM_ROW_CHARS = 100;
/** A scaling activity's row: the policy, the desired capacities and the decision in words (113-149 measured, 239 at most). */
const SCALING_ROW_CHARS = 250;

/** The rows of activities.csv a run can write at most (the activity log holds them all until the report is written). */
export interface ActivityEstimate {
  /** Alarm state transitions. */
  alarmRows: number;
  /** Changes of desired capacity (and scheduled actions). */
  scalingRows: number;
  /**
   * Instances those changes launch at most: each change raises the desired capacity by at most its policy's
   * largest scale-out step, and never by more than max − min. A group that flaps launches them again and again.
   */
  launches: number;
  /** Characters of activities.csv (one string when written). */
  chars: number;
}

interface AlarmShape {
  metric: string;
  threshold: number;
  periodS: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

/**
 * Upper bounds of the activity rows, from the policies alone. An alarm changes state at most once per period of
 * its own (its datapoints change no more often), and with M of N = N of N at most twice per N + 1 periods (out of
 * ALARM takes one datapoint, back into it N). A policy changes the desired capacity at most once per evaluation
 * (simple scaling once per cooldown), and not at all when min = max or its adjustments cannot move it.
 */
export function estimateActivities(scenario: Scenario): ActivityEstimate {
  const fleet = scenario.fleet;
  if (fleet.kind !== "asg") return { alarmRows: 0, scalingRows: 0, launches: 0, chars: 0 };
  const d = scenario.duration;
  const evaluations = Math.ceil(d / scenario.cloudwatch.period);
  let alarmRows = 0;
  let alarmChars = 0;
  for (const a of alarmsOf(scenario)) {
    const periods = Math.ceil(d / a.periodS);
    const perPeriod = a.datapointsToAlarm === a.evaluationPeriods ? 2 / (a.evaluationPeriods + 1) : 1;
    // Out of INSUFFICIENT_DATA at the start, and the one a last period may add.
    const rows = Math.min(periods, periods * perPeriod + 2);
    alarmRows += rows;
    alarmChars += rows * (ALARM_ROW_CHARS + a.metric.length + 2 * String(a.threshold).length + 3 * String(a.evaluationPeriods).length);
  }
  // A scheduled action may change the bounds, so min = max rules out nothing once there is one.
  const fixedSize = fleet.min === fleet.max && !fleet.policies.some((p) => "scheduled" in p);
  // The widest step any change can take (a scheduled action may raise max).
  const span = Math.max(fleet.max, ...fleet.policies.map((p) => ("scheduled" in p ? (p.scheduled.max ?? 0) : 0))) - fleet.min;
  let scalingRows = 0;
  let launches = 0;
  let targetTracking = false;
  for (const p of fleet.policies) {
    if ("scheduled" in p) {
      scalingRows += 1;
      launches += span;
      continue;
    }
    if (fixedSize || !canMove(p)) continue;
    if ("targetTracking" in p) {
      targetTracking = true;
      continue;
    }
    const changes =
      "simpleScaling" in p
        ? Math.min(evaluations, Math.ceil(d / Math.max(p.simpleScaling.cooldown ?? fleet.cooldown, scenario.cloudwatch.period)))
        : evaluations;
    scalingRows += changes;
    launches += changes * Math.min(span, scaleOutStep(p, span));
  }
  // Target tracking policies act together: one change per evaluation at most, of any size.
  if (targetTracking) {
    scalingRows += evaluations;
    launches += evaluations * span;
  }
  // The log stops the run at limits.maxActivities rows, so the file holds no more than that many.
  const rows = alarmRows + scalingRows;
  const kept = rows === 0 ? 1 : Math.min(1, scenario.limits.maxActivities / rows);
  return { alarmRows, scalingRows, launches, chars: (alarmChars + scalingRows * SCALING_ROW_CHARS) * kept };
}

/** The most one change of a step or simple policy can add: its largest positive adjustment; any, for exact or percent. */
function scaleOutStep(p: ScalingPolicyConfig, span: number): number {
  if ("stepScaling" in p) {
    const s = p.stepScaling;
    return s.adjustmentType === "changeInCapacity" ? Math.max(0, ...s.steps.map((step) => step.adjustment)) : span;
  }
  if ("simpleScaling" in p) {
    const s = p.simpleScaling;
    return s.adjustmentType === "changeInCapacity" ? Math.max(0, s.adjustment) : span;
  }
  return span;
}

/** Whether a step or simple policy can change the desired capacity: an exact capacity, or an adjustment that is not 0. */
function canMove(p: ScalingPolicyConfig): boolean {
  if ("stepScaling" in p) return p.stepScaling.adjustmentType === "exactCapacity" || p.stepScaling.steps.some((s) => s.adjustment !== 0);
  if ("simpleScaling" in p) return p.simpleScaling.adjustmentType === "exactCapacity" || p.simpleScaling.adjustment !== 0;
  return true;
}

/** The alarms the autoscaler makes: two per target tracking policy (6.1-6.2), one per step or simple policy. */
function alarmsOf(scenario: Scenario): AlarmShape[] {
  const fleet = scenario.fleet;
  if (fleet.kind !== "asg") return [];
  const cw = scenario.cloudwatch;
  return fleet.policies.flatMap((p): AlarmShape[] => {
    if ("targetTracking" in p) {
      const name = targetTrackingMetricName(p.targetTracking.metric);
      const metric = CLOUDWATCH_NAME[name] ?? name;
      const side = (n: number): AlarmShape => ({ metric, threshold: p.targetTracking.target, periodS: cw.period, evaluationPeriods: n, datapointsToAlarm: n });
      return [side(cw.targetTracking.scaleOut.datapoints), side(cw.targetTracking.scaleIn.datapoints)];
    }
    const a = "stepScaling" in p ? p.stepScaling.alarm : "simpleScaling" in p ? p.simpleScaling.alarm : null;
    if (a === null) return [];
    return [
      {
        metric: CLOUDWATCH_NAME[a.metric] ?? a.metric,
        threshold: a.threshold,
        periodS: a.period,
        evaluationPeriods: a.evaluationPeriods,
        datapointsToAlarm: a.datapointsToAlarm ?? a.evaluationPeriods,
      },
    ];
  });
}

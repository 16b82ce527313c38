/**
 * Step scaling (aws-behaviour 7.4-7.9): step adjustments chosen by how far the metric is past the alarm threshold, and
 * the warm-up rule that turns repeated alarm invocations (7.3: every minute while in ALARM) into one activity.
 */
import { type Adjustment, adjustmentIntent, applyAdjustment } from "./adjustment.js";
import { assertCapacity } from "./capacity-bounds.js";
import { type ScalingDecision } from "./decision.js";

/**
 * One step. Bounds are relative to the alarm threshold (metric − threshold); a missing or null bound is −∞ for
 * `lower` and +∞ for `upper` (7.7).
 */
export interface StepAdjustment {
  lower?: number | null | undefined;
  upper?: number | null | undefined;
  adjustment: number;
}

/** CloudWatch's threshold comparisons; they decide which side of the threshold breaches. */
export type AlarmComparison = "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** At most 20 step adjustments per step policy (5.19). */
export const MAX_STEP_ADJUSTMENTS = 20;

/** The side of the threshold on which an alarm with this comparison breaches. */
export function breachSide(comparison: AlarmComparison): "above" | "below" {
  return comparison === "GreaterThanOrEqualToThreshold" || comparison === "GreaterThanThreshold" ? "above" : "below";
}

function lowerOf(step: StepAdjustment): number {
  return step.lower ?? Number.NEGATIVE_INFINITY;
}

function upperOf(step: StepAdjustment): number {
  return step.upper ?? Number.POSITIVE_INFINITY;
}

function bound(value: number): string {
  return value === Number.NEGATIVE_INFINITY ? "−∞ (null)" : value === Number.POSITIVE_INFINITY ? "+∞ (null)" : String(value);
}

/**
 * Problems with a policy's steps, each naming the step by its index (`steps[2]`); empty when valid. Checks AWS's
 * rules for StepAdjustment (7.7, 5.19): at most 20 steps; integer adjustments; lower below upper and not both null;
 * at most one null lower and one null upper; a negative lower bound needs a step with a null lower bound and a
 * positive upper bound a step with a null upper bound; no overlaps and no gaps between steps.
 *
 * Two checks go beyond AWS's published rules and depend on the alarm's comparison, because steps the alarm can never
 * reach are a scenario mistake: every step must lie on the breaching side of the threshold (at or above 0 for a
 * Greater… alarm, at or below 0 for a Less… alarm), and the steps must start at the threshold itself (a lower bound
 * of 0, or an upper bound of 0), else a breaching value close to the threshold selects no step and the alarm does
 * nothing.
 */
export function validateSteps(steps: readonly StepAdjustment[], comparison: AlarmComparison): string[] {
  const problems: string[] = [];
  if (steps.length === 0) return ["a step scaling policy needs at least one step adjustment (aws-behaviour 7.7)"];
  if (steps.length > MAX_STEP_ADJUSTMENTS) {
    problems.push(`${steps.length} step adjustments; at most ${MAX_STEP_ADJUSTMENTS} per policy (aws-behaviour 5.19)`);
  }
  const wellFormed: { index: number; lower: number; upper: number }[] = [];
  steps.forEach((step, index) => {
    const name = `steps[${index}]`;
    if (!Number.isSafeInteger(step.adjustment)) problems.push(`${name}: adjustment must be an integer, got ${step.adjustment}`);
    for (const key of ["lower", "upper"] as const) {
      const value = step[key];
      if (value !== undefined && value !== null && !Number.isFinite(value)) {
        problems.push(`${name}: ${key} bound must be a finite number or null, got ${value}`);
        return;
      }
    }
    const lower = lowerOf(step);
    const upper = upperOf(step);
    if (lower === Number.NEGATIVE_INFINITY && upper === Number.POSITIVE_INFINITY) {
      problems.push(`${name}: lower and upper bound cannot both be null (aws-behaviour 7.7)`);
    } else if (lower >= upper) {
      problems.push(`${name}: lower bound ${lower} must be below upper bound ${upper}`);
    } else {
      wellFormed.push({ index, lower, upper });
    }
  });

  const nullLower = wellFormed.filter((s) => s.lower === Number.NEGATIVE_INFINITY);
  const nullUpper = wellFormed.filter((s) => s.upper === Number.POSITIVE_INFINITY);
  if (nullLower.length > 1) {
    problems.push(`steps[${nullLower.map((s) => s.index).join("], steps[")}]: only one step may have a null lower bound`);
  }
  if (nullUpper.length > 1) {
    problems.push(`steps[${nullUpper.map((s) => s.index).join("], steps[")}]: only one step may have a null upper bound`);
  }
  const negativeLower = wellFormed.find((s) => s.lower < 0 && s.lower !== Number.NEGATIVE_INFINITY);
  if (negativeLower && nullLower.length === 0) {
    problems.push(
      `steps[${negativeLower.index}]: a negative lower bound (${negativeLower.lower}) needs a step with a null lower ` +
        `bound, else metric values below threshold ${negativeLower.lower} select no step`,
    );
  }
  const positiveUpper = wellFormed.find((s) => s.upper > 0 && s.upper !== Number.POSITIVE_INFINITY);
  if (positiveUpper && nullUpper.length === 0) {
    problems.push(
      `steps[${positiveUpper.index}]: a positive upper bound (${positiveUpper.upper}) needs a step with a null upper ` +
        `bound, else metric values at threshold + ${positiveUpper.upper} and above select no step`,
    );
  }

  // Sweep in order of lower bound, keeping the step that reaches furthest: catches overlaps that are not adjacent.
  const sorted = [...wellFormed].sort((a, b) => a.lower - b.lower || a.upper - b.upper);
  let reach = sorted[0];
  for (const next of sorted.slice(1)) {
    if (reach === undefined) break;
    if (next.lower < reach.upper) {
      problems.push(
        `steps[${reach.index}] and steps[${next.index}] overlap from ${bound(next.lower)} to ` +
          `${bound(Math.min(reach.upper, next.upper))} (aws-behaviour 7.7)`,
      );
    } else if (next.lower > reach.upper) {
      problems.push(
        `gap between steps[${reach.index}] (upper ${bound(reach.upper)}) and steps[${next.index}] (lower ${bound(next.lower)}): ` +
          `metric values in between select no step (aws-behaviour 7.7)`,
      );
    }
    if (next.upper > reach.upper) reach = next;
  }

  const side = breachSide(comparison);
  for (const s of wellFormed) {
    if (side === "above" && s.lower < 0) {
      problems.push(`steps[${s.index}]: range starts at ${bound(s.lower)}, below the threshold, but a ${comparison} alarm breaches only above it`);
    }
    if (side === "below" && s.upper > 0) {
      problems.push(`steps[${s.index}]: range ends at ${bound(s.upper)}, above the threshold, but a ${comparison} alarm breaches only below it`);
    }
  }
  const rightSide = wellFormed.filter((s) => (side === "above" ? s.lower >= 0 : s.upper <= 0));
  if (rightSide.length > 0) {
    const nearest = side === "above" ? Math.min(...rightSide.map((s) => s.lower)) : Math.max(...rightSide.map((s) => s.upper));
    if (nearest !== 0) {
      problems.push(
        `gap between the threshold and the first step (${side === "above" ? "lower" : "upper"} bound ${nearest}): ` +
          `breaching values closer to the threshold select no step; start the steps at 0 (aws-behaviour 7.7)`,
      );
    }
  }
  return problems;
}

/** Above the threshold: lower bound inclusive, upper exclusive (7.7); a null bound is unbounded. */
function containsFromAbove(step: StepAdjustment, difference: number): boolean {
  const upper = upperOf(step);
  return lowerOf(step) <= difference && (difference < upper || upper === Number.POSITIVE_INFINITY);
}

/** Below the threshold: lower bound exclusive, upper inclusive (7.7); a null bound is unbounded. */
function containsFromBelow(step: StepAdjustment, difference: number): boolean {
  const lower = lowerOf(step);
  return (lower < difference || lower === Number.NEGATIVE_INFINITY) && difference <= upperOf(step);
}

/**
 * Whether a step contains a difference (metric − threshold) under AWS's boundary rule (7.7): above the threshold
 * the lower bound is inclusive and the upper exclusive; below it the lower is exclusive and the upper inclusive.
 * AWS does not say which reading applies at exactly the threshold (difference 0); the model accepts either, so
 * [0, x) and (y, 0] both contain 0, which is what a ≥ alarm and a ≤ alarm need respectively.
 */
export function stepContains(step: StepAdjustment, difference: number): boolean {
  if (Number.isNaN(difference)) throw new RangeError("metric − threshold is NaN");
  if (difference > 0) return containsFromAbove(step, difference);
  if (difference < 0) return containsFromBelow(step, difference);
  return containsFromAbove(step, 0) || containsFromBelow(step, 0);
}

/**
 * The step for a metric value: difference = metric − threshold, matched by `stepContains` (7.7), or null when no
 * step contains it. In a valid policy at most one step matches; at difference 0 a policy with steps on both sides
 * (refused by `validateSteps`) would match two, and the step read from above wins. The metric value is the policy's
 * MetricAggregationType over the most recent data points (7.8), computed by the caller.
 */
export function selectStep<T extends StepAdjustment>(steps: readonly T[], metricValue: number, threshold: number): T | null {
  const difference = metricValue - threshold;
  if (Number.isNaN(difference)) throw new RangeError(`metric ${metricValue} − threshold ${threshold} is NaN`);
  if (difference === 0) {
    return steps.find((s) => containsFromAbove(s, 0)) ?? steps.find((s) => containsFromBelow(s, 0)) ?? null;
  }
  return steps.find((s) => stepContains(s, difference)) ?? null;
}

export interface StepScalingState extends Adjustment {
  /** The group's desired capacity, counting pending and warming instances. */
  currentDesired: number;
  /**
   * AWS's "current capacity": running instances that have finished warm-up. Instances still warming up are left out
   * (7.9, 6.14); instances that are terminating are counted in, so a repeated scale-in does not remove them twice
   * (ASG user guide, step scaling "Instance warm-up").
   */
  capacityExcludingWarming: number;
  /** True while instances launched by a scale-out are warming up, or a scale-out activity is in progress (7.9). */
  scaleOutWarmingUp: boolean;
}

/**
 * The desired capacity a step (its adjustment, already selected by `selectStep`) asks for under the warm-up rule
 * (7.9, 6.14). The rule implemented:
 *
 * 1. The new capacity is the adjustment applied to the capacity that is not warming up (`applyAdjustment`, 7.4-7.6).
 * 2. A scale-out adjustment (positive change or percentage, or an exact capacity above desired) sets desired to the
 *    new capacity only if that is above the current desired capacity; otherwise nothing happens. So breaches in the
 *    same step while instances warm up compute the same capacity again and produce a single activity, and a larger
 *    step adds only the difference. AWS's example: desired 11 with 1 warming of 11, +10 % of 10 → 11: nothing;
 *    +30 % of 10 → 13: desired 13, 2 more instances.
 * 3. A scale-in adjustment is refused while scale-out instances warm up; otherwise it sets desired to the new
 *    capacity only if that is below the current desired capacity.
 * 4. An adjustment of 0 (an "unchanged" band between thresholds) does nothing.
 * The result is not clamped into [min, max] (5.14); the caller does that with `clampDesired`.
 */
export function stepScalingDesired(state: StepScalingState): ScalingDecision {
  const { currentDesired, capacityExcludingWarming, scaleOutWarmingUp } = state;
  assertCapacity("currentDesired", currentDesired);
  const intent = adjustmentIntent(state, currentDesired);
  const none = (reason: string): ScalingDecision => ({ direction: "none", desired: currentDesired, reason });
  if (intent === "none") return none("the step's adjustment leaves desired capacity unchanged");
  const newCapacity = applyAdjustment({
    adjustmentType: state.adjustmentType,
    adjustment: state.adjustment,
    currentCapacity: capacityExcludingWarming,
    minAdjustmentMagnitude: state.minAdjustmentMagnitude,
  });
  const from = `${capacityExcludingWarming} instances not warming up → ${newCapacity}`;
  if (intent === "out") {
    if (newCapacity > currentDesired) return { direction: "out", desired: newCapacity, reason: `${from} (aws-behaviour 7.4-7.6)` };
    return none(`${from}, not above desired ${currentDesired}: one activity per step while instances warm up (aws-behaviour 7.9)`);
  }
  if (scaleOutWarmingUp) return none("scale-in is blocked while scale-out instances warm up (aws-behaviour 7.9)");
  if (newCapacity < currentDesired) return { direction: "in", desired: newCapacity, reason: `${from} (aws-behaviour 7.4-7.6)` };
  return none(`${from}, not below desired ${currentDesired}`);
}

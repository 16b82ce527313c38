/**
 * The scaling adjustment shared by step and simple scaling policies (aws-behaviour 7.4-7.6): how one adjustment turns the
 * group's current capacity into a new capacity, before clamping into [min, max] (5.14, `clampDesired`).
 */
import { assertCapacity, isCapacity } from "./capacity-bounds.js";
import { type ScaleDirection } from "./decision.js";

/** AWS's ChangeInCapacity, ExactCapacity and PercentChangeInCapacity (7.4). */
export type AdjustmentType = "changeInCapacity" | "exactCapacity" | "percentChangeInCapacity";

export interface Adjustment {
  adjustmentType: AdjustmentType;
  /** Instances (±N), an exact capacity (N ≥ 0), or a percentage (±P); an integer, as ScalingAdjustment is (7.4). */
  adjustment: number;
  /** Minimum instances to change by; PercentChangeInCapacity only (7.6). Ignored for the other types. */
  minAdjustmentMagnitude?: number | undefined;
}

export interface AdjustmentInput extends Adjustment {
  /** The capacity the adjustment is relative to (AWS's "current capacity"; see `stepScalingDesired` for warm-up). */
  currentCapacity: number;
}

/**
 * AWS's rounding of a percentage change that is not a whole number of instances (7.5): values above 1 round down
 * (12.7 → 12), values in (0, 1) become 1, values in (−1, 0) become −1, values below −1 round up (−6.67 → −6).
 * All four cases are "toward zero, but never to zero": a non-zero percentage always changes at least one instance.
 */
export function roundPercentChange(change: number): number {
  if (Number.isNaN(change)) throw new RangeError("percentage change is NaN");
  if (change === 0) return 0; // also turns −0 (0 instances × −10 %) into 0
  if (change > 0 && change < 1) return 1;
  if (change < 0 && change > -1) return -1;
  return Math.trunc(change);
}

/**
 * The signed change in instances for a percentage of the current capacity: rounded by 7.5, then raised to
 * MinAdjustmentMagnitude in the adjustment's direction when smaller (7.6: 25 % of 4 = 1, minimum 2 → +2).
 *
 * At 0 instances the percentage is 0 instances; with a MinAdjustmentMagnitude the change is still that minimum
 * (the model's reading of "minimum number of instances to scale": it lets a percent policy leave 0).
 */
export function percentChange(currentCapacity: number, percent: number, minAdjustmentMagnitude?: number): number {
  assertCapacity("currentCapacity", currentCapacity);
  // Multiply before dividing: capacity × percent is an exact integer, so one rounding step (the division) at most.
  const rounded = roundPercentChange((currentCapacity * percent) / 100);
  if (minAdjustmentMagnitude === undefined || percent === 0) return rounded;
  assertCapacity("minAdjustmentMagnitude", minAdjustmentMagnitude);
  return Math.abs(rounded) < minAdjustmentMagnitude ? Math.sign(percent) * minAdjustmentMagnitude : rounded;
}

/**
 * The new capacity one adjustment asks for, before clamping (7.4): current ± N, exactly N, or current ± a percentage
 * rounded as in 7.5 with MinAdjustmentMagnitude (7.6). The result can be negative or above MaxSize; the caller clamps.
 */
export function applyAdjustment(input: AdjustmentInput): number {
  const { adjustmentType, adjustment, currentCapacity, minAdjustmentMagnitude } = input;
  assertCapacity("currentCapacity", currentCapacity);
  if (!Number.isSafeInteger(adjustment)) throw new RangeError(`adjustment must be an integer, got ${adjustment}`);
  switch (adjustmentType) {
    case "changeInCapacity":
      return currentCapacity + adjustment;
    case "exactCapacity":
      assertCapacity("exactCapacity adjustment", adjustment);
      return adjustment;
    case "percentChangeInCapacity":
      return currentCapacity + percentChange(currentCapacity, adjustment, minAdjustmentMagnitude);
  }
}

/**
 * Which way an adjustment means to move the group: the sign of a change or percentage, or for ExactCapacity the side
 * of the current desired capacity it lies on. Warm-up rules (7.9) act on the intent, not on the computed capacity,
 * which may fall below desired for a scale-out adjustment because warming instances are left out of it.
 */
export function adjustmentIntent(adjustment: Adjustment, currentDesired: number): ScaleDirection {
  const value = adjustment.adjustmentType === "exactCapacity" ? adjustment.adjustment - currentDesired : adjustment.adjustment;
  return value > 0 ? "out" : value < 0 ? "in" : "none";
}

/** Problems with an adjustment's settings, for scenario validation; empty when valid (7.4, 7.6). */
export function validateAdjustment(adjustment: Adjustment): string[] {
  const problems: string[] = [];
  const { adjustmentType, adjustment: value, minAdjustmentMagnitude } = adjustment;
  if (!Number.isSafeInteger(value)) problems.push(`adjustment must be an integer, got ${value}`);
  else if (adjustmentType === "exactCapacity" && value < 0) {
    problems.push(`an exactCapacity adjustment must be 0 or more, got ${value} (aws-behaviour 7.4)`);
  }
  if (minAdjustmentMagnitude !== undefined) {
    if (adjustmentType !== "percentChangeInCapacity") {
      problems.push(`minAdjustmentMagnitude applies only to percentChangeInCapacity, not ${adjustmentType} (aws-behaviour 7.6)`);
    } else if (!isCapacity(minAdjustmentMagnitude) || minAdjustmentMagnitude === 0) {
      problems.push(`minAdjustmentMagnitude must be a positive integer, got ${minAdjustmentMagnitude}`);
    }
  }
  return problems;
}

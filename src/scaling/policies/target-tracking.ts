/**
 * Target tracking arithmetic (aws-behaviour 6.9-6.15, 6.17): the capacity one policy asks for, whether the group acts on
 * it, and how several policies on one group are combined. Alarms, metric periods and warm-up timing live elsewhere;
 * these functions only see the numbers those produce.
 */
import { assertCapacity } from "./capacity-bounds.js";
import { type ScaleDirection, type ScalingDecision } from "./decision.js";

export interface TargetTrackingInput {
  /**
   * The capacity the metric describes. For a per-instance metric (backlog per instance, 6.17) it is the instance count
   * the metric was divided by; warming instances are left out of the metric (6.14), so leave them out here too.
   */
  currentCapacity: number;
  metricValue: number;
  /** TargetValue, a positive number (e.g. acceptable latency ÷ processing time per message, 6.17). */
  target: number;
}

/**
 * Relative tolerance when rounding up: metric values are averages of floats, and 3 × 0.1 / 0.3 is
 * 1.0000000000000002 in binary, which must stay 1 rather than round up to 2. 1e-9 is far above the error of a few
 * float operations and far below any real fraction of an instance.
 */
const ROUNDING_TOLERANCE = 1e-9;

/** Rounds up, treating a value within a relative 1e-9 of an integer as that integer (see ROUNDING_TOLERANCE). */
export function ceilCapacity(value: number): number {
  const nearest = Math.round(value);
  if (Math.abs(value - nearest) <= ROUNDING_TOLERANCE * Math.max(1, Math.abs(value))) return nearest;
  return Math.ceil(value);
}

/**
 * The desired capacity one target tracking policy asks for: proportional to metric ÷ target (6.9, 6.10),
 * `ceil(current × metric / target)`. AWS documents a model result of 15 for 10 instances at backlog per instance 150
 * against a target of 100 (6.10, 6.17).
 *
 * One ceiling serves both directions. Scale-out rounds the *addition* up (1.5 instances needed → add 2, 6.9):
 * current + ceil(raw − current) = ceil(raw) because current is an integer. Scale-in rounds the *removal* down
 * (1.5 removable → remove 1, 6.9): current − floor(current − raw) = current − (current − ceil(raw)) = ceil(raw),
 * using floor(n − x) = n − ceil(x) for an integer n. So 10 instances at 0.85 of the target (raw 8.5) ask for 9.
 *
 * At 0 instances the proportional rule gives 0 whatever the metric, so the group could never leave 0. AWS does not
 * document this case (6.10 calls the formula implied); the model asks for 1 instance when the metric is above the
 * target and 0 otherwise. A backlog-per-instance metric built by metric math (6.18) has no value at 0 instances
 * (division by zero); callers should treat that as missing data (6.12) rather than pass Infinity.
 */
export function targetTrackingCapacity({ currentCapacity, metricValue, target }: TargetTrackingInput): number {
  assertCapacity("currentCapacity", currentCapacity);
  if (!Number.isFinite(target) || target <= 0) throw new RangeError(`target must be a positive number, got ${target}`);
  if (Number.isNaN(metricValue)) throw new RangeError("metricValue is NaN");
  if (currentCapacity === 0) return metricValue > target ? 1 : 0;
  if (!Number.isFinite(metricValue)) throw new RangeError(`metricValue must be finite, got ${metricValue}`);
  // Multiply before dividing: with a whole-number metric the product is exact and only the division rounds.
  return Math.max(0, ceilCapacity((currentCapacity * metricValue) / target));
}

export interface ScaleOutCheck {
  metricValue: number;
  target: number;
  /** From `targetTrackingCapacity`. */
  newCapacity: number;
  /** The group's desired capacity, which already counts pending and warming instances (6.14). */
  currentDesired: number;
}

/**
 * Scale out only when the metric is above the target (6.15: no inverse metrics) and the new capacity exceeds the
 * desired capacity. Comparing with desired rather than with running instances is what prevents double counting:
 * instances already launched for this load are in desired while they warm up (6.14).
 */
export function shouldScaleOut({ metricValue, target, newCapacity, currentDesired }: ScaleOutCheck): boolean {
  return metricValue > target && newCapacity > currentDesired;
}

export interface ScaleInCheck extends ScaleOutCheck {
  /**
   * AlarmLow's threshold, at most the target: the metric is low only below it, "usually more than 10% lower" than
   * the target (aws-behaviour 6.5).
   */
  scaleInThreshold: number;
  /** See `TargetTrackingInput.currentCapacity`: the instances the metric describes. */
  currentCapacity: number;
  /** DisableScaleIn (6.11, default false). */
  disableScaleIn: boolean;
  /**
   * True while any instance is warming up or a scale-out activity is in progress (6.14); the caller also sets it
   * while the default cooldown blocks scale-in for a group without DefaultInstanceWarmup (5.11).
   */
  instancesWarmingUp: boolean;
}

/**
 * The metric's proportional estimate after the capacity it describes changes to `newCapacity`: the same work over
 * fewer instances, metric × current ÷ new (aws-behaviour 6.5, 6.9). 0 instances carry no work: the estimate is 0 for an
 * idle metric and unbounded otherwise; a metric that describes no instance (current 0) is taken as it is.
 */
export function estimatedMetricAfter(metricValue: number, currentCapacity: number, newCapacity: number): number {
  if (currentCapacity === 0) return metricValue;
  if (newCapacity === 0) return metricValue === 0 ? 0 : Infinity;
  return (metricValue * currentCapacity) / newCapacity;
}

/**
 * Scale in only when scale-in is enabled (6.11), no instance is warming up (6.14), the metric is below AlarmLow's
 * threshold, sufficiently under the target (6.5), the new capacity is below desired, and the proportional estimate
 * of the metric after the removal stays at or under the target: AWS does not scale in when removing capacity would
 * likely push the metric above the target (6.5). With the new capacity rounded up (6.9) the estimate cannot exceed
 * the target by more than float noise; the check states the rule rather than lean on the rounding.
 */
export function shouldScaleIn(check: ScaleInCheck): boolean {
  const { metricValue, target, newCapacity, currentDesired, disableScaleIn, instancesWarmingUp } = check;
  return (
    !disableScaleIn &&
    !instancesWarmingUp &&
    metricValue < check.scaleInThreshold &&
    newCapacity < currentDesired &&
    staysAtOrUnderTarget(metricValue, target, check.currentCapacity, newCapacity)
  );
}

/** The estimate after the scale-in is ≤ the target, within the rounding tolerance `ceilCapacity` allows. */
function staysAtOrUnderTarget(metricValue: number, target: number, currentCapacity: number, newCapacity: number): boolean {
  return estimatedMetricAfter(metricValue, currentCapacity, newCapacity) <= target * (1 + ROUNDING_TOLERANCE);
}

/**
 * The capacity a scale-in asks for: the proportional request (6.9-6.10), raised an instance at a time while the
 * estimate of the metric after it would be above the target (6.5), so the removal is the largest that keeps the
 * estimate at or under the target; `currentCapacity` (nothing removed) when none does.
 */
export function scaleInCapacity(metricValue: number, target: number, currentCapacity: number, proposed: number): number {
  let n = proposed;
  while (n < currentCapacity && !staysAtOrUnderTarget(metricValue, target, currentCapacity, n)) n++;
  return n;
}

export interface TargetTrackingState {
  /** Null when the alarm has insufficient data: no scaling until data returns (6.12). */
  metricValue: number | null;
  target: number;
  /** See `ScaleInCheck.scaleInThreshold`. */
  scaleInThreshold: number;
  /** See `TargetTrackingInput.currentCapacity`. */
  currentCapacity: number;
  /** Desired capacity, counting pending and warming instances (6.14). */
  currentDesired: number;
  disableScaleIn: boolean;
  /** See `ScaleInCheck.instancesWarmingUp`. */
  instancesWarmingUp: boolean;
}

/** One policy's vote, the input of `combineTargetTracking`. */
export interface TargetTrackingRequest {
  desired: number;
  direction: ScaleDirection;
  /** False when the policy has DisableScaleIn set (6.11); such a policy has no say in scale-in (6.13). */
  scaleInEnabled: boolean;
}

export interface TargetTrackingEvaluation extends TargetTrackingRequest {
  reason: string;
}

/** One policy's evaluation: its capacity (6.9-6.10) run through the scale-out and scale-in rules (6.11-6.15). */
export function targetTrackingRequest(state: TargetTrackingState): TargetTrackingEvaluation {
  const { metricValue, target, scaleInThreshold, currentCapacity, currentDesired, disableScaleIn, instancesWarmingUp } = state;
  assertCapacity("currentDesired", currentDesired);
  const scaleInEnabled = !disableScaleIn;
  const none = (reason: string): TargetTrackingEvaluation => ({
    desired: currentDesired,
    direction: "none",
    scaleInEnabled,
    reason,
  });
  if (metricValue === null) return none("insufficient data: no scaling until the metric returns (aws-behaviour 6.12)");
  const proportional = targetTrackingCapacity({ currentCapacity, metricValue, target });
  // Below the target, the request is one that keeps the metric's estimate at or under the target (6.5).
  const newCapacity = metricValue < target ? scaleInCapacity(metricValue, target, currentCapacity, proportional) : proportional;
  const check = { metricValue, target, scaleInThreshold, currentCapacity, newCapacity, currentDesired, disableScaleIn, instancesWarmingUp };
  // The reason shows the metric as people read it (17.4286, not 17.428571428571427); the decision used it whole.
  const shown = Number(metricValue.toPrecision(6));
  const vs = `metric ${shown} vs target ${target}: ${newCapacity} instance${newCapacity === 1 ? "" : "s"}`;
  if (shouldScaleOut(check)) {
    return { desired: newCapacity, direction: "out", scaleInEnabled, reason: `${vs} needed (aws-behaviour 6.9-6.10)` };
  }
  if (shouldScaleIn(check)) {
    return { desired: newCapacity, direction: "in", scaleInEnabled, reason: `${vs} enough (aws-behaviour 6.9-6.10)` };
  }
  if (metricValue === target) return none(`metric ${shown} at target`);
  if (metricValue > target) {
    return none(`${vs} needed, not above desired ${currentDesired}, which counts pending and warming instances (aws-behaviour 6.14)`);
  }
  if (metricValue >= scaleInThreshold) {
    return none(`metric ${shown} under target ${target} but not below the scale-in threshold ${scaleInThreshold} (aws-behaviour 6.5)`);
  }
  if (newCapacity >= currentDesired) return none(`${vs} needed after rounding up, not below desired ${currentDesired} (aws-behaviour 6.9)`);
  if (disableScaleIn) return none(`${vs} enough, but scale-in is disabled (aws-behaviour 6.11)`);
  if (instancesWarmingUp) return none(`${vs} enough, but scale-in is blocked while instances warm up (aws-behaviour 6.14)`);
  const after = estimatedMetricAfter(metricValue, currentCapacity, newCapacity);
  return none(`${vs} would leave the metric at about ${after}, above the target: no scale-in (aws-behaviour 6.5)`);
}

/**
 * Several target tracking policies on one group (6.13): AWS favours availability.
 * - Scale out if any policy asks to, to the largest capacity asked for, so every policy's metric is served.
 * - Otherwise scale in only if every policy with scale-in enabled asks to, and then to the largest of their
 *   requests: the most conservative, so no policy is taken below the capacity it asked for. A policy with
 *   insufficient data or already at its target votes "none" and so blocks scale-in.
 * - Policies with DisableScaleIn neither vote for nor block scale-in, as AWS documents; with none enabled the
 *   group never scales in through target tracking.
 * Requests whose desired does not move the group the way their direction says are treated as "none".
 */
export function combineTargetTracking(requests: readonly TargetTrackingRequest[], currentDesired: number): ScalingDecision {
  assertCapacity("currentDesired", currentDesired);
  let outIndex = -1;
  let outDesired = currentDesired;
  requests.forEach((request, index) => {
    if (request.direction === "out" && request.desired > outDesired) {
      outIndex = index;
      outDesired = request.desired;
    }
  });
  if (outIndex >= 0) {
    const reason = `policy ${outIndex} scales out to ${outDesired}; any policy may scale out (aws-behaviour 6.13)`;
    return { direction: "out", desired: outDesired, reason };
  }
  let voters = 0;
  let inDesired = -1;
  for (const [index, request] of requests.entries()) {
    if (!request.scaleInEnabled) continue;
    voters += 1;
    if (request.direction !== "in" || request.desired >= currentDesired) {
      const reason = `policy ${index} does not agree to scale in; all must (aws-behaviour 6.13)`;
      return { direction: "none", desired: currentDesired, reason };
    }
    inDesired = Math.max(inDesired, request.desired);
  }
  if (voters === 0) {
    const reason = "no policy asks to scale out and none has scale-in enabled (aws-behaviour 6.11, 6.13)";
    return { direction: "none", desired: currentDesired, reason };
  }
  const reason = `all ${voters} policies with scale-in enabled agree; the largest request, ${inDesired}, wins (aws-behaviour 6.13)`;
  return { direction: "in", desired: inDesired, reason };
}

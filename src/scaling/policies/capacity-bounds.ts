/**
 * Group bounds: MinSize ≤ DesiredCapacity ≤ MaxSize, and no policy takes desired capacity outside [min, max]
 * (aws-behaviour 5.14). Capacities are counts of instances, so non-negative integers.
 */

export interface GroupCapacity {
  min: number;
  max: number;
  desired: number;
}

/** A scheduled action sets any of the three; the omitted ones keep the group's value. */
export interface ScheduledAction {
  min?: number | undefined;
  max?: number | undefined;
  desired?: number | undefined;
}

export interface ScheduledActionResult extends GroupCapacity {
  /** Why the action failed; the group is then returned unchanged. Null when it applied. */
  problem: string | null;
  /** True when the desired capacity (the action's or the group's) had to be moved into the new bounds. */
  desiredClamped: boolean;
}

/** A capacity is a count of instances: a non-negative safe integer. */
export function isCapacity(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Throws naming the argument: a fractional or negative capacity is a caller bug, not a model state. */
export function assertCapacity(name: string, value: number): void {
  if (!isCapacity(value)) throw new RangeError(`${name} must be a non-negative integer (instances), got ${value}`);
}

/**
 * Moves a requested desired capacity into [min, max] (5.14). The request may lie outside that range, even below 0
 * (ChangeInCapacity −5 from 3 gives −2); min and max must already be a valid pair.
 */
export function clampDesired(desired: number, min: number, max: number): number {
  assertCapacity("min", min);
  assertCapacity("max", max);
  if (min > max) throw new RangeError(`min ${min} is above max ${max} (aws-behaviour 5.14: min ≤ desired ≤ max)`);
  if (Number.isNaN(desired)) throw new RangeError("desired capacity is NaN");
  return desired < min ? min : desired > max ? max : desired;
}

/** Problems with a group's bounds, each a full sentence; empty when valid (5.14). */
export function validateGroupCapacity(group: GroupCapacity): string[] {
  const problems: string[] = [];
  for (const key of ["min", "max", "desired"] as const) {
    if (!isCapacity(group[key])) problems.push(`${key} must be a non-negative integer, got ${group[key]}`);
  }
  if (problems.length > 0) return problems;
  if (group.min > group.max) problems.push(`min size ${group.min} is above max size ${group.max} (aws-behaviour 5.14)`);
  if (group.desired < group.min) {
    problems.push(`desired capacity ${group.desired} is below min size ${group.min} (aws-behaviour 5.14: min ≤ desired ≤ max)`);
  }
  if (group.desired > group.max) {
    problems.push(`desired capacity ${group.desired} is above max size ${group.max} (aws-behaviour 5.14: min ≤ desired ≤ max)`);
  }
  return problems;
}

/** Desired capacity defaults to MinSize when omitted (5.14). */
export function initialGroupCapacity(bounds: { min: number; max: number; desired?: number | undefined }): GroupCapacity {
  return { min: bounds.min, max: bounds.max, desired: bounds.desired ?? bounds.min };
}

/**
 * Static problems with a scheduled action, for scenario validation: negative or fractional values, an action that
 * sets nothing, and bounds that contradict each other within the action itself. Whether the action fits the group
 * can only be known when it runs (the group's bounds may have changed by then); see `applyScheduledAction`.
 */
export function validateScheduledAction(action: ScheduledAction): string[] {
  const problems: string[] = [];
  const { min, max, desired } = action;
  if (min === undefined && max === undefined && desired === undefined) {
    problems.push("a scheduled action must set at least one of min, max and desired");
  }
  for (const [key, value] of [
    ["min", min],
    ["max", max],
    ["desired", desired],
  ] as const) {
    if (value !== undefined && !isCapacity(value)) problems.push(`${key} must be a non-negative integer, got ${value}`);
  }
  if (problems.length > 0) return problems;
  if (min !== undefined && max !== undefined && min > max) {
    problems.push(`min ${min} is above max ${max} (aws-behaviour 5.14)`);
  }
  if (desired !== undefined && min !== undefined && desired < min) {
    problems.push(`desired ${desired} is below min ${min}; it would be raised to ${min} (aws-behaviour 5.14)`);
  }
  if (desired !== undefined && max !== undefined && desired > max) {
    problems.push(`desired ${desired} is above max ${max}; it would be lowered to ${max} (aws-behaviour 5.14)`);
  }
  return problems;
}

/**
 * Runs a scheduled action against the group's current bounds.
 *
 * - Omitted fields keep the group's values; the new min and max must still satisfy min ≤ max, otherwise the whole
 *   action fails and the group is unchanged (like an UpdateAutoScalingGroup call refused by validation).
 * - The new desired capacity is the action's desired, or the group's current desired if the action sets none, moved
 *   into the new [min, max]. So raising min above desired raises desired, lowering max below it lowers it, and a
 *   scheduled desired outside the new bounds is clamped rather than refused (the model's choice: AWS refuses such an
 *   action when it is created, which `validateScheduledAction` reports for the scenario).
 */
export function applyScheduledAction(action: ScheduledAction, group: GroupCapacity): ScheduledActionResult {
  const unchanged = (problem: string): ScheduledActionResult => ({ ...group, problem, desiredClamped: false });
  for (const key of ["min", "max", "desired"] as const) {
    const value = action[key];
    if (value !== undefined && !isCapacity(value)) return unchanged(`${key} must be a non-negative integer, got ${value}`);
  }
  const min = action.min ?? group.min;
  const max = action.max ?? group.max;
  if (min > max) {
    return unchanged(`scheduled action leaves min ${min} above max ${max}; not applied (aws-behaviour 5.14)`);
  }
  const requested = action.desired ?? group.desired;
  const desired = clampDesired(requested, min, max);
  return { min, max, desired, problem: null, desiredClamped: desired !== requested };
}

/**
 * Simple scaling's gate (aws-behaviour 7.10, 5.10-5.12): after an activity the policy ignores its alarm until the activity
 * has finished and the cooldown has passed. The adjustment itself is `applyAdjustment` (7.4-7.6), relative to the
 * group's capacity once the gate opens. Cooldown applies to simple scaling only (5.10, 12.9).
 */
import { US_PER_S } from "../../engine/time.js";

/** DefaultCooldown of a group: 300 s (5.10). */
export const DEFAULT_COOLDOWN_US = 300 * US_PER_S;

/** The policy's own Cooldown if set, else the group's DefaultCooldown, else AWS's 300 s (7.10, 5.10). */
export function simpleScalingCooldownUs(policyCooldownUs?: number, groupDefaultCooldownUs?: number): number {
  const cooldownUs = policyCooldownUs ?? groupDefaultCooldownUs ?? DEFAULT_COOLDOWN_US;
  if (!Number.isSafeInteger(cooldownUs) || cooldownUs < 0) {
    throw new RangeError(`cooldown must be a non-negative integer of microseconds, got ${cooldownUs}`);
  }
  return cooldownUs;
}

export interface SimpleScalingGate {
  nowUs: number;
  /**
   * When the last activity of this policy finished: the last instance done launching or terminating, after lifecycle
   * hooks (and, behind a load balancer, after deregistration for scale-in) (5.12). Null if it has had none.
   */
  lastActivityEndUs: number | null;
  cooldownUs: number;
  /** An activity (or a health-check replacement) still running: the policy waits for it first (7.10). */
  activityInProgress: boolean;
}

/**
 * The first instant the policy may respond again: the end of the last activity plus the cooldown. The cooldown is the
 * half-open interval [end, end + cooldown), so at exactly end + cooldown it has expired.
 */
export function simpleScalingReadyAtUs(lastActivityEndUs: number, cooldownUs: number): number {
  return lastActivityEndUs + cooldownUs;
}

/** Whether a simple scaling policy responds to its alarm now (7.10): no activity running and the cooldown over. */
export function simpleScalingAllowed({ nowUs, lastActivityEndUs, cooldownUs, activityInProgress }: SimpleScalingGate): boolean {
  if (activityInProgress) return false;
  if (lastActivityEndUs === null) return true;
  return nowUs >= simpleScalingReadyAtUs(lastActivityEndUs, cooldownUs);
}

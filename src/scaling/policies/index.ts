/** Capacity arithmetic of EC2 Auto Scaling policies: pure functions of the numbers passed in (aws-behaviour §5-§7). */
export type { ScaleDirection, ScalingDecision } from "./decision.js";
export {
  type GroupCapacity,
  type ScheduledAction,
  type ScheduledActionResult,
  applyScheduledAction,
  assertCapacity,
  clampDesired,
  initialGroupCapacity,
  isCapacity,
  validateGroupCapacity,
  validateScheduledAction,
} from "./capacity-bounds.js";
export {
  type Adjustment,
  type AdjustmentInput,
  type AdjustmentType,
  adjustmentIntent,
  applyAdjustment,
  percentChange,
  roundPercentChange,
  validateAdjustment,
} from "./adjustment.js";
export {
  type ScaleInCheck,
  type ScaleOutCheck,
  type TargetTrackingEvaluation,
  type TargetTrackingInput,
  type TargetTrackingRequest,
  type TargetTrackingState,
  ceilCapacity,
  combineTargetTracking,
  shouldScaleIn,
  shouldScaleOut,
  targetTrackingCapacity,
  targetTrackingRequest,
} from "./target-tracking.js";
export {
  type AlarmComparison,
  type StepAdjustment,
  type StepScalingState,
  MAX_STEP_ADJUSTMENTS,
  breachSide,
  selectStep,
  stepContains,
  stepScalingDesired,
  validateSteps,
} from "./step-scaling.js";
export {
  type SimpleScalingGate,
  DEFAULT_COOLDOWN_US,
  simpleScalingAllowed,
  simpleScalingCooldownUs,
  simpleScalingReadyAtUs,
} from "./simple-scaling.js";

/**
 * What a scaling policy asks of its group. Every policy function returns this shape so that the group can log the
 * request (activities.csv) with the reason, including when the answer is "do nothing".
 */
export type ScaleDirection = "out" | "in" | "none";

export interface ScalingDecision {
  direction: ScaleDirection;
  /**
   * The desired capacity asked for, before clamping into [min, max] (`clampDesired`, aws-behaviour 5.14). Equal to the
   * current desired capacity when direction is "none". Clamping can turn an "out" at MaxSize into no change; the
   * caller compares the clamped value with the current desired capacity before starting an activity.
   */
  desired: number;
  /** One line for the activity log: which rule decided, with its aws-behaviour number. */
  reason: string;
}

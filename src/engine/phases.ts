/**
 * Named same-instant phases. Events at the same microsecond run in this order, then in scheduling order.
 * Each value says why it comes where it does; test/engine/phases.test.ts checks every adjacent pair.
 */
export const Phase = {
  /** A delete (or a heartbeat's ChangeMessageVisibility) that reaches SQS at the very instant the visibility
   *  timeout ends still finds the message in flight: the consumer made it in time, so it must not lose to the expiry. */
  Delete: 0,
  /** Queue timers (visibility expiry, delay end, retention, long-poll wait end) run before sends and receives,
   *  so a message whose timeout ends now is visible to a receive at this instant. */
  QueueTimers: 1,
  /** Sends before receives: a message accepted at t is visible to a receive that reaches SQS at t. */
  Send: 2,
  /** Receives after everything that changes what is visible at this instant. */
  Receive: 3,
  /** Fleet changes after the queue has settled, so new workers see this instant's queue. */
  CapacityChange: 4,
  /** Metric samples see every state change of their instant. */
  MetricSample: 5,
  /** Scaling decisions read the sample taken at the same instant. */
  ScalingDecision: 6,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export const PHASE_COUNT = 8;
export const PHASE_NAMES: readonly string[] = Object.keys(Phase);

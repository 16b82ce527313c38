import { type ColumnReader } from "../metrics/period-series.js";

/**
 * The scaler seam: something that reads metrics and decides a capacity's desired size. It is built with the
 * capacity it drives and whatever it reads (a queue's metrics through CloudWatch, or straight from the queue as KEDA
 * does); the simulation only starts it, asks for its series columns and reads its activity counts, never its alarms.
 *
 * Implementations: Autoscaler (autoscaler.ts), Auto Scaling's policies on CloudWatch alarms (target tracking, step,
 * simple, scheduled; aws-behaviour §4-§7). KEDA with the HPA and Lambda's poller scaling come next.
 */
export interface Scaler {
  readonly name: string;
  /** Schedules its first reads and decisions. */
  start(): void;
  /** The series columns it adds (what it saw and decided), each read at the end of every metric period. */
  seriesColumns(): ColumnReader[];
  readonly scaleOutActivities: number;
  readonly scaleInActivities: number;
  /** Its first scale-out, with the start of the breach behind it (for timeToFirstScaleOut), or null. */
  readonly firstScaleOut: { atUs: number; breachStartUs: number } | null;
}

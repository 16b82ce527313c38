// The Horizontal Pod Autoscaler's arithmetic (aws-behaviour 9.1-9.8), as the Kubernetes controller computes it
// (pkg/controller/podautoscaler: replica_calculator.go and horizontal.go): the replica count a metric asks for, with
// the tolerance, then stabilised over the behaviour's windows and limited by its rate policies. Pure: the caller keeps
// time and asks at each sync period. Issue 16 builds the Kubernetes pool on it.

/** A rate policy: at most `value` pods, or `value` percent of the replicas at the period's start, per period. */
export interface HpaPolicy {
  type: "Pods" | "Percent";
  value: number;
  periodS: number;
}

/** One direction of `behavior` (scaleUp or scaleDown). */
export interface HpaScalingRules {
  stabilizationWindowS: number;
  policies: HpaPolicy[];
  /** Max: the policy allowing the biggest change; Min: the smallest; Disabled: no scaling this way (9.5). */
  selectPolicy: "Max" | "Min" | "Disabled";
}

export interface HpaBehavior {
  scaleUp: HpaScalingRules;
  scaleDown: HpaScalingRules;
}

/** The default tolerance: no scaling while the usage ratio is within 10% of 1 (9.2). */
export const HPA_TOLERANCE = 0.1;

/**
 * The defaults when a behaviour is not written (9.4-9.5): scale up without stabilisation by the larger of 100% or
 * 4 pods per 15 s; scale down after a 300 s stabilisation window, by up to 100% per 15 s.
 */
export const DEFAULT_HPA_BEHAVIOR: HpaBehavior = {
  scaleUp: {
    stabilizationWindowS: 0,
    policies: [
      { type: "Percent", value: 100, periodS: 15 },
      { type: "Pods", value: 4, periodS: 15 },
    ],
    selectPolicy: "Max",
  },
  scaleDown: { stabilizationWindowS: 300, policies: [{ type: "Percent", value: 100, periodS: 15 }], selectPolicy: "Max" },
};

/**
 * Tolerances.isWithin (9.2), as today's controller writes it: 1 − tolerance ≤ ratio ≤ 1 + tolerance. Not |1 − ratio|
 * ≤ tolerance (its form before per-direction tolerances), which in floating point puts a ratio of exactly 1.1 (55% of
 * a 50% target, 11 messages for 2 replicas of 5) outside a 0.1 tolerance.
 */
export const withinTolerance = (ratio: number, tolerance: number): boolean => 1 - tolerance <= ratio && ratio <= 1 + tolerance;

/**
 * Replicas for a resource-utilisation target (9.1-9.2): ceil(current × utilisation ÷ target), unless the ratio is
 * within the tolerance of 1, when the count stays.
 */
export function utilizationReplicas(current: number, utilization: number, target: number, tolerance = HPA_TOLERANCE): number {
  const ratio = utilization / target;
  if (withinTolerance(ratio, tolerance)) return current;
  return Math.ceil(current * ratio);
}

/**
 * Replicas for an External metric with an AverageValue target, KEDA's default (9.8): ceil(total ÷ target per pod).
 * The tolerance compares the total with target × current replicas (GetExternalPerPodMetricReplicas).
 */
export function externalAverageValueReplicas(current: number, total: number, targetPerPod: number, tolerance = HPA_TOLERANCE): number {
  if (current > 0 && withinTolerance(total / (targetPerPod * current), tolerance)) return current;
  return Math.ceil(total / targetPerPod);
}

interface Recommendation {
  replicas: number;
  atS: number;
}

interface ScaleEvent {
  change: number;
  atS: number;
}

/**
 * An HPA's memory between sync periods: its recent recommendations (for the stabilisation windows) and its recent
 * scale events (for the rate policies). `normalize` turns a raw recommendation into the replica count to set,
 * and records what it decided, as `normalizeDesiredReplicasWithBehaviors` does.
 */
export class HpaStabilizer {
  private recommendations: Recommendation[] = [];
  private upEvents: ScaleEvent[] = [];
  private downEvents: ScaleEvent[] = [];

  constructor(private readonly behavior: HpaBehavior = DEFAULT_HPA_BEHAVIOR) {}

  /** The replicas to set at time `nowS`, from `current` and the metric's raw `desired`, within [min, max]. */
  normalize(nowS: number, current: number, desired: number, min: number, max: number): number {
    const stabilized = this.stabilize(nowS, current, desired);
    const result = this.limitRate(nowS, current, stabilized, min, max);
    if (result !== current) {
      (result > current ? this.upEvents : this.downEvents).push({ change: Math.abs(result - current), atS: nowS });
    }
    this.prune(nowS);
    return result;
  }

  /**
   * The stabilisation windows (9.4): a rise is held to the lowest recommendation within the scale-up window, a fall
   * to the highest within the scale-down window, the raw recommendation counted among them and then remembered.
   */
  private stabilize(nowS: number, current: number, desired: number): number {
    const upCutoff = nowS - this.behavior.scaleUp.stabilizationWindowS;
    const downCutoff = nowS - this.behavior.scaleDown.stabilizationWindowS;
    let up = desired;
    let down = desired;
    for (const r of this.recommendations) {
      if (r.atS > upCutoff) up = Math.min(up, r.replicas);
      if (r.atS > downCutoff) down = Math.max(down, r.replicas);
    }
    let recommendation = current;
    if (recommendation < up) recommendation = up;
    if (recommendation > down) recommendation = down;
    this.recommendations.push({ replicas: desired, atS: nowS });
    return recommendation;
  }

  /** The rate policies (9.5) and the bounds: a change no faster than the selected policy allows over its period. */
  private limitRate(nowS: number, current: number, desired: number, min: number, max: number): number {
    if (desired > current) {
      const limit = Math.max(current, this.scaleUpLimit(nowS, current));
      return Math.min(desired, Math.min(max, limit));
    }
    if (desired < current) {
      const limit = Math.min(current, this.scaleDownLimit(nowS, current));
      return Math.max(desired, Math.max(min, limit));
    }
    return desired;
  }

  private scaleUpLimit(nowS: number, current: number): number {
    const rules = this.behavior.scaleUp;
    if (rules.selectPolicy === "Disabled") return current;
    let result = rules.selectPolicy === "Min" ? Infinity : -Infinity;
    for (const p of rules.policies) {
      const start = current - changeIn(this.upEvents, nowS, p.periodS) + changeIn(this.downEvents, nowS, p.periodS);
      // Rounded up, or a small percentage of a few replicas would never add one.
      const proposed = p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      result = rules.selectPolicy === "Min" ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  private scaleDownLimit(nowS: number, current: number): number {
    const rules = this.behavior.scaleDown;
    if (rules.selectPolicy === "Disabled") return current;
    let result = rules.selectPolicy === "Min" ? -Infinity : Infinity;
    for (const p of rules.policies) {
      const start = current - changeIn(this.upEvents, nowS, p.periodS) + changeIn(this.downEvents, nowS, p.periodS);
      // Truncated, as the controller's int32 conversion does.
      const proposed = p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = rules.selectPolicy === "Min" ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }

  /** Forgets what no window or period can reach any more. */
  private prune(nowS: number): void {
    const keep = Math.max(this.behavior.scaleUp.stabilizationWindowS, this.behavior.scaleDown.stabilizationWindowS);
    this.recommendations = this.recommendations.filter((r) => r.atS > nowS - keep);
    const longest = Math.max(0, ...this.behavior.scaleUp.policies.map((p) => p.periodS), ...this.behavior.scaleDown.policies.map((p) => p.periodS));
    this.upEvents = this.upEvents.filter((e) => e.atS > nowS - longest);
    this.downEvents = this.downEvents.filter((e) => e.atS > nowS - longest);
  }
}

/** Replicas changed by `events` within the last `periodS` seconds (getReplicasChangePerPeriod). */
function changeIn(events: readonly ScaleEvent[], nowS: number, periodS: number): number {
  let n = 0;
  for (const e of events) if (e.atS > nowS - periodS) n += e.change;
  return n;
}

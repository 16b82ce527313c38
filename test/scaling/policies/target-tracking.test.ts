import { describe, expect, it } from "vitest";
import {
  ceilCapacity,
  combineTargetTracking,
  estimatedMetricAfter,
  scaleInCapacity,
  shouldScaleIn,
  shouldScaleOut,
  type TargetTrackingRequest,
  targetTrackingCapacity,
  targetTrackingRequest,
  type TargetTrackingState,
} from "../../../src/scaling/policies/target-tracking.js";

describe("targetTrackingCapacity: proportional, ceil(current × metric / target) (aws-behaviour 6.9-6.10)", () => {
  it("asks for 15 for 10 instances at backlog per instance 150 against a target of 100 (AWS's SQS example, 6.10, 6.17)", () => {
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 150, target: 100 })).toBe(15);
  });

  it("rounds the addition up on scale-out: 1.5 instances needed adds 2 (6.9)", () => {
    // 10 × 115 / 100 = 11.5: 1.5 more needed.
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 115, target: 100 })).toBe(12);
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 101, target: 100 })).toBe(11);
  });

  it("rounds the removal down on scale-in: 10 at 0.85 of the target (1.5 removable) keeps 9 (6.9)", () => {
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 85, target: 100 })).toBe(9);
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 0.85, target: 1 })).toBe(9);
    // 10 × 0.81 = 8.1: 1.9 removable, remove 1.
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 81, target: 100 })).toBe(9);
  });

  it("keeps the current capacity at the target and asks for 0 at metric 0 (6.20)", () => {
    expect(targetTrackingCapacity({ currentCapacity: 7, metricValue: 100, target: 100 })).toBe(7);
    expect(targetTrackingCapacity({ currentCapacity: 7, metricValue: 0, target: 100 })).toBe(0);
  });

  it("does not round a float product like 3 × 0.1 / 0.3 up to the next instance", () => {
    expect((3 * 0.1) / 0.3).toBeGreaterThan(1); // the float hazard itself
    expect(targetTrackingCapacity({ currentCapacity: 3, metricValue: 0.1, target: 0.3 })).toBe(1);
    expect(ceilCapacity(1.0000000000000002)).toBe(1);
    expect(ceilCapacity(1.001)).toBe(2);
    expect(ceilCapacity(4)).toBe(4);
  });

  it("asks for 1 instance from 0 when the metric is above the target, 0 otherwise (model choice: 0 × anything is 0)", () => {
    expect(targetTrackingCapacity({ currentCapacity: 0, metricValue: 500, target: 100 })).toBe(1);
    expect(targetTrackingCapacity({ currentCapacity: 0, metricValue: 100, target: 100 })).toBe(0);
  });

  it("refuses a non-positive target, a NaN metric and a fractional capacity", () => {
    expect(() => targetTrackingCapacity({ currentCapacity: 1, metricValue: 1, target: 0 })).toThrow(RangeError);
    expect(() => targetTrackingCapacity({ currentCapacity: 1, metricValue: Number.NaN, target: 1 })).toThrow(RangeError);
    expect(() => targetTrackingCapacity({ currentCapacity: 1.5, metricValue: 1, target: 1 })).toThrow(/non-negative integer/);
  });
});

describe("shouldScaleOut / shouldScaleIn (aws-behaviour 6.11, 6.14, 6.15)", () => {
  const base = { metricValue: 150, target: 100, newCapacity: 15, currentDesired: 10 };
  const inBase = {
    metricValue: 50,
    target: 100,
    scaleInThreshold: 90,
    currentCapacity: 10,
    newCapacity: 5,
    currentDesired: 10,
    disableScaleIn: false,
    instancesWarmingUp: false,
  };

  it("scales out only when the metric is above the target (6.15)", () => {
    expect(shouldScaleOut(base)).toBe(true);
    expect(shouldScaleOut({ ...base, metricValue: 100 })).toBe(false);
    expect(shouldScaleOut({ ...base, metricValue: 50, newCapacity: 15 })).toBe(false);
  });

  it("does not scale out when desired already counts the warming instances (6.14: no double counting)", () => {
    expect(shouldScaleOut({ ...base, currentDesired: 15 })).toBe(false);
    expect(shouldScaleOut({ ...base, currentDesired: 16 })).toBe(false);
  });

  it("scales in when below the target and the new capacity is below desired", () => {
    expect(shouldScaleIn(inBase)).toBe(true);
  });

  it("does not scale in when DisableScaleIn is set (6.11)", () => {
    expect(shouldScaleIn({ ...inBase, disableScaleIn: true })).toBe(false);
  });

  it("does not scale in while instances warm up (6.14)", () => {
    expect(shouldScaleIn({ ...inBase, instancesWarmingUp: true })).toBe(false);
  });

  it("does not scale in at or above the target, even with pending instances in desired", () => {
    expect(shouldScaleIn({ ...inBase, metricValue: 100, newCapacity: 8 })).toBe(false);
  });

  it("does not scale in between AlarmLow's threshold and the target: low means sufficiently under it (6.5)", () => {
    expect(shouldScaleIn({ ...inBase, metricValue: 89.9, newCapacity: 9 })).toBe(true);
    expect(shouldScaleIn({ ...inBase, metricValue: 90, newCapacity: 9 })).toBe(false);
  });

  it("does not scale in when the estimate of the metric after it, metric × current ÷ new, is above the target (6.5)", () => {
    // 10 instances at 80 carry 800: 8 instances would be at 100 (the target, allowed), 7 at 114 (refused).
    expect(shouldScaleIn({ ...inBase, metricValue: 80, newCapacity: 8 })).toBe(true);
    expect(shouldScaleIn({ ...inBase, metricValue: 80, newCapacity: 7 })).toBe(false);
    expect(estimatedMetricAfter(80, 10, 7)).toBeCloseTo(114.29, 2);
    // The smallest capacity (largest removal) that keeps the estimate at or under the target, or no removal.
    expect(scaleInCapacity(80, 100, 10, 5)).toBe(8);
    expect(scaleInCapacity(99.5, 100, 10, 5)).toBe(10);
    // An idle metric empties the group (6.20); a busy one cannot be carried by 0 instances.
    expect(estimatedMetricAfter(0, 10, 0)).toBe(0);
    expect(estimatedMetricAfter(1, 10, 0)).toBe(Infinity);
  });
});

describe("targetTrackingRequest: one policy's vote", () => {
  const state: TargetTrackingState = {
    metricValue: 150,
    target: 100,
    scaleInThreshold: 90,
    currentCapacity: 10,
    currentDesired: 10,
    disableScaleIn: false,
    instancesWarmingUp: false,
  };

  it("asks to scale out to the proportional capacity", () => {
    expect(targetTrackingRequest(state)).toMatchObject({ direction: "out", desired: 15, scaleInEnabled: true });
  });

  it("computes from the instances not warming up but compares with desired (AWS re:Post example: 4 + 1 with 1 warming → no launch)", () => {
    const warming = { ...state, metricValue: 125, target: 100, currentCapacity: 4, currentDesired: 5, instancesWarmingUp: true };
    expect(targetTrackingRequest(warming)).toMatchObject({ direction: "none", desired: 5 });
    expect(targetTrackingRequest({ ...warming, metricValue: 150 })).toMatchObject({ direction: "out", desired: 6 });
  });

  it("writes the metric in its reason to 6 significant digits, and one instance in the singular", () => {
    const r = targetTrackingRequest({ ...state, metricValue: 122 / 7, target: 10, currentCapacity: 1, currentDesired: 1 });
    expect(r.reason).toBe("metric 17.4286 vs target 10: 2 instances needed (aws-behaviour 6.9-6.10)");
    const one = targetTrackingRequest({ ...state, metricValue: 0.5, target: 12, currentCapacity: 10, currentDesired: 10 });
    expect(one.reason).toBe("metric 0.5 vs target 12: 1 instance enough (aws-behaviour 6.9-6.10)");
  });

  it("does nothing on insufficient data (6.12)", () => {
    const r = targetTrackingRequest({ ...state, metricValue: null });
    expect(r).toMatchObject({ direction: "none", desired: 10 });
    expect(r.reason).toContain("6.12");
  });

  it("asks to scale in below the target, names the block when disabled or warming", () => {
    const low = { ...state, metricValue: 85 };
    expect(targetTrackingRequest(low)).toMatchObject({ direction: "in", desired: 9 });
    const disabled = targetTrackingRequest({ ...low, disableScaleIn: true });
    expect(disabled).toMatchObject({ direction: "none", desired: 10, scaleInEnabled: false });
    expect(disabled.reason).toContain("6.11");
    expect(targetTrackingRequest({ ...low, instancesWarmingUp: true }).reason).toContain("6.14");
  });

  it("does nothing between AlarmLow's threshold (0.9 × target) and the target, though the proportional rule would remove one (6.5)", () => {
    // 20 instances at 0.95 of the target: ⌈19⌉ = 19 instances would do; AWS waits until the metric is well under it.
    const r = targetTrackingRequest({ ...state, metricValue: 95, currentCapacity: 20, currentDesired: 20 });
    expect(r).toMatchObject({ direction: "none", desired: 20 });
    expect(r.reason).toContain("6.5");
  });

  it("does nothing when rounding up leaves the capacity where it is (10 at 0.99 of target asks for 10)", () => {
    expect(targetTrackingRequest({ ...state, metricValue: 99 })).toMatchObject({ direction: "none", desired: 10 });
  });
});

describe("combineTargetTracking: several policies (aws-behaviour 6.13)", () => {
  const out = (desired: number): TargetTrackingRequest => ({ desired, direction: "out", scaleInEnabled: true });
  const scaleIn = (desired: number): TargetTrackingRequest => ({ desired, direction: "in", scaleInEnabled: true });
  const none: TargetTrackingRequest = { desired: 10, direction: "none", scaleInEnabled: true };

  it("scales out if any policy says out, to the largest capacity asked for", () => {
    expect(combineTargetTracking([scaleIn(6), out(12), out(14), none], 10)).toMatchObject({ direction: "out", desired: 14 });
  });

  it("scales in only when all policies with scale-in enabled say in, to the largest (most conservative) request", () => {
    expect(combineTargetTracking([scaleIn(6), scaleIn(8), scaleIn(7)], 10)).toMatchObject({ direction: "in", desired: 8 });
  });

  it("does not scale in when one enabled policy does not agree", () => {
    const d = combineTargetTracking([scaleIn(6), none], 10);
    expect(d).toMatchObject({ direction: "none", desired: 10 });
    expect(d.reason).toContain("policy 1");
  });

  it("lets policies with scale-in disabled neither vote nor block (6.11, 6.13)", () => {
    const disabledNone = { ...none, scaleInEnabled: false };
    expect(combineTargetTracking([scaleIn(6), disabledNone], 10)).toMatchObject({ direction: "in", desired: 6 });
    expect(combineTargetTracking([disabledNone, { ...scaleIn(4), scaleInEnabled: false }], 10)).toMatchObject({ direction: "none" });
  });

  it("does nothing with no policies, and ignores requests that would not move desired their way", () => {
    expect(combineTargetTracking([], 10)).toMatchObject({ direction: "none", desired: 10 });
    expect(combineTargetTracking([out(10)], 10)).toMatchObject({ direction: "none", desired: 10 });
    expect(combineTargetTracking([out(10), scaleIn(10)], 10)).toMatchObject({ direction: "none", desired: 10 });
  });
});

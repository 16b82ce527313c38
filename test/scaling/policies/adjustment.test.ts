import { describe, expect, it } from "vitest";
import { adjustmentIntent, applyAdjustment, percentChange, roundPercentChange, validateAdjustment } from "../../../src/scaling/policies/adjustment.js";

describe("roundPercentChange (aws-behaviour 7.5)", () => {
  it.each([
    [12.7, 12],
    [3.3, 3],
    [1, 1],
    [0.67, 1],
    [0.4, 1],
    [0, 0],
    [-0.4, -1],
    [-0.58, -1],
    [-1, -1],
    [-1.4, -1],
    [-3.9, -3],
    [-6.67, -6],
    [5, 5],
  ])("rounds %d to %d", (value, expected) => {
    expect(roundPercentChange(value)).toBe(expected);
  });

  it("returns +0, not −0, for a zero change", () => {
    expect(Object.is(roundPercentChange(-0), 0)).toBe(true);
  });
});

describe("percentChange and MinAdjustmentMagnitude (aws-behaviour 7.5, 7.6)", () => {
  it("adds 2 for 25 % of 4 with a minimum magnitude of 2 (AWS's example)", () => {
    expect(percentChange(4, 25)).toBe(1);
    expect(percentChange(4, 25, 2)).toBe(2);
    expect(applyAdjustment({ adjustmentType: "percentChangeInCapacity", adjustment: 25, currentCapacity: 4, minAdjustmentMagnitude: 2 })).toBe(6);
  });

  it("applies the minimum magnitude in the direction of the adjustment", () => {
    expect(percentChange(5, -10, 2)).toBe(-2);
  });

  it("leaves a change already at or above the minimum magnitude alone", () => {
    expect(percentChange(40, 25, 2)).toBe(10);
  });

  it("changes 0 instances from 0, unless a minimum magnitude is set (model choice)", () => {
    expect(percentChange(0, 50)).toBe(0);
    expect(percentChange(0, 50, 1)).toBe(1);
  });
});

describe("applyAdjustment (aws-behaviour 7.4)", () => {
  it("ChangeInCapacity adds or removes N: 3 + 5 = 8, and may go below 0 before clamping", () => {
    expect(applyAdjustment({ adjustmentType: "changeInCapacity", adjustment: 5, currentCapacity: 3 })).toBe(8);
    expect(applyAdjustment({ adjustmentType: "changeInCapacity", adjustment: -5, currentCapacity: 3 })).toBe(-2);
  });

  it("ExactCapacity sets N whatever the current capacity, and refuses a negative N", () => {
    expect(applyAdjustment({ adjustmentType: "exactCapacity", adjustment: 5, currentCapacity: 3 })).toBe(5);
    expect(() => applyAdjustment({ adjustmentType: "exactCapacity", adjustment: -1, currentCapacity: 3 })).toThrow(RangeError);
  });

  it("ignores MinAdjustmentMagnitude for ChangeInCapacity (7.6: percent only)", () => {
    expect(applyAdjustment({ adjustmentType: "changeInCapacity", adjustment: 1, currentCapacity: 4, minAdjustmentMagnitude: 3 })).toBe(5);
  });

  it("reproduces AWS's worked example: 10 at +10 % → 11, then 11 at +30 % (3.3 → 3) → 14 (7.11)", () => {
    const first = applyAdjustment({ adjustmentType: "percentChangeInCapacity", adjustment: 10, currentCapacity: 10 });
    expect(first).toBe(11);
    expect(applyAdjustment({ adjustmentType: "percentChangeInCapacity", adjustment: 30, currentCapacity: first })).toBe(14);
  });

  it("reproduces AWS's scale-in continuation: 14 at −10 % (−1.4 → −1) → 13, then 13 at −30 % (−3.9 → −3) → 10", () => {
    expect(applyAdjustment({ adjustmentType: "percentChangeInCapacity", adjustment: -10, currentCapacity: 14 })).toBe(13);
    expect(applyAdjustment({ adjustmentType: "percentChangeInCapacity", adjustment: -30, currentCapacity: 13 })).toBe(10);
  });

  it("refuses a fractional adjustment (ScalingAdjustment is an integer)", () => {
    expect(() => applyAdjustment({ adjustmentType: "changeInCapacity", adjustment: 1.5, currentCapacity: 3 })).toThrow(/integer/);
  });
});

describe("adjustmentIntent and validateAdjustment", () => {
  it("reads the direction from the sign, or for ExactCapacity from the side of desired", () => {
    expect(adjustmentIntent({ adjustmentType: "percentChangeInCapacity", adjustment: 10 }, 5)).toBe("out");
    expect(adjustmentIntent({ adjustmentType: "changeInCapacity", adjustment: -1 }, 5)).toBe("in");
    expect(adjustmentIntent({ adjustmentType: "changeInCapacity", adjustment: 0 }, 5)).toBe("none");
    expect(adjustmentIntent({ adjustmentType: "exactCapacity", adjustment: 2 }, 5)).toBe("in");
    expect(adjustmentIntent({ adjustmentType: "exactCapacity", adjustment: 5 }, 5)).toBe("none");
  });

  it("reports MinAdjustmentMagnitude on a non-percent type, a negative exact capacity and a fractional value", () => {
    expect(validateAdjustment({ adjustmentType: "changeInCapacity", adjustment: 1, minAdjustmentMagnitude: 2 })[0]).toContain("7.6");
    expect(validateAdjustment({ adjustmentType: "exactCapacity", adjustment: -2 })[0]).toContain("7.4");
    expect(validateAdjustment({ adjustmentType: "changeInCapacity", adjustment: 0.5 })).toHaveLength(1);
    expect(validateAdjustment({ adjustmentType: "percentChangeInCapacity", adjustment: 25, minAdjustmentMagnitude: 2 })).toEqual([]);
  });
});

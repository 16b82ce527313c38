import { describe, expect, it } from "vitest";
import {
  applyScheduledAction,
  clampDesired,
  initialGroupCapacity,
  validateGroupCapacity,
  validateScheduledAction,
} from "../../../src/scaling/policies/capacity-bounds.js";

describe("clampDesired: policies never leave [min, max] (aws-behaviour 5.14)", () => {
  it("clamps below min, above max, and keeps values inside", () => {
    expect(clampDesired(-2, 1, 10)).toBe(1);
    expect(clampDesired(14, 1, 10)).toBe(10);
    expect(clampDesired(7, 1, 10)).toBe(7);
    expect(clampDesired(0, 0, 0)).toBe(0);
  });

  it("refuses min above max and a NaN desired", () => {
    expect(() => clampDesired(5, 6, 5)).toThrow(/5\.14/);
    expect(() => clampDesired(Number.NaN, 0, 5)).toThrow(RangeError);
  });
});

describe("validateGroupCapacity (aws-behaviour 5.14)", () => {
  it("accepts min ≤ desired ≤ max", () => {
    expect(validateGroupCapacity({ min: 0, max: 10, desired: 0 })).toEqual([]);
  });

  it("names the bound that desired is outside of", () => {
    expect(validateGroupCapacity({ min: 2, max: 10, desired: 1 })).toEqual([
      "desired capacity 1 is below min size 2 (aws-behaviour 5.14: min ≤ desired ≤ max)",
    ]);
    expect(validateGroupCapacity({ min: 2, max: 10, desired: 12 })).toEqual([
      "desired capacity 12 is above max size 10 (aws-behaviour 5.14: min ≤ desired ≤ max)",
    ]);
    expect(validateGroupCapacity({ min: 5, max: 3, desired: 4 })[0]).toBe("min size 5 is above max size 3 (aws-behaviour 5.14)");
    expect(validateGroupCapacity({ min: -1, max: 3.5, desired: 1 })).toHaveLength(2);
  });

  it("defaults desired to min (5.14)", () => {
    expect(initialGroupCapacity({ min: 2, max: 10 })).toEqual({ min: 2, max: 10, desired: 2 });
    expect(initialGroupCapacity({ min: 2, max: 10, desired: 4 })).toEqual({ min: 2, max: 10, desired: 4 });
  });
});

describe("applyScheduledAction", () => {
  const group = { min: 1, max: 10, desired: 4 };

  it("sets the fields it names and keeps the others", () => {
    expect(applyScheduledAction({ desired: 8 }, group)).toEqual({ min: 1, max: 10, desired: 8, problem: null, desiredClamped: false });
    expect(applyScheduledAction({ max: 20 }, group)).toEqual({ min: 1, max: 20, desired: 4, problem: null, desiredClamped: false });
  });

  it("raises desired with a new min above it and lowers it with a new max below it", () => {
    expect(applyScheduledAction({ min: 6 }, group)).toEqual({ min: 6, max: 10, desired: 6, problem: null, desiredClamped: true });
    expect(applyScheduledAction({ max: 2 }, group)).toEqual({ min: 1, max: 2, desired: 2, problem: null, desiredClamped: true });
  });

  it("clamps a scheduled desired outside the new bounds", () => {
    expect(applyScheduledAction({ min: 2, max: 5, desired: 9 }, group)).toMatchObject({ min: 2, max: 5, desired: 5, desiredClamped: true });
    expect(applyScheduledAction({ desired: 0 }, group)).toMatchObject({ min: 1, max: 10, desired: 1, desiredClamped: true });
  });

  it("fails as a whole, leaving the group unchanged, when the new min is above the new max", () => {
    const r = applyScheduledAction({ min: 12, desired: 12 }, group);
    expect(r).toMatchObject({ ...group, desiredClamped: false });
    expect(r.problem).toBe("scheduled action leaves min 12 above max 10; not applied (aws-behaviour 5.14)");
    expect(applyScheduledAction({ desired: -1 }, group).problem).toMatch(/non-negative integer/);
  });

  it("validateScheduledAction reports contradictions within the action itself", () => {
    expect(validateScheduledAction({})).toEqual(["a scheduled action must set at least one of min, max and desired"]);
    expect(validateScheduledAction({ min: 5, max: 3 })).toEqual(["min 5 is above max 3 (aws-behaviour 5.14)"]);
    expect(validateScheduledAction({ max: 3, desired: 4 })[0]).toMatch(/desired 4 is above max 3; it would be lowered to 3/);
    expect(validateScheduledAction({ min: 2, desired: 1 })[0]).toMatch(/desired 1 is below min 2/);
    expect(validateScheduledAction({ min: 1, max: 5, desired: 3 })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import {
  breachSide,
  selectStep,
  type StepAdjustment,
  stepContains,
  stepScalingDesired,
  type StepScalingState,
  validateSteps,
} from "../../../src/scaling/policies/step-scaling.js";

// AWS's step example (ASG user guide, "Step adjustments"): threshold 50, percent of group.
const THRESHOLD = 50;
const SCALE_OUT: StepAdjustment[] = [
  { lower: 0, upper: 10, adjustment: 0 },
  { lower: 10, upper: 20, adjustment: 10 },
  { lower: 20, upper: null, adjustment: 30 },
];
const SCALE_IN: StepAdjustment[] = [
  { lower: -10, upper: 0, adjustment: 0 },
  { lower: -20, upper: -10, adjustment: -10 },
  { upper: -20, adjustment: -30 },
];

describe("selectStep: bounds relative to the threshold (aws-behaviour 7.7)", () => {
  it("above the threshold, the lower bound is inclusive and the upper exclusive", () => {
    expect(selectStep(SCALE_OUT, 60, THRESHOLD)).toBe(SCALE_OUT[1]); // difference 10: lower of step 1, upper of step 0
    expect(selectStep(SCALE_OUT, 59.999, THRESHOLD)).toBe(SCALE_OUT[0]);
    expect(selectStep(SCALE_OUT, 70, THRESHOLD)).toBe(SCALE_OUT[2]);
    expect(selectStep(SCALE_OUT, 69.999, THRESHOLD)).toBe(SCALE_OUT[1]);
    expect(selectStep(SCALE_OUT, 1e9, THRESHOLD)).toBe(SCALE_OUT[2]); // null upper = +∞
    expect(selectStep(SCALE_OUT, Number.POSITIVE_INFINITY, THRESHOLD)).toBe(SCALE_OUT[2]);
  });

  it("below the threshold, the lower bound is exclusive and the upper inclusive", () => {
    expect(selectStep(SCALE_IN, 40, THRESHOLD)).toBe(SCALE_IN[1]); // difference −10: upper of step 1, lower of step 0
    expect(selectStep(SCALE_IN, 40.001, THRESHOLD)).toBe(SCALE_IN[0]);
    expect(selectStep(SCALE_IN, 30, THRESHOLD)).toBe(SCALE_IN[2]);
    expect(selectStep(SCALE_IN, 30.001, THRESHOLD)).toBe(SCALE_IN[1]);
    expect(selectStep(SCALE_IN, -1e9, THRESHOLD)).toBe(SCALE_IN[2]); // null lower = −∞
  });

  it("at exactly the threshold, matches [0, x) of a ≥ alarm and (y, 0] of a ≤ alarm", () => {
    expect(selectStep(SCALE_OUT, 50, THRESHOLD)).toBe(SCALE_OUT[0]);
    expect(selectStep(SCALE_IN, 50, THRESHOLD)).toBe(SCALE_IN[0]);
    expect(selectStep([...SCALE_IN, ...SCALE_OUT], 50, THRESHOLD)).toBe(SCALE_OUT[0]); // invalid mix: above reading wins
  });

  it("returns null when no step contains the metric", () => {
    expect(selectStep(SCALE_OUT, 49.999, THRESHOLD)).toBeNull();
    expect(selectStep(SCALE_IN, 50.001, THRESHOLD)).toBeNull();
  });

  it("stepContains applies one reading per side", () => {
    const step = { lower: -10, upper: 10, adjustment: 1 };
    expect(stepContains(step, 10)).toBe(false);
    expect(stepContains(step, -10)).toBe(false);
    expect(stepContains(step, 9.5)).toBe(true);
    expect(stepContains(step, 0)).toBe(true);
    expect(() => stepContains(step, Number.NaN)).toThrow(RangeError);
  });
});

describe("validateSteps (aws-behaviour 7.7, 5.19)", () => {
  it("accepts AWS's example steps for a ≥ and a ≤ alarm", () => {
    expect(validateSteps(SCALE_OUT, "GreaterThanOrEqualToThreshold")).toEqual([]);
    expect(validateSteps(SCALE_IN, "LessThanOrEqualToThreshold")).toEqual([]);
    expect(breachSide("GreaterThanThreshold")).toBe("above");
    expect(breachSide("LessThanThreshold")).toBe("below");
  });

  it("refuses overlapping steps, naming both", () => {
    const problems = validateSteps(
      [
        { lower: 0, upper: 15, adjustment: 1 },
        { lower: 10, upper: 20, adjustment: 2 },
        { lower: 20, adjustment: 3 },
      ],
      "GreaterThanThreshold",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/steps\[0\] and steps\[1\] overlap/);
  });

  it("finds an overlap between steps that are not next to each other", () => {
    const problems = validateSteps(
      [
        { lower: 0, upper: 30, adjustment: 1 },
        { lower: 10, upper: 20, adjustment: 2 },
        { lower: 20, adjustment: 3 },
      ],
      "GreaterThanThreshold",
    );
    expect(problems.some((p) => p.includes("steps[0] and steps[2] overlap"))).toBe(true);
  });

  it("refuses a gap between steps, naming both", () => {
    const problems = validateSteps(
      [
        { lower: 0, upper: 10, adjustment: 1 },
        { lower: 12, adjustment: 2 },
      ],
      "GreaterThanThreshold",
    );
    expect(problems).toEqual([expect.stringMatching(/gap between steps\[0\] \(upper 10\) and steps\[1\] \(lower 12\)/)]);
  });

  it("refuses a gap between the threshold and the first step", () => {
    expect(validateSteps([{ lower: 5, adjustment: 1 }], "GreaterThanOrEqualToThreshold")).toEqual([
      expect.stringMatching(/gap between the threshold and the first step \(lower bound 5\)/),
    ]);
    expect(validateSteps([{ upper: -5, adjustment: -1 }], "LessThanThreshold")).toEqual([expect.stringMatching(/upper bound -5/)]);
  });

  it("refuses more than 20 steps (5.19)", () => {
    const steps: StepAdjustment[] = Array.from({ length: 21 }, (_, i) => ({ lower: i, upper: i === 20 ? null : i + 1, adjustment: 1 }));
    expect(validateSteps(steps, "GreaterThanThreshold")).toEqual([expect.stringContaining("21 step adjustments; at most 20")]);
    const twenty: StepAdjustment[] = Array.from({ length: 20 }, (_, i) => ({ lower: i, upper: i === 19 ? null : i + 1, adjustment: 1 }));
    expect(validateSteps(twenty, "GreaterThanThreshold")).toEqual([]);
  });

  it("refuses steps on the wrong side of the threshold for the alarm's comparison", () => {
    const outOnBelow = validateSteps(SCALE_OUT, "LessThanThreshold");
    expect(outOnBelow.filter((p) => p.includes("above the threshold"))).toHaveLength(3);
    expect(outOnBelow.some((p) => p.startsWith("steps[2]: range ends at +∞"))).toBe(true);
    const inOnAbove = validateSteps(SCALE_IN, "GreaterThanOrEqualToThreshold");
    expect(inOnAbove.filter((p) => p.includes("below the threshold"))).toHaveLength(3);
  });

  it("applies AWS's null-bound rules", () => {
    expect(validateSteps([{ adjustment: 1 }], "GreaterThanThreshold")[0]).toMatch(/steps\[0\]: lower and upper bound cannot both be null/);
    expect(validateSteps([{ lower: 0, upper: 10, adjustment: 1 }], "GreaterThanThreshold")).toEqual([
      expect.stringMatching(/steps\[0\]: a positive upper bound \(10\) needs a step with a null upper bound/),
    ]);
    expect(validateSteps([{ lower: -10, upper: 0, adjustment: -1 }], "LessThanThreshold")).toEqual([
      expect.stringMatching(/steps\[0\]: a negative lower bound \(-10\) needs a step with a null lower bound/),
    ]);
    const twoNullUppers = validateSteps(
      [
        { lower: 0, adjustment: 1 },
        { lower: 10, adjustment: 2 },
      ],
      "GreaterThanThreshold",
    );
    expect(twoNullUppers).toContain("steps[0], steps[1]: only one step may have a null upper bound");
  });

  it("refuses an empty range, a non-finite bound and a fractional adjustment", () => {
    expect(
      validateSteps(
        [
          { lower: 10, upper: 10, adjustment: 1 },
          { lower: 0, adjustment: 1 },
        ],
        "GreaterThanThreshold",
      ),
    ).toContain("steps[0]: lower bound 10 must be below upper bound 10");
    expect(validateSteps([{ lower: Number.NaN, adjustment: 1 }], "GreaterThanThreshold")[0]).toMatch(/steps\[0\]: lower bound must be a finite/);
    expect(validateSteps([{ lower: 0, adjustment: 1.5 }], "GreaterThanThreshold")[0]).toMatch(/steps\[0\]: adjustment must be an integer/);
    expect(validateSteps([], "GreaterThanThreshold")).toHaveLength(1);
  });
});

describe("stepScalingDesired: warm-up makes one activity per step (aws-behaviour 7.9, 6.14)", () => {
  const percent = (adjustment: number, rest: Partial<StepScalingState> = {}): StepScalingState => ({
    adjustmentType: "percentChangeInCapacity",
    adjustment,
    currentDesired: 10,
    capacityExcludingWarming: 10,
    scaleOutWarmingUp: false,
    ...rest,
  });

  it("scales 10 to 11 at the +10 % step (7.11)", () => {
    expect(stepScalingDesired(percent(10))).toMatchObject({ direction: "out", desired: 11 });
  });

  it("does nothing when the same step breaches again while the new instance warms up (AWS: metric 62, desired already 11)", () => {
    const d = stepScalingDesired(percent(10, { currentDesired: 11, scaleOutWarmingUp: true }));
    expect(d).toMatchObject({ direction: "none", desired: 11 });
    expect(d.reason).toContain("7.9");
  });

  it("adds only the difference for a larger step while warming: 30 % of 10 → 13, 2 more than desired 11 (AWS's example)", () => {
    expect(stepScalingDesired(percent(30, { currentDesired: 11, scaleOutWarmingUp: true }))).toMatchObject({ direction: "out", desired: 13 });
  });

  it("after warm-up computes from all 11: +30 % → 14 (7.11)", () => {
    expect(stepScalingDesired(percent(30, { currentDesired: 11, capacityExcludingWarming: 11 }))).toMatchObject({ direction: "out", desired: 14 });
  });

  it("never lowers desired for a scale-out step whose capacity falls below desired because of warming instances", () => {
    expect(stepScalingDesired(percent(10, { currentDesired: 15, scaleOutWarmingUp: true }))).toMatchObject({ direction: "none", desired: 15 });
  });

  it("blocks scale-in while scale-out instances warm up (7.9)", () => {
    const d = stepScalingDesired(percent(-10, { currentDesired: 14, capacityExcludingWarming: 14, scaleOutWarmingUp: true }));
    expect(d).toMatchObject({ direction: "none", desired: 14 });
    expect(d.reason).toContain("7.9");
  });

  it("scales in 14 → 13, and does not repeat while the terminating instance still counts as current capacity", () => {
    expect(stepScalingDesired(percent(-10, { currentDesired: 14, capacityExcludingWarming: 14 }))).toMatchObject({ direction: "in", desired: 13 });
    expect(stepScalingDesired(percent(-10, { currentDesired: 13, capacityExcludingWarming: 14 }))).toMatchObject({ direction: "none", desired: 13 });
  });

  it("treats ExactCapacity by the side of desired it lies on, and a 0 adjustment as no change", () => {
    const exact = (adjustment: number, scaleOutWarmingUp = false): StepScalingState => ({
      adjustmentType: "exactCapacity",
      adjustment,
      currentDesired: 11,
      capacityExcludingWarming: 10,
      scaleOutWarmingUp,
    });
    expect(stepScalingDesired(exact(20))).toMatchObject({ direction: "out", desired: 20 });
    expect(stepScalingDesired(exact(5))).toMatchObject({ direction: "in", desired: 5 });
    expect(stepScalingDesired(exact(5, true))).toMatchObject({ direction: "none", desired: 11 });
    expect(stepScalingDesired(percent(0))).toMatchObject({ direction: "none", desired: 10 });
  });

  it("uses MinAdjustmentMagnitude through applyAdjustment (7.6)", () => {
    expect(stepScalingDesired(percent(25, { currentDesired: 4, capacityExcludingWarming: 4, minAdjustmentMagnitude: 2 }))).toMatchObject({
      direction: "out",
      desired: 6,
    });
  });
});

describe("AWS's step example end to end: select the step, then apply it (aws-behaviour 7.5, 7.7, 7.11)", () => {
  const run = (steps: StepAdjustment[], metric: number, desired: number): number => {
    const step = selectStep(steps, metric, THRESHOLD);
    if (step === null) return desired;
    const state: StepScalingState = {
      adjustmentType: "percentChangeInCapacity",
      adjustment: step.adjustment,
      currentDesired: desired,
      capacityExcludingWarming: desired, // each activity has finished warming up before the next alarm
      scaleOutWarmingUp: false,
    };
    return stepScalingDesired(state).desired;
  };

  it("goes 10 → 11 at metric 60 → 14 at 70 → 13 at 40 → 10 at 30, and holds between 40 and 60", () => {
    let desired = 10;
    desired = run(SCALE_OUT, 55, desired);
    expect(desired).toBe(10);
    desired = run(SCALE_OUT, 60, desired);
    expect(desired).toBe(11);
    desired = run(SCALE_OUT, 70, desired);
    expect(desired).toBe(14);
    desired = run(SCALE_IN, 45, desired);
    expect(desired).toBe(14);
    desired = run(SCALE_IN, 40, desired);
    expect(desired).toBe(13);
    desired = run(SCALE_IN, 30, desired);
    expect(desired).toBe(10);
  });
});

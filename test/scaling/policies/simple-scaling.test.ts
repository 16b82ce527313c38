import { describe, expect, it } from "vitest";
import { US_PER_S } from "../../../src/engine/time.js";
import { DEFAULT_COOLDOWN_US, simpleScalingAllowed, simpleScalingCooldownUs, simpleScalingReadyAtUs } from "../../../src/scaling/policies/simple-scaling.js";

describe("simple scaling waits for the activity and the cooldown (aws-behaviour 7.10, 5.10, 5.12)", () => {
  const endUs = 1_234_567;

  it("defaults the cooldown to the group's DefaultCooldown, itself 300 s by default (5.10)", () => {
    expect(DEFAULT_COOLDOWN_US).toBe(300 * US_PER_S);
    expect(simpleScalingCooldownUs()).toBe(300 * US_PER_S);
    expect(simpleScalingCooldownUs(undefined, 120 * US_PER_S)).toBe(120 * US_PER_S);
    expect(simpleScalingCooldownUs(60 * US_PER_S, 120 * US_PER_S)).toBe(60 * US_PER_S);
    expect(simpleScalingCooldownUs(0)).toBe(0);
    expect(() => simpleScalingCooldownUs(-1)).toThrow(RangeError);
  });

  it("is closed one microsecond before the cooldown ends and open at exactly its end", () => {
    const cooldownUs = DEFAULT_COOLDOWN_US;
    const gate = { lastActivityEndUs: endUs, cooldownUs, activityInProgress: false };
    expect(simpleScalingReadyAtUs(endUs, cooldownUs)).toBe(endUs + 300_000_000);
    expect(simpleScalingAllowed({ ...gate, nowUs: endUs + cooldownUs - 1 })).toBe(false);
    expect(simpleScalingAllowed({ ...gate, nowUs: endUs + cooldownUs })).toBe(true);
    expect(simpleScalingAllowed({ ...gate, nowUs: endUs })).toBe(false);
  });

  it("is closed while an activity is in progress, whatever the time", () => {
    expect(simpleScalingAllowed({ nowUs: 10 ** 12, lastActivityEndUs: 0, cooldownUs: 0, activityInProgress: true })).toBe(false);
    expect(simpleScalingAllowed({ nowUs: 0, lastActivityEndUs: null, cooldownUs: DEFAULT_COOLDOWN_US, activityInProgress: true })).toBe(false);
  });

  it("is open before the first activity, and right at the end of an activity with a 0 cooldown", () => {
    expect(simpleScalingAllowed({ nowUs: 0, lastActivityEndUs: null, cooldownUs: DEFAULT_COOLDOWN_US, activityInProgress: false })).toBe(true);
    expect(simpleScalingAllowed({ nowUs: endUs, lastActivityEndUs: endUs, cooldownUs: 0, activityInProgress: false })).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { showValue } from "../../../src/scaling/cloudwatch/alarm-reason.js";
import { alarmOn, feed, MIN, S, storeWith } from "./helpers.js";

function lastReason(values: (number | null)[], overrides: Parameters<typeof alarmOn>[1] = {}, initialValue?: number) {
  const store = storeWith({ publishDelayUs: 0 }, ["backlogPerInstance"]);
  const run = initialValue === undefined ? [] : [initialValue, initialValue, initialValue];
  feed(store, "backlogPerInstance", [...run, ...values]);
  const alarm = alarmOn(store, { metric: "backlogPerInstance", ...overrides });
  if (run.length > 0) alarm.evaluate(run.length * MIN);
  alarm.evaluate((run.length + values.length) * MIN);
  return alarm.transitions.at(-1);
}

describe("transition reasons for activities.csv", () => {
  it("ALARM names the metric, the newest breaching value, the comparison and the count", () => {
    expect(lastReason([120, 140, 152])?.reason).toBe("backlogPerInstance 152.0 > 100 for 3 of 3 datapoints");
  });

  it("OK names the newest non-breaching value and how many breached", () => {
    expect(lastReason([150, 150, 80], {}, 150)?.reason).toBe("backlogPerInstance 80.0 <= 100 for 1 of 3 datapoints (2 > 100, 3 needed)");
  });

  it("says when missing datapoints were treated as breaching or not breaching", () => {
    expect(lastReason([150, null, 152], { treatMissingData: "breaching" })?.reason).toBe(
      "backlogPerInstance 152.0 > 100 for 3 of 3 datapoints (1 missing, treated as breaching)",
    );
    expect(lastReason([null, null, null], { treatMissingData: "breaching" })?.reason).toBe(
      "backlogPerInstance missing, treated as breaching, for 3 of 3 datapoints",
    );
    expect(lastReason([150, null, 152], { treatMissingData: "notBreaching" }, 150)?.reason).toBe(
      "backlogPerInstance missing, treated as not breaching, for 1 of 3 datapoints (2 > 100, 3 needed)",
    );
  });

  it("INSUFFICIENT_DATA says how many were missing", () => {
    expect(lastReason([150, 152, null], {}, 150)?.reason).toBe("backlogPerInstance 152.0 > 100 for 2 of 3 datapoints, 1 missing (3 needed)");
    expect(lastReason([null, null, null], {}, 150)?.reason).toBe("backlogPerInstance missing for 3 of 3 datapoints");
  });

  it("a transition records its time, both states, the reason and the value acted on", () => {
    const t = lastReason([120, 140, 152]);
    expect(t).toEqual({
      atUs: 3 * MIN,
      from: "INSUFFICIENT_DATA",
      to: "ALARM",
      reason: "backlogPerInstance 152.0 > 100 for 3 of 3 datapoints",
      value: 152,
    });
  });

  it("lastValue is the newest datapoint's statistic, refreshed by evaluations without a transition (aws-behaviour 7.8)", () => {
    const store = storeWith({ publishDelayUs: 30 * S });
    feed(store, "m", [150, 150, 150, 170, 190]);
    const alarm = alarmOn(store);
    alarm.evaluate(3 * MIN + 30 * S);
    expect(alarm.lastValue).toBe(150);
    expect(alarm.evaluate(5 * MIN + 30 * S).changed).toBe(false);
    expect(alarm.lastValue).toBe(190);
  });

  it("values show one decimal, small ones two significant digits", () => {
    expect(showValue(152)).toBe("152.0");
    expect(showValue(0)).toBe("0.0");
    expect(showValue(0.042)).toBe("0.042");
    expect(showValue(-3.25)).toBe("-3.3");
  });
});

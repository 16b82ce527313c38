import { describe, expect, it } from "vitest";
import { statisticOf, STATISTICS } from "../../../src/scaling/cloudwatch/statistics.js";
import { alarmOn, feed, MIN, storeWith } from "./helpers.js";

// Five 60 s datapoints inside each 5-minute alarm period (aws-behaviour 7.1); one missing in the first.
const FIRST = [10, null, 30, 5, 55];
const SECOND = [1, 1, 1, 1, 1];

describe("statistics over a 5-minute alarm period from 60 s datapoints", () => {
  it.each([
    ["average", 25],
    ["sum", 100],
    ["minimum", 5],
    ["maximum", 55],
    ["sampleCount", 4],
  ] as const)("%s skips the missing datapoint", (statistic, expected) => {
    const store = storeWith();
    feed(store, "m", [...FIRST, ...SECOND]);
    const alarm = alarmOn(store, { statistic, periodUs: 5 * MIN, evaluationPeriods: 1, datapointsToAlarm: 1 });
    alarm.evaluate(5 * MIN + MIN);
    expect(alarm.lastValue).toBe(expected);
    expect(statisticOf(statistic, FIRST)).toBe(expected);
  });

  it("the second alarm period uses only its own five datapoints", () => {
    const store = storeWith();
    feed(store, "m", [...FIRST, ...SECOND]);
    const alarm = alarmOn(store, { statistic: "sum", periodUs: 5 * MIN, evaluationPeriods: 1, datapointsToAlarm: 1 });
    alarm.evaluate(11 * MIN);
    expect(alarm.lastValue).toBe(5);
  });

  it("an alarm period whose datapoints are all missing has no datapoint, for every statistic (sampleCount too)", () => {
    for (const statistic of STATISTICS) {
      expect(statisticOf(statistic, [null, null])).toBeNull();
      const store = storeWith();
      feed(store, "m", [null, null, null, null, null]);
      const alarm = alarmOn(store, { statistic, periodUs: 5 * MIN, evaluationPeriods: 1, datapointsToAlarm: 1 });
      expect(alarm.evaluate(6 * MIN).state).toBe("INSUFFICIENT_DATA");
      expect(alarm.lastValue).toBeNull();
    }
  });

  it("a sum over 5 minutes breaches where each minute alone would not", () => {
    const store = storeWith();
    feed(store, "m", [30, 30, 30, 30, 30]);
    const alarm = alarmOn(store, { statistic: "sum", periodUs: 5 * MIN, evaluationPeriods: 1, datapointsToAlarm: 1 });
    const result = alarm.evaluate(6 * MIN);
    expect(result.state).toBe("ALARM");
    expect(result.transition?.reason).toBe("m 150.0 > 100 for 1 of 1 datapoints");
  });
});

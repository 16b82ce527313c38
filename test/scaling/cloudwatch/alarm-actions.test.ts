import { describe, expect, it } from "vitest";
import { type Alarm } from "../../../src/scaling/cloudwatch/alarm.js";
import { alarmOn, feed, MIN, S, storeWith } from "./helpers.js";

/** Asks the alarm every 10 s from `fromUs` to `toUs`, evaluating it at its own evaluation times first. */
function invocations(alarm: Alarm, fromUs: number, toUs: number): number[] {
  const times: number[] = [];
  let nextEvaluationUs = alarm.nextEvaluationUs(fromUs - 1);
  for (let t = fromUs; t <= toUs; t += 10 * S) {
    if (t === nextEvaluationUs) {
      alarm.evaluate(t);
      nextEvaluationUs = alarm.nextEvaluationUs(t);
    }
    if (alarm.shouldInvokeActions(t)) times.push(t);
  }
  return times;
}

describe("Auto Scaling action re-invocation (aws-behaviour 7.3)", () => {
  it("actions run on the transition into ALARM and then every 60 s while the alarm stays in ALARM", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(
      store,
      "m",
      Array.from({ length: 10 }, () => 150),
    );
    const alarm = alarmOn(store);
    expect(invocations(alarm, 0, 6 * MIN)).toEqual([4 * MIN, 5 * MIN, 6 * MIN]);
  });

  it("a true answer is consumed: asking twice at the same instant invokes once", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(store, "m", [150, 150, 150]);
    const alarm = alarmOn(store);
    alarm.evaluate(4 * MIN);
    expect(alarm.shouldInvokeActions(4 * MIN)).toBe(true);
    expect(alarm.shouldInvokeActions(4 * MIN)).toBe(false);
    expect(alarm.shouldInvokeActions(5 * MIN - 1)).toBe(false);
    expect(alarm.nextActionUs).toBe(5 * MIN);
    expect(alarm.shouldInvokeActions(5 * MIN)).toBe(true);
  });

  it("a 5-minute alarm period still re-invokes every minute while in ALARM", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(
      store,
      "m",
      Array.from({ length: 30 }, () => 150),
    );
    const alarm = alarmOn(store, { periodUs: 5 * MIN, evaluationPeriods: 1, datapointsToAlarm: 1 });
    const times = invocations(alarm, 0, 12 * MIN);
    expect(times).toEqual([6, 7, 8, 9, 10, 11, 12].map((m) => m * MIN));
  });

  it("actions never run in OK or INSUFFICIENT_DATA", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(
      store,
      "m",
      Array.from({ length: 10 }, () => 50),
    );
    const alarm = alarmOn(store);
    expect(invocations(alarm, 0, 11 * MIN)).toEqual([]);
    expect(alarm.nextActionUs).toBeNull();
    const silent = alarmOn(storeWith());
    expect(silent.shouldInvokeActions(10 * MIN)).toBe(false);
  });

  it("leaving ALARM stops the repeats, and re-entering starts a new minute count from the new transition", () => {
    const store = storeWith({ publishDelayUs: 0 });
    feed(store, "m", [150, 50, 150, 150, 150, 150]);
    const alarm = alarmOn(store, { evaluationPeriods: 1, datapointsToAlarm: 1 });
    expect(invocations(alarm, 0, 6 * MIN)).toEqual([1, 3, 4, 5, 6].map((m) => m * MIN));
    expect(alarm.transitions.map((t) => t.to)).toEqual(["ALARM", "OK", "ALARM"]);
  });

  it("a late question gets one invocation, not one per minute missed, and keeps the minute grid", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(store, "m", [150, 150, 150]);
    const alarm = alarmOn(store);
    alarm.evaluate(4 * MIN);
    expect(alarm.shouldInvokeActions(4 * MIN)).toBe(true);
    expect(alarm.shouldInvokeActions(6 * MIN + 30 * S)).toBe(true);
    expect(alarm.shouldInvokeActions(6 * MIN + 40 * S)).toBe(false);
    expect(alarm.nextActionUs).toBe(7 * MIN);
  });
});

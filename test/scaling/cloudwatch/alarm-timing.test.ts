import { describe, expect, it } from "vitest";
import { alarmOn, feed, MIN, runEvaluations, S, storeWith } from "./helpers.js";

/** 50 (not breaching) before period k, 150 (breaching, threshold > 100) from period k on. */
function crossingAt(k: number, periods: number): number[] {
  return Array.from({ length: periods }, (_, i) => (i + 1 >= k ? 150 : 50));
}

describe("alarm evaluation timing (aws-behaviour 7.1, 4.9)", () => {
  it("an alarm with 3 of 3 datapoints goes to ALARM at the third breaching period's end plus the publish delay", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    const k = 5;
    feed(store, "m", crossingAt(k, 12));
    const alarm = alarmOn(store, { evaluationPeriods: 3, datapointsToAlarm: 3 });
    const states = runEvaluations(alarm, 12 * MIN);
    const firstAlarm = states.find((s) => s.state === "ALARM");
    expect(firstAlarm?.atUs).toBe((k + 3 - 1) * MIN + 60 * S);
    // One evaluation earlier the window still holds the last non-breaching period.
    expect(states.find((s) => s.atUs === (k + 1) * MIN + 60 * S)?.state).toBe("OK");
  });

  it("an alarm evaluated a microsecond before the publish delay has passed does not see the third datapoint", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(store, "m", crossingAt(5, 12));
    const alarm = alarmOn(store);
    expect(alarm.evaluate(8 * MIN - 1).state).toBe("OK");
    expect(alarm.evaluate(8 * MIN).state).toBe("ALARM");
  });

  it("the time to ALARM is N periods plus the publish delay for N of N (15 of 15 like AlarmLow, aws-behaviour 6.2)", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(
      store,
      "m",
      crossingAt(1, 20).map((v) => 200 - v),
    ); // 150 then 50: breaching for "<" from period 1
    const alarm = alarmOn(store, { evaluationPeriods: 15, datapointsToAlarm: 15, comparison: "<", threshold: 90 });
    const states = runEvaluations(alarm, 20 * MIN);
    expect(states.find((s) => s.state === "ALARM")?.atUs).toBe(15 * MIN + 60 * S);
    expect(states.filter((s) => s.atUs < 16 * MIN).every((s) => s.state === "INSUFFICIENT_DATA")).toBe(true);
  });

  it("an alarm is INSUFFICIENT_DATA before its first datapoint is visible", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(store, "m", [50, 50]);
    const alarm = alarmOn(store);
    expect(alarm.state).toBe("INSUFFICIENT_DATA");
    expect(alarm.evaluate(0).state).toBe("INSUFFICIENT_DATA");
    expect(alarm.evaluate(2 * MIN - 1).state).toBe("INSUFFICIENT_DATA");
    expect(alarm.lastValue).toBeNull();
    expect(alarm.evaluate(2 * MIN).state).toBe("OK");
    expect(alarm.lastValue).toBe(50);
  });

  it("2 of 3 goes to ALARM on two breaching datapoints with a good one between them, and back to OK when one leaves", () => {
    const store = storeWith({ publishDelayUs: 0 });
    feed(store, "m", [0, 0, 200, 0, 200, 0, 0]);
    const alarm = alarmOn(store, { datapointsToAlarm: 2 });
    const states = runEvaluations(alarm, 7 * MIN).map((s) => s.state);
    expect(states).toEqual(["OK", "OK", "OK", "OK", "ALARM", "OK", "OK"]);
  });

  it("3 of 5 counts breaching datapoints anywhere in the last five", () => {
    const store = storeWith({ publishDelayUs: 0 });
    feed(store, "m", [200, 0, 200, 0, 200, 0, 0]);
    const alarm = alarmOn(store, { evaluationPeriods: 5, datapointsToAlarm: 3 });
    const states = runEvaluations(alarm, 7 * MIN).map((s) => s.state);
    // Period 5 is the third breaching one; period 6 pushes out period 1.
    expect(states).toEqual(["INSUFFICIENT_DATA", "OK", "OK", "OK", "ALARM", "OK", "OK"]);
  });

  it("N of N returns to OK at the first evaluation that sees a non-breaching datapoint", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(store, "m", [150, 150, 150, 150, 80, 150]);
    const alarm = alarmOn(store);
    const states = runEvaluations(alarm, 7 * MIN);
    expect(states.find((s) => s.state === "ALARM")?.atUs).toBe(4 * MIN);
    expect(alarm.transitions.map((t) => [t.atUs, t.from, t.to])).toEqual([
      [4 * MIN, "INSUFFICIENT_DATA", "ALARM"],
      [6 * MIN, "ALARM", "OK"],
    ]);
  });

  it("evaluate is idempotent: a second call at the same time changes nothing and records nothing", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    feed(store, "m", [150, 150, 150]);
    const alarm = alarmOn(store);
    const first = alarm.evaluate(4 * MIN);
    const second = alarm.evaluate(4 * MIN);
    expect(first.changed).toBe(true);
    expect(first.state).toBe("ALARM");
    expect(second).toEqual({ changed: false, state: "ALARM", transition: null });
    expect(alarm.transitions).toHaveLength(1);
    expect(alarm.lastEvaluatedAtUs).toBe(4 * MIN);
  });

  it("evaluate refuses to go back in time", () => {
    const alarm = alarmOn(storeWith());
    alarm.evaluate(5 * MIN);
    expect(() => alarm.evaluate(4 * MIN)).toThrow(/after evaluate/);
  });

  it("a 30 s alarm over 10 s datapoints averages three datapoints per period and alarms at period end + delay", () => {
    const store = storeWith({ basePeriodUs: 10 * S, publishDelayUs: 60 * S });
    // 50 up to base period 10 (ends at 100 s), 150 from base period 11: alarm period 4 (90–120 s) averages 116.7.
    feed(
      store,
      "m",
      Array.from({ length: 30 }, (_, i) => (i + 1 >= 11 ? 150 : 50)),
    );
    const alarm = alarmOn(store, { periodUs: 30 * S });
    expect(alarm.nextEvaluationUs(0)).toBe(90 * S);
    const states = runEvaluations(alarm, 300 * S);
    expect(states[1]).toEqual({ atUs: 120 * S, state: "OK" });
    // Alarm periods 4, 5, 6 breach; period 6 ends at 180 s and is visible at 240 s.
    expect(states.find((s) => s.state === "ALARM")?.atUs).toBe(240 * S);
    expect(alarm.transitions[1]?.reason).toBe("m 150.0 > 100 for 3 of 3 datapoints");
  });

  it("nextEvaluationUs gives each alarm period's end plus the publish delay", () => {
    const alarm = alarmOn(storeWith({ publishDelayUs: 60 * S }), { periodUs: 5 * MIN });
    expect(alarm.nextEvaluationUs(0)).toBe(6 * MIN);
    expect(alarm.nextEvaluationUs(6 * MIN - 1)).toBe(6 * MIN);
    expect(alarm.nextEvaluationUs(6 * MIN)).toBe(11 * MIN);
  });
});

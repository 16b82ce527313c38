import { describe, expect, it } from "vitest";
import { alarmOn, MIN, S, storeWith } from "./helpers.js";

describe("alarm configuration checks (aws-behaviour 7.1)", () => {
  it("accepts 10, 20 and 30 s periods over 10 s datapoints, and whole minutes", () => {
    const store = storeWith({ basePeriodUs: 10 * S });
    for (const periodUs of [10 * S, 20 * S, 30 * S, MIN, 5 * MIN]) {
      expect(alarmOn(store, { periodUs }).config.periodUs).toBe(periodUs);
    }
  });

  it("refuses a period CloudWatch does not accept", () => {
    const store = storeWith({ basePeriodUs: 10 * S });
    expect(() => alarmOn(store, { periodUs: 90 * S })).toThrow(/period 90s is not 10s, 20s, 30s or a multiple of 60s/);
    expect(() => alarmOn(store, { periodUs: 40 * S })).toThrow(/aws-behaviour 7.1/);
  });

  it("refuses a period that is not a whole number of base periods", () => {
    expect(() => alarmOn(storeWith({ basePeriodUs: 30 * S }), { periodUs: 20 * S })).toThrow(/period 20s is not a multiple of the base metric period 30s/);
    expect(() => alarmOn(storeWith(), { periodUs: 30 * S })).toThrow(/period 30s is not a multiple of the base metric period 1m/);
  });

  it("refuses datapointsToAlarm outside 1..evaluationPeriods", () => {
    expect(() => alarmOn(storeWith(), { evaluationPeriods: 3, datapointsToAlarm: 4 })).toThrow(/1\.\.evaluationPeriods \(3\)/);
    expect(() => alarmOn(storeWith(), { datapointsToAlarm: 0 })).toThrow(/datapointsToAlarm 0/);
    expect(() => alarmOn(storeWith(), { evaluationPeriods: 0 })).toThrow(/evaluationPeriods 0/);
  });

  it("refuses period × evaluationPeriods above one week", () => {
    expect(alarmOn(storeWith(), { periodUs: 60 * MIN, evaluationPeriods: 168, datapointsToAlarm: 1 }).config.evaluationPeriods).toBe(168);
    expect(() => alarmOn(storeWith(), { periodUs: 60 * MIN, evaluationPeriods: 169, datapointsToAlarm: 1 })).toThrow(/7d \(604,800 s, aws-behaviour 7.1\)/);
  });

  it("refuses an alarm that looks back further than the store keeps, and an unknown metric", () => {
    expect(() => alarmOn(storeWith({ retentionUs: 10 * MIN }), { evaluationPeriods: 15, datapointsToAlarm: 15 })).toThrow(
      /more than the metric store keeps \(10m\)/,
    );
    expect(() => alarmOn(storeWith(), { metric: "backlogPerInstance" })).toThrow(/unknown metric backlogPerInstance/);
  });

  it("refuses an evaluation range shorter than N", () => {
    expect(() => alarmOn(storeWith(), { evaluationRange: 2 })).toThrow(/evaluationRange 2/);
  });
});

import { describe, expect, it } from "vitest";
import { MetricStore } from "../../../src/scaling/cloudwatch/metric-store.js";
import { feed, MIN, S, storeWith } from "./helpers.js";

describe("MetricStore: datapoints per base period (aws-behaviour 4.9, 6.6)", () => {
  it("record(name, periodEndUs, v) is read back by value(name, periodEndUs)", () => {
    const store = storeWith();
    store.record("m", 2 * MIN, 42);
    expect(store.value("m", 2 * MIN)).toBe(42);
  });

  it("a datapoint becomes visible exactly at period end + publish delay, not a microsecond before", () => {
    const store = storeWith({ publishDelayUs: 60 * S });
    store.record("m", 5 * MIN, 7);
    expect(store.visibleValue("m", 5 * MIN, 6 * MIN - 1)).toBeNull();
    expect(store.visibleValue("m", 5 * MIN, 6 * MIN)).toBe(7);
    expect(store.isVisible(5 * MIN, 6 * MIN - 1)).toBe(false);
    expect(store.latestVisiblePeriodEndUs(6 * MIN - 1)).toBe(4 * MIN);
    expect(store.latestVisiblePeriodEndUs(6 * MIN)).toBe(5 * MIN);
    expect(store.latestVisiblePeriodEndUs(MIN)).toBeNull();
  });

  it("the publish delay defaults to 60 s", () => {
    const store = new MetricStore({ basePeriodUs: 10 * S });
    expect(store.publishDelayUs).toBe(60 * S);
  });

  it("a datapoint recorded as null, and a period never recorded, are both missing", () => {
    const store = storeWith();
    feed(store, "m", [1, null, undefined, 4]);
    expect(store.value("m", 1 * MIN)).toBe(1);
    expect(store.value("m", 2 * MIN)).toBeNull();
    expect(store.value("m", 3 * MIN)).toBeNull();
    expect(store.value("m", 4 * MIN)).toBe(4);
    expect(store.value("m", 9 * MIN)).toBeNull();
  });

  it("re-recording a period replaces its datapoint", () => {
    const store = storeWith();
    store.record("m", MIN, 1);
    store.record("m", 2 * MIN, 2);
    store.record("m", MIN, 3);
    expect(store.value("m", MIN)).toBe(3);
    expect(store.value("m", 2 * MIN)).toBe(2);
  });

  it("keeps the most recent retention periods across ring wrap-around and growth, and refuses older ones", () => {
    const store = storeWith({ basePeriodUs: 10 * S, retentionUs: 1000 * S }); // 100 periods
    const n = 25_920; // 3 days at 10 s
    for (let i = 1; i <= n; i++) store.record("m", i * 10 * S, i);
    for (let i = n - 99; i <= n; i++) expect(store.value("m", i * 10 * S)).toBe(i);
    expect(() => store.value("m", (n - 100) * 10 * S)).toThrow(/older than the 100 periods kept/);
    expect(() => store.record("m", (n - 100) * 10 * S, 0)).toThrow(/older than/);
  });

  it("a gap longer than the ring leaves every skipped period missing", () => {
    const store = storeWith({ retentionUs: 10 * MIN });
    feed(store, "m", [1, 2, 3]);
    store.record("m", 50 * MIN, 50);
    for (let i = 41; i < 50; i++) expect(store.value("m", i * MIN)).toBeNull();
    expect(store.value("m", 50 * MIN)).toBe(50);
  });

  it("refuses a period end that is not a multiple of the base period", () => {
    const store = storeWith();
    expect(() => store.record("m", 90 * S, 1)).toThrow(/90000000 µs is not the end of a 1m metric period/);
    expect(() => store.record("m", 0, 1)).toThrow(/not the end/);
  });

  it("refuses unknown metrics, naming the declared ones", () => {
    const store = storeWith({}, ["ApproximateNumberOfMessagesVisible"]);
    expect(() => store.record("ApproximateNumberOfMessageVisible", MIN, 1)).toThrow(
      /ApproximateNumberOfMessageVisible: it is not declared \(declared: ApproximateNumberOfMessagesVisible\)/,
    );
    expect(() => store.addMetric("ApproximateNumberOfMessagesVisible")).toThrow(/declared twice/);
  });

  it("accepts base periods of 10, 30 and 60 s only (aws-behaviour 6.6)", () => {
    for (const s of [10, 30, 60]) expect(new MetricStore({ basePeriodUs: s * S }).basePeriodUs).toBe(s * S);
    expect(() => new MetricStore({ basePeriodUs: 20 * S })).toThrow(/20s is not one of 10s, 30s or 60s/);
    expect(() => new MetricStore({ basePeriodUs: 5 * MIN })).toThrow(/5m is not one of/);
  });

  it("refuses infinite datapoints", () => {
    const store = storeWith();
    expect(() => store.record("m", MIN, Number.POSITIVE_INFINITY)).toThrow(/is not a datapoint/);
  });
});

describe("MetricStore retention shorter than the initial ring", () => {
  it("keeps exactly the retention when it is only a few periods", () => {
    const store = storeWith({ retentionUs: 3 * MIN });
    feed(store, "m", [1, 2, 3, 4, 5]);
    expect(store.value("m", 3 * MIN)).toBe(3);
    expect(() => store.value("m", 2 * MIN)).toThrow(/older than the 3 periods kept \(newest is 5\)/);
  });
});

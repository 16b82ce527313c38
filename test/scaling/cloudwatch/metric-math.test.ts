import { describe, expect, it } from "vitest";
import { Alarm } from "../../../src/scaling/cloudwatch/alarm.js";
import { BACKLOG_PER_INSTANCE, messagesPerInstance, ratio } from "../../../src/scaling/cloudwatch/metric-math.js";
import { METRIC } from "../../../src/scaling/cloudwatch/metric-names.js";
import { feed, MIN, storeWith } from "./helpers.js";

function backlogStore() {
  const store = storeWith({}, [METRIC.visible, METRIC.inService]);
  store.addDerived(BACKLOG_PER_INSTANCE);
  return store;
}

describe("metric math (aws-behaviour 6.17-6.18)", () => {
  it("backlogPerInstance = ApproximateNumberOfMessagesVisible / GroupInServiceInstances at the same period", () => {
    const store = backlogStore();
    feed(store, METRIC.visible, [1500, 300]);
    feed(store, METRIC.inService, [10, 4]);
    expect(store.value("backlogPerInstance", MIN)).toBe(150);
    expect(store.value("backlogPerInstance", 2 * MIN)).toBe(75);
  });

  it("messagesPerInstance sums the chosen gauges before dividing by InService; none InService gives no datapoint", () => {
    const store = storeWith({}, [METRIC.visible, METRIC.notVisible, METRIC.delayed, METRIC.inService]);
    store.addDerived(messagesPerInstance("mpi", ["visible", "notVisible"]));
    store.addDerived(messagesPerInstance("all", ["visible", "notVisible", "delayed"]));
    feed(store, METRIC.visible, [0, 300]);
    feed(store, METRIC.notVisible, [780, 40]);
    feed(store, METRIC.delayed, [20, 60]);
    feed(store, METRIC.inService, [100, 0]);
    // A fleet that keeps up: visible 0, yet 7.8 messages per instance are being worked on.
    expect(store.value("mpi", MIN)).toBe(7.8);
    expect(store.value("all", MIN)).toBe(8);
    expect(store.value("mpi", 2 * MIN)).toBeNull();
    expect(() => messagesPerInstance("x", ["inflight"])).toThrow(RangeError);
  });

  it("division by zero InService instances gives a missing datapoint, not Infinity", () => {
    const store = backlogStore();
    feed(store, METRIC.visible, [1500]);
    feed(store, METRIC.inService, [0]);
    expect(store.value("backlogPerInstance", MIN)).toBeNull();
  });

  it("any missing input gives a missing datapoint", () => {
    const store = backlogStore();
    feed(store, METRIC.visible, [1500, null]);
    feed(store, METRIC.inService, [null, 3]);
    expect(store.value("backlogPerInstance", MIN)).toBeNull();
    expect(store.value("backlogPerInstance", 2 * MIN)).toBeNull();
  });

  it("a compute function returning NaN or null gives a missing datapoint", () => {
    const store = storeWith({}, ["a"]);
    store.addDerived({ name: "nan", inputs: ["a"], compute: () => Number.NaN });
    store.addDerived({ name: "none", inputs: ["a"], compute: () => null });
    feed(store, "a", [1]);
    expect(store.value("nan", MIN)).toBeNull();
    expect(store.value("none", MIN)).toBeNull();
  });

  it("an expression can build on another expression declared before it", () => {
    const store = storeWith({}, ["a", "b"]);
    store.addDerived(ratio("a_per_b", "a", "b"));
    store.addDerived({ name: "pct", inputs: ["a_per_b"], compute: ([v]) => (v ?? 0) * 100 });
    feed(store, "a", [1]);
    feed(store, "b", [4]);
    expect(store.value("pct", MIN)).toBe(25);
  });

  it("refuses an expression over an undeclared metric, and recording into an expression", () => {
    const store = storeWith({}, ["a"]);
    expect(() => store.addDerived(ratio("r", "a", "GroupInServiceInstance"))).toThrow(/input GroupInServiceInstance is not declared/);
    store.addDerived(ratio("r", "a", "a"));
    expect(() => store.record("r", MIN, 1)).toThrow(/r: it is metric math; record its inputs/);
  });

  it("an alarm on backlogPerInstance goes to INSUFFICIENT_DATA when the fleet has no InService instance (aws-behaviour 6.12)", () => {
    const store = backlogStore();
    // Scaled to zero from period 4 on: 0 messages / 0 instances has no value.
    feed(store, METRIC.visible, [1500, 1500, 1500, 0, 0, 0]);
    feed(store, METRIC.inService, [10, 10, 10, 0, 0, 0]);
    const alarm = new Alarm(store, {
      name: "low",
      metric: "backlogPerInstance",
      statistic: "average",
      periodUs: MIN,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparison: "<",
      threshold: 90,
      treatMissingData: "missing",
    });
    expect(alarm.evaluate(4 * MIN).state).toBe("OK");
    const last = alarm.evaluate(7 * MIN);
    expect(last.state).toBe("INSUFFICIENT_DATA");
    expect(last.transition?.reason).toBe("backlogPerInstance missing for 3 of 3 datapoints");
    expect(alarm.lastValue).toBeNull();
  });
});

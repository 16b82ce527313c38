// End to end: scheduled actions change min, max and desired at their time, desired staying within the new bounds
// (aws-behaviour 5.14); their activities' source is Scheduled-<n>, and they ignore the cooldown (5.10).
import { describe, expect, it } from "vitest";
import { columnValues, type PeriodSeries } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

const valueAt = (series: PeriodSeries, column: string, timeS: number) => columnValues(series, column)[columnValues(series, "time_s").indexOf(timeS)]!;

function scheduledOnly(policies: object[], fleet: object = {}) {
  return ScenarioSchema.parse({
    name: "scheduled",
    duration: "2h",
    queue: { apiLatency: "0ms", receiveWaitTime: "20s" },
    producers: [{ name: "load", arrivals: "uniform", traffic: [{ constant: 1 }] }],
    consumers: { concurrency: 2, processing: "1s" },
    fleet: { kind: "asg", min: 1, max: 5, desired: 2, launchTime: "60s", warmup: "0s", cooldown: "1h", policies, ...fleet },
  });
}

describe("scheduled actions (aws-behaviour 5.14)", () => {
  const { series, activities } = simulate(
    scheduledOnly([{ scheduled: { at: "30m", min: 3, max: 8, desired: 5 } }, { scheduled: { at: "1h", max: 4 } }, { scheduled: { at: "1h30m", desired: 1 } }]),
  );

  const bySource = (source: string) => activities.filter((a) => a.source === source);

  it("at 30 minutes: min 3, max 8, desired 5 (Scheduled-1); the 3 new instances are InService a launch time later", () => {
    // The model logs the new bounds (2 → 3, min 3) and then the new desired (3 → 5) as two activities at the same
    // instant; what counts is where the action starts and ends.
    const first = bySource("Scheduled-1");
    expect(first.length).toBeGreaterThanOrEqual(1);
    for (const a of first) expect(a).toMatchObject({ timeS: 1800, kind: "scaling" });
    expect(first[0]!.before).toBe("2");
    expect(first.at(-1)!.after).toBe("5");
    expect(valueAt(series, "desired_capacity", 1740)).toBe(2);
    expect(valueAt(series, "desired_capacity", 1800)).toBe(5);
    expect(valueAt(series, "pending_instances", 1800)).toBe(3);
    expect(valueAt(series, "instances", 1800)).toBe(2);
    expect(valueAt(series, "instances", 1860)).toBe(5);
  });

  it("at 1 hour: max 4 alone lowers desired 5 → 4 (Scheduled-2), a cooldown of 1 h notwithstanding", () => {
    expect(bySource("Scheduled-2")).toEqual([expect.objectContaining({ timeS: 3600, before: "5", after: "4" })]);
    expect(valueAt(series, "instances", 3600)).toBe(4);
  });

  it("at 1 h 30: desired 1 is raised to the scheduled min 3 (Scheduled-3)", () => {
    expect(bySource("Scheduled-3")).toEqual([expect.objectContaining({ timeS: 5400, before: "4", after: "3" })]);
    expect(activities.every((a) => a.source.startsWith("Scheduled-"))).toBe(true);
    expect(valueAt(series, "instances", 7200)).toBe(3);
  });

  it("desired stays within the bounds in force in every period", () => {
    const times = columnValues(series, "time_s");
    const desired = columnValues(series, "desired_capacity");
    times.forEach((t, i) => {
      const [min, max] = t < 1800 ? [1, 5] : t < 3600 ? [3, 8] : [3, 4];
      expect(desired[i]).toBeGreaterThanOrEqual(min);
      expect(desired[i]).toBeLessThanOrEqual(max);
    });
  });

  it("a scheduled max below a target tracking policy's request caps it from then on", () => {
    // Consumers hold their message for hours; 5 msg/s keeps backlog per instance above 10, so the policy keeps
    // asking for more. The scheduled max of 6 at 20 minutes caps every later scale-out.
    const run = simulate(
      ScenarioSchema.parse({
        name: "scheduled-cap",
        duration: "40m",
        queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
        producers: [{ name: "load", arrivals: "uniform", traffic: [{ constant: 5 }] }],
        consumers: { concurrency: 1, processing: "10h" },
        fleet: {
          kind: "asg",
          min: 1,
          max: 100,
          launchTime: "0s",
          warmup: "0s",
          policies: [{ targetTracking: { metric: "backlogPerInstance", target: 10 } }, { scheduled: { at: "20m", max: 6 } }],
        },
      }),
    );
    const scheduled = run.activities.find((a) => a.source.startsWith("Scheduled-"))!;
    expect(scheduled.timeS).toBe(1200);
    expect(Number(scheduled.before)).toBeGreaterThan(6);
    expect(scheduled.after).toBe("6");
    const times = columnValues(run.series, "time_s");
    const desired = columnValues(run.series, "desired_capacity");
    times.forEach((t, i) => {
      if (t >= 1200) expect(desired[i], `desired at ${t} s`).toBe(6);
    });
  });
});

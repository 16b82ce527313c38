// End to end: scale-in interrupts work (aws-behaviour 12.10, 5.18). Abruptly terminated workers leave the messages they
// hold in flight until the visibility timeout, then those messages are received again; draining workers finish
// the batch in hand first, within the drain timeout.
import { describe, expect, it } from "vitest";
import { columnValues } from "../../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";

const SCALE_IN_S = 300;
const VISIBILITY_S = 120;

/**
 * 4 instances × 2 workers, 60 s jobs, 0.125 msg/s (about 94% busy) for 5 minutes; at 5 minutes the load stops and
 * a scheduled action scales in to 1 instance, which then has time to receive whatever reappears.
 */
function scaleIn(termination: unknown) {
  return ScenarioSchema.parse({
    name: "drain",
    duration: "30m",
    queue: { apiLatency: "0ms", visibilityTimeout: `${VISIBILITY_S}s`, receiveWaitTime: "20s" },
    producers: [{ name: "jobs", arrivals: "uniform", traffic: [{ step: { at: "0s", rate: 0.125 } }, { step: { at: `${SCALE_IN_S}s`, rate: -0.125 } }] }],
    consumers: { concurrency: 2, batchSize: 1, processing: "60s" },
    fleet: {
      kind: "asg",
      min: 0,
      max: 4,
      desired: 4,
      launchTime: "0s",
      warmup: "0s",
      termination,
      policies: [{ scheduled: { at: `${SCALE_IN_S}s`, desired: 1 } }],
    },
  });
}

describe("drain vs abrupt termination on scale-in (aws-behaviour 12.10)", () => {
  const abrupt = simulate(scaleIn("abrupt"));
  const drained = simulate(scaleIn({ drain: { timeout: "10m" } }));
  const cutShort = simulate(scaleIn({ drain: { timeout: "10s" } }));

  it("the same scale-in happens in all three runs (Scheduled-1, 4 → 1) with the same messages sent", () => {
    for (const run of [abrupt, drained, cutShort]) {
      expect(run.activities).toEqual([expect.objectContaining({ timeS: SCALE_IN_S, source: "Scheduled-1", before: "4", after: "1" })]);
      expect(run.summary.messages.sent).toBe(abrupt.summary.messages.sent);
      expect(run.summary.messages.deleted).toBe(run.summary.messages.sent); // everything is processed in the end
    }
  });

  it("abrupt: messages abandoned in flight are received again, but only after their visibility timeout", () => {
    const { summary, series } = abrupt;
    expect(summary.messages.redelivered).toBeGreaterThanOrEqual(3);
    const times = columnValues(series, "time_s");
    const redelivered = columnValues(series, "redelivered_msgs");
    // Every abandoned message was received after 240 s (60 s jobs), so none reappears before 360 s, and all have
    // reappeared by 420 s; the first is received again in the period ending at 420 s (the remaining instance's
    // two workers take the rest as they free up).
    const firstRow = redelivered.findIndex((n) => n > 0);
    expect(times[firstRow]).toBe(SCALE_IN_S + VISIBILITY_S);
    expect(redelivered.reduce((a, b) => a + b, 0)).toBe(summary.messages.redelivered);
  });

  it("drain with a timeout longer than the jobs: no message is abandoned, none redelivered", () => {
    expect(drained.summary.messages.redelivered).toBe(0);
    expect(drained.summary.messages.received).toBe(drained.summary.messages.sent);
    // The draining instances stay billed until their last job ends.
    expect(drained.summary.fleet.instanceSeconds).toBeGreaterThan(abrupt.summary.fleet.instanceSeconds);
    expect(Math.max(...columnValues(drained.series, "terminating_instances"))).toBe(3);
  });

  it("drain with a timeout shorter than the jobs: the jobs still running at the timeout are abandoned (fewer than abrupt, more than 0)", () => {
    expect(cutShort.summary.messages.redelivered).toBeGreaterThan(0);
    expect(cutShort.summary.messages.redelivered).toBeLessThanOrEqual(abrupt.summary.messages.redelivered);
    expect(cutShort.summary.fleet.instanceSeconds).toBeLessThanOrEqual(abrupt.summary.fleet.instanceSeconds + 3 * 10);
  });
});

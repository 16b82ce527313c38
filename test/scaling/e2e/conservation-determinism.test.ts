// End to end: whatever the scaling does (launches, abrupt and draining terminations, scale to zero), every message
// sent is accounted for, at the end and at the end of every period; and a run is a pure function of the scenario and
// its seed.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { columnValues, type PeriodSeries } from "../../../src/metrics/period-series.js";
import { loadScenarioFile } from "../../../src/scenario/index.js";
import { type Scenario, ScenarioSchema } from "../../../src/scenario/schema.js";
import { type SimulationResult } from "../../../src/sim/result.js";
import { simulate } from "../../../src/sim/simulate.js";

const scenarios = resolve(import.meta.dirname, "../../../scenarios");

function demo(file: string): Scenario {
  const loaded = loadScenarioFile(join(scenarios, file));
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

/**
 * Everything at once: jobs longer than the visibility timeout, transient and poison failures, a DLQ, a short
 * retention that expires part of the spike's backlog, a queue delay, duplicate deliveries, Poisson arrivals, random
 * launch times, abrupt scale-in, scale to zero and back, and every kind of policy.
 */
const messy = ScenarioSchema.parse({
  name: "messy-autoscaling",
  duration: "2h",
  seed: 42,
  queue: {
    visibilityTimeout: "20s",
    retention: "5m",
    delay: "5s",
    receiveWaitTime: "10s",
    duplicateDeliveryRate: 0.01,
    deadLetter: { maxReceiveCount: 3 },
  },
  producers: [
    { name: "steady", traffic: [{ diurnal: { mean: 3, amplitude: 3, period: "1h" } }], batchSize: 5 },
    { name: "burst", traffic: [{ spike: { at: "40m", peak: 40, rise: "1m", hold: "5m", fall: "1m" } }] },
  ],
  consumers: {
    concurrency: 3,
    batchSize: 5,
    processing: { lognormal: { median: "2s", p99: "30s" } },
    failures: { transient: 0.05, poison: 0.01 },
  },
  fleet: {
    kind: "asg",
    min: 0,
    max: 15,
    desired: 2,
    launchTime: { uniform: { min: "30s", max: "90s" } },
    warmup: "60s",
    cooldown: "120s",
    termination: "abrupt",
    policies: [
      { targetTracking: { metric: "backlogPerInstance", target: 20 } },
      {
        stepScaling: {
          alarm: { metric: "approximateNumberOfMessagesVisible", comparison: ">=", threshold: 1 },
          adjustmentType: "exactCapacity",
          steps: [{ lower: 0, adjustment: 1 }],
        },
      },
      { simpleScaling: { alarm: { metric: "approximateNumberOfMessagesVisible", comparison: "<=", threshold: 0, evaluationPeriods: 10 }, adjustment: -1 } },
      { scheduled: { at: "90m", min: 0, desired: 0 } },
    ],
  },
  cloudwatch: { period: "30s", publishDelay: "60s", targetTracking: { scaleIn: { datapoints: 6 } } },
  metrics: { period: "30s" },
});

/** The same with draining terminations that time out, and target tracking on raw visible messages. */
const messyDrain = ScenarioSchema.parse({
  ...messy,
  name: "messy-drain",
  seed: 7,
  fleet: {
    ...messy.fleet,
    termination: { drain: { timeout: "15s" } },
    policies: [{ targetTracking: { metric: "approximateNumberOfMessagesVisible", target: 30 } }, { scheduled: { at: "100m", min: 1, max: 3 } }],
  },
});

function checkEveryRow(series: PeriodSeries): void {
  const col = (name: string) => columnValues(series, name);
  const [time, sent, deleted, dlq, expired] = ["time_s", "NumberOfMessagesSent_msgs", "deleted_msgs", "dead_lettered_msgs", "expired_msgs"].map(col);
  const [visible, inFlight, delayed] = [
    "ApproximateNumberOfMessagesVisible_msgs",
    "ApproximateNumberOfMessagesNotVisible_msgs",
    "ApproximateNumberOfMessagesDelayed_msgs",
  ].map(col);
  let s = 0;
  let gone = 0;
  time!.forEach((t, i) => {
    s += sent![i]!;
    gone += deleted![i]! + dlq![i]! + expired![i]!;
    expect(s, `period ending ${t} s`).toBe(gone + visible![i]! + inFlight![i]! + delayed![i]!);
  });
}

const MESSY = "messy-autoscaling (abrupt, DLQ, expiry, scale to zero)";
const MESSY_DRAIN = "messy-drain (draining with a timeout, raw visible)";
const cases: Record<string, () => Scenario> = {
  [MESSY]: () => messy,
  [MESSY_DRAIN]: () => messyDrain,
  "video-encoding-spike.yaml": () => demo("video-encoding-spike.yaml"),
  "marketing-campaign-db-writes.yaml": () => demo("marketing-campaign-db-writes.yaml"),
  "visible-messages-vs-backlog-per-instance-backlog.yaml": () => demo("visible-messages-vs-backlog-per-instance-backlog.yaml"),
  "visible-messages-vs-backlog-per-instance-visible.yaml": () => demo("visible-messages-vs-backlog-per-instance-visible.yaml"),
  "two-alarm-step-scaling.yaml": () => demo("two-alarm-step-scaling.yaml"),
};

/** The first run of each case, kept for the determinism check. */
const firstRuns = new Map<string, SimulationResult>();
function run(name: string): SimulationResult {
  let result = firstRuns.get(name);
  if (result === undefined) {
    result = simulate(cases[name]!());
    firstRuns.set(name, result);
  }
  return result;
}

describe("conservation and determinism under autoscaling", () => {
  it("the messy scenarios exercise what they claim: DLQ moves, expiries, redeliveries, scale-in and scale-out", () => {
    const { summary } = run(MESSY);
    const m = summary.messages;
    expect(m.deadLettered).toBeGreaterThan(0);
    expect(m.expired).toBeGreaterThan(0);
    expect(m.redelivered).toBeGreaterThan(0);
    expect(summary.fleet.scaleOutActivities).toBeGreaterThan(0);
    expect(summary.fleet.scaleInActivities).toBeGreaterThan(0);
    expect(summary.fleet.minInService).toBe(0);
    const drain = run(MESSY_DRAIN).summary;
    expect(drain.fleet.scaleInActivities).toBeGreaterThan(0);
  });

  for (const name of Object.keys(cases)) {
    it(`${name}: sent = deleted + deadLettered + expired + remaining, at the end and in every period`, () => {
      const { summary, series } = run(name);
      const m = summary.messages;
      expect(m.sent).toBe(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
      checkEveryRow(series);
      // The last row is the end of the run.
      expect(columnValues(series, "time_s").at(-1)).toBe(summary.durationSeconds);
      expect(columnValues(series, "ApproximateNumberOfMessagesVisible_msgs").at(-1)).toBe(m.remaining.visible);
    });
  }

  it("same scenario and seed → byte-identical summary and activities; another seed → a different run", () => {
    for (const name of [MESSY, MESSY_DRAIN, "video-encoding-spike.yaml", "two-alarm-step-scaling.yaml"]) {
      const a = run(name);
      const b = simulate(cases[name]!());
      expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
      expect(JSON.stringify(b.activities)).toBe(JSON.stringify(a.activities));
      expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
    }
    const other = simulate(messy, { seed: 43 });
    expect(JSON.stringify(other.summary)).not.toBe(JSON.stringify(run(MESSY).summary));
  });
});

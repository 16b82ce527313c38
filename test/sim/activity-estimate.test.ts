// The activity log (activities.csv) holds every alarm transition and scaling activity until the report is written:
// 50 step policies whose alarms flipped every 10 s made 431,700 rows a day (1.35 GB with the report), and 13 days
// validated, then failed after 175 s with "Invalid string length" (exit 1). Preflight now bounds the rows, in memory
// and in activities.csv's one string, before the run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { type Scenario } from "../../src/scenario/schema.js";
import { estimateActivities } from "../../src/sim/activity-estimate.js";
import { preflight } from "../../src/sim/preflight.js";
import { simulate } from "../../src/sim/simulate.js";

const stepPolicy =
  '    - stepScaling:\n        alarm: { metric: numberOfMessagesSent, statistic: sum, period: 10s, comparison: ">", threshold: 0.5 }\n' +
  "        steps: [ { lower: 0, adjustment: 0 } ]\n";

/** 50 step policies whose alarms see 1, 0, 1, 0 … messages per 10 s period: each flips every period. */
function flipping(...sets: string[]): Scenario {
  const dir = mkdtempSync(join(tmpdir(), "sqs-sim-activities-"));
  writeFileSync(join(dir, "alt.csv"), "t,c\n0,1\n10,0\n");
  writeFileSync(
    join(dir, "act.yaml"),
    [
      "name: act",
      "duration: 1d",
      "producers:",
      "  - name: p",
      "    arrivals: uniform",
      "    traffic: [ { trace: { file: alt.csv, loop: true } } ]",
      "consumers: { waitTime: 20s, processing: { constant: 10ms } }",
      "cloudwatch: { period: 10s }",
      "fleet:",
      "  kind: asg",
      "  min: 1",
      "  max: 1",
      "  policies:",
      stepPolicy.repeat(50),
    ].join("\n"),
  );
  const loaded = loadScenarioFile(join(dir, "act.yaml"), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

describe("the activity rows are bounded before the run", () => {
  it("13 days of 50 alarms flipping every 10 s, with limits.maxActivities raised, cannot fit activities.csv in one string: refused naming fleet.policies", () => {
    // With the default limits.maxActivities (100,000), the run is stopped when it reaches it instead.
    expect(preflight(flipping("duration=13d", "limits.maxMemory=1000GiB"))).toEqual([]);
    expect(preflight(flipping("duration=13d", "limits.maxMemory=1000GiB", "limits.maxActivities=10000000"))).toEqual([
      "fleet.policies: over 13d the alarms may change state about 5,616,000 times, about 720 MB of activities.csv, " +
        "more than Node can hold in one string (512MiB); use fewer policies, longer alarm periods (or more datapoints " +
        "to alarm), or a shorter duration",
    ]);
  });

  it("a day of them is 432,000 rows, about 1.5 GB with the report: refused under a maxMemory of 1GB when limits.maxActivities lets them all be kept", () => {
    expect(preflight(flipping("limits.maxMemory=1GB"))).toEqual([]);
    expect(preflight(flipping("limits.maxMemory=1GB", "limits.maxActivities=1000000"))).toEqual([
      expect.stringMatching(
        /^limits\.maxMemory: this run would need about 1\.5 GB \(432,000 activity rows × 3 kB, .*\), above the limit of 1GB .* or lower fleet\.policies$/,
      ),
    ]);
    expect(preflight(flipping("limits.maxMemory=2GB", "limits.maxActivities=1000000"))).toEqual([]);
  });

  it("the bound holds a real run's rows, and is close to it when the alarms flip every period", { timeout: 30_000 }, () => {
    const s = flipping("duration=2h");
    const rows = simulate(s).activities.length;
    const estimate = estimateActivities(s);
    expect(estimate.scalingRows).toBe(0); // min = max: no policy can change the desired capacity
    expect(estimate.alarmRows).toBeGreaterThanOrEqual(rows);
    expect(estimate.alarmRows).toBeLessThan(1.05 * rows);
  });
});

describe("estimateActivities", () => {
  it("a flapping group's changes are counted in the message when its policies can make them", () => {
    const problems = preflight(
      flipping(
        "duration=13d",
        "limits.maxMemory=1000GiB",
        "limits.maxActivities=10000000",
        "fleet.max=2",
        "fleet.policies.0.stepScaling.adjustmentType=exactCapacity",
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^fleet\.policies: over 13d the alarms may change state about 5,616,000 times and the policies change the desired capacity about 112,320 times, about 750 MB of activities\.csv/,
      ),
    ]);
  });

  const video = (...sets: string[]): Scenario => {
    const loaded = loadScenarioFile(join(import.meta.dirname, "../../scenarios/video-encoding-spike.yaml"), { sets });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    return loaded.scenario;
  };

  it("target tracking's alarms (3 of 3, 15 of 15) change state at most twice per N + 1 periods; its policy once per evaluation", () => {
    const s = video("duration=1d", "cloudwatch.period=60s");
    expect(estimateActivities(s)).toMatchObject({ alarmRows: 1440 / 2 + 2 + Math.ceil(1440 / 8) + 2, scalingRows: 1440 });
  });

  it("a fixed fleet has none", () => {
    expect(estimateActivities(video("fleet={kind: fixed, instances: 3}"))).toEqual({ alarmRows: 0, scalingRows: 0, launches: 0, chars: 0 });
  });
});

// Inputs that used to pass validate and then exhaust the run (exit 134 after a minute or more, or no end at all), or
// fail it with exit 1: now validate, explain, a sweep's plan and run refuse each alike, with exit 2 and the field.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { runEstimates } from "../../src/sim/preflight.js";
import { simulate } from "../../src/sim/simulate.js";
import { capture, SMALL, tempDir, writeScenario } from "./cli-helpers.js";

const root = resolve(import.meta.dirname, "../..");
const scenario = (name: string): string => join(root, "scenarios", `${name}.yaml`);
const sets = (list: readonly string[]): string[] => list.flatMap((s) => ["--set", s]);

const REFUSED: { what: string; file: string; sets: string[]; message: RegExp }[] = [
  {
    what: "a billion instances",
    file: "steady-orders",
    sets: ["fleet.instances=1000000000"],
    message: /: limits\.maxMemory: this run would need about 1\.\d TB .*above the limit of 4GiB/,
  },
  {
    what: "a year of 1 s metric periods",
    file: "steady-orders",
    sets: ["duration=366d", "metrics.period=1s"],
    message: /: metrics\.period: 1s over 366d makes 31,622,400 rows of 31 columns/,
  },
  {
    what: "a heartbeat that rounds to 0 µs",
    file: "steady-orders",
    sets: ["consumers.heartbeat={every: 0.0000001, extendBy: 30s}"],
    message: /: consumers\.heartbeat\.every: 1e-7 rounds to 0 µs/,
  },
  {
    what: "no workers and no processing time (the backlog check once saw infinite capacity)",
    file: "steady-orders",
    sets: ["fleet.instances=0", "consumers.processing=0s", "queue.apiLatency=0s", "duration=366d", "producers.0.traffic=[{constant: 100000}]"],
    message: /: limits\.maxStoredMessages: this run would hold about 34\.6 billion messages at once/,
  },
  {
    what: "a diurnal period of a nanosecond",
    file: "steady-orders",
    sets: ["producers.0.traffic=[{diurnal: {mean: 10, amplitude: 5, period: 0.000000001}}]"],
    message: /: producers\.0\.traffic\.0\.diurnal\.period: 1e-9 rounds to 0 µs/,
  },
  // It validated, then ran out of memory drawing charts (exit 134); with --no-charts summary.json said "computeUsd": null.
  {
    what: "an instance price that overflows the cost to Infinity",
    file: "steady-orders",
    sets: ["cost.instanceHourlyUsd=1e308", "fleet.instances=10"],
    message: /: cost\.instanceHourlyUsd: 1e\+308 is above the maximum of 1,000 USD an instance-hour/,
  },
  {
    what: "target tracking's scale-in alarm over 7 days",
    file: "video-encoding-spike",
    sets: ["cloudwatch.targetTracking.scaleIn.datapoints=10081"],
    message: /: cloudwatch\.targetTracking\.scaleIn\.datapoints: 10,081 datapoints .* above the CloudWatch maximum of 7d/,
  },
];

describe("validate, explain, sweep and run refuse the same inputs, with exit 2 and before anything runs", () => {
  it.each(REFUSED)("$what", async ({ file, sets: list, message }) => {
    const dir = tempDir();
    const path = scenario(file);
    for (const command of [
      ["validate", path],
      ["explain", path],
      ["sweep", path, "--out", "sweep"],
      ["run", path, "--out", "run"],
    ]) {
      const { io, out, err } = capture(dir);
      expect({ command: command[0], code: await runCli([...command, ...sets(list)], io) }).toEqual({ command: command[0], code: 2 });
      expect(err.join("")).toMatch(message);
      expect(out.join("")).toBe("");
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

const THROTTLED_FIFO = `
name: throttled
duration: 2m
queue: { type: fifo, retention: 14d }
producers:
  - name: p
    traffic: [ { constant: 3000 } ]
    messageGroups: { count: 1000 }
consumers: { concurrency: 100, processing: { constant: 1s } }
fleet: { kind: fixed, instances: 2 }
`;

describe("limits reached during a run end it with exit 2 naming the limit, not exit 1", () => {
  it("limits.maxEvents below the estimate is refused before the run; reached after all, it stops the run", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const { io, err } = capture(dir);
    expect(await runCli(["run", file, "--out", "o", "--set", "limits.maxEvents=500"], io)).toBe(2);
    expect(err.join("")).toMatch(
      new RegExp(`^${file}: limits\\.maxEvents: this run would process about [\\d,]+ events \\(.*\\), above the limit of 500; raise limits\\.maxEvents`),
    );
    expect(existsSync(join(dir, "o"))).toBe(false);

    // A FIFO producer ten times over the send quota retries its throttled sends, which the estimate leaves out
    // (they add about 1%): a limit just above the estimate is reached during the run.
    const fifo = writeScenario(dir, THROTTLED_FIFO, "throttled.yaml");
    const loaded = loadScenarioFile(fifo);
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const estimate = Math.ceil(runEstimates(loaded.scenario).events);
    const events = simulate(loaded.scenario).summary.engine.events;
    expect(events).toBeGreaterThan(estimate + 1);
    const late = capture(dir);
    expect(await runCli(["run", fifo, "--out", "p", "--set", `limits.maxEvents=${estimate + 1}`], late.io)).toBe(2);
    expect(late.err.join("")).toMatch(
      /^\S+throttled\.yaml: limits\.maxEvents: the run reached [\d,]+ events at simulated time \d+\.\d{6} s, more than the estimate before it; raise limits\.maxEvents to let it finish\n$/,
    );
    expect(existsSync(join(dir, "p"))).toBe(false);
  });

  it("limits.maxStoredMessages holds as written below the store's first chunk of 1,024 messages", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    // Five orders a second into two instances: a handful of messages at once, within the estimate's 0 backlog but
    // above a limit of 2 (before, the store's first chunk let it hold 1,024 whatever the limit).
    expect(await runCli(["run", writeScenario(dir, SMALL), "--out", "o", "--set", "limits.maxStoredMessages=2"], io)).toBe(2);
    expect(err.join("")).toMatch(
      /small\.yaml: limits\.maxStoredMessages: the queue reached 2 messages at simulated time \d+\.\d{6} s, more than the estimate before the run; raise limits\.maxStoredMessages/,
    );
    expect(existsSync(join(dir, "o"))).toBe(false);
    expect(await runCli(["run", writeScenario(dir, SMALL), "--out", "o", "--quiet", "--set", "limits.maxStoredMessages=1024"], io)).toBe(0);
  });

  it("limits.maxActivities stops a run whose alarms flip every period; a year of the shipped two-alarm scenario still validates", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    // An alarm on messages sent, with one message every other 10 s period: it flips at every period.
    writeScenario(dir, "t,c\n0,1\n10,0\n", "flip.csv");
    const file = writeScenario(dir, FLIPPING, "flip.yaml");
    expect(await runCli(["run", file, "--out", "o", "--set", "limits.maxActivities=200"], io)).toBe(2);
    expect(err.join("")).toMatch(
      /flip\.yaml: limits\.maxActivities: the run logged 200 alarm transitions and scaling activities by simulated time \d+\.\d{6} s; raise limits\.maxActivities/,
    );
    expect(existsSync(join(dir, "o"))).toBe(false);
    expect(await runCli(["run", file, "--out", "o", "--quiet", "--no-charts"], io)).toBe(0);
    // The bound from the policies alone was a million rows for a year of two alarms, refused as 4.1 GB of heap.
    expect(await runCli(["validate", scenario("two-alarm-step-scaling"), "--set", "duration=366d", "--quiet"], io)).toBe(0);
  });
});

const FLIPPING = `name: flip
duration: 1h
producers:
  - name: p
    arrivals: uniform
    traffic: [ { trace: { file: flip.csv, loop: true } } ]
consumers: { waitTime: 20s, processing: { constant: 10ms } }
cloudwatch: { period: 10s }
fleet:
  kind: asg
  min: 1
  max: 1
  policies:
    - stepScaling:
        alarm: { metric: numberOfMessagesSent, statistic: sum, period: 10s, comparison: ">", threshold: 0.5 }
        steps: [ { lower: 0, adjustment: 0 } ]
`;

// The autoscaling demo scenarios under scenarios/: each runs and teaches the lesson its header comment and
// description state, checked against the comparison run the header suggests.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { columnValues } from "../../../src/metrics/period-series.js";
import { loadScenarioFile } from "../../../src/scenario/index.js";
import { type SimulationResult } from "../../../src/sim/result.js";
import { simulate } from "../../../src/sim/simulate.js";

const dir = resolve(import.meta.dirname, "../../../scenarios");
const cache = new Map<string, SimulationResult>();

/** Loads scenarios/<file> with `--set` overrides, as the CLI does, and runs it; cached per (file, sets). */
function run(file: string, ...sets: string[]): SimulationResult {
  const key = [file, ...sets].join("\u0000");
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = loadScenarioFile(join(dir, file), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  const result = simulate(loaded.scenario);
  cache.set(key, result);
  return result;
}

const scaling = (activities: Activity[], source?: string) => activities.filter((a) => a.kind === "scaling" && (source === undefined || a.source === source));
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
const max = (values: number[]) => values.reduce((m, v) => Math.max(m, v), -Infinity);

describe("video-encoding-spike: backlog per instance absorbs a 10x spike of minutes-long jobs (aws-behaviour 6.17)", () => {
  const file = "video-encoding-spike.yaml";
  const SPIKE_S = 45 * 60;

  it("nothing scales at the baseline; the first scale-out comes 4 minutes after the backlog passes the target, as one proportional jump", () => {
    const { summary, activities } = run(file);
    const out = scaling(activities).filter((a) => Number(a.after) > Number(a.before));
    expect(out[0]!.timeS).toBeGreaterThan(SPIKE_S);
    expect(out[0]!.timeS).toBeLessThan(SPIKE_S + 10 * 60);
    expect(summary.fleet.timeToFirstScaleOutSeconds).toBe(3 * 60 + 60); // 6.2 3 datapoints, 4.9 a minute late
    expect(Number(out[0]!.after)).toBeGreaterThanOrEqual(3 * Number(out[0]!.before)); // 6.9-6.10
    expect(summary.fleet.peakInService).toBeGreaterThanOrEqual(5 * 10);
  });

  it("the group holds about the target backlog per instance, so the spike's jobs wait within the 10-minute SLO", () => {
    const { summary } = run(file);
    expect(summary.slo).toMatchObject({ maxQueueWaitSeconds: 600, messagesOverMaxQueueWait: 0 });
    // 3 jobs per instance × 2.24 min ≈ 6.7 min of acceptable wait.
    expect(summary.latency.queueWait.max).toBeLessThan(600);
  });

  it("scale-in comes only after 15 minutes below the target (6.2), back to min after the spike", () => {
    const { activities } = run(file);
    const lastOut = scaling(activities)
      .filter((a) => Number(a.after) > Number(a.before))
      .at(-1)!;
    const firstIn = scaling(activities).find((a) => Number(a.after) < Number(a.before) && a.timeS > SPIKE_S)!;
    expect(firstIn.timeS - lastOut.timeS).toBeGreaterThanOrEqual(15 * 60);
    expect(firstIn.after).toBe("10");
  });

  it("the heartbeat and draining keep every encode single: 0 redelivered; without the heartbeat, long encodes are done twice", () => {
    const withHeartbeat = run(file).summary.messages;
    expect(withHeartbeat.redelivered).toBe(0);
    expect(withHeartbeat.duplicateProcessing).toBe(0);
    const without = run(file, "consumers.heartbeat=null").summary.messages;
    expect(without.redelivered).toBeGreaterThan(0.02 * without.sent);
    expect(without.duplicateProcessing).toBeGreaterThan(0);
  });

  it("--set fleet.max=10: without room to scale, most spike videos miss the SLO", () => {
    const capped = run(file, "fleet.max=10").summary;
    expect(capped.fleet.peakInService).toBe(10);
    expect(capped.slo!.fractionOverMaxQueueWait).toBeGreaterThan(0.5);
    expect(capped.latency.queueWait.p99).toBeGreaterThan(5 * run(file).summary.latency.queueWait.p99);
  });
});

describe("marketing-campaign-db-writes: the queue buffers a burst, a capped group writes at the database's safe rate (aws-behaviour 5.14)", () => {
  const file = "marketing-campaign-db-writes.yaml";
  const SAFE_PER_MINUTE = 200 * 60;

  it("writes per minute never exceed the safe rate while sends peak near three times it; the group sits at max 5", () => {
    const { summary, series } = run(file);
    expect(max(columnValues(series, "deleted_msgs"))).toBeLessThanOrEqual(SAFE_PER_MINUTE);
    expect(max(columnValues(series, "deleted_msgs"))).toBeGreaterThan(0.95 * SAFE_PER_MINUTE);
    expect(max(columnValues(series, "NumberOfMessagesSent_msgs"))).toBeGreaterThan(2.5 * SAFE_PER_MINUTE);
    expect(summary.fleet.peakInService).toBe(5);
    expect(max(columnValues(series, "desired_capacity"))).toBe(5);
  });

  it("the policy asks for far more than max; every request is clamped to 5", () => {
    const out = scaling(run(file).activities).filter((a) => Number(a.after) > Number(a.before));
    expect(out.length).toBeGreaterThan(0);
    for (const a of out) expect(a.after).toBe("5");
    const asked = Number(/(\d+) instances needed/.exec(out[0]!.reason)?.[1]);
    expect(asked).toBeGreaterThan(20);
  });

  it("nothing is lost: the backlog of ~300,000 writes is drained before the end, with no DLQ and no expiry", () => {
    const { summary, series } = run(file);
    expect(max(columnValues(series, "ApproximateNumberOfMessagesVisible_msgs"))).toBeGreaterThan(250_000);
    expect(summary.messages).toMatchObject({ deadLettered: 0, expired: 0, redelivered: 0 });
    expect(summary.messages.remaining.visible).toBe(0);
    // The price is latency: the oldest write waited tens of minutes.
    expect(summary.latency.queueWait.max).toBeGreaterThan(15 * 60);
  });

  it("--set fleet.max=20: the backlog clears sooner but the database gets about four times its safe write rate", () => {
    const uncapped = run(file, "fleet.max=20");
    expect(max(columnValues(uncapped.series, "deleted_msgs"))).toBeGreaterThan(3 * SAFE_PER_MINUTE);
    expect(uncapped.summary.latency.queueWait.max).toBeLessThan(run(file).summary.latency.queueWait.max / 3);
  });
});

describe("visible-messages-vs-backlog-per-instance: raw visible messages over-scale (aws-behaviour 6.16)", () => {
  const backlog = "visible-messages-vs-backlog-per-instance-backlog.yaml";
  const visible = "visible-messages-vs-backlog-per-instance-visible.yaml";

  it("the two runs see the same traffic and agree at the first scale-out", () => {
    const b = run(backlog);
    const v = run(visible);
    expect(v.summary.messages.sent).toBe(b.summary.messages.sent);
    expect(scaling(v.activities)[0]).toMatchObject({ timeS: scaling(b.activities)[0]!.timeS, after: scaling(b.activities)[0]!.after });
  });

  it("tracking raw visible messages peaks at least twice as high (at max) and costs more, for no better p99 queue wait", () => {
    const b = run(backlog).summary;
    const v = run(visible).summary;
    expect(v.fleet.peakInService).toBeGreaterThanOrEqual(2 * b.fleet.peakInService);
    expect(v.fleet.peakInService).toBe(200);
    expect(b.fleet.peakInService).toBeLessThan(100);
    expect(v.cost.computeUsd).toBeGreaterThan(1.5 * b.cost.computeUsd);
    expect(v.latency.queueWait.p99).toBeGreaterThanOrEqual(0.9 * b.latency.queueWait.p99);
  });

  it("backlog per instance asks for visible ÷ 50 at every scale-out; raw visible for InService × visible ÷ 400", () => {
    /** Instances asked for by a scale-out, and the visible messages and InService of the datapoint it acted on. */
    const requests = (r: SimulationResult) => {
      const times = columnValues(r.series, "time_s");
      const at = (column: string, t: number) => columnValues(r.series, column)[times.indexOf(t)]!;
      return scaling(r.activities)
        .filter((a) => Number(a.after) > Number(a.before))
        .map((a) => ({
          needed: Number(/(\d+) instances needed/.exec(a.reason)?.[1]),
          visible: at("ApproximateNumberOfMessagesVisible_msgs", a.timeS - 60),
          inService: at("instances", a.timeS - 60),
        }));
    };
    const b = requests(run(backlog));
    expect(b.length).toBeGreaterThanOrEqual(4);
    for (const r of b) expect(r.needed).toBe(Math.ceil(r.visible / 50));
    const v = requests(run(visible));
    for (const r of v) expect(r.needed).toBe(Math.ceil((r.inService * r.visible) / 400));
    // Once the first new instances are InService, the raw-visible request outgrows the backlog's several times.
    const last = v.at(-1)!;
    expect(last.inService).toBeGreaterThan(8);
    expect(last.needed).toBeGreaterThan(3 * Math.ceil(last.visible / 50));
  });
});

describe("two-alarm-step-scaling: high alarm steps out, low alarm steps in one at a time with a cooldown (aws-behaviour 7.4-7.10)", () => {
  const file = "two-alarm-step-scaling.yaml";

  it("scale-out comes from the step policy only, bigger steps for a bigger breach", () => {
    const { activities } = run(file);
    const out = scaling(activities).filter((a) => Number(a.after) > Number(a.before));
    expect(new Set(out.map((a) => a.source))).toEqual(new Set(["StepScaling-1"]));
    expect(out.some((a) => a.reason.includes("step adjustment 3 "))).toBe(true);
    expect(out.some((a) => a.reason.includes("step adjustment 6 "))).toBe(true);
  });

  it("scale-in comes from the simple policy only, −1 each time, at least the 5-minute cooldown apart, while its alarm stays in ALARM", () => {
    const { summary, activities } = run(file);
    const ins = scaling(activities).filter((a) => Number(a.after) < Number(a.before));
    expect(new Set(ins.map((a) => a.source))).toEqual(new Set(["SimpleScaling-2"]));
    for (const a of ins) expect(Number(a.before) - Number(a.after)).toBe(1);
    for (const gap of gaps(ins.map((a) => a.timeS))) expect(gap).toBeGreaterThanOrEqual(300);
    // Many scale-ins per transition of the low alarm: it is re-invoked every minute (7.3), the cooldown gates it.
    const lowToAlarm = activities.filter((a) => a.source === "SimpleScaling-2-Alarm" && a.after === "ALARM");
    expect(ins.length).toBeGreaterThan(2 * lowToAlarm.length);
    expect(summary.fleet.scaleInActivities).toBeGreaterThan(summary.fleet.scaleOutActivities);
    // Back at min by the end.
    expect(ins.at(-1)!.after).toBe("3");
  });

  it("--set fleet.policies.1.simpleScaling.cooldown=60s: the walk back down to min ends far sooner", () => {
    const lastIn = (r: SimulationResult) => scaling(r.activities, "SimpleScaling-2").at(-1)!;
    const slow = lastIn(run(file));
    const fast = lastIn(run(file, "fleet.policies.1.simpleScaling.cooldown=60s"));
    expect(fast.after).toBe("3");
    expect(fast.timeS).toBeLessThan(slow.timeS - 3600);
  });
});

// A run advanced on demand (issue 17's playground): split anywhere, by time or one event at a time, it gives the
// summary and series simulate() gives, byte for byte, and shows the queue between calls.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { simulate } from "../../src/sim/simulate.js";
import { SteppedRun } from "../../src/sim/stepped-run.js";

const dir = join(resolve(import.meta.dirname, "../.."), "scenarios");

function load(file: string, ...sets: string[]) {
  const loaded = loadScenarioFile(join(dir, file), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

describe("SteppedRun", () => {
  it.each([
    ["steady-orders.yaml", "duration=30m"],
    ["fifo-hot-group.yaml", "duration=20m"],
    ["lambda-vs-asg.yaml", "duration=20m"],
    ["platforms-on-a-trace.yaml", "duration=20m"],
    ["visibility-timeout-too-short.yaml", "duration=20m"],
  ])("%s (%s): split by time and by single events, the same summary and series as simulate", (file, set) => {
    const scenario = load(file, set);
    const whole = simulate(scenario);
    const run = new SteppedRun(scenario);
    // Stops at odd times, some single events between them, then the rest.
    for (const t of [0.5, 7.25, 61, 333.3, 600]) {
      run.advanceTo(t);
      expect(run.view().nowS).toBe(Math.min(t, run.endS));
      for (let i = 0; i < 5; i++) run.stepEvent();
    }
    const split = run.finish();
    expect(JSON.stringify(split.summary)).toBe(JSON.stringify(whole.summary));
    expect(JSON.stringify(split.series)).toBe(JSON.stringify(whole.series));
    expect(run.done).toBe(true);
  });

  it("steps one event at a time, the clock never going back, and shows the queue's gauges between", () => {
    const run = new SteppedRun(load("visibility-timeout-too-short.yaml", "duration=2m"));
    let last = 0;
    let handled = run.view().events;
    for (let i = 0; i < 20 && run.stepEvent(); i++) {
      const v = run.view();
      expect(v.nowS).toBeGreaterThanOrEqual(last);
      expect(v.events).toBe(handled + 1);
      last = v.nowS;
      handled = v.events;
    }
    expect(last).toBeLessThan(60);
    run.advanceTo(60);
    const v = run.view();
    expect(v.nowS).toBe(60);
    expect(v.sent).toBeGreaterThan(0);
    expect(v.visible + v.inFlight + v.delayed + v.deleted + v.deadLettered).toBeLessThanOrEqual(v.sent);
    // Past the end nothing happens; advancing back in time does not rewind.
    run.advanceTo(30);
    expect(run.view().nowS).toBe(60);
    run.advanceTo(1e9);
    expect(run.view().nowS).toBe(run.endS);
    expect(run.stepEvent()).toBe(false);
  });
});

// The two Lambda demos (issue 15) teach what their headers say, checked against the comparison runs they suggest.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputFile } from "../../src/scenario/load.js";
import { type RunSummary, type SimulationResult } from "../../src/sim/result.js";
import { simulate } from "../../src/sim/simulate.js";

const dir = join(resolve(import.meta.dirname, "../.."), "scenarios");
const TIMEOUT = 60_000;

function runWithSeries(file: string, ...sets: string[]): SimulationResult {
  const loaded = loadInputFile(join(dir, file), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  if (loaded.architecture !== undefined) throw new Error(`${file} is an architecture`);
  return simulate(loaded.scenario);
}

function run(file: string, ...sets: string[]): RunSummary {
  return runWithSeries(file, ...sets).summary;
}

describe("lambda-reserved-concurrency-trap.yaml", () => {
  it("reserved concurrency 5 sends healthy messages to the dead-letter queue; maximumConcurrency 5 sends none", { timeout: TIMEOUT }, () => {
    const trap = run("lambda-reserved-concurrency-trap.yaml");
    expect(trap.consumers.failedAttempts).toBe(0);
    expect(trap.lambda!.throttledInvocations).toBeGreaterThan(1_000);
    expect(trap.messages.deadLettered).toBeGreaterThan(1_000);
    const fixed = run("lambda-reserved-concurrency-trap.yaml", "consumers.lambda.maximumConcurrency=5");
    expect(fixed.lambda!.throttledInvocations).toBe(0);
    expect(fixed.messages.deadLettered).toBe(0);
    expect(fixed.lambda!.peakConcurrency).toBe(trap.lambda!.peakConcurrency);
    // The same throughput: every message is deleted, none left waiting.
    expect(fixed.messages.deleted).toBe(fixed.messages.sent);
  });
});

describe("lambda-vs-asg.yaml", () => {
  it("Lambda drains the spike with no lasting queue wait where the group's backlog waits minutes, for less over the day", { timeout: TIMEOUT }, () => {
    const asg = run("lambda-vs-asg.yaml");
    const lambdaSeries = runWithSeries("lambda-vs-asg.yaml", "consumers.platform=lambda");
    const lambda = lambdaSeries.summary;
    expect(asg.fleet.kind).toBe("asg");
    expect(lambda.fleet.kind).toBe("lambda");
    // The group sees the backlog minutes late and launches for minutes more.
    expect(asg.latency.queueWait.p99).toBeGreaterThan(60);
    expect(lambda.latency.queueWait.p99).toBeLessThan(5);
    // The mapping reaches the spike's concurrency (400 msg/s × 0.25 s mean ≈ 100 invocations) within a few minutes of
    // its start at 10:00 (the spike rises over 5 minutes).
    expect(lambda.lambda!.peakConcurrency).toBeGreaterThan(100);
    const series = lambdaSeries.series;
    const col = (name: string) => series.values[series.columns.findIndex((c) => c.name === name)]!;
    const reached = col("time_s").find((t, i) => t > 36_000 && col("lambda_concurrency")[i]! > 80);
    expect(reached).toBeDefined();
    expect(reached!).toBeLessThanOrEqual(36_000 + 8 * 60);
    expect(lambda.lambda!.throttledInvocations).toBe(0);
    expect(lambda.cost.totalUsd).toBeLessThan(asg.cost.totalUsd);
    for (const s of [asg, lambda]) {
      const m = s.messages;
      expect(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed).toBe(m.sent);
    }
  });
});

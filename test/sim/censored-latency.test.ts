// Issue 12 §1-§2: messages still waiting when a run ends count in its latency (right-censored, at their age then), and
// end-to-end time runs from the moment a message is produced, so waiting in a producer counts.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { type RunSummary } from "../../src/sim/result.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { simulate } from "../../src/sim/simulate.js";
import { capture } from "../cli/cli-helpers.js";

const root = resolve(import.meta.dirname, "../..");
const cache = new Map<string, RunSummary>();
function run(file: string, ...sets: string[]): RunSummary {
  const key = [file, ...sets].join("\u0000");
  const hit = cache.get(key);
  if (hit) return hit;
  const loaded = loadScenarioFile(join(root, "scenarios", file), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  const summary = simulate(loaded.scenario).summary;
  cache.set(key, summary);
  return summary;
}

const left = (s: RunSummary): number => s.messages.remaining.visible + s.messages.remaining.inFlight + s.messages.remaining.delayed;

describe("a backlog that never drains (video-encoding-spike with fleet.max=10)", () => {
  const s = (): RunSummary => run("video-encoding-spike.yaml", "fleet.max=10");

  it("counts every message sent and never received in the queue wait, censored", () => {
    const { queueWait } = s().latency;
    expect(queueWait.censored).toBe(s().messages.sent - s().messages.received + s().messages.redelivered);
    expect(queueWait.censored).toBeGreaterThan(400);
    expect(queueWait.count).toBe(s().messages.sent);
  });

  it("counts every message produced and neither deleted, dead-lettered nor expired in end to end, censored", () => {
    const { endToEnd } = s().latency;
    expect(endToEnd.censored).toBe(left(s()) + s().producers.unsent);
    expect(endToEnd.count).toBe(s().messages.deleted + endToEnd.censored);
    // The oldest still waiting was produced in the spike, more than 1.5 hours before the end of the 3-hour run.
    expect(endToEnd.oldestCensored).toBeGreaterThan(1.5 * 3600);
    expect(endToEnd.max).toBeGreaterThanOrEqual(endToEnd.oldestCensored);
  });

  it("marks every figure a lower bound, the percentiles included", () => {
    expect(s().latency.queueWait.lowerBound).toEqual(expect.arrayContaining(["mean", "p50", "p90", "p99"]));
    expect(s().latency.endToEnd.lowerBound).toEqual(["mean", "p50", "p90", "p99", "max"]);
  });

  it("counts a censored message older than the SLO as a violation: about 80% of those sent, not 73.5% of those received", () => {
    const slo = s().slo!;
    expect(slo.fractionOverMaxQueueWait).toBeCloseTo(slo.messagesOverMaxQueueWait / s().messages.sent, 6);
    expect(slo.fractionOverMaxQueueWait).toBeGreaterThan(0.78);
  });
});

describe("a run that drains (steady-orders)", () => {
  it("has its few in-flight messages censored without marking a figure it cannot move", () => {
    const s = run("steady-orders.yaml");
    expect(s.latency.endToEnd.censored).toBe(left(s));
    expect(s.latency.queueWait.lowerBound).toEqual([]);
    expect(s.latency.endToEnd.lowerBound).toEqual([]);
  });
});

describe("waiting in the producer is waiting (send delay)", () => {
  it("a FIFO queue over its quota: end to end includes the minutes sends waited behind throttled calls", () => {
    const s = run("fifo-vs-standard.yaml");
    expect(s.producers.peakUnsent).toBeGreaterThan(50_000);
    expect(s.latency.sendDelay.p99).toBeGreaterThan(60);
    expect(s.latency.sendDelay.count).toBe(s.messages.sent + s.latency.sendDelay.censored);
    // Produced → deleted is produced → accepted, then accepted → deleted: its mean is at least the two waits'.
    expect(s.latency.endToEnd.mean).toBeGreaterThan(s.latency.sendDelay.mean + s.latency.queueWait.mean * 0.99);
  });

  it("a batching producer: the send delay is the batch window's wait plus half a round trip", () => {
    // batchWindow 200 ms, apiLatency 5 ms: a message waits for the batch to fill or the window to end.
    const s = run("batching-costs.yaml");
    expect(s.latency.sendDelay.max).toBeLessThanOrEqual(0.2 + 0.0025 + 1e-6);
    expect(s.latency.sendDelay.mean).toBeGreaterThan(10 * 0.0025);
    expect(s.latency.endToEnd.mean).toBeGreaterThan(s.latency.sendDelay.mean);
  });

  it("an unbatched, unthrottled producer: half the API round trip", () => {
    const s = run("steady-orders.yaml");
    expect(s.latency.sendDelay.p50).toBeCloseTo(s.latency.sendDelay.max, 6);
    expect(s.latency.sendDelay.max).toBeLessThan(0.1);
  });
});

describe("the terminal summary", () => {
  async function terminal(...args: string[]): Promise<string> {
    const { io, out } = capture(root);
    const code = await runCli(["run", ...args, "--no-charts", "--out", join(tempOut(), "out")], io);
    expect(code).toBe(0);
    return out.join("");
  }

  it("marks lower bounds with ≥ and says how many messages still wait and how old the oldest is", async () => {
    const text = await terminal("scenarios/video-encoding-spike.yaml", "--set", "fleet.max=10");
    expect(text).toMatch(/queue wait {2}mean ≥ [\d.]+ min · p50 ≥ /);
    expect(text).toMatch(
      /waiting {5}441 messages still waiting at the end \(431 never received, 10 received and not deleted\), the oldest produced 114\.5 min before it; figures marked ≥ count them at their age then/,
    );
    // Its backlog drains, slowly, through the last hour (the spike is over): no warning.
    expect(text).not.toContain("warning");
  });

  it("warns when the backlog grows through the last hour, with the explain command for the same run", async () => {
    const text = await terminal("scenarios/steady-orders.yaml", "--set", "fleet.instances=1", "--set", "producers.0.traffic=[{constant: 20}]");
    expect(text).toMatch(
      /\nwarning: the backlog grew through the last 60\.0 min, from [\d,]+ to [\d,]+ messages: the load exceeded what the consumers processed, so a longer run would report longer waits\. `sqs-sim explain scenarios\/steady-orders\.yaml --set fleet\.instances=1 --set 'producers\.0\.traffic=\[\{constant: 20\}\]'` sizes the fleet for the peak rate\.\n$/,
    );
  });

  it("shows the send delay and the messages that waited in producers", async () => {
    const text = await terminal("scenarios/fifo-vs-standard.yaml");
    expect(text).toMatch(/send delay {2}mean [\d.]+ s .* · up to [\d,]+ waiting in producers\n/);
  });

  it("has no waiting line marks and no warning for a run that keeps up", async () => {
    const text = await terminal("scenarios/steady-orders.yaml");
    expect(text).not.toContain("≥");
    expect(text).not.toContain("warning");
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
function tempOut(): string {
  return mkdtempSync(join(tmpdir(), "sqs-sim-censored-"));
}

import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { explainScenario } from "../../src/plan/explain.js";
import { type WarningId } from "../../src/plan/explanation.js";
import { loadDefaultScenario, loadScenarioFile, type Scenario } from "../../src/scenario/index.js";
import { scenarioOf } from "./plan-helpers.js";

/** A quiet fixed fleet with nothing to warn about: 2 msg/s, 100 ms jobs, 2 instances × 2 workers, long polling. */
const QUIET = `name: quiet
duration: 1h
queue: { visibilityTimeout: 30s, deadLetter: { maxReceiveCount: 5 } }
producers: [{ name: p, traffic: [{ constant: 2 }] }]
consumers: { concurrency: 2, waitTime: 20s, processing: { exponential: { mean: 100ms } } }
fleet: { kind: fixed, instances: 2 }
`;

const ASG = `name: asg
duration: 1h
queue: { visibilityTimeout: 30s }
producers: [{ name: p, traffic: [{ constant: 5 }, { spike: { at: 20m, peak: 40, hold: 10m } }] }]
consumers: { waitTime: 20s, processing: 1s }
slo: { maxQueueWait: 10s }
fleet: { kind: asg, min: 5, max: 60, policies: [{ targetTracking: { target: 10 } }] }
`;

const ids = (s: Scenario): WarningId[] => explainScenario(s).warnings.map((w) => w.id);
const only = (s: Scenario, id: WarningId) => explainScenario(s).warnings.find((w) => w.id === id);
const root = resolve(import.meta.dirname, "../..");

describe("warnings", () => {
  it("target-metric-reads-zero: backlog per instance under a steady load the group keeps up with, not messagesPerInstance", () => {
    const loaded = loadScenarioFile(resolve(root, "scenarios/backlog-per-instance-oscillation.yaml"));
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    expect(only(loaded.scenario, "target-metric-reads-zero")).toMatchObject({
      path: "fleet.policies.0.targetTracking.metric",
      message: expect.stringMatching(
        /87 instances keep up at 90% busy .* scales in to 10 instances, fewer than the 78 that keep up at all.* messagesPerInstance: \{ include: \[visible, notVisible\] \} .* 10 × 0\.8 = 8$/,
      ),
    });
    const fixed = loadScenarioFile(resolve(root, "scenarios/backlog-per-instance-oscillation.yaml"), {
      sets: ["fleet.policies.0.targetTracking.metric={ messagesPerInstance: { include: [visible, notVisible] } }", "fleet.policies.0.targetTracking.target=8"],
    });
    if (!fixed.ok) throw new Error(fixed.errors.join("\n"));
    expect(ids(fixed.scenario)).not.toContain("target-metric-reads-zero");
  });

  it("a quiet, well-sized scenario has none", () => {
    expect(ids(scenarioOf(QUIET))).toEqual([]);
    expect(ids(scenarioOf(ASG))).toEqual([]);
  });

  it("visibility-below-p99 fires on queue.visibilityTimeout below the p99 processing time, with the share and a fix", () => {
    const s = scenarioOf(QUIET, ["consumers.processing={lognormal: {median: 20s, p99: 60s}}", "fleet.instances=40"]);
    expect(only(s, "visibility-below-p99")).toMatchObject({
      path: "queue.visibilityTimeout",
      message: expect.stringMatching(/^30 s is below the p99 processing time, 60 s: about 19\.5% of receives .* Set it to 130s/),
    });
    expect(ids(scenarioOf(QUIET, ["consumers.processing={lognormal: {median: 20s, p99: 60s}}", "fleet.instances=40", "queue.visibilityTimeout=61s"]))).toEqual(
      [],
    );
  });

  it("…counts the whole receive batch, which is deleted together", () => {
    // p99 of one 1 s-mean job is 4.6 s, of a batch of 10 about 17 s: a 10 s timeout covers one, not ten.
    expect(ids(scenarioOf(QUIET, ["queue.visibilityTimeout=10s", "consumers.processing={exponential: {mean: 1s}}", "fleet.instances=5"]))).toEqual([]);
    expect(
      ids(scenarioOf(QUIET, ["queue.visibilityTimeout=10s", "consumers.processing={exponential: {mean: 1s}}", "fleet.instances=5", "consumers.batchSize=10"])),
    ).toEqual(["visibility-below-p99"]);
  });

  it("a heartbeat replaces it with checks of the heartbeat itself", () => {
    const slow = ["consumers.processing={lognormal: {median: 20s, p99: 60s}}", "fleet.instances=40"];
    expect(ids(scenarioOf(QUIET, [...slow, "consumers.heartbeat={every: 10s, extendBy: 30s}"]))).toEqual([]);
    expect(only(scenarioOf(QUIET, [...slow, "consumers.heartbeat={every: 30s, extendBy: 60s}"]), "heartbeat-too-late")?.path).toBe("consumers.heartbeat.every");
    expect(only(scenarioOf(QUIET, [...slow, "consumers.heartbeat={every: 20s, extendBy: 20s}"]), "heartbeat-extension-too-short")?.path).toBe(
      "consumers.heartbeat.extendBy",
    );
  });

  it("max-receive-count-low fires below 5 receives with transient failures, and not at 5 or without failures", () => {
    const w = only(scenarioOf(QUIET, ["queue.deadLetter.maxReceiveCount=3", "consumers.failures.transient=0.02"]), "max-receive-count-low");
    expect(w).toMatchObject({ path: "queue.deadLetter.maxReceiveCount", source: "aws-behaviour 1.18, 8.10" });
    expect(w?.message).toMatch(/^3 receives with 2% transient failures: 0\.0008% of healthy messages/);
    expect(ids(scenarioOf(QUIET, ["queue.deadLetter.maxReceiveCount=5", "consumers.failures.transient=0.02"]))).toEqual([]);
    expect(ids(scenarioOf(QUIET, ["queue.deadLetter.maxReceiveCount=3"]))).toEqual([]);
  });

  it("poison-without-dead-letter-queue fires for poison messages without a redrive policy", () => {
    expect(only(scenarioOf(QUIET, ["queue.deadLetter=null", "consumers.failures.poison=0.01"]), "poison-without-dead-letter-queue")?.path).toBe(
      "queue.deadLetter",
    );
    expect(ids(scenarioOf(QUIET, ["consumers.failures.poison=0.01"]))).toEqual([]);
  });

  it("short-polling-idle-workers fires for short polling with idle workers, naming the field that sets it", () => {
    const w = only(scenarioOf(QUIET, ["consumers.waitTime=0s"]), "short-polling-idle-workers");
    expect(w?.path).toBe("consumers.waitTime");
    expect(w?.message).toMatch(/^short polling with about 3\.8 idle workers on average: they spin on about 760 empty receives\/s/);
    expect(only(scenarioOf(QUIET, ["consumers.waitTime=null"]), "short-polling-idle-workers")?.path).toBe("queue.receiveWaitTime");
    expect(ids(scenarioOf(QUIET, ["consumers.waitTime=null", "queue.receiveWaitTime=20s"]))).toEqual([]);
    // Busy workers do not spin: under one idle worker on average, no warning.
    expect(ids(scenarioOf(QUIET, ["consumers.waitTime=0s", "producers.p.traffic=[{constant: 32}]"]))).toEqual([]);
  });

  it("fleet-cannot-keep-up fires on fleet.instances when a phase's mean rate reaches the fleet's capacity", () => {
    const s = scenarioOf(QUIET, ["producers.p.traffic=[{constant: 2}, {spike: {at: 20m, peak: 100, hold: 10m}}]"]);
    expect(only(s, "fleet-cannot-keep-up")).toMatchObject({
      path: "fleet.instances",
      message: expect.stringMatching(
        /^2 instances × 2 workers process 40 msg\/s \(N·k ÷ W\), too few: during 20m–30m \(spike to \+100 msg\/s\) the mean rate is 102 msg\/s and the backlog grows by about 37,200 messages\. Keeping up with the mean needs 6 instances$/,
      ),
    });
    expect(ids(scenarioOf(QUIET, ["producers.p.traffic=[{constant: 2}, {spike: {at: 20m, peak: 100, hold: 10m}}]", "fleet.instances=6"]))).toEqual([]);
  });

  it("target-unreachable-at-max fires on fleet.max when the peak outruns the group at max", () => {
    const w = only(scenarioOf(ASG, ["fleet.max=30"]), "target-unreachable-at-max");
    expect(w?.path).toBe("fleet.max");
    expect(w?.message).toMatch(/45 msg\/s, even 30 instances process only 30 msg\/s: backlog per instance cannot come back to the target \(10\)/);
    // Without target tracking the same shortfall is named plainly.
    expect(ids(scenarioOf(ASG, ["fleet.max=30", "fleet.policies=[]"]))).toEqual(["fleet-cannot-keep-up"]);
  });

  it("…and on the target when even the group at max queues more than the target per instance (Erlang C)", () => {
    // At max 50 instances the spike's 45 msg/s of 1 s jobs queues about 3.7 messages, 0.07 per instance.
    const w = only(scenarioOf(ASG, ["fleet.max=50", "fleet.policies.0.targetTracking.target=0.05"]), "target-unreachable-at-max");
    expect(w?.path).toBe("fleet.policies.0.targetTracking.target");
    expect(ids(scenarioOf(ASG, ["fleet.max=50", "fleet.policies.0.targetTracking.target=0.5"]))).toEqual([]);
  });

  it("target-above-acceptable-latency fires when the target allows a longer wait than slo.maxQueueWait", () => {
    const w = only(scenarioOf(ASG, ["fleet.policies.0.targetTracking.target=30"]), "target-above-acceptable-latency");
    expect(w).toMatchObject({ path: "fleet.policies.0.targetTracking.target", message: expect.stringContaining("gives 10") });
  });

  it("target-on-visible-messages fires for target tracking on raw visible messages (6.16)", () => {
    const w = only(scenarioOf(ASG, ["fleet.policies.0.targetTracking.metric=approximateNumberOfMessagesVisible"]), "target-on-visible-messages");
    expect(w).toMatchObject({ path: "fleet.policies.0.targetTracking.metric", source: "aws-behaviour 6.16" });
  });

  it("the shipped scenarios warn about what they demonstrate, and only that", () => {
    const file = (name: string, sets: string[] = []): Scenario => {
      const loaded = loadScenarioFile(resolve(root, "scenarios", name), { sets });
      if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
      return loaded.scenario;
    };
    const def = loadDefaultScenario();
    if (!def.ok) throw new Error(def.errors.join("\n"));
    expect(ids(def.scenario)).toEqual(["fleet-cannot-keep-up"]);
    expect(ids(file("visibility-timeout-too-short.yaml"))).toEqual(["visibility-below-p99"]);
    expect(ids(file("visibility-timeout-too-short.yaml", ["queue.visibilityTimeout=2m"]))).toEqual([]);
    expect(ids(file("short-vs-long-polling.yaml"))).toEqual(["short-polling-idle-workers"]);
    expect(ids(file("short-vs-long-polling.yaml", ["consumers.waitTime=20s"]))).toEqual([]);
    expect(ids(file("dead-letter-queue.yaml"))).toEqual(["max-receive-count-low"]);
    expect(ids(file("steady-orders.yaml"))).toEqual([]);
    expect(ids(file("video-encoding-spike.yaml"))).toEqual([]);
    expect(ids(file("video-encoding-spike.yaml", ["consumers.heartbeat=null"]))).toEqual(["visibility-below-p99"]);
    expect(ids(file("visible-messages-vs-backlog-per-instance-visible.yaml"))).toContain("target-on-visible-messages");
  });
});

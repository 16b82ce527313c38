import { describe, expect, it } from "vitest";
import { erlangC } from "../../src/plan/erlang.js";
import { explainScenario } from "../../src/plan/explain.js";
import { expectedAttempts } from "../../src/plan/plan-inputs.js";
import { backlogTarget, recommendedVisibilityTimeout } from "../../src/plan/section-figures.js";
import { targetTrackingCapacity } from "../../src/scaling/policies/target-tracking.js";
import { simulate } from "../../src/sim/simulate.js";
import { AWS_EXAMPLE, fig, scenarioOf, val } from "./plan-helpers.js";

/** M/M/4 at ρ = 0.8: 3.2 msg/s, exponential 1 s, 4 single-worker instances. */
const MM4 = `name: mm4
duration: 1h
producers: [{ name: p, traffic: [{ constant: 3.2 }] }]
queue: { visibilityTimeout: 1m }
consumers: { concurrency: 1, processing: { exponential: { mean: 1s } }, waitTime: 20s }
slo: { maxQueueWait: 2s }
fleet: { kind: fixed, instances: 4 }
`;

describe("explainScenario: AWS's backlog-per-instance example (aws-behaviour 6.17)", () => {
  it("acceptable latency 10 s ÷ 0.1 s per message gives a target of 100", () => {
    const e = explainScenario(scenarioOf(AWS_EXAMPLE));
    expect(val(e, "target", "target.acceptableLatency")).toBe(10);
    expect(val(e, "target", "target.backlogPerInstance")).toBeCloseTo(100, 10);
    expect(fig(e, "target", "target.backlogPerInstance").source).toBe("aws-behaviour 6.17");
    expect(fig(e, "target", "target.backlogPerInstance").formula).toBe("acceptable latency ÷ (E[S] ÷ k)");
  });

  it("…and with that target 1,500 messages on 10 instances (150 each) scale out by 5, to 15", () => {
    const target = val(explainScenario(scenarioOf(AWS_EXAMPLE)), "target", "target.backlogPerInstance");
    expect(targetTrackingCapacity({ currentCapacity: 10, metricValue: 1500 / 10, target })).toBe(15);
  });

  it("the configured target of 100 allows a 10 s wait, and no warning says it is too high", () => {
    const e = explainScenario(scenarioOf(AWS_EXAMPLE));
    expect(val(e, "target", "target.policy.0")).toBe(100);
    expect(val(e, "target", "target.policy.0.wait")).toBeCloseTo(10, 10);
    expect(e.warnings.map((w) => w.id)).not.toContain("target-above-acceptable-latency");
  });

  it("several workers per instance divide the time per message: target = latency ÷ (E[S] ÷ k)", () => {
    expect(backlogTarget(10, 0.1, 4)).toBeCloseTo(400, 10);
    const e = explainScenario(scenarioOf(AWS_EXAMPLE, ["consumers.concurrency=4"]));
    expect(val(e, "target", "target.backlogPerInstance")).toBeCloseTo(400, 10);
  });

  it("without slo.maxQueueWait the target is null and says what it needs", () => {
    const e = explainScenario(scenarioOf(AWS_EXAMPLE, ["slo=null"]));
    expect(fig(e, "target", "target.backlogPerInstance")).toMatchObject({ value: null, note: "needs slo.maxQueueWait" });
  });
});

describe("explainScenario: fixed fleets against Erlang C", () => {
  it("M/M/4 at ρ = 0.8: P(wait) ≈ 0.5964, Wq = C ÷ (cμ − λ), P(wait > t) = C·e^{−(cμ−λ)t}", () => {
    const e = explainScenario(scenarioOf(MM4));
    expect(val(e, "whole", "rate.mean")).toBeCloseTo(3.2, 12);
    expect(val(e, "whole", "load.mean")).toBeCloseTo(3.2, 12);
    expect(val(e, "whole", "utilisation.mean")).toBeCloseTo(0.8, 12);
    expect(val(e, "whole", "erlang.pWait")).toBeCloseTo(0.5964, 4);
    expect(val(e, "whole", "erlang.meanWait")).toBeCloseTo(erlangC(4, 3.2) / (4 - 3.2), 12);
    expect(val(e, "whole", "erlang.pOverSlo")).toBeCloseTo(erlangC(4, 3.2) * Math.exp(-0.8 * 2), 12);
    // Little: L = λ (Wq + W) with no failures.
    expect(val(e, "whole", "erlang.inQueue")).toBeCloseTo(3.2 * (erlangC(4, 3.2) / 0.8 + 1), 12);
    // Exponential processing and Poisson arrivals: Allen–Cunneen would repeat Wq, so it is left out.
    expect(e.phases[0]!.figures.some((f) => f.key === "erlang.meanWaitAdjusted")).toBe(false);
    expect(val(e, "whole", "stableFleet.mean")).toBe(4);
  });

  it("M/M/1: P(wait) = ρ", () => {
    const e = explainScenario(scenarioOf(MM4, ["fleet.instances=1", "producers.p.traffic=[{constant: 0.6}]"]));
    expect(val(e, "whole", "erlang.pWait")).toBeCloseTo(0.6, 12);
    expect(val(e, "whole", "erlang.meanWait")).toBeCloseTo(0.6 / (1 - 0.6), 12);
  });

  it("constant processing: Allen–Cunneen halves the M/M/c wait (Cs² = 0)", () => {
    const e = explainScenario(scenarioOf(MM4, ["consumers.processing=1s"]));
    expect(val(e, "processing", "processing.scv")).toBe(0);
    expect(val(e, "whole", "erlang.meanWaitAdjusted")).toBeCloseTo(val(e, "whole", "erlang.meanWait") / 2, 12);
  });

  it("a phase whose mean rate exceeds the fleet is unstable, with the fluid backlog growth, and the whole run too", () => {
    const e = explainScenario(scenarioOf(MM4, ["producers.p.traffic=[{constant: 2}, {step: {at: 30m, rate: 3}}]"]));
    const [, before, after] = e.phases;
    expect(before!.figures.find((f) => f.key === "erlang.pWait")!.value).toBeCloseTo(erlangC(4, 2), 12);
    expect(after!.figures.find((f) => f.key === "erlang.meanWait")).toMatchObject({ value: null, note: "unstable: ρ = 1.25 ≥ 1" });
    expect(after!.figures.find((f) => f.key === "backlog.growth")!.value).toBeCloseTo((5 - 4) * 1800, 9);
    expect(fig(e, "whole", "erlang.meanWait")).toMatchObject({ value: null, note: "unstable during 30m–1h" });
  });

  it("the whole run's waits are the stable phases' weighted by their arrivals", () => {
    const e = explainScenario(scenarioOf(MM4, ["producers.p.traffic=[{constant: 1}, {step: {at: 30m, rate: 2}}]"]));
    const expected = ((1 * erlangC(4, 1)) / 3 + (3 * erlangC(4, 3)) / 1) / 4;
    expect(val(e, "whole", "erlang.meanWait")).toBeCloseTo(expected, 12);
  });

  it("Auto Scaling groups get utilisation at min and max and no Erlang C", () => {
    const e = explainScenario(scenarioOf(AWS_EXAMPLE));
    expect(val(e, "whole", "utilisation.mean.min")).toBeCloseTo((50 * 0.1) / 1, 12);
    expect(val(e, "whole", "utilisation.mean.max")).toBeCloseTo((50 * 0.1) / 20, 12);
    expect(val(e, "whole", "stableFleet.mean")).toBe(6);
    expect(e.phases[0]!.figures.some((f) => f.key.startsWith("erlang."))).toBe(false);
  });
});

describe("explainScenario: work per message, visibility timeout", () => {
  it("attempts per message: (1 − q)(1 − p^M) ÷ (1 − p) + q·M", () => {
    expect(expectedAttempts(0, 0, 5)).toBe(1);
    expect(expectedAttempts(0.5, 0, 3)).toBeCloseTo(1 + 0.5 + 0.25, 14);
    expect(expectedAttempts(0.02, 0.01, 3)).toBeCloseTo((0.99 * (1 - 0.02 ** 3)) / 0.98 + 0.03, 14);
    expect(expectedAttempts(0.5, 0, undefined)).toBe(2);
  });

  it("the recommended visibility timeout is ⌈p99.9 × 1.5⌉ s of the in-flight time, at most 12 h", () => {
    const e = explainScenario(scenarioOf(MM4));
    // Exponential mean 1 s: p99.9 = ln 1000 = 6.908 s; × 1.5 = 10.36 → 11 s.
    expect(val(e, "visibility", "visibility.p999")).toBeCloseTo(Math.log(1000), 12);
    expect(fig(e, "visibility", "visibility.recommended")).toMatchObject({ value: 11, note: "queue.visibilityTimeout: 11s" });
    expect(recommendedVisibilityTimeout(40_000)).toBe(43_200);
    // A batch of 10 is in flight until its last message is done: Erlang(10) quantiles.
    const batch = explainScenario(scenarioOf(MM4, ["consumers.batchSize=10"]));
    expect(val(batch, "visibility", "visibility.p999")).toBeGreaterThan(2 * Math.log(1000));
  });

  it("receives that outlive the visibility timeout are processed again: W = E[S] ÷ (1 − e)", () => {
    const e = explainScenario(scenarioOf(MM4, ["queue.visibilityTimeout=1s"]));
    const share = Math.exp(-1); // P(Exp(1) > 1 s)
    expect(val(e, "visibility", "visibility.pExpire")).toBeCloseTo(share, 12);
    expect(val(e, "processing", "work.mean")).toBeCloseTo(1 / (1 - share), 12);
    // A heartbeat keeps the message invisible: no extra work.
    const hb = explainScenario(scenarioOf(MM4, ["queue.visibilityTimeout=1s", "consumers.heartbeat={every: 500ms, extendBy: 5s}"]));
    expect(val(hb, "processing", "work.mean")).toBeCloseTo(1, 12);
  });

  it("empty receives: idle ÷ round trip when short polling; c ÷ (W + round trip) for long polls on an empty queue", () => {
    const short = explainScenario(scenarioOf(MM4, ["consumers.waitTime=0s"]));
    expect(val(short, "polling", "polling.emptyReceives")).toBeCloseTo((4 - 3.2) / 0.005, 9);
    const empty = explainScenario(scenarioOf(MM4, ["producers.p.traffic=[{constant: 0}]"]));
    expect(val(empty, "polling", "polling.emptyReceives")).toBeCloseTo(4 / 20.005, 12);
    expect(val(empty, "polling", "polling.emptyCost")).toBeCloseTo(((4 / 20.005) * 3600 * 0.4) / 1e6, 15);
    // Busy arrivals take every long poll before it times out.
    expect(val(explainScenario(scenarioOf(MM4, ["producers.p.traffic=[{constant: 3}]"])), "polling", "polling.emptyReceives")).toBeLessThan(1e-6);
  });

  it("stays finite with 100,000 workers (100 instances × 1,000)", () => {
    const e = explainScenario(scenarioOf(MM4, ["fleet.instances=100", "consumers.concurrency=1000", "producers.p.traffic=[{constant: 99000}]"]));
    expect(val(e, "whole", "erlang.pWait")).toBeGreaterThan(0);
    expect(val(e, "whole", "erlang.pWait")).toBeLessThan(1);
    expect(Number.isFinite(val(e, "polling", "polling.emptyReceives"))).toBe(true);
  });

  it("expected dead-lettered messages: N × (q + (1 − q)·p^M)", () => {
    const e = explainScenario(scenarioOf(MM4, ["queue.deadLetter={maxReceiveCount: 3}", "consumers.failures={transient: 0.1, poison: 0.01}"]));
    const n = 3.2 * 3600;
    expect(val(e, "retries", "retries.messages")).toBeCloseTo(n, 6);
    expect(val(e, "retries", "retries.deadLettered")).toBeCloseTo(n * (0.01 + 0.99 * 0.001), 6);
  });
});

describe("explainScenario: degenerate scenarios", () => {
  it("no instances, instant processing, or jobs that always outlive the timeout: nulls with notes, never a throw", () => {
    for (const sets of [["fleet.instances=0"], ["consumers.processing=0s"], ["consumers.processing=2m"], ["producers.p.traffic=[{constant: 0}]"]]) {
      const e = explainScenario(scenarioOf(MM4, sets));
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
      for (const f of [...e.sections.flatMap((s) => s.figures), ...e.phases.flatMap((p) => p.figures)]) {
        if (f.value === null) expect(f.note).toBeDefined();
      }
    }
    // A constant 2 min job under a 1 min timeout is processed again and again: unbounded work.
    const e = explainScenario(scenarioOf(MM4, ["consumers.processing=2m"]));
    expect(fig(e, "processing", "work.mean")).toMatchObject({ value: null, note: expect.stringContaining("100%") });
    expect(e.warnings.map((w) => w.id)).toEqual(["visibility-below-p99", "fleet-cannot-keep-up"]);
  });
});

describe("explainScenario: simulated values beside the analytic ones", () => {
  it("a run's summary lands beside the matching figures of the whole run, and the JSON round-trips", () => {
    const scenario = scenarioOf(MM4, ["duration=30m"]);
    const { summary } = simulate(scenario);
    const e = explainScenario(scenario, summary, { runDirectory: "reports/mm4" });
    expect(e.simulated).toEqual({ seed: 1, directory: "reports/mm4" });
    expect(fig(e, "whole", "erlang.meanWait").simulated).toBe(summary.latency.queueWait.mean);
    expect(fig(e, "whole", "utilisation.mean").simulated).toBe(summary.consumers.utilization);
    expect(fig(e, "whole", "rate.mean").simulated).toBe(summary.messages.produced / summary.durationSeconds);
    expect(fig(e, "whole", "erlang.pOverSlo").simulated).toBe(summary.slo!.fractionOverMaxQueueWait);
    expect(fig(e, "polling", "polling.emptyReceives").simulated).toBe(summary.requests.emptyReceive / 1800);
    // Statistical sanity, not a test of the simulator: within a few standard errors of the closed form.
    expect(summary.consumers.utilization).toBeGreaterThan(0.7);
    expect(summary.consumers.utilization).toBeLessThan(0.9);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it("without a summary nothing is simulated", () => {
    const e = explainScenario(scenarioOf(MM4));
    expect(e.simulated).toBeNull();
    const all = [...e.sections.flatMap((s) => s.figures), ...e.phases.flatMap((p) => p.figures)];
    expect(all.some((f) => f.simulated !== undefined)).toBe(false);
    // Every figure names its formula.
    for (const f of all) expect(f.formula.length).toBeGreaterThan(0);
  });
});

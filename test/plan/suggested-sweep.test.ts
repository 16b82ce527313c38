import { describe, expect, it } from "vitest";
import { explainScenario } from "../../src/plan/explain.js";
import { planInputs } from "../../src/plan/plan-inputs.js";
import {
  fleetSizes,
  shellQuote,
  suggestSweep,
  sweepArguments,
  sweepBasis,
  sweepCommandLines,
  targetValues,
  type SweepBasis,
} from "../../src/plan/suggested-sweep.js";
import { AWS_EXAMPLE, scenarioOf, val } from "./plan-helpers.js";

/** A fixed fleet whose visibility timeout is too short: the shape of scenarios/visibility-timeout-too-short.yaml. */
const FIXED: SweepBasis = {
  fleet: { kind: "fixed", instances: 5 },
  workersPerInstance: 8,
  peakLoad: 27.79,
  peakFleet: 4,
  acceptableLatency: null,
  impliedTarget: null,
  policy: null,
  otherPolicies: 0,
  messages: 7200,
  duplicateDeliveryRate: 0,
  visibility: { configured: 30, covering: 130, expiring: 0.195, heartbeat: false },
};

/** An Auto Scaling group with a backlog-per-instance policy and an SLO: the shape of video-encoding-spike.yaml. */
const ASG: SweepBasis = {
  fleet: { kind: "asg", min: 10, max: 100, desired: 10 },
  workersPerInstance: 1,
  peakLoad: 67.08,
  peakFleet: 68,
  acceptableLatency: 600,
  impliedTarget: 4.4724,
  policy: { index: 0, target: 3 },
  otherPolicies: 0,
  messages: 3000,
  duplicateDeliveryRate: 0,
  visibility: { configured: 180, covering: 775, expiring: 0, heartbeat: true },
};

describe("suggestSweep: the values", () => {
  it("fleet sizes: S, ⌈1.25S⌉, ⌈1.5S⌉, 2S, topped up to four distinct whole numbers when S is small", () => {
    expect(fleetSizes(68)).toEqual([68, 85, 102, 136]);
    expect(fleetSizes(7)).toEqual([7, 9, 11, 14]); // 8.75 → 9, 10.5 → 11
    expect(fleetSizes(4)).toEqual([4, 5, 6, 8]);
    expect(fleetSizes(3)).toEqual([3, 4, 5, 6]); // 3.75 → 4, 4.5 → 5
    expect(fleetSizes(2)).toEqual([2, 3, 4, 5]); // 2.5 → 3 and 3 → 3 collapse: 5 tops it up
    expect(fleetSizes(1)).toEqual([1, 2, 3, 4]);
    expect(fleetSizes(0)).toEqual([1, 2, 3, 4]);
  });

  it("targets: ½×, 1×, 2× to two significant digits", () => {
    expect(targetValues(4.4724)).toEqual([2.2, 4.5, 8.9]); // 2.2362, 4.4724, 8.9448
    expect(targetValues(1234)).toEqual([620, 1200, 2500]); // 617, 1234, 2468
    expect(targetValues(0.004472)).toEqual([0.0022, 0.0045, 0.0089]);
    expect(targetValues(100)).toEqual([50, 100, 200]);
  });

  it("a fixed fleet with a short visibility timeout: fleet.instances around S, the timeout at its value and the covering one", () => {
    expect(suggestSweep(FIXED)).toEqual({
      vary: ["fleet.instances=4,5,6,8", "queue.visibilityTimeout=30s,130s"],
      replications: 5,
      slos: ["duplicateProcessing<=8"],
      reasons: [
        "fleet.instances (configured 5): the smallest stable fleet at the peak rate is 4 (â = 27.79 workers, 8 per instance): 4 to 8 instances",
        "queue.visibilityTimeout: the configured 30s is below the 130s that covers the processing tail (19.5% of receives outlive it): " +
          "both, with at most 8 messages processed twice as an objective (1 in 1,000 of the 7,200 expected)",
        "no slo.maxQueueWait: add one, or an --slo such as 'queueWait.p99<=60s', for the sweep to recommend a cell",
      ],
    });
  });

  it("an Auto Scaling group: fleet.max from S even above the configured max, the target around the implied one, the SLO", () => {
    expect(suggestSweep(ASG)).toEqual({
      vary: ["fleet.max=68,85,100,102,136", "fleet.policies.0.targetTracking.target=2.2,4.5,8.9"],
      replications: 5,
      slos: ["queueWait.p99<=10m"],
      reasons: [
        "fleet.max (configured 100): the smallest stable fleet at the peak rate is 68 (â = 67.08 workers, 1 per instance): 68 to 136 instances, " +
          "and the configured 100 as the baseline, min kept at 10",
        "fleet.policies.0.targetTracking.target (configured 3): the acceptable latency of 10m implies a backlog per instance of 4.472 " +
          "(aws-behaviour 6.17): half, once and twice that, 2.2, 4.5 and 8.9",
        "queue.visibilityTimeout is not varied: the configured 3m is below the 775s that covers the processing tail, but the heartbeat " +
          "extends it while a message is processed",
      ],
    });
    // A max below S is still swept from S: whether the group needs more is the question; the configured one is the baseline.
    expect(suggestSweep({ ...ASG, fleet: { kind: "asg", min: 1, max: 5, desired: 1 } })!.vary[0]).toBe("fleet.max=5,68,85,102,136");
    expect(suggestSweep({ ...ASG, fleet: { kind: "asg", min: 1, max: 85, desired: 1 } })!.vary[0]).toBe("fleet.max=68,85,102,136"); // already in
  });

  it("instance types are left to a sweep of their own, and the reason says how (two or more of them)", () => {
    const s = suggestSweep({ ...ASG, instanceTypes: ["m5.large", "c5.large"] })!;
    expect(s.vary.map((v) => v.split("=")[0])).toEqual(["fleet.max", "fleet.policies.0.targetTracking.target"]);
    expect(s.reasons).toContain(
      "instance types are not varied here (each needs its own fleet sizes): add --vary " +
        "fleet.instanceType=m5.large,c5.large with sizes that cover the Instance types section's stable fleets to compare them",
    );
    expect(suggestSweep({ ...ASG, instanceTypes: ["m5.large"] })!.reasons.some((r) => r.startsWith("instance types"))).toBe(false);
  });

  it("without an SLO the target goes around the configured one, and no queue-wait objective is made up", () => {
    const s = suggestSweep({ ...ASG, acceptableLatency: null, impliedTarget: null, policy: { index: 2, target: 2400 } })!;
    expect(s.vary[1]).toBe("fleet.policies.2.targetTracking.target=1200,2400,4800");
    expect(s.slos).toEqual([]);
    expect(s.reasons[1]).toBe(
      "fleet.policies.2.targetTracking.target (configured 2400): without slo.maxQueueWait there is no implied " +
        "target, so around the configured one: half, once and twice that, 1200, 2400 and 4800",
    );
  });

  it("an Auto Scaling group's max never goes below its min or desired capacity", () => {
    const small = { ...ASG, peakFleet: 3, policy: null };
    expect(suggestSweep({ ...small, fleet: { kind: "asg", min: 10, max: 100, desired: 10 } })!.vary).toEqual(["fleet.max=10,13,15,20,100"]);
    expect(suggestSweep({ ...small, fleet: { kind: "asg", min: 10, max: 100, desired: 12 } })!.vary).toEqual(["fleet.max=12,15,18,24,100"]);
    expect(suggestSweep({ ...small, fleet: { kind: "asg", min: 10, max: 100, desired: 10 } })!.reasons[0]).toBe(
      "fleet.max (configured 100): the smallest stable fleet at the peak rate is 3 (â = 67.08 workers, 1 per instance), " +
        "below the group's min (10): 10 to 20 instances, and the configured 100 as the baseline, min kept at 10",
    );
  });

  it("the grid stays at most 5 × 3 × 2 = 30 cells: further target-tracking policies stay as configured", () => {
    const s = suggestSweep({ ...ASG, otherPolicies: 1, visibility: { ...ASG.visibility, heartbeat: false } })!;
    expect(s.vary.map((v) => v.split("=")[0])).toEqual(["fleet.max", "fleet.policies.0.targetTracking.target", "queue.visibilityTimeout"]);
    expect(s.vary.reduce((n, v) => n * v.slice(v.indexOf("=") + 1).split(",").length, 1)).toBe(30);
    expect(s.slos).toEqual(["queueWait.p99<=10m", "duplicateProcessing<=3"]); // 3,000 messages ÷ 1,000
    expect(s.reasons[1]).toMatch(/; the other policy stays as configured$/);
  });

  it("messages processed twice: at most 1 in 1,000 (at least 1), plus the copies the queue itself leaves behind", () => {
    expect(suggestSweep({ ...FIXED, messages: 100 })!.slos).toEqual(["duplicateProcessing<=1"]);
    expect(suggestSweep({ ...FIXED, messages: 8000 })!.slos).toEqual(["duplicateProcessing<=8"]);
    // ⌈7,200 × (0.001 + 0.01)⌉ = ⌈79.2⌉ = 80
    const copies = suggestSweep({ ...FIXED, duplicateDeliveryRate: 0.01 })!;
    expect(copies.slos).toEqual(["duplicateProcessing<=80"]);
    expect(copies.reasons[1]).toMatch(
      /at most 80 messages processed twice as an objective \(1 in 1,000 of the 7,200 expected, plus the queue's 1% duplicate deliveries\)$/,
    );
  });

  it("nothing to suggest without traffic; no fleet dimension when the work per message is unbounded", () => {
    expect(suggestSweep({ ...FIXED, peakFleet: 0, peakLoad: 0 })).toBeNull();
    const unbounded = suggestSweep({ ...FIXED, peakFleet: null, peakLoad: null })!;
    expect(unbounded.vary).toEqual(["queue.visibilityTimeout=30s,130s"]);
    expect(unbounded.reasons[0]).toBe("fleet.instances (configured 5) is not varied: the work per message is unbounded, so no fleet is stable");
    // A timeout at or above the covering one, and no other dimension: nothing to vary.
    expect(suggestSweep({ ...FIXED, peakFleet: null, peakLoad: null, visibility: { ...FIXED.visibility, configured: 130 } })).toBeNull();
  });
});

describe("sweepBasis: read from the plan's own figures", () => {
  it("AWS's example: S = ⌊5 ÷ 1⌋ + 1 = 6 → max 6, 8, 9, 12 and the configured 20; target 10 s ÷ 0.1 s = 100 → 50, 100, 200; VT 30 s covers 100 ms", () => {
    const scenario = scenarioOf(AWS_EXAMPLE);
    const e = explainScenario(scenario);
    const basis = sweepBasis(planInputs(scenario), e.sections, e.phases[0]!);
    expect(basis.peakFleet).toBe(val(e, "whole", "stableFleet.peak"));
    expect(basis.peakFleet).toBe(6);
    expect(basis.impliedTarget).toBe(val(e, "target", "target.backlogPerInstance"));
    expect(basis.visibility).toEqual({ configured: 30, covering: val(e, "visibility", "visibility.recommended"), expiring: 0, heartbeat: false });
    expect(e.sweep).toEqual(suggestSweep(basis));
    expect(e.sweep).toMatchObject({
      vary: ["fleet.max=6,8,9,12,20", "fleet.policies.0.targetTracking.target=50,100,200"],
      replications: 5,
      slos: ["queueWait.p99<=10s"],
    });
  });

  it("only backlog-per-instance target tracking is varied: a target on raw visible messages is not a per-instance target", () => {
    const e = explainScenario(scenarioOf(AWS_EXAMPLE, ["fleet.policies.0.targetTracking.metric=approximateNumberOfMessagesVisible"]));
    expect(e.sweep!.vary).toEqual(["fleet.max=6,8,9,12,20"]);
  });

  it("no traffic: no suggestion", () => {
    expect(explainScenario(scenarioOf(AWS_EXAMPLE, ["producers.p.traffic=[{constant: 0}]"])).sweep).toBeNull();
  });
});

describe("the command", () => {
  it("quotes what a POSIX shell would read otherwise", () => {
    expect(shellQuote("fleet.instances=4,5,6,8")).toBe("fleet.instances=4,5,6,8");
    expect(shellQuote("duplicateProcessing==0")).toBe("duplicateProcessing==0");
    expect(shellQuote("queueWait.p99<=10m")).toBe("'queueWait.p99<=10m'");
    expect(shellQuote("my scenarios/it's.yaml")).toBe("'my scenarios/it'\\''s.yaml'");
    expect(shellQuote("")).toBe("''");
  });

  it("keeps explain's --set flags except those of a varied path, then the dimensions, -n and the SLOs", () => {
    const sweep = suggestSweep(FIXED)!;
    expect(sweepArguments("s.yaml", ["duration=10m", "fleet.instances = 3"], sweep)).toEqual([
      "sweep",
      "s.yaml",
      "--set",
      "duration=10m",
      "--vary",
      "fleet.instances=4,5,6,8",
      "--vary",
      "queue.visibilityTimeout=30s,130s",
      "-n",
      "5",
      "--slo",
      "duplicateProcessing<=8",
    ]);
    expect(sweepCommandLines("my s.yaml", ["duration=10m"], suggestSweep(ASG)!)).toEqual([
      "sqs-sim sweep 'my s.yaml' \\",
      "--set duration=10m \\",
      "--vary fleet.max=68,85,100,102,136 \\",
      "--vary fleet.policies.0.targetTracking.target=2.2,4.5,8.9 \\",
      "-n 5 --slo 'queueWait.p99<=10m'",
    ]);
  });
});

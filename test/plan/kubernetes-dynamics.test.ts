// explain's HPA dynamics for a Kubernetes pool (issue 16): the syncs the rate policies need to reach a phase's pods,
// computed with the model's own HpaStabilizer, and the time until those pods are ready.
import { describe, expect, it } from "vitest";
import { explainScenario } from "../../src/plan/explain.js";
import { findFigure } from "../../src/plan/explanation.js";
import { replicaRamp } from "../../src/plan/kubernetes-dynamics.js";
import { DEFAULT_HPA_BEHAVIOR } from "../../src/scaling/kubernetes/hpa.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";

describe("replicaRamp", () => {
  it("scales up by the larger of 100% and 4 pods a 15 s sync (9.5): 1 → 5 → 10 → 18 by 30 s", () => {
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 18, 1, 100)).toEqual({ path: [1, 5, 10, 18], seconds: 30 });
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 7, 7, 1, 100)).toEqual({ path: [7], seconds: 0 });
  });

  it("falls only when the last high recommendation leaves the 300 s window (9.4), then at once (100% a period)", () => {
    // The HPA recommended 18 until the sync before the fall; that one is 300 s old at 285 s.
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 18, 2, 1, 100)).toEqual({ path: [18, 2], seconds: 285 });
  });

  it("on CPU at 50% a sync can ask for at most twice the replicas, so 1 → 18 takes 60 s", () => {
    const ask = (current: number) => Math.ceil((current * 100) / 50);
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 18, 1, 100, ask)).toEqual({ path: [1, 2, 4, 8, 16, 18], seconds: 60 });
  });

  it("waits out a policy period longer than the sync period: 10 pods a 60 s, 1 → 11 → 21 by 60 s", () => {
    const slow = {
      ...DEFAULT_HPA_BEHAVIOR,
      scaleUp: { stabilizationWindowS: 0, policies: [{ type: "Pods" as const, value: 10, periodS: 60 }], selectPolicy: "Max" as const },
    };
    expect(replicaRamp(slow, 15, 1, 21, 1, 100)).toEqual({ path: [1, 11, 21], seconds: 60 });
  });

  it("never gets there with scale-up Disabled, and stays within max", () => {
    const disabled = { ...DEFAULT_HPA_BEHAVIOR, scaleUp: { ...DEFAULT_HPA_BEHAVIOR.scaleUp, selectPolicy: "Disabled" as const } };
    expect(replicaRamp(disabled, 15, 1, 18, 1, 100).seconds).toBeNull();
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 18, 1, 10)).toEqual({ path: [1, 5, 10], seconds: 15 });
  });
});

describe("explain for a Kubernetes pool: the HPA's dynamics", () => {
  it("gives each rising phase the syncs from the pods before it to its own, and when they are ready", () => {
    // 50 msg/s of 100 ms (5 single-worker pods), then a step of 150 to 200 msg/s (20 pods, 3 nodes of 8 against 1).
    const scenario = ScenarioSchema.parse({
      name: "k8s",
      duration: "30m",
      queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 50 }, { step: { at: "10m", rate: 150 } }] }],
      consumers: {
        platform: "kubernetes",
        processing: { constant: "100ms" },
        kubernetes: { pod: { startTime: "10s" }, nodes: { launchTime: "60s" }, keda: { minReplicaCount: 1 } },
      },
    });
    const e = explainScenario(scenario);
    const step = e.phases[2]!;
    expect(findFigure(step, "kubernetes.pods")!.value).toBe(20);
    const ramp = findFigure(step, "kubernetes.scaleUpTime")!;
    expect(ramp.value).toBe(15);
    expect(ramp.worked).toBe("5 → 10 → 20");
    // A sync to see it, the ramp, a pod's start and a node's launch: 15 + 15 + 10 + 60.
    expect(findFigure(step, "kubernetes.podsReadyAfter")!.value).toBe(100);
    // The first phase starts from the minimum, 1 replica, and needs 5: one sync, no new node.
    expect(findFigure(e.phases[1]!, "kubernetes.scaleUpTime")!.worked).toBe("1 → 5");
    expect(findFigure(e.phases[1]!, "kubernetes.podsReadyAfter")!.value).toBe(25);
    // The suggested sweep varies KEDA's queueLength and the maximum around the peak's 20 pods.
    expect(e.sweep!.vary).toEqual(["consumers.kubernetes.keda.queueLength=3,5,10", "consumers.kubernetes.keda.maxReplicaCount=20,40"]);
  });
});

/** Scale-ups after `fromS` in a run: their times and the replicas after each. */
function scaleUps(result: ReturnType<typeof simulate>, fromS: number): { at: number; to: number }[] {
  return result.activities
    .filter((a) => a.kind === "scaling" && a.timeS >= fromS && Number(a.after) > Number(a.before))
    .map((a) => ({ at: a.timeS, to: Number(a.after) }));
}

describe("explain's ramp against a run of the same scenario", () => {
  it("on CPU: the run steps as often and reaches the phase's replicas as late as explain says (within a step)", () => {
    // 1-worker pods starting in 30 s, 100 ms messages, 5 msg/s then 155; target 50%, at most 30 replicas.
    const scenario = ScenarioSchema.parse({
      name: "cpu",
      duration: "20m",
      queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 5 }, { step: { at: "5m", rate: 150 } }] }],
      consumers: {
        platform: "kubernetes",
        processing: { constant: "100ms" },
        kubernetes: { pod: { startTime: "30s" }, nodes: { podsPerNode: 50 }, hpa: { cpuUtilization: 50, maxReplicas: 30 } },
      },
    });
    const ramp = findFigure(explainScenario(scenario).phases[2]!, "kubernetes.scaleUpTime")!;
    // A step every ⌈(30 s start + 15 s window) ÷ 15 s⌉ syncs = 45 s, at most ×(0.1 ÷ 0.11) ÷ 0.5 ≈ 1.82 each.
    expect(ramp.formula).toContain("a step every 45.0 s");
    const ups = scaleUps(simulate(scenario), 300);
    const steps = ups.slice(1).map((u, i) => u.at - ups[i]!.at);
    expect(steps.every((d) => d === 45)).toBe(true);
    expect(ups.at(-1)!.to).toBe(30);
    expect(Math.abs(ups.at(-1)!.at - ups[0]!.at - ramp.value!)).toBeLessThanOrEqual(45);
  });

  it("with KEDA: a run, whose backlog asks for more than the phase needs, gets there no later than explain says", () => {
    const scenario = ScenarioSchema.parse({
      name: "k8s",
      duration: "20m",
      queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 50 }, { step: { at: "10m", rate: 150 } }] }],
      consumers: { platform: "kubernetes", processing: { constant: "100ms" }, kubernetes: { keda: { minReplicaCount: 1 } } },
    });
    const ramp = findFigure(explainScenario(scenario).phases[2]!, "kubernetes.scaleUpTime")!;
    const ups = scaleUps(simulate(scenario), 600);
    const reached = ups.find((u) => u.to >= 20)!;
    expect(reached.at - ups[0]!.at).toBeLessThanOrEqual(ramp.value!);
  });
});

describe("explain's warnings for a Kubernetes pool", () => {
  const base = (kubernetes: Record<string, unknown>) =>
    ScenarioSchema.parse({
      name: "k8s",
      duration: "10m",
      queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 50 }] }],
      consumers: { platform: "kubernetes", processing: { constant: "100ms" }, kubernetes },
    });

  it("says when the replicas cannot fit on the nodes, and ramps no further than they hold", () => {
    const e = explainScenario(base({ nodes: { max: 2, podsPerNode: 2 } }));
    expect(e.warnings.map((w) => w.id)).toEqual(["kubernetes-replicas-beyond-nodes"]);
    expect(e.warnings[0]!.message).toBe("keda.maxReplicaCount is 100 but nodes.max × podsPerNode = 2 × 2 hold 4 pods: replicas above 4 stay Pending");
    expect(findFigure(e.phases[0]!, "kubernetes.scaleUpTime")!.worked).toBe("1 → 4");
  });

  it("says when a CPU target is above what a busy pod reads, within the tolerance: the HPA never scales up", () => {
    // 100 ms messages one at a time and two 5 ms round trips: a busy pod reads at most 100 ÷ 110 ≈ 90.9%.
    const e = explainScenario(base({ hpa: { cpuUtilization: 85, maxReplicas: 20 } }));
    expect(e.warnings.map((w) => w.id)).toEqual(["kubernetes-cpu-target-unreachable"]);
    expect(e.warnings[0]!.message).toContain("set a target below 82%");
    expect(findFigure(e.phases[0]!, "kubernetes.scaleUpTime")!.value).toBeNull();
    expect(e.sweep!.vary[0]).toBe("consumers.kubernetes.hpa.cpuUtilization=50,70");
    expect(explainScenario(base({ hpa: { cpuUtilization: 80, maxReplicas: 20 } })).warnings).toEqual([]);
  });
});

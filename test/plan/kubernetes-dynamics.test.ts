// explain's HPA dynamics for a Kubernetes pool (issue 16): the syncs the rate policies need to reach a phase's pods,
// computed with the model's own HpaStabilizer, and the time until those pods are ready.
import { describe, expect, it } from "vitest";
import { explainScenario } from "../../src/plan/explain.js";
import { findFigure } from "../../src/plan/explanation.js";
import { replicaRamp } from "../../src/plan/kubernetes-dynamics.js";
import { DEFAULT_HPA_BEHAVIOR } from "../../src/scaling/kubernetes/hpa.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";

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

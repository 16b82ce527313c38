// explain's HPA dynamics for a Kubernetes pool (issue 16): the syncs the rate policies need to reach a phase's pods,
// computed with the model's own HpaStabilizer, and the time until those pods are ready.
import { describe, expect, it } from "vitest";
import { explainScenario } from "../../src/plan/explain.js";
import { findFigure } from "../../src/plan/explanation.js";
import { replicaRamp } from "../../src/plan/kubernetes-dynamics.js";
import { DEFAULT_HPA_BEHAVIOR } from "../../src/scaling/kubernetes/hpa.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";

// Pods start in 10 s on nodes with room for all (no launch), unless a test says otherwise.
const ROOMY = { podStartS: 10, nodeLaunchS: 60, podsPerNode: 1000, nodesAtStart: 1, maxNodes: 10 };
const BOUNDS = { min: 1, max: 100 };

describe("replicaRamp", () => {
  it("scales up by the larger of 100% and 4 pods a 15 s sync (9.5): 1 → 5 → 10 → 18 by 30 s", () => {
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 18, BOUNDS, ROOMY)).toEqual({
      path: [1, 5, 10, 18],
      stepTimes: [0, 15, 30],
      seconds: 30,
      readySeconds: 40,
    });
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 7, 7, BOUNDS, ROOMY)).toEqual({ path: [7], stepTimes: [], seconds: 0, readySeconds: 0 });
  });

  it("falls only when the last high recommendation leaves the 300 s window (9.4), then at once (100% a period)", () => {
    // The HPA recommended 18 until the sync before the fall; that one is 300 s old at 285 s.
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 18, 2, BOUNDS, ROOMY)).toMatchObject({ path: [18, 2], seconds: 285 });
  });

  it("waits out a policy period longer than the sync period: 10 pods a 60 s, 1 → 11 → 21 by 60 s", () => {
    const slow = {
      ...DEFAULT_HPA_BEHAVIOR,
      scaleUp: { stabilizationWindowS: 0, policies: [{ type: "Pods" as const, value: 10, periodS: 60 }], selectPolicy: "Max" as const },
    };
    expect(replicaRamp(slow, 15, 1, 21, BOUNDS, ROOMY)).toMatchObject({ path: [1, 11, 21], seconds: 60 });
    // However slow: one pod every 30 minutes still gets there, the 99th step 98 periods after the first.
    const slowest = { ...slow, scaleUp: { ...slow.scaleUp, policies: [{ type: "Pods" as const, value: 1, periodS: 1_800 }] } };
    expect(replicaRamp(slowest, 15, 1, 100, BOUNDS, ROOMY).seconds).toBe(98 * 1_800);
  });

  it("never gets there with scale-up Disabled, stays within max, and has the last pods wait for launched nodes", () => {
    const disabled = { ...DEFAULT_HPA_BEHAVIOR, scaleUp: { ...DEFAULT_HPA_BEHAVIOR.scaleUp, selectPolicy: "Disabled" as const } };
    expect(replicaRamp(disabled, 15, 1, 18, BOUNDS, ROOMY)).toMatchObject({ seconds: null, never: "scale-up disabled" });
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 18, { min: 1, max: 10 }, ROOMY)).toMatchObject({ path: [1, 5, 10], seconds: 15 });
    // 2 pods a node, one node up: the pods added at 0 s wait for a node launched then (60 s), those at 15 s for theirs.
    const tight = { ...ROOMY, podsPerNode: 2 };
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 10, BOUNDS, tight)).toMatchObject({ path: [1, 5, 10], seconds: 15, readySeconds: 85 });
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 1, 10, BOUNDS, { ...tight, maxNodes: 2 })).toMatchObject({
      readySeconds: null,
      never: "no room on the nodes",
    });
  });

  it("on CPU asks from the pods it counts: ready for a whole window, the others at 0% on a scale-up (9.15)", () => {
    // Busy pods read 90% against a 50% target: ×1.8 a step; new pods count 10 s start + 15 s window later, so the
    // next sync that sees them is 30 s on.
    const cpu = { readingPct: 90, targetPct: 50, tolerance: 0.1, windowS: 15 };
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 2, 30, BOUNDS, ROOMY, cpu)).toMatchObject({ path: [2, 4, 8, 15, 27, 30], seconds: 120 });
    // A reading within the tolerance of the target never scales.
    expect(replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, 2, 30, BOUNDS, ROOMY, { ...cpu, targetPct: 82 })).toMatchObject({
      seconds: null,
      never: "cpu within tolerance",
    });
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

/** The first run of scale-ups after `fromS` in a run (up to the next scale-down): their times, replicas before and after. */
function scaleUps(result: ReturnType<typeof simulate>, fromS: number): { at: number; from: number; to: number }[] {
  const after = result.activities.filter((a) => a.kind === "scaling" && a.timeS >= fromS);
  const first = after.findIndex((a) => Number(a.after) > Number(a.before));
  const rest = after.slice(first);
  const down = rest.findIndex((a) => Number(a.after) < Number(a.before));
  return (down < 0 ? rest : rest.slice(0, down)).map((a) => ({ at: a.timeS, from: Number(a.before), to: Number(a.after) }));
}

describe("explain's ramp against a run of the same scenario", () => {
  // 1-worker pods starting in 30 s, 100 ms messages, 5 msg/s then 155; at most `max` replicas.
  const cpuScenario = (target: number, max: number, nodes: Record<string, unknown> = { podsPerNode: 50 }) =>
    ScenarioSchema.parse({
      name: "cpu",
      duration: "25m",
      queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
      producers: [{ name: "p", traffic: [{ constant: 5 }, { step: { at: "5m", rate: 150 } }] }],
      consumers: {
        platform: "kubernetes",
        processing: { constant: "100ms" },
        kubernetes: { pod: { startTime: "30s" }, nodes, hpa: { cpuUtilization: target, maxReplicas: max } },
      },
    });

  it.each([
    [50, 30, 50, 0],
    [20, 60, 50, 0], // the rate policy binds: a step every sync while the unready pods still leave a ratio > 1
    [30, 60, 50, 0], // and once the recomputed ratio (unready at 0%, truncated) asks for less than the policy allows
    [50, 30, 2, 60], // each step's pods wait for nodes launched for them
  ])("on CPU, target %i, at most %i replicas, %i pods a node: the run takes the ramp's steps from the same start", (target, max, podsPerNode, launchS) => {
    const ups = scaleUps(simulate(cpuScenario(target, max, { podsPerNode, launchTime: `${launchS}s` })), 300);
    const from = ups[0]!.from;
    // The replicas 155 msg/s of 100 ms ask for at the target (15.5 busy workers); a busy pod reads 100 ÷ 110 → 90%.
    const to = Math.min(max, Math.ceil(15.5 / (target / 100)));
    const timing = { podStartS: 30, nodeLaunchS: launchS, podsPerNode, nodesAtStart: Math.ceil(from / podsPerNode), maxNodes: 50 };
    const ramp = replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, from, to, { min: 1, max }, timing, { readingPct: 90, targetPct: target, tolerance: 0.1, windowS: 15 });
    // The same steps at the same syncs (the run's first step is the ramp's 0 s), up to the last, where the ramp stops
    // at the replicas the load needs and the run's backlog, read as busy pods, may ask for more.
    const steps = ramp.stepTimes.length;
    expect(ups.slice(0, steps - 1).map((u) => u.to)).toEqual(ramp.path.slice(1, steps));
    expect(ups.slice(0, steps).map((u) => u.at - ups[0]!.at)).toEqual(ramp.stepTimes);
    expect(ups[steps - 1]!.to).toBeGreaterThanOrEqual(to);
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
    // And no sooner than the rate policies allow: asked for where it went at every sync, the ramp from the run's start
    // takes the run's own steps at the run's own syncs.
    const last = ups.at(-1)!.to;
    const policies = replicaRamp(DEFAULT_HPA_BEHAVIOR, 15, ups[0]!.from, last, BOUNDS, ROOMY);
    expect(ups.map((u) => u.to)).toEqual(policies.path.slice(1));
    expect(ups.map((u) => u.at - ups[0]!.at)).toEqual(policies.stepTimes);
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
    // 90.9% truncated to 90: 90 ÷ 82 = 1.098 is within the tolerance, 90 ÷ 81 = 1.11 is not.
    expect(e.warnings[0]!.message).toContain("set a target of at most 81%");
    expect(findFigure(e.phases[0]!, "kubernetes.scaleUpTime")!.value).toBeNull();
    expect(e.sweep!.vary[0]).toBe("consumers.kubernetes.hpa.cpuUtilization=50,70");
    expect(explainScenario(base({ hpa: { cpuUtilization: 80, maxReplicas: 20 } })).warnings).toEqual([]);
  });
});

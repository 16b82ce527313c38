// A Kubernetes pool end to end (issue 16): KEDA wakes it, the HPA scales it on the count, pods wait for nodes, the
// bill is the nodes', messages are conserved and runs are deterministic.
import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { scenarioNotes } from "../../../src/scenario/notes.js";
import { simulate } from "../../../src/sim/simulate.js";

function scenario(kubernetes: Record<string, unknown> = {}, rate = 50) {
  return ScenarioSchema.parse({
    name: "k8s",
    duration: "30m",
    queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
    producers: [{ name: "p", traffic: [{ constant: rate }] }],
    consumers: { platform: "kubernetes", processing: { constant: "100ms" }, kubernetes },
  });
}

describe("a Kubernetes pool", () => {
  it("is woken by KEDA, scaled by the HPA to about count ÷ queueLength, and keeps up", () => {
    // 50 msg/s of 100 ms keep 5 messages in flight: with queueLength 1 the count asks for about the busy workers.
    const result = simulate(scenario({ keda: { queueLength: 1 } }));
    const s = result.summary;
    const k = s.kubernetes!;
    expect(s.fleet.kind).toBe("kubernetes");
    expect(k.peakReplicas).toBeGreaterThanOrEqual(5);
    expect(k.scaleUpEvents).toBeGreaterThan(0);
    // Once the first 30 s of backlog is gone and the 5-minute scale-down window has passed, the replicas follow the
    // count: at least the 5 busy workers' pods, and at most the highest count of a window (in flight, a few visible)
    // — not the 100 the backlog asked for at first.
    const desired = result.series.values[result.series.columns.findIndex((c) => c.name === "desired_replicas")]!;
    expect(Math.max(...desired.slice(0, 5))).toBe(100);
    for (const d of desired.slice(15)) {
      expect(d).toBeGreaterThanOrEqual(5);
      expect(d).toBeLessThanOrEqual(15);
    }
    // The backlog before KEDA's first poll (30 s of arrivals) is worked off, and none is left at the end.
    expect(s.messages.remaining.visible).toBeLessThan(50);
    const m = s.messages;
    expect(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed).toBe(m.sent);
  });

  it("makes pods wait for a node's launch when the ready nodes are full, and bills the nodes", () => {
    // One ready node of 2 pods; a 60 s launch for more.
    const slow = simulate(scenario({ nodes: { podsPerNode: 2, min: 1, max: 20, launchTime: "60s", hourlyPrice: 0.36 } }, 200)).summary;
    const roomy = simulate(scenario({ nodes: { podsPerNode: 100, min: 1, max: 20, launchTime: "60s", hourlyPrice: 0.36 } }, 200)).summary;
    expect(slow.kubernetes!.peakNodes).toBeGreaterThan(1);
    expect(roomy.kubernetes!.peakNodes).toBe(1);
    expect(slow.latency.queueWait.p99).toBeGreaterThan(roomy.latency.queueWait.p99);
    expect(slow.cost.computeUsd).toBeCloseTo((slow.fleet.billedInstanceSeconds / 3600) * 0.36, 5);
    expect(roomy.cost.computeUsd).toBeCloseTo((1800 / 3600) * 0.36, 5);
  });

  it("names an unused fleet, and gives the same summary for the same seed", () => {
    const s = ScenarioSchema.parse({
      name: "k8s",
      duration: "10m",
      producers: [{ name: "p", traffic: [{ constant: 5 }] }],
      consumers: { platform: "kubernetes" },
      fleet: { kind: "fixed", instances: 4 },
    });
    expect(scenarioNotes(s)).toEqual(["fleet is not used: consumers.platform is kubernetes, whose pods run on consumers.kubernetes.nodes"]);
    // Replicas the nodes cannot hold are said, not refused.
    expect(scenarioNotes(scenario({ nodes: { max: 2, podsPerNode: 10 } }))).toEqual([
      "consumers.kubernetes: above 20 replicas (nodes.max × podsPerNode = 2 × 10 = 20) the pods stay Pending: the pool runs at most 20, not keda.maxReplicaCount (100)",
    ]);
    expect(scenarioNotes(scenario({ nodes: { max: 1, podsPerNode: 1 }, keda: { minReplicaCount: 3, maxReplicaCount: 5 } }))).toEqual([
      "consumers.kubernetes.keda.minReplicaCount (3) is above the pods the nodes can hold (nodes.max × podsPerNode = 1 × 1 = 1): 2 stay Pending all run",
    ]);
    const a = scenario({}, 30);
    expect(JSON.stringify(simulate(a).summary)).toBe(JSON.stringify(simulate(a).summary));
  });
});

describe("time to the first scale-out", () => {
  it("counts from the start of the sync period (or KEDA's polling interval) in which the count first asked for more", () => {
    // From 0 replicas KEDA's first poll, at 30 s, wakes the workload; the messages came within the interval before.
    expect(simulate({ ...scenario(), duration: 120 }).summary.fleet.timeToFirstScaleOutSeconds).toBe(30);
    // From 1 replica the HPA's first sync, at 15 s, sees the count and scales.
    const fromOne = simulate({ ...scenario({ keda: { minReplicaCount: 1, queueLength: 1 } }), duration: 120 }).summary;
    expect(fromOne.fleet.timeToFirstScaleOutSeconds).toBe(15);
  });
});

describe("explain for a Kubernetes pool", () => {
  it("gives workers, pods and nodes at the peak by Little's law, and what KEDA's count asks for", async () => {
    const { explainScenario } = await import("../../../src/plan/explain.js");
    const { findFigure } = await import("../../../src/plan/explanation.js");
    // 50 msg/s of 100 ms, batch 1: 5 busy workers, 5 pods of 1 worker, 1 node of 8; 5 in flight ÷ 5 = 1 replica.
    const e = explainScenario(scenario());
    expect(e.fleet).toEqual({ kind: "kubernetes", minInstances: 0, maxInstances: 100, workersPerInstance: 1 });
    const whole = e.phases[0]!;
    expect(findFigure(whole, "kubernetes.workers")!.value).toBe(5);
    expect(findFigure(whole, "kubernetes.pods")!.value).toBe(5);
    expect(findFigure(whole, "kubernetes.nodes")!.value).toBe(1);
    expect(findFigure(whole, "kubernetes.kedaAsks")!.value).toBe(1);
  });
});

describe("timeseries.csv and the report for a Kubernetes pool", () => {
  it("has the replicas, ready and pending pods and nodes per period, and the fleet chart draws them", async () => {
    const s = scenario({ keda: { queueLength: 1 }, nodes: { podsPerNode: 2, launchTime: "60s" } }, 100);
    const result = simulate(s);
    const col = (name: string) => result.series.values[result.series.columns.findIndex((c) => c.name === name)]!;
    expect(Math.max(...col("desired_replicas"))).toBe(result.summary.kubernetes!.peakReplicas);
    // The pods that exist are the desired ones and those still terminating.
    col("replicas").forEach((r, i) => expect(r).toBe(col("desired_replicas")[i]! + col("terminating_instances")[i]!));
    expect(Math.max(...col("nodes"))).toBe(result.summary.kubernetes!.peakNodes);
    expect(Math.max(...col("pending_pods"))).toBeGreaterThan(0);
    // Ready pods are the consumers' instances column.
    expect(col("ready_replicas")).toEqual(col("instances"));
    const { buildCharts } = await import("../../../src/report/charts/index.js");
    const { runData } = await import("../../../src/report/run-data.js");
    const fleet = buildCharts(runData(result, s, "{}")).find((c) => c.id === "fleet")!;
    expect(fleet.title).toBe("Pods and nodes");
    const labels = (fleet.config.data.datasets as { label: string }[]).map((d) => d.label);
    expect(labels.slice(0, 4)).toEqual(["desired replicas", "ready pods", "pending pods", "nodes"]);
  });

  it("counts the pods still finishing their batches after a scale-down in replicas, beside desired_replicas", () => {
    // 20 s jobs: a pod deleted when the load stops finishes its batch within the 30 s grace, seen at 10 s periods.
    const s = ScenarioSchema.parse({
      ...scenario({ keda: { queueLength: 1 } }, 1),
      producers: [{ name: "p", traffic: [{ constant: 1 }, { step: { at: "10m", rate: -1 } }] }],
      consumers: { platform: "kubernetes", processing: { constant: "20s" }, kubernetes: { keda: { queueLength: 1 } } },
      metrics: { period: "10s" },
    });
    const result = simulate(s);
    const col = (name: string) => result.series.values[result.series.columns.findIndex((c) => c.name === name)]!;
    col("replicas").forEach((r, i) => expect(r).toBe(col("desired_replicas")[i]! + col("terminating_instances")[i]!));
    expect(col("replicas").some((r, i) => r > col("desired_replicas")[i]!)).toBe(true);
  });

  it("names the platform in the report, not the EC2 fleet block it does not use", async () => {
    // The scenario keeps an Auto Scaling group (for --set consumers.platform=ec2); the Kubernetes run does not use it.
    const s = ScenarioSchema.parse({
      ...scenario(),
      fleet: { kind: "asg", min: 1, max: 4, policies: [{ targetTracking: { metric: "backlogPerInstance", target: 10 } }] },
    });
    const { runData } = await import("../../../src/report/run-data.js");
    const { reportMarkdown } = await import("../../../src/report/report-md.js");
    const run = runData(simulate({ ...s, duration: 60 }), s, "{}");
    expect(run.context.fleetKind).toBe("kubernetes");
    expect(run.context.policies).toEqual([]);
    expect(reportMarkdown(run, [])).toContain("with pods on Kubernetes nodes.");
  });
});

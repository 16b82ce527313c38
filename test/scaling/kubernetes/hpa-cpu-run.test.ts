// A Kubernetes pool scaled by a plain HPA on CPU instead of KEDA (issue 16, aws-behaviour 9.14-9.18): it reads the
// pods' utilisation (busy workers ÷ workers), scales out under load and back in only after the 300 s stabilisation,
// cannot see the backlog (one sync multiplies the replicas by at most 100 ÷ target), and its keys are checked in the
// file like every other.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { explainScenario } from "../../../src/plan/explain.js";
import { findFigure } from "../../../src/plan/explanation.js";
import { ScenarioSchema } from "../../../src/scenario/schema.js";
import { simulate } from "../../../src/sim/simulate.js";
import { errorsOf, parse, repoRoot, scenarioYaml, tempDir, writeFiles } from "../../scenario/helpers.js";

function scenario(kubernetes: Record<string, unknown>, traffic: unknown[] = [{ constant: 20 }], duration = "30m", seed = 1) {
  return ScenarioSchema.parse({
    name: "k8s-cpu",
    duration,
    seed,
    queue: { visibilityTimeout: "60s", receiveWaitTime: "20s" },
    producers: [{ name: "p", traffic }],
    consumers: { platform: "kubernetes", processing: { constant: "100ms" }, kubernetes },
  });
}

const column = (r: ReturnType<typeof simulate>, name: string) => {
  const i = r.series.columns.findIndex((c) => c.name === name);
  return i < 0 ? null : r.series.values[i]!;
};

describe("the HPA on CPU", () => {
  it("reads the utilisation as busy workers ÷ workers: 20 msg/s of 100 ms on 4 pods of 1 worker is 50%", () => {
    // A pool held at 4 pods (min = max), so the reading is the figure itself: λ × S ÷ workers = 2 ÷ 4.
    const r = simulate(scenario({ hpa: { cpuUtilization: 50, minReplicas: 4, maxReplicas: 4 } }, [{ constant: 20 }], "1h"));
    expect(r.summary.kubernetes!.autoscaler).toBe("hpa-cpu");
    expect(column(r, "keda_metric_msgs")).toBeNull();
    const cpu = column(r, "cpu_utilization_pct")!.slice(5); // past the pods' start
    const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    // Each reading is one 15 s window of Poisson arrivals (300 expected, sd √300 ≈ 17, so ±2.9 points at 50%) and
    // truncated to a whole percent (−0.5 on average); over 55 readings the mean's standard error is ≈ 0.4 points.
    expect(mean).toBeGreaterThan(50 - 0.5 - 4 * 0.4);
    expect(mean).toBeLessThan(50 - 0.5 + 4 * 0.4);
  });

  it("scales out under load and back in only after the 300 s scale-down stabilisation", () => {
    // 10 msg/s, then 60 msg/s from 5 m to 15 m, then 10 again: 1, 6 and 1 busy workers; target 50%.
    const load = [{ constant: 10 }, { spike: { at: "5m", peak: 50, hold: "10m" } }];
    const r = simulate(scenario({ hpa: { cpuUtilization: 50, maxReplicas: 50 } }, load, "40m"));
    const k = r.summary.kubernetes!;
    expect(k.scaleUpEvents).toBeGreaterThan(0);
    expect(k.scaleDownEvents).toBeGreaterThan(0);
    const scaling = r.activities.filter((a) => a.kind === "scaling" && a.source === "the HPA on CPU");
    // Under load it holds about 6 busy ÷ 50% = 12 pods; the light load after it needs 1 busy ÷ 50% = 2.
    expect(k.peakReplicas).toBeGreaterThanOrEqual(12);
    const backToLight = (activities: typeof scaling) => activities.find((a) => a.timeS > 900 && Number(a.after) <= 3)!;
    // The load ends at 900 s; the last high reading is at the latest sync before it (885 s), and the highest
    // recommendation of the last 300 s wins a scale-down (9.4): back to the light load's count no sooner than
    // 885 + 300 s, and within a few syncs of it.
    expect(backToLight(scaling).timeS).toBeGreaterThanOrEqual(885 + 300);
    expect(backToLight(scaling).timeS).toBeLessThanOrEqual(900 + 300 + 60);
    // Without the window it scales in at once.
    const quick = simulate(scenario({ hpa: { cpuUtilization: 50, maxReplicas: 50, behavior: { scaleDown: { stabilizationWindow: "0s" } } } }, load, "40m"));
    expect(backToLight(quick.activities.filter((a) => a.kind === "scaling")).timeS).toBeLessThan(900 + 60);
  });

  it("cannot see the backlog: a spike is caught up later than with KEDA (same pool, same seed)", () => {
    // 5 msg/s, then a 10-minute spike to 205 msg/s (20.5 busy workers). The same pods, nodes, sync period and rate
    // policies (here: none that bind), starting from the same 2 replicas; only the metric differs.
    const load = [{ constant: 5 }, { spike: { at: "5m", peak: 200, hold: "10m" } }];
    const fast = { scaleUp: { policies: [{ type: "Percent", value: 1000, period: "15s" }] } };
    const cpu = simulate(scenario({ hpa: { cpuUtilization: 50, minReplicas: 2, maxReplicas: 100, behavior: fast } }, load, "30m"));
    const keda = simulate(scenario({ keda: { queueLength: 5, minReplicaCount: 2, maxReplicaCount: 100 }, hpa: { behavior: fast } }, load, "30m"));
    // Utilisation saturates at 100%: one sync asks for at most 100 ÷ 50 = 2 × the ready pods, whatever the queue.
    const ups = cpu.activities.filter((x) => x.kind === "scaling" && x.source === "the HPA on CPU" && Number(x.after) > Number(x.before));
    expect(ups.length).toBeGreaterThan(2);
    for (const a of ups) {
      expect(Number(a.after)).toBeLessThanOrEqual(2 * Number(a.before));
    }
    // KEDA's count is the backlog itself: at least one of its syncs more than doubles the replicas.
    expect(keda.activities.some((x) => x.kind === "scaling" && x.source === "KEDA and the HPA" && Number(x.after) > 2 * Number(x.before))).toBe(true);
    // So the messages that arrive in the spike's first minutes wait longer with the HPA on CPU.
    expect(cpu.summary.latency.queueWait.max).toBeGreaterThan(keda.summary.latency.queueWait.max);
    expect(cpu.summary.latency.queueWait.p99).toBeGreaterThan(keda.summary.latency.queueWait.p99);
  });

  it("gives the same summary and series for the same seed", () => {
    const s = scenario({ hpa: { cpuUtilization: 70, maxReplicas: 30 } }, [{ constant: 30 }], "20m", 7);
    const a = simulate(s);
    const b = simulate(s);
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
    expect(JSON.stringify(a.series)).toBe(JSON.stringify(b.series));
  });

  it("writes the utilisation it read per period, and the fleet chart says the HPA scales on CPU", async () => {
    const s = scenario({ hpa: { cpuUtilization: 50, maxReplicas: 20 } }, [{ constant: 40 }], "15m");
    const r = simulate(s);
    expect(Math.max(...column(r, "cpu_utilization_pct")!)).toBeGreaterThan(50);
    expect(Math.max(...column(r, "desired_replicas")!)).toBe(r.summary.kubernetes!.peakReplicas);
    const { buildCharts } = await import("../../../src/report/charts/index.js");
    const { runData } = await import("../../../src/report/run-data.js");
    const fleet = buildCharts(runData(r, s, "{}")).find((c) => c.id === "fleet")!;
    expect(fleet.title).toBe("Pods and nodes");
    expect(fleet.howToRead).toContain("on the pods' CPU utilisation");
    expect(fleet.howToRead).not.toContain("KEDA");
    const labels = (fleet.config.data.datasets as { label: string }[]).map((d) => d.label);
    expect(labels.slice(0, 4)).toEqual(["desired replicas", "ready pods", "pending pods", "nodes"]);
    expect(labels.some((l) => l.startsWith("scale-up"))).toBe(true);
  });

  it("puts the pods the requests fit on a node: 2 cpu ÷ 500m = 4 pods a node", () => {
    const r = simulate(
      scenario(
        { pod: { cpu: "500m", memory: "256Mi" }, nodes: { cpu: 2, memory: "8Gi", min: 1 }, hpa: { cpuUtilization: 50, minReplicas: 10, maxReplicas: 10 } },
        [{ constant: 5 }],
        "10m",
      ),
    );
    expect(r.summary.kubernetes!.peakRunningPods).toBe(10);
    expect(r.summary.kubernetes!.peakNodes).toBe(3);
  });

  it("explain gives the replicas the target asks for at the mean rate, and the HPA's bounds", () => {
    // 50 msg/s of 100 ms: 5 busy workers; at 50% of 1 worker a pod: 10 replicas.
    const e = explainScenario(scenario({ hpa: { cpuUtilization: 50, minReplicas: 2, maxReplicas: 40 } }, [{ constant: 50 }]));
    expect(e.fleet).toEqual({ kind: "kubernetes", minInstances: 2, maxInstances: 40, workersPerInstance: 1 });
    const whole = e.phases[0]!;
    expect(findFigure(whole, "kubernetes.cpuAsks")!.value).toBe(10);
    expect(findFigure(whole, "kubernetes.kedaAsks")).toBeUndefined();
    expect(e.sections[0]!.title).toBe("Kubernetes: pods, nodes and the HPA on CPU");
  });
});

describe("the HPA on CPU in a scenario file", () => {
  const k8s = (lines: string) => `consumers:\n  platform: kubernetes\n  kubernetes:\n${lines}`;

  it("names the file and the field of each refusal", () => {
    expect(errorsOf(parse(scenarioYaml(k8s("    hpa: { cpuUtilization: 50 }"))))).toEqual([
      "scenarios/x.yaml: consumers.kubernetes.hpa.maxReplicas: required with hpa.cpuUtilization (the HPA's API requires maxReplicas)",
    ]);
    expect(errorsOf(parse(scenarioYaml(k8s("    keda: { queueLength: 5 }\n    hpa: { cpuUtilization: 50, maxReplicas: 10 }"))))).toEqual([
      "scenarios/x.yaml: consumers.kubernetes.keda: use either keda or hpa.cpuUtilization: one scales the pool on the queue's count, the other on CPU",
    ]);
    expect(errorsOf(parse(scenarioYaml(k8s("    pod: { memory: 512m }"))))).toEqual([
      'scenarios/x.yaml: consumers.kubernetes.pod.memory: "512m" is 512 thousandths of a byte to Kubernetes (m is milli); write 512Mi or 512M',
    ]);
  });

  it("sqs-sim validate exits 2 on one", () => {
    const dir = tempDir();
    writeFiles(dir, { "x.yaml": scenarioYaml(k8s("    hpa: { cpuUtilization: 50, minReplicas: 9, maxReplicas: 3 }")) });
    const file = path.join(dir, "x.yaml");
    const run = spawnSync(process.execPath, [path.join(repoRoot, "dist/src/cli/main.js"), "validate", file], { encoding: "utf8", timeout: 60_000 });
    expect([run.status, run.stderr]).toEqual([2, `${file}: consumers.kubernetes.hpa.minReplicas: 9 is above hpa.maxReplicas (3)\n`]);
  });
});

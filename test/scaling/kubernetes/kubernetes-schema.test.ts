// The `consumers.kubernetes` block (issue 16): its defaults are the model's (and the documentation's), a written
// behaviour overrides the default one key at a time, and bad values are refused naming the field.
import { describe, expect, it } from "vitest";
import { DEFAULT_HPA_BEHAVIOR, HPA_TOLERANCE } from "../../../src/scaling/kubernetes/hpa.js";
import { KEDA_DEFAULTS } from "../../../src/scaling/kubernetes/keda.js";
import { kubernetesSchema } from "../../../src/scenario/kubernetes-schema.js";
import { kubernetesSettings } from "../../../src/sim/kubernetes-settings.js";

describe("consumers.kubernetes", () => {
  it("a whole scenario's scenario.json (as run writes it) reads back as the same scenario, KEDA or CPU", async () => {
    const { ScenarioSchema } = await import("../../../src/scenario/schema.js");
    const { resolvedScenarioText } = await import("../../../src/scenario/output.js");
    for (const kubernetes of [{}, { hpa: { cpuUtilization: 60, maxReplicas: 9 }, pod: { cpu: "250m", memory: "256Mi" }, nodes: { cpu: 2, memory: "8Gi" } }]) {
      const scenario = ScenarioSchema.parse({
        name: "k",
        duration: "10m",
        producers: [{ name: "p", traffic: [{ constant: 5 }] }],
        consumers: { platform: "kubernetes", kubernetes },
      });
      const text = resolvedScenarioText(scenario);
      expect(resolvedScenarioText(ScenarioSchema.parse(JSON.parse(text)))).toBe(text);
    }
  });

  it("reads back as itself once its defaults are filled in (scenario.json is a valid scenario file), KEDA or CPU", () => {
    for (const written of [{}, { keda: { queueLength: 3 } }, { hpa: { cpuUtilization: 60, maxReplicas: 9 }, pod: { cpu: "500m" }, nodes: { cpu: 2 } }]) {
      const once = kubernetesSchema.parse(written);
      const again = kubernetesSchema.parse(JSON.parse(JSON.stringify(once)));
      expect(again).toEqual(once);
    }
    // A CPU-scaled pool has no KEDA block, and a KEDA pool none of the plain HPA's keys.
    const cpu = kubernetesSchema.parse({ hpa: { cpuUtilization: 60, maxReplicas: 9 } });
    expect(cpu.keda).toBeUndefined();
    expect(cpu.hpa).toMatchObject({ minReplicas: 1, cpuMetricWindow: 15 });
    const keda = kubernetesSchema.parse({});
    expect(keda.hpa.minReplicas).toBeUndefined();
    expect(keda.hpa.cpuMetricWindow).toBeUndefined();
  });

  it("defaults to KEDA's and the HPA's own defaults (9.3-9.13)", () => {
    const k = kubernetesSchema.parse({});
    const settings = kubernetesSettings(k);
    expect(settings.trigger).toEqual(KEDA_DEFAULTS.trigger);
    expect(settings.scaledObject).toEqual(KEDA_DEFAULTS.scaledObject);
    expect(settings.behavior).toEqual(DEFAULT_HPA_BEHAVIOR);
    expect(k.hpa.tolerance).toBe(HPA_TOLERANCE);
    expect(k.hpa.syncPeriod).toBe(15);
    expect(k.pod.terminationGracePeriod).toBe(30);
    expect(k.nodes).toMatchObject({ podsPerNode: 8, hourlyPrice: 0.096, min: 1, max: 50, consolidateAfter: 300 });
  });

  it("takes the issue's example as written, durations in seconds", () => {
    const k = kubernetesSchema.parse({
      pod: { startTime: { uniform: { min: "5s", max: "15s" } } },
      nodes: { podsPerNode: 8, launchTime: { uniform: { min: "45s", max: "90s" } }, hourlyPrice: 0.096, min: 1, max: 50, consolidateAfter: "5m" },
      keda: {
        queueLength: 5,
        activationQueueLength: 0,
        scaleOnInFlight: true,
        scaleOnDelayed: false,
        pollingInterval: "30s",
        cooldownPeriod: "300s",
        minReplicaCount: 0,
        maxReplicaCount: 100,
      },
      hpa: {
        syncPeriod: "15s",
        tolerance: 0.1,
        behavior: {
          scaleUp: {
            stabilizationWindow: "0s",
            policies: [
              { type: "Percent", value: 100, period: "15s" },
              { type: "Pods", value: 4, period: "15s" },
            ],
            selectPolicy: "Max",
          },
          scaleDown: { stabilizationWindow: "300s", policies: [{ type: "Percent", value: 100, period: "15s" }] },
        },
      },
    });
    expect(kubernetesSettings(k).behavior).toEqual(DEFAULT_HPA_BEHAVIOR);
    expect(k.nodes.consolidateAfter).toBe(300);
  });

  it("a written direction overrides the default one key at a time", () => {
    const k = kubernetesSchema.parse({ hpa: { behavior: { scaleDown: { stabilizationWindow: "60s" }, scaleUp: { selectPolicy: "Disabled" } } } });
    const b = kubernetesSettings(k).behavior;
    expect(b.scaleDown).toEqual({ ...DEFAULT_HPA_BEHAVIOR.scaleDown, stabilizationWindowS: 60 });
    expect(b.scaleUp).toEqual({ ...DEFAULT_HPA_BEHAVIOR.scaleUp, selectPolicy: "Disabled" });
  });

  it("refuses what Kubernetes and KEDA would, naming the field", () => {
    const issues = (v: unknown) => {
      const r = kubernetesSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ hpa: { behavior: { scaleUp: { policies: [{ type: "Pods", value: 4, period: "31m" }] } } } })[0]).toMatch(
      /^hpa\.behavior\.scaleUp\.policies\.0\.period: .* above the maximum of 30m/,
    );
    expect(issues({ nodes: { min: 5, max: 2 } })).toEqual(["nodes.min: 5 is above nodes.max (2)"]);
    expect(issues({ keda: { minReplicaCount: 10, maxReplicaCount: 5 } })).toEqual(["keda.minReplicaCount: 10 is above keda.maxReplicaCount (5)"]);
    expect(issues({ keda: { queueLength: 0 } })[0]).toMatch(/^keda\.queueLength: 0 is below the minimum of 1/);
    expect(issues({ hpa: { tolerance: 2 } })[0]).toMatch(/^hpa\.tolerance: /);
    expect(issues({ pod: { cpu: "500m" } })).toEqual([]);
  });
});

const issues = (v: unknown) => {
  const r = kubernetesSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("consumers.kubernetes with the HPA on CPU (9.14-9.17)", () => {
  it("takes cpuUtilization with maxReplicas; minReplicas defaults to 1 and the metric window to 15 s", () => {
    const k = kubernetesSchema.parse({ hpa: { cpuUtilization: 60, maxReplicas: 20 } });
    expect(kubernetesSettings(k).cpu).toEqual({ targetPct: 60, minReplicas: 1, maxReplicas: 20, metricWindowS: 15 });
    expect(kubernetesSettings(kubernetesSchema.parse({})).cpu).toBeNull();
  });

  it("refuses KEDA and a CPU target together, the plain HPA's keys without a CPU target, a missing maxReplicas and min above max", () => {
    expect(issues({ keda: { queueLength: 5 }, hpa: { cpuUtilization: 50, maxReplicas: 10 } })).toEqual([
      "keda: use either keda or hpa.cpuUtilization: one scales the pool on the queue's count, the other on CPU",
    ]);
    expect(issues({ hpa: { minReplicas: 2 } })).toEqual([
      "hpa.minReplicas: is set only with hpa.cpuUtilization: KEDA sets its HPA's bounds from keda.minReplicaCount and keda.maxReplicaCount",
    ]);
    expect(issues({ hpa: { maxReplicas: 2 } })).toEqual([
      "hpa.maxReplicas: is set only with hpa.cpuUtilization: KEDA sets its HPA's bounds from keda.minReplicaCount and keda.maxReplicaCount",
    ]);
    expect(issues({ hpa: { cpuMetricWindow: "30s" } })).toEqual([
      "hpa.cpuMetricWindow: is set only with hpa.cpuUtilization: KEDA's HPA reads the queue's count, not the pods' CPU",
    ]);
    expect(issues({ hpa: { cpuUtilization: 50 } })).toEqual(["hpa.maxReplicas: required with hpa.cpuUtilization (the HPA's API requires maxReplicas)"]);
    expect(issues({ hpa: { cpuUtilization: 50, minReplicas: 5, maxReplicas: 3 } })).toEqual(["hpa.minReplicas: 5 is above hpa.maxReplicas (3)"]);
    expect(issues({ hpa: { cpuUtilization: 50, minReplicas: 0, maxReplicas: 3 } })[0]).toMatch(/^hpa\.minReplicas: 0 is below the minimum of 1/);
    expect(issues({ hpa: { cpuUtilization: 101, maxReplicas: 3 } })[0]).toMatch(/^hpa\.cpuUtilization: 101 is above the maximum of 100/);
    expect(issues({ hpa: { cpuUtilization: 50, maxReplicas: 3, cpuMetricWindow: "0s" } })[0]).toMatch(/^hpa\.cpuMetricWindow: 0s is below the minimum of 1s/);
  });
});

describe("consumers.kubernetes: the pod's cpu and memory requests and the nodes' (9.18)", () => {
  it("fits as many pods in a node as both requests allow, when podsPerNode is not written", () => {
    const podsFit = (pod: object, nodes: object) => kubernetesSchema.parse({ pod, nodes }).nodes.podsPerNode;
    // cpu: 2 ÷ 0.5 = 4; memory: 8Gi ÷ 512Mi = 16: 4.
    expect(podsFit({ cpu: "500m", memory: "512Mi" }, { cpu: 2, memory: "8Gi" })).toBe(4);
    // memory decides: 3Gi ÷ 1Gi = 3 (cpu would allow 8).
    expect(podsFit({ cpu: "250m", memory: "1Gi" }, { cpu: "2", memory: "3Gi" })).toBe(3);
    // Only cpu written on both sides: 1930m ÷ 500m = 3 (floor).
    expect(podsFit({ cpu: "500m" }, { cpu: "1930m" })).toBe(3);
    // A pod's figure without the node's (or the other way round) decides nothing: 8.
    expect(podsFit({ cpu: "500m", memory: "512Mi" }, {})).toBe(8);
    expect(podsFit({}, { cpu: 4 })).toBe(8);
    // A written podsPerNode that fits stays.
    expect(podsFit({ cpu: "500m" }, { cpu: 2, podsPerNode: 3 })).toBe(3);
  });

  it("refuses a pod bigger than a node, a podsPerNode that does not fit, and bad quantities, naming the field", () => {
    expect(issues({ pod: { cpu: 3 }, nodes: { cpu: 2 } })).toEqual(["pod.cpu: 3 is more than a node's cpu (nodes.cpu: 2): the pod would never be scheduled"]);
    expect(issues({ pod: { memory: "2Gi" }, nodes: { memory: "1Gi" } })).toEqual([
      "pod.memory: 2Gi is more than a node's memory (nodes.memory: 1Gi): the pod would never be scheduled",
    ]);
    expect(issues({ pod: { cpu: "500m" }, nodes: { cpu: 2, podsPerNode: 8 } })).toEqual([
      "nodes.podsPerNode: 8 pods of 500m cpu do not fit in a node's 2 (at most 4)",
    ]);
    expect(issues({ pod: { memory: "512m" } })).toEqual(['pod.memory: "512m" is 512 thousandths of a byte to Kubernetes (m is milli); write 512Mi or 512M']);
    expect(issues({ nodes: { cpu: "two" } })).toEqual(['nodes.cpu: "two" is not a cpu quantity; use cores or millicores, such as "500m", "0.5", 1 or "2"']);
    expect(issues({ pod: { cpu: true } })).toEqual(['pod.cpu: expected a cpu quantity (cores or millicores, such as "500m", "0.5", 1 or "2"), got true']);
  });
});

// The `consumers.kubernetes` block (issue 16, aws-behaviour §9): the pods, the nodes they run on, the KEDA ScaledObject
// with its aws-sqs-queue trigger, and the HPA it drives, or instead a plain HPA on a CPU-utilisation target (9.14-9.17);
// the pod's cpu/memory requests and the nodes' allocatable decide the pods per node (9.18). The defaults are
// AWS-FACTS'/Kubernetes' own (9.3-9.18); sim/kubernetes-settings.ts turns the block into the model's settings, and a
// test holds these defaults to the model's (scaling/kubernetes).
import { z } from "zod";
import { aboutValue, duration, durationDistribution, integer, price, probability, strictObject } from "./fields.js";
import { cpuQuantity, memoryQuantity, millicores, showBytes, showMillicores } from "./kubernetes-quantity.js";

/** A rate policy's period: at most 1,800 s (9.5). */
const MAX_POLICY_PERIOD_S = 1_800;
/** A stabilisation window: at most one hour, as the HPA's API allows. */
const MAX_STABILIZATION_S = 3_600;

const policy = strictObject({
  type: z.enum(["Pods", "Percent"], { error: (iss) => aboutValue(iss.input, "is not a policy type; use Pods or Percent") }),
  value: integer({ min: 1 }),
  period: duration({ min: 1, max: MAX_POLICY_PERIOD_S }).describe("periodSeconds, 1-1,800 s (9.5)"),
});

export const hpaRulesSchema = strictObject({
  stabilizationWindow: duration({ max: MAX_STABILIZATION_S }).optional(),
  policies: z.array(policy).min(1).optional(),
  selectPolicy: z.enum(["Max", "Min", "Disabled"], { error: (iss) => aboutValue(iss.input, "is not a selectPolicy; use Max, Min or Disabled") }).default("Max"),
});

const hpa = strictObject({
  syncPeriod: duration({ min: 1 }).default(15).describe("How often the HPA reconciles (default 15 s, 9.3)"),
  tolerance: probability().default(0.1).describe("No scaling while the ratio is within this of 1 (default 0.1, 9.2)"),
  behavior: strictObject({ scaleUp: hpaRulesSchema.prefault({}), scaleDown: hpaRulesSchema.prefault({}) }).prefault({}),
  cpuUtilization: integer({ min: 1, max: 100 })
    .optional()
    .describe(
      "The HPA's CPU target (a Resource metric's averageUtilization, percent of the pod's cpu request; busy workers ÷ workers, 9.14): when written, the HPA scales the pool on CPU and KEDA is not used",
    ),
  minReplicas: integer({ min: 1 }).optional().describe("With cpuUtilization only: the HPA's minReplicas (default 1; a plain HPA cannot scale to 0, 9.17)"),
  maxReplicas: integer({ min: 1 }).optional().describe("With cpuUtilization only, and then required: the HPA's maxReplicas (9.17)"),
  cpuMetricWindow: duration({ min: 1 })
    .optional()
    .describe(
      "With cpuUtilization only: the window a pod's CPU usage is averaged over (default 15 s, metrics-server's --metric-resolution in its released manifest, 9.16)",
    ),
});

const keda = strictObject({
  queueLength: integer({ min: 1 }).default(5).describe("Messages per replica (default 5, 9.9)"),
  activationQueueLength: integer({ min: 0 }).default(0).describe("0 ↔ 1 only (default 0, 9.10)"),
  scaleOnInFlight: z.boolean().default(true).describe("Count in-flight messages (default true, 9.11)"),
  scaleOnDelayed: z.boolean().default(false).describe("Count delayed messages (default false, 9.11)"),
  pollingInterval: duration({ min: 1 }).default(30).describe("Default 30 s (9.13)"),
  cooldownPeriod: duration().default(300).describe("Before scaling to 0 (default 300 s, 9.13)"),
  minReplicaCount: integer({ min: 0 }).default(0),
  maxReplicaCount: integer({ min: 1 }).default(100),
});

/** Pods per node when nothing decides it (no cpu and memory figures, no podsPerNode). */
export const DEFAULT_PODS_PER_NODE = 8;
/** KEDA's ScaledObject and trigger as their defaults (9.9-9.13). */
export const KEDA_BLOCK_DEFAULTS = keda.parse({});
/** A plain HPA's minReplicas (9.17) and metrics-server's window (9.16) when not written. */
export const HPA_MIN_REPLICAS = 1;
export const CPU_METRIC_WINDOW_S = 15;
const MAX_PODS_PER_NODE = 1_000;

const nodes = strictObject({
  podsPerNode: integer({ min: 1, max: MAX_PODS_PER_NODE })
    .optional()
    .describe("Pods a node holds (default 8, or as many as the pod's cpu and memory requests fit in the node's, 9.18)"),
  cpu: cpuQuantity().optional().describe('A node\'s allocatable cpu, such as "2" or "1930m" (9.18)'),
  memory: memoryQuantity().optional().describe('A node\'s allocatable memory, such as "8Gi" (9.18)'),
  launchTime: durationDistribution()
    .prefault({ uniform: { min: "45s", max: "90s" } })
    .describe("Node provisioning (Karpenter or the Cluster Autoscaler, and the boot): a model default"),
  hourlyPrice: price(1_000, "a node-hour").default(0.096).describe("Default m5.large On-Demand, us-east-1 (10.7)"),
  min: integer({ min: 0 }).default(1),
  max: integer({ min: 1 }).default(50),
  consolidateAfter: duration().default(300).describe("An empty node is removed after this"),
});

const pod = strictObject({
  startTime: durationDistribution()
    .prefault({ uniform: { min: "5s", max: "15s" } })
    .describe("From a pod's placement on a node to its readiness: a model default"),
  terminationGracePeriod: duration().default(30).describe("A deleted pod's time to finish its batches (Kubernetes' default 30 s)"),
  cpu: cpuQuantity().optional().describe('The pod\'s cpu request, such as "500m" or 1 (9.18)'),
  memory: memoryQuantity().optional().describe('The pod\'s memory request, such as "512Mi" (9.18)'),
});

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What only the written file tells (a block's defaults hide whether it was written): KEDA and a CPU target are two
 * ways to scale one pool, and minReplicas, maxReplicas and cpuMetricWindow belong to the plain HPA on CPU (KEDA sets
 * its HPA's bounds itself, and its HPA reads no CPU).
 */
function writtenKeys(raw: unknown, ctx: z.RefinementCtx): unknown {
  if (!isMapping(raw)) return raw;
  const hpa = isMapping(raw.hpa) ? raw.hpa : {};
  const cpu = hpa.cpuUtilization !== undefined;
  if (cpu && raw.keda !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["keda"],
      message: "use either keda or hpa.cpuUtilization: one scales the pool on the queue's count, the other on CPU",
    });
  }
  const onlyWithCpu = {
    minReplicas: "KEDA sets its HPA's bounds from keda.minReplicaCount and keda.maxReplicaCount",
    maxReplicas: "KEDA sets its HPA's bounds from keda.minReplicaCount and keda.maxReplicaCount",
    cpuMetricWindow: "KEDA's HPA reads the queue's count, not the pods' CPU",
  };
  for (const [key, why] of Object.entries(onlyWithCpu)) {
    if (!cpu && hpa[key] !== undefined) ctx.addIssue({ code: "custom", path: ["hpa", key], message: `is set only with hpa.cpuUtilization: ${why}` });
  }
  return raw;
}

/** Pods per node: written, else what the pod's requests fit in a node's allocatable, else the default (9.18). */
function podsPerNode(k: {
  pod: { cpu?: number | undefined; memory?: number | undefined };
  nodes: { podsPerNode?: number | undefined; cpu?: number | undefined; memory?: number | undefined };
}): number {
  if (k.nodes.podsPerNode !== undefined) return k.nodes.podsPerNode;
  let fit = Infinity;
  if (k.pod.cpu !== undefined && k.nodes.cpu !== undefined) fit = Math.min(fit, Math.floor(millicores(k.nodes.cpu) / millicores(k.pod.cpu)));
  if (k.pod.memory !== undefined && k.nodes.memory !== undefined) fit = Math.min(fit, Math.floor(k.nodes.memory / k.pod.memory));
  return fit === Infinity ? DEFAULT_PODS_PER_NODE : Math.max(1, Math.min(MAX_PODS_PER_NODE, fit));
}

export const kubernetesSchema = z.preprocess(
  writtenKeys,
  strictObject({
    pod: pod.prefault({}),
    nodes: nodes.prefault({}),
    keda: keda.optional(),
    hpa: hpa.prefault({}),
  })
    .superRefine((k, ctx) => {
      if (k.nodes.min > k.nodes.max) ctx.addIssue({ code: "custom", path: ["nodes", "min"], message: `${k.nodes.min} is above nodes.max (${k.nodes.max})` });
      if (k.keda !== undefined && k.keda.minReplicaCount > k.keda.maxReplicaCount) {
        ctx.addIssue({
          code: "custom",
          path: ["keda", "minReplicaCount"],
          message: `${k.keda.minReplicaCount} is above keda.maxReplicaCount (${k.keda.maxReplicaCount})`,
        });
      }
      if (k.hpa.cpuUtilization !== undefined) {
        if (k.hpa.maxReplicas === undefined) {
          ctx.addIssue({ code: "custom", path: ["hpa", "maxReplicas"], message: "required with hpa.cpuUtilization (the HPA's API requires maxReplicas)" });
        } else if ((k.hpa.minReplicas ?? HPA_MIN_REPLICAS) > k.hpa.maxReplicas) {
          ctx.addIssue({ code: "custom", path: ["hpa", "minReplicas"], message: `${k.hpa.minReplicas} is above hpa.maxReplicas (${k.hpa.maxReplicas})` });
        }
      }
      fitOnNode(k, ctx);
    })
    // KEDA's block gets its defaults only when KEDA scales the pool, and the plain HPA's keys theirs only when the HPA
    // scales on CPU, so that the scenario as run (scenario.json, defaults filled in) reads back as the same scenario.
    .transform((k) => {
      const cpu = k.hpa.cpuUtilization !== undefined;
      // Keys in the schema's order, filled in or not, so that scenario.json read back writes the same text.
      const h = k.hpa;
      return {
        pod: k.pod,
        nodes: Object.assign({ podsPerNode: podsPerNode(k) }, k.nodes, { podsPerNode: podsPerNode(k) }),
        keda: cpu ? undefined : (k.keda ?? KEDA_BLOCK_DEFAULTS),
        hpa: cpu
          ? {
              syncPeriod: h.syncPeriod,
              tolerance: h.tolerance,
              behavior: h.behavior,
              cpuUtilization: h.cpuUtilization,
              minReplicas: h.minReplicas ?? HPA_MIN_REPLICAS,
              maxReplicas: h.maxReplicas,
              cpuMetricWindow: h.cpuMetricWindow ?? CPU_METRIC_WINDOW_S,
            }
          : h,
      };
    }),
);

/** A pod's request must fit in a node, and a written podsPerNode must fit the requests (the scheduler's rule, 9.18). */
function fitOnNode(
  k: {
    pod: { cpu?: number | undefined; memory?: number | undefined };
    nodes: { podsPerNode?: number | undefined; cpu?: number | undefined; memory?: number | undefined };
  },
  ctx: z.RefinementCtx,
): void {
  const resources = [
    {
      key: "cpu",
      pod: k.pod.cpu === undefined ? undefined : millicores(k.pod.cpu),
      node: k.nodes.cpu === undefined ? undefined : millicores(k.nodes.cpu),
      show: showMillicores,
    },
    { key: "memory", pod: k.pod.memory, node: k.nodes.memory, show: showBytes },
  ] as const;
  for (const r of resources) {
    if (r.pod === undefined || r.node === undefined) continue;
    if (r.pod > r.node) {
      ctx.addIssue({
        code: "custom",
        path: ["pod", r.key],
        message: `${r.show(r.pod)} is more than a node's ${r.key} (nodes.${r.key}: ${r.show(r.node)}): the pod would never be scheduled`,
      });
    } else if (k.nodes.podsPerNode !== undefined && k.nodes.podsPerNode * r.pod > r.node) {
      ctx.addIssue({
        code: "custom",
        path: ["nodes", "podsPerNode"],
        message: `${k.nodes.podsPerNode} pods of ${r.show(r.pod)} ${r.key} do not fit in a node's ${r.show(r.node)} (at most ${Math.floor(r.node / r.pod)})`,
      });
    }
  }
}

export type KubernetesConfig = z.output<typeof kubernetesSchema>;

/** KEDA's settings: the block's, or its defaults where the pool has none (the HPA scales it on CPU). */
export const kedaOf = (k: KubernetesConfig): z.output<typeof keda> => k.keda ?? KEDA_BLOCK_DEFAULTS;

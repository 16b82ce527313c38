// The `consumers.kubernetes` block (issue 16, aws-behaviour §9): the pods, the nodes they run on, the KEDA ScaledObject
// with its aws-sqs-queue trigger, and the HPA it drives. Not yet part of the scenario schema: the platform is wired in
// a later commit. The defaults are AWS-FACTS'/Kubernetes' own (9.3-9.13); sim/kubernetes-settings.ts turns the block
// into the model's settings, and a test holds these defaults to the model's (scaling/kubernetes).
import { z } from "zod";
import { aboutValue, duration, durationDistribution, integer, price, probability, strictObject } from "./fields.js";

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

const nodes = strictObject({
  podsPerNode: integer({ min: 1, max: 1_000 }).default(8),
  launchTime: durationDistribution()
    .prefault({ uniform: { min: "45s", max: "90s" } })
    .describe("Node provisioning (Karpenter or the Cluster Autoscaler, and the boot): a model default"),
  hourlyPrice: price(1_000, "a node-hour").default(0.096).describe("Default m5.large On-Demand, us-east-1 (10.7)"),
  min: integer({ min: 0 }).default(1),
  max: integer({ min: 1 }).default(50),
  consolidateAfter: duration().default(300).describe("An empty node is removed after this"),
});

export const kubernetesSchema = strictObject({
  pod: strictObject({
    startTime: durationDistribution()
      .prefault({ uniform: { min: "5s", max: "15s" } })
      .describe("From a pod's placement on a node to its readiness: a model default"),
    terminationGracePeriod: duration().default(30).describe("A deleted pod's time to finish its batches (Kubernetes' default 30 s)"),
  }).prefault({}),
  nodes: nodes.prefault({}),
  keda: keda.prefault({}),
  hpa: hpa.prefault({}),
}).superRefine((k, ctx) => {
  if (k.nodes.min > k.nodes.max) ctx.addIssue({ code: "custom", path: ["nodes", "min"], message: `${k.nodes.min} is above nodes.max (${k.nodes.max})` });
  if (k.keda.minReplicaCount > k.keda.maxReplicaCount) {
    ctx.addIssue({
      code: "custom",
      path: ["keda", "minReplicaCount"],
      message: `${k.keda.minReplicaCount} is above keda.maxReplicaCount (${k.keda.maxReplicaCount})`,
    });
  }
});

export type KubernetesConfig = z.output<typeof kubernetesSchema>;

// A Kubernetes pool's `consumers.kubernetes` block (scenario/kubernetes-schema.ts) as the model's settings: the HPA's
// behaviour over its defaults, KEDA's trigger and ScaledObject (aws-behaviour 9.3-9.13).
import { type z } from "zod";
import { DEFAULT_HPA_BEHAVIOR, type HpaBehavior, type HpaScalingRules } from "../scaling/kubernetes/hpa.js";
import { type KedaSqsTrigger, type ScaledObjectConfig } from "../scaling/kubernetes/keda.js";
import { CPU_METRIC_WINDOW_S, HPA_MIN_REPLICAS, type hpaRulesSchema, type KubernetesConfig, kedaOf } from "../scenario/kubernetes-schema.js";

/** One direction of the written behaviour over its default (a key left out keeps the default's, 9.4-9.5). */
function scalingRules(written: z.output<typeof hpaRulesSchema>, fallback: HpaScalingRules): HpaScalingRules {
  return {
    stabilizationWindowS: written.stabilizationWindow ?? fallback.stabilizationWindowS,
    policies: written.policies?.map((p) => ({ type: p.type, value: p.value, periodS: p.period })) ?? fallback.policies,
    selectPolicy: written.selectPolicy,
  };
}

/** A plain HPA on CPU utilisation (hpa.cpuUtilization written, 9.14-9.17). */
export interface HpaCpuSettings {
  targetPct: number;
  minReplicas: number;
  maxReplicas: number;
  metricWindowS: number;
}

/**
 * The model's settings from the block: the HPA's behaviour, KEDA's trigger and ScaledObject, and the CPU target when
 * the HPA scales on CPU instead of KEDA (null otherwise).
 */
export function kubernetesSettings(k: KubernetesConfig): {
  behavior: HpaBehavior;
  trigger: KedaSqsTrigger;
  scaledObject: ScaledObjectConfig;
  cpu: HpaCpuSettings | null;
} {
  const h = k.hpa;
  const keda = kedaOf(k);
  return {
    cpu:
      h.cpuUtilization === undefined
        ? null
        : // The schema requires maxReplicas with a CPU target.
          {
            targetPct: h.cpuUtilization,
            minReplicas: h.minReplicas ?? HPA_MIN_REPLICAS,
            maxReplicas: h.maxReplicas!,
            metricWindowS: h.cpuMetricWindow ?? CPU_METRIC_WINDOW_S,
          },
    behavior: {
      scaleUp: scalingRules(k.hpa.behavior.scaleUp, DEFAULT_HPA_BEHAVIOR.scaleUp),
      scaleDown: scalingRules(k.hpa.behavior.scaleDown, DEFAULT_HPA_BEHAVIOR.scaleDown),
    },
    trigger: {
      queueLength: keda.queueLength,
      activationQueueLength: keda.activationQueueLength,
      scaleOnInFlight: keda.scaleOnInFlight,
      scaleOnDelayed: keda.scaleOnDelayed,
    },
    scaledObject: {
      pollingIntervalS: keda.pollingInterval,
      cooldownPeriodS: keda.cooldownPeriod,
      minReplicaCount: keda.minReplicaCount,
      maxReplicaCount: keda.maxReplicaCount,
    },
  };
}

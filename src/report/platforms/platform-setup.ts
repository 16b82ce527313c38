// One line that says how a platform's consumers were set up, for the table of `sqs-sim compare-platforms`: the
// figures a reader needs to judge the comparison (sizes, limits, targets), and "defaults" where the scenario wrote no
// block for that platform, so that nobody mistakes a default for a choice.
import { formatDuration } from "../../engine/units.js";
import { HPA_MIN_REPLICAS, kedaOf, kubernetesSchema } from "../../scenario/kubernetes-schema.js";
import { lambdaSchema } from "../../scenario/lambda-schema.js";
import { isDefaultFleet, type Scenario } from "../../scenario/schema.js";
import { targetTrackingMetricName } from "../../scenario/fleet-schema.js";
import { type Platform } from "./platform-names.js";

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function platformSetup(platform: Platform, scenario: Scenario): string {
  const c = scenario.consumers;
  if (platform === "lambda") {
    const l = c.lambda ?? lambdaSchema.parse({});
    const limit =
      l.provisionedPollers !== undefined
        ? `provisioned pollers ${l.provisionedPollers.min}-${l.provisionedPollers.max}`
        : l.maximumConcurrency !== undefined
          ? `maximum concurrency ${l.maximumConcurrency}`
          : "no maximum concurrency";
    const reserved = l.reservedConcurrency === undefined ? "" : `, reserved concurrency ${l.reservedConcurrency}`;
    const window = l.maximumBatchingWindow > 0 ? `, window ${formatDuration(l.maximumBatchingWindow, "rounded")}` : "";
    const defaults = c.lambda === undefined ? " (defaults: the scenario has no consumers.lambda)" : "";
    return `Lambda, batch ${l.batchSize}${window}, ${limit}${reserved}, ${l.memory} MB, timeout ${formatDuration(l.timeout, "rounded")}${defaults}`;
  }
  const workers = plural(c.concurrency, "worker");
  if (platform === "kubernetes") {
    const k = c.kubernetes ?? kubernetesSchema.parse({});
    const cpu = k.hpa.cpuUtilization;
    const keda = kedaOf(k);
    const scaler =
      cpu !== undefined
        ? `the HPA on CPU at ${cpu}%, ${k.hpa.minReplicas ?? HPA_MIN_REPLICAS}-${k.hpa.maxReplicas} replicas`
        : `KEDA at ${keda.queueLength} messages a replica${keda.scaleOnInFlight ? " (in flight counted)" : ""}, ${keda.minReplicaCount}-${keda.maxReplicaCount} replicas`;
    const defaults = c.kubernetes === undefined ? " (defaults: the scenario has no consumers.kubernetes)" : "";
    return `Kubernetes, ${workers} a pod, ${scaler}, ${k.nodes.podsPerNode} pods a node on ${k.nodes.min}-${k.nodes.max} nodes at $${k.nodes.hourlyPrice}/h${defaults}`;
  }
  const f = scenario.fleet;
  const type = f.instanceType === undefined ? "" : ` (${f.instanceType})`;
  if (f.kind === "fixed") {
    const defaults = isDefaultFleet(f) ? " (the default: the scenario has no fleet)" : "";
    return `EC2, a fixed fleet of ${plural(f.instances, "instance")}${type} × ${workers}${defaults}`;
  }
  const policies = f.policies.map((p) =>
    "targetTracking" in p && p.targetTracking !== undefined
      ? `target tracking ${targetTrackingMetricName(p.targetTracking.metric)} at ${p.targetTracking.target}`
      : "stepScaling" in p
        ? "step scaling"
        : "simple scaling",
  );
  return `EC2 Auto Scaling group of ${f.min}-${f.max} instances${type} × ${workers}${policies.length > 0 ? `, ${policies.join(", ")}` : ", no scaling policy"}`;
}

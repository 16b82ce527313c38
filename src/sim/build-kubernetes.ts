// A Kubernetes pool (consumers.platform: kubernetes, aws-behaviour §9): the pool's workers run in pods on nodes
// (PodCluster), scaled by KEDA's aws-sqs-queue trigger and the HPA it creates (KedaScaler), or, with
// hpa.cpuUtilization, by a plain HPA on CPU (HpaCpuScaler).
import { type Consumer } from "../consumers/consumer.js";
import { type DistributionSpec, makeSampler } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { HpaCpuScaler } from "../scaling/kubernetes/hpa-cpu-scaler.js";
import { KedaScaler } from "../scaling/kubernetes/keda-scaler.js";
import { PodCluster } from "../scaling/kubernetes/pod-cluster.js";
import { millicores } from "../scenario/kubernetes-quantity.js";
import { kubernetesSchema } from "../scenario/kubernetes-schema.js";
import { type PoolResource } from "../scenario/resources.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { kubernetesSettings } from "./kubernetes-settings.js";
import { type BuiltKubernetesPool } from "./run-parts.js";

export function buildKubernetesPool(pool: PoolResource, consumer: Consumer, queue: ConsumerQueue, seed: number, kernel: Kernel): BuiltKubernetesPool {
  const k = pool.consumers.kubernetes ?? kubernetesSchema.parse({});
  const settings = kubernetesSettings(k);
  const stream = (part: string) => randomStream(seed, `${pool.streams.fleet}/${part}`);
  let cluster: PodCluster | null = null;
  const kinds = {
    nodeReady: kernel.register("node ready", (n, _a, now) => cluster!.onNodeReady(n, now)),
    podReady: kernel.register("pod ready", (i, _a, now) => cluster!.onPodReady(i, now)),
    podGraceEnd: kernel.register("pod grace end", (i, _a, now) => cluster!.onPodGraceEnd(i, now)),
    consolidate: kernel.register("node consolidation", (n, _a, now) => cluster!.onConsolidate(n, now)),
  };
  const so = settings.scaledObject;
  const cpu = settings.cpu;
  // KEDA's HPA takes its bounds from the ScaledObject; a plain HPA has its own (at least 1, 9.17).
  const bounds = cpu === null ? { min: so.minReplicaCount, max: so.maxReplicaCount } : { min: cpu.minReplicas, max: cpu.maxReplicas };
  cluster = new PodCluster(
    {
      name: pool.name,
      concurrency: pool.consumers.concurrency,
      podsPerNode: k.nodes.podsPerNode,
      podStartS: makeSampler(k.pod.startTime as DistributionSpec, stream("pod-start")),
      nodeLaunchS: makeSampler(k.nodes.launchTime as DistributionSpec, stream("node-launch")),
      nodeHourlyUsd: k.nodes.hourlyPrice,
      minNodes: k.nodes.min,
      maxNodes: k.nodes.max,
      consolidateAfterUs: secondsToUs(k.nodes.consolidateAfter),
      terminationGraceUs: secondsToUs(k.pod.terminationGracePeriod),
      minReplicas: bounds.min,
      maxReplicas: bounds.max,
      // A deployment starts at its minimum (one scaled to zero by KEDA is woken at its first poll with messages).
      initialReplicas: bounds.min,
      // The nodes the cluster keeps: its minimum, ready at the start.
      initialNodes: k.nodes.min,
    },
    consumer,
    kernel.events,
    kinds,
  );
  const common = { syncPeriodUs: secondsToUs(k.hpa.syncPeriod), tolerance: k.hpa.tolerance, behavior: settings.behavior };
  const scaler =
    cpu === null
      ? new KedaScaler({ trigger: settings.trigger, scaledObject: so, ...common }, queue, cluster, kernel, () => cluster!.nodeCount)
      : new HpaCpuScaler(
          {
            targetPct: cpu.targetPct,
            minReplicas: cpu.minReplicas,
            maxReplicas: cpu.maxReplicas,
            metricWindowUs: secondsToUs(cpu.metricWindowS),
            requestMilli: k.pod.cpu === undefined ? 1000 : millicores(k.pod.cpu),
            ...common,
          },
          cluster,
          consumer,
          kernel,
        );
  return { capacity: cluster, scaler, config: k };
}

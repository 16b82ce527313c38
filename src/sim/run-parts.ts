// The run's queues and pools as build-world makes them (their own file, so the builders that wire them together
// import them without importing build-world).
import { type RunLatency } from "./censor-remaining.js";
import { type RepeatRecorder } from "../metrics/repeat-recorder.js";
import { type Consumer } from "../consumers/consumer.js";
import { type Capacity } from "../scaling/capacity.js";
import { type Scaler } from "../scaling/scaler.js";
import { type PoolResource, type QueueResource } from "../scenario/resources.js";
import { type QueueConfig } from "../scenario/schema.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";
import { type GroupedProducer } from "../traffic/grouped-producer.js";
import { type Producer } from "../traffic/producer.js";
import { type BuiltQueue } from "./build-queue.js";
import { type OrderChecker } from "./order-checker.js";
import { type LambdaEsm } from "../consumers/lambda-esm.js";
import { type LambdaFunction } from "../consumers/lambda-function.js";
import { type LambdaConfig } from "../scenario/lambda-schema.js";
import { type EsmPollers } from "../scaling/lambda/esm-pollers.js";
import { type EsmScaler } from "../scaling/lambda/esm-scaler.js";
import { type HpaCpuScaler } from "../scaling/kubernetes/hpa-cpu-scaler.js";
import { type KedaScaler } from "../scaling/kubernetes/keda-scaler.js";
import { type PodCluster } from "../scaling/kubernetes/pod-cluster.js";
import { type KubernetesConfig } from "../scenario/kubernetes-schema.js";

/** A queue of the run, by name. */
export interface RunQueue {
  name: string;
  config: QueueConfig;
  /** Its settings in the scenario (its price among them). */
  resource: QueueResource;
  queue: ConsumerQueue;
  /** The same queue, by type: FIFO-only figures (deduplication, throttling, groups) come from here. */
  built: BuiltQueue;
  /** Present when its producers send message groups (always for FIFO): counts per-group order violations. */
  orderChecker: OrderChecker | null;
  /** Its latencies: send delay, queue wait, end to end (the SLO counts over queueWait). */
  latency: RunLatency;
  /** What the queue records send delays through; flushed into latency.sendDelay at the end of the run. */
  sendDelayRecorder: RepeatRecorder;
  /** The producers that send to it (filled as they are built). */
  producers: Producer[];
  groupedProducers: GroupedProducer[];
}

/** A consumer pool of the run: the consumer, the queue it reads, the capacity that runs it and its scalers. */
export interface RunPool {
  name: string;
  queue: RunQueue;
  consumer: Consumer;
  capacity: Capacity;
  scalers: Scaler[];
  /** The pool's settings in the scenario. */
  resource: PoolResource;
  /** A Lambda pool's function and mapping (consumers.platform: lambda). */
  lambda?: BuiltLambdaPool;
  /** A Kubernetes pool's pods, nodes and scaler (consumers.platform: kubernetes). */
  kubernetes?: BuiltKubernetesPool;
}

/** A Lambda pool's parts (consumers.platform: lambda), as build-lambda makes them. */
export interface BuiltLambdaPool {
  consumer: LambdaEsm;
  capacity: EsmPollers;
  scaler: EsmScaler;
  fn: LambdaFunction;
  config: LambdaConfig;
}

/** A Kubernetes pool's parts (consumers.platform: kubernetes), as build-kubernetes makes them. */
export interface BuiltKubernetesPool {
  capacity: PodCluster;
  /** KEDA and its HPA, or a plain HPA on CPU (hpa.cpuUtilization). */
  scaler: KedaScaler | HpaCpuScaler;
  config: KubernetesConfig;
}

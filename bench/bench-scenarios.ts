import { ScenarioSchema, type Scenario } from "../src/scenario/schema.js";
import { type Architecture, ArchitectureSchema } from "../src/scenario/architecture-schema.js";

/**
 * The throughput scenario: Poisson 2,000 msg/s, 250 single-worker instances, exponential processing with
 * mean 0.1 s, long polling, batch 1, two simulated hours (about 14.4 M messages).
 */
export function throughputScenario(hours = 2, variant: "fixed" | "asg" | "fifo" | "lambda" | "kubernetes" = "fixed"): Scenario {
  const fleet = variant === "asg" ? "asg" : "fixed";
  // The Lambda variant (issue 15): the same load through a function, one message per invocation (batch 1, no
  // window), its mapping scaling as AWS's does from 5; the account's 1,000 concurrency is far above the ~200 needed.
  const lambda = variant === "lambda";
  // The FIFO variant (issue 5): 1,000 message groups in high-throughput mode (3.11-3.12), since 2,000 receive calls
  // a second are far over one partition's 300; sends batched by 10.
  const fifo = variant === "fifo";
  // The Kubernetes variant (issue 16): the same single-worker consumers as pods, KEDA counting visible + in flight at
  // one message a replica (about the ~200 busy workers), 50 pods a node; from 1 replica on 1 node.
  const kubernetes = variant === "kubernetes";
  const worker = { concurrency: 1, batchSize: 1, processing: { exponential: { mean: "100ms" } } };
  return ScenarioSchema.parse({
    name: "bench-throughput",
    duration: `${hours}h`,
    queue: fifo
      ? { type: "fifo", receiveWaitTime: "20s", deduplicationScope: "messageGroup", throughputLimit: "perMessageGroupId", highThroughputPartitions: 16 }
      : { receiveWaitTime: "20s" },
    producers: [
      fifo
        ? { name: "load", traffic: [{ constant: 2000 }], arrivals: "poisson", batchSize: 10, messageGroups: { count: 1000 } }
        : { name: "load", traffic: [{ constant: 2000 }], arrivals: "poisson" },
    ],
    consumers: lambda
      ? { platform: "lambda", processing: { exponential: { mean: "100ms" } }, lambda: { batchSize: 1, timeout: "30s", coldStart: { constant: "0s" } } }
      : kubernetes
        ? {
            ...worker,
            platform: "kubernetes",
            kubernetes: { nodes: { podsPerNode: 50, min: 1, max: 20 }, keda: { queueLength: 1, minReplicaCount: 1, maxReplicaCount: 400 } },
          }
        : worker,
    // A Lambda or Kubernetes pool has no fleet.
    ...(lambda || kubernetes
      ? {}
      : {
          fleet:
            fleet === "fixed"
              ? { kind: "fixed", instances: 250 }
              : // The same load with an Auto Scaling group: target tracking on backlog per instance, starting at 250.
                { kind: "asg", min: 50, max: 400, desired: 250, policies: [{ targetTracking: { metric: "backlogPerInstance", target: 10 } }] },
        }),
  });
}

/** Consumers stopped: every message stays in the queue, to measure bytes per queued message. */
export function backlogScenario(messages: number): Scenario {
  const rate = 10_000;
  return ScenarioSchema.parse({
    name: "bench-backlog",
    duration: `${messages / rate}s`,
    queue: { retention: "14d" },
    producers: [{ name: "load", traffic: [{ constant: rate }], arrivals: "uniform", messageSize: "1KiB" }],
    fleet: { kind: "fixed", instances: 0 },
    metrics: { period: "1h" },
  });
}

/**
 * The throughput scenario fanned out (issue 14): the same 2,000 msg/s published to a standard topic subscribed by 3
 * queues, each drained as the single queue is (250 single-worker instances, exponential 0.1 s, long polling), so each
 * published message becomes 3 delivered ones.
 */
export function fanOutScenario(hours = 2): Architecture {
  const queues = ["a", "b", "c"];
  return ArchitectureSchema.parse({
    name: "bench-fan-out",
    duration: `${hours}h`,
    topics: [{ name: "load", subscriptions: queues.map((queue) => ({ queue })) }],
    producers: [{ name: "load", publish: "load", traffic: [{ constant: 2000 }], arrivals: "poisson" }],
    queues: queues.map((name) => ({ name, receiveWaitTime: "20s" })),
    consumers: queues.map((queue) => ({
      name: `${queue}-workers`,
      queue,
      concurrency: 1,
      batchSize: 1,
      processing: { exponential: { mean: "100ms" } },
      fleet: { kind: "fixed", instances: 250 },
    })),
  });
}

import { type ConsumerConfig, type QueueConfig, type Scenario } from "./schema.js";

/** A queue of the scenario, by name. */
export interface QueueResource {
  name: string;
  config: QueueConfig;
}

/** A consumer pool: the consumers that read one queue, and the fleet that runs them. */
export interface PoolResource {
  name: string;
  /** The name of the queue it reads. */
  queue: string;
  consumers: ConsumerConfig;
  fleet: Scenario["fleet"];
}

/** A producer and the queue it sends to. */
export interface ProducerResource {
  name: string;
  queue: string;
  config: Scenario["producers"][number];
}

/** What the simulation builds, each resource by name, whatever the format says it in. */
export interface ScenarioResources {
  queues: QueueResource[];
  pools: PoolResource[];
  producers: ProducerResource[];
}

/**
 * The single-queue format's resources: its queue (named by queue.name, else "queue", or "queue.fifo" for a FIFO
 * queue, as AWS requires of the name), one pool named "consumers" reading it on the scenario's fleet, and every
 * producer sending to it. The builders, the run and its figures go through these names, so that formats with several
 * queues and pools add entries here, not another path through the simulator.
 */
export function scenarioResources(scenario: Scenario): ScenarioResources {
  const q = scenario.queue;
  const queue = q.name ?? (q.type === "fifo" ? "queue.fifo" : "queue");
  return {
    queues: [{ name: queue, config: q }],
    pools: [{ name: "consumers", queue, consumers: scenario.consumers, fleet: scenario.fleet }],
    producers: scenario.producers.map((p) => ({ name: p.name, queue, config: p })),
  };
}

/** The resource called `name`, or an error naming what there is. */
export function resourceNamed<T extends { name: string }>(list: readonly T[], name: string, what: string): T {
  const found = list.find((r) => r.name === name);
  if (found === undefined) throw new RangeError(`no ${what} is named "${name}" (there are: ${list.map((r) => r.name).join(", ") || "none"})`);
  return found;
}

import { type ConsumerConfig, type QueueConfig, type Scenario } from "./schema.js";

/** A queue of the scenario, by name. */
export interface QueueResource {
  name: string;
  config: QueueConfig;
  /** What its random streams are named under ("queue" in the single-queue format): see streamPrefixes. */
  streams: string;
}

/** A consumer pool: the consumers that read one queue, and the fleet that runs them. */
export interface PoolResource {
  name: string;
  /** What its consumers' and its fleet's random streams are named under: see streamPrefixes. */
  streams: { consumers: string; fleet: string };
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
 * Random streams are named by the component that draws from them (engine/random.ts), under its resource's prefix.
 * The single-queue format's are the names they always had, so its figures stay; a format with several resources
 * names each under its kind and name (`queues/billing/duplicates`), so that adding a resource never changes the draws
 * of another (common random numbers across architectures).
 */
export const SINGLE_FORMAT_STREAMS = { queue: "queue", consumers: "consumers", fleet: "fleet" } as const;

/** The stream prefix of a named resource in a format with several: `queues/<name>`, `consumers/<name>`, `fleets/<name>`. */
export function namedStreams(kind: "queues" | "consumers" | "fleets", name: string): string {
  return `${kind}/${name}`;
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
    queues: [{ name: queue, config: q, streams: SINGLE_FORMAT_STREAMS.queue }],
    pools: [
      {
        name: "consumers",
        streams: { consumers: SINGLE_FORMAT_STREAMS.consumers, fleet: SINGLE_FORMAT_STREAMS.fleet },
        queue,
        consumers: scenario.consumers,
        fleet: scenario.fleet,
      },
    ],
    producers: scenario.producers.map((p) => ({ name: p.name, queue, config: p })),
  };
}

/** The resource called `name`, or an error naming what there is. */
export function resourceNamed<T extends { name: string }>(list: readonly T[], name: string, what: string): T {
  const found = list.find((r) => r.name === name);
  if (found === undefined) throw new RangeError(`no ${what} is named "${name}" (there are: ${list.map((r) => r.name).join(", ") || "none"})`);
  return found;
}

import { type DistributionSpec, scaleDistribution } from "../engine/distributions.js";
import { type Architecture, type AttributesConfig, type EmitConfig, type TopicConfig } from "./architecture-schema.js";
import { type ConsumerConfig, instanceTypeOf, type QueueConfig, type Scenario } from "./schema.js";

/** A queue of the scenario, by name. */
export interface QueueResource {
  name: string;
  config: QueueConfig;
  /** What its random streams are named under ("queue" in the single-queue format): see streamPrefixes. */
  streams: string;
  /** Its price per million billed requests: cost.sqsPerMillionRequestsUsd, else by its type (aws-behaviour 10.1). */
  sqsPerMillionRequestsUsd: number;
  /** SNS deliveries wait out its delay (13.15) and are billed to it as SendMessage calls (13.7): architectures only. */
  sns: { delayDeliveries: boolean; billDeliveries: boolean };
}

/** A consumer pool: the consumers that read one queue, and the fleet that runs them. */
export interface PoolResource {
  name: string;
  /** What its consumers' and its fleet's random streams are named under: see streamPrefixes. */
  streams: { consumers: string; fleet: string };
  /** The name of the queue it reads. */
  queue: string;
  /** Its consumers, on its fleet's instance type when it names one (its workers per instance and processing speed). */
  consumers: ConsumerConfig;
  fleet: Scenario["fleet"];
  /** The price of one of its instances an hour (its instance type's, else cost.instanceHourlyUsd). */
  hourlyUsd: number;
  /** What each success sends on (the architecture format's pipelines); none in the single-queue format. */
  emit: readonly EmitConfig[];
}

/** A producer and the queue it sends to or the topic it publishes to (one of the two is null). */
export interface ProducerResource {
  name: string;
  queue: string | null;
  topic: string | null;
  config: Scenario["producers"][number];
  /** The attributes it draws per message (for filter policies); absent when it sets none. */
  attributes?: AttributesConfig | undefined;
}

/** An SNS topic and the queues subscribed to it. */
export interface TopicResource {
  name: string;
  config: TopicConfig;
}

/** What the simulation builds, each resource by name, whatever the format says it in. */
export interface ScenarioResources {
  queues: QueueResource[];
  pools: PoolResource[];
  producers: ProducerResource[];
  topics: TopicResource[];
}

/** What a run reads of a scenario besides its resources: the same keys in both formats. */
export type RunSettings = Pick<Scenario, "name" | "description" | "duration" | "seed" | "cloudwatch" | "slo" | "metrics" | "limits">;

/** The list price of a queue's requests: standard $0.40, FIFO $0.50 per million, first tier (aws-behaviour 10.1). */
function sqsPrice(q: QueueConfig, written: number | undefined): number {
  return written ?? (q.type === "fifo" ? 0.5 : 0.4);
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
    queues: [
      {
        name: queue,
        config: q,
        streams: SINGLE_FORMAT_STREAMS.queue,
        sqsPerMillionRequestsUsd: scenario.cost.sqsPerMillionRequestsUsd,
        sns: { delayDeliveries: true, billDeliveries: false },
      },
    ],
    pools: [
      {
        name: "consumers",
        streams: { consumers: SINGLE_FORMAT_STREAMS.consumers, fleet: SINGLE_FORMAT_STREAMS.fleet },
        queue,
        // The schema already applied the instance type to the single format's consumers and price.
        consumers: scenario.consumers,
        fleet: scenario.fleet,
        hourlyUsd: scenario.cost.instanceHourlyUsd,
        emit: [],
      },
    ],
    producers: scenario.producers.map((p) => ({ name: p.name, queue, topic: null, config: p })),
    topics: [],
  };
}

/**
 * The architecture format's resources, each under its own name: queues, pools (on their instance types), producers
 * and topics. Random streams are named `queues/<name>`, `consumers/<name>` and `fleets/<name>`.
 */
export function architectureResources(a: Architecture): ScenarioResources {
  return {
    queues: a.queues.map((q) => ({
      name: q.name,
      config: q,
      streams: namedStreams("queues", q.name),
      sqsPerMillionRequestsUsd: sqsPrice(q, a.cost.sqsPerMillionRequestsUsd),
      sns: { delayDeliveries: q.delaySnsDeliveries, billDeliveries: q.billSnsDeliveries },
    })),
    pools: a.consumers.map((p) => {
      const { name, queue, fleet, emit, ...consumers } = p;
      // An instance type sets the price, the workers per instance and the processing speed (as in schema.ts).
      const type = instanceTypeOf(a.instanceTypes, fleet.instanceType);
      const onType: ConsumerConfig =
        type === undefined
          ? consumers
          : {
              ...consumers,
              concurrency: type.concurrency ?? consumers.concurrency,
              processing: scaleDistribution(consumers.processing as DistributionSpec, type.processingTimeFactor) as ConsumerConfig["processing"],
            };
      return {
        name,
        streams: { consumers: namedStreams("consumers", name), fleet: namedStreams("fleets", name) },
        queue,
        consumers: onType,
        fleet,
        hourlyUsd: type?.hourlyUsd ?? a.cost.instanceHourlyUsd,
        emit,
      };
    }),
    producers: a.producers.map(({ send, publish, attributes, ...config }) => ({
      name: config.name,
      queue: send ?? null,
      topic: publish ?? null,
      config,
      attributes,
    })),
    topics: a.topics.map((t) => ({ name: t.name, config: t })),
  };
}

/** The resources of a scenario in either format. */
export function resourcesOf(input: Scenario | Architecture): ScenarioResources {
  return "queues" in input ? architectureResources(input) : scenarioResources(input);
}

/** The resource called `name`, or an error naming what there is. */
export function resourceNamed<T extends { name: string }>(list: readonly T[], name: string, what: string): T {
  const found = list.find((r) => r.name === name);
  if (found === undefined) throw new RangeError(`no ${what} is named "${name}" (there are: ${list.map((r) => r.name).join(", ") || "none"})`);
  return found;
}

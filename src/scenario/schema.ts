// The scenario file format: the single source of truth for validation, defaults, TypeScript types and the JSON
// Schema. Input side: human units ("30s", "1MiB") or bare numbers; output side: seconds and bytes, with
// distributions and traffic shapes keeping their one-key shape, so a resolved scenario is itself a valid input.
// Limits cite aws-behaviour (§1 SQS, §10 prices).
import { z } from "zod";
import { formatDuration, formatSize } from "../engine/units.js";
import { dotted } from "./errors.js";
import { type DistributionSpec, scaleDistribution } from "../engine/distributions.js";
import { cloudwatchSchema, fleetSchema, sloSchema } from "./fleet-schema.js";
import { type KubernetesConfig, kedaOf, kubernetesSchema } from "./kubernetes-schema.js";
import { LAMBDA_BATCH_MAX, lambdaSchema } from "./lambda-schema.js";
import {
  aboutValue,
  boundedFactor,
  describeValue,
  duration,
  durationDistribution,
  integer,
  oneKeyObject,
  positive,
  price,
  probability,
  rate,
  size,
  sizeDistribution,
  strictObject,
} from "./fields.js";

const DAY = 86_400;
const HOUR = 3_600;

// ---- queue -------------------------------------------------------------------------------------------------------

const deadLetter = strictObject({
  maxReceiveCount: integer({ min: 1, max: 1000, authority: "SQS" }) // aws-behaviour 1.19 range, 1.18 default
    .default(10)
    .describe("Receives before a message moves to the dead-letter queue, 1–1000 (AWS default 10)"),
  // AWS's default for any queue, a DLQ included (aws-behaviour 1.3); AWS advises a DLQ retention longer than the
  // source's, because a standard DLQ counts it from the original send (1.22).
  retention: duration({ min: 60, max: 14 * DAY, authority: "SQS" })
    .prefault("4d")
    .describe("Dead-letter queue retention, 60s–14d (default 4d)"),
});

// Up to 80 characters in all, a FIFO queue's .fifo included (aws-behaviour 3.1).
export const QUEUE_NAME = /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/;

const queue = strictObject({
  type: z
    .enum(["standard", "fifo"], {
      error: (iss) => aboutValue(iss.input, "is not a queue type; use standard or fifo"),
    })
    .default("standard"),
  name: z
    .string()
    .refine((n) => QUEUE_NAME.test(n), {
      error: (iss) => `${describeValue(iss.input)} is not a queue name: 1–80 letters, digits, - and _, with .fifo at the end for a FIFO queue`,
    })
    .optional()
    .describe("Queue name; a FIFO queue's must end in .fifo (aws-behaviour 3.1)"),
  // FIFO only (aws-behaviour §3). Checked against the type below.
  contentBasedDeduplication: z
    .boolean()
    .default(false) // 3.7
    .describe("FIFO: deduplicate by the SHA-256 of the body when a send has no deduplication id"),
  deduplicationScope: z
    .enum(["queue", "messageGroup"])
    .default("queue") // 3.11
    .describe("FIFO: deduplication ids are unique per queue or per message group"),
  throughputLimit: z
    .enum(["perQueue", "perMessageGroupId"])
    .default("perQueue") // 3.11
    .describe("FIFO: perMessageGroupId with deduplicationScope messageGroup is high-throughput mode"),
  // 3.12: SQS adds partitions automatically as the request rate needs them. Absent = that (FifoThrottle's growth);
  // a number fixes the count, e.g. to ask what a queue that has not grown yet can take.
  highThroughputPartitions: integer({ min: 1, max: 10_000 })
    .optional()
    .describe(
      "FIFO high-throughput mode: a fixed count of partitions, each 300 calls/s per action (groups are spread by hash); absent = SQS adds partitions as the request rate needs them, starting from 8, up to highThroughputQuota",
    ),
  // 3.12 gives no rate at which partitions are added: 60 s per split (a partition at most doubles each time) is the
  // simulator's assumption, chosen slow rather than fast so that a plan does not count on capacity too early.
  highThroughputSplitTime: duration({ max: 3_600 })
    .prefault("60s")
    .describe(
      "FIFO high-throughput mode with automatic partitions: time from the second whose calls needed more partitions to the split (each partition at most splits in two), 0s–1h (default 60s; not documented by AWS)",
    ),
  highThroughputQuota: integer({ min: 1 })
    .default(70_000) // 3.13 (us-east-1, us-west-2, eu-west-1)
    .describe("FIFO high-throughput mode: the region's calls per second per action"),
  visibilityTimeout: duration({ max: 12 * HOUR, authority: "SQS" })
    .prefault("30s") // aws-behaviour 1.1
    .describe("Visibility timeout, 0–12h (default 30s)"),
  retention: duration({ min: 60, max: 14 * DAY, authority: "SQS" })
    .prefault("4d") // aws-behaviour 1.3
    .describe("Message retention period, 60s–14d (default 4d)"),
  delay: duration({ max: 900, authority: "SQS" })
    .prefault("0s") // aws-behaviour 1.5
    .describe("Queue delay, 0–15m (default 0s)"),
  receiveWaitTime: duration({ max: 20, authority: "SQS" })
    .prefault("0s") // aws-behaviour 1.8
    .describe("ReceiveMessageWaitTimeSeconds, 0–20s; 0 means short polling"),
  maxMessageSize: size({ min: 1024, max: 1_048_576, authority: "SQS" })
    .prefault("1MiB") // aws-behaviour 1.10
    .describe("Maximum message size, 1KiB–1MiB (default 1MiB; 256KiB before Aug 2025)"),
  apiLatency: duration({ max: 60 }).prefault("5ms").describe("Round trip of every SQS call"),
  duplicateDeliveryRate: probability()
    .default(0) // aws-behaviour 2.1
    .describe("Probability that a receive also delivers a duplicate copy (at-least-once delivery)"),
  // aws-behaviour 2.4-2.5: a short poll queries "a subset of servers chosen by weighted random distribution". AWS
  // documents neither how many servers nor the weights: these two are the simulator's model (StandardQueue's
  // sampleShortPoll). 128 servers make a 10-message receive most likely short below ~1,000 visible messages (2.5);
  // the weight 0.5 lets a lone message be found by about every second poll ("a later call will return them").
  shortPollServers: integer({ min: 1, max: 100_000 })
    .default(128)
    .describe(
      "Short polling: servers a standard queue's messages are spread over; a short poll queries one (1 = it sees every message). A model parameter: AWS does not document it",
    ),
  shortPollMessageWeight: probability()
    .default(0.5)
    .describe(
      "Short polling: probability that the queried server is drawn in proportion to the visible messages it holds, else uniformly. A model parameter: AWS does not document it",
    ),
  inFlightLimit: integer({ min: 1 })
    .default(120_000) // aws-behaviour 1.14
    .describe("In-flight message limit (standard queues: about 120,000)"),
  deadLetter: deadLetter.optional().describe("Redrive policy; absent means no dead-letter queue"),
});

// ---- producers and traffic ---------------------------------------------------------------------------------------

// A step may be negative (traffic drops at `at`); the simulator refuses a sum that would go below 0 (sim/preflight).
const step = strictObject({
  at: duration(),
  rate: z
    .number({ error: (iss) => aboutValue(iss.input, "is not a rate in messages per second") })
    .refine(Number.isFinite, { error: "must be a finite number of messages per second" }),
});
const spike = strictObject({
  at: duration(),
  peak: rate(),
  rise: duration().prefault("0s"),
  hold: duration().prefault("0s"),
  fall: duration().prefault("0s"),
});
const diurnal = strictObject({
  mean: rate(),
  amplitude: rate(),
  period: duration({ min: 0, minExclusive: true }).prefault("24h"),
  peakAt: duration().prefault("0s"),
}).superRefine((d, ctx) => {
  if (d.amplitude > d.mean) {
    ctx.addIssue({
      code: "custom",
      path: ["amplitude"],
      message: `amplitude ${d.amplitude} is above mean ${d.mean}: the rate would go negative`,
    });
  }
});
const trace = strictObject({
  file: z.string().min(1, { error: "the trace file path is empty" }).describe("CSV path, relative to the scenario file"),
  timeColumn: z.string().optional().describe("Header of the time column (default: the first column)"),
  countColumn: z.string().optional().describe("Header of the count column (default: the second column)"),
  scale: positive().default(1).describe("Multiplies every count"),
  loop: z.boolean().default(false).describe("Repeat the trace when it ends"),
});

/** A trace after loading: `series` is attached by the loader and is not part of the file format. */
export interface TraceSeries {
  /** Start of each interval, seconds from the first row. */
  startsS: number[];
  /** Messages per second over each interval (count × scale / interval length). */
  ratesPerS: number[];
  /** End of the last interval, seconds from the first row. */
  endS: number;
}
export type TraceTraffic = z.output<typeof trace> & { series?: TraceSeries };

export type TrafficShape =
  | { constant: number }
  | { step: z.output<typeof step> }
  | { spike: z.output<typeof spike> }
  | { diurnal: z.output<typeof diurnal> }
  | { trace: TraceTraffic };

const traffic = oneKeyObject(
  {
    constant: rate().optional(),
    step: step.optional(),
    spike: spike.optional(),
    diurnal: diurnal.optional(),
    trace: trace.optional(),
  },
  "a traffic entry",
).transform((t): TrafficShape => {
  if (t.constant !== undefined) return { constant: t.constant };
  if (t.step) return { step: t.step };
  if (t.spike) return { spike: t.spike };
  if (t.diurnal) return { diurnal: t.diurnal };
  if (t.trace) return { trace: t.trace };
  // Only reached when parsing already failed (zod still runs transforms after non-fatal issues such as an
  // unknown key); the value is discarded.
  return { constant: 0 };
});

const producer = strictObject({
  name: z.string().min(1, { error: "a producer name cannot be empty" }).max(80, { error: "is longer than 80 characters" }),
  traffic: z
    .array(traffic)
    .min(1, { error: "needs at least one traffic entry (e.g. - constant: 10)" })
    .describe("Rate shapes in messages per second; they add up"),
  arrivals: z
    .enum(["poisson", "uniform"], {
      error: (iss) => aboutValue(iss.input, "is not an arrival process; use poisson or uniform"),
    })
    .default("poisson"),
  batchSize: integer({ min: 1, max: 10, authority: "SQS", unit: ["entry per batch", "entries per batch"] })
    .default(1) // aws-behaviour 1.12
    .describe("Messages per SendMessageBatch, 1–10"),
  batchWindow: duration({ max: 60 }).prefault("200ms").describe("Longest wait to fill a batch"),
  messageSize: sizeDistribution().prefault("2KiB").describe("A size or a size distribution"),
  delay: duration({ max: 900, authority: "SQS" })
    .optional() // aws-behaviour 1.6 (per-message timer)
    .describe("Per-message delay, 0–15m; overrides the queue delay (standard queues only)"),
  messageGroups: strictObject({
    count: integer({ min: 1, max: 10_000_000 }),
    distribution: z
      .union([z.literal("uniform"), strictObject({ zipf: strictObject({ s: positive() }) })], {
        error: (iss) => aboutValue(iss.input, "is not a group distribution; use uniform or { zipf: { s: 1.1 } }"),
      })
      .default("uniform"),
  })
    .refine((g) => g.distribution === "uniform" || g.count <= 1_000_000, {
      error: "a Zipf distribution takes at most 1,000,000 groups (its table holds a weight per group)",
      path: ["count"],
    })
    .optional()
    .describe("MessageGroupId of each message: one of count groups (FIFO; default one group). Zipf makes a few groups hot"),
  duplicateSends: probability().default(0).describe("Probability that the producer sends a message again (a retry) within the deduplication interval"),
  duplicateSendDelay: duration({ max: 300 })
    .prefault("1s")
    .describe("How long after the first send a duplicate send comes, 0–5m; from 5m on a FIFO queue no longer drops it (3.6)"),
});

const producers = z
  .array(producer)
  .min(1, { error: "needs at least one producer" })
  .superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((p, i) => {
      const seen = first.get(p.name);
      if (seen === undefined) first.set(p.name, i);
      else {
        ctx.addIssue({
          code: "custom",
          path: [i, "name"],
          message: `duplicate producer name "${p.name}" (also producers.${seen}.name); names must be unique`,
        });
      }
    });
  });

// ---- consumers, fleet, cost, metrics -----------------------------------------------------------------------------

const consumers = strictObject({
  platform: z
    .enum(["ec2", "lambda", "kubernetes"], { error: (iss) => aboutValue(iss.input, "is not a consumer platform; use ec2, lambda or kubernetes") })
    .optional()
    .describe(
      "ec2 (when absent): workers on the fleet's instances; lambda: a function behind an SQS event source mapping (consumers.lambda); kubernetes: pods on nodes scaled by KEDA and the HPA (consumers.kubernetes)",
    ),
  lambda: lambdaSchema.optional().describe("The function and its event source mapping, for platform: lambda (aws-behaviour §8)"),
  kubernetes: kubernetesSchema.optional().describe("Pods, nodes, KEDA and the HPA, for platform: kubernetes (aws-behaviour §9)"),
  concurrency: integer({ min: 1, max: 1000 }).default(1).describe("Workers per instance"),
  batchSize: integer({ min: 1, max: 10, authority: "SQS", unit: ["message per receive", "messages per receive"] })
    .default(1) // aws-behaviour 1.9
    .describe("MaxNumberOfMessages per ReceiveMessage, 1–10"),
  waitTime: duration({ max: 20, authority: "SQS" })
    .optional() // aws-behaviour 1.8
    .describe("WaitTimeSeconds per receive, 0–20s; absent means the queue's receiveWaitTime"),
  processing: durationDistribution()
    .prefault({ exponential: { mean: "1s" } })
    .describe("Processing time per message"),
  failures: strictObject({
    transient: probability().default(0).describe("Probability that one processing attempt fails"),
    poison: probability().default(0).describe("Probability that a message always fails"),
  }).prefault({}),
  heartbeat: strictObject({
    every: duration({ min: 0, minExclusive: true }),
    extendBy: duration({ max: 12 * HOUR, authority: "SQS" }), // aws-behaviour 1.26
  })
    .optional()
    .describe("Extend visibility while processing (ChangeMessageVisibility)"),
});

// Price bounds: about a thousand times what AWS charges (m5.large $0.096 an hour, aws-behaviour 10.7; SQS $0.24-0.50
// per million requests, 10.1), so that a hypothetical price still fits, and no cost a run adds up overflows (1e308
// an hour made computeUsd Infinity, written as null).
const MAX_INSTANCE_HOURLY_USD = 1_000;
const MAX_SQS_PER_MILLION_USD = 1_000;
/** An instance type this much slower still has a finite processing time (1e300 s × 1e10 was Infinity). */
const MAX_PROCESSING_TIME_FACTOR = 1_000;

const cost = strictObject({
  instanceHourlyUsd: price(MAX_INSTANCE_HOURLY_USD, "an instance-hour").default(0.096), // aws-behaviour 10.7 (m5.large, us-east-1)
  // aws-behaviour 10.1: standard $0.40, FIFO $0.50 per million (first tier); the default follows queue.type.
  sqsPerMillionRequestsUsd: price(MAX_SQS_PER_MILLION_USD, "per million requests")
    .optional()
    .describe("Default 0.40 for a standard queue, 0.50 for FIFO (10.1)"),
});

/**
 * For a scenario resolved on an instance type (the transform below): the three fields as written before the type
 * replaced them. scenarioForOutput writes these back, so that scenario.json, read again, applies the type once and
 * resolves to the same scenario (a processing time scaled twice would be a different run).
 */
export const writtenBeforeInstanceType = new WeakMap<object, { concurrency: number; processing: unknown; instanceHourlyUsd: number }>();

// An instance type is what sets a fleet's price and power: its hourly price, the workers one instance runs and how
// fast it processes (a factor on the processing time, 1 as written in consumers.processing). Named in the scenario,
// so that `--vary fleet.instanceType=m5.large,c5.xlarge` sweeps the three together.
const INSTANCE_TYPE_NAME = /^[A-Za-z0-9._-]{1,40}$/;
// Names a plain object already has (Object.prototype's): as a type name they would be looked up on the prototype,
// and zod drops a "__proto__" key without a word, so they are refused by name.
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);
const reservedName = (name: string): string => `${describeValue(name)} cannot name an instance type (__proto__, constructor and prototype are reserved)`;

/** The fleet's instance type, looked up as the scenario's own key only. */
export function instanceTypeOf<T>(types: Readonly<Record<string, T>> | undefined, name: string | undefined): T | undefined {
  return types !== undefined && name !== undefined && Object.hasOwn(types, name) ? types[name] : undefined;
}

const instanceTypes = z
  .preprocess(
    (raw, ctx) => {
      // Checked before the record is built: its output has no "__proto__" key left to check.
      if (typeof raw === "object" && raw !== null && Object.hasOwn(raw, "__proto__")) {
        ctx.addIssue({ code: "custom", path: ["__proto__"], message: reservedName("__proto__"), input: raw });
      }
      return raw;
    },
    z
      .record(
        z.string(),
        strictObject({
          hourlyUsd: price(MAX_INSTANCE_HOURLY_USD, "an instance-hour").describe(
            "On-Demand price per instance-hour (aws-behaviour 10.7 lists m5.large at $0.096, c5.large at $0.085)",
          ),
          concurrency: integer({ min: 1, max: 1000 }).optional().describe("Workers per instance; absent keeps consumers.concurrency"),
          processingTimeFactor: boundedFactor(MAX_PROCESSING_TIME_FACTOR).default(1).describe("Processing time × this factor: 0.5 processes twice as fast"),
        }),
      )
      .superRefine((types, ctx) => {
        // Checked here rather than by the key's schema, whose own message zod replaces with "Invalid key in record".
        for (const name of Object.keys(types)) {
          if (RESERVED_NAMES.has(name)) ctx.addIssue({ code: "custom", path: [name], message: reservedName(name) });
          else if (!INSTANCE_TYPE_NAME.test(name)) {
            ctx.addIssue({ code: "custom", path: [name], message: `${describeValue(name)} is not an instance type name: use 1–40 letters, digits, -, _ or .` });
          }
        }
      }),
  )
  .describe("Instance types a fleet may name in fleet.instanceType");

const metrics = strictObject({
  period: duration({ min: 1, max: DAY }).prefault("60s").describe("Length of one metrics period, 1s–1d"),
});

// Checked before a run from the scenario's own figures (sim/preflight), so that validate, explain and a sweep's plan
// refuse what run would; maxEvents and maxStoredMessages also stop a run that exceeds them after all.
const limits = strictObject({
  maxEvents: integer({ min: 1 })
    .default(2_000_000_000)
    .describe("Refuse a run estimated to process more events (arrivals, receives, empty polls, heartbeats, periods, …), and stop one that does"),
  maxStoredMessages: integer({ min: 1 })
    .default(100_000_000)
    .describe("Refuse a run that would hold more messages at once, and stop one that does (each costs about 56 bytes; 64 at most)"),
  // An alarm that flips every period can log hundreds of thousands of transitions, each held until the report is
  // written; bounds from the policies alone are loose (a year of two alarms: a million), so the log is capped instead.
  maxActivities: integer({ min: 1 })
    .default(100_000)
    .describe("Stop a run whose alarm transitions and scaling activities (activities.csv rows) exceed this; real runs log hundreds to thousands"),
  // Node's heap is about 4 GB on a 64-bit machine with 16 GB or more; the shipped scenarios need under 300 MB.
  maxMemory: size({ min: 1 })
    .prefault("4GiB")
    .describe(
      "Refuse a run estimated to need more memory (workers, instances, stored messages, the per-period series, message groups, …); raise it on a machine that has more",
    ),
});

// ---- scenario ----------------------------------------------------------------------------------------------------

export const NAME = /^[A-Za-z0-9._-]{1,80}$/;

export const ScenarioSchema = strictObject({
  $schema: z.string().optional().describe("JSON Schema reference for editors; ignored"),
  name: z
    .string()
    .refine((n) => NAME.test(n) && n !== "." && n !== "..", {
      error: (iss) => `${describeValue(iss.input)} is not a valid name: use 1–80 letters, digits, -, _ or . (it names the output directory)`,
    })
    .meta({ pattern: NAME.source, description: "Scenario name; names the output directory" }),
  description: z.string().optional(),
  duration: duration({ min: 0, minExclusive: true, max: 366 * DAY }).describe("Simulated time, up to 366d"),
  // Only the reports use it: charts label time by the clock instead of "minutes from the start".
  startTime: z.iso
    .datetime({ offset: true, error: (iss) => `${describeValue(iss.input)} is not an ISO 8601 date-time; write e.g. 2026-11-20T09:00:00Z` })
    .optional()
    .describe("Wall-clock time the run starts at (ISO 8601 with zone, e.g. 2026-11-20T09:00:00Z); charts then show clock time"),
  seed: integer({ min: 0 }).default(1),
  queue: queue.prefault({}),
  producers,
  consumers: consumers.prefault({}),
  fleet: fleetSchema.prefault({}),
  cloudwatch: cloudwatchSchema.prefault({}),
  slo: sloSchema.optional().describe("Service level objective: messages waiting longer count as misses"),
  cost: cost.prefault({}),
  instanceTypes: instanceTypes.optional(),
  metrics: metrics.prefault({}),
  limits: limits.prefault({}),
})
  .superRefine((s, ctx) => {
    // Defensive reads: zod runs this after non-fatal issues elsewhere (e.g. an unknown key), when parts may be unset.
    const producersOfQueue: ProducerAt[] = (Array.isArray(s.producers) ? s.producers : []).map((producer, index) => ({ producer, index }));
    // In this order, as problems are listed: the fleet's alarms, the queue's FIFO rules, the instance type, sizes.
    if (s.fleet !== undefined) alarmPeriodRule(s.fleet, s.cloudwatch?.period, ["fleet"], ctx);
    if (s.queue !== undefined) fifoRules(s.queue, producersOfQueue, ["queue"], ctx);
    if (s.fleet !== undefined) instanceTypeRule(s.fleet, s.instanceTypes, ["fleet"], ctx);
    if (s.queue !== undefined) messageSizeRule(s.queue, producersOfQueue, ["queue"], ctx);
    if (s.consumers !== undefined) lambdaRules(s.consumers, s.queue === undefined ? undefined : { ...s.queue, field: "queue" }, ["consumers"], ctx);
  })
  .transform((s) => {
    // The list price follows the queue type (aws-behaviour 10.1: standard $0.40, FIFO $0.50 per million, first tier).
    const sqsPerMillionRequestsUsd = s.cost.sqsPerMillionRequestsUsd ?? (s.queue.type === "fifo" ? 0.5 : 0.4);
    const resolved = { ...s, cost: { ...s.cost, sqsPerMillionRequestsUsd } };
    // The fleet's instance type replaces the price, the workers per instance and the processing speed, so that
    // everything downstream (the run, explain, the report) sees one consistent fleet.
    const type = instanceTypeOf(s.instanceTypes, s.fleet.instanceType);
    if (type === undefined) return resolved;
    const onType = {
      ...resolved,
      cost: { ...resolved.cost, instanceHourlyUsd: type.hourlyUsd },
      consumers: {
        ...s.consumers,
        concurrency: type.concurrency ?? s.consumers.concurrency,
        processing: scaleDistribution(s.consumers.processing as DistributionSpec, type.processingTimeFactor) as typeof s.consumers.processing,
      },
    };
    writtenBeforeInstanceType.set(onType, {
      concurrency: s.consumers.concurrency,
      processing: s.consumers.processing,
      instanceHourlyUsd: s.cost.instanceHourlyUsd,
    });
    return onType;
  });

/** A producer of the scenario and its place in `producers` (for error paths). */
export interface ProducerAt {
  producer: z.output<typeof producers>[number] | undefined;
  index: number;
}

export type Path = (string | number)[];

/** A fleet's alarm periods are multiples of cloudwatch.period (alarms aggregate whole base periods, aws-behaviour 6.6, 7.1). */
export function alarmPeriodRule(fleet: z.output<typeof fleetSchema>, basePeriod: number | undefined, at: Path, ctx: z.RefinementCtx): void {
  if (fleet.kind === "asg" && typeof basePeriod === "number") {
    fleet.policies.forEach((p, i) => {
      const alarm = "stepScaling" in p ? p.stepScaling.alarm : "simpleScaling" in p ? p.simpleScaling.alarm : undefined;
      const key = "stepScaling" in p ? "stepScaling" : "simpleScaling";
      if (alarm && alarm.period % basePeriod !== 0) {
        ctx.addIssue({
          code: "custom",
          path: [...at, "policies", i, key, "alarm", "period"],
          message: `${alarm.period} s is not a multiple of cloudwatch.period (${basePeriod} s)`,
        });
      }
    });
  }
}

/** A fleet's instance type is one the scenario defines (looked up as its own key). */
export function instanceTypeRule(
  fleet: z.output<typeof fleetSchema>,
  types: Readonly<Record<string, unknown>> | undefined,
  at: Path,
  ctx: z.RefinementCtx,
): void {
  const typeName = fleet.instanceType;
  if (typeName !== undefined && instanceTypeOf(types, typeName) === undefined) {
    const known = Object.keys(types ?? {});
    ctx.addIssue({
      code: "custom",
      path: [...at, "instanceType"],
      message:
        `${describeValue(typeName)} is not in instanceTypes` + (known.length === 0 ? " (the scenario defines none)" : `; use one of ${known.join(", ")}`),
    });
  }
}

/** A constant size above the queue's maximum would make SQS refuse every send of its producers (aws-behaviour 1.10). */
export function messageSizeRule(q: z.output<typeof queue>, senders: readonly ProducerAt[], at: Path, ctx: z.RefinementCtx): void {
  const max = q.maxMessageSize;
  if (typeof max !== "number") return;
  for (const { producer, index } of senders) {
    const size: unknown = producer?.messageSize;
    const bytes = typeof size === "number" ? size : typeof size === "object" && size !== null && "constant" in size ? size.constant : undefined;
    if (typeof bytes === "number" && bytes > max) {
      ctx.addIssue({
        code: "custom",
        path: ["producers", index, "messageSize"],
        message: `${formatSize(bytes)} is above ${dotted(at)}.maxMessageSize (${formatSize(max)}): SQS would refuse every message`,
      });
    }
  }
}

/** Cross-field rules of one queue about FIFO (aws-behaviour §3), with the producers that send to it; `at` is its path. */
export function fifoRules(q: z.output<typeof queue>, senders: readonly ProducerAt[], at: Path, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string): void => ctx.addIssue({ code: "custom", path, message });
  const field = dotted(at);
  if (q.type === "fifo") {
    if (q.name !== undefined && !q.name.endsWith(".fifo"))
      issue([...at, "name"], `"${q.name}" does not end in .fifo: a FIFO queue's name must (aws-behaviour 3.1)`);
    if (q.duplicateDeliveryRate > 0)
      issue([...at, "duplicateDeliveryRate"], "a FIFO queue delivers each message once (no at-least-once copies); leave it at 0");
    for (const { producer, index } of senders) {
      if (producer?.delay !== undefined)
        issue(["producers", index, "delay"], `FIFO queues take no per-message delay (aws-behaviour 1.6, 3.9); set ${field}.delay instead`);
    }
    const shortPollNote = "does not apply to FIFO queues: their short polls see every available group (sampling, 2.4, is documented for standard queues)";
    if (q.shortPollServers !== 128) issue([...at, "shortPollServers"], shortPollNote);
    if (q.shortPollMessageWeight !== 0.5) issue([...at, "shortPollMessageWeight"], shortPollNote);
    return;
  }
  const fifoOnly = `is for FIFO queues only (${field}.type: fifo)`;
  if (q.name?.endsWith(".fifo")) issue([...at, "name"], `"${q.name}" ends in .fifo, which only FIFO queues may (aws-behaviour 3.1); set ${field}.type: fifo`);
  if (q.contentBasedDeduplication) issue([...at, "contentBasedDeduplication"], fifoOnly);
  if (q.deduplicationScope !== "queue") issue([...at, "deduplicationScope"], fifoOnly);
  if (q.throughputLimit !== "perQueue") issue([...at, "throughputLimit"], fifoOnly);
  if (q.highThroughputPartitions !== undefined) issue([...at, "highThroughputPartitions"], fifoOnly);
  if (q.highThroughputSplitTime !== 60) issue([...at, "highThroughputSplitTime"], fifoOnly);
  if (q.highThroughputQuota !== 70_000) issue([...at, "highThroughputQuota"], fifoOnly);
}

/** The fleet a pool gets when none is written: a fixed fleet of one instance, of no instance type. */
export function isDefaultFleet(fleet: z.output<typeof fleetSchema> | undefined): boolean {
  return fleet === undefined || (fleet.kind === "fixed" && fleet.instances === 1 && fleet.instanceType === undefined);
}

/**
 * A Lambda pool's rules (aws-behaviour §8): the batch limits depend on the queue type (8.7), reserved concurrency comes
 * out of the account's pool, and MaximumConcurrency cannot go with provisioned mode (8.6). `at` is the consumers'
 * path. Settings the chosen platform does not use (a fleet for Lambda, a lambda block for EC2) are not errors, so
 * that `--set consumers.platform=lambda` turns an EC2 scenario into its Lambda twin: unusedSettings names them.
 */
export function lambdaRules(
  c: z.output<typeof consumers>,
  queue: { type?: "standard" | "fifo"; visibilityTimeout?: number; field: string } | undefined,
  at: Path,
  ctx: z.RefinementCtx,
): void {
  const issue = (path: Path, message: string): void => ctx.addIssue({ code: "custom", path, message });
  const field = dotted(at);
  // An EC2 pool's lambda block is not used (unusedSettings says so); a Lambda pool without one takes the defaults.
  if (c.platform !== "lambda") return;
  const l = c.lambda ?? lambdaSchema.parse({});
  const queueType = queue?.type;
  const visibility = queue?.visibilityTimeout;
  if (typeof visibility === "number" && l.timeout > visibility) {
    issue(
      [...at, "lambda", "timeout"],
      `${formatDuration(l.timeout, "seconds")} is above ${queue!.field}.visibilityTimeout (${formatDuration(visibility, "seconds")}): Lambda refuses an event source mapping whose function timeout exceeds its queue's visibility timeout (aws-behaviour 8.9)`,
    );
  }
  if (queueType === "fifo" && l.batchSize > LAMBDA_BATCH_MAX.fifo) {
    issue([...at, "lambda", "batchSize"], `${l.batchSize} is above Lambda's maximum of ${LAMBDA_BATCH_MAX.fifo} messages for a FIFO queue (aws-behaviour 8.7)`);
  } else if (l.batchSize > 10 && l.maximumBatchingWindow < 1) {
    issue(
      [...at, "lambda", "batchSize"],
      `${l.batchSize} is above 10, which Lambda allows only with ${field}.lambda.maximumBatchingWindow of at least 1s (aws-behaviour 8.7)`,
    );
  }
  if (l.reservedConcurrency !== undefined && l.reservedConcurrency > l.accountConcurrency) {
    issue(
      [...at, "lambda", "reservedConcurrency"],
      `${l.reservedConcurrency} is above ${field}.lambda.accountConcurrency (${l.accountConcurrency}): a function reserves from the account's pool`,
    );
  }
  const pp = l.provisionedPollers;
  if (pp !== undefined) {
    if (l.maximumConcurrency !== undefined) issue([...at, "lambda", "provisionedPollers"], "cannot go with maximumConcurrency (aws-behaviour 8.6)");
    if (pp.min > pp.max) issue([...at, "lambda", "provisionedPollers", "min"], `${pp.min} is above provisionedPollers.max (${pp.max})`);
  }
}

/**
 * Settings a pool has written that its platform does not use, one sentence each: a fleet or the EC2 worker's keys on a
 * Lambda pool, a lambda block on an EC2 pool. `at` and `fleetAt` name the consumers and the fleet as the file does.
 */
export function unusedSettings(c: z.output<typeof consumers>, fleet: z.output<typeof fleetSchema> | undefined, at: Path, fleetAt: Path): string[] {
  const field = dotted(at);
  const platform = c.platform ?? "ec2";
  const notes: string[] = [];
  if (platform !== "lambda" && c.lambda !== undefined) notes.push(`${field}.lambda is not used: ${field}.platform is ${platform} (set it to lambda to use it)`);
  if (platform !== "kubernetes" && c.kubernetes !== undefined) {
    notes.push(`${field}.kubernetes is not used: ${field}.platform is ${platform} (set it to kubernetes to use it)`);
  }
  if (platform === "kubernetes") {
    if (!isDefaultFleet(fleet)) notes.push(`${dotted(fleetAt)} is not used: ${field}.platform is kubernetes, whose pods run on ${field}.kubernetes.nodes`);
    notes.push(...podRoomNotes(c.kubernetes ?? kubernetesSchema.parse({}), field));
    return notes;
  }
  if (platform !== "lambda") return notes;
  const unused = (key: string, why: string) => notes.push(`${field}.${key} is not used by a Lambda pool (${field}.platform: lambda): ${why}`);
  if (!isDefaultFleet(fleet)) notes.push(`${dotted(fleetAt)} is not used: ${field}.platform is lambda, whose event source mapping scales its own pollers`);
  if (c.concurrency !== 1) unused("concurrency", "each invocation processes its batch, one message after another");
  if (c.batchSize !== 1) unused("batchSize", `${field}.lambda.batchSize sets the messages per invocation`);
  if (c.waitTime !== undefined) unused("waitTime", "the event source mapping long-polls for 20 s (aws-behaviour 8.1)");
  if (c.heartbeat !== undefined) unused("heartbeat", "the event source mapping does not extend visibility");
  return notes;
}

/** Replicas beyond what the nodes can hold stay Pending for ever: said, not refused (a cap may be deliberate). */
function podRoomNotes(k: KubernetesConfig, field: string): string[] {
  const room = k.nodes.max * k.nodes.podsPerNode;
  const cpu = k.hpa.cpuUtilization !== undefined;
  const min = cpu ? (k.hpa.minReplicas ?? 1) : kedaOf(k).minReplicaCount;
  const max = cpu ? (k.hpa.maxReplicas ?? 0) : kedaOf(k).maxReplicaCount;
  const bounds = cpu ? "hpa.minReplicas" : "keda.minReplicaCount";
  const at = `${field}.kubernetes`;
  const fits = `nodes.max × podsPerNode = ${k.nodes.max} × ${k.nodes.podsPerNode} = ${room}`;
  if (min > room) return [`${at}.${bounds} (${min}) is above the pods the nodes can hold (${fits}): ${min - room} stay Pending all run`];
  if (max > room)
    return [
      `${at}: above ${room} replicas (${fits}) the pods stay Pending: the pool runs at most ${room}, not ${cpu ? "hpa.maxReplicas" : "keda.maxReplicaCount"} (${max})`,
    ];
  return [];
}

/** High-throughput FIFO needs both settings; any other combination is normal throughput (aws-behaviour 3.11). */
export function isHighThroughputFifo(q: Pick<QueueConfig, "type" | "deduplicationScope" | "throughputLimit">): boolean {
  return q.type === "fifo" && q.deduplicationScope === "messageGroup" && q.throughputLimit === "perMessageGroupId";
}

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type QueueConfig = Scenario["queue"];
export type DeadLetterConfig = NonNullable<QueueConfig["deadLetter"]>;
export type ProducerConfig = Scenario["producers"][number];
export type ConsumerConfig = Scenario["consumers"];
export type HeartbeatConfig = NonNullable<ConsumerConfig["heartbeat"]>;
export type FleetConfig = Scenario["fleet"];
export type CostConfig = Scenario["cost"];
export type MetricsConfig = Scenario["metrics"];
export type LimitsConfig = Scenario["limits"];
export type StepTraffic = z.output<typeof step>;
export type SpikeTraffic = z.output<typeof spike>;
export type DiurnalTraffic = z.output<typeof diurnal>;
export type { Distribution, Distribution as DurationDistribution } from "./fields.js";
export type SizeDistribution = ProducerConfig["messageSize"];

// The parts the architecture format (architecture-schema.ts) builds from: a queue there is this queue with a name, a
// pool these consumers with a name, a queue and a fleet, so every key keeps its meaning and its checks.
export {
  consumers as consumersSchema,
  cost as costSchema,
  instanceTypes as instanceTypesSchema,
  limits as limitsSchema,
  metrics as metricsSchema,
  producer as producerSchema,
  queue as queueSchema,
  traffic as trafficSchema,
};

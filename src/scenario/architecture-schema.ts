// The architecture format: named topics, queues and consumer pools, producers that publish to a topic or send to a
// queue, and pools whose successes emit messages downstream (pipelines, fan-in). A queue here is the single-queue
// format's `queue` with a name, a pool its `consumers` with a name, the queue it reads and its own `fleet`, so every
// key keeps its meaning and its checks (the rules of schema.ts run per resource, each naming its own path). The
// instance type a pool names is applied when its resources are built (scenario/resources.ts), so the resolved
// scenario keeps what was written.
import { z } from "zod";
import { formatSize } from "../engine/units.js";
import { compileFilterPolicy } from "../sns/filter-policy.js";
import { MAX_RAW_DELIVERY_ATTRIBUTES } from "../sns/envelope.js";
import { cloudwatchSchema, fleetSchema, sloSchema } from "./fleet-schema.js";
import { dotted } from "./errors.js";
import { describeValue, duration, durationDistribution, integer, probability, size, sizeDistribution, strictObject } from "./fields.js";
import {
  NAME,
  type Path,
  type ProducerAt,
  QUEUE_NAME,
  alarmPeriodRule,
  consumersSchema,
  costSchema,
  fifoRules,
  instanceTypeRule,
  lambdaRules,
  instanceTypesSchema,
  limitsSchema,
  messageSizeRule,
  metricsSchema,
  producerSchema,
  queueSchema,
} from "./schema.js";

const DAY = 86_400;

// ---- topics ------------------------------------------------------------------------------------------------------

// 1–256 letters, digits, - and _; a FIFO topic's ends in .fifo (aws-behaviour 13.22).
const TOPIC_NAME = /^(?:[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\.fifo)$/;

const subscription = strictObject({
  queue: z.string().describe("The queue subscribed (a name in queues)"),
  filterPolicy: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("SNS filter policy on message attributes (aws-behaviour 13.16-13.18); absent delivers every message"),
  rawMessageDelivery: z
    .boolean()
    .default(false)
    .describe("Deliver the body as published; without it the SNS JSON envelope adds to the message size (13.13-13.14)"),
});

const topic = strictObject({
  name: z
    .string()
    .refine((n) => TOPIC_NAME.test(n), {
      error: (iss) => `${describeValue(iss.input)} is not a topic name: 1–256 letters, digits, - and _, with .fifo at the end for a FIFO topic`,
    })
    .describe("Topic name; a FIFO topic's ends in .fifo (aws-behaviour 13.22)"),
  type: z.enum(["standard", "fifo"], { error: (iss) => `${describeValue(iss.input)} is not a topic type; use standard or fifo` }).default("standard"),
  // AWS publishes no figure (13.9): measured medians of 40-73 ms and p99s of 225-497 ms include a queue or a Lambda
  // after SNS; a lognormal with median 30ms and p99 250ms is the simulator's choice for the SNS hop alone.
  deliveryLatency: durationDistribution()
    .prefault({ lognormal: { median: "30ms", p99: "250ms" } })
    .describe("Publish to the queue's SendMessage, drawn per delivery (default lognormal median 30ms, p99 250ms; AWS publishes no figure, 13.9)"),
  apiLatency: duration({ max: 60 }).prefault("5ms").describe("Round trip of a Publish call"),
  maxMessageSize: size({ min: 1024, max: 1_048_576 })
    .prefault("256KiB") // aws-behaviour 13.3-13.4
    .describe("Largest message the topic accepts, body and attributes, 1KiB–1MiB (default 256KiB, 13.3-13.4)"),
  contentBasedDeduplication: z
    .boolean()
    .default(false)
    .describe("FIFO topic: deduplicate by the SHA-256 of the body when a publish has no deduplication id (13.23)"),
  deduplicationScope: z.enum(["topic", "messageGroup"]).default("topic").describe("FIFO topic: FifoThroughputScope (13.23)"),
  subscriptions: z.array(subscription).min(1, { error: "needs at least one subscription (- queue: <name>)" }),
});

// ---- producers, queues, pools ------------------------------------------------------------------------------------

/** Combinations of attribute values one producer or emit rule may draw (the simulator's bound, not AWS's). */
export const MAX_ATTRIBUTE_COMBINATIONS = 10_000;

// 13.5: names up to 256 characters, `AWS.` and `Amazon.` reserved.
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/** Message attributes drawn per message: per key, each String value with its probability (they add up to 1). */
// A key's values: Strings with their probabilities, or `{ number: { "5": 0.5, "50": 0.5 } }` for Number values, which
// numeric filter conditions compare (13.5, 13.17).
const attributeValues = z.union([z.record(z.string(), probability()), strictObject({ number: z.record(z.string(), probability()) })], {
  error: (iss) => `${describeValue(iss.input)} is not a set of values with their probabilities: { a: 0.5, b: 0.5 }, or { number: { "5": 0.5, "50": 0.5 } }`,
});

const attributes = z
  .record(z.string(), attributeValues)
  .superRefine((keys, ctx) => {
    for (const [key, written] of Object.entries(keys)) {
      const numeric = typeof written.number === "object";
      const values = (numeric ? written.number : written) as Record<string, number>;
      if (!ATTRIBUTE_NAME.test(key) || /^(AWS|Amazon)\./i.test(key) || key.startsWith(".") || key.endsWith(".") || key.includes("..")) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${describeValue(key)} is not an attribute name: 1–256 letters, digits, _, - and ., with no period first, last or twice in a row, not starting with AWS. or Amazon. (13.5)`,
        });
        continue;
      }
      const entries = Object.entries(values);
      if (numeric) {
        for (const [text] of entries) {
          const n = Number(text);
          // SNS Numbers run from -10^9 to 10^9 with up to 5 decimals (13.5).
          if (text.trim() === "" || !Number.isFinite(n) || Math.abs(n) > 1e9 || !/^-?\d+(\.\d{1,5})?$/.test(text.trim())) {
            ctx.addIssue({
              code: "custom",
              path: [key, "number", text],
              message: `${describeValue(text)} is not a Number attribute value: -1000000000 to 1000000000, up to 5 decimals (13.5)`,
            });
          }
        }
      }
      const total = entries.reduce((sum, [, p]) => sum + p, 0);
      if (entries.length === 0) ctx.addIssue({ code: "custom", path: [key], message: "needs at least one value with its probability" });
      else if (Math.abs(total - 1) > 1e-9) {
        ctx.addIssue({ code: "custom", path: [key], message: `the probabilities add up to ${total}; they must add up to 1` });
      }
    }
    // Each combination of values is one attribute set of the run (its filter verdicts cached), and explain sums over them.
    const combinations = Object.values(keys).reduce((n, v) => n * Math.max(1, Object.keys(typeof v.number === "object" ? v.number : v).length), 1);
    if (combinations > MAX_ATTRIBUTE_COMBINATIONS) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `the values make ${combinations} combinations (the product of the values per key); at most ${MAX_ATTRIBUTE_COMBINATIONS.toLocaleString("en-US")}`,
      });
    }
  })
  .describe(
    'Message attributes drawn per message, for filter policies: { eventType: { order_placed: 0.3, order_updated: 0.7 } }; Number values: { amount: { number: { "5": 0.5, "50": 0.5 } } }',
  );

// Made afresh from the shapes (not .extend): strictObject's "did you mean" lists the keys it was made with.
const architectureProducer = strictObject({
  ...producerSchema.shape,
  send: z.string().optional().describe("The queue it sends to (a name in queues)"),
  publish: z.string().optional().describe("The topic it publishes to (a name in topics)"),
  attributes: attributes.optional(),
});

const architectureQueue = strictObject({
  ...queueSchema.shape,
  name: z.string().refine((n) => QUEUE_NAME.test(n), {
    error: (iss) => `${describeValue(iss.input)} is not a queue name: 1–80 letters, digits, - and _, with .fifo at the end for a FIFO queue`,
  }),
  // Whether a delay queue delays what SNS delivers is unconfirmed (aws-behaviour 13.15): applied by default, as to any send.
  delaySnsDeliveries: z.boolean().default(true).describe("Apply the queue's delay to SNS deliveries too (default true; AWS does not document it, 13.15)"),
  // Whether SNS's SendMessage into the queue is billed to the queue's owner is unconfirmed (13.7): not by default.
  billSnsDeliveries: z.boolean().default(false).describe("Count each SNS delivery as a billed SendMessage of the queue (default false; unconfirmed, 13.7)"),
});

const emit = strictObject({
  send: z.string().optional().describe("The queue each new message goes to"),
  publish: z.string().optional().describe("The topic each new message is published to"),
  per: z
    .enum(["message", "batch"], { error: (iss) => `${describeValue(iss.input)} is not what to emit per; use message or batch` })
    .default("message")
    .describe("message: for each message processed; batch: once for each received batch with a success"),
  count: integer({ min: 1, max: 100 }).default(1).describe("Messages made each time, 1–100"),
  share: probability().default(1).describe("Share of the times that make them (default every one)"),
  at: z
    .enum(["delete", "processingEnd"], { error: (iss) => `${describeValue(iss.input)} is not when to emit; use delete or processingEnd` })
    .default("delete")
    .describe("delete: sent after the delete's response; processingEnd: sent as processing ends, before the delete"),
  messageSize: sizeDistribution().prefault("2KiB").describe("Size of each new message"),
  attributes: attributes.optional(),
});

const pool = strictObject({
  ...consumersSchema.shape,
  name: z.string().refine((n) => NAME.test(n), { error: (iss) => `${describeValue(iss.input)} is not a pool name: 1–80 letters, digits, -, _ or .` }),
  queue: z.string().describe("The queue the pool reads (a name in queues)"),
  fleet: fleetSchema.prefault({}),
  emit: z.array(emit).default([]).describe("On each success, new messages sent to a queue or published to a topic"),
});

// ---- the architecture --------------------------------------------------------------------------------------------

export const ArchitectureSchema = strictObject({
  $schema: z.string().optional(),
  name: z.string().refine((n) => NAME.test(n) && n !== "." && n !== "..", {
    error: (iss) => `${describeValue(iss.input)} is not a valid name: use 1–80 letters, digits, -, _ or . (it names the output directory)`,
  }),
  description: z.string().optional(),
  duration: duration({ min: 0, minExclusive: true, max: 366 * DAY }),
  startTime: z.iso
    .datetime({ offset: true, error: (iss) => `${describeValue(iss.input)} is not an ISO 8601 date-time; write e.g. 2026-11-20T09:00:00Z` })
    .optional(),
  seed: integer({ min: 0 }).default(1),
  topics: z.array(topic).default([]),
  producers: z.array(architectureProducer).min(1, { error: "needs at least one producer" }),
  queues: z.array(architectureQueue).min(1, { error: "needs at least one queue (- name: orders)" }),
  consumers: z.array(pool).default([]).describe("Consumer pools: each reads one queue; several may read the same queue"),
  cloudwatch: cloudwatchSchema.prefault({}),
  slo: sloSchema.optional(),
  cost: costSchema.prefault({}),
  instanceTypes: instanceTypesSchema.optional(),
  metrics: metricsSchema.prefault({}),
  limits: limitsSchema.prefault({}),
}).superRefine((a, ctx) => architectureRules(a, ctx));

export type Architecture = z.output<typeof ArchitectureSchema>;
export type TopicConfig = Architecture["topics"][number];
export type SubscriptionConfig = TopicConfig["subscriptions"][number];
export type ArchitectureProducer = Architecture["producers"][number];
export type ArchitectureQueue = Architecture["queues"][number];
export type PoolConfig = Architecture["consumers"][number];
export type EmitConfig = PoolConfig["emit"][number];
export type AttributesConfig = NonNullable<ArchitectureProducer["attributes"]>;

/** Keys of the single-queue format that the architecture format says otherwise. */
export const SINGLE_FORM_KEYS: Readonly<Record<string, string>> = {
  queue: "with queues: [...], each queue is an entry there (- name: orders, visibilityTimeout: 30s)",
  fleet: "with queues: [...], each pool in consumers: [...] has its own fleet",
};

/** Whether a raw scenario (before validation) is in the architecture format: it has queues or topics, or a list of consumers. */
export function isArchitectureInput(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  return Object.hasOwn(raw, "queues") || Object.hasOwn(raw, "topics") || Array.isArray((raw as { consumers?: unknown }).consumers);
}

type Ctx = z.RefinementCtx;

/** Names unique per list: a second use is refused at its own path, naming the first. */
function uniqueNames(list: readonly { name?: unknown }[] | undefined, key: string, what: string, ctx: Ctx): Map<string, number> {
  const first = new Map<string, number>();
  (list ?? []).forEach((entry, i) => {
    if (typeof entry?.name !== "string") return;
    const seen = first.get(entry.name);
    if (seen === undefined) first.set(entry.name, i);
    else
      ctx.addIssue({
        code: "custom",
        path: [key, i, "name"],
        message: `duplicate ${what} name "${entry.name}" (also ${key}.${seen}.name); names must be unique`,
      });
  });
  return first;
}

/** A reference must name an entry of its list; the message lists the names there are. */
function reference(name: unknown, known: Map<string, number>, what: string, path: Path, ctx: Ctx): number | undefined {
  if (typeof name !== "string") return undefined;
  const index = known.get(name);
  if (index === undefined) {
    const names = [...known.keys()];
    ctx.addIssue({
      code: "custom",
      path,
      message:
        `${describeValue(name)} is not a ${what} of this scenario` + (names.length === 0 ? ` (it defines no ${what})` : `; use one of ${names.join(", ")}`),
    });
  }
  return index;
}

/** Exactly one of send and publish, each naming what exists. */
function target(
  entry: { send?: string | undefined; publish?: string | undefined },
  queues: Map<string, number>,
  topics: Map<string, number>,
  at: Path,
  ctx: Ctx,
): { queue?: number; topic?: number } {
  if ((entry.send === undefined) === (entry.publish === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: at,
      message: entry.send === undefined ? "needs send: <queue> or publish: <topic>" : "has send and publish; it takes one of them",
    });
    return {};
  }
  if (entry.send !== undefined) {
    const queue = reference(entry.send, queues, "queue", [...at, "send"], ctx);
    return queue === undefined ? {} : { queue };
  }
  const topic = reference(entry.publish, topics, "topic", [...at, "publish"], ctx);
  return topic === undefined ? {} : { topic };
}

function architectureRules(a: Architecture, ctx: Ctx): void {
  // Defensive reads: zod runs this after non-fatal issues elsewhere, when parts may be unset.
  const topicsList = Array.isArray(a.topics) ? a.topics : [];
  const queuesList = Array.isArray(a.queues) ? a.queues : [];
  const producersList = Array.isArray(a.producers) ? a.producers : [];
  const poolsList = Array.isArray(a.consumers) ? a.consumers : [];
  const topics = uniqueNames(topicsList, "topics", "topic", ctx);
  const queues = uniqueNames(queuesList, "queues", "queue", ctx);
  uniqueNames(producersList, "producers", "producer", ctx);
  uniqueNames(poolsList, "consumers", "pool", ctx);
  const sendersOf = queuesList.map((): ProducerAt[] => []);
  const publishersOf = topicsList.map((): ProducerAt[] => []);

  producersList.forEach((producer, index) => {
    const at: Path = ["producers", index];
    const to = target(producer, queues, topics, at, ctx);
    if (to.queue !== undefined) {
      sendersOf[to.queue]!.push({ producer, index });
      if (producer.attributes !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [...at, "attributes"],
          message: "only a topic's filter policies read message attributes; this producer sends to a queue",
        });
      }
    }
    if (to.topic !== undefined) {
      publishersOf[to.topic]!.push({ producer, index });
      // Publish has no DelaySeconds (aws-behaviour 13.15).
      if (producer.delay !== undefined)
        ctx.addIssue({ code: "custom", path: [...at, "delay"], message: "SNS Publish takes no delay (aws-behaviour 13.15); set the queue's delay" });
    }
  });

  topicsList.forEach((t, ti) => {
    const at: Path = ["topics", ti];
    const fifo = t.type === "fifo";
    if (fifo !== t.name.endsWith(".fifo")) {
      ctx.addIssue({
        code: "custom",
        path: [...at, "name"],
        message: fifo
          ? `"${t.name}" does not end in .fifo: a FIFO topic's name must (13.22)`
          : `"${t.name}" ends in .fifo, which only FIFO topics may (13.22); set type: fifo`,
      });
    }
    if (!fifo && (t.contentBasedDeduplication || t.deduplicationScope !== "topic")) {
      ctx.addIssue({
        code: "custom",
        path: [...at, t.contentBasedDeduplication ? "contentBasedDeduplication" : "deduplicationScope"],
        message: "is for FIFO topics only (type: fifo)",
      });
    }
    // At most 100 subscriptions on a FIFO topic (13.28), and on a topic taking messages above 256 KiB (13.4).
    const subscriptionCount = (t.subscriptions ?? []).length;
    if (subscriptionCount > 100 && (fifo || t.maxMessageSize > 262_144)) {
      ctx.addIssue({
        code: "custom",
        path: [...at, "subscriptions"],
        message: `has ${subscriptionCount} subscriptions; ${fifo ? "a FIFO topic takes at most 100 (13.28)" : "a topic whose maxMessageSize is above 256KiB takes at most 100 (13.4)"}`,
      });
    }
    const subscribed = new Map<string, number>();
    (t.subscriptions ?? []).forEach((s, si) => {
      const sat: Path = [...at, "subscriptions", si];
      const qi = reference(s.queue, queues, "queue", [...sat, "queue"], ctx);
      const again = subscribed.get(s.queue);
      if (again !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [...sat, "queue"],
          message: `"${s.queue}" is subscribed already (subscriptions.${again}); subscribe a queue once`,
        });
      subscribed.set(s.queue, si);
      const q = qi === undefined ? undefined : queuesList[qi];
      // A standard topic cannot deliver to a FIFO queue; a FIFO topic can deliver to both (13.22).
      if (q !== undefined && !fifo && q.type === "fifo") {
        ctx.addIssue({
          code: "custom",
          path: [...sat, "queue"],
          message: `"${s.queue}" is a FIFO queue: a standard topic cannot deliver to one (13.22); make the topic FIFO`,
        });
      }
      if (s.filterPolicy !== undefined) {
        const compiled = compileFilterPolicy(s.filterPolicy);
        if (!compiled.ok) for (const p of compiled.problems) ctx.addIssue({ code: "custom", path: [...sat, "filterPolicy", ...p.path], message: p.message });
      }
      if (s.rawMessageDelivery) {
        for (const { index } of publishersOf[ti] ?? []) {
          const count = Object.keys(producersList[index]?.attributes ?? {}).length;
          if (count > MAX_RAW_DELIVERY_ATTRIBUTES) {
            ctx.addIssue({
              code: "custom",
              path: ["producers", index, "attributes"],
              message: `has ${count} attributes; raw delivery to ${dotted(sat)} carries at most ${MAX_RAW_DELIVERY_ATTRIBUTES} and SNS discards a message with more (13.14)`,
            });
          }
        }
      }
    });
    for (const { producer, index } of publishersOf[ti] ?? []) {
      const bytes = constantBytes(producer?.messageSize);
      if (bytes !== undefined && bytes > t.maxMessageSize) {
        ctx.addIssue({
          code: "custom",
          path: ["producers", index, "messageSize"],
          message: `${formatSize(bytes)} is above ${dotted(at)}.maxMessageSize (${formatSize(t.maxMessageSize)}): SNS would refuse every message (13.3)`,
        });
      }
      if (!fifo && producer?.messageGroups !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["producers", index, "messageGroups"],
          message: `${t.name} is a standard topic: message groups are for FIFO topics here`,
        });
      }
    }
  });

  queuesList.forEach((q, qi) => {
    const at: Path = ["queues", qi];
    if (q.type === "fifo" && q.delaySnsDeliveries === false) {
      ctx.addIssue({
        code: "custom",
        path: [...at, "delaySnsDeliveries"],
        message: "is for standard queues: a FIFO queue's delay applies to every message alike (3.9)",
      });
    }
    fifoRules(q, sendersOf[qi] ?? [], at, ctx);
    messageSizeRule(q, sendersOf[qi] ?? [], at, ctx);
  });

  // Poison is a property of a queue's messages, declared with the consumers that fail on them: every pool reading a
  // queue must say the same, or which pool is listed first would decide it.
  const firstPoolOf = new Map<string, number>();
  poolsList.forEach((p, pi) => {
    const first = firstPoolOf.get(p.queue);
    if (first === undefined) firstPoolOf.set(p.queue, pi);
    else {
      const before = poolsList[first]!.failures?.poison;
      if (p.failures?.poison !== before) {
        ctx.addIssue({
          code: "custom",
          path: ["consumers", pi, "failures", "poison"],
          message: `${p.failures?.poison} differs from consumers.${first}.failures.poison (${before}), a pool reading the same queue: poison is a property of the queue's messages, so every pool reading ${p.queue} must declare the same share`,
        });
      }
    }
  });

  poolsList.forEach((p, pi) => {
    const at: Path = ["consumers", pi];
    reference(p.queue, queues, "queue", [...at, "queue"], ctx);
    if (p.fleet !== undefined) {
      alarmPeriodRule(p.fleet, a.cloudwatch?.period, [...at, "fleet"], ctx);
      instanceTypeRule(p.fleet, a.instanceTypes, [...at, "fleet"], ctx);
    }
    const read = queuesList.find((q) => q?.name === p.queue);
    lambdaRules(p, read === undefined ? undefined : { ...read, field: `queues.${read.name}` }, at, ctx);
    (p.emit ?? []).forEach((e, ei) => {
      const eat: Path = [...at, "emit", ei];
      const to = target(e, queues, topics, eat, ctx);
      // Emitted messages carry no message group: a FIFO destination would need one (not modelled yet).
      const fifoTarget =
        to.queue !== undefined ? queuesList[to.queue]?.type === "fifo" : to.topic !== undefined ? topicsList[to.topic]?.type === "fifo" : false;
      const bytes = constantBytes(e.messageSize);
      if (to.queue !== undefined) {
        const q = queuesList[to.queue]!;
        if (e.attributes !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [...eat, "attributes"],
            message: "only a topic's filter policies read message attributes; this rule sends to a queue",
          });
        }
        if (bytes !== undefined && bytes > q.maxMessageSize) {
          ctx.addIssue({
            code: "custom",
            path: [...eat, "messageSize"],
            message: `${formatSize(bytes)} is above ${dotted(["queues", to.queue])}.maxMessageSize (${formatSize(q.maxMessageSize)}): SQS would refuse every message`,
          });
        }
      }
      if (to.topic !== undefined) {
        const t = topicsList[to.topic]!;
        if (bytes !== undefined && bytes > t.maxMessageSize) {
          ctx.addIssue({
            code: "custom",
            path: [...eat, "messageSize"],
            message: `${formatSize(bytes)} is above ${dotted(["topics", to.topic])}.maxMessageSize (${formatSize(t.maxMessageSize)}): SNS would refuse every message (13.3)`,
          });
        }
        const count = Object.keys(e.attributes ?? {}).length;
        t.subscriptions.forEach((sub, si) => {
          if (sub.rawMessageDelivery && count > MAX_RAW_DELIVERY_ATTRIBUTES) {
            ctx.addIssue({
              code: "custom",
              path: [...eat, "attributes"],
              message: `has ${count} attributes; raw delivery to ${dotted(["topics", to.topic!, "subscriptions", si])} carries at most ${MAX_RAW_DELIVERY_ATTRIBUTES} and SNS discards a message with more (13.14)`,
            });
          }
        });
      }
      if (fifoTarget) {
        ctx.addIssue({
          code: "custom",
          path: [...eat, e.send !== undefined ? "send" : "publish"],
          message: `${describeValue(e.send ?? e.publish)} is FIFO: emitting into a FIFO queue or topic (message groups, deduplication) is not modelled yet`,
        });
      }
    });
  });
}

/** The bytes of a constant size (a number or { constant }), else undefined. */
function constantBytes(size: unknown): number | undefined {
  if (typeof size === "number") return size;
  if (typeof size === "object" && size !== null && "constant" in size && typeof size.constant === "number") return size.constant;
  return undefined;
}

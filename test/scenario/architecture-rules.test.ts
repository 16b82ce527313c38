// Every refusal of the architecture format's cross-field rules (architectureRules), with its exact line: the file, the
// path naming list entries by name where the name is unique, and the message. Each case edits SMALL (helpers) into a
// file with one problem.
import { describe, expect, it } from "vitest";
import { at, edited, problems, SMALL, validate } from "./architecture-helpers.js";

/** `count` attributes of one value each, as a flow mapping. */
const attributes = (count: number): string => `{ ${Array.from({ length: count }, (_, i) => `a${i}: { x: 1 }`).join(", ")} }`;

describe("names", () => {
  it.each([
    [
      "topic",
      "topics.1={ name: orders, subscriptions: [ { queue: analytics } ] }",
      'topics.1.name: duplicate topic name "orders" (also topics.0.name); names must be unique',
    ],
    ["queue", "queues.2={ name: billing }", 'queues.2.name: duplicate queue name "billing" (also queues.0.name); names must be unique'],
    [
      "producer",
      "producers.2={ name: web, send: billing, traffic: [ { constant: 1 } ] }",
      'producers.2.name: duplicate producer name "web" (also producers.0.name); names must be unique',
    ],
    [
      "pool",
      "consumers.1={ name: billing-workers, queue: analytics }",
      'consumers.1.name: duplicate pool name "billing-workers" (also consumers.0.name); names must be unique',
    ],
  ])("refuses a second %s of the same name, at the second, naming the first", (_, edit, line) => {
    expect(problems(edited(edit))).toEqual([at(line)]);
  });

  it("refuses a queue or pool name that AWS (or the output directory) would not take", () => {
    expect(problems(edited("consumers.billing-workers.name=a b"))).toEqual([
      at('consumers.a b.name: "a b" is not a pool name: 1–80 letters, digits, -, _ or .'),
    ]);
    expect(problems(edited("queues.analytics.name=an/alytics", "topics.orders.subscriptions.1.queue=an/alytics"))).toEqual([
      at('queues.an/alytics.name: "an/alytics" is not a queue name: 1–80 letters, digits, - and _, with .fifo at the end for a FIFO queue'),
    ]);
    expect(problems(edited("topics.orders.name=or ders", "producers.web.publish=or ders"))).toEqual([
      at('topics.or ders.name: "or ders" is not a topic name: 1–256 letters, digits, - and _, with .fifo at the end for a FIFO topic'),
    ]);
  });
});

describe("references", () => {
  it.each([
    ["a producer's send", "producers.batch.send=nope", 'producers.batch.send: "nope" is not a queue of this scenario; use one of billing, analytics'],
    ["a producer's publish", "producers.web.publish=nope", 'producers.web.publish: "nope" is not a topic of this scenario; use one of orders'],
    [
      "a subscription's queue",
      "topics.orders.subscriptions.1.queue=nope",
      'topics.orders.subscriptions.1.queue: "nope" is not a queue of this scenario; use one of billing, analytics',
    ],
    [
      "a pool's queue",
      "consumers.billing-workers.queue=nope",
      'consumers.billing-workers.queue: "nope" is not a queue of this scenario; use one of billing, analytics',
    ],
    [
      "an emit's send",
      "consumers.billing-workers.emit=[ { send: nope } ]",
      'consumers.billing-workers.emit.0.send: "nope" is not a queue of this scenario; use one of billing, analytics',
    ],
    [
      "an emit's publish",
      "consumers.billing-workers.emit=[ { publish: nope } ]",
      'consumers.billing-workers.emit.0.publish: "nope" is not a topic of this scenario; use one of orders',
    ],
  ])("refuses %s naming what does not exist, listing the names there are", (_, edit, line) => {
    expect(problems(edited(edit))).toEqual([at(line)]);
  });

  it("says so when the scenario defines no topic at all", () => {
    const noTopics = edited("topics=null", "producers.web.send=analytics", "producers.web.publish=null");
    expect(validate(noTopics).ok).toBe(true);
    expect(problems(noTopics, ["producers.web.send=null", "producers.web.publish=orders"])[0]).toBe(
      at('producers.web.publish: "orders" is not a topic of this scenario (it defines no topic) (from --set producers.web.publish=orders)'),
    );
    expect(
      problems(edited("topics=null", "producers.web.send=analytics", "producers.web.publish=null", "consumers.billing-workers.emit=[ { publish: orders } ]")),
    ).toEqual([at('consumers.billing-workers.emit.0.publish: "orders" is not a topic of this scenario (it defines no topic)')]);
  });

  it("takes exactly one of send and publish, from a producer and from an emit entry", () => {
    expect(problems(edited("producers.web.publish=null"))).toEqual([at("producers.web: needs send: <queue> or publish: <topic>")]);
    expect(problems(edited("producers.web.send=billing"))).toEqual([at("producers.web: has send and publish; it takes one of them")]);
    expect(problems(edited("consumers.billing-workers.emit=[ { count: 2 } ]"))).toEqual([
      at("consumers.billing-workers.emit.0: needs send: <queue> or publish: <topic>"),
    ]);
    expect(problems(edited("consumers.billing-workers.emit=[ { send: analytics, publish: orders } ]"))).toEqual([
      at("consumers.billing-workers.emit.0: has send and publish; it takes one of them"),
    ]);
  });
});

describe("topics and subscriptions", () => {
  it("refuses a delay on a producer that publishes: Publish has none (13.15)", () => {
    expect(problems(edited("producers.web.delay=5s"))).toEqual([
      at("producers.web.delay: SNS Publish takes no delay (aws-behaviour 13.15); set the queue's delay"),
    ]);
    expect(validate(edited("producers.batch.delay=5s")).ok).toBe(true);
  });

  it("ties a topic's type to its name's .fifo both ways (13.22)", () => {
    expect(problems(edited("topics.orders.type=fifo"))).toEqual([at('topics.orders.name: "orders" does not end in .fifo: a FIFO topic\'s name must (13.22)')]);
    const standardFifoName = problems(edited("topics.orders.name=orders.fifo", "producers.web.publish=orders.fifo"));
    // The message only: the path of an entry whose name holds a dot is reported to the lead separately.
    expect(standardFifoName).toHaveLength(1);
    expect(standardFifoName[0]).toMatch(/\.name: "orders\.fifo" ends in \.fifo, which only FIFO topics may \(13\.22\); set type: fifo$/);
  });

  it.each([
    ["contentBasedDeduplication", "true"],
    ["deduplicationScope", "messageGroup"],
  ])("refuses the FIFO topic key %s on a standard topic", (key, value) => {
    expect(problems(edited(`topics.orders.${key}=${value}`))).toEqual([at(`topics.orders.${key}: is for FIFO topics only (type: fifo)`)]);
  });

  it("refuses a queue subscribed twice to one topic, at the second subscription", () => {
    expect(problems(edited("topics.orders.subscriptions.2={ queue: billing }"))).toEqual([
      at('topics.orders.subscriptions.2.queue: "billing" is subscribed already (subscriptions.0); subscribe a queue once'),
    ]);
  });

  it("refuses a standard topic subscribing a FIFO queue, and lets a FIFO topic subscribe one (13.22)", () => {
    const fifoQueue = ["queues.2={ name: jobs.fifo, type: fifo }", "topics.orders.subscriptions.2={ queue: jobs.fifo }"];
    expect(problems(edited(...fifoQueue))).toEqual([
      at('topics.orders.subscriptions.2.queue: "jobs.fifo" is a FIFO queue: a standard topic cannot deliver to one (13.22); make the topic FIFO'),
    ]);
    expect(validate(edited(...fifoQueue, "topics.orders.type=fifo", "topics.orders.name=orders.fifo", "producers.web.publish=orders.fifo")).ok).toBe(true);
  });

  it("refuses a filter policy's problem at its path inside filterPolicy", () => {
    expect(problems(edited("topics.orders.subscriptions.1.filterPolicy={ eventType: [ order_placed, { wildcard: 'order_*' } ] }"))).toEqual([
      at("topics.orders.subscriptions.1.filterPolicy.eventType.1: wildcard matching is not modelled"),
    ]);
    expect(problems(edited("topics.orders.subscriptions.1.filterPolicy={ a: [x], b: [x], c: [x], d: [x], e: [x], f: [x] }"))).toEqual([
      at('topics.orders.subscriptions.1.filterPolicy: has 6 keys ("a", "b", "c", "d", "e", "f"); a filter policy takes at most 5 (aws-behaviour 13.18)'),
    ]);
    expect(validate(edited("topics.orders.subscriptions.1.filterPolicy={ a: [x], b: [x], c: [x], d: [x], e: [x] }")).ok).toBe(true);
  });

  it("refuses more than 10 attributes on a producer publishing to a topic with a raw delivery subscription (13.14)", () => {
    const raw = "topics.orders.subscriptions.1.rawMessageDelivery=true";
    expect(problems(edited(raw, `producers.web.attributes=${attributes(11)}`))).toEqual([
      at(
        "producers.web.attributes: has 11 attributes; raw delivery to topics.orders.subscriptions.1 carries at most 10 and SNS discards a message with more (13.14)",
      ),
    ]);
    // Ten is the most raw delivery carries; without raw delivery the envelope carries them all.
    expect(validate(edited(raw, `producers.web.attributes=${attributes(10)}`)).ok).toBe(true);
    expect(validate(edited(`producers.web.attributes=${attributes(11)}`)).ok).toBe(true);
  });

  it("refuses a constant message size above the topic's maxMessageSize, as a number or { constant } (13.3)", () => {
    const line = at("producers.web.messageSize: 262145B is above topics.orders.maxMessageSize (256KiB): SNS would refuse every message (13.3)");
    expect(problems(edited("producers.web.messageSize=262145"))).toEqual([line]);
    expect(problems(edited("producers.web.messageSize={ constant: 262145 }"))).toEqual([line]);
    expect(validate(edited("producers.web.messageSize=256KiB")).ok).toBe(true);
    expect(validate(edited("producers.web.messageSize=300KiB", "topics.orders.maxMessageSize=1MiB")).ok).toBe(true);
  });

  it("refuses message groups on a producer publishing to a standard topic", () => {
    expect(problems(edited("producers.web.messageGroups={ count: 4 }"))).toEqual([
      at("producers.web.messageGroups: orders is a standard topic: message groups are for FIFO topics here"),
    ]);
  });
});

describe("message attributes", () => {
  it("refuses attributes on a producer that sends to a queue", () => {
    expect(problems(edited("producers.batch.attributes={ eventType: { a: 1 } }"))).toEqual([
      at("producers.batch.attributes: only a topic's filter policies read message attributes; this producer sends to a queue"),
    ]);
  });

  it.each(["event type", "AWS.trace", "Amazon.id", "amazon.id", "é"])("refuses the attribute name %s (13.5)", (name) => {
    expect(problems(edited(`producers.web.attributes={ "${name}": { a: 1 } }`))).toEqual([
      at(
        `producers.web.attributes.${name}: "${name}" is not an attribute name: 1–256 letters, digits, _, - and ., with no period first, last or twice in a row, not starting with AWS. or Amazon. (13.5)`,
      ),
    ]);
  });

  it("refuses an attribute name longer than 256 characters (13.5), clipped in the line", () => {
    const refused = problems(edited(`producers.web.attributes={ "${"x".repeat(257)}": { a: 1 } }`));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^s\.yaml: producers\.web\.attributes\.x+… \(257 characters\): "x+…" \(257 characters\) is not an attribute name: /);
  });

  it("accepts names of letters, digits, _, - and ., up to 256 characters, AWS and Amazon inside a name", () => {
    expect(
      validate(edited(`producers.web.attributes={ "${"x".repeat(256)}": { a: 1 }, event.type-2_b: { a: 1 }, AWSx: { a: 1 }, my.Amazon.id: { a: 1 } }`)).ok,
    ).toBe(true);
  });

  it("refuses probabilities that do not add up to 1, and a key without values, on a producer and on an emit entry", () => {
    expect(problems(edited("producers.web.attributes={ eventType: { a: 0.5, b: 0.4 } }"))).toEqual([
      at("producers.web.attributes.eventType: the probabilities add up to 0.9; they must add up to 1"),
    ]);
    expect(problems(edited("producers.web.attributes={ eventType: {} }"))).toEqual([
      at("producers.web.attributes.eventType: needs at least one value with its probability"),
    ]);
    expect(problems(edited("consumers.billing-workers.emit=[ { publish: orders, attributes: { kind: { a: 0.7, b: 0.7 } } } ]"))).toEqual([
      at("consumers.billing-workers.emit.0.attributes.kind: the probabilities add up to 1.4; they must add up to 1"),
    ]);
    // Ten tenths are not exactly 1 in binary: a sum within rounding error is 1.
    expect(validate(edited(`producers.web.attributes={ n: { ${"abcdefghij".split("").map((v) => `${v}: 0.1`)} } }`)).ok).toBe(true);
  });
});

describe("emit", () => {
  it("refuses an unknown key in an emit entry or a subscription, listing the keys it takes", () => {
    expect(problems(edited("consumers.billing-workers.emit=[ { send: analytics, delay: 2s } ]"))).toEqual([
      at("consumers.billing-workers.emit.0.delay: unknown key (expected one of: send, publish, per, count, share, at, messageSize, attributes)"),
    ]);
    expect(problems(edited("topics.orders.subscriptions.0.raw=true"))).toEqual([
      at("topics.orders.subscriptions.0.raw: unknown key (expected one of: queue, filterPolicy, rawMessageDelivery)"),
    ]);
  });

  it("refuses emitting into a FIFO queue or a FIFO topic (not modelled yet)", () => {
    const fifo = ["queues.2={ name: jobs.fifo, type: fifo }", "topics.1={ name: jobs.fifo, type: fifo, subscriptions: [ { queue: jobs.fifo } ] }"];
    const notModelled = "is FIFO: emitting into a FIFO queue or topic (message groups, deduplication) is not modelled yet";
    expect(problems(edited(...fifo, "consumers.billing-workers.emit=[ { send: jobs.fifo } ]"))).toEqual([
      at(`consumers.billing-workers.emit.0.send: "jobs.fifo" ${notModelled}`),
    ]);
    expect(problems(edited(...fifo, "consumers.billing-workers.emit=[ { send: analytics }, { publish: jobs.fifo } ]"))).toEqual([
      at(`consumers.billing-workers.emit.1.publish: "jobs.fifo" ${notModelled}`),
    ]);
  });
});

describe("the single format's rules, per queue and per pool", () => {
  it("refuses a FIFO queue whose name lacks .fifo, under queues.<name>", () => {
    expect(problems(edited("queues.analytics.type=fifo", "topics.orders.subscriptions=[ { queue: billing } ]"))).toEqual([
      at('queues.analytics.name: "analytics" does not end in .fifo: a FIFO queue\'s name must (aws-behaviour 3.1)'),
    ]);
  });

  it("refuses a fleet's instance type the scenario does not define, under consumers.<name>.fleet", () => {
    expect(problems(edited("consumers.billing-workers.fleet={ instanceType: big }"))).toEqual([
      at('consumers.billing-workers.fleet.instanceType: "big" is not in instanceTypes (the scenario defines none)'),
    ]);
    expect(
      problems(edited("consumers.billing-workers.fleet={ instanceType: big }", "instanceTypes={ small: { hourlyUsd: 0.01 }, m5.large: { hourlyUsd: 0.096 } }")),
    ).toEqual([at('consumers.billing-workers.fleet.instanceType: "big" is not in instanceTypes; use one of small, m5.large')]);
  });

  it("refuses an alarm period that is not a multiple of cloudwatch.period, under consumers.<name>.fleet", () => {
    const alarm = "{ metric: approximateNumberOfMessagesVisible, statistic: average, comparison: '>=', threshold: 100, evaluationPeriods: 2, period: 30s }";
    const fleet = `consumers.billing-workers.fleet={ kind: asg, min: 1, max: 4, policies: [ { simpleScaling: { alarm: ${alarm}, adjustmentType: changeInCapacity, adjustment: 1 } } ] }`;
    expect(problems(edited(fleet))).toEqual([
      at("consumers.billing-workers.fleet.policies.0.simpleScaling.alarm.period: 30 s is not a multiple of cloudwatch.period (60 s)"),
    ]);
    expect(validate(edited(fleet, "cloudwatch.period=30s")).ok).toBe(true);
  });

  it("checks each pool's fleet and each queue's fields as the single format does, naming the entry", () => {
    expect(problems(edited("queues.analytics.visibilityTimeout=13h"))).toEqual([
      at("queues.analytics.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s)"),
    ]);
    expect(problems(edited("consumers.billing-workers.fleet={ kind: fixed, instances: -1 }"))).toEqual([
      at("consumers.billing-workers.fleet.instances: -1 is below the minimum of 0"),
    ]);
  });

  it("lists problems of several kinds together, each at its own path", () => {
    expect(problems(edited("producers.web.delay=5s", "producers.batch.send=nope", "consumers.billing-workers.queue=nope"))).toEqual([
      at("producers.web.delay: SNS Publish takes no delay (aws-behaviour 13.15); set the queue's delay"),
      at('producers.batch.send: "nope" is not a queue of this scenario; use one of billing, analytics'),
      at('consumers.billing-workers.queue: "nope" is not a queue of this scenario; use one of billing, analytics'),
    ]);
    expect(validate(SMALL).ok).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { SOURCE, errorsOf, parse, scenarioOf, scenarioYaml } from "./helpers.js";

const at = (line: string) => `${SOURCE}: ${line}`;

describe("AWS limits are refused with the limit named", () => {
  it.each([
    ["queue: { visibilityTimeout: 13h }", "queue.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s)"],
    ["queue: { visibilityTimeout: 46800 }", "queue.visibilityTimeout: 46,800 s is above the SQS maximum of 12h (43,200 s)"],
    ["queue: { retention: 30s }", "queue.retention: 30s is below the SQS minimum of 60s (60 s)"],
    ["queue: { retention: 15d }", "queue.retention: 15d is above the SQS maximum of 14d (1,209,600 s)"],
    ["queue: { delay: 16m }", "queue.delay: 16m is above the SQS maximum of 15m (900 s)"],
    ["queue: { receiveWaitTime: 21s }", "queue.receiveWaitTime: 21s is above the SQS maximum of 20s (20 s)"],
    ["queue: { maxMessageSize: 2MiB }", "queue.maxMessageSize: 2MiB is above the SQS maximum of 1MiB (1,048,576 B)"],
    ["queue: { maxMessageSize: 512B }", "queue.maxMessageSize: 512B is below the SQS minimum of 1KiB (1,024 B)"],
    ["queue: { deadLetter: { maxReceiveCount: 1001 } }", "queue.deadLetter.maxReceiveCount: 1001 is above the SQS maximum of 1,000"],
    ["queue: { deadLetter: { maxReceiveCount: 0 } }", "queue.deadLetter.maxReceiveCount: 0 is below the SQS minimum of 1"],
    ["queue: { deadLetter: { retention: 59s } }", "queue.deadLetter.retention: 59s is below the SQS minimum of 60s (60 s)"],
    ["consumers: { batchSize: 11 }", "consumers.batchSize: 11 is above the SQS maximum of 10 messages per receive"],
    ["consumers: { batchSize: 0 }", "consumers.batchSize: 0 is below the SQS minimum of 1 message per receive"],
    ["consumers: { waitTime: 25s }", "consumers.waitTime: 25s is above the SQS maximum of 20s (20 s)"],
    ["consumers: { heartbeat: { every: 10s, extendBy: 13h } }", "consumers.heartbeat.extendBy: 13h is above the SQS maximum of 12h (43,200 s)"],
    // Bounds that keep every product finite: a price of 1e308 made computeUsd Infinity (null in summary.json), a
    // processing time of 1e305 s a busy time of Infinity µs (utilization null).
    ["cost: { instanceHourlyUsd: 1e308 }", "cost.instanceHourlyUsd: 1e+308 is above the maximum of 1,000 USD an instance-hour"],
    ["cost: { sqsPerMillionRequestsUsd: 1e308 }", "cost.sqsPerMillionRequestsUsd: 1e+308 is above the maximum of 1,000 USD per million requests"],
    ["consumers: { processing: 1e305 }", "consumers.processing: 1e+305 is above the longest duration the simulator takes, 10000d (864,000,000 s)"],
    [
      "consumers: { processing: { exponential: { mean: 10001d } } }",
      'consumers.processing.exponential.mean: "10001d" is above the longest duration the simulator takes, 10000d (864,000,000 s)',
    ],
    ["instanceTypes: { big: { hourlyUsd: 1001 } }", "instanceTypes.big.hourlyUsd: 1001 is above the maximum of 1,000 USD an instance-hour"],
    [
      "instanceTypes: { big: { hourlyUsd: 1, processingTimeFactor: 1e10 } }",
      "instanceTypes.big.processingTimeFactor: 10000000000 is above the maximum of 1,000",
    ],
  ])("%s → %s", (fragment, expected) => {
    expect(errorsOf(parse(scenarioYaml(fragment)))).toEqual([at(expected)]);
  });

  it.each([
    ["batchSize: 11", "producers.0.batchSize: 11 is above the SQS maximum of 10 entries per batch"],
    ["batchSize: 2.5", "producers.0.batchSize: 2.5 is not a whole number"],
    // Out of bounds, and only that (it was also "not a whole number").
    ["batchSize: -1e300", "producers.0.batchSize: -1e+300 is below the SQS minimum of 1 entry per batch"],
    ["delay: 901s", "producers.0.delay: 901s is above the SQS maximum of 15m (900 s)"],
  ])("producer %s → %s", (field, expected) => {
    expect(errorsOf(parse(scenarioYaml("", field)))).toEqual([at(expected)]);
  });

  it("the bounds that keep products finite are accepted on the boundary", () => {
    const s = scenarioOf(parse(scenarioYaml("cost: { instanceHourlyUsd: 1000, sqsPerMillionRequestsUsd: 1000 }\nconsumers: { processing: 10000d }")));
    expect(s.cost).toEqual({ instanceHourlyUsd: 1000, sqsPerMillionRequestsUsd: 1000 });
    expect(s.consumers.processing).toEqual({ constant: 864_000_000 });
  });

  it("limits on the boundary are accepted (12h visibility, 60s retention, 256KiB and 1MiB sizes)", () => {
    const s = scenarioOf(parse(scenarioYaml("queue: { visibilityTimeout: 12h, retention: 60s, maxMessageSize: 256KiB }")));
    expect(s.queue).toMatchObject({ visibilityTimeout: 43_200, retention: 60, maxMessageSize: 262_144 });
    expect(scenarioOf(parse(scenarioYaml("queue: { maxMessageSize: 1MiB }"))).queue.maxMessageSize).toBe(1_048_576);
  });
});

describe("simulator bounds", () => {
  it("duration must be more than 0 and at most 366d", () => {
    const base = scenarioYaml().replace("duration: 1h", "duration: 0s");
    expect(errorsOf(parse(base))).toEqual([at("duration: 0s is too small: it must be more than 0")]);
    const long = scenarioYaml().replace("duration: 1h", "duration: 367d");
    expect(errorsOf(parse(long))).toEqual([at("duration: 367d is above the maximum of 366d (31,622,400 s)")]);
  });

  it("probabilities must be between 0 and 1", () => {
    expect(errorsOf(parse(scenarioYaml("consumers: { failures: { transient: 1.5 } }")))).toEqual([
      at("consumers.failures.transient: 1.5 is not a probability: use a number from 0 to 1"),
    ]);
  });

  it("rates cannot be negative", () => {
    const text = scenarioYaml().replace("{ constant: 10 }", "{ constant: -1 }");
    expect(errorsOf(parse(text))).toEqual([at("producers.0.traffic.0.constant: -1 is negative: a rate in messages per second must be ≥ 0")]);
  });

  it("the scenario name must be usable as a directory name", () => {
    const text = scenarioYaml().replace("name: minimal", "name: my scenario");
    expect(errorsOf(parse(text))[0]).toMatch(/^scenarios\/x\.yaml: name: "my scenario" is not a valid name/);
    expect(errorsOf(parse(scenarioYaml().replace("name: minimal", 'name: ".."')))).toHaveLength(1);
  });
});

describe("unknown keys", () => {
  it("an unknown key is refused by name with the closest known key suggested", () => {
    expect(errorsOf(parse(scenarioYaml("queue: { visibiltyTimeout: 60s }")))).toEqual([
      at("queue.visibiltyTimeout: unknown key (did you mean visibilityTimeout?)"),
    ]);
  });

  it("suggestions work at the top level, in lists and in distributions", () => {
    const text = scenarioYaml("durration: 2h\nconsumers: { processing: { exponental: { mean: 1s } } }", "batchsize: 2");
    expect(errorsOf(parse(text))).toEqual([
      at("producers.0.batchsize: unknown key (did you mean batchSize?)"),
      at("consumers.processing.exponental: unknown key (did you mean exponential?)"),
      at("durration: unknown key (did you mean duration?)"),
    ]);
  });

  it("a key with no close match lists the keys that are accepted", () => {
    expect(errorsOf(parse(scenarioYaml("cost: { colour: red }")))).toEqual([
      at("cost.colour: unknown key (expected one of: instanceHourlyUsd, sqsPerMillionRequestsUsd)"),
    ]);
  });

  it("several unknown keys in one object give one line each", () => {
    expect(errorsOf(parse(scenarioYaml("metrics: { period: 1m, a: 1, b: 2 }")))).toHaveLength(2);
  });

  it("the trace series cannot be given in a file (it is computed by the loader)", () => {
    const text = scenarioYaml().replace("{ constant: 10 }", "{ trace: { file: a.csv, series: [] } }");
    expect(errorsOf(parse(text))).toEqual([
      at("producers.0.traffic.0.trace.series: unknown key (expected one of: file, timeColumn, countColumn, scale, loop)"),
    ]);
  });
});

describe("the short-poll model's parameters (aws-behaviour 2.4-2.5; not documented by AWS)", () => {
  it.each([
    ["queue: { shortPollServers: 0 }", "queue.shortPollServers: 0 is below the minimum of 1"],
    ["queue: { shortPollServers: 100001 }", "queue.shortPollServers: 100001 is above the maximum of 100,000"],
    ["queue: { shortPollServers: 2.5 }", "queue.shortPollServers: 2.5 is not a whole number"],
    ["queue: { shortPollMessageWeight: 1.5 }", "queue.shortPollMessageWeight: 1.5 is not a probability: use a number from 0 to 1"],
    [
      "queue: { type: fifo, shortPollServers: 10 }",
      "queue.shortPollServers: does not apply to FIFO queues: their short polls see every available group (sampling, 2.4, is documented for standard queues)",
    ],
  ])("%s → %s", (fragment, expected) => {
    expect(errorsOf(parse(scenarioYaml(fragment)))).toEqual([at(expected)]);
  });

  it("defaults to 128 servers and weight 0.5, and takes the bounds", () => {
    expect(scenarioOf(parse(scenarioYaml(""))).queue).toMatchObject({ shortPollServers: 128, shortPollMessageWeight: 0.5 });
    const s = scenarioOf(parse(scenarioYaml("queue: { shortPollServers: 1, shortPollMessageWeight: 0 }")));
    expect(s.queue).toMatchObject({ shortPollServers: 1, shortPollMessageWeight: 0 });
  });
});

describe("FIFO high-throughput partitions (aws-behaviour 3.12-3.13)", () => {
  const HT = "type: fifo, deduplicationScope: messageGroup, throughputLimit: perMessageGroupId";
  it.each([
    [`queue: { ${HT}, highThroughputSplitTime: 2h }`, "queue.highThroughputSplitTime: 2h is above the maximum of 1h (3,600 s)"],
    [`queue: { ${HT}, highThroughputPartitions: 0 }`, "queue.highThroughputPartitions: 0 is below the minimum of 1"],
    ["queue: { highThroughputSplitTime: 30s }", "queue.highThroughputSplitTime: is for FIFO queues only (queue.type: fifo)"],
    ["queue: { highThroughputPartitions: 8 }", "queue.highThroughputPartitions: is for FIFO queues only (queue.type: fifo)"],
  ])("%s → %s", (fragment, expected) => {
    expect(errorsOf(parse(scenarioYaml(fragment)))).toEqual([at(expected)]);
  });

  it("partitions are automatic unless a count is given; a split takes 60 s by default", () => {
    const q = scenarioOf(parse(scenarioYaml(`queue: { ${HT} }`))).queue;
    expect(q.highThroughputPartitions).toBeUndefined();
    expect(q.highThroughputSplitTime).toBe(60);
  });
});

describe("queue types and fleet kinds", () => {
  it("queue.type fifo takes FIFO's defaults, and its price (aws-behaviour 3.6-3.11, 10.1)", () => {
    const s = scenarioOf(parse(scenarioYaml("queue: { type: fifo, contentBasedDeduplication: true }")));
    expect(s.queue).toMatchObject({ type: "fifo", contentBasedDeduplication: true, deduplicationScope: "queue", throughputLimit: "perQueue" });
    expect(s.cost.sqsPerMillionRequestsUsd).toBe(0.5);
    expect(scenarioOf(parse(scenarioYaml(""))).cost.sqsPerMillionRequestsUsd).toBe(0.4);
    expect(scenarioOf(parse(scenarioYaml("queue: { type: fifo }\ncost: { sqsPerMillionRequestsUsd: 0.35 }"))).cost.sqsPerMillionRequestsUsd).toBe(0.35);
  });

  it("fleet.kind asg takes an Auto Scaling group with its AWS defaults (desired = min, 5.14; warm-up and cooldown 300 s, 5.9-5.10)", () => {
    const s = scenarioOf(parse(scenarioYaml("fleet: { kind: asg, min: 1, max: 10 }")));
    expect(s.fleet).toMatchObject({ kind: "asg", min: 1, max: 10, warmup: 300, cooldown: 300, termination: "abrupt", policies: [] });
    expect(errorsOf(parse(scenarioYaml("fleet: { kind: asg, min: 5, max: 2 }")))).toEqual([at("fleet.min: min 5 is above max 2")]);
    expect(errorsOf(parse(scenarioYaml("cloudwatch: { period: 45s }")))).toEqual([
      at("cloudwatch.period: 45 s is not a metric period target tracking accepts: use 10s, 30s or 60s (6.6)"),
    ]);
  });

  it("an unknown fleet kind or queue type says what is accepted", () => {
    expect(errorsOf(parse(scenarioYaml("fleet: { kind: magic }")))).toEqual([at('fleet.kind: "magic" is not a fleet kind; use fixed or asg')]);
    expect(errorsOf(parse(scenarioYaml("queue: { type: priority }")))).toEqual([at('queue.type: "priority" is not a queue type; use standard or fifo')]);
  });
});

describe("required fields and types", () => {
  it("missing required fields are reported as required, all at once", () => {
    expect(errorsOf(parse("description: nothing else\n"))).toEqual([at("name: required"), at("duration: required"), at("producers: required")]);
  });

  it("a producer needs a name and traffic", () => {
    expect(errorsOf(parse("name: x\nduration: 1h\nproducers: [ {} ]\n"))).toEqual([at("producers.0.name: required"), at("producers.0.traffic: required")]);
  });

  it("an empty producer list is refused", () => {
    expect(errorsOf(parse("name: x\nduration: 1h\nproducers: []\n"))).toEqual([at("producers: needs at least one producer")]);
  });

  it("wrong types name what was expected and what was found", () => {
    expect(errorsOf(parse(scenarioYaml("cost: { instanceHourlyUsd: cheap }\nseed: [1]\nmetrics: { period: true }")))).toEqual([
      at("seed: expected a number, got a list"),
      at('cost.instanceHourlyUsd: expected a number, got "cheap"'),
      at("metrics.period: expected a duration such as 250ms, 30s, 5m, 6h or 4d, got true"),
    ]);
  });

  it("an empty YAML value is called out as null", () => {
    expect(errorsOf(parse(scenarioYaml("queue:")))).toEqual([at("queue: expected a mapping (key: value), got null (an empty value)")]);
  });

  it("a bad duration text gets the unit hint at its path", () => {
    expect(errorsOf(parse(scenarioYaml("queue: { visibilityTimeout: 30 sec }")))).toEqual([
      at('queue.visibilityTimeout: "30 sec" is not a duration (did you mean 30s?); write e.g. 250ms, 30s, 5m, 6h, 4d'),
    ]);
  });

  it("every error is reported, not just the first", () => {
    const errors = errorsOf(parse(scenarioYaml("queue: { visibilityTimeout: 13h, retention: 30s }\nconsumers: { batchSize: 11 }", "batchSize: 11")));
    expect(errors).toHaveLength(4);
  });
});

describe("distributions", () => {
  it("a bare duration is a constant distribution", () => {
    expect(scenarioOf(parse(scenarioYaml("consumers: { processing: 250ms }"))).consumers.processing).toEqual({ constant: 0.25 });
  });

  it.each([
    ["{ constant: 1s }", { constant: 1 }],
    ["{ exponential: { mean: 200ms } }", { exponential: { mean: 0.2 } }],
    ["{ uniform: { min: 1s, max: 3s } }", { uniform: { min: 1, max: 3 } }],
    ["{ lognormal: { median: 100ms, p99: 2s } }", { lognormal: { median: 0.1, p99: 2 } }],
    ["{ gamma: { mean: 1s, cv: 0.5 } }", { gamma: { mean: 1, cv: 0.5 } }],
  ])("processing %s resolves to %j", (text, expected) => {
    expect(scenarioOf(parse(scenarioYaml(`consumers: { processing: ${text} }`))).consumers.processing).toEqual(expected);
  });

  it("a bare size stays a number of bytes; a size distribution converts its values", () => {
    expect(scenarioOf(parse(scenarioYaml("", "messageSize: 4KiB"))).producers[0]?.messageSize).toBe(4096);
    expect(scenarioOf(parse(scenarioYaml("", "messageSize: { lognormal: { median: 2KiB, p99: 64KiB } }"))).producers[0]?.messageSize).toEqual({
      lognormal: { median: 2048, p99: 65_536 },
    });
  });

  it("a distribution takes exactly one kind", () => {
    expect(errorsOf(parse(scenarioYaml("consumers: { processing: { constant: 1s, exponential: { mean: 1s } } }")))).toEqual([
      at("consumers.processing: a distribution has constant and exponential; it takes exactly one of: constant, exponential, uniform, lognormal, gamma"),
    ]);
    expect(errorsOf(parse(scenarioYaml("consumers: { processing: {} }")))).toEqual([
      at("consumers.processing: a distribution needs exactly one of: constant, exponential, uniform, lognormal, gamma"),
    ]);
  });

  it("uniform min above max, lognormal p99 below median and zero means are refused at their paths", () => {
    expect(errorsOf(parse(scenarioYaml("consumers: { processing: { uniform: { min: 3s, max: 1s } } }")))).toEqual([
      at("consumers.processing.uniform.max: max 1s is below min 3s"),
    ]);
    expect(errorsOf(parse(scenarioYaml("consumers: { processing: { lognormal: { median: 2s, p99: 1s } } }")))).toEqual([
      at("consumers.processing.lognormal.p99: p99 1s is below median 2s"),
    ]);
    expect(errorsOf(parse(scenarioYaml("consumers: { processing: { exponential: { mean: 0s } } }")))).toEqual([
      at("consumers.processing.exponential.mean: 0s is too small: it must be more than 0"),
    ]);
    expect(errorsOf(parse(scenarioYaml("", "messageSize: { uniform: { min: 0B, max: 1KiB } }")))).toEqual([
      at("producers.0.messageSize.uniform.min: 0B is below the minimum of 1B (1 B)"),
    ]);
  });

  it("a value of the wrong type names both accepted forms", () => {
    expect(errorsOf(parse(scenarioYaml("consumers: { processing: true }")))).toEqual([
      at("consumers.processing: expected a duration (e.g. 1s) or a distribution (e.g. { exponential: { mean: 1s } }), got true"),
    ]);
  });
});

describe("traffic shapes and cross-field rules", () => {
  it("traffic shapes keep their one-key form with units converted and defaults filled", () => {
    const text = scenarioYaml().replace(
      "{ constant: 10 }",
      "{ constant: 8 }, { step: { at: 30m, rate: 20 } }, { spike: { at: 1h, peak: 500, rise: 2m } }, { diurnal: { mean: 50, amplitude: 40 } }",
    );
    expect(scenarioOf(parse(text)).producers[0]?.traffic).toEqual([
      { constant: 8 },
      { step: { at: 1_800, rate: 20 } },
      { spike: { at: 3_600, peak: 500, rise: 120, hold: 0, fall: 0 } },
      { diurnal: { mean: 50, amplitude: 40, period: 86_400, peakAt: 0 } },
    ]);
  });

  it("a traffic entry takes exactly one shape", () => {
    const text = scenarioYaml().replace("{ constant: 10 }", "{ constant: 1, step: { at: 1s, rate: 2 } }");
    expect(errorsOf(parse(text))).toEqual([
      at("producers.0.traffic.0: a traffic entry has constant and step; it takes exactly one of: constant, step, spike, diurnal, trace"),
    ]);
  });

  it("diurnal amplitude above mean is refused (the rate would go negative)", () => {
    const text = scenarioYaml().replace("{ constant: 10 }", "{ diurnal: { mean: 10, amplitude: 20 } }");
    expect(errorsOf(parse(text))).toEqual([at("producers.0.traffic.0.diurnal.amplitude: amplitude 20 is above mean 10: the rate would go negative")]);
  });

  it("duplicate producer names are refused at the second one", () => {
    const text = `${scenarioYaml()}\n  - name: orders\n    traffic: [ { constant: 1 } ]\n`;
    expect(errorsOf(parse(text))).toEqual([at('producers.1.name: duplicate producer name "orders" (also producers.0.name); names must be unique')]);
  });

  it("a constant message size above queue.maxMessageSize is refused", () => {
    expect(errorsOf(parse(scenarioYaml("queue: { maxMessageSize: 256KiB }", "messageSize: 512KiB")))).toEqual([
      at("producers.0.messageSize: 512KiB is above queue.maxMessageSize (256KiB): SQS would refuse every message"),
    ]);
  });
});

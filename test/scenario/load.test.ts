import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import {
  DEFAULT_SCENARIO_SOURCE,
  loadDefaultScenario,
  loadScenarioFile,
  parseScenarioText,
  scenarioForOutput,
  scenarioJsonSchema,
  type Scenario,
} from "../../src/scenario/index.js";
import { SOURCE, errorsOf, parse, scenarioOf, scenarioYaml, tempDir, writeFiles } from "./helpers.js";

const MINIMAL_RESOLVED: Scenario = {
  name: "minimal",
  duration: 3_600,
  seed: 1,
  queue: {
    type: "standard",
    contentBasedDeduplication: false,
    deduplicationScope: "queue",
    throughputLimit: "perQueue",
    highThroughputQuota: 70_000,
    highThroughputSplitTime: 60,
    visibilityTimeout: 30,
    retention: 345_600,
    delay: 0,
    receiveWaitTime: 0,
    maxMessageSize: 1_048_576,
    apiLatency: 0.005,
    duplicateDeliveryRate: 0,
    shortPollServers: 128,
    shortPollMessageWeight: 0.5,
    inFlightLimit: 120_000,
  },
  producers: [
    {
      name: "orders",
      traffic: [{ constant: 10 }],
      arrivals: "poisson",
      batchSize: 1,
      batchWindow: 0.2,
      messageSize: 2_048,
      duplicateSends: 0,
      duplicateSendDelay: 1,
    },
  ],
  consumers: { concurrency: 1, batchSize: 1, processing: { exponential: { mean: 1 } }, failures: { transient: 0, poison: 0 } },
  fleet: { kind: "fixed", instances: 1 },
  cloudwatch: { period: 60, publishDelay: 60, targetTracking: { scaleOut: { datapoints: 3 }, scaleIn: { datapoints: 15, thresholdRatio: 0.9 } } },
  cost: { instanceHourlyUsd: 0.096, sqsPerMillionRequestsUsd: 0.4 },
  metrics: { period: 60 },
  limits: { maxEvents: 2_000_000_000, maxStoredMessages: 100_000_000, maxActivities: 100_000, maxMemory: 4 * 1024 ** 3 },
};

describe("defaults", () => {
  it("a minimal scenario resolves to every default, in seconds and bytes", () => {
    expect(scenarioOf(parse(scenarioYaml()))).toStrictEqual(MINIMAL_RESOLVED);
  });

  it("an empty deadLetter mapping gets the AWS defaults: maxReceiveCount 10 and 4d retention", () => {
    expect(scenarioOf(parse(scenarioYaml("queue: { deadLetter: {} }"))).queue.deadLetter).toEqual({
      maxReceiveCount: 10,
      retention: 345_600,
    });
  });

  it("bare numbers are read as seconds and bytes", () => {
    const s = scenarioOf(parse(scenarioYaml("queue: { visibilityTimeout: 45, maxMessageSize: 2048 }")));
    expect(s.queue.visibilityTimeout).toBe(45);
    expect(s.queue.maxMessageSize).toBe(2048);
  });
});

describe("loadScenarioFile", () => {
  it("loads YAML (.yaml and .yml) and JSON files to the same scenario", () => {
    const dir = tempDir();
    const asObject = YAML.parse(scenarioYaml()) as unknown;
    writeFiles(dir, {
      "a.yaml": scenarioYaml(),
      "b.yml": scenarioYaml(),
      "c.json": JSON.stringify(asObject),
    });
    for (const name of ["a.yaml", "b.yml", "c.json"]) {
      expect(scenarioOf(loadScenarioFile(path.join(dir, name)))).toStrictEqual(MINIMAL_RESOLVED);
    }
  });

  it("a missing file is one error line with the error code", () => {
    expect(loadScenarioFile("scenarios/does-not-exist.yaml")).toEqual({
      ok: false,
      errors: ["scenarios/does-not-exist.yaml: cannot read file (ENOENT)"],
    });
  });

  it("an unknown extension is refused before reading", () => {
    expect(errorsOf(loadScenarioFile("scenario.toml"))).toEqual(["scenario.toml: unknown file type; a scenario file ends in .yaml, .yml or .json"]);
  });

  it("validation errors name the file path as given", () => {
    const dir = tempDir();
    const file = path.join(dir, "x.yaml");
    writeFiles(dir, { "x.yaml": scenarioYaml("queue: { visibilityTimeout: 13h }") });
    expect(errorsOf(loadScenarioFile(file))).toEqual([`${file}: queue.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s)`]);
  });

  it("resolvedText is the resolved scenario as JSON", () => {
    const dir = tempDir();
    writeFiles(dir, { "x.yaml": scenarioYaml() });
    const result = loadScenarioFile(path.join(dir, "x.yaml"));
    expect(result.ok && JSON.parse(result.resolvedText)).toStrictEqual(MINIMAL_RESOLVED);
  });
});

describe("syntax errors", () => {
  it("a YAML syntax error carries line and column", () => {
    const errors = errorsOf(parse("name: x\nqueue: { visibilityTimeout: 30s\nduration: 1h\n"));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^scenarios\/x\.yaml:\d+:\d+: \S/);
  });

  it("a duplicate YAML key is a syntax error", () => {
    expect(errorsOf(parse(`${scenarioYaml()}\nname: again\n`))[0]).toMatch(/^scenarios\/x\.yaml:\d+:\d+: Map keys must be unique/);
  });

  it("a JSON syntax error carries line and column", () => {
    const errors = errorsOf(parseScenarioText('{\n  "name": "x",\n}\n', "s.json", "."));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^s\.json:3:1: invalid JSON: /);
  });

  it("an empty file says what a scenario needs", () => {
    expect(errorsOf(parse(""))).toEqual([`${SOURCE}: the file is empty; a scenario needs at least name, duration and producers`]);
  });

  it("a top-level list is refused", () => {
    expect(errorsOf(parse("- a\n- b\n"))).toEqual([`${SOURCE}: expected a mapping (name, duration, producers, ...) at the top level, got a list`]);
  });
});

describe("--seed", () => {
  it("options.seed replaces the file's seed", () => {
    expect(scenarioOf(parse(scenarioYaml("seed: 7"), { seed: 42 })).seed).toBe(42);
  });

  it("options.seed is validated like the file's seed", () => {
    expect(errorsOf(parse(scenarioYaml(), { seed: -1 }))).toEqual([`${SOURCE}: seed: -1 is below the minimum of 0`]);
    expect(errorsOf(parse(scenarioYaml(), { seed: 1.5 }))).toEqual([`${SOURCE}: seed: 1.5 is not a whole number`]);
  });

  it("a seed past 2^53 − 1 is refused as too large, with the limit (it was 'not a whole number')", () => {
    expect(errorsOf(parse(scenarioYaml(), { seed: 2 ** 53 }))).toEqual([
      `${SOURCE}: seed: 9007199254740992 is above the maximum of 9,007,199,254,740,991 (2^53 − 1, past which numbers skip whole values)`,
    ]);
    expect(scenarioOf(parse(scenarioYaml(), { seed: Number.MAX_SAFE_INTEGER })).seed).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("resolved scenario round trip", () => {
  it("scenarioForOutput serialised to JSON parses back to an equal scenario", () => {
    const dir = tempDir();
    writeFiles(dir, {
      "traces/t.csv": "t,n\n0,60\n60,120\n120,30\n",
      "full.yaml": `
name: full
description: every kind of value
duration: 2h30m
seed: 9
queue: { visibilityTimeout: 45s, retention: 1d, delay: 250ms, receiveWaitTime: 20s, maxMessageSize: 256KiB,
         apiLatency: 3ms, duplicateDeliveryRate: 0.001, deadLetter: { maxReceiveCount: 3 } }
producers:
  - name: orders
    traffic:
      - constant: 8
      - step: { at: 30m, rate: 20 }
      - spike: { at: 1h, peak: 500, rise: 2m, hold: 10m, fall: 5m }
      - diurnal: { mean: 50, amplitude: 40, period: 24h, peakAt: 14h }
      - trace: { file: traces/t.csv, scale: 2, loop: true }
    arrivals: uniform
    batchSize: 10
    batchWindow: 1s
    messageSize: { uniform: { min: 1KiB, max: 8KiB } }
    delay: 5s
  - name: audit
    traffic: [ { constant: 1 } ]
    messageSize: 300B
consumers:
  concurrency: 4
  batchSize: 10
  waitTime: 10s
  processing: { lognormal: { median: 80ms, p99: 1.5s } }
  failures: { transient: 0.02, poison: 0.001 }
  heartbeat: { every: 20s, extendBy: 30s }
fleet: { kind: fixed, instances: 3 }
cost: { instanceHourlyUsd: 0.085, sqsPerMillionRequestsUsd: 0.5 }
metrics: { period: 10s }
limits: { maxEvents: 1000000 }
`,
    });
    const first = scenarioOf(loadScenarioFile(path.join(dir, "full.yaml")));
    const output = scenarioForOutput(first);
    expect(JSON.stringify(output)).not.toContain("series");
    const again = scenarioOf(parseScenarioText(JSON.stringify(output), path.join(dir, "resolved.json"), dir));
    expect(again).toStrictEqual(first);
    expect(scenarioForOutput(again)).toStrictEqual(output);
  });

  it("scenarioForOutput does not modify the scenario it copies", () => {
    const dir = tempDir();
    writeFiles(dir, { "t.csv": "t,n\n0,1\n1,1\n", "x.yaml": scenarioYaml().replace("{ constant: 10 }", "{ trace: { file: t.csv } }") });
    const s = scenarioOf(loadScenarioFile(path.join(dir, "x.yaml")));
    scenarioForOutput(s);
    const shape = s.producers[0]?.traffic[0];
    expect(shape && "trace" in shape && shape.trace.series).toBeTruthy();
  });
});

describe("the default scenario", () => {
  it("validates and describes a 1 h spike against a fixed fleet of 6", () => {
    const s = scenarioOf(loadDefaultScenario());
    expect(s.name).toBe("default-spike");
    expect(s.duration).toBe(3_600);
    expect(s.queue).toMatchObject({ type: "standard", visibilityTimeout: 30, deadLetter: { maxReceiveCount: 5 } });
    expect(s.producers[0]?.traffic).toEqual([{ constant: 20 }, { spike: { at: 1_200, peak: 120, rise: 120, hold: 300, fall: 180 } }]);
    expect(s.consumers).toMatchObject({
      concurrency: 1,
      waitTime: 20,
      processing: { exponential: { mean: 0.1 } },
      failures: { transient: 0.01 },
    });
    expect(s.fleet).toEqual({ kind: "fixed", instances: 6 });
    expect(s.description).toBeTruthy();
  });

  it("takes --set and --seed like a file, and names itself in errors", () => {
    expect(scenarioOf(loadDefaultScenario({ sets: ["fleet.instances=12"], seed: 3 }))).toMatchObject({
      seed: 3,
      fleet: { instances: 12 },
    });
    expect(errorsOf(loadDefaultScenario({ sets: ["fleet.instances=-1"] }))).toEqual([
      `${DEFAULT_SCENARIO_SOURCE}: fleet.instances: -1 is below the minimum of 0 (from --set fleet.instances=-1)`,
    ]);
  });
});

describe("scenarioJsonSchema", () => {
  it("describes the input format: required keys, strict objects, human-unit defaults", () => {
    const schema = scenarioJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { properties?: Record<string, { default?: unknown; anyOf?: unknown[] }> }>;
    };
    expect(schema.required).toEqual(["name", "duration", "producers"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties["queue"]?.properties?.["visibilityTimeout"]?.default).toBe("30s");
    expect(schema.properties["queue"]?.properties?.["visibilityTimeout"]?.anyOf).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

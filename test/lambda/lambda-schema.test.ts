// A Lambda pool's settings (consumers.platform: lambda) and the keys it refuses, each message naming the field.
import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { ArchitectureSchema } from "../../src/scenario/architecture-schema.js";
import { scenarioNotes } from "../../src/scenario/notes.js";

function problems(over: Record<string, unknown>): string[] {
  const r = ScenarioSchema.safeParse({ name: "x", duration: "1h", producers: [{ name: "p", traffic: [{ constant: 1 }] }], ...over });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("consumers.platform: lambda", () => {
  it("takes the defaults of AWS (8.7, 8.8, 8.15) with no lambda block, and leaves an EC2 scenario as it was", () => {
    const s = ScenarioSchema.parse({ name: "x", duration: "1h", producers: [{ name: "p", traffic: [{ constant: 1 }] }], consumers: { platform: "lambda" } });
    expect(s.consumers.platform).toBe("lambda");
    expect(s.consumers.lambda).toBeUndefined();
    const ec2 = ScenarioSchema.parse({ name: "x", duration: "1h", producers: [{ name: "p", traffic: [{ constant: 1 }] }] });
    expect("platform" in ec2.consumers).toBe(false);
  });

  it("reads scalingRules: 2022 unquoted (a YAML number) as the rule set of that name", () => {
    const s = ScenarioSchema.parse({
      name: "x",
      duration: "1h",
      producers: [{ name: "p", traffic: [{ constant: 1 }] }],
      consumers: { platform: "lambda", lambda: { scalingRules: 2022 } },
    });
    expect(s.consumers.lambda!.scalingRules).toBe("2022");
  });

  it("reads memory as a whole number of MB, 128 to 10,240", () => {
    const memory = (m: unknown) => problems({ consumers: { platform: "lambda", lambda: { memory: m } } });
    expect(memory("512MB")).toEqual([]);
    expect(memory(1024)).toEqual([]);
    expect(memory("64MB")).toEqual(['consumers.lambda.memory: "64MB" is outside Lambda\'s memory range, 128 MB to 10,240 MB (aws-behaviour 8.15)']);
    expect(memory(20_000)[0]).toMatch(/^consumers\.lambda\.memory: 20000 is outside/);
    expect(memory("1.5GB")[0]).toMatch(/^consumers\.lambda\.memory: .*not a memory size/);
  });

  it("names the EC2 worker's keys and a fleet as unused by a Lambda pool, without refusing them", () => {
    const s = ScenarioSchema.parse({
      name: "x",
      duration: "1h",
      producers: [{ name: "p", traffic: [{ constant: 1 }] }],
      consumers: { platform: "lambda", concurrency: 4, batchSize: 10, waitTime: "5s", heartbeat: { every: "10s", extendBy: "30s" } },
      fleet: { kind: "asg", min: 1, max: 5 },
    });
    expect(scenarioNotes(s)).toEqual([
      "fleet is not used: consumers.platform is lambda, whose event source mapping scales its own pollers",
      "consumers.concurrency is not used by a Lambda pool (consumers.platform: lambda): each invocation processes its batch, one message after another",
      "consumers.batchSize is not used by a Lambda pool (consumers.platform: lambda): consumers.lambda.batchSize sets the messages per invocation",
      "consumers.waitTime is not used by a Lambda pool (consumers.platform: lambda): the event source mapping long-polls for 20 s (aws-behaviour 8.1)",
      "consumers.heartbeat is not used by a Lambda pool (consumers.platform: lambda): the event source mapping does not extend visibility",
    ]);
  });

  it("names a lambda block as unused on an EC2 pool, and says nothing of a scenario that uses all it writes", () => {
    const base = { name: "x", duration: "1h", producers: [{ name: "p", traffic: [{ constant: 1 }] }] };
    expect(scenarioNotes(ScenarioSchema.parse({ ...base, consumers: { lambda: { batchSize: 5 } } }))).toEqual([
      "consumers.lambda is not used: consumers.platform is ec2 (set it to lambda to use it)",
    ]);
    expect(scenarioNotes(ScenarioSchema.parse({ ...base, consumers: { platform: "lambda", lambda: { batchSize: 5 } } }))).toEqual([]);
    expect(scenarioNotes(ScenarioSchema.parse({ ...base, consumers: { batchSize: 10 }, fleet: { kind: "fixed", instances: 3 } }))).toEqual([]);
  });

  it("holds the batch limits of the queue type and the window (8.7), and the concurrency limits (8.5, 8.6)", () => {
    const lambda = (l: Record<string, unknown>, queue: Record<string, unknown> = {}) => problems({ queue, consumers: { platform: "lambda", lambda: l } });
    expect(lambda({ batchSize: 100 })).toEqual([
      "consumers.lambda.batchSize: 100 is above 10, which Lambda allows only with consumers.lambda.maximumBatchingWindow of at least 1s (aws-behaviour 8.7)",
    ]);
    expect(lambda({ batchSize: 100, maximumBatchingWindow: "1s" })).toEqual([]);
    expect(lambda({ batchSize: 10_001, maximumBatchingWindow: "1s" })[0]).toMatch(/^consumers\.lambda\.batchSize: 10001 is above the Lambda maximum of 10,000/);
    expect(lambda({ batchSize: 20, maximumBatchingWindow: "1s" }, { type: "fifo", name: "q.fifo" })).toEqual([
      "consumers.lambda.batchSize: 20 is above Lambda's maximum of 10 messages for a FIFO queue (aws-behaviour 8.7)",
    ]);
    expect(lambda({ maximumBatchingWindow: "301s" })[0]).toMatch(/^consumers\.lambda\.maximumBatchingWindow: .* above the Lambda maximum of 5m \(300 s\)/);
    expect(lambda({ maximumConcurrency: 1 })[0]).toMatch(/^consumers\.lambda\.maximumConcurrency: 1 is below the Lambda minimum of 2/);
    expect(lambda({ maximumConcurrency: 1001 })[0]).toMatch(/^consumers\.lambda\.maximumConcurrency: 1001 is above the Lambda maximum of 1,000/);
    expect(lambda({ reservedConcurrency: 2000 })).toEqual([
      "consumers.lambda.reservedConcurrency: 2000 is above consumers.lambda.accountConcurrency (1000): a function reserves from the account's pool",
    ]);
    expect(lambda({ timeout: "901s" }, { visibilityTimeout: "1h" })[0]).toMatch(/^consumers\.lambda\.timeout: .* above the Lambda maximum of/);
    expect(lambda({ timeout: "45s" })).toEqual([
      "consumers.lambda.timeout: 45 s is above queue.visibilityTimeout (30 s): Lambda refuses an event source mapping whose function timeout exceeds its queue's visibility timeout (aws-behaviour 8.9)",
    ]);
    expect(lambda({ timeout: "45s" }, { visibilityTimeout: "45s" })).toEqual([]);
    // A Lambda pool with no lambda block takes the defaults, and is held to the same rules (a 3 s timeout here).
    expect(problems({ queue: { visibilityTimeout: "2s" }, consumers: { platform: "lambda" } })).toEqual([
      "consumers.lambda.timeout: 3 s is above queue.visibilityTimeout (2 s): Lambda refuses an event source mapping whose function timeout exceeds its queue's visibility timeout (aws-behaviour 8.9)",
    ]);
    // An EC2 pool's lambda block is not used, so not held to them.
    expect(problems({ queue: { visibilityTimeout: "2s" }, consumers: { lambda: { timeout: "5m" } } })).toEqual([]);
    expect(lambda({ provisionedPollers: { min: 2, max: 10, hourlyUsd: 0.1 } })).toEqual([]);
    expect(lambda({ provisionedPollers: { hourlyUsd: 0.1 }, maximumConcurrency: 10 })).toEqual([
      "consumers.lambda.provisionedPollers: cannot go with maximumConcurrency (aws-behaviour 8.6)",
    ]);
    expect(lambda({ provisionedPollers: { min: 50, max: 10, hourlyUsd: 0.1 } })).toEqual([
      "consumers.lambda.provisionedPollers.min: 50 is above provisionedPollers.max (10)",
    ]);
    expect(lambda({ provisionedPollers: { min: 1, hourlyUsd: 0.1 } })[0]).toMatch(
      /^consumers\.lambda\.provisionedPollers\.min: 1 is below the Lambda minimum of 2/,
    );
    // AWS charges provisioned pollers at a price the research sheet does not hold: the scenario must say it.
    expect(lambda({ provisionedPollers: { min: 2 } })[0]).toMatch(/^consumers\.lambda\.provisionedPollers\.hourlyUsd: /);
  });

  it("applies the same rules to a pool of the architecture format, naming it by its name", () => {
    const a = {
      name: "a",
      duration: "1h",
      producers: [{ name: "p", send: "q.fifo", traffic: [{ constant: 1 }] }],
      queues: [{ name: "q.fifo", type: "fifo" }],
      consumers: [
        {
          name: "fn",
          queue: "q.fifo",
          platform: "lambda",
          batchSize: 5,
          fleet: { kind: "fixed", instances: 3 },
          lambda: { batchSize: 11, maximumBatchingWindow: "2s" },
        },
      ],
    };
    const r = ArchitectureSchema.safeParse(a);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "consumers.0.lambda.batchSize: 11 is above Lambda's maximum of 10 messages for a FIFO queue (aws-behaviour 8.7)",
    ]);
    const ok = ArchitectureSchema.parse({ ...a, consumers: [{ ...a.consumers[0]!, lambda: {} }] });
    expect(scenarioNotes(ok)).toEqual([
      "consumers.fn.fleet is not used: consumers.fn.platform is lambda, whose event source mapping scales its own pollers",
      "consumers.fn.batchSize is not used by a Lambda pool (consumers.fn.platform: lambda): consumers.fn.lambda.batchSize sets the messages per invocation",
    ]);
  });
});

// A Lambda pool's settings (consumers.platform: lambda) and the keys it refuses, each message naming the field.
import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { ArchitectureSchema } from "../../src/scenario/architecture-schema.js";

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

  it("reads memory as a whole number of MB, 128 to 10,240", () => {
    const memory = (m: unknown) => problems({ consumers: { platform: "lambda", lambda: { memory: m } } });
    expect(memory("512MB")).toEqual([]);
    expect(memory(1024)).toEqual([]);
    expect(memory("64MB")).toEqual(['consumers.lambda.memory: "64MB" is outside Lambda\'s memory range, 128 MB to 10,240 MB (aws-behaviour 8.15)']);
    expect(memory(20_000)[0]).toMatch(/^consumers\.lambda\.memory: 20000 is outside/);
    expect(memory("1.5GB")[0]).toMatch(/^consumers\.lambda\.memory: .*not a memory size/);
  });

  it("refuses the EC2 worker's keys and a fleet, naming each, rather than ignoring them", () => {
    expect(
      problems({
        consumers: { platform: "lambda", concurrency: 4, batchSize: 10, waitTime: "5s", heartbeat: { every: "10s", extendBy: "30s" } },
        fleet: { kind: "asg", min: 1, max: 5 },
      }).map((p) => p.split(":")[0]),
    ).toEqual(["consumers.concurrency", "consumers.batchSize", "consumers.waitTime", "consumers.heartbeat", "fleet"]);
  });

  it("refuses a lambda block on an EC2 pool", () => {
    expect(problems({ consumers: { lambda: { batchSize: 5 } } })).toEqual([
      "consumers.lambda: is for a Lambda pool: set consumers.platform: lambda, or remove it",
    ]);
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
    expect(lambda({ timeout: "901s" })[0]).toMatch(/^consumers\.lambda\.timeout: .* above the Lambda maximum of/);
    expect(lambda({ provisionedPollers: { min: 2, max: 10 } })).toEqual(["consumers.lambda.provisionedPollers: provisioned mode is not supported yet"]);
    expect(lambda({ provisionedPollers: {}, maximumConcurrency: 10 })).toEqual([
      "consumers.lambda.provisionedPollers: cannot go with maximumConcurrency (aws-behaviour 8.6)",
    ]);
  });

  it("applies the same rules to a pool of the architecture format, by its place in consumers", () => {
    const r = ArchitectureSchema.safeParse({
      name: "a",
      duration: "1h",
      producers: [{ name: "p", send: "q", traffic: [{ constant: 1 }] }],
      queues: [{ name: "q", type: "fifo" }],
      consumers: [
        {
          name: "fn",
          queue: "q",
          platform: "lambda",
          batchSize: 5,
          fleet: { kind: "fixed", instances: 3 },
          lambda: { batchSize: 11, maximumBatchingWindow: "2s" },
        },
      ],
    });
    expect(r.success).toBe(false);
    const found = r.error!.issues.map((i) => i.path.join("."));
    expect(found).toEqual(expect.arrayContaining(["consumers.0.batchSize", "consumers.0.fleet", "consumers.0.lambda.batchSize"]));
  });
});

// The `consumers.lambda` block: a pool drained by AWS Lambda through an SQS event source mapping (aws-behaviour §8).
import { z } from "zod";
import { describeValue, duration, durationDistribution, integer, price, strictObject } from "./fields.js";

/** Lambda's memory setting: 128 MB to 10,240 MB in 1 MB steps (aws-behaviour 8.15). Lambda's MB is 2^20 bytes. */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10_240 } as const;
/** The function timeout: 1 s to 900 s (8.15). */
export const LAMBDA_TIMEOUT_S = { min: 1, max: 900 } as const;
/** BatchSize: up to 10,000 on a standard queue, 10 on a FIFO queue (8.7). */
export const LAMBDA_BATCH_MAX = { standard: 10_000, fifo: 10 } as const;
/** MaximumBatchingWindowInSeconds: 0-300 s (8.8). */
export const LAMBDA_WINDOW_MAX_S = 300;
/** ScalingConfig.MaximumConcurrency: 2-1,000 (8.5). */
export const LAMBDA_MAXIMUM_CONCURRENCY = { min: 2, max: 1_000 } as const;

const MEMORY_TEXT = /^\s*(\d+)\s*MB\s*$/;

/** Memory in MB: a whole number, or text such as "512MB". */
function memoryMb() {
  return z
    .union([z.number(), z.string().meta({ pattern: MEMORY_TEXT.source })], {
      error: (iss) => `${describeValue(iss.input)} is not a memory size: write a whole number of MB such as 512MB`,
    })
    .transform((raw, ctx) => {
      const m = typeof raw === "string" ? MEMORY_TEXT.exec(raw) : null;
      const mb = typeof raw === "number" ? raw : m !== null ? Number(m[1]) : NaN;
      const { min, max } = LAMBDA_MEMORY_MB;
      const problem = !Number.isInteger(mb)
        ? `${describeValue(raw)} is not a memory size: write a whole number of MB such as 512MB`
        : mb < min || mb > max
          ? `${describeValue(raw)} is outside Lambda's memory range, ${min} MB to ${max.toLocaleString("en-US")} MB (aws-behaviour 8.15)`
          : undefined;
      if (problem !== undefined) {
        ctx.addIssue({ code: "custom", message: problem, input: raw });
        return z.NEVER;
      }
      return mb;
    });
}

export const lambdaSchema = strictObject({
  batchSize: integer({ min: 1, max: LAMBDA_BATCH_MAX.standard, authority: "Lambda", unit: ["message", "messages"] })
    .default(10)
    .describe("Messages per invocation, 1-10,000 (10 on a FIFO queue); above 10 needs maximumBatchingWindow ≥ 1s (8.7)"),
  maximumBatchingWindow: duration({ max: LAMBDA_WINDOW_MAX_S, authority: "Lambda" })
    .default(0)
    .describe("How long the event source mapping gathers a batch, 0-300s (8.8)"),
  maximumConcurrency: integer({ ...LAMBDA_MAXIMUM_CONCURRENCY, authority: "Lambda" })
    .optional()
    .describe("ScalingConfig.MaximumConcurrency, 2-1,000 (8.5); absent: up to the mapping's own maximum"),
  reservedConcurrency: integer({ min: 0, authority: "Lambda" })
    .optional()
    .describe("The function's reserved concurrency; absent: it runs in the account's unreserved pool"),
  accountConcurrency: integer({ min: 1 }).default(1_000).describe("The Region's unreserved concurrency pool (default quota 1,000)"),
  timeout: duration({ min: LAMBDA_TIMEOUT_S.min, max: LAMBDA_TIMEOUT_S.max, authority: "Lambda" })
    .default(3)
    .describe("Function timeout, 1-900s (default 3s, 8.15)"),
  memory: memoryMb().default(128).describe("Function memory in MB, 128-10,240 (default 128, 8.15); sets the GB-second cost"),
  architecture: z.enum(["x86_64", "arm64"]).default("x86_64").describe("Sets the GB-second price (10.5)"),
  reportBatchItemFailures: z.boolean().default(false).describe("Partial batch response: only reported failures return to the queue (8.11)"),
  coldStart: durationDistribution()
    .prefault({ lognormal: { median: "250ms", p99: "1s" } })
    .describe("Initialisation added to an invocation on a new execution environment (a model default; AWS publishes none)"),
  environmentIdleTimeout: duration({ min: 0, minExclusive: true })
    .default(600)
    .describe("An idle execution environment is retired after this (a model choice: AWS documents no figure)"),
  scalingRules: z
    // YAML reads an unquoted 2022 as a number: it means the rule set of that name.
    .preprocess((v) => (v === 2022 ? "2022" : v), z.enum(["2023-11", "2022"]))
    .default("2023-11")
    .describe("Poller scaling: 2023-11 adds up to 300 concurrent invocations a minute to 1,250; 2022 adds 60 a minute to 1,000 (8.2-8.3)"),
  provisionedPollers: strictObject({
    min: integer({ min: 2, max: 200, authority: "Lambda" }).default(2).describe("MinimumPollers, 2-200 (default 2, 8.6)"),
    max: integer({ min: 2, max: 10_000, authority: "Lambda" }).default(200).describe("MaximumPollers, 2-10,000 (default 200, 8.6)"),
    concurrencyPerPoller: integer({ min: 1, max: 100 })
      .default(10)
      .describe("Concurrent invocations one event poller runs (a model figure: AWS's 20,000 concurrency at 2,000 pollers, 8.6)"),
    hourlyUsd: price(1_000, "an event poller-hour").describe(
      "What one event poller costs an hour: AWS charges provisioned pollers, at a price the research sheet does not hold; write it from the Lambda pricing page",
    ),
  })
    .optional()
    .describe("Provisioned mode (8.6): dedicated event pollers between min and max, instead of maximumConcurrency"),
  prices: strictObject({
    requestsPerMillionUsd: price(1_000, "per million requests").default(0.2), // aws-behaviour 10.5
    gbSecondUsd: price(1, "per GB-second").optional().describe("Default 0.0000166667 (x86_64) or 0.0000133334 (arm64), 10.5"),
  }).prefault({}),
});

export type LambdaConfig = z.output<typeof lambdaSchema>;

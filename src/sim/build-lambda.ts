// A Lambda pool (consumers.platform: lambda): the function, the event source mapping's pollers as its consumer, their
// count as its capacity, and the mapping's scaling rule as its scaler (aws-behaviour §8).
import { LambdaEsm } from "../consumers/lambda-esm.js";
import { LambdaFunction } from "../consumers/lambda-function.js";
import { SequentialProcessor } from "../consumers/sequential-processor.js";
import { type DistributionSpec, makeSampler } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { randomStream } from "../engine/random.js";
import { secondsToUs } from "../engine/time.js";
import { type LambdaConfig, lambdaSchema } from "../scenario/lambda-schema.js";
import { type PoolResource } from "../scenario/resources.js";
import { EsmPollers } from "../scaling/lambda/esm-pollers.js";
import { EsmScaler, mappingLimits } from "../scaling/lambda/esm-scaler.js";
import { type BuiltLambdaPool, type RunQueue } from "./run-parts.js";

/** GB-second prices by architecture, first tier (aws-behaviour 10.5). */
export const LAMBDA_GB_SECOND_USD = { x86_64: 0.0000166667, arm64: 0.0000133334 } as const;

/** The pool's `lambda` settings, their defaults when the block is left out. */
export function lambdaConfigOf(pool: PoolResource): LambdaConfig {
  return pool.consumers.lambda ?? lambdaSchema.parse({});
}

/** Added to window + function timeout for the visibility the mapping keeps when they exceed the queue's (8.9). */
const VISIBILITY_MARGIN_S = 30;

export function buildLambdaPool(pool: PoolResource, runQueue: RunQueue, seed: number, kernel: Kernel): BuiltLambdaPool {
  const queue = runQueue.queue;
  const queueConfig = runQueue.config;
  const built = runQueue.built;
  const fifo = built.kind === "fifo";
  const l = lambdaConfigOf(pool);
  const c = pool.consumers;
  const stream = (part: string) => randomStream(seed, `${pool.streams.consumers}/${part}`);
  const fn = new LambdaFunction({
    concurrencyLimit: l.reservedConcurrency ?? l.accountConcurrency,
    memoryMb: l.memory,
    timeoutUs: secondsToUs(l.timeout),
    coldStartS: makeSampler(l.coldStart as DistributionSpec, stream("cold-starts")),
    idleTimeoutUs: secondsToUs(l.environmentIdleTimeout),
  });
  const processor = new SequentialProcessor(
    {
      processingS: makeSampler(c.processing as DistributionSpec, stream("processing")),
      transientFailure: c.failures.transient,
      // A FIFO batch stops a group at its first failure (aws-behaviour 8.12).
      stopGroupAtFailure: fifo,
    },
    queue,
    stream("failures"),
  );
  const consumer = new LambdaEsm(
    {
      name: pool.name,
      batchSize: l.batchSize,
      windowUs: secondsToUs(l.maximumBatchingWindow),
      reportBatchItemFailures: l.reportBatchItemFailures,
      fifo,
      extendVisibilityUs:
        l.maximumBatchingWindow + l.timeout > queueConfig.visibilityTimeout ? secondsToUs(l.maximumBatchingWindow + l.timeout + VISIBILITY_MARGIN_S) : 0,
    },
    queue,
    kernel,
    fn,
    processor,
  );
  const limits = mappingLimits(l);
  const pp = l.provisionedPollers;
  const capacity = new EsmPollers(
    {
      name: pool.name,
      min: limits.initial,
      max: limits.max,
      initial: limits.initial,
      requestsPerMillionUsd: l.prices.requestsPerMillionUsd,
      gbSecondUsd: l.prices.gbSecondUsd ?? LAMBDA_GB_SECOND_USD[l.architecture],
      provisioned: pp === undefined ? null : { minPollers: pp.min, concurrencyPerPoller: pp.concurrencyPerPoller, hourlyUsd: pp.hourlyUsd },
    },
    consumer,
    fn,
  );
  const activeGroups = built.kind === "fifo" ? () => built.queue.activeGroups : null;
  const scaler = new EsmScaler({ limits, activeGroups }, queue, consumer, capacity, fn, kernel);
  return { consumer, capacity, scaler, fn, config: l };
}

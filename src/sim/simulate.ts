import { PHASE_NAMES, Phase } from "../engine/phases.js";
import { secondsToUs } from "../engine/time.js";
import { groupThousands } from "../engine/units.js";
import { type LatencySummary } from "../metrics/log-histogram.js";
import { columnValues, perPeriod } from "../metrics/period-series.js";
import { toSparse } from "../metrics/sparse-histogram.js";
import { type Scenario } from "../scenario/schema.js";
import { ActivityLogFullError } from "../metrics/activity-log.js";
import { StoreFullError } from "../sqs/message-store.js";
import { MessageTrace } from "../sqs/message-trace.js";
import { traceRows } from "./message-trace-rows.js";
import { type RunPool, type RunQueue, type World } from "./build-world.js";
import { nonFiniteFigures } from "./finite-figures.js";
import { FLEET_COLUMNS, GROUP_COLUMNS } from "./fleet-columns.js";
import { type ExtraColumn, PeriodSampler } from "./period-sampler.js";
import { type PreflightHost } from "./preflight.js";
import { prepareRun } from "./prepare-run.js";
import { censorRemaining } from "./censor-remaining.js";
import { type KubernetesSummary, type LambdaSummary, type RunSummary, type SimulationResult } from "./result.js";
import { type BuiltKubernetesPool, type BuiltLambdaPool } from "./run-parts.js";
import { ScenarioRefusedError, SimulationError } from "./simulation-error.js";
import { type Scaler } from "../scaling/scaler.js";

export interface SimulateOptions {
  /** Overrides scenario.seed. */
  seed?: number;
  /** Called now and then with the simulated time reached, for progress displays (never affects the result). */
  onProgress?: (simulatedSeconds: number) => void;
  /** The process that runs it, for preflight's heap check (absent: not checked). */
  host?: PreflightHost;
  /** Trace the first N messages the queue accepts, event by event (result.messageTrace; absent or 0: none). */
  traceMessages?: number;
}

/**
 * Runs a scenario. A pure function of (scenario, seed): the same inputs give a byte-identical summary.
 * Throws ScenarioRefusedError (a SimulationError, naming the field) when the scenario is refused: before the run
 * (prepareRun), or when it reaches limits.maxEvents or limits.maxStoredMessages after all; SimulationError (naming
 * the simulated time, phase and component) when the model fails.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  return finishRun(startRun(scenario, options));
}

/** A single-queue run set up and not yet run: its world, its metric sampler, its trace. */
export interface StartedRun {
  scenario: Scenario;
  seed: number;
  world: World;
  runQueue: RunQueue;
  pool: RunPool;
  sampler: PeriodSampler;
  trace: MessageTrace | null;
  endUs: number;
}

/** Builds the world and schedules its metric samples (prepareRun refuses what cannot run). */
export function startRun(scenario: Scenario, options: SimulateOptions = {}): StartedRun {
  const seed = options.seed ?? scenario.seed;
  const prepared = prepareRun(scenario, seed, options.host);
  if (!prepared.ok) throw new ScenarioRefusedError(prepared.problems.join("\n"));
  const world = prepared.world;
  const { queue: runQueue, pool } = singleQueueAndPool(world);
  const trace = options.traceMessages !== undefined && options.traceMessages > 0 ? new MessageTrace(options.traceMessages) : null;
  runQueue.queue.setTrace(trace);
  const endUs = secondsToUs(scenario.duration);
  const periodUs = secondsToUs(scenario.metrics.period);
  const capacity = pool.capacity;
  const sqsPrice = scenario.cost.sqsPerMillionRequestsUsd;
  const fleetColumns: ExtraColumn[] = [
    { column: FLEET_COLUMNS.desired, read: () => capacity.desired },
    { column: FLEET_COLUMNS.pending, read: () => capacity.pending },
    { column: FLEET_COLUMNS.warming, read: (t) => capacity.warming(t) },
    { column: FLEET_COLUMNS.terminating, read: () => capacity.terminating },
    { column: FLEET_COLUMNS.computeCost, read: (t) => capacity.costUsd(t) },
    { column: FLEET_COLUMNS.sqsCost, read: () => (runQueue.queue.requests.billable / 1e6) * sqsPrice },
    { column: FLEET_COLUMNS.unsent, read: () => producerTotals(runQueue).unsent },
  ];
  for (const scaler of pool.scalers) fleetColumns.push(...scaler.seriesColumns());
  fleetColumns.push(...groupColumns(runQueue, pool));
  const sampler = new PeriodSampler(scenario.metrics.period, runQueue.queue, runQueue.latency, pool.consumer, () => capacity.inService, fleetColumns);
  const sampleKind = world.kernel.register("metric sample", (_t, _a, now) => {
    sampler.sample(now);
    if (now < endUs) world.events.push(Math.min(now + periodUs, endUs), Phase.MetricSample, sampleKind, 0);
    if (options.onProgress) options.onProgress(now / 1e6);
  });
  world.events.push(Math.min(periodUs, endUs), Phase.MetricSample, sampleKind, 0);
  return { scenario, seed, world, runQueue, pool, sampler, trace, endUs };
}

/** Runs what is left to the end, then the summary: the result simulate() gives. */
export function finishRun(run: StartedRun): SimulationResult {
  const { scenario, seed, world, runQueue, pool, sampler, trace, endUs } = run;
  const events = runLoop(world, endUs, scenario.limits.maxEvents);
  for (const q of world.queues) q.sendDelayRecorder.flush();
  censorRemaining(runQueue.queue.store, [...runQueue.producers, ...runQueue.groupedProducers], endUs, runQueue.latency);
  const summary = summarise(
    scenario,
    seed,
    runQueue,
    pool,
    events,
    minOf(columnValues(sampler.series, "instances")),
    maxOf(columnValues(sampler.series, FLEET_COLUMNS.unsent.name)),
  );
  const nonFinite = nonFiniteFigures(summary);
  if (nonFinite.length > 0) {
    throw new SimulationError(
      `the summary has figures that are not finite numbers (${nonFinite.slice(0, 5).join(", ")}), which summary.json ` +
        "cannot hold; validation should have refused the inputs that led there: a defect, please report it with the scenario",
    );
  }
  return {
    summary,
    series: sampler.series,
    activities: world.activities.entries,
    histograms: { queueWait: toSparse(runQueue.latency.queueWait), endToEnd: toSparse(runQueue.latency.endToEnd) },
    ...(trace === null ? {} : { messageTrace: traceRows(trace, (p) => runQueue.queue.pollers.label(p)) }),
    ...(trace?.stoppedAtUs != null ? { messageTraceStoppedAtS: trace.stoppedAtUs / 1e6 } : {}),
  };
}

/**
 * The single-queue format's queue and pool: its summary and series describe exactly one of each (formats with
 * several add their own figures, keyed by these names).
 */
function singleQueueAndPool(world: World): { queue: RunQueue; pool: RunPool } {
  if (world.queues.length !== 1 || world.pools.length !== 1) {
    throw new SimulationError(`the summary describes one queue and one pool; this run has ${world.queues.length} and ${world.pools.length}`);
  }
  return { queue: world.queues[0]!, pool: world.pools[0]! };
}

export function runLoop(world: World, endUs: number, maxEvents: number): number {
  advanceWorld(world, endUs, maxEvents);
  for (const q of world.queues) q.queue.accrue(endUs);
  return world.kernel.handled;
}

/**
 * Handles the world's events up to untilUs (a run's end, or a stop on the way to it: a split run handles the same
 * events in the same order), translating what stops it into the run's errors.
 */
export function advanceWorld(world: World, untilUs: number, maxEvents: number): void {
  const { events, kernel } = world;
  try {
    if (!kernel.runUntil(untilUs, maxEvents)) {
      throw new ScenarioRefusedError(
        `limits.maxEvents: the run reached ${groupThousands(maxEvents)} events at simulated time ${(events.timeUs / 1e6).toFixed(6)} s, ` +
          "more than the estimate before it; raise limits.maxEvents to let it finish",
      );
    }
  } catch (error) {
    // A limit the run reached is the scenario's doing (exit 2), not a failure of the model.
    if (error instanceof ScenarioRefusedError) throw error;
    if (error instanceof ActivityLogFullError) {
      throw new ScenarioRefusedError(
        `limits.maxActivities: the run logged ${groupThousands(error.capacity)} alarm transitions and scaling activities by simulated time ` +
          `${(events.timeUs / 1e6).toFixed(6)} s; raise limits.maxActivities to let it finish (each takes about 3 kB until the report is written)`,
      );
    }
    if (error instanceof StoreFullError) {
      throw new ScenarioRefusedError(
        `limits.maxStoredMessages: the queue reached ${groupThousands(error.capacity)} messages at simulated time ` +
          `${(events.timeUs / 1e6).toFixed(6)} s, more than the estimate before the run; raise limits.maxStoredMessages to let it finish`,
      );
    }
    const where =
      `at simulated time ${(events.timeUs / 1e6).toFixed(6)} s, phase ${PHASE_NAMES[events.phase] ?? events.phase}, ` +
      `in ${kernel.kindName(events.kind)} #${events.target}`;
    const message = error instanceof Error ? error.message : String(error);
    throw new SimulationError(`${message} (${where})`, { cause: error });
  }
}

/** Messages handed to SQS by the queue's producers, and those still waiting to be sent at the end (a batch, or a throttled backlog). */
export function producerTotals(runQueue: RunQueue): { produced: number; unsent: number } {
  let produced = 0;
  let unsent = 0;
  for (const p of runQueue.producers) {
    produced += p.produced;
    unsent += p.unsent;
  }
  for (const p of runQueue.groupedProducers) {
    produced += p.produced;
    unsent += p.unsent;
  }
  return { produced, unsent };
}

export function fifoSummary(
  runQueue: RunQueue,
  consumer: Pick<RunPool["consumer"], "throttledReceives" | "throttledDeletes" | "throttledHeartbeats">,
): RunSummary["fifo"] {
  const checker = runQueue.orderChecker;
  if (checker === null) return null;
  const built = runQueue.built;
  const sum = (f: (p: RunQueue["groupedProducers"][number]) => number): number => runQueue.groupedProducers.reduce((n, p) => n + f(p), 0);
  const common = {
    throttledSends: sum((p) => p.throttledCalls),
    throttledReceives: consumer.throttledReceives,
    throttledDeletes: consumer.throttledDeletes,
    throttledVisibilityChanges: consumer.throttledHeartbeats,
    duplicatesStored: sum((p) => p.duplicatesStored),
    orderViolations: checker.violations,
    processedOutOfOrder: checker.processedOutOfOrder,
  };
  if (built.kind === "fifo") {
    return { queueType: "fifo", deduplicated: built.queue.deduplicated, groupsActivePeak: built.queue.groupsWithInFlightPeak, ...common };
  }
  return { queueType: "standard", deduplicated: 0, groupsActivePeak: null, ...common };
}

/** FIFO's own metrics (aws-behaviour 4.8) and the order checker's count, per period; none without message groups. */
export function groupColumns(runQueue: RunQueue, pool: RunPool): ExtraColumn[] {
  const columns: ExtraColumn[] = [];
  const built = runQueue.built;
  if (built.kind === "fifo") {
    const q = built.queue;
    columns.push(
      { column: GROUP_COLUMNS.groupsWithInFlight, read: () => q.groupsWithInFlight },
      { column: GROUP_COLUMNS.deduplicated, read: perPeriod(() => q.deduplicated) },
      { column: GROUP_COLUMNS.throttledSends, read: perPeriod(() => runQueue.groupedProducers.reduce((n, p) => n + p.throttledCalls, 0)) },
      { column: GROUP_COLUMNS.throttledReceives, read: perPeriod(() => pool.consumer.throttledReceives) },
    );
  }
  const checker = runQueue.orderChecker;
  if (checker !== null) columns.push({ column: GROUP_COLUMNS.orderViolations, read: perPeriod(() => checker.violations) });
  return columns;
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
export const minOf = (values: readonly number[]): number => values.reduce((m, v) => (v < m ? v : m), values.length > 0 ? Infinity : 0);
export const maxOf = (values: readonly number[]): number => values.reduce((m, v) => (v > m ? v : m), 0);

/** A latency summary with its figures rounded to the microsecond, as summary.json holds them. */
export function roundedLatency(s: LatencySummary): LatencySummary {
  return {
    count: s.count,
    censored: s.censored,
    mean: round6(s.mean),
    p50: round6(s.p50),
    p90: round6(s.p90),
    p99: round6(s.p99),
    max: round6(s.max),
    lowerBound: s.lowerBound,
  };
}

export function fleetSummary(pool: RunPool, instanceSeconds: number, billedInstanceSeconds: number, minInService: number): RunSummary["fleet"] {
  const { scalers, capacity } = pool;
  // The earliest first scale-out of the pool's scalers.
  const first = scalers.reduce<Scaler["firstScaleOut"]>(
    (f, s) => (s.firstScaleOut !== null && (f === null || s.firstScaleOut.atUs < f.atUs) ? s.firstScaleOut : f),
    null,
  );
  return {
    kind: pool.lambda !== undefined ? "lambda" : pool.kubernetes !== undefined ? "kubernetes" : pool.resource.fleet.kind,
    instanceSeconds: round6(instanceSeconds),
    billedInstanceSeconds: round6(billedInstanceSeconds),
    peakInstances: capacity.peakInService,
    peakInService: capacity.peakInService,
    // A Lambda mapping moves every 10 s, between the period samples: its capacity keeps its own low.
    minInService: pool.lambda === undefined ? minInService : Math.min(minInService, pool.lambda.capacity.fewestInService),
    scaleOutActivities: scalers.reduce((n, s) => n + s.scaleOutActivities, 0),
    scaleInActivities: scalers.reduce((n, s) => n + s.scaleInActivities, 0),
    // From the start of the first breaching period behind the first scale-out to that scale-out.
    timeToFirstScaleOutSeconds: first === null ? null : round6((first.atUs - first.breachStartUs) / 1e6),
  };
}

/** A Kubernetes pool's figures at endUs (summary.json's `kubernetes`). */
export function kubernetesSummary(built: BuiltKubernetesPool, endUs: number): KubernetesSummary {
  const c = built.capacity;
  const b = c.billing(endUs);
  return {
    autoscaler: built.config.hpa.cpuUtilization === undefined ? "keda" : "hpa-cpu",
    peakReplicas: c.peakDesired,
    minReplicasAfterFirstScaleOut: c.minDesiredAfterFirstScaleOut < 0 ? null : c.minDesiredAfterFirstScaleOut,
    peakRunningPods: c.peakInService,
    peakNodes: c.peakNodes,
    podSeconds: round6(b.workingInstanceSeconds),
    nodeSeconds: round6(b.instanceSeconds),
    scaleUpEvents: built.scaler.scaleOutActivities,
    scaleDownEvents: built.scaler.scaleInActivities,
  };
}

/** A Lambda pool's figures at endUs (summary.json's `lambda`). */
export function lambdaSummary(built: BuiltLambdaPool, endUs: number): LambdaSummary {
  const { fn, consumer, capacity } = built;
  const gbSeconds = fn.gbSeconds(endUs);
  const prices = capacity.prices;
  return {
    invocations: fn.invocations,
    throttledInvocations: fn.throttled,
    failedInvocations: consumer.failedInvocations,
    timeouts: fn.timeouts,
    coldStarts: fn.coldStarts,
    peakConcurrency: fn.peakExecuting,
    meanConcurrency: endUs > 0 ? round6(fn.executionSeconds(endUs) / (endUs / 1e6)) : 0,
    timeToPeakConcurrencySeconds: fn.peakExecuting === 0 ? null : round6(Math.max(0, fn.peakReachedUs - consumer.firstSentUs) / 1e6),
    peakPollers: capacity.peakInService,
    gbSeconds: round6(gbSeconds),
    requestsUsd: round6((fn.invocations * prices.requestsPerMillionUsd) / 1e6),
    durationUsd: round6(gbSeconds * prices.gbSecondUsd),
    ...(built.config.provisionedPollers === undefined
      ? {}
      : { eventPollerHours: round6(capacity.eventPollerHours(endUs)), eventPollersUsd: round6(capacity.eventPollersUsd(endUs)) }),
  };
}

function summarise(
  scenario: Scenario,
  seed: number,
  runQueue: RunQueue,
  runPool: RunPool,
  eventCount: number,
  minInService: number,
  peakUnsent: number,
): RunSummary {
  const queue = runQueue.queue;
  const pool = runPool.consumer;
  const producers = producerTotals(runQueue);
  const duration = scenario.duration;
  const endUs = secondsToUs(duration);
  const workers = pool.size;
  const { instanceSeconds, billedInstanceSeconds, workerSeconds } = runPool.capacity.billing(endUs);
  const sqsUsd = (queue.requests.billable / 1e6) * scenario.cost.sqsPerMillionRequestsUsd;
  const computeUsd = runPool.capacity.costUsd(endUs);
  return {
    scenario: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    seed,
    durationSeconds: duration,
    messages: {
      produced: producers.produced,
      sent: queue.sent,
      rejected: queue.rejected,
      received: queue.received,
      deleted: queue.deleted,
      redelivered: queue.redelivered,
      duplicateDeliveries: queue.duplicateDeliveries,
      duplicateProcessing: pool.duplicateProcessing,
      deadLettered: queue.deadLettered,
      expired: queue.expired,
      remaining: { visible: queue.visible, inFlight: queue.inFlight, delayed: queue.delayed },
    },
    requests: requestFigures(queue),
    latency: latencyFigures(runQueue),
    consumers: {
      workers,
      processed: pool.processed,
      failedAttempts: pool.failedAttempts,
      deletesWithoutEffect: pool.deletesWithoutEffect,
      utilization: workerSeconds > 0 ? round6(pool.busyUsUntil(endUs) / 1e6 / workerSeconds) : 0,
    },
    fleet: fleetSummary(runPool, instanceSeconds, billedInstanceSeconds, minInService),
    ...(runPool.lambda === undefined ? {} : { lambda: lambdaSummary(runPool.lambda, endUs) }),
    ...(runPool.kubernetes === undefined ? {} : { kubernetes: kubernetesSummary(runPool.kubernetes, endUs) }),
    deadLetterQueue: deadLetterFigures(runQueue),
    cost: { sqsUsd: round6(sqsUsd), computeUsd: round6(computeUsd), totalUsd: round6(sqsUsd + computeUsd) },
    meanMessagesInQueue: round6(queue.inQueueAreaUs / 1e6 / duration),
    slo: sloFigures(runQueue, scenario.slo),
    producers: { produced: producers.produced, unsent: producers.unsent, peakUnsent },
    fifo: fifoSummary(runQueue, pool),
    engine: { events: eventCount },
  };
}

/** A queue's calls by kind and billed requests, as summary.json holds them. */
export function requestFigures(queue: RunQueue["queue"]): RunSummary["requests"] {
  const r = queue.requests;
  return {
    send: r.send,
    receive: r.receive,
    emptyReceive: r.emptyReceive,
    delete: r.delete,
    changeVisibility: r.changeVisibility,
    overLimit: r.overLimit,
    billable: r.billable,
  };
}

/** A queue's latencies (send delay, queue wait, end to end with what ended otherwise), as summary.json holds them. */
export function latencyFigures(runQueue: RunQueue): RunSummary["latency"] {
  const queue = runQueue.queue;
  return {
    sendDelay: roundedLatency(runQueue.latency.sendDelay.summary()),
    queueWait: roundedLatency(runQueue.latency.queueWait.summary()),
    endToEnd: {
      ...roundedLatency(runQueue.latency.endToEnd.summary()),
      oldestCensored: round6(runQueue.latency.endToEnd.censoredMax),
      deadLettered: queue.deadLettered,
      expired: queue.expired,
    },
  };
}

/** A queue's dead-letter queue, or null without a redrive policy. */
export function deadLetterFigures(runQueue: RunQueue): RunSummary["deadLetterQueue"] {
  const queue = runQueue.queue;
  return runQueue.config.deadLetter ? { moved: queue.deadLettered, expired: queue.deadLetterExpired, remaining: queue.deadLetterDepth } : null;
}

/** The waits above slo.maxQueueWait (counted exactly); null without an SLO. */
export function sloFigures(runQueue: RunQueue, slo: { maxQueueWait: number } | undefined): RunSummary["slo"] {
  if (slo === undefined) return null;
  const wait = runQueue.latency.queueWait;
  return {
    maxQueueWaitSeconds: slo.maxQueueWait,
    messagesOverMaxQueueWait: wait.above,
    fractionOverMaxQueueWait: wait.count === 0 ? 0 : round6(wait.above / wait.count),
  };
}

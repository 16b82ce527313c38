// Running a scenario in the architecture format: the same world and kernel as the single-queue format's run
// (build-world.ts, with build-architecture.ts's topics, paths and pool stages), sampled per resource each metric
// period into one series whose columns are prefixed by the resource they describe (`billing.ApproximateNumberOf…`,
// `billing-workers.instances`), and summarised per topic, queue, pool, producer and path.
import { Phase } from "../engine/phases.js";
import { secondsToUs } from "../engine/time.js";
import { appendRow, type ColumnReader, emptySeries, type PeriodSeries, perPeriod, type SeriesColumn } from "../metrics/period-series.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { type ArchitectureResult, type ArchitectureSummary, type PoolSummary, type QueueSummary, type TopicSummary } from "./architecture-result.js";
import { type RunPool, type RunQueue, type World } from "./build-world.js";
import { type PoolStage, type RunTopic } from "./build-architecture.js";
import { censorRemaining } from "./censor-remaining.js";
import { FLEET_COLUMNS } from "./fleet-columns.js";
import { nonFiniteFigures } from "./finite-figures.js";
import { PERIOD_COLUMNS, PeriodSampler } from "./period-sampler.js";
import { architecturePreflight } from "./architecture-preflight.js";
import { buildWorld } from "./build-world.js";
import { type PreflightHost } from "./preflight.js";
import { MessageState } from "../sqs/message-store.js";
import { ScenarioRefusedError, SimulationError } from "./simulation-error.js";
import {
  type SimulateOptions,
  deadLetterFigures,
  fifoSummary,
  fleetSummary,
  lambdaSummary,
  groupColumns,
  latencyFigures,
  minOf,
  producerTotals,
  requestFigures,
  round6,
  roundedLatency,
  runLoop,
  sloFigures,
} from "./simulate.js";

/** The queue columns of PERIOD_COLUMNS (the pool's own, instances and busy workers, go under the pool). */
const POOL_OWNED = new Set(["time_s", "instances", "busy_workers"]);

const TOPIC_COLUMNS = {
  published: { name: "NumberOfMessagesPublished_msgs", unit: "messages", description: "messages published in the period (13.29)" },
  delivered: { name: "NumberOfNotificationsDelivered_msgs", unit: "messages", description: "deliveries to queues in the period (13.29)" },
  filteredOut: {
    name: "NumberOfNotificationsFilteredOut_msgs",
    unit: "messages",
    description: "subscription messages not delivered because the filter policy did not match, in the period (13.21, 13.29)",
  },
} satisfies Record<string, SeriesColumn>;

const prefixed = (resource: string, column: SeriesColumn): SeriesColumn => ({
  ...column,
  name: `${resource}.${column.name}`,
  // In an architecture a queue's end to end runs from the first production of the message's chain.
  ...(column.name === "end_to_end_mean_s"
    ? { description: "mean first production of the message's chain → delete from this queue, of messages deleted in the period" }
    : {}),
});

/** The columns of one queue: its PeriodSampler's (less the pool's) and what it costs so far. */
interface QueuePart {
  run: RunQueue;
  sampler: PeriodSampler;
  /** Index of each kept sampler column in the sampler's own row. */
  kept: number[];
}

export function prepareArchitecture(a: Architecture, seed: number, host: PreflightHost = {}): World {
  const problems = architecturePreflight(a, host);
  if (problems.length > 0) throw new ScenarioRefusedError(problems.join("\n"));
  try {
    return buildWorld(a, seed, a.limits.maxStoredMessages);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ScenarioRefusedError(`the simulator cannot build this scenario: ${error.message} (a check validation misses; please report it)`);
  }
}

/** Everything a run checks before its first event, for validate: one message per problem. */
export function checkArchitecture(a: Architecture, host: PreflightHost = {}): string[] {
  try {
    prepareArchitecture(a, a.seed, host);
    return [];
  } catch (error) {
    if (error instanceof ScenarioRefusedError) return error.message.split("\n");
    throw error;
  }
}

/**
 * Runs an architecture. A pure function of (architecture, seed): the same inputs give a byte-identical summary.
 * Throws ScenarioRefusedError when the scenario is refused (before the run or at a limit), SimulationError when the
 * model fails.
 */
export function simulateArchitecture(a: Architecture, options: SimulateOptions = {}): ArchitectureResult {
  const seed = options.seed ?? a.seed;
  const world = prepareArchitecture(a, seed, options.host);
  const endUs = secondsToUs(a.duration);
  const periodUs = secondsToUs(a.metrics.period);
  const poolsOf = (q: RunQueue) => world.pools.filter((p) => p.queue === q);

  const queueParts: QueuePart[] = world.queues.map((run) => {
    const pools = poolsOf(run);
    const first = pools[0];
    const extra: ColumnReader[] = [
      { column: FLEET_COLUMNS.sqsCost, read: () => (run.queue.requests.billable / 1e6) * run.resource.sqsPerMillionRequestsUsd },
      { column: FLEET_COLUMNS.unsent, read: () => producerTotals(run).unsent },
      // FIFO's columns for the queue, the consumers' throttled receives summed over every pool reading it.
      ...groupColumns(run, {
        consumer: {
          get throttledReceives() {
            return pools.reduce((n, p) => n + p.consumer.throttledReceives, 0);
          },
        },
      } as RunPool),
    ];
    // The sampler's consumer columns are the pool's: any pool serves, they are dropped here.
    const sampler = new PeriodSampler(a.metrics.period, run.queue, run.latency, first?.consumer ?? IDLE, () => 0, extra);
    const kept = sampler.series.columns.flatMap((c, i) => (POOL_OWNED.has(c.name) ? [] : [i]));
    return { run, sampler, kept };
  });
  const readers: ColumnReader[] = [];
  for (const t of world.topics) readers.push(...topicColumns(t));
  const poolReaders = world.pools.map((p) => poolColumns(p));
  const columns: SeriesColumn[] = [
    PERIOD_COLUMNS[0]!,
    ...readers.map((r) => r.column),
    ...queueParts.flatMap((part) => part.kept.map((i) => prefixed(part.run.name, part.sampler.series.columns[i]!))),
    ...poolReaders.flat().map((r) => r.column),
  ];
  const series = emptySeries(a.metrics.period, columns);
  const row = new Float64Array(columns.length);
  const sampleKind = world.kernel.register("metric sample", (_t, _a, now) => {
    let c = 0;
    row[c++] = now / 1e6;
    for (const r of readers) row[c++] = r.read(now);
    for (const part of queueParts) {
      part.sampler.sample(now);
      const values = part.sampler.series.values;
      for (const i of part.kept) row[c++] = values[i]![values[i]!.length - 1]!;
    }
    for (const list of poolReaders) for (const r of list) row[c++] = r.read(now);
    appendRow(series, row);
    if (now < endUs) world.events.push(Math.min(now + periodUs, endUs), Phase.MetricSample, sampleKind, 0);
    if (options.onProgress) options.onProgress(now / 1e6);
  });
  world.events.push(Math.min(periodUs, endUs), Phase.MetricSample, sampleKind, 0);
  const events = runLoop(world, endUs, a.limits.maxEvents);
  for (const q of world.queues) {
    q.sendDelayRecorder.flush();
    censorRemaining(q.queue.store, [...q.producers, ...q.groupedProducers], endUs, q.latency);
  }
  const summary = summarise(a, seed, world, series, events);
  const nonFinite = nonFiniteFigures(summary);
  if (nonFinite.length > 0) {
    throw new SimulationError(
      `the summary has figures that are not finite numbers (${nonFinite.slice(0, 5).join(", ")}): a defect, please report it with the scenario`,
    );
  }
  return { summary, series, activities: world.activities.entries };
}

/** A consumer that never works: the sampler of a queue no pool reads. */
const IDLE = { processing: 0 } as RunPool["consumer"];

function topicColumns(t: RunTopic): ColumnReader[] {
  const topic = t.topic;
  const sum = (f: (c: (typeof topic.counts)[number]) => number) => () => topic.counts.reduce((n, c) => n + f(c), 0);
  return [
    { column: prefixed(t.name, TOPIC_COLUMNS.published), read: perPeriod(() => topic.published) },
    { column: prefixed(t.name, TOPIC_COLUMNS.delivered), read: perPeriod(sum((c) => c.delivered)) },
    { column: prefixed(t.name, TOPIC_COLUMNS.filteredOut), read: perPeriod(sum((c) => c.filteredOut)) },
  ];
}

function poolColumns(pool: RunPool): ColumnReader[] {
  const capacity = pool.capacity;
  const own: ColumnReader[] = [
    { column: PERIOD_COLUMNS.find((c) => c.name === "instances")!, read: () => capacity.inService },
    { column: PERIOD_COLUMNS.find((c) => c.name === "busy_workers")!, read: () => pool.consumer.processing },
    { column: FLEET_COLUMNS.desired, read: () => capacity.desired },
    { column: FLEET_COLUMNS.pending, read: () => capacity.pending },
    { column: FLEET_COLUMNS.warming, read: (t) => capacity.warming(t) },
    { column: FLEET_COLUMNS.terminating, read: () => capacity.terminating },
    { column: FLEET_COLUMNS.computeCost, read: (t) => capacity.costUsd(t) },
  ];
  for (const scaler of pool.scalers) own.push(...scaler.seriesColumns());
  return own.map((r) => ({ column: prefixed(pool.name, r.column), read: r.read }));
}

function summarise(a: Architecture, seed: number, world: World, series: PeriodSeries, events: number): ArchitectureSummary {
  const endUs = secondsToUs(a.duration);
  const column = (name: string) => series.values[series.columns.findIndex((c) => c.name === name)] ?? [];
  const topics: Record<string, TopicSummary> = {};
  let snsUsd = 0;
  for (const t of world.topics) {
    const topic = t.topic;
    const pending = topic.pendingBySubscription();
    const per = (f: (i: number) => number) => Object.fromEntries(t.queues.map((q, i) => [q, f(i)]));
    const costUsd = topic.costUsd();
    snsUsd += costUsd;
    topics[t.name] = {
      type: t.resource.config.type,
      published: topic.published,
      deduplicated: topic.deduplicated,
      rejected: topic.rejected,
      delivered: per((i) => topic.counts[i]!.delivered),
      filteredOut: per((i) => topic.counts[i]!.filteredOut),
      refused: per((i) => topic.counts[i]!.refused),
      pendingAtEnd: per((i) => pending[i]!),
      requests: { publish: topic.publishCalls, billable: topic.billedPublishRequests },
      costUsd: round6(costUsd),
    };
  }
  const queues: Record<string, QueueSummary> = {};
  let sqsUsd = 0;
  for (const run of world.queues) {
    const q = run.queue;
    const pools = world.pools.filter((p) => p.queue === run);
    const costUsd = (q.requests.billable / 1e6) * run.resource.sqsPerMillionRequestsUsd;
    sqsUsd += costUsd;
    const sum = (f: (p: RunPool) => number) => pools.reduce((n, p) => n + f(p), 0);
    queues[run.name] = {
      type: run.config.type,
      messages: {
        sent: q.sent,
        rejected: q.rejected,
        received: q.received,
        deleted: q.deleted,
        redelivered: q.redelivered,
        duplicateDeliveries: q.duplicateDeliveries,
        deadLettered: q.deadLettered,
        expired: q.expired,
        remaining: { visible: q.visible, inFlight: q.inFlight, delayed: q.delayed },
      },
      latency: latencyFigures(run),
      requests: requestFigures(q),
      deadLetterQueue: deadLetterFigures(run),
      fifo: fifoSummary(run, {
        throttledReceives: sum((p) => p.consumer.throttledReceives),
        throttledDeletes: sum((p) => p.consumer.throttledDeletes),
        throttledHeartbeats: sum((p) => p.consumer.throttledHeartbeats),
      }),
      meanMessagesInQueue: round6(q.inQueueAreaUs / 1e6 / a.duration),
      slo: sloFigures(run, a.slo),
      costUsd: round6(costUsd),
    };
  }
  const consumers: Record<string, PoolSummary> = {};
  let computeUsd = 0;
  world.pools.forEach((pool, i) => {
    const c = pool.consumer;
    const { instanceSeconds, billedInstanceSeconds, workerSeconds } = pool.capacity.billing(endUs);
    const costUsd = pool.capacity.costUsd(endUs);
    computeUsd += costUsd;
    const stage = world.stages[i]!;
    consumers[pool.name] = {
      queue: pool.queue.name,
      consumers: {
        workers: c.size,
        processed: c.processed,
        failedAttempts: c.failedAttempts,
        deletesWithoutEffect: c.deletesWithoutEffect,
        utilization: workerSeconds > 0 ? round6(c.busyUsUntil(endUs) / 1e6 / workerSeconds) : 0,
        duplicateProcessing: c.duplicateProcessing,
      },
      fleet: fleetSummary(pool, instanceSeconds, billedInstanceSeconds, minOf(column(`${pool.name}.instances`))),
      ...(pool.lambda === undefined ? {} : { lambda: lambdaSummary(pool.lambda, endUs) }),
      emitted: stage.emitted,
      emittedTo: emittedTo(pool, stage),
      emitRefused: stage.refused,
      emitInTransitAtEnd: stage.inTransit,
      costUsd: round6(costUsd),
    };
  });
  const producers: ArchitectureSummary["producers"] = {};
  a.producers.forEach((p, i) => {
    const made = world.producersInOrder[i]!;
    producers[p.name] = { to: p.send ?? p.publish ?? "", produced: made.produced, unsent: made.unsent };
  });
  const paths: ArchitectureSummary["paths"] = {};
  censorPaths(world, endUs);
  if (world.paths !== null) for (const { name, latency } of world.paths.measured()) paths[name] = { endToEnd: roundedLatency(latency.summary()) };
  return {
    scenario: a.name,
    ...(a.description !== undefined ? { description: a.description } : {}),
    seed,
    durationSeconds: a.duration,
    format: "architecture",
    topics,
    queues,
    consumers,
    producers,
    paths,
    cost: { sqsUsd: round6(sqsUsd), snsUsd: round6(snsUsd), computeUsd: round6(computeUsd), totalUsd: round6(sqsUsd + snsUsd + computeUsd) },
    engine: { events },
  };
}

/**
 * Messages still in a queue at the end count in the path they would end if the queue's one pool deleted them now, at
 * their age then (right-censored), as the single format counts its waiting messages. A queue read by several pools (or
 * none) leaves them out of the paths: which pool would take them is not known.
 */
function censorPaths(world: World, endUs: number): void {
  const paths = world.paths;
  if (paths === null) return;
  for (const run of world.queues) {
    const pools = world.pools.filter((p) => p.queue === run);
    if (pools.length !== 1) continue;
    const stage = world.stages[world.pools.indexOf(pools[0]!)]!;
    const store = run.queue.store;
    const { state } = store;
    for (let slot = 0; slot < state.length; slot++) {
      const s = state[slot];
      if (s !== MessageState.Visible && s !== MessageState.Delayed && s !== MessageState.InFlight) continue;
      paths.latency(stage.pathAt(slot)).recordCensored(store.ageS(slot, endUs));
    }
  }
}

/** A pool's emitted messages by destination, rules to the same place summed, in the rules' order. */
function emittedTo(pool: RunPool, stage: PoolStage): PoolSummary["emittedTo"] {
  const out: PoolSummary["emittedTo"] = { queues: {}, topics: {} };
  pool.resource.emit.forEach((rule, r) => {
    const [list, name] = rule.send !== undefined ? [out.queues, rule.send] : [out.topics, rule.publish!];
    list[name] = (list[name] ?? 0) + stage.emittedByRule[r]!;
  });
  return out;
}

// `sqs-sim explain` on an architecture: each queue–pool pair explained as the single-queue scenario it is
// (sim/architecture-flows.ts's pairScenarios: the queue, the pool, and the traffic that reaches the queue after
// fan-out, filtering and emit), by the single format's explainScenario, with where the queue's messages come from;
// and a short part on the whole: what each subscription receives, and what no single pair shows (a queue no pool
// reads, pools that together cannot keep up with their queue's mean rate). Pure: an architecture in, plain data out.
import { formatDuration } from "../engine/units.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { type PairScenario, pairScenarios } from "../sim/architecture-flows.js";
import { type ArchitectureSummary } from "../sim/architecture-result.js";
import { type QueueArrivals, queueArrivals, type TopicShares, topicShares } from "./architecture-arrivals.js";
import { explanationInArchitecture } from "./architecture-paths.js";
import { pairRunSummary } from "./architecture-simulated.js";
import { explainScenario } from "./explain.js";
import { type Explanation } from "./explanation.js";
import { num } from "./format.js";
import { type InstanceTypeVariant } from "./instance-type-figures.js";
import { planInputs } from "./plan-inputs.js";

/** One queue and the pool that reads it (or none), explained. */
export interface PairExplanation {
  queue: string;
  /** null: no pool reads the queue. */
  pool: string | null;
  /** The other pools that read the same queue. */
  sharedWith: string[];
  /** The share of the queue's messages the pool's section figures with: 1 alone, else its share of the pools'
   *  capacity (each pool's instances × workers ÷ mean processing time, at its largest fleet). */
  share: number;
  arrivals: QueueArrivals;
  /** The single format's explanation of the pair, its field paths as the architecture names them; null without a pool. */
  explanation: Explanation | null;
}

export type ArchitectureWarningId = "queue-without-pool" | "pools-below-arrival-rate" | "subscription-receives-nothing";

export interface ArchitectureWarning {
  id: ArchitectureWarningId;
  /** The field to change, dotted as in --set (`queues.audit`, `consumers.billing-workers.fleet.max`). */
  path: string;
  message: string;
  source?: string;
}

export interface ArchitectureExplanation {
  scenario: string;
  /** Tells this apart from the single format's explanation, which has no `format`. */
  format: "architecture";
  durationSeconds: number;
  /** The saved run whose values stand beside each pair's analytic ones; null without one. */
  simulated: { seed: number; directory?: string } | null;
  topics: TopicShares[];
  /** Per queue in the scenario's order, one entry per pool that reads it (one with pool null when none does). */
  pairs: PairExplanation[];
  warnings: ArchitectureWarning[];
  assumptions: string[];
}

export interface ArchitectureExplainOptions {
  /** Headroom of the recommended visibility timeout over the p99.9 in-flight time (default 1.5). */
  safetyFactor?: number;
  /** Per pool, the pair scenario resolved on each of the scenario's instanceTypes (the loader resolves them:
   *  `consumers.<pool>.fleet.instanceType=<name>` as a --set). */
  instanceTypes?: Readonly<Record<string, readonly InstanceTypeVariant[]>>;
  /** A saved run of the architecture: each pair whose pool reads its queue alone shows its values. */
  simulated?: { summary: ArchitectureSummary; directory?: string };
}

/** The explanation of a valid architecture that run would take (check it with checkArchitecture first). */
export function explainArchitecture(a: Architecture, options: ArchitectureExplainOptions = {}): ArchitectureExplanation {
  const arrivals = queueArrivals(a);
  const scenarios = pairScenarios(a);
  // A queue several pools read is split between them by capacity, so that each pool's figures (and warnings) are
  // about the messages it can be expected to take, not all of the queue's.
  const split = pairScenarios(a, { splitSharedQueues: true });
  const topics = topicShares(a);
  const pairs = split.map((pair, i): PairExplanation => {
    const queueArrivals = arrivals.find((q) => q.queue === pair.queue)!;
    const sharedWith = a.consumers.filter((p) => p.queue === pair.queue && p.name !== pair.pool).map((p) => p.name);
    const whole = scenarios[i]!;
    const share = sharedWith.length === 0 ? 1 : shareOf(pair, whole);
    return { queue: pair.queue, pool: pair.pool, sharedWith, share, arrivals: queueArrivals, explanation: pairExplanation(a, pair, options) };
  });
  return {
    scenario: a.name,
    format: "architecture",
    durationSeconds: a.duration,
    simulated: simulatedRun(options.simulated),
    topics,
    pairs,
    warnings: architectureWarnings(a, scenarios, arrivals, topics),
    assumptions: ARCHITECTURE_ASSUMPTIONS,
  };
}

/** The share of the queue's traffic a split pair carries: its producers' first rates over the whole queue's. */
function shareOf(pair: PairScenario, whole: PairScenario): number {
  const rate = (s: PairScenario) => s.scenario.producers.reduce((n, p) => n + firstRate(p.traffic[0]), 0);
  const total = rate(whole);
  return total > 0 ? rate(pair) / total : 1;
}

/** A traffic shape's level, enough to compare a scaled copy with its original. */
function firstRate(shape: PairScenario["scenario"]["producers"][number]["traffic"][number] | undefined): number {
  if (shape === undefined) return 0;
  if ("constant" in shape) return shape.constant;
  if ("step" in shape) return Math.abs(shape.step.rate);
  if ("spike" in shape) return shape.spike.peak;
  if ("diurnal" in shape) return shape.diurnal.mean;
  return shape.trace.scale;
}

function pairExplanation(a: Architecture, pair: PairScenario, options: ArchitectureExplainOptions): Explanation | null {
  if (pair.pool === null) return null;
  const configured = a.consumers.find((p) => p.name === pair.pool)?.fleet.instanceType;
  const run = options.simulated;
  const simulated = run === undefined ? undefined : pairRunSummary(run.summary, pair.queue, pair.pool);
  const explained = explainScenario(pair.scenario, simulated, {
    ...(options.safetyFactor === undefined ? {} : { safetyFactor: options.safetyFactor }),
    ...(run?.directory === undefined ? {} : { runDirectory: run.directory }),
    instanceTypes: options.instanceTypes?.[pair.pool] ?? [],
    ...(configured === undefined ? {} : { configuredInstanceType: configured }),
  });
  // The pair's suggested sweep varies its own keys, named as the architecture names them (explanationInArchitecture).
  return explanationInArchitecture(explained, pair.queue, pair.pool);
}

function simulatedRun(run: ArchitectureExplainOptions["simulated"]): ArchitectureExplanation["simulated"] {
  if (run === undefined) return null;
  return { seed: run.summary.seed, ...(run.directory === undefined ? {} : { directory: run.directory }) };
}

/** The capacity of a pool at its largest fleet, msg/s: max·k ÷ W, as the pair's processing section gives it. */
function maxCapacity(pair: PairScenario): { capacity: number; text: string } {
  const inputs = planInputs(pair.scenario);
  const capacity = (inputs.maxInstances * inputs.k) / inputs.work;
  const at = inputs.fleetKind === "asg" ? " at its max" : "";
  const text =
    `${num(capacity)} msg/s (${inputs.maxInstances} instance${inputs.maxInstances === 1 ? "" : "s"}${at} × ` +
    `${inputs.k} worker${inputs.k === 1 ? "" : "s"} ÷ W = ${formatDuration(inputs.work, "significant")})`;
  return { capacity, text };
}

function architectureWarnings(
  a: Architecture,
  pairs: readonly PairScenario[],
  arrivals: readonly QueueArrivals[],
  topics: readonly TopicShares[],
): ArchitectureWarning[] {
  const warnings: ArchitectureWarning[] = [];
  for (const q of arrivals) {
    const config = a.queues.find((c) => c.name === q.queue)!;
    const readers = pairs.filter((p) => p.queue === q.queue && p.pool !== null);
    const grows = (rate: number) => `${num(rate * a.duration)} messages over the run`;
    if (readers.length === 0) {
      if (q.meanRate > 0) {
        warnings.push({
          id: "queue-without-pool",
          path: `queues.${q.queue}`,
          message:
            `no pool reads it: the ${num(q.meanRate)} msg/s it receives on average only grow its backlog (about ${grows(q.meanRate)}), ` +
            `until its retention of ${formatDuration(config.retention)} deletes them; add a pool (consumers: - queue: ${q.queue}) or remove the queue`,
          source: "aws-behaviour 1.3",
        });
      }
      continue;
    }
    const capacities = readers.map(maxCapacity);
    const total = capacities.reduce((sum, c) => sum + c.capacity, 0);
    if (total < q.meanRate) {
      const one = readers.length === 1;
      const pool = a.consumers.find((p) => p.name === readers[0]!.pool)!;
      const parts = readers.map((r, i) => `${one ? "" : `${r.pool} `}${capacities[i]!.text}`);
      const processes = one
        ? `${pool.name} processes at most ${parts[0]}`
        : `${readers.map((r) => r.pool).join(" and ")} together process at most ${parts.join(" + ")} = ${num(total)} msg/s`;
      warnings.push({
        id: "pools-below-arrival-rate",
        path: one ? `consumers.${pool.name}.fleet.${pool.fleet.kind === "fixed" ? "instances" : "max"}` : `queues.${q.queue}`,
        message:
          `${processes}, under the ${num(q.meanRate)} msg/s queue ${q.queue} receives on average: its backlog grows ` +
          `by at least ${grows(q.meanRate - total)}`,
      });
    }
  }
  for (const t of topics) {
    for (const s of t.subscriptions) {
      if (s.shares.length > 0 && s.shares.every((x) => x.share === 0)) {
        const i = a.topics.find((x) => x.name === t.topic)!.subscriptions.findIndex((x) => x.queue === s.queue);
        warnings.push({
          id: "subscription-receives-nothing",
          path: `topics.${t.topic}.subscriptions.${i}.filterPolicy`,
          message: `matches none of the messages published to ${t.topic} (${s.shares.map((x) => x.from).join(", ")}): queue ${s.queue} receives nothing from it`,
          source: "aws-behaviour 13.21",
        });
      }
    }
  }
  return warnings;
}

const ARCHITECTURE_ASSUMPTIONS = [
  "Each queue receives its producers' shares (a filter policy's share sums the attribute probabilities of the values it " +
    "matches) and, for each message a pool processes, what the pool's emit rules send it, at the rate the messages reach " +
    "the pool's queue: a steady state without SNS delivery latency or processing lag, in which every message succeeds (one " +
    "that fails for good emits nothing, so the downstream rates are upper bounds when messages fail).",
  "An emit rule per batch is counted per message, an upper bound: a receive batch holds up to batchSize messages. A " +
    "rule of count n sends its n messages at once: the downstream queue receives them in bursts, whose waits the " +
    "closed forms (which take the first producer's arrivals, Poisson or evenly spaced) understate.",
  "Several pools reading one queue share its messages in a way only a run tells: each pool's section takes a share in " +
    "proportion to its capacity (instances × workers ÷ mean processing time, at its largest fleet); the warnings " +
    "compare their capacities summed with the queue's rate.",
  "Each pair's figures are the single-queue format's for that queue and pool alone (the sections below); a pair's " +
    "suggested sweep varies its own queue's and pool's keys in the whole architecture, so its figures include the rest.",
];

import { distributionMean, type DistributionSpec } from "../engine/distributions.js";
import { MIN_REPOLL_US } from "../consumers/worker-pool.js";
import { isHighThroughputFifo, type Scenario } from "../scenario/schema.js";
import { FIFO_CALLS_PER_SECOND_PER_ACTION } from "../sqs/fifo-limits.js";
import { expectedCount, type RateFunction } from "../traffic/rate.js";

/**
 * What a scenario asks of the simulator, from its figures alone: the quantities preflight's memory and event
 * estimates start from. Crude on purpose (means, no queueing), but never NaN or infinite where a count is meant:
 * a zero processing time with no workers is no capacity, not an infinite one.
 */
export interface ScenarioLoad {
  durationS: number;
  /** Expected messages produced over the run: ∫ rate. */
  arrivals: number;
  /** The highest summed rate (msg/s), an upper bound. */
  peakRate: number;
  /** The most instances the fleet can have: a fixed fleet's, an ASG's max (or a scheduled action's, if higher). */
  instancesMax: number;
  workersMax: number;
  /** Workers the fleet keeps without scaling out: all of a fixed fleet, an ASG's desired (or a scheduled one). */
  workersBaseline: number;
  /** Workers that can take messages: max when a policy can scale out, else the baseline. */
  workersServing: number;
  /** Seconds of processing per message (mean), and of one receive-delete round trip. */
  processingS: number;
  roundTripS: number;
  /** Receives per message: retries of transient failures (1 / (1 − p)). */
  attempts: number;
  /**
   * Messages the serving workers can take over the run, retries counted (0 without workers, Infinity when a cycle
   * takes no time), within a FIFO queue's receive quota.
   */
  capacity: number;
  /** FIFO only: messages per second the send quota lets through (3.10-3.13); Infinity for standard queues. */
  sendCapRate: number;
  /** Messages the consumers hold at once, received and not yet deleted (their batches, within the in-flight limit). */
  held: number;
  /** Messages arrived and not taken, and those held: what the queue stores at its worst. */
  backlog: number;
  /** FIFO only: messages a producer holds back at worst because the send quota refuses calls (3.10). */
  unsent: number;
  /** Seconds a polling worker waits between two empty receives. */
  emptyPollS: number;
}

export function scenarioLoad(scenario: Scenario, rates: readonly RateFunction[]): ScenarioLoad {
  const durationS = scenario.duration;
  const arrivals = rates.reduce((sum, rate) => sum + expectedCount(rate, 0, durationS), 0);
  const peakRate = rates.reduce((sum, rate) => sum + rate.maxRate(0, durationS), 0);
  const c = scenario.consumers;
  const q = scenario.queue;
  const fleet = fleetSizes(scenario);
  const processingS = distributionMean(c.processing as DistributionSpec);
  const roundTripS = q.apiLatency;
  const attempts = 1 / (1 - Math.min(c.failures.transient, 0.999));
  const workersServing = fleet.serving * c.concurrency;
  const messageS = processingS + roundTripS;
  let capacity = workersServing === 0 ? 0 : messageS > 0 ? (workersServing * durationS) / messageS : Infinity;
  // A FIFO queue answers at most its receive quota, 10 messages a call at best (3.10-3.13).
  const receiveCapRate = fifoCallRate(scenario) * c.batchSize;
  capacity = Math.min(capacity, receiveCapRate * durationS) / attempts;
  const sendCapRate = fifoCallRate(scenario) * Math.max(...scenario.producers.map((p) => p.batchSize));
  // Poison messages are never deleted: without a dead-letter queue they stay until the retention period ends.
  const stuck = q.deadLetter === undefined ? arrivals * c.failures.poison : 0;
  const untaken = excessArrivals(rates, peakRate, capacity / durationS, durationS) + stuck;
  // A message stays stored while a consumer holds it, up to the in-flight limit (1.14-1.15).
  const held = Math.min(workersServing * c.batchSize, q.inFlightLimit);
  // Nothing outlives the retention period (1.3), so the backlog is at most what arrives in one.
  const backlog = Math.min(untaken + held, peakRate * q.retention, arrivals);
  const unsent = excessArrivals(rates, peakRate, sendCapRate, durationS);
  const waitS = c.waitTime ?? q.receiveWaitTime;
  // An empty short poll is followed by the next after a round trip, but never sooner than MIN_REPOLL_US.
  const emptyPollS = waitS > 0 ? waitS + roundTripS : Math.max(roundTripS, MIN_REPOLL_US / 1e6);
  return {
    durationS, arrivals, peakRate,
    instancesMax: fleet.max, workersMax: fleet.max * c.concurrency, workersBaseline: fleet.baseline * c.concurrency,
    workersServing, processingS, roundTripS, attempts, capacity, sendCapRate, held, backlog, unsent, emptyPollS,
  };
}

/** Pieces the excess is summed over: enough that a spike is not averaged away against the quiet hours around it. */
const UNIFORM_PIECES = 1_000;
/** The most rate breaks (steps, spike corners, trace rows) a piece is cut at besides. */
const MAX_BREAKS = 10_000;

/**
 * ∫ max(0, rate − capRate) dt, piece by piece: what arrives faster than it can be taken, summed over the stretches
 * where it does. An upper bound of the largest backlog (which drains when the rate falls below capRate), and far
 * closer to it than arrivals − capacity over the whole run, which lets idle hours cancel a spike. Pieces whose
 * highest rate is within capRate are skipped; the others are cut at the rates' breaks (a spike's corners).
 */
function excessArrivals(rates: readonly RateFunction[], peakRate: number, capRate: number, durationS: number): number {
  // Nothing to walk when the rate never exceeds what can be taken (most scenarios: a sweep plans thousands).
  if (peakRate <= capRate) return 0;
  let excess = 0;
  let breaks = 0;
  for (let k = 0; k < UNIFORM_PIECES; k++) {
    const a = (durationS * k) / UNIFORM_PIECES;
    const b = (durationS * (k + 1)) / UNIFORM_PIECES;
    if (rates.reduce((sum, rate) => sum + rate.maxRate(a, b), 0) <= capRate) continue;
    const ends = [b];
    for (const rate of rates) {
      for (let t = rate.nextBreak(a); t < b && breaks < MAX_BREAKS; t = rate.nextBreak(t), breaks++) ends.push(t);
    }
    ends.sort((x, y) => x - y);
    let from = a;
    for (const to of ends) {
      if (!(to > from)) continue;
      const arrived = rates.reduce((sum, rate) => sum + expectedCount(rate, from, to), 0);
      excess += Math.max(0, arrived - capRate * (to - from));
      from = to;
    }
  }
  return excess;
}

/** Calls per second per action a FIFO queue allows (3.10-3.13); Infinity for a standard queue. */
function fifoCallRate(scenario: Scenario): number {
  const q = scenario.queue;
  if (q.type !== "fifo") return Infinity;
  if (!isHighThroughputFifo(q)) return FIFO_CALLS_PER_SECOND_PER_ACTION;
  return Math.min(q.highThroughputPartitions * FIFO_CALLS_PER_SECOND_PER_ACTION, q.highThroughputQuota);
}

/** Instance counts: the most the fleet can have, what it keeps without scaling out, and what can serve. */
function fleetSizes(scenario: Scenario): { max: number; baseline: number; serving: number } {
  const fleet = scenario.fleet;
  if (fleet.kind === "fixed") return { max: fleet.instances, baseline: fleet.instances, serving: fleet.instances };
  let max = fleet.max;
  let baseline = fleet.desired ?? fleet.min;
  let scalesOut = false;
  for (const p of fleet.policies) {
    if ("scheduled" in p) {
      // A scheduled action may raise max, and sets desired (or min) for the rest of the run.
      max = Math.max(max, p.scheduled.max ?? 0);
      baseline = Math.max(baseline, p.scheduled.desired ?? p.scheduled.min ?? 0);
    } else {
      scalesOut = true;
    }
  }
  baseline = Math.min(baseline, max);
  return { max, baseline, serving: scalesOut ? max : baseline };
}

import { distributionMean, type DistributionSpec } from "../engine/distributions.js";
import { MIN_REPOLL_US } from "../consumers/worker-pool.js";
import { isHighThroughputFifo, type Scenario } from "../scenario/schema.js";
import { FIFO_CALLS_PER_SECOND_PER_ACTION } from "../sqs/fifo-limits.js";
import { expectedCount, type RateFunction } from "../traffic/rate.js";
import { excessArrivals } from "./excess-arrivals.js";
import { groupLimit, groupShares, rateLimit } from "./take-limit.js";

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
   * takes no time), within a FIFO queue's receive quota and its groups' one batch at a time.
   */
  capacity: number;
  /** FIFO only: messages per second one message group can take (3.3); Infinity for standard queues. */
  groupRate: number;
  /** FIFO only: ReceiveMessage calls per second the quota answers (3.10-3.13); Infinity for standard queues. */
  receiveCallRate: number;
  /** FIFO only: messages per second the send quota lets through (3.10-3.13); Infinity for standard queues. */
  sendCapRate: number;
  /** Messages the consumers hold at once, received and not yet deleted (their batches, within the in-flight limit). */
  held: number;
  /** Messages waiting out a queue or producer delay at once (stored, not yet receivable). */
  delayed: number;
  /** Messages invisible after a failed receive at once, until their visibility timeout ends. */
  invisible: number;
  /** Whether those and the held ones reach the in-flight limit, past which the queue delivers nothing more. */
  saturated: boolean;
  /** Messages arrived and not taken, held, delayed and invisible: what the queue stores at its worst. */
  backlog: number;
  /** FIFO only: messages a producer holds back at worst because the send quota refuses calls (3.10). */
  unsent: number;
  /** Seconds a polling worker waits between two empty receives. */
  emptyPollS: number;
}

export function scenarioLoad(scenario: Scenario, rates: readonly RateFunction[]): ScenarioLoad {
  const durationS = scenario.duration;
  const arrivalsOf = rates.map((rate) => expectedCount(rate, 0, durationS));
  const arrivals = arrivalsOf.reduce((sum, n) => sum + n, 0);
  const peakRate = rates.reduce((sum, rate) => sum + rate.maxRate(0, durationS), 0);
  const c = scenario.consumers;
  const q = scenario.queue;
  const fleet = fleetSizes(scenario);
  const processingS = distributionMean(c.processing as DistributionSpec);
  const roundTripS = q.apiLatency;
  const attempts = 1 / (1 - Math.min(c.failures.transient, 0.999));
  const failures = failuresPerMessage(scenario);
  const workersServing = fleet.serving * c.concurrency;
  const messageS = processingS + roundTripS;
  const workerRate = workersServing === 0 ? 0 : messageS > 0 ? workersServing / messageS : Infinity;
  // A FIFO queue answers at most its receive quota, 10 messages a call at best (3.10-3.13).
  const receiveCapRate = fifoCallRate(scenario) * c.batchSize;
  const groupRate = fifoGroupRate(scenario, processingS, failures);
  const groups = q.type === "fifo" ? Math.max(...scenario.producers.map((p) => p.messageGroups?.count ?? 1)) : Infinity;
  // Retries take the workers' time; a group's rate counts its own.
  const capacity = Math.min(Math.min(workerRate, receiveCapRate) / attempts, groups * groupRate) * durationS;
  const limit = groupLimit(rateLimit(Math.min(workerRate, receiveCapRate) / attempts), groupRate, peakRate, (listed) =>
    groupShares(scenario, arrivalsOf, listed),
  );
  const sendCapRate = fifoCallRate(scenario) * Math.max(...scenario.producers.map((p) => p.batchSize));
  // Poison messages are never deleted: without a dead-letter queue they stay until the retention period ends.
  const stuck = q.deadLetter === undefined ? arrivals * c.failures.poison : 0;
  // A message stays stored while a consumer holds it, up to the in-flight limit (1.14-1.15); a FIFO group, one batch.
  const held = Math.min(workersServing * c.batchSize, q.inFlightLimit, groups * c.batchSize);
  // Stored but not receivable yet: messages waiting out a delay (1.5-1.6), and failed ones invisible until their
  // visibility timeout ends (1.32), at most what arrives in that time.
  const delayed = delayedMessages(scenario, rates, arrivalsOf);
  const takenRate = Math.min(peakRate, capacity / durationS);
  const invisible = Math.min(arrivals, takenRate * failures * Math.min(invisibleS(scenario), durationS));
  // A queue at its in-flight limit delivers nothing more until some become visible (1.14-1.15): all may stay.
  const saturated = invisible + held >= q.inFlightLimit;
  const untaken = saturated ? arrivals : excessArrivals(rates, peakRate, limit, durationS) + stuck;
  // Nothing outlives the retention period (1.3), so the backlog is at most what arrives in one.
  const backlog = Math.min(untaken + held + delayed + invisible, peakRate * q.retention, arrivals);
  const unsent = excessArrivals(rates, peakRate, rateLimit(sendCapRate), durationS);
  const waitS = c.waitTime ?? q.receiveWaitTime;
  // An empty short poll is followed by the next after a round trip, but never sooner than MIN_REPOLL_US.
  const emptyPollS = waitS > 0 ? waitS + roundTripS : Math.max(roundTripS, MIN_REPOLL_US / 1e6);
  return {
    durationS,
    arrivals,
    peakRate,
    instancesMax: fleet.max,
    workersMax: fleet.max * c.concurrency,
    workersBaseline: fleet.baseline * c.concurrency,
    workersServing,
    processingS,
    roundTripS,
    attempts,
    capacity,
    groupRate,
    receiveCallRate: fifoCallRate(scenario),
    sendCapRate,
    held,
    delayed,
    invisible,
    saturated,
    backlog,
    unsent,
    emptyPollS,
  };
}

/**
 * Failed receives a message has within the run: transient failures come again after each visibility timeout, as
 * often as the run leaves time for (t + t² + … over that many returns); a poison message until it is dead-lettered.
 * Poison messages without a dead-letter queue are counted as stuck instead.
 */
function failuresPerMessage(scenario: Scenario): number {
  const { transient, poison } = scenario.consumers.failures;
  const returns = Math.max(1, Math.ceil(scenario.duration / Math.max(invisibleS(scenario), 1e-6)));
  const t = Math.min(transient, 0.999);
  const dlq = scenario.queue.deadLetter;
  return (t * (1 - t ** returns)) / (1 - t) + (dlq === undefined ? 0 : poison * Math.min(dlq.maxReceiveCount, returns));
}

/** How long a failed message stays invisible: the visibility timeout, or a heartbeat's last extension (1.26). */
function invisibleS(scenario: Scenario): number {
  return Math.max(scenario.queue.visibilityTimeout, scenario.consumers.heartbeat?.extendBy ?? 0);
}

/** Messages waiting out a producer's delay or the queue's at once: each producer's peak rate × its delay. */
function delayedMessages(scenario: Scenario, rates: readonly RateFunction[], arrivalsOf: readonly number[]): number {
  return scenario.producers.reduce((sum, p, i) => {
    // A message timer overrides the queue delay (1.6); FIFO takes the queue's alone (3.9).
    const delayS = scenario.queue.type === "fifo" ? scenario.queue.delay : (p.delay ?? scenario.queue.delay);
    return sum + Math.min(arrivalsOf[i]!, rates[i]!.maxRate(0, scenario.duration) * delayS);
  }, 0);
}

/**
 * FIFO: the messages a second one message group can take. It has at most one batch in flight (3.3): a batch is
 * processed message after message, deleted a round trip later, and a failure leaves the group blocked until the
 * failed message is visible again. Infinity for a standard queue, whose groups (fair queues) do not block.
 */
function fifoGroupRate(scenario: Scenario, processingS: number, failures: number): number {
  if (scenario.queue.type !== "fifo") return Infinity;
  const b = scenario.consumers.batchSize;
  const perMessageS = processingS * (1 + failures) + scenario.queue.apiLatency / b + failures * invisibleS(scenario);
  return perMessageS > 0 ? 1 / perMessageS : Infinity;
}

/** Calls per second per action a FIFO queue allows (3.10-3.13); Infinity for a standard queue. */
function fifoCallRate(scenario: Scenario): number {
  const q = scenario.queue;
  if (q.type !== "fifo") return Infinity;
  if (!isHighThroughputFifo(q)) return FIFO_CALLS_PER_SECOND_PER_ACTION;
  // Automatic partitions (3.12) grow to the regional quota; a fixed count caps it.
  if (q.highThroughputPartitions === undefined) return q.highThroughputQuota;
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

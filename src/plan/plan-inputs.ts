// What the closed forms need from a scenario, derived once: fleet bounds, workers, the processing laws, the work a
// message costs with its retries, the arrival variability and the polling mode.
import { type DistributionSpec } from "../engine/distributions.js";
import { type Scenario } from "../scenario/schema.js";
import { buildRate } from "../traffic/rate.js";
import { batchLaw, processingLaw, scv, type Law } from "./quantiles.js";
import { trafficPhases, type TrafficPhase } from "./traffic-phases.js";

export interface PlanInputs {
  scenario: Scenario;
  fleetKind: "fixed" | "asg";
  minInstances: number;
  maxInstances: number;
  /** consumers.concurrency: workers per instance. */
  k: number;
  batchSize: number;
  /** One message's processing time. */
  processing: Law;
  /** A full receive batch processed one message after another: how long a message can stay in flight. */
  batch: Law;
  /** Expected processing attempts per message (retries of transient failures, poison messages up to the DLQ). */
  attempts: number;
  /** Failed attempts per message: each leaves the message invisible until its visibility timeout ends. */
  failedAttempts: number;
  /**
   * e: the share of receives still being processed when their visibility timeout ends (0 with a heartbeat). Each
   * comes back and is processed again beside the first (aws-behaviour 1.32, 12.2), so a message costs 1/(1 − e) times
   * the processing (the copy can outlive its timeout too).
   */
  expiry: number;
  /** W = attempts × E[S] ÷ (1 − e): worker time one message costs, seconds. */
  work: number;
  /** Squared coefficient of variation of interarrival times: 1 Poisson, 0 evenly spaced (arrival-weighted). */
  arrivalScv: number;
  /** Squared coefficient of variation of processing time. */
  serviceScv: number;
  /** WaitTimeSeconds each receive uses (consumers.waitTime, else queue.receiveWaitTime); 0 is short polling. */
  waitTime: number;
  /** Which field sets waitTime, for warnings. */
  waitTimePath: string;
  whole: TrafficPhase;
  phases: TrafficPhase[];
}

/**
 * Attempts per message: a healthy message is tried until it succeeds, at most M = maxReceiveCount times with a
 * dead-letter queue (aws-behaviour 1.18: it moves once its receive count exceeds M), so Σ_{i<M} pⁱ = (1 − p^M)/(1 − p)
 * attempts; a poison message is tried M times. Without a dead-letter queue poison messages cycle until retention
 * deletes them, which no per-message figure captures: they are left out here and a warning names them.
 */
export function expectedAttempts(transient: number, poison: number, maxReceiveCount: number | undefined): number {
  const p = transient;
  const healthy = p >= 1 ? (maxReceiveCount ?? Infinity) : maxReceiveCount === undefined ? 1 / (1 - p) : (1 - Math.pow(p, maxReceiveCount)) / (1 - p);
  return (1 - poison) * healthy + poison * (maxReceiveCount ?? 0);
}

/** Successful attempts per message: a healthy message that does not fail M times in a row (none without a DLQ fails for good). */
export function expectedSuccesses(transient: number, poison: number, maxReceiveCount: number | undefined): number {
  const healthy = maxReceiveCount === undefined ? (transient >= 1 ? 0 : 1) : 1 - Math.pow(transient, maxReceiveCount);
  return (1 - poison) * healthy;
}

export function planInputs(scenario: Scenario): PlanInputs {
  const c = scenario.consumers;
  const fleet = scenario.fleet;
  const spec = c.processing as DistributionSpec;
  const processing = processingLaw(spec);
  const maxReceiveCount = scenario.queue.deadLetter?.maxReceiveCount;
  const attempts = expectedAttempts(c.failures.transient, c.failures.poison, maxReceiveCount);
  const batch = batchLaw(spec, c.batchSize);
  const expiry = c.heartbeat === undefined ? 1 - batch.cdf(scenario.queue.visibilityTimeout) : 0;
  const { whole, phases } = trafficPhases(scenario);
  // Each producer's expected arrivals weigh its arrival process (a blend: superposed streams are not renewal).
  let weight = 0;
  let weighted = 0;
  for (const p of scenario.producers) {
    const arrivals = buildRate(p.traffic).integral(0, scenario.duration);
    weight += arrivals;
    weighted += arrivals * (p.arrivals === "uniform" ? 0 : 1);
  }
  return {
    scenario,
    fleetKind: fleet.kind,
    minInstances: fleet.kind === "fixed" ? fleet.instances : fleet.min,
    maxInstances: fleet.kind === "fixed" ? fleet.instances : fleet.max,
    k: c.concurrency,
    batchSize: c.batchSize,
    processing,
    batch,
    attempts,
    failedAttempts: attempts - expectedSuccesses(c.failures.transient, c.failures.poison, maxReceiveCount),
    expiry,
    work: (attempts * processing.mean) / (1 - expiry),
    arrivalScv: weight > 0 ? weighted / weight : 1,
    serviceScv: scv(processing),
    waitTime: c.waitTime ?? scenario.queue.receiveWaitTime,
    waitTimePath: c.waitTime !== undefined ? "consumers.waitTime" : "queue.receiveWaitTime",
    whole,
    phases,
  };
}

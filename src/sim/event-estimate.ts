import { FIRST_BACKOFF_MEAN_US } from "../engine/backoff.js";
import { type Scenario } from "../scenario/schema.js";
import { type RateFunction } from "../traffic/rate.js";
import { CompiledRate } from "../traffic/rate.js";
import { estimateActivities } from "./activity-estimate.js";
import { type EstimateTerm, trafficField } from "./estimate-terms.js";
import { type ScenarioLoad } from "./scenario-load.js";
import { seriesShape } from "./series-shape.js";

/**
 * The events a run will process, counted as the run loop counts them (limits.maxEvents), plus the steps of traffic
 * computation that are not events but cost as much (a diurnal wave is walked a quarter period at a time, a looping
 * trace a row at a time). Expected values, leaning high where the model's behaviour depends on timing: every
 * delivery is counted as its own receive (batches that fill up halve or better the true count).
 */
export function estimateEvents(scenario: Scenario, load: ScenarioLoad, rates: readonly RateFunction[]): EstimateTerm[] {
  const c = scenario.consumers;
  const q = scenario.queue;
  const d = load.durationS;
  const fleetField = scenario.fleet.kind === "fixed" ? "fleet.instances" : "fleet.desired";
  const deliveries = Math.min(load.arrivals, load.capacity) * load.attempts * (1 + q.duplicateDeliveryRate);
  const busyS = Math.min(deliveries * load.processingS, load.workersMax * d);
  const idleS = Math.max(0, load.workersBaseline * d - busyS - deliveries * load.roundTripS);
  // An empty long poll ends at the queue's timer; a short poll comes back on its own.
  const perEmptyPoll = (c.waitTime ?? q.receiveWaitTime) > 0 ? 2 : 1;
  // A FIFO queue answers at most its receive quota (3.10); the calls above it are throttled, and retried after a
  // backoff (50 ms at first on average), so idle workers cannot poll faster than that.
  const throttledPollS = load.roundTripS + FIRST_BACKOFF_MEAN_US / 1e6;
  const emptyPolls = Math.min(idleS / load.emptyPollS, load.receiveCallRate * d + idleS / throttledPollS);
  const terms: EstimateTerm[] = [
    { what: "arrivals", count: load.arrivals, each: 1, field: trafficField(scenario) },
    ...batchWindows(scenario, load),
    { what: "receives and deletes", count: deliveries, each: 2, field: trafficField(scenario) },
    { what: "empty receives", count: emptyPolls, each: perEmptyPoll, field: fleetField },
    { what: "redeliveries and delays", count: queueTimers(scenario, load), each: 1, field: "consumers.failures" },
    { what: "metric periods", count: seriesShape(scenario).rows, each: 1, field: "metrics.period" },
    launchTerm(scenario, load),
  ];
  const heartbeat = c.heartbeat;
  if (heartbeat !== undefined) terms.push({ what: "heartbeats", count: busyS / heartbeat.every, each: 1, field: "consumers.heartbeat.every" });
  if (scenario.fleet.kind === "asg") {
    // Datapoints are recorded and alarms evaluated once per CloudWatch period.
    terms.push({ what: "CloudWatch periods", count: d / scenario.cloudwatch.period, each: 2, field: "cloudwatch.period" });
  }
  terms.push(...trafficSteps(scenario, rates));
  return terms;
}

/**
 * Instance launches: the fleet's, and as many more as an Auto Scaling group's policies can make (a group that
 * flaps launches again and again). Each is an event, and so is each of its workers' first receive; a draining
 * termination may end in a timeout.
 */
function launchTerm(scenario: Scenario, load: ScenarioLoad): EstimateTerm {
  const fleet = scenario.fleet;
  const each = 1 + scenario.consumers.concurrency + (fleet.kind === "asg" && fleet.termination !== "abrupt" ? 1 : 0);
  if (fleet.kind === "fixed") return { what: "instance launches", count: load.instancesMax, each, field: "fleet.instances" };
  const more = estimateActivities(scenario).launches;
  return { what: "instance launches", count: load.instancesMax + more, each, field: more > fleet.max ? "fleet.policies" : "fleet.max" };
}

/** A producer with batches waits for each batch's window to end unless the batch fills first. */
function batchWindows(scenario: Scenario, load: ScenarioLoad): EstimateTerm[] {
  return scenario.producers.flatMap((p, i) => {
    if (p.batchSize === 1 || load.arrivals === 0) return [];
    const share = load.arrivals / scenario.producers.length;
    const perWindow = Math.min(p.batchSize, Math.max(1, (share / load.durationS) * p.batchWindow));
    return [{ what: "batch windows", count: share / perWindow, each: 1, field: `producers.${i}.batchWindow` }];
  });
}

/** The queue's timer: a failed delivery's visibility timeout, a delayed message, a poison message's receives. */
function queueTimers(scenario: Scenario, load: ScenarioLoad): number {
  const q = scenario.queue;
  const failures = scenario.consumers.failures;
  const delayed = q.delay > 0 || scenario.producers.some((p) => (p.delay ?? 0) > 0) ? load.arrivals : 0;
  // A poison message comes back after each visibility timeout until it is dead-lettered or its retention ends.
  const returns =
    q.deadLetter !== undefined
      ? q.deadLetter.maxReceiveCount
      : Math.min(q.retention, load.durationS) / Math.max(q.visibilityTimeout + load.processingS + load.roundTripS, 1e-6);
  return load.arrivals * (load.attempts - 1) + delayed + load.arrivals * failures.poison * returns;
}

/** Walking a diurnal wave a quarter period at a time, and a looping trace a row at a time. */
function trafficSteps(scenario: Scenario, rates: readonly RateFunction[]): EstimateTerm[] {
  const terms: EstimateTerm[] = [];
  rates.forEach((rate, i) => {
    if (!(rate instanceof CompiledRate)) return;
    if (rate.waves !== null) {
      terms.push({ what: "diurnal quarter-periods walked", count: scenario.duration / rate.waves.chunk, each: 1, field: `producers.${i}.traffic` });
    }
    for (const loop of rate.loops) {
      terms.push({ what: "looping trace rows walked", count: (scenario.duration / loop.period) * loop.rows, each: 1, field: `producers.${i}.traffic` });
    }
  });
  return terms;
}

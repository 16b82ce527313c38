import { distributionMean, type DistributionSpec } from "../engine/distributions.js";
import { type Scenario } from "../scenario/schema.js";
import { TO_AWS_COMPARISON } from "../scaling/autoscaler.js";
import { validateSteps } from "../scaling/policies/step-scaling.js";
import { buildRate, expectedCount, type RateFunction } from "../traffic/rate.js";

/**
 * Checks a valid scenario against what only the model can tell, before anything runs: that each producer's summed
 * traffic never goes below 0 (negative steps), and that the backlog cannot outgrow limits.maxStoredMessages.
 * Returns one message per problem, each naming the field ("producers.0.traffic: …"); empty when the run may go.
 */
export function preflight(scenario: Scenario): string[] {
  const problems: string[] = [];
  const rates: RateFunction[] = [];
  scenario.producers.forEach((p, i) => {
    try {
      rates.push(buildRate(p.traffic));
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^traffic(\[\d+\])?[^:]*: /, "") : String(error);
      problems.push(`producers.${i}.traffic: ${message}`);
    }
  });
  problems.push(...policyProblems(scenario));
  if (problems.length > 0) return problems;
  const backlog = backlogEstimate(scenario, rates);
  const maxStored = scenario.limits.maxStoredMessages;
  if (backlog.messages > maxStored) {
    const n = (x: number) => Math.round(x).toLocaleString("en-US");
    problems.push(
      `limits.maxStoredMessages: this run would hold about ${n(backlog.messages)} messages at once ` +
        `(${n(backlog.arrivals)} expected arrivals, consumers able to take about ${n(backlog.capacity)}), ` +
        `above the limit of ${n(maxStored)}; raise it if the machine has about ` +
        `${Math.ceil((backlog.messages * 64) / 1e9)} GB to spare`,
    );
  }
  return problems;
}

/**
 * Expected arrivals minus what the fleet can process at its mean rate: a crude bound, but it catches
 * "consumers stopped for a week at 10k/s" before memory runs out.
 */
function backlogEstimate(scenario: Scenario, rates: readonly RateFunction[]) {
  const arrivals = rates.reduce((sum, rate) => sum + expectedCount(rate, 0, scenario.duration), 0);
  const c = scenario.consumers;
  const instances = scenario.fleet.kind === "fixed" ? scenario.fleet.instances : scenario.fleet.max;
  const workers = instances * c.concurrency;
  const meanS = distributionMean(c.processing as DistributionSpec) + scenario.queue.apiLatency;
  const capacity = meanS > 0 ? (workers * scenario.duration) / meanS : Infinity;
  return { arrivals, capacity, messages: arrivals - capacity };
}

/** Step adjustments must cover their side of the threshold without overlaps or gaps (AWS-FACTS 7.7). */
function policyProblems(scenario: Scenario): string[] {
  const fleet = scenario.fleet;
  if (fleet.kind !== "asg") return [];
  const problems: string[] = [];
  fleet.policies.forEach((p, i) => {
    if (!("stepScaling" in p)) return;
    const s = p.stepScaling;
    for (const problem of validateSteps(s.steps, TO_AWS_COMPARISON[s.alarm.comparison])) {
      problems.push(`fleet.policies.${i}.stepScaling.${problem}`);
    }
  });
  return problems;
}

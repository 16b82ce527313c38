import { formatDuration, formatSize, formatSizeLimit, groupThousands } from "../engine/units.js";
import { type Scenario } from "../scenario/schema.js";
import { TO_AWS_COMPARISON } from "../scaling/autoscaler.js";
import { validateSteps } from "../scaling/policies/step-scaling.js";
import { buildRate, expectedCount, type RateFunction } from "../traffic/rate.js";
import { bytesText, countText, type EstimateTerm, largestTerms, termTotal } from "./estimate-terms.js";
import { estimateActivities } from "./activity-estimate.js";
import { estimateEvents } from "./event-estimate.js";
import { estimateMemory, MESSAGE_BYTES, type MemoryEstimate } from "./memory-estimate.js";
import { type ScenarioLoad, scenarioLoad } from "./scenario-load.js";
import { MAX_STRING_CHARS, seriesShape } from "./series-shape.js";

/** What preflight knows of the process that will run the scenario (model code cannot ask Node itself). */
export interface PreflightHost {
  /** V8's heap limit (v8.getHeapStatistics().heap_size_limit); when absent the heap is not checked. */
  heapLimitBytes?: number;
}

/**
 * The JavaScript heap a run may plan to fill: V8 collects garbage ever harder as the heap nears its limit and
 * aborts the process at it, and an estimate is only an estimate.
 */
const HEAP_BUDGET = 0.75;

/**
 * Checks a valid scenario against what only the model can tell, before anything runs: that each producer's summed
 * traffic never goes below 0 (negative steps), that the step adjustments cover their alarm, and that the run fits
 * in limits.maxStoredMessages, limits.maxMemory, Node's heap, one string for timeseries.csv, and limits.maxEvents.
 * Returns one message per problem, each naming the field ("producers.0.traffic: …"); empty when the run may go.
 */
export function preflight(scenario: Scenario, host: PreflightHost = {}): string[] {
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
  rates.forEach((rate, i) => {
    const count = expectedCount(rate, 0, scenario.duration);
    if (!Number.isFinite(count)) problems.push(`producers.${i}.traffic: adds up to more messages over the run than can be counted (${count}); lower the rates`);
  });
  if (problems.length > 0) return problems;
  const load = scenarioLoad(scenario, rates);
  problems.push(...storedProblems(scenario, load), ...seriesProblems(scenario), ...activityProblems(scenario));
  problems.push(...memoryProblems(scenario, load, host));
  problems.push(...eventProblems(scenario, load, rates));
  return problems;
}

/** The estimates preflight checks, for a scenario whose traffic compiles (benchmarks and tests compare them with runs). */
export function runEstimates(scenario: Scenario): { load: ScenarioLoad; memory: MemoryEstimate; events: number; eventTerms: EstimateTerm[] } {
  const rates = scenario.producers.map((p) => buildRate(p.traffic));
  const load = scenarioLoad(scenario, rates);
  const eventTerms = estimateEvents(scenario, load, rates);
  return { load, memory: estimateMemory(scenario, load), events: termTotal(eventTerms), eventTerms };
}

/**
 * The memory one run of the scenario is estimated to take at its peak, in bytes: the total preflight holds against
 * limits.maxMemory (BASE_BYTES of Node and the report included, once per process), for a sweep that runs several at
 * once (each worker thread holds its own run). Pure; for a scenario preflight accepts it is finite; Infinity when the
 * scenario's traffic does not compile (preflight refuses those).
 */
export function runMemoryBytes(scenario: Scenario): number {
  let rates: RateFunction[];
  try {
    rates = scenario.producers.map((p) => buildRate(p.traffic));
  } catch {
    return Infinity;
  }
  return estimateMemory(scenario, scenarioLoad(scenario, rates)).total;
}

// "Above the limit" is written !(x <= limit) throughout, so that an estimate gone NaN refuses rather than passes.

function storedProblems(scenario: Scenario, load: ScenarioLoad): string[] {
  const maxStored = scenario.limits.maxStoredMessages;
  if (load.backlog <= maxStored) return [];
  return [
    `limits.maxStoredMessages: this run would hold about ${countText(load.backlog)} messages at once ` +
      `(${backlogParts(load).join(", ")}), above the limit of ${groupThousands(maxStored)}; raise it if the machine has about ` +
      `${bytesText(load.backlog * MESSAGE_BYTES)} to spare`,
  ];
}

/** What the backlog estimate is made of, in words: the parts that are not 0. */
function backlogParts(load: ScenarioLoad): string[] {
  const groups = load.groupRate < Infinity ? ` (a message group at most ${rateText(load.groupRate)} msg/s, one batch at a time)` : "";
  const parts = [
    `${countText(load.arrivals)} expected arrivals`,
    `consumers able to take about ${countText(load.capacity)}${groups} and holding up to ${countText(load.held)} at a time`,
  ];
  if (load.delayed > 0) parts.push(`${countText(load.delayed)} waiting out a delay`);
  if (load.invisible > 0) parts.push(`${countText(load.invisible)} invisible after failed receives`);
  if (load.saturated) parts.push("which reach the in-flight limit, past which nothing more is delivered");
  return parts;
}

/** "0.99", "250", "1,200": a rate with two significant decimals below 10. */
function rateText(rate: number): string {
  return rate < 10 ? String(Number(rate.toPrecision(2))) : countText(rate);
}

/** timeseries.csv is built as one string, which V8 caps. */
function seriesProblems(scenario: Scenario): string[] {
  const { rows, columns, charsPerValue } = seriesShape(scenario);
  const chars = rows * columns * charsPerValue;
  if (chars <= MAX_STRING_CHARS) return [];
  const shortest = Math.ceil((scenario.duration * columns * charsPerValue) / MAX_STRING_CHARS);
  return [
    `metrics.period: ${formatDuration(scenario.metrics.period)} over ${formatDuration(scenario.duration)} makes ` +
      `${countText(rows)} rows of ${columns} columns, about ${bytesText(chars)} of timeseries.csv, more than Node ` +
      `can hold in one string (${formatSize(2 ** 29)}); use a metrics.period of at least ${formatDuration(shortest)}, or a shorter duration`,
  ];
}

/** activities.csv is built as one string too: alarms that flip every period can fill it. */
function activityProblems(scenario: Scenario): string[] {
  const { alarmRows, scalingRows, chars } = estimateActivities(scenario);
  if (chars <= MAX_STRING_CHARS) return [];
  const scaling = scalingRows > 0 ? ` and the policies change the desired capacity about ${countText(scalingRows)} times` : "";
  return [
    `fleet.policies: over ${formatDuration(scenario.duration)} the alarms may change state about ${countText(alarmRows)} times` +
      `${scaling}, about ${bytesText(chars)} of activities.csv, more than Node can hold in one string ` +
      `(${formatSize(2 ** 29)}); use fewer policies, longer alarm periods (or more datapoints to alarm), or a shorter duration`,
  ];
}

function memoryProblems(scenario: Scenario, load: ScenarioLoad, host: PreflightHost): string[] {
  const memory = estimateMemory(scenario, load);
  const limit = scenario.limits.maxMemory;
  if (!(memory.total <= limit)) {
    const biggest = largestTerms(memory.terms.filter((t) => t.field !== ""))[0];
    const lower = biggest === undefined || biggest.field.startsWith("limits.") ? "" : `, or lower ${biggest.field}`;
    return [
      `limits.maxMemory: this run would need about ${bytesText(memory.total)} (${breakdown(memory.terms, bytesText)}), ` +
        `above the limit of ${formatSizeLimit(limit)}; raise limits.maxMemory if the machine has it${lower}`,
    ];
  }
  const heapLimit = host.heapLimitBytes;
  if (heapLimit === undefined || memory.heap <= heapLimit * HEAP_BUDGET) return [];
  const field = largestTerms(memory.heapTerms.filter((t) => t.field !== ""))[0]?.field ?? "limits.maxMemory";
  return [
    `${field}: this run would keep about ${bytesText(memory.heap)} on Node's JavaScript heap ` +
      `(${breakdown(memory.heapTerms, bytesText)}), above the ${bytesText(heapLimit * HEAP_BUDGET)} it can safely hold ` +
      `(three quarters of its ${bytesText(heapLimit)} limit); lower ${field}, or give Node a larger heap ` +
      `(NODE_OPTIONS=--max-old-space-size=<MiB>)`,
  ];
}

function eventProblems(scenario: Scenario, load: ScenarioLoad, rates: readonly RateFunction[]): string[] {
  const terms = estimateEvents(scenario, load, rates);
  const events = termTotal(terms);
  const limit = scenario.limits.maxEvents;
  if (events <= limit) return [];
  return [
    `limits.maxEvents: this run would process about ${countText(events)} events ` +
      `(${breakdown(terms, countText)}), above the limit of ${groupThousands(limit)}; raise limits.maxEvents to let it ` +
      `run (a few million events take a second), or lower ${largestTerms(terms)[0]?.field ?? "duration"}`,
  ];
}

/** "1,000 workers × 320 B, 10 instances × 400 B": the three largest terms (the base cost of Node left out). */
function breakdown(terms: readonly EstimateTerm[], show: (n: number) => string): string {
  return largestTerms(terms.filter((t) => t.field !== ""))
    .map((t) => (t.each === 1 ? `${countText(t.count)} ${t.what}` : `${countText(t.count)} ${t.what} × ${show(t.each)}`))
    .join(", ");
}

/** Step adjustments must cover their side of the threshold without overlaps or gaps (aws-behaviour 7.7). */
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

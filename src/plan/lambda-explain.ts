// `sqs-sim explain` for a Lambda pool (consumers.platform: lambda, aws-behaviour §8): the concurrency the load needs
// (Little's law), what caps it, how long the mapping's scaling rule takes to get there, the function's cost, and the
// visibility-timeout and redrive advice AWS gives for Lambda.
import { type Scenario } from "../scenario/schema.js";
import { lambdaSchema } from "../scenario/lambda-schema.js";
import { type RunSummary } from "../sim/result.js";
import { ESM_SCALING_RULES, ESM_TICK_US, mappingLimits } from "../scaling/lambda/esm-scaler.js";
import { type Explanation, type Figure, type PhaseColumn, type Section, type SuggestedSweep, type Warning } from "./explanation.js";
import { formatDuration } from "../engine/units.js";
import { num } from "./format.js";
import { planInputs } from "./plan-inputs.js";
import { type TrafficPhase } from "./traffic-phases.js";

/** GB-second prices by architecture, first tier (aws-behaviour 10.5); the run's build-lambda uses the same. */
const GB_SECOND_USD = { x86_64: 0.0000166667, arm64: 0.0000133334 } as const;
/** AWS asks for a queue visibility timeout of 6 × the function timeout, plus the batching window (8.9). */
const VISIBILITY_TIMES_TIMEOUT = 6;
/** …and a maxReceiveCount of at least 5 on the source queue (8.10). */
const MIN_MAX_RECEIVE_COUNT = 5;

interface LambdaPlan {
  scenario: Scenario;
  /** FIFO: at most one batch of a message group at a time, so no more concurrency than groups (8.12); else Infinity. */
  groups: number;
  /** Worker-seconds one message costs: attempts × E[S]. */
  work: number;
  /** The most concurrent invocations the mapping may reach: its rule's maximum and MaximumConcurrency. */
  mappingCap: number;
  /** What the function allows: reserved concurrency, else the account's. */
  functionLimit: number;
  initial: number;
  perMinute: number;
  batchSize: number;
}

const fig = (f: Figure): Figure => f;
const formatSeconds = (s: number): string => formatDuration(s, "rounded");
/** A figure's value to `digits` decimals (the text shows four significant digits of it). */
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Seconds the mapping needs to go from its start to `target` concurrent invocations under a steady backlog. */
/** The most concurrent invocations the pool can have: the mapping's cap, the function's limit, on FIFO the groups. */
function reachableConcurrency(plan: LambdaPlan): number {
  return Math.min(plan.mappingCap, plan.functionLimit, plan.groups);
}

function secondsToReach(plan: LambdaPlan, target: number): number | null {
  const reachable = reachableConcurrency(plan);
  if (target > reachable) return null;
  if (target <= plan.initial) return 0;
  const step = (plan.perMinute * ESM_TICK_US) / 60e6;
  return Math.ceil((target - plan.initial) / step) * (ESM_TICK_US / 1e6);
}

function phaseFigures(plan: LambdaPlan, phase: TrafficPhase, simulated: RunSummary | undefined): Figure[] {
  const needed = Math.ceil(phase.peakRate * plan.work);
  const reach = secondsToReach(plan, needed);
  const l = plan.scenario.consumers.lambda ?? lambdaSchema.parse({});
  const memoryGb = l.memory / 1024;
  const gbSecondUsd = l.prices.gbSecondUsd ?? GB_SECOND_USD[l.architecture];
  // Without a batching window a poller invokes what one receive returned: about one message an invocation unless
  // messages wait; with one, batches fill up to batchSize.
  const perInvocation = l.maximumBatchingWindow > 0 ? plan.batchSize : 1;
  // Provisioned mode (8.6): the event pollers the mean concurrency needs, at least the minimum, each billed an hour.
  const pp = l.provisionedPollers;
  const running = Math.min(phase.meanRate * plan.work, reachableConcurrency(plan));
  const pollersUsd = pp === undefined ? 0 : Math.min(pp.max, Math.max(pp.min, Math.ceil(running / pp.concurrencyPerPoller))) * pp.hourlyUsd;
  const costPerHour =
    phase.meanRate * 3600 * (plan.work * memoryGb * gbSecondUsd) +
    ((phase.meanRate * 3600) / perInvocation) * (l.prices.requestsPerMillionUsd / 1e6) +
    pollersUsd;
  return [
    fig({ key: "arrivals.mean", label: "arrival rate, mean", value: round(phase.meanRate), unit: "msg/s", formula: "λ̄" }),
    fig({ key: "arrivals.peak", label: "arrival rate, peak", value: round(phase.peakRate), unit: "msg/s", formula: "λ max" }),
    fig({
      key: "lambda.meanConcurrency",
      label: "concurrency, mean",
      value: round(phase.meanRate * plan.work),
      unit: "count",
      formula: "λ̄ × W (Little's law)",
      worked: `${num(phase.meanRate)} × ${formatSeconds(plan.work)}`,
      ...(simulated?.lambda !== undefined ? { simulated: simulated.lambda.meanConcurrency } : {}),
    }),
    fig({
      key: "lambda.concurrencyNeeded",
      label: "concurrency needed at the peak",
      value: needed,
      unit: "count",
      formula: "⌈λ max × W⌉ (Little's law)",
      worked: `⌈${num(phase.peakRate)} × ${formatSeconds(plan.work)}⌉`,
    }),
    fig({
      key: "lambda.timeToConcurrency",
      label: "time for the mapping to reach it",
      value: reach,
      unit: "s",
      formula: "⌈(needed − start) ÷ step⌉ × 10 s",
      source: "aws-behaviour 8.2-8.3",
      ...(reach === null ? { note: "never: above what the mapping, the function or the message groups allow" } : {}),
    }),
    fig({
      key: "lambda.costPerHour",
      label: "function cost at the mean rate",
      value: round(costPerHour, 4),
      unit: "USD/h",
      formula:
        (l.maximumBatchingWindow > 0
          ? "λ̄ × 3600 × (W × GB × price) + λ̄ × 3600 ÷ batch size × request price (full batches)"
          : "λ̄ × 3600 × (W × GB × price) + λ̄ × 3600 × request price (no window: about one message an invocation)") +
        (pp === undefined ? "" : " + min(max pollers, max(min pollers, ⌈λ̄ × W ÷ concurrency per poller⌉)) × poller-hour price"),
      source: "aws-behaviour 10.5",
    }),
  ];
}

export function explainLambda(scenario: Scenario, simulated?: RunSummary, runDirectory?: string): Explanation {
  const inputs = planInputs(scenario);
  const l = scenario.consumers.lambda ?? lambdaSchema.parse({});
  const limits = mappingLimits(l);
  const pp = l.provisionedPollers;
  const fifo = scenario.queue.type === "fifo";
  const groups = fifo ? scenario.producers.reduce((n, p) => n + (p.messageGroups?.count ?? 1), 0) : Infinity;
  const plan: LambdaPlan = {
    scenario,
    groups,
    work: inputs.attempts * inputs.processing.mean,
    mappingCap: limits.max,
    functionLimit: l.reservedConcurrency ?? l.accountConcurrency,
    initial: limits.initial,
    perMinute: limits.perMinute,
    batchSize: l.batchSize,
  };
  const columns: PhaseColumn[] = [inputs.whole, ...inputs.phases].map((phase, i) => ({
    id: i === 0 ? "whole" : `phase-${i}`,
    title: i === 0 ? "whole run" : `${formatSeconds(phase.startSeconds)}–${formatSeconds(phase.endSeconds)}`,
    cause: i === 0 ? "whole run" : phase.cause,
    startSeconds: phase.startSeconds,
    endSeconds: phase.endSeconds,
    figures: phaseFigures(plan, phase, i === 0 ? simulated : undefined),
  }));
  const visibilityAdvice = VISIBILITY_TIMES_TIMEOUT * l.timeout + l.maximumBatchingWindow;
  const sections: Section[] = [
    {
      id: "lambda",
      title: "Lambda: the function and its event source mapping",
      figures: [
        fig({
          key: "processing.work",
          label: "function time per message",
          value: plan.work,
          unit: "s",
          formula: "W = attempts × E[S]",
          worked: `${num(inputs.attempts)} × ${formatSeconds(inputs.processing.mean)}`,
        }),
        fig({
          key: "lambda.start",
          label: "concurrency the mapping starts with",
          value: plan.initial,
          unit: "count",
          formula: pp !== undefined ? "provisionedPollers.min × concurrencyPerPoller" : "5 (or MaximumConcurrency)",
          source: pp !== undefined ? "aws-behaviour 8.6" : "aws-behaviour 8.2",
        }),
        fig({
          key: "lambda.perMinute",
          label: "concurrency added a minute while messages wait",
          value: plan.perMinute,
          unit: "count",
          formula: pp !== undefined ? "provisioned mode" : `scalingRules ${l.scalingRules}`,
          source: pp !== undefined ? "aws-behaviour 8.6" : "aws-behaviour 8.2-8.3",
        }),
        fig({
          key: "lambda.mappingCap",
          label: "the most the mapping runs",
          value: plan.mappingCap,
          unit: "count",
          formula:
            pp !== undefined
              ? "min(provisionedPollers.max × concurrencyPerPoller, 20,000)"
              : l.maximumConcurrency === undefined
                ? "the rule's maximum"
                : "min(rule's maximum, MaximumConcurrency)",
          source: pp !== undefined ? "aws-behaviour 8.6" : "aws-behaviour 8.3, 8.5",
        }),
        fig({
          key: "lambda.functionLimit",
          label: "the function's concurrency",
          value: plan.functionLimit,
          unit: "count",
          formula: l.reservedConcurrency === undefined ? "the account's unreserved pool" : "reserved concurrency",
          source: "aws-behaviour 8.13",
        }),
      ],
    },
    {
      id: "visibility",
      title: "Visibility timeout",
      figures: [
        fig({
          key: "lambda.visibilityAdvice",
          label: "AWS's advice for the visibility timeout",
          value: visibilityAdvice,
          unit: "s",
          formula: "6 × function timeout + batching window",
          worked: `6 × ${formatSeconds(l.timeout)} + ${formatSeconds(l.maximumBatchingWindow)}`,
          source: "aws-behaviour 8.9",
        }),
        fig({ key: "visibility.configured", label: "configured", value: scenario.queue.visibilityTimeout, unit: "s", formula: "queue.visibilityTimeout" }),
      ],
    },
  ];
  return {
    scenario: scenario.name,
    durationSeconds: scenario.duration,
    fleet: {
      kind: "lambda",
      minInstances: Math.min(plan.initial, reachableConcurrency(plan)),
      maxInstances: reachableConcurrency(plan),
      workersPerInstance: 1,
    },
    simulated: simulated === undefined ? null : { seed: simulated.seed, ...(runDirectory !== undefined ? { directory: runDirectory } : {}) },
    sections,
    phases: columns,
    warnings: lambdaWarnings(scenario, plan, inputs.whole, inputs.phases, visibilityAdvice),
    sweep: lambdaSweep(scenario, plan, Math.max(inputs.whole.peakRate, ...inputs.phases.map((p) => p.peakRate))),
    assumptions: [
      "The concurrency a load needs is Little's law: arrival rate × function time per message (attempts × mean processing), " +
        "since a function processes its batch one message after another; batching saves invocations, not concurrency.",
      "The time to reach it assumes messages wait at every 10-second step of the mapping and nothing is throttled or failing " +
        "(aws-behaviour 8.3, 8.14); cold starts and the batching window add to the latency, not to the concurrency.",
      "The cost is the function's (requests and GB-seconds at the list prices, 10.5); the pollers' SQS requests are the queue's.",
    ],
  };
}

function lambdaWarnings(scenario: Scenario, plan: LambdaPlan, whole: TrafficPhase, phases: TrafficPhase[], visibilityAdvice: number): Warning[] {
  const l = scenario.consumers.lambda ?? lambdaSchema.parse({});
  const pp = l.provisionedPollers;
  const out: Warning[] = [];
  if (scenario.queue.visibilityTimeout < visibilityAdvice) {
    out.push({
      id: "lambda-visibility-below-advice",
      path: "queue.visibilityTimeout",
      message: `${formatSeconds(scenario.queue.visibilityTimeout)} is below AWS's advice of 6 × the function timeout plus the batching window, ${formatSeconds(visibilityAdvice)}: a throttled or retried batch can come back while it is still being processed`,
      source: "aws-behaviour 8.9",
    });
  }
  const m = scenario.queue.deadLetter?.maxReceiveCount;
  if (m !== undefined && m < MIN_MAX_RECEIVE_COUNT) {
    out.push({
      id: "lambda-max-receive-count-low",
      path: "queue.deadLetter.maxReceiveCount",
      message: `${m} is below the ${MIN_MAX_RECEIVE_COUNT} AWS advises for a Lambda source queue: throttled or failed batches reach the dead-letter queue after few tries`,
      source: "aws-behaviour 8.10",
    });
  }
  if (l.reservedConcurrency !== undefined && plan.mappingCap > l.reservedConcurrency && pp !== undefined) {
    // Provisioned mode has no MaximumConcurrency (8.6): its pollers bound it, and its minimum never backs off.
    const floorAbove = plan.initial > l.reservedConcurrency;
    out.push({
      id: "lambda-reserved-below-pollers",
      path: "consumers.lambda.provisionedPollers",
      message:
        `the provisioned pollers may run ${num(plan.mappingCap)} concurrent batches against a reserved concurrency of ${num(l.reservedConcurrency)}` +
        (floorAbove ? `, and their minimum alone runs ${num(plan.initial)}, so the mapping can never back off below the limit` : "") +
        `: invocations beyond it are throttled and their messages come back with their receive counted; set provisionedPollers.max × concurrencyPerPoller to ${num(l.reservedConcurrency)} or less, or raise the reserved concurrency`,
      source: "aws-behaviour 8.6, 8.13, 12.11",
    });
  } else if (l.reservedConcurrency !== undefined && Math.min(plan.mappingCap, plan.groups) > l.reservedConcurrency) {
    const harm =
      scenario.queue.deadLetter !== undefined
        ? "so healthy messages can reach the dead-letter queue"
        : "so healthy messages wait out visibility timeouts again and again";
    const fix =
      l.reservedConcurrency >= 2
        ? `set maximumConcurrency to ${num(l.reservedConcurrency)} or less`
        : "maximumConcurrency cannot go below 2 (8.5), so raise the reserved concurrency to at least 2 and cap the mapping at it";
    out.push({
      id: "lambda-reserved-below-pollers",
      path: l.reservedConcurrency >= 2 ? "consumers.lambda.maximumConcurrency" : "consumers.lambda.reservedConcurrency",
      message: `the mapping may run ${num(Math.min(plan.mappingCap, plan.groups))} concurrent batches against a reserved concurrency of ${num(l.reservedConcurrency)}: invocations beyond it are throttled and their messages come back with their receive counted, ${harm}; ${fix}`,
      source: "aws-behaviour 8.5, 8.13, 12.11",
    });
  }
  const peak = Math.max(whole.peakRate, ...phases.map((p) => p.peakRate));
  const needed = Math.ceil(peak * plan.work);
  const reachable = reachableConcurrency(plan);
  if (needed > reachable) {
    // Name what binds: the message groups, the mapping's cap, or the function's concurrency.
    const [path, what] =
      reachable === plan.groups
        ? ["producers", `the ${num(plan.groups)} message group${plan.groups === 1 ? "" : "s"} of the FIFO queue allow (one batch of a group at a time, 8.12)`]
        : reachable === plan.mappingCap && pp !== undefined
          ? ["consumers.lambda.provisionedPollers.max", "the provisioned pollers allow (max × concurrencyPerPoller, at most 20,000)"]
          : reachable === plan.mappingCap && l.maximumConcurrency !== undefined
            ? ["consumers.lambda.maximumConcurrency", "maximumConcurrency allows"]
            : reachable === plan.mappingCap
              ? ["consumers.lambda.scalingRules", "the mapping's scaling rule allows"]
              : l.reservedConcurrency !== undefined
                ? ["consumers.lambda.reservedConcurrency", "the reserved concurrency allows"]
                : ["consumers.lambda.accountConcurrency", "the account's concurrency allows"];
    out.push({
      id: "lambda-cannot-keep-up",
      path,
      message: `the peak of ${num(peak)} msg/s needs about ${num(needed)} concurrent invocations, above the ${num(reachable)} ${what}: the backlog grows while it lasts`,
      source: "aws-behaviour 8.3, 8.5, 8.12",
    });
  }
  return out;
}

/**
 * The sweep that checks the plan by simulation: MaximumConcurrency at half, once and twice the concurrency the peak
 * needs (and at the reserved concurrency), 5 seeded replications, judged on the queue wait and, with a dead-letter
 * queue, on no message reaching it (the trap).
 */
function lambdaSweep(scenario: Scenario, plan: LambdaPlan, peakRate: number): SuggestedSweep | null {
  if (!(peakRate > 0)) return null;
  const l = scenario.consumers.lambda ?? lambdaSchema.parse({});
  const needed = Math.max(2, Math.ceil(peakRate * plan.work));
  const wait = scenario.slo?.maxQueueWait ?? 60;
  const slos = [`queueWait.p99<=${wait}s`, ...(scenario.queue.deadLetter !== undefined ? ["deadLettered<=0"] : [])];
  const noSlo = scenario.slo === undefined ? ["no slo.maxQueueWait: the sweep judges the queue wait's p99 against 60 s; set one, or pass your own --slo"] : [];
  const pp = l.provisionedPollers;
  if (pp !== undefined) {
    // Provisioned mode has no MaximumConcurrency (8.6): its maximum pollers bound it instead.
    const pollers = Math.ceil(needed / pp.concurrencyPerPoller);
    // No more pollers than the function's concurrency can keep busy: cells above it would all run alike.
    const useful = Math.max(pp.min, Math.ceil(plan.functionLimit / pp.concurrencyPerPoller));
    const maxes = [...new Set([Math.ceil(pollers / 2), pollers, 2 * pollers].map((v) => Math.min(10_000, useful, Math.max(pp.min, 2, v))))].sort(
      (a, b) => a - b,
    );
    return {
      vary: [`consumers.lambda.provisionedPollers.max=${maxes.join(",")}`],
      replications: 5,
      slos,
      reasons: [
        `consumers.lambda.provisionedPollers.max around the ${num(pollers)} event pollers the peak's ${num(needed)} concurrent invocations need`,
        ...noSlo,
      ],
    };
  }
  const top = ESM_SCALING_RULES[l.scalingRules].max;
  const candidates = [Math.ceil(needed / 2), needed, 2 * needed, ...(l.reservedConcurrency !== undefined ? [l.reservedConcurrency] : [])];
  // No value above what the rule or, on FIFO, the message groups allow: those cells would all run alike.
  const values = [...new Set(candidates.map((v) => Math.min(1_000, top, Math.max(2, plan.groups), Math.max(2, v))))].sort((a, b) => a - b);
  return {
    vary: [`consumers.lambda.maximumConcurrency=${values.join(",")}`],
    replications: 5,
    slos,
    reasons: [
      `consumers.lambda.maximumConcurrency around the ${needed} concurrent invocations the peak needs (λ max × W)` +
        (l.reservedConcurrency !== undefined ? `, and at the reserved concurrency (${l.reservedConcurrency}), where nothing is throttled` : ""),
      ...noSlo,
    ],
  };
}

// The sections beside the traffic table: processing and capacity, the autoscaling target, the visibility timeout,
// retries and the dead-letter queue, polling.
import { formatDuration } from "../engine/units.js";
import { type RunSummary } from "../sim/result.js";
import { type Figure, type Section } from "./explanation.js";
import { num, pct } from "./format.js";
import { figure, worked } from "./figure.js";
import { erlangC } from "./erlang.js";
import { gammaP, gammaQ, lnGamma } from "./special-functions.js";
import { type PlanInputs } from "./plan-inputs.js";

/** SQS's visibility timeout maximum, 12 h (aws-behaviour 1.1). */
export const MAX_VISIBILITY_TIMEOUT = 43_200;
/** Headroom over the p99.9 of in-flight time: one batch in a thousand takes longer, and it should still fit. */
export const VISIBILITY_SAFETY_FACTOR = 1.5;
/** The simulator's shortest re-poll after an empty short poll (consumers/worker-pool MIN_REPOLL_US). */
const MIN_REPOLL_S = 0.001;

export function processingSection(inputs: PlanInputs): Section {
  const { processing: law, k } = inputs;
  const c = inputs.scenario.consumers;
  const M = inputs.scenario.queue.deadLetter?.maxReceiveCount;
  const quantile = (key: string, p: number, label: string): Figure => figure(key, label, law.quantile(p), "s", `${law.quantileMethod} at p = ${p}`);
  const failures = c.failures.transient > 0 || c.failures.poison > 0;
  const attemptsFormula = !failures
    ? "no failures configured"
    : M === undefined
      ? worked("(1 − q) ÷ (1 − p), no DLQ: poison messages left out", `p = ${num(c.failures.transient)} transient, q = ${num(c.failures.poison)} poison`)
      : worked(
          "(1 − q)(1 − p^M) ÷ (1 − p) + q·M",
          `p = ${num(c.failures.transient)} transient, q = ${num(c.failures.poison)} poison, M = ${M} maxReceiveCount`,
        );
  const figures: Figure[] = [
    figure("processing.mean", `mean processing time E[S] (${law.name})`, law.mean, "s", law.meanMethod),
    quantile("processing.p50", 0.5, "processing time p50"),
    quantile("processing.p99", 0.99, "processing time p99"),
    quantile("processing.p999", 0.999, "processing time p99.9"),
    figure("processing.scv", "squared coefficient of variation Cs²", inputs.serviceScv, "count", "Var[S] ÷ E[S]²"),
    figure("work.attempts", "processing attempts per message", inputs.attempts, "attempts", attemptsFormula, { source: "aws-behaviour 1.18" }),
    inputs.expiry > 0
      ? figure(
          "work.mean",
          "worker time per message W",
          inputs.work,
          "s",
          worked("attempts × E[S] ÷ (1 − e)", `${num(inputs.attempts)} × ${formatDuration(law.mean, "significant")} ÷ (1 − ${num(inputs.expiry)})`),
          { note: `e = ${pct(inputs.expiry)} of receives outlive the visibility timeout and are processed again`, source: "aws-behaviour 1.32" },
        )
      : figure(
          "work.mean",
          "worker time per message W",
          inputs.work,
          "s",
          worked("attempts × E[S]", `${num(inputs.attempts)} × ${formatDuration(law.mean, "significant")}`),
        ),
    figure(
      "capacity.instance",
      "capacity per instance",
      k / inputs.work,
      "msg/s",
      worked("k ÷ W", `${k} ÷ ${formatDuration(inputs.work, "significant")} (batch size ${inputs.batchSize}: processed one by one)`),
    ),
  ];
  if (inputs.fleetKind === "fixed") {
    figures.push(
      figure("capacity.fleet", `capacity of the fleet (${inputs.minInstances} instances)`, (inputs.minInstances * k) / inputs.work, "msg/s", `N·k ÷ W`),
    );
  } else {
    figures.push(figure("capacity.min", `capacity at min fleet (${inputs.minInstances})`, (inputs.minInstances * k) / inputs.work, "msg/s", `min·k ÷ W`));
    figures.push(figure("capacity.max", `capacity at max fleet (${inputs.maxInstances})`, (inputs.maxInstances * k) / inputs.work, "msg/s", `max·k ÷ W`));
  }
  return { id: "processing", title: "Processing and capacity", figures };
}

/** aws-behaviour 6.17: backlog per instance target = acceptable latency ÷ the time an instance takes per message. */
export function backlogTarget(acceptableLatency: number, meanProcessing: number, workersPerInstance: number): number {
  return acceptableLatency / (meanProcessing / workersPerInstance);
}

export function targetSection(inputs: PlanInputs): Section {
  const { scenario, k } = inputs;
  const mean = inputs.processing.mean;
  const latency = scenario.slo?.maxQueueWait;
  const figures: Figure[] = [];
  if (latency === undefined) {
    figures.push(
      figure("target.acceptableLatency", "acceptable latency", NaN, "s", "slo.maxQueueWait", { note: "no slo.maxQueueWait: set it to get the target" }),
    );
    figures.push(
      figure("target.backlogPerInstance", "backlog per instance target", NaN, "msg/instance", "acceptable latency ÷ (E[S] ÷ k)", {
        source: "aws-behaviour 6.17",
        note: "needs slo.maxQueueWait",
      }),
    );
  } else {
    figures.push(figure("target.acceptableLatency", "acceptable latency", latency, "s", "slo.maxQueueWait"));
    figures.push(
      figure(
        "target.backlogPerInstance",
        "backlog per instance target",
        backlogTarget(latency, mean, k),
        "msg/instance",
        worked("acceptable latency ÷ (E[S] ÷ k)", `${formatDuration(latency, "significant")} ÷ (${formatDuration(mean, "significant")} ÷ ${k})`),
        { source: "aws-behaviour 6.17" },
      ),
    );
  }
  if (scenario.fleet.kind === "asg") {
    scenario.fleet.policies.forEach((p, i) => {
      if (!("targetTracking" in p)) return;
      const t = p.targetTracking;
      const path = `fleet.policies.${i}.targetTracking`;
      if (t.metric !== "backlogPerInstance") {
        figures.push(
          figure(`target.policy.${i}`, `configured target (${t.metric})`, t.target, "messages", `${path}.target`, {
            source: "aws-behaviour 6.16",
            note: "raw visible messages do not scale with the group",
          }),
        );
        return;
      }
      figures.push(figure(`target.policy.${i}`, "configured target (backlogPerInstance)", t.target, "msg/instance", `${path}.target`));
      figures.push(
        figure(
          `target.policy.${i}.wait`,
          "queue wait the configured target allows",
          (t.target * mean) / k,
          "s",
          worked("target × E[S] ÷ k", `${num(t.target)} × ${formatDuration(mean, "significant")} ÷ ${k}`),
          { source: "aws-behaviour 6.17" },
        ),
      );
    });
  }
  return { id: "target", title: "Autoscaling target (backlog per instance, aws-behaviour 6.17)", figures };
}

/** ⌈p99.9 × safety⌉ whole seconds (SQS takes whole seconds), at most 12 h. */
export function recommendedVisibilityTimeout(p999: number, safety = VISIBILITY_SAFETY_FACTOR): number {
  return Math.min(MAX_VISIBILITY_TIMEOUT, Math.max(1, Math.ceil(p999 * safety - 1e-9)));
}

export function visibilitySection(inputs: PlanInputs, safety: number): Section {
  const { batch, batchSize } = inputs;
  const q = inputs.scenario.queue;
  const hb = inputs.scenario.consumers.heartbeat;
  const what = batchSize === 1 ? "one message" : `a batch of ${batchSize}, deleted together`;
  const p999 = batch.quantile(0.999);
  const wanted = Math.ceil(p999 * safety - 1e-9);
  const recommended = recommendedVisibilityTimeout(p999, safety);
  const figures: Figure[] = [
    figure("visibility.p99", `in-flight time p99 (${what})`, batch.quantile(0.99), "s", `${batch.quantileMethod} at p = 0.99`),
    figure("visibility.p999", `in-flight time p99.9 (${what})`, p999, "s", `${batch.quantileMethod} at p = 0.999`),
    figure(
      "visibility.recommended",
      "visibility timeout that covers the tail",
      recommended,
      "s",
      worked(`⌈p99.9 × ${safety}⌉, at most 12 h`, `⌈${formatDuration(p999, "significant")} × ${safety}⌉`),
      {
        source: "aws-behaviour 1.1",
        note:
          wanted > MAX_VISIBILITY_TIMEOUT ? "the tail is beyond the 12 h maximum: use a heartbeat" : `queue.visibilityTimeout: ${formatDuration(recommended)}`,
      },
    ),
    figure("visibility.configured", "configured visibility timeout", q.visibilityTimeout, "s", "queue.visibilityTimeout"),
    figure(
      "visibility.pExpire",
      "share of receives that outlive it",
      1 - batch.cdf(q.visibilityTimeout),
      "fraction",
      `1 − F(VT), F the CDF of the in-flight time (${batch.name})`,
      hb === undefined
        ? { source: "aws-behaviour 1.32" }
        : {
            source: "aws-behaviour 1.26",
            note: `the heartbeat extends them by ${formatDuration(hb.extendBy, "significant")} every ${formatDuration(hb.every, "significant")}`,
          },
    ),
  ];
  return { id: "visibility", title: "Visibility timeout", figures };
}

export function retriesSection(inputs: PlanInputs, sim: RunSummary | undefined): Section {
  const c = inputs.scenario.consumers;
  const p = c.failures.transient;
  const q = c.failures.poison;
  const M = inputs.scenario.queue.deadLetter?.maxReceiveCount;
  const n = inputs.whole.arrivals;
  const figures: Figure[] = [
    figure("retries.messages", "messages over the run N", n, "messages", "∫λ(t)dt over the run", sim === undefined ? {} : { simulated: sim.messages.produced }),
  ];
  if (p > 0 || q > 0) {
    figures.push(
      figure(
        "retries.failedAttempts",
        "failed processing attempts",
        n * inputs.failedAttempts,
        "attempts",
        "N × (attempts − (1 − q)(1 − p^M))",
        sim === undefined ? {} : { simulated: sim.consumers.failedAttempts },
      ),
    );
  }
  if (M !== undefined) {
    figures.push(
      figure(
        "retries.deadLettered",
        "messages dead-lettered",
        n * (q + (1 - q) * Math.pow(p, M)),
        "messages",
        worked("N × (q + (1 − q)·p^M)", `${num(n)} × (${num(q)} + ${num(1 - q)} × ${num(p)}^${M})`),
        { source: "aws-behaviour 1.18", ...(sim === undefined ? {} : { simulated: sim.messages.deadLettered }) },
      ),
    );
  }
  return { id: "retries", title: "Retries and the dead-letter queue", figures };
}

/** Idle workers at the run's mean load on the smallest fleet, floored at 0. */
export function idleWorkers(inputs: PlanInputs): number {
  return Math.max(0, inputs.minInstances * inputs.k - inputs.whole.meanRate * inputs.work);
}

/**
 * How long an idle long poll waits: E[min(W, Γ)] with Γ ~ Gamma(n, λ), the time until n messages arrive. Waiting
 * polls are served oldest first, so a poll with n idle polls around it is served after about n arrivals, or comes
 * back empty at W. E[Γ; Γ ≤ W] = (n/λ)·P(n+1, λW), hence (n/λ)·P(n+1, λW) + W·Q(n, λW).
 */
export function meanLongPollSeconds(n: number, lambda: number, waitTime: number): number {
  if (!(lambda > 0) || !(n > 0)) return waitTime;
  return (n / lambda) * gammaP(n + 1, lambda * waitTime) + waitTime * gammaQ(n, lambda * waitTime);
}

/**
 * P(k workers busy) for k < c in the M/M/c queue with c workers offered a erlangs: p_k ∝ aᵏ/k!, which leaves
 * C(c, a) for "all busy" (Erlang C). Weights in log space: aᵏ/k! overflows long before c = 100,000.
 */
function busyDistribution(c: number, a: number): number[] {
  if (c <= 0 || !(a >= 0)) return [];
  if (a === 0) return [1, ...new Array<number>(c - 1).fill(0)];
  const logs = Array.from({ length: c }, (_, k) => k * Math.log(a) - lnGamma(k + 1));
  const max = logs[Math.min(c - 1, Math.floor(a))]!; // the mode of aᵏ/k!
  const weights = logs.map((l) => Math.exp(l - max));
  const total = weights.reduce((x, y) => x + y, 0);
  const notAllBusy = 1 - erlangC(c, a);
  return weights.map((w) => (notAllBusy * w) / total);
}

/**
 * Empty receives per second from idle workers, at the run's mean rate on the smallest fleet. A short poll returns
 * at once, so each idle worker polls again every round trip (aws-behaviour 2.4): E[idle] ÷ round trip. Long polls wait
 * oldest first (2.6): with n idle, they complete n ÷ (E[wait] + round trip) times a second and λ̄ of them carry a
 * message, the rest come back empty; averaged over the M/M/c distribution of busy workers, because a few more idle
 * workers at a time make many more empty receives.
 */
export function emptyReceiveRate(inputs: PlanInputs): number {
  const latency = inputs.scenario.queue.apiLatency;
  const c = inputs.minInstances * inputs.k;
  const lambda = inputs.whole.meanRate;
  const a = lambda * inputs.work;
  if (inputs.waitTime === 0) return idleWorkers(inputs) / Math.max(latency, MIN_REPOLL_S);
  if (!(a < c)) return 0;
  return busyDistribution(c, a).reduce((sum, p, k) => {
    const n = c - k;
    return sum + p * Math.max(0, n / (meanLongPollSeconds(n, lambda, inputs.waitTime) + latency) - lambda);
  }, 0);
}

export function pollingSection(inputs: PlanInputs, sim: RunSummary | undefined): Section {
  const latency = inputs.scenario.queue.apiLatency;
  const short = inputs.waitTime === 0;
  const idle = idleWorkers(inputs);
  const rate = emptyReceiveRate(inputs);
  const price = inputs.scenario.cost.sqsPerMillionRequestsUsd;
  const fleet = inputs.fleetKind === "fixed" ? "N" : "min";
  const figures: Figure[] = [
    figure("polling.waitTime", "receive wait time", inputs.waitTime, "s", inputs.waitTimePath, {
      source: "aws-behaviour 1.8",
      note: short ? "short polling" : "long polling",
    }),
    figure(
      "polling.idleWorkers",
      "idle workers at mean load",
      idle,
      "workers",
      worked(`${fleet}·k − a`, `${inputs.minInstances}·${inputs.k} − ${num(inputs.whole.meanRate * inputs.work)}`),
    ),
    figure(
      "polling.emptyReceives",
      "empty receives",
      rate,
      "receives/s",
      short
        ? worked(
            "idle ÷ max(apiLatency, 1 ms)",
            `${num(idle)} ÷ ${formatDuration(Math.max(latency, MIN_REPOLL_S), "significant")} (each re-polls after a round trip)`,
          )
        : "Σ P(n idle) · [n ÷ (E[min(W, Γ(n, λ̄))] + apiLatency) − λ̄]⁺, P from M/M/c",
      {
        source: short ? "aws-behaviour 2.4, 10.4" : "aws-behaviour 2.6, 10.4",
        ...(short ? {} : { note: "polls served oldest first: empty when fewer than n messages arrive in W" }),
        ...(sim === undefined ? {} : { simulated: sim.requests.emptyReceive / sim.durationSeconds }),
      },
    ),
    figure("polling.emptyCost", "cost of the empty receives", (rate * 3600 * price) / 1e6, "USD/h", `empty receives/s × 3600 × $${price} ÷ 1M`, {
      source: "aws-behaviour 10.1, 10.4",
    }),
  ];
  return { id: "polling", title: "Polling", figures };
}

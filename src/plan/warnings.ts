// Settings that will hurt, each naming the field to change and why, with the numbers behind it.
import { SCALING_METRICS } from "../engine/scaling-metrics.js";
import { formatDuration } from "../engine/units.js";
import { mmc } from "./erlang.js";
import { type Warning } from "./explanation.js";
import { num, pct } from "./format.js";
import { type PlanInputs } from "./plan-inputs.js";
import { backlogTarget, emptyReceiveRate, idleWorkers, recommendedVisibilityTimeout } from "./section-figures.js";
import { phaseSpan, type TrafficPhase } from "./traffic-phases.js";

/** AWS's advice for the redrive limit (aws-behaviour 8.10): fewer receives dead-letter messages that would succeed. */
export const MIN_ADVISED_MAX_RECEIVE_COUNT = 5;
/** Short polling hurts once at least this many workers sit idle on average: each spins on empty receives. */
export const IDLE_WORKERS_FOR_SHORT_POLL_WARNING = 1;

export function warnings(inputs: PlanInputs, safety: number): Warning[] {
  return [
    ...visibilityWarnings(inputs, safety),
    ...redriveWarnings(inputs),
    ...pollingWarnings(inputs),
    ...capacityWarnings(inputs),
    ...targetWarnings(inputs),
    ...oscillationWarnings(inputs),
  ];
}

/** The utilisation at which "the fleet size the load needs" is taken, and the one the advice's target uses. */
const NEEDED_SIZE_UTILISATION = 0.9;
const ADVISED_UTILISATION = 0.8;

/**
 * Target tracking on a metric that counts waiting messages only (backlog per instance, raw visible messages): once
 * the group keeps up, the visible backlog is about 0 at any size (Erlang C), so AlarmLow fires and the proportional
 * rule (6.9) asks for about ⌈N × 0 ÷ target⌉ instances, fewer than keep up; the backlog then builds until AlarmHigh
 * scales out again, and the group swings between min and max. Warned for each steady phase long enough for a
 * swing or two (three times AlarmLow's window, 45 minutes by default), where the size the load needs (at 90% busy) is above min and
 * the scale-in from there lands below the size that keeps up at all.
 */
function oscillationWarnings(inputs: PlanInputs): Warning[] {
  const s = inputs.scenario;
  if (s.fleet.kind !== "asg") return [];
  const fleet = s.fleet;
  const cw = s.cloudwatch;
  const window = 3 * cw.targetTracking.scaleIn.datapoints * cw.period;
  const found: Warning[] = [];
  fleet.policies.forEach((p, i) => {
    if (!("targetTracking" in p)) return;
    const t = p.targetTracking;
    if (t.metric !== "backlogPerInstance" && t.metric !== "approximateNumberOfMessagesVisible") return;
    for (const { phase, whole } of columns(inputs)) {
      if (phase.meanRate <= 0 || phase.endSeconds - phase.startSeconds < window) continue;
      const keepUp = Math.floor((phase.meanRate * inputs.work) / inputs.k) + 1;
      const needed = Math.ceil((phase.meanRate * inputs.work) / (inputs.k * NEEDED_SIZE_UTILISATION));
      if (needed <= fleet.min || needed > fleet.max || keepUp <= fleet.min) continue;
      const q = mmc(needed * inputs.k, phase.meanRate, 1 / inputs.work);
      if (!q.stable) continue;
      const value = t.metric === "backlogPerInstance" ? q.meanQueue / needed : q.meanQueue;
      const threshold = t.target * cw.targetTracking.scaleIn.thresholdRatio;
      if (!(value < threshold)) continue;
      const to = Math.max(fleet.min, Math.ceil((needed * value) / t.target - 1e-9));
      if (to >= keepUp) continue;
      const { label } = SCALING_METRICS[t.metric];
      const advised = num(inputs.k * ADVISED_UTILISATION);
      found.push({
        id: "target-metric-reads-zero",
        path: `fleet.policies.${i}.targetTracking.metric`,
        message:
          `${describe(phase, whole)} ${needed} instances keep up at ${pct(NEEDED_SIZE_UTILISATION)} busy and ${label} reads ` +
          `about ${num(value)} (Erlang C), under AlarmLow's ${num(threshold)}: once the group keeps up it reads about 0 at any ` +
          `size, so target tracking scales in to ${to} instances, fewer than the ${keepUp} that keep up at all; the backlog ` +
          `builds until it scales out again, and the group swings between too few instances and too many. Count the messages being worked on ` +
          `too: metric: { messagesPerInstance: { include: [visible, notVisible] } } with target = workers per instance × a ` +
          `utilisation, e.g. ${inputs.k} × ${ADVISED_UTILISATION} = ${advised}`,
        source: "aws-behaviour 6.5, 6.9-6.10, 6.17-6.18",
      });
      return;
    }
  });
  return found;
}

function visibilityWarnings(inputs: PlanInputs, safety: number): Warning[] {
  const vt = inputs.scenario.queue.visibilityTimeout;
  const hb = inputs.scenario.consumers.heartbeat;
  const what = inputs.batchSize === 1 ? "processing time" : `processing time of a batch of ${inputs.batchSize} (deleted together)`;
  if (hb === undefined) {
    const p99 = inputs.batch.quantile(0.99);
    if (!(vt < p99)) return [];
    return [
      {
        id: "visibility-below-p99",
        path: "queue.visibilityTimeout",
        message:
          `${formatDuration(vt, "significant")} is below the p99 ${what}, ${formatDuration(p99, "significant")}: about ${pct(1 - inputs.batch.cdf(vt))} of receives are still ` +
          `being processed when the message becomes visible again, so another worker processes it a second time and the ` +
          `first delete has no effect. Set it to ${formatDuration(recommendedVisibilityTimeout(inputs.batch.quantile(0.999), safety))} ` +
          `(p99.9 × ${safety}) or add a consumers.heartbeat`,
        source: "aws-behaviour 1.32, 12.2",
      },
    ];
  }
  const found: Warning[] = [];
  if (hb.every >= vt) {
    found.push({
      id: "heartbeat-too-late",
      path: "consumers.heartbeat.every",
      message:
        `the first heartbeat comes ${formatDuration(hb.every, "significant")} after the receive, when the ${formatDuration(vt, "significant")} visibility timeout has ` +
        `already run out: long messages become visible again before it extends them; make it shorter than queue.visibilityTimeout`,
      source: "aws-behaviour 1.26, 1.34",
    });
  }
  if (hb.extendBy <= hb.every) {
    found.push({
      id: "heartbeat-extension-too-short",
      path: "consumers.heartbeat.extendBy",
      message:
        `each heartbeat extends visibility by ${formatDuration(hb.extendBy, "significant")} from the call, but the next comes ${formatDuration(hb.every, "significant")} ` +
        `later: the message is visible in between; extend by more than the interval (AWS suggests 2 min every minute)`,
      source: "aws-behaviour 1.26, 1.34",
    });
  }
  return found;
}

function redriveWarnings(inputs: PlanInputs): Warning[] {
  const { transient: p, poison } = inputs.scenario.consumers.failures;
  const dlq = inputs.scenario.queue.deadLetter;
  const found: Warning[] = [];
  if (dlq !== undefined && p > 0 && dlq.maxReceiveCount < MIN_ADVISED_MAX_RECEIVE_COUNT) {
    const m = dlq.maxReceiveCount;
    const share = Math.pow(p, m);
    found.push({
      id: "max-receive-count-low",
      path: "queue.deadLetter.maxReceiveCount",
      message:
        `${m} receives with ${pct(p)} transient failures: ${pct(share)} of healthy messages (about ` +
        `${num(inputs.whole.arrivals * (1 - poison) * share)} over the run) fail ${m} times in a row and are dead-lettered, ` +
        `and every visibility-timeout expiry also counts as a receive; AWS advises at least ${MIN_ADVISED_MAX_RECEIVE_COUNT}`,
      source: "aws-behaviour 1.18, 8.10",
    });
  }
  if (dlq === undefined && poison > 0) {
    found.push({
      id: "poison-without-dead-letter-queue",
      path: "queue.deadLetter",
      message:
        `${pct(poison)} of messages always fail and there is no dead-letter queue: each is received again after every ` +
        `visibility timeout until retention (${formatDuration(inputs.scenario.queue.retention, "significant")}) deletes it, costing a receive and a ` +
        `failed attempt each time (left out of the worker time per message above)`,
      source: "aws-behaviour 1.3, 1.18",
    });
  }
  return found;
}

function pollingWarnings(inputs: PlanInputs): Warning[] {
  if (inputs.waitTime > 0) return [];
  const idle = idleWorkers(inputs);
  if (idle < IDLE_WORKERS_FOR_SHORT_POLL_WARNING) return [];
  const rate = emptyReceiveRate(inputs);
  const costPerHour = (rate * 3600 * inputs.scenario.cost.sqsPerMillionRequestsUsd) / 1e6;
  return [
    {
      id: "short-polling-idle-workers",
      path: inputs.waitTimePath,
      message:
        `short polling with about ${num(idle)} idle workers on average: they spin on about ${num(rate)} empty ` +
        `receives/s (~$${costPerHour.toFixed(2)}/h, billed like any request), and each short poll samples only some ` +
        `servers, so messages wait for a lucky poll; long polling (consumers.waitTime: 20s) returns as soon as a message arrives`,
      source: "aws-behaviour 2.4-2.6, 10.4, 12.6",
    },
  ];
}

function describe(p: TrafficPhase, whole: boolean): string {
  return whole ? "over the whole run" : `during ${phaseSpan(p)} (${p.cause})`;
}

/** The phases to test, the whole run when there is no split. */
function columns(inputs: PlanInputs): { phase: TrafficPhase; whole: boolean }[] {
  return inputs.phases.length === 0 ? [{ phase: inputs.whole, whole: true }] : inputs.phases.map((phase) => ({ phase, whole: false }));
}

/** A fixed fleet whose capacity is below a phase's mean rate: the backlog grows for the whole phase. */
function capacityWarnings(inputs: PlanInputs): Warning[] {
  if (inputs.fleetKind !== "fixed") return [];
  const capacity = (inputs.minInstances * inputs.k) / inputs.work;
  const over = columns(inputs).filter(({ phase }) => phase.meanRate > 0 && phase.meanRate >= capacity);
  if (over.length === 0) return [];
  const parts = over.map(
    ({ phase, whole }) =>
      `${describe(phase, whole)} the mean rate is ${num(phase.meanRate)} msg/s ` +
      `and the backlog grows by about ${num((phase.meanRate - capacity) * (phase.endSeconds - phase.startSeconds))} messages`,
  );
  return [
    {
      id: "fleet-cannot-keep-up",
      path: "fleet.instances",
      message:
        `${inputs.minInstances} instances × ${inputs.k} worker${inputs.k === 1 ? "" : "s"} process ${num(capacity)} msg/s (N·k ÷ W), too few: ` +
        `${parts.join("; ")}. Keeping up with the mean needs ` +
        `${Math.max(...over.map(({ phase }) => Math.floor((phase.meanRate * inputs.work) / inputs.k) + 1))} instances`,
    },
  ];
}

/**
 * Auto Scaling groups: a fleet at max that cannot process the peak rate cannot bring backlog per instance back to
 * any target while the peak lasts, nor can it when its steady-state queue at max (Erlang C, Lq ÷ max) already
 * exceeds the target. Targets above what the SLO implies (6.17), and targets on raw visible messages (6.16), are
 * named too.
 */
function targetWarnings(inputs: PlanInputs): Warning[] {
  const s = inputs.scenario;
  if (s.fleet.kind !== "asg") return [];
  const fleet = s.fleet;
  const found: Warning[] = [];
  const maxCapacity = (fleet.max * inputs.k) / inputs.work;
  const tracking = fleet.policies.flatMap((p, i) => ("targetTracking" in p ? [{ i, t: p.targetTracking }] : []));
  const backlogPolicies = tracking.filter(({ t }) => t.metric === "backlogPerInstance");
  const peakPhase = columns(inputs).reduce((a, b) => (b.phase.peakRate > a.phase.peakRate ? b : a));
  if (inputs.whole.peakRate >= maxCapacity && inputs.whole.peakRate > 0) {
    const target =
      backlogPolicies.length > 0
        ? ` backlog per instance cannot come back to the target (${backlogPolicies.map(({ t }) => num(t.target)).join(", ")}) while it lasts, and`
        : "";
    found.push({
      id: backlogPolicies.length > 0 ? "target-unreachable-at-max" : "fleet-cannot-keep-up",
      path: "fleet.max",
      message:
        `at the peak ${describe(peakPhase.phase, peakPhase.whole)}, ${num(inputs.whole.peakRate)} msg/s, even ` +
        `${fleet.max} instances process only ${num(maxCapacity)} msg/s:${target} the backlog grows; the peak needs ` +
        `${Math.floor((inputs.whole.peakRate * inputs.work) / inputs.k) + 1} instances`,
      source: "aws-behaviour 6.17, 5.14",
    });
  } else {
    for (const { i, t } of backlogPolicies) {
      const busiest = columns(inputs).reduce((a, b) => (b.phase.meanRate > a.phase.meanRate ? b : a));
      const q = mmc(fleet.max * inputs.k, busiest.phase.meanRate, 1 / inputs.work);
      if (q.stable && q.meanQueue / fleet.max > t.target) {
        found.push({
          id: "target-unreachable-at-max",
          path: `fleet.policies.${i}.targetTracking.target`,
          message:
            `even at max (${fleet.max} instances) the queue ${describe(busiest.phase, busiest.whole)} holds about ` +
            `${num(q.meanQueue)} waiting messages (Erlang C), ${num(q.meanQueue / fleet.max)} per instance, above the target ` +
            `${num(t.target)}: the policy keeps the group at max without reaching it`,
          source: "aws-behaviour 6.17",
        });
      }
    }
  }
  const latency = s.slo?.maxQueueWait;
  if (latency !== undefined) {
    const implied = backlogTarget(latency, inputs.processing.mean, inputs.k);
    for (const { i, t } of backlogPolicies) {
      if (t.target <= implied * (1 + 1e-9)) continue;
      found.push({
        id: "target-above-acceptable-latency",
        path: `fleet.policies.${i}.targetTracking.target`,
        message:
          `a backlog of ${num(t.target)} per instance takes about ${formatDuration((t.target * inputs.processing.mean) / inputs.k, "significant")} ` +
          `to work off, above slo.maxQueueWait ${formatDuration(latency, "significant")}; acceptable latency ÷ (E[S] ÷ k) gives ${num(implied)}`,
        source: "aws-behaviour 6.17",
      });
    }
  }
  for (const { i, t } of tracking) {
    if (t.metric !== "approximateNumberOfMessagesVisible") continue;
    found.push({
      id: "target-on-visible-messages",
      path: `fleet.policies.${i}.targetTracking.metric`,
      message:
        "raw visible messages do not scale with the group's size, so target tracking on them over-scales; " +
        "track backlogPerInstance (visible ÷ InService instances) instead",
      source: "aws-behaviour 6.16",
    });
  }
  return found;
}

// `sqs-sim explain` for a Kubernetes pool (issue 16): what the load needs in workers, pods and nodes at each phase
// (Little's law), what KEDA's count (or, with hpa.cpuUtilization, the HPA's CPU target) asks for in steady state, how
// long the HPA takes to reach a rising phase's replicas and until they are ready (kubernetes-dynamics.ts), warnings
// for replicas the nodes cannot hold and a CPU target a busy pod cannot pass, and a suggested sweep.
import { formatDuration } from "../engine/units.js";
import { type DistributionSpec, distributionMean } from "../engine/distributions.js";
import { CPU_METRIC_WINDOW_S, HPA_MIN_REPLICAS, type KubernetesConfig, kedaOf, kubernetesSchema } from "../scenario/kubernetes-schema.js";
import { withinTolerance } from "../scaling/kubernetes/hpa.js";
import { kubernetesSettings } from "../sim/kubernetes-settings.js";
import { replicaRamp } from "./kubernetes-dynamics.js";
import { type Scenario } from "../scenario/schema.js";
import { type RunSummary } from "../sim/result.js";
import { type Explanation, type Figure, type PhaseColumn, type SuggestedSweep, type Warning } from "./explanation.js";
import { num } from "./format.js";
import { planInputs } from "./plan-inputs.js";

const round = (x: number): number => Number(x.toFixed(2));

export function explainKubernetes(scenario: Scenario, simulated?: RunSummary, runDirectory?: string): Explanation {
  const inputs = planInputs(scenario);
  const k = scenario.consumers.kubernetes ?? kubernetesSchema.parse({});
  const concurrency = scenario.consumers.concurrency;
  const work = inputs.attempts * inputs.processing.mean;
  const cpuTarget = k.hpa.cpuUtilization;
  const keda = kedaOf(k);
  const bounds =
    cpuTarget === undefined
      ? { min: keda.minReplicaCount, max: keda.maxReplicaCount }
      : { min: k.hpa.minReplicas ?? HPA_MIN_REPLICAS, max: k.hpa.maxReplicas! };
  const settings = kubernetesSettings(k);
  const syncS = k.hpa.syncPeriod;
  // Replicas beyond what the nodes hold stay Pending: no ramp goes past them.
  const room = k.nodes.max * k.nodes.podsPerNode;
  const clamp = (n: number) => Math.min(bounds.max, room, Math.max(bounds.min, n));
  const podsAt = (rate: number) => Math.ceil(Math.ceil(rate * work) / concurrency);
  const podStartS = distributionMean(k.pod.startTime as DistributionSpec);
  const nodeLaunchS = distributionMean(k.nodes.launchTime as DistributionSpec);
  const nodesFor = (pods: number) => Math.max(k.nodes.min, Math.min(k.nodes.max, Math.ceil(pods / k.nodes.podsPerNode)));
  const cpu = cpuTarget === undefined ? null : cpuDynamics(cpuTarget, scenario, inputs.processing.mean, k);
  // KEDA's HPA aims at the pods the work needs; a CPU target at the pods that keep its share of the workers busy.
  const replicasAt = (rate: number) => (cpu === null ? podsAt(rate) : Math.ceil((rate * work) / ((concurrency * cpu.targetPct) / 100)));
  // How fast the HPA follows a rise into this phase: from the replicas the load before it needs to those its peak does.
  const rampFigures = (i: number, phase: typeof inputs.whole): Figure[] => {
    // The whole run and the first phase start from the pool's minimum; a later phase from what the one before needs.
    const from = Math.max(1, clamp(i >= 2 ? replicasAt(inputs.phases[i - 2]!.meanRate) : bounds.min));
    const to = clamp(replicasAt(phase.peakRate));
    if (to <= from || !(phase.peakRate > 0)) return [];
    const timing = { podStartS, nodeLaunchS, podsPerNode: k.nodes.podsPerNode, nodesAtStart: nodesFor(from), maxNodes: k.nodes.max };
    const ask = cpu === null ? null : { readingPct: cpu.readingPct, targetPct: cpu.targetPct, tolerance: k.hpa.tolerance, windowS: cpu.windowS };
    const ramp = replicaRamp(settings.behavior, syncS, from, to, { min: Math.max(1, bounds.min), max: bounds.max }, timing, ask);
    const newNodes = nodesFor(to) - nodesFor(from);
    const never = {
      "scale-up disabled": "behavior.scaleUp's selectPolicy is Disabled",
      "cpu within tolerance": `a busy pod reads at most ${cpu?.readingPct ?? 100}%, within the tolerance of the target: the HPA never scales up`,
      "no room on the nodes": "the nodes cannot hold them",
    };
    return [
      {
        key: "kubernetes.scaleUpTime",
        label: `the HPA's steps from ${from} to ${to} replicas`,
        value: ramp.seconds,
        unit: "s",
        formula:
          `behavior.scaleUp's policies (selectPolicy ${settings.behavior.scaleUp.selectPolicy}), a sync every ${formatDuration(syncS, "rounded")}` +
          (cpu === null
            ? ""
            : `; on CPU a new pod counts once ready and a ${formatDuration(cpu.windowS, "rounded")} window on, at ${cpu.readingPct}% ÷ ${cpu.targetPct}% at most`),
        worked: ramp.path.join(" → "),
        source: cpu === null ? "aws-behaviour 9.3-9.5" : "aws-behaviour 9.3-9.5, 9.14-9.16",
        ...(ramp.seconds === null && ramp.never !== undefined ? { note: never[ramp.never] } : {}),
      },
      {
        key: "kubernetes.podsReadyAfter",
        label: "until those pods are ready, from the rise",
        value: ramp.readySeconds === null ? null : round(syncS + ramp.readySeconds),
        unit: "s",
        formula: `a sync to see it + the steps, each pod's start after its node${newNodes > 0 ? ` (${newNodes} more launched, ${formatDuration(nodeLaunchS, "rounded")} each)` : ""} (means)`,
        source: "aws-behaviour 9.3, 9.21",
        ...(ramp.readySeconds === null && ramp.never !== undefined ? { note: never[ramp.never] } : {}),
      },
    ];
  };
  // KEDA's ask within the ScaledObject's bounds (0 when it would idle the workload).
  const clampAsk = (n: number) => Math.min(bounds.max, Math.max(bounds.min, n));
  const column = (phase: typeof inputs.whole, i: number): PhaseColumn => {
    const workers = Math.ceil(phase.peakRate * work);
    const pods = Math.ceil(workers / concurrency);
    // A message stays in flight for its whole receive batch (planInputs' batch law): full batches, an upper estimate.
    const inFlight = phase.meanRate * inputs.batch.mean;
    const figures: Figure[] = [
      { key: "arrivals.peak", label: "arrival rate, peak", value: round(phase.peakRate), unit: "msg/s", formula: "λ max" },
      { key: "kubernetes.workers", label: "busy workers at the peak", value: workers, unit: "workers", formula: "⌈λ max × W⌉ (Little's law)" },
      {
        key: "kubernetes.pods",
        label: "pods those workers need",
        value: pods,
        unit: "count",
        formula: "⌈workers ÷ concurrency⌉",
      },
      { key: "kubernetes.nodes", label: "nodes those pods need", value: Math.ceil(pods / k.nodes.podsPerNode), unit: "count", formula: "⌈pods ÷ podsPerNode⌉" },
      ...(cpuTarget === undefined
        ? ([
            {
              key: "kubernetes.kedaAsksKeptUp",
              label: "replicas KEDA asks for at the mean rate, the queue kept up",
              // A long poll on a queue the workers keep empty returns each message as it comes: one a busy worker.
              value: clampAsk(Math.ceil((keda.scaleOnInFlight ? round(phase.meanRate * work) : 0) / keda.queueLength)),
              unit: "count",
              formula: keda.scaleOnInFlight ? "⌈λ̄ × W ÷ queueLength⌉ (a message a busy worker in flight)" : "the visible count only",
              source: "aws-behaviour 9.8, 9.11",
            },
            {
              key: "kubernetes.kedaAsks",
              label: "… with full receive batches in flight",
              value: clampAsk(Math.ceil((keda.scaleOnInFlight ? inFlight : 0) / keda.queueLength)),
              unit: "count",
              formula: keda.scaleOnInFlight ? "⌈λ̄ × batch time ÷ queueLength⌉ (while waiting messages fill each receive)" : "the visible count only",
              source: "aws-behaviour 9.8, 9.11",
            },
          ] satisfies Figure[])
        : ([
            {
              key: "kubernetes.cpuAsks",
              label: "replicas the CPU target asks for at the mean rate",
              // Busy workers at the mean rate, each pod kept at the target's share of its workers busy.
              value: Math.min(bounds.max, Math.max(bounds.min, Math.ceil(round(phase.meanRate * work) / (concurrency * (cpuTarget / 100))))),
              unit: "count",
              formula: "⌈λ̄ × W ÷ (concurrency × cpuUtilization)⌉ (utilisation = busy workers ÷ workers)",
              source: "aws-behaviour 9.1, 9.14",
            },
          ] satisfies Figure[])),
      ...rampFigures(i, phase),
    ];
    return {
      id: i === 0 ? "whole" : `phase-${i}`,
      title: i === 0 ? "whole run" : `${formatDuration(phase.startSeconds, "rounded")}–${formatDuration(phase.endSeconds, "rounded")}`,
      cause: i === 0 ? "whole run" : phase.cause,
      startSeconds: phase.startSeconds,
      endSeconds: phase.endSeconds,
      figures,
    };
  };
  return {
    scenario: scenario.name,
    durationSeconds: scenario.duration,
    fleet: { kind: "kubernetes", minInstances: bounds.min, maxInstances: bounds.max, workersPerInstance: concurrency },
    simulated: simulated === undefined ? null : { seed: simulated.seed, ...(runDirectory !== undefined ? { directory: runDirectory } : {}) },
    sections: [
      {
        id: "kubernetes",
        title: cpuTarget === undefined ? "Kubernetes: pods, nodes, KEDA and the HPA" : "Kubernetes: pods, nodes and the HPA on CPU",
        figures: [
          {
            key: "processing.work",
            label: "worker time per message",
            value: work,
            unit: "s",
            formula: "W = attempts × E[S]",
            worked: `${num(inputs.attempts)} × ${formatDuration(inputs.processing.mean, "rounded")}`,
          },
          cpuTarget === undefined
            ? {
                key: "kubernetes.queueLength",
                label: "messages per replica (KEDA's target)",
                value: keda.queueLength,
                unit: "messages",
                formula: "keda.queueLength",
                source: "aws-behaviour 9.9",
              }
            : {
                key: "kubernetes.cpuUtilization",
                label: "the HPA's CPU target (busy workers ÷ workers)",
                value: cpuTarget / 100,
                unit: "fraction",
                formula: "hpa.cpuUtilization",
                source: "aws-behaviour 9.14",
              },
        ],
      },
    ],
    phases: [inputs.whole, ...inputs.phases].map(column),
    warnings: kubernetesWarnings(k, bounds, cpu),
    sweep: kubernetesSweep(
      scenario,
      k,
      podsAt(Math.max(inputs.whole.peakRate, ...inputs.phases.map((p) => p.peakRate))),
      bounds,
      cpu === null ? null : cpu.maxTargetPct,
    ),
    assumptions: [
      "Workers, pods and nodes at each phase's peak are Little's law: arrival rate × worker time per message.",
      ...(cpuTarget === undefined
        ? [
            "KEDA's count is the visible and in-flight messages (as configured); a queue kept empty by the workers reads about " +
              "λ̄ × W in flight (a long poll returns each message as it comes), so a queueLength above the messages one replica holds under-provisions the pool; while messages wait, each " +
              "receive takes a full batch and the count, and the replicas it asks for, grow up to batchSize times.",
          ]
        : [
            "The HPA scales on CPU: a pod's utilisation is its busy workers ÷ its workers (the consumer taken as CPU-bound), so at the mean rate it keeps " +
              "λ̄ × W busy workers at the target's share. It cannot see the backlog: a busy pod reads at most its processing share of each batch cycle " +
              "(the receive and delete round trips are idle), so one step multiplies the replicas by at most that reading ÷ the target, however long the queue.",
          ]),
      "The HPA's steps to a phase's replicas are its own arithmetic (hpa.ts) sync by sync from what the phase before needs, each new pod " +
        "placed on a node with room or on one launched for it; KEDA's count is taken to ask for exactly those replicas (a backlog asks for more, " +
        "and gets there sooner); on CPU the HPA asks from the pods ready a whole metric window, the rest at 0% (9.15). Ready adds a sync to " +
        "see the rise. The stabilisation window's hold after a fall is left to a run.",
    ],
  };
}

/**
 * The sweep that checks the plan by simulation: KEDA's queueLength at half, once and twice its value (or, on CPU, the
 * target at 50, 70 and 90%) against a maximum of once and twice the pods the peak needs, 5 seeded replications, judged
 * on the queue wait.
 */
function kubernetesSweep(
  scenario: Scenario,
  k: KubernetesConfig,
  peakPods: number,
  bounds: { min: number; max: number },
  /** On CPU, the highest target a busy pod's reading can still pass (above it the HPA never scales up). */
  cpuLimitPct: number | null,
): SuggestedSweep | null {
  if (!(peakPods > 0)) return null;
  const wait = scenario.slo?.maxQueueWait ?? 60;
  const noSlo = scenario.slo === undefined ? ["no slo.maxQueueWait: the sweep judges the queue wait's p99 against 60 s; set one, or pass your own --slo"] : [];
  // No maximum above what the nodes hold (those cells would run alike), none below the minimum.
  const room = k.nodes.max * k.nodes.podsPerNode;
  const maxes = [...new Set([peakPods, 2 * peakPods].map((m) => Math.max(bounds.min, 1, Math.min(room, m))))].sort((a, b) => a - b);
  const at = "consumers.kubernetes";
  const cpu = k.hpa.cpuUtilization;
  const lever =
    cpu === undefined
      ? `${at}.keda.queueLength=${[...new Set([Math.max(1, Math.round(kedaOf(k).queueLength / 2)), kedaOf(k).queueLength, 2 * kedaOf(k).queueLength])].join(",")}`
      : `${at}.hpa.cpuUtilization=${cpuTargets(cpu, cpuLimitPct ?? 100).join(",")}`;
  return {
    vary: [lever, `${at}.${cpu === undefined ? "keda.maxReplicaCount" : "hpa.maxReplicas"}=${maxes.join(",")}`],
    replications: 5,
    slos: [`queueWait.p99<=${wait}s`],
    reasons: [
      cpu === undefined
        ? "keda.queueLength at half, once and twice its value: the messages a replica is asked to carry"
        : `hpa.cpuUtilization up to ${cpuLimitPct ?? 100}%, the highest target a busy pod's reading passes beyond the tolerance`,
      `the maximum replicas at once and twice the ${peakPods} pods the peak needs (λ max × W ÷ concurrency)${maxes.length < 2 ? ", within what the nodes hold" : ""}`,
      ...noSlo,
    ],
  };
}

interface CpuDynamics {
  targetPct: number;
  /** The most a busy pod reads, in whole percent as the HPA truncates it (9.14): its workers idle through the receive
   *  and delete round trips around each batch. */
  readingPct: number;
  /** The highest whole target that reading can still pass beyond the tolerance (0 when none). */
  maxTargetPct: number;
  canScaleUp: boolean;
  windowS: number;
}

function cpuDynamics(targetPct: number, scenario: Scenario, meanS: number, k: KubernetesConfig): CpuDynamics {
  const busy = scenario.consumers.batchSize * meanS;
  const readingPct = Math.floor((100 * busy) / (busy + 2 * scenario.queue.apiLatency));
  const passes = (t: number) => readingPct / t > 1 && !withinTolerance(readingPct / t, k.hpa.tolerance);
  let maxTargetPct = readingPct;
  while (maxTargetPct > 0 && !passes(maxTargetPct)) maxTargetPct--;
  return { targetPct, readingPct, maxTargetPct, canScaleUp: passes(targetPct), windowS: k.hpa.cpuMetricWindow ?? CPU_METRIC_WINDOW_S };
}

/** Replicas the nodes cannot hold, and a CPU target a busy pod cannot pass: the pool would not scale as written. */
function kubernetesWarnings(k: KubernetesConfig, bounds: { min: number; max: number }, cpu: CpuDynamics | null): Warning[] {
  const warnings: Warning[] = [];
  const room = k.nodes.max * k.nodes.podsPerNode;
  const which = cpu === null ? "keda.maxReplicaCount" : "hpa.maxReplicas";
  if (bounds.max > room) {
    warnings.push({
      id: "kubernetes-replicas-beyond-nodes",
      path: "consumers.kubernetes.nodes.max",
      message: `${which} is ${bounds.max} but nodes.max × podsPerNode = ${k.nodes.max} × ${k.nodes.podsPerNode} hold ${room} pods: replicas above ${room} stay Pending`,
      source: "aws-behaviour 9.21",
    });
  }
  if (cpu !== null && !cpu.canScaleUp) {
    warnings.push({
      id: "kubernetes-cpu-target-unreachable",
      path: "consumers.kubernetes.hpa.cpuUtilization",
      message:
        `a busy pod reads at most ${cpu.readingPct}% (its workers wait on the receive and delete round trips, and the HPA truncates to a ` +
        `whole percent), and ${cpu.readingPct}% ÷ ${cpu.targetPct}% is within the tolerance (${k.hpa.tolerance}) of 1: the HPA never scales up; ` +
        `set a target of at most ${cpu.maxTargetPct}%`,
      source: "aws-behaviour 9.2, 9.14",
    });
  }
  return warnings;
}

/** CPU targets to try: 50, 70 and 90% and the scenario's, those a busy pod can pass; else three up to that limit. */
function cpuTargets(written: number, limitPct: number): number[] {
  const reachable = [...new Set([50, 70, 90, written])].filter((t) => t <= limitPct).sort((a, b) => a - b);
  if (reachable.length >= 2) return reachable;
  return [...new Set([0.5, 0.75, 1].map((f) => Math.max(1, Math.floor(limitPct * f))))];
}

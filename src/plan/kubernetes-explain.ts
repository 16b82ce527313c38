// `sqs-sim explain` for a Kubernetes pool (issue 16, in progress): what the load needs in workers, pods and nodes at
// each phase (Little's law), and what KEDA's count (or, with hpa.cpuUtilization, the HPA's CPU target) would ask for in
// steady state. The HPA's dynamics (sync, stabilisation, rate policies) and node provisioning are left to a run: a
// simulation shows them.
import { formatDuration } from "../engine/units.js";
import { kubernetesSchema } from "../scenario/kubernetes-schema.js";
import { type Scenario } from "../scenario/schema.js";
import { type RunSummary } from "../sim/result.js";
import { type Explanation, type Figure, type PhaseColumn } from "./explanation.js";
import { num } from "./format.js";
import { planInputs } from "./plan-inputs.js";

const round = (x: number): number => Number(x.toFixed(2));

export function explainKubernetes(scenario: Scenario, simulated?: RunSummary, runDirectory?: string): Explanation {
  const inputs = planInputs(scenario);
  const k = scenario.consumers.kubernetes ?? kubernetesSchema.parse({});
  const concurrency = scenario.consumers.concurrency;
  const work = inputs.attempts * inputs.processing.mean;
  const cpuTarget = k.hpa.cpuUtilization;
  const bounds = cpuTarget === undefined ? { min: k.keda.minReplicaCount, max: k.keda.maxReplicaCount } : { min: k.hpa.minReplicas, max: k.hpa.maxReplicas! };
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
        ...(i === 0 && simulated?.kubernetes !== undefined ? { simulated: simulated.kubernetes.peakRunningPods } : {}),
      },
      { key: "kubernetes.nodes", label: "nodes those pods need", value: Math.ceil(pods / k.nodes.podsPerNode), unit: "count", formula: "⌈pods ÷ podsPerNode⌉" },
      cpuTarget === undefined
        ? {
            key: "kubernetes.kedaAsks",
            label: "replicas KEDA's count asks for at the mean rate",
            value: Math.max(1, Math.ceil((k.keda.scaleOnInFlight ? inFlight : 0) / k.keda.queueLength)),
            unit: "count",
            formula: k.keda.scaleOnInFlight ? "⌈λ̄ × batch time ÷ queueLength⌉ (in flight; the visible count adds to it)" : "the visible count only",
            source: "aws-behaviour 9.8, 9.11",
          }
        : {
            key: "kubernetes.cpuAsks",
            label: "replicas the CPU target asks for at the mean rate",
            // Busy workers at the mean rate, each pod kept at the target's share of its workers busy.
            value: Math.min(bounds.max, Math.max(bounds.min, Math.ceil(round(phase.meanRate * work) / (concurrency * (cpuTarget / 100))))),
            unit: "count",
            formula: "⌈λ̄ × W ÷ (concurrency × cpuUtilization)⌉ (utilisation = busy workers ÷ workers)",
            source: "aws-behaviour 9.1, 9.14",
          },
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
                value: k.keda.queueLength,
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
    warnings: [],
    sweep: null,
    assumptions: [
      "Workers, pods and nodes at each phase's peak are Little's law: arrival rate × worker time per message.",
      ...(cpuTarget === undefined
        ? [
            "KEDA's count is the visible and in-flight messages (as configured); a queue kept empty by the workers reads about " +
              "λ̄ × (a receive batch's processing time) in flight, so a queueLength above the messages one replica holds under-provisions the pool. The HPA's sync, " +
              "stabilisation and rate policies, pod start and node provisioning are not planned here: run the scenario to see them " +
              "(issue 16 will add them).",
          ]
        : [
            "The HPA scales on CPU: a pod's utilisation is its busy workers ÷ its workers (the consumer taken as CPU-bound), so at the mean rate it keeps " +
              "λ̄ × W busy workers at the target's share. It cannot see the backlog: a pod is at most 100% busy, so one sync multiplies the replicas by at most " +
              "100 ÷ the target, however long the queue.",
            "The HPA's sync, stabilisation and rate policies, pod start and node provisioning are not planned here: run the scenario to see them.",
          ]),
    ],
  };
}

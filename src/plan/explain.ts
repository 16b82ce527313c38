// `sqs-sim explain`: the back-of-the-envelope capacity plan of a scenario, from closed forms alone, with a saved
// run's measured values beside the analytic ones when there is one. Pure: a scenario (and a summary) in, plain
// data out.
import { type RunSummary } from "../sim/result.js";
import { type Explanation } from "./explanation.js";
import { phaseColumn } from "./phase-figures.js";
import { type InstanceTypeVariant, instanceTypesSection } from "./instance-type-figures.js";
import { planInputs } from "./plan-inputs.js";
import { pollingSection, processingSection, retriesSection, targetSection, VISIBILITY_SAFETY_FACTOR, visibilitySection } from "./section-figures.js";
import { type Scenario } from "../scenario/schema.js";
import { suggestedSweep } from "./suggested-sweep.js";
import { warnings } from "./warnings.js";
import { explainLambda } from "./lambda-explain.js";
import { explainKubernetes } from "./kubernetes-explain.js";

export interface ExplainOptions {
  /** Headroom of the recommended visibility timeout over the p99.9 in-flight time (default 1.5). */
  safetyFactor?: number;
  /** Where the simulated values come from, shown in the report. */
  runDirectory?: string;
  /** The scenario resolved on each of its instanceTypes, for the section that compares them (the loader resolves
   *  them: `fleet.instanceType=<name>` as a --set). */
  instanceTypes?: readonly InstanceTypeVariant[];
  /** The instance type the fleet is on, marked "(configured)" there (default fleet.instanceType: an architecture's
   *  pair scenario is already resolved on its pool's type and names none). */
  configuredInstanceType?: string;
}

/**
 * The explanation of a valid scenario. Throws if a producer's traffic cannot be compiled (a negative summed rate):
 * check `trafficProblems(scenario)` first (the CLI checks everything run would, sim/prepare-run's checkRun).
 */
export function explainScenario(scenario: Scenario, simulated?: RunSummary, options: ExplainOptions = {}): Explanation {
  if (scenario.consumers.platform === "lambda") return explainLambda(scenario, simulated, options.runDirectory);
  if (scenario.consumers.platform === "kubernetes") return explainKubernetes(scenario, simulated, options.runDirectory);
  const safety = options.safetyFactor ?? VISIBILITY_SAFETY_FACTOR;
  const inputs = planInputs(scenario);
  const whole = phaseColumn(inputs, inputs.whole, "whole", simulated);
  const phases = [whole, ...inputs.phases.map((p, i) => phaseColumn(inputs, p, `phase-${i + 1}`, undefined))];
  const simulatedRun =
    simulated === undefined ? null : { seed: simulated.seed, ...(options.runDirectory !== undefined ? { directory: options.runDirectory } : {}) };
  const sections = [
    processingSection(inputs),
    targetSection(inputs),
    visibilitySection(inputs, safety),
    retriesSection(inputs, simulated),
    pollingSection(inputs, simulated),
  ];
  const types = instanceTypesSection(options.instanceTypes ?? [], options.configuredInstanceType ?? scenario.fleet.instanceType);
  // After the sweep suggestion is made from the sections it reads: the comparison is extra, last.
  const sweep = suggestedSweep(inputs, sections, whole);
  if (types !== null) sections.push(types);
  return {
    scenario: scenario.name,
    durationSeconds: scenario.duration,
    fleet: { kind: inputs.fleetKind, minInstances: inputs.minInstances, maxInstances: inputs.maxInstances, workersPerInstance: inputs.k },
    simulated: simulatedRun,
    sections,
    phases,
    warnings: warnings(inputs, safety),
    sweep,
    assumptions: assumptions(scenario, inputs.phases.length > 0),
  };
}

function assumptions(scenario: Scenario, split: boolean): string[] {
  const list = [
    split
      ? "Traffic phases split the run at steps, at the start and end of spikes and at the end of one-shot traces; each " +
        "phase is treated as steady at its mean rate (diurnal waves and trace rows show in its peak). The whole run's " +
        "waiting figures are the phases' weighted by their arrivals (messages in queue: by their length)."
      : "The run is treated as steady at its mean rate (diurnal waves and trace rows show in its peak).",
    "Capacity per instance is concurrency ÷ W: a worker processes its receive batch one message after another and deletes " +
      "the batch at the end, so batching saves requests but adds no capacity, and a message stays in flight for its whole batch.",
    "Erlang C (M/M/c) assumes Poisson arrivals and exponential processing; Allen–Cunneen scales its wait by (Ca² + Cs²) ÷ 2 " +
      "for other processing times and for evenly spaced arrivals (Ca² = 0). Producer send batches and SQS call round trips " +
      "(queue.apiLatency, about two per receive batch) are left out.",
    "The visibility timeout covers the processing tail only; for a Lambda pool (consumers.platform: lambda) explain gives " +
      "AWS's advice of 6 × the function timeout instead (aws-behaviour 8.9).",
  ];
  if (scenario.fleet.kind === "asg") {
    list.push(
      "Auto Scaling groups: utilisation is given at min and max; the waiting figures (Erlang C) are for fixed fleets only, " +
        "since the group's size moves with its policies, launch time and warm-up.",
    );
  }
  if (scenario.queue.type === "fifo") {
    list.push(
      "FIFO: parallelism is capped by the message groups in flight (aws-behaviour 12.5) and calls by 300/s per action " +
        "(3.10) unless in high-throughput mode; the figures here ignore both.",
    );
  }
  return list;
}

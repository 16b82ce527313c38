// The plain data `sqs-sim explain` returns: figures, each with the formula it came from, grouped into sections and
// traffic-phase columns, and warnings naming the scenario field they are about. JSON-serialisable as it stands
// (values that are undefined or unbounded are null, with a note saying why).

export type Unit = "s" | "msg/s" | "workers" | "instances" | "fraction" | "messages" | "msg/instance" | "receives/s" | "USD/h" | "attempts" | "count";

export interface Figure {
  /** Stable identifier, the same in every phase column ("erlang.meanWait"). */
  key: string;
  label: string;
  /** null when the figure is undefined here (an unstable queue, no SLO) or unbounded; `note` says which. */
  value: number | null;
  unit: Unit;
  /** The formula in symbols: "λ̄ × W". */
  formula: string;
  /** The same with the scenario's numbers put in: "20 × 101 ms". */
  worked?: string;
  /** The fact it follows, e.g. "aws-behaviour 6.17". */
  source?: string;
  /** The same quantity measured in a saved run of the scenario. */
  simulated?: number;
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
}

/** One column of the traffic table: the whole run first, then each phase. */
export interface PhaseColumn {
  id: string;
  /** "whole run" or the span, "20m–30m". */
  title: string;
  /** What begins at its start ("spike to +120 msg/s"); "whole run" for the first column. */
  cause: string;
  startSeconds: number;
  endSeconds: number;
  figures: Figure[];
}

export type WarningId =
  | "visibility-below-p99"
  | "heartbeat-too-late"
  | "heartbeat-extension-too-short"
  | "max-receive-count-low"
  | "poison-without-dead-letter-queue"
  | "short-polling-idle-workers"
  | "fleet-cannot-keep-up"
  | "target-unreachable-at-max"
  | "target-above-acceptable-latency"
  | "target-on-visible-messages"
  | "target-metric-reads-zero"
  | "lambda-visibility-below-advice"
  | "lambda-max-receive-count-low"
  | "lambda-reserved-below-pollers"
  | "lambda-cannot-keep-up"
  | "kubernetes-replicas-beyond-nodes"
  | "kubernetes-cpu-target-unreachable";

export interface Warning {
  id: WarningId;
  /** The scenario field to change, dotted as in --set ("queue.visibilityTimeout"). */
  path: string;
  /** What will hurt and why, with the numbers. */
  message: string;
  source?: string;
}

/**
 * The `sqs-sim sweep` that checks the plan by simulation: its --vary flags (path=v1,v2,… as typed), replications
 * per cell and --slo objectives, with one sentence per dimension saying why those values.
 */
export interface SuggestedSweep {
  vary: string[];
  replications: number;
  slos: string[];
  reasons: string[];
}

export interface Explanation {
  scenario: string;
  durationSeconds: number;
  /** For a Lambda pool: its concurrency, from the mapping's start to what the mapping and the function allow. */
  fleet: { kind: "fixed" | "asg" | "lambda" | "kubernetes"; minInstances: number; maxInstances: number; workersPerInstance: number };
  /** The saved run whose values stand beside the analytic ones; null without one. */
  simulated: { seed: number; directory?: string } | null;
  /** Processing, autoscaling target, visibility timeout, retries, polling. */
  sections: Section[];
  phases: PhaseColumn[];
  warnings: Warning[];
  /** The sweep that checks these estimates by simulation; null when nothing can be varied (no traffic). */
  sweep: SuggestedSweep | null;
  /** What the formulas assume, in words. */
  assumptions: string[];
}

/** The figure with `key` in a section or a phase column; undefined when absent. */
export function findFigure(where: { figures: readonly Figure[] } | undefined, key: string): Figure | undefined {
  return where?.figures.find((f) => f.key === key);
}

/** A section by id. */
export function findSection(explanation: Explanation, id: string): Section | undefined {
  return explanation.sections.find((s) => s.id === id);
}

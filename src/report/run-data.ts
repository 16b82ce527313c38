import { type Activity } from "../metrics/activity-log.js";
import { type PeriodSeries } from "../metrics/period-series.js";
import { type SparseHistogram } from "../metrics/sparse-histogram.js";
import { type ScalingPolicyConfig } from "../scenario/fleet-schema.js";
import { type Scenario } from "../scenario/schema.js";
import { type TraceRow } from "../sim/message-trace-rows.js";
import { type RunSummary, type SimulationResult } from "../sim/result.js";

/** What the reports need of the scenario: read from the typed Scenario, or from a saved run's scenario.json. */
export interface ReportContext {
  scenarioName: string;
  description?: string;
  seed: number;
  durationSeconds: number;
  periodSeconds: number;
  /** Epoch milliseconds of the scenario's startTime; charts then label time by the clock (UTC). */
  startEpochMs?: number;
  sloMaxQueueWaitSeconds?: number;
  fleetKind: string;
  /** The group's scaling policies in scenario order (their names are TargetTracking-1, StepScaling-2, …). */
  policies: ScalingPolicyConfig[];
  /** The scenario as run, after defaults: the text of scenario.json. */
  scenarioJson: string;
}

/**
 * What the time charts read of a run: its series, activities and context, and of its summary only the figures below.
 * A finished run's RunData is one; the playground builds one from a run still going (the cost so far, say).
 */
export interface ChartRun {
  series: PeriodSeries;
  activities: Activity[];
  context: ReportContext;
  summary: {
    cost: RunSummary["cost"];
    lambda?: Pick<NonNullable<RunSummary["lambda"]>, "eventPollersUsd">;
    deadLetterQueue: RunSummary["deadLetterQueue"];
  };
  /** Set while the run is still going: its figures are so far, not at the end. */
  running?: true;
}

/** Everything a report is built from: the result of one run and its context. Plain data, as a saved run holds it. */
export interface RunData {
  summary: RunSummary;
  series: PeriodSeries;
  activities: Activity[];
  histograms: { queueWait: SparseHistogram; endToEnd: SparseHistogram };
  context: ReportContext;
  /** The traced messages' events (run --trace-messages), absent without them. */
  messageTrace?: TraceRow[];
}

/** The parts of a Scenario the reports read; a parsed scenario.json has them too (trace series aside). */
export type ScenarioForReport = Pick<Scenario, "name" | "duration" | "seed" | "fleet" | "metrics"> &
  Partial<Pick<Scenario, "description" | "startTime" | "slo" | "consumers">>;

export function reportContext(scenario: ScenarioForReport, seed: number, scenarioJson: string): ReportContext {
  const start = scenario.startTime === undefined ? undefined : Date.parse(scenario.startTime);
  const platform = scenario.consumers?.platform ?? "ec2";
  return {
    scenarioName: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    seed,
    durationSeconds: scenario.duration,
    periodSeconds: scenario.metrics.period,
    ...(start !== undefined && Number.isFinite(start) ? { startEpochMs: start } : {}),
    ...(scenario.slo !== undefined ? { sloMaxQueueWaitSeconds: scenario.slo.maxQueueWait } : {}),
    // A Lambda or Kubernetes pool's fleet block (EC2's, perhaps written for `--set consumers.platform=…`) is not used.
    fleetKind: platform === "ec2" ? scenario.fleet.kind : platform,
    policies: platform === "ec2" && scenario.fleet.kind === "asg" ? scenario.fleet.policies : [],
    scenarioJson,
  };
}

export function runData(result: SimulationResult, scenario: ScenarioForReport, scenarioJson: string): RunData {
  return {
    summary: result.summary,
    series: result.series,
    activities: result.activities,
    histograms: result.histograms,
    context: reportContext(scenario, result.summary.seed, scenarioJson),
    ...(result.messageTrace === undefined ? {} : { messageTrace: result.messageTrace }),
  };
}

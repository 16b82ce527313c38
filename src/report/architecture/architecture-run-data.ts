// Everything an architecture run's report is drawn from: its summary, series and activities, the scenario's wiring,
// and the context of its charts. Plain data, as a saved run directory holds it (summary.json, timeseries.csv,
// activities.csv, scenario.json).
import { type Activity } from "../../metrics/activity-log.js";
import { type PeriodSeries } from "../../metrics/period-series.js";
import { type Architecture } from "../../scenario/architecture-schema.js";
import { type ArchitectureSummary } from "../../sim/architecture-result.js";
import { type ViewContext } from "./resource-views.js";
import { type Wiring, wiringOf } from "./topology.js";

export interface ArchitectureRunData {
  summary: ArchitectureSummary;
  series: PeriodSeries;
  activities: Activity[];
  wiring: Wiring;
  context: ViewContext & { description?: string };
}

/** What the report reads of the scenario: a parsed scenario.json has it too. */
export type ArchitectureForReport = Pick<Architecture, "name" | "duration" | "producers" | "topics" | "queues" | "consumers" | "metrics"> &
  Partial<Pick<Architecture, "description" | "startTime" | "slo">>;

export function architectureRunData(
  result: { summary: ArchitectureSummary; series: PeriodSeries; activities: Activity[] },
  a: ArchitectureForReport,
  scenarioJson: string,
): ArchitectureRunData {
  const start = a.startTime === undefined ? undefined : Date.parse(a.startTime);
  return {
    summary: result.summary,
    series: result.series,
    activities: result.activities,
    wiring: wiringOf(a),
    context: {
      scenarioName: a.name,
      ...(a.description !== undefined ? { description: a.description } : {}),
      seed: result.summary.seed,
      durationSeconds: a.duration,
      periodSeconds: a.metrics.period,
      ...(start !== undefined && Number.isFinite(start) ? { startEpochMs: start } : {}),
      ...(a.slo !== undefined ? { sloMaxQueueWaitSeconds: a.slo.maxQueueWait } : {}),
      scenarioJson,
      fleets: Object.fromEntries(a.consumers.map((c) => [c.name, { kind: c.fleet.kind, policies: c.fleet.kind === "asg" ? c.fleet.policies : [] }])),
    },
  };
}

// The charts of `sqs-sim compare-platforms`: one traffic on EC2, Lambda and Kubernetes, on shared axes (backlog,
// capacity, queue wait p50 and p99, throughput, cost, the wait's distribution), then each platform's own scaling
// chart (the group's instances, Lambda's pollers and concurrency, the pods and nodes), as its run draws it.
import { type RunData } from "../run-data.js";
import { type ChartSpec } from "./chart-spec.js";
import { COMPARED_METRICS, type ComparedMetric, cdfComparison, type Points, timeComparison } from "./comparison-charts.js";
import { buildCharts } from "./index.js";
import { SeriesView } from "./series-view.js";

/** Workers per instance or pod, from the scenario as run (consumers.concurrency, after an instance type's). */
function workersPer(run: RunData): number {
  const scenario = JSON.parse(run.context.scenarioJson) as { consumers?: { concurrency?: number } };
  return scenario.consumers?.concurrency ?? 1;
}

const CAPACITY: ComparedMetric = {
  id: "platforms-capacity",
  title: "Workers running",
  column: "instances",
  reduce: "max",
  yTitle: "workers",
  format: { kind: "count" },
  howToRead:
    "The capacity each platform had running: EC2, the InService instances × their workers; Kubernetes, the ready " +
    "pods × their workers; Lambda, the invocations running (its concurrency, averaged over each period: Lambda runs " +
    "no idle capacity). The gap to the arrivals' need is the backlog's growth.",
};

const MEDIAN_WAIT: ComparedMetric = {
  id: "platforms-queue-wait-p50",
  title: "Queue wait p50 per period",
  column: "queue_wait_p50_s",
  reduce: "max",
  yTitle: "seconds",
  format: { kind: "duration" },
  howToRead: "The median queue wait of the messages first received in each period, per platform: the typical message's wait.",
};

function capacityPoints(run: RunData, view: SeriesView, platform: string): Points | null {
  if (platform === "lambda") return view.has("lambda_concurrency") ? view.points("lambda_concurrency", "max") : null;
  const per = workersPer(run);
  return view.has("instances") ? view.points("instances", "max", (v) => v * per) : null;
}

/** A platform's own scaling chart (the run's "fleet" chart), renamed so that several can stand in one report. */
function ownFleetChart(run: RunData, platform: string, label: string): ChartSpec | null {
  const fleet = buildCharts(run).find((c) => c.id === "fleet");
  return fleet === undefined ? null : { ...fleet, id: `fleet-${platform}`, title: `${label}: ${fleet.title}` };
}

const byId = (id: string): ComparedMetric => COMPARED_METRICS.find((m) => m.id === id)!;

/** `platforms` name each run's platform (ec2, lambda, kubernetes); `labels` the legends (EC2, Lambda, Kubernetes). */
export function buildPlatformCharts(runs: readonly RunData[], platforms: readonly string[], labels: string[]): ChartSpec[] {
  const views = runs.map((r) => new SeriesView(r.series));
  const shared = (metric: ComparedMetric, points?: (Points | null)[]) => timeComparison(runs, views, labels, metric, points);
  return [
    shared(byId("compare-backlog")),
    shared(
      CAPACITY,
      runs.map((r, i) => capacityPoints(r, views[i]!, platforms[i]!)),
    ),
    shared(MEDIAN_WAIT),
    shared(byId("compare-queue-wait-p99")),
    cdfComparison(runs, labels, "queueWait"),
    shared(byId("compare-deleted")),
    shared(byId("compare-cost")),
    ...runs.map((r, i) => ownFleetChart(r, platforms[i]!, labels[i]!)),
  ].filter((c): c is ChartSpec => c !== null);
}

import { type Activity } from "../../metrics/activity-log.js";
import { type ChartRun } from "../run-data.js";
import { type ChartSpec, type XLine } from "./chart-spec.js";
import { dataset, timeChart, yScale } from "./chart-kit.js";
import { type Point, type SeriesView } from "./series-view.js";
import { SERIES } from "./series-style.js";

/** Past this many activities, vertical lines through each would bury the capacity lines; the markers remain. */
const MAX_ACTIVITY_LINES = 12;

function activityMarkers(activities: readonly Activity[]): { out: Point[]; in: Point[] } {
  const out: Point[] = [];
  const inn: Point[] = [];
  for (const a of activities) {
    if (a.kind !== "scaling") continue;
    const before = Number(a.before);
    const after = Number(a.after);
    if (!Number.isFinite(before) || !Number.isFinite(after) || before === after) continue;
    (after > before ? out : inn).push({ x: a.timeS, y: after, note: `${a.source}: ${before} → ${after}. ${a.reason}` });
  }
  return { out, in: inn };
}

/**
 * Chart 2: the Auto Scaling group's instances by state, with its scaling activities; for a Lambda pool, its
 * concurrency. Left out for a fixed fleet.
 */
export function fleetChart(run: ChartRun, view: SeriesView): ChartSpec | null {
  if (view.has("lambda_concurrency")) return lambdaConcurrencyChart(run, view);
  if (view.has("ready_replicas")) return kubernetesChart(run, view);
  if (run.context.fleetKind !== "asg" || !view.has("desired_capacity")) return null;
  const markers = activityMarkers(run.activities);
  const datasets = [
    dataset("desired", view.points("desired_capacity", "max")),
    dataset("inService", view.points("instances", "max")),
    dataset("pending", view.points("pending_instances", "max")),
    dataset("warming", view.points("warming_instances", "max")),
  ];
  if (view.anyNonZero("terminating_instances")) datasets.push(dataset("terminating", view.points("terminating_instances", "max")));
  if (markers.out.length > 0) datasets.push(dataset("scaleOut", markers.out, { markersOnly: true, label: `scale-out activity (${markers.out.length})` }));
  if (markers.in.length > 0) datasets.push(dataset("scaleIn", markers.in, { markersOnly: true, label: `scale-in activity (${markers.in.length})` }));
  const all = [...markers.out.map((p) => ({ p, s: SERIES.scaleOut })), ...markers.in.map((p) => ({ p, s: SERIES.scaleIn }))];
  const lines: XLine[] = all.length > MAX_ACTIVITY_LINES ? [] : all.map(({ p, s }) => ({ at: p.x, color: s.color, dash: [2, 3] }));
  return {
    id: "fleet",
    title: "Fleet",
    howToRead:
      "Instances of the Auto Scaling group by state at the end of each metric period: desired capacity (what the " +
      "policies asked for), pending (launched, not yet InService), InService (running consumers) and warming " +
      "(InService but still inside the warm-up, so they do not yet count toward scaling decisions as full instances). " +
      "Markers sit where a scaling activity changed the desired capacity, at its new value: triangles for scale-out, " +
      "diamonds for scale-in; hover one in report.html for the policy and the reason. The gap between a scale-out " +
      "marker and the InService line catching up is the launch time.",
    config: timeChart(run, view, {
      title: "Fleet",
      datasets,
      yScales: { y: yScale("instances") },
      yFormats: { y: { kind: "count" } },
      annotations: { lines },
    }),
  };
}

/** A Lambda pool's chart 2: the mapping's pollers, the function's concurrency, and markers where it throttled. */
function lambdaConcurrencyChart(run: ChartRun, view: SeriesView): ChartSpec {
  const concurrency = view.points("lambda_concurrency", "max");
  const throttles = view.points("lambda_throttles", "mean");
  // A marker on the concurrency line in each period with throttles, saying how many.
  const marks: Point[] = [];
  throttles.forEach((t, i) => {
    if (t.y !== null && t.y > 0) marks.push({ x: t.x, y: concurrency[i]?.y ?? 0, note: `${Math.round(t.y)} throttled invocations a period` });
  });
  const datasets = [dataset("pollers", view.points("lambda_pollers", "max"), { stepped: true }), dataset("concurrency", concurrency)];
  if (marks.length > 0) datasets.push(dataset("throttles", marks, { markersOnly: true, label: `throttled (${marks.length} periods)` }));
  return {
    id: "fleet",
    title: "Lambda concurrency",
    howToRead:
      "The event source mapping's pollers (each one batch at a time: the concurrency it asks for) and the function's " +
      "concurrency, the invocations running, averaged over each metric period. The pollers grow while messages wait, " +
      "by the mapping's scaling rule (aws-behaviour 8.2-8.3), and back off after throttles and errors. Crosses mark " +
      "periods with throttled invocations: the mapping asked for more than the function's reserved or account " +
      "concurrency allows, and those batches' messages return after the visibility timeout with their receive " +
      "counted (8.13), which can send healthy messages to the dead-letter queue. Hover one for the count.",
    config: timeChart(run, view, {
      title: "Lambda concurrency",
      datasets,
      yScales: { y: yScale("invocations") },
      yFormats: { y: { kind: "count" } },
    }),
  };
}

/** What drives a Kubernetes pool's replicas, for the chart's reading note. */
const KEDA_DRIVER =
  "The HPA syncs every 15 s on KEDA's count of visible and in-flight messages (aws-behaviour 9.8-9.11), and KEDA itself wakes the workload from 0 and returns it to 0.";
const CPU_DRIVER =
  "The HPA syncs every 15 s on the pods' CPU utilisation (busy workers ÷ workers, aws-behaviour 9.14): it cannot see the backlog, and one sync multiplies the replicas by at most 100 ÷ the target.";

/** A Kubernetes pool's chart 2: the replicas KEDA and the HPA set, the pods ready and pending, and the nodes. */
function kubernetesChart(run: ChartRun, view: SeriesView): ChartSpec {
  const onCpu = view.has("cpu_utilization_pct");
  const markers = activityMarkers(run.activities);
  const datasets = [
    dataset("desired", view.points("desired_replicas", "max"), { label: "desired replicas", stepped: true }),
    dataset("inService", view.points("ready_replicas", "max"), { label: "ready pods" }),
    dataset("pending", view.points("pending_pods", "max"), { label: "pending pods" }),
  ];
  if (view.has("nodes")) datasets.push(dataset("nodes", view.points("nodes", "max")));
  if (markers.out.length > 0) datasets.push(dataset("scaleOut", markers.out, { markersOnly: true, label: `scale-up (${markers.out.length})` }));
  if (markers.in.length > 0) datasets.push(dataset("scaleIn", markers.in, { markersOnly: true, label: `scale-down (${markers.in.length})` }));
  return {
    id: "fleet",
    title: "Pods and nodes",
    howToRead:
      `The replicas ${onCpu ? "the HPA" : "KEDA and the HPA"} set (desired), the pods ready and those pending (waiting for a node, or starting ` +
      "on one), and the nodes, at the end of each metric period. " +
      (onCpu ? CPU_DRIVER : KEDA_DRIVER) +
      " The gap between desired and ready is pods waiting for a node's launch and their own start. Markers sit where " +
      "the replicas changed: triangles up, diamonds down; hover one for the reason.",
    config: timeChart(run, view, {
      title: "Pods and nodes",
      datasets,
      yScales: { y: yScale("pods / nodes") },
      yFormats: { y: { kind: "count" } },
    }),
  };
}

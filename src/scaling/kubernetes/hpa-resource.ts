// The HPA on a Resource metric with an averageUtilization target (aws-behaviour 9.1, 9.2, 9.6, 9.14-9.15), as the
// Kubernetes controller computes it: groupPods and GetResourceReplicas in
// pkg/controller/podautoscaler/replica_calculator.go, step for step (pods being deleted ignored, pending and
// initialising pods unready, the ratio over the ready pods, unready pods at 0% on a scale-up, no action when that
// flips the direction or lands within the tolerance). Pure: the caller describes the pods and their metrics.
import { withinTolerance } from "./hpa.js";

/** The CPU initialisation period: a pod's CPU sample is doubted for 5 minutes after it started (9.6). */
export const CPU_INITIALIZATION_PERIOD_US = 300_000_000;
/** The initial readiness delay: a pod unready within 30 s of its start is taken as never ready yet (9.6). */
export const DELAY_OF_INITIAL_READINESS_US = 30_000_000;

/** What the HPA sees of one pod (its status, and its metric from metrics-server if it has one). */
export interface PodView {
  /** Pending (not yet running on a node), Running, or being deleted (a deletion timestamp is set). */
  phase: "Pending" | "Running" | "Deleting";
  /** When the kubelet started the pod (pod.status.startTime). */
  startUs: number;
  /** The Ready condition, and when it last changed (null: no Ready condition yet). */
  ready: { status: boolean; sinceUs: number } | null;
  /** The pod's CPU request, in millicores. */
  requestMilli: number;
  /** Its usage over the metric window ending at timestampUs, in millicores; null when metrics-server has none. */
  metric: { usageMilli: number; timestampUs: number; windowUs: number } | null;
}

export interface PodGroups {
  readyPodCount: number;
  /** Indexes into the pods, by group. */
  ready: number[];
  unready: number[];
  missing: number[];
  ignored: number[];
}

/** groupPods for the CPU resource (9.6, 9.15). */
export function groupPods(pods: readonly PodView[], nowUs: number): PodGroups {
  const g: PodGroups = { readyPodCount: 0, ready: [], unready: [], missing: [], ignored: [] };
  pods.forEach((pod, i) => {
    if (pod.phase === "Deleting") return void g.ignored.push(i);
    if (pod.phase === "Pending") return void g.unready.push(i);
    if (pod.metric === null) return void g.missing.push(i);
    let unready: boolean;
    if (pod.ready === null) unready = true;
    else if (pod.startUs + CPU_INITIALIZATION_PERIOD_US > nowUs) {
      // Within the initialisation period: unready, or no whole metric window since it became ready.
      unready = !pod.ready.status || pod.metric.timestampUs < pod.ready.sinceUs + pod.metric.windowUs;
    } else {
      // After it: only a pod that has never been ready.
      unready = !pod.ready.status && pod.startUs + DELAY_OF_INITIAL_READINESS_US > pod.ready.sinceUs;
    }
    if (unready) return void g.unready.push(i);
    g.readyPodCount++;
    g.ready.push(i);
  });
  return g;
}

/** GetResourceUtilizationRatio: the whole percent (truncated, as the controller's integer division) and the ratio. */
function utilizationRatio(usage: readonly number[], requests: readonly number[], targetPct: number): { ratio: number; utilizationPct: number } {
  let used = 0;
  let requested = 0;
  for (let i = 0; i < usage.length; i++) {
    used += usage[i]!;
    requested += requests[i]!;
  }
  const utilizationPct = Math.trunc((used * 100) / requested);
  return { ratio: utilizationPct / targetPct, utilizationPct };
}

/**
 * GetResourceReplicas (9.1, 9.2, 9.6): the replicas a CPU target asks for, and the utilisation read (of the ready
 * pods), or null when no pod has a usable metric (the controller's "did not receive metrics" error: it does not scale).
 */
export function resourceReplicas(
  current: number,
  pods: readonly PodView[],
  targetPct: number,
  nowUs: number,
  tolerance: number,
): { replicas: number; utilizationPct: number } | null {
  if (pods.length === 0) return null;
  const g = groupPods(pods, nowUs);
  if (g.ready.length === 0) return null;
  const { ratio, utilizationPct } = utilizationRatio(
    g.ready.map((i) => pods[i]!.metric!.usageMilli),
    g.ready.map((i) => pods[i]!.requestMilli),
    targetPct,
  );
  const scaleUpWithUnready = g.unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.length === 0) {
    if (withinTolerance(ratio, tolerance)) return { replicas: current, utilizationPct };
    // Without unready or missing pods: the ready pods' count, not the current replicas.
    return { replicas: Math.ceil(ratio * g.readyPodCount), utilizationPct };
  }
  const counted = [...g.ready];
  const usage = g.ready.map((i) => pods[i]!.metric!.usageMilli);
  if (g.missing.length > 0 && ratio !== 1) {
    // On a scale-down a missing pod uses 100% of its request (or the target, above 100%); on a scale-up, 0%.
    for (const i of g.missing) {
      counted.push(i);
      usage.push(ratio < 1 ? Math.trunc((pods[i]!.requestMilli * Math.max(100, targetPct)) / 100) : 0);
    }
  }
  if (scaleUpWithUnready) {
    for (const i of g.unready) {
      counted.push(i);
      usage.push(0);
    }
  }
  const next = utilizationRatio(
    usage,
    counted.map((i) => pods[i]!.requestMilli),
    targetPct,
  ).ratio;
  if (withinTolerance(next, tolerance) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return { replicas: current, utilizationPct };
  const replicas = Math.ceil(next * counted.length);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current)) return { replicas: current, utilizationPct };
  return { replicas, utilizationPct };
}

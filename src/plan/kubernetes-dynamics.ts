// How fast a Kubernetes pool's HPA can follow a phase of the load (aws-behaviour 9.3-9.6, 9.14-9.15, 9.21): sync by
// sync, the replicas it sets on the way from what one level of load needs to what another needs, with the model's own
// HpaStabilizer (hpa.ts) for the stabilisation windows and rate policies, and when the new pods are ready: each is
// placed on a node with room, or waits for a node launched for it, then starts. KEDA's count is taken to ask for
// exactly the target at every sync (a backlog makes it ask for more, and the rise faster), so a rise is the slowest
// the policies allow for that ask. The HPA on CPU asks from the pods it counts: a pod counts once ready and a metric
// window has passed since (before that it is unready, at 0% on a scale-up, 9.15), the counted pods read at most a busy
// pod's reading, and the HPA holds while the recomputed ratio is within its tolerance.
import { type HpaBehavior, HpaStabilizer, withinTolerance } from "../scaling/kubernetes/hpa.js";

/** The HPA on CPU, for its ask: the most a busy pod reads (whole percent) and the target, the tolerance, the window. */
export interface CpuAsk {
  readingPct: number;
  targetPct: number;
  tolerance: number;
  windowS: number;
}

/** Pods and the nodes they wait for: means, and the node pool's size. */
export interface PodTiming {
  podStartS: number;
  nodeLaunchS: number;
  podsPerNode: number;
  /** Nodes up when the rise begins (at least nodes.min), and the most there can be. */
  nodesAtStart: number;
  maxNodes: number;
}

export interface ReplicaRamp {
  /** The replicas after each sync that changed them, from the first level ("1 → 2 → 4 → 8"), and those syncs' times. */
  path: number[];
  stepTimes: number[];
  /** Seconds from the first sync that could see the rise to the one that set the target; null when none does. */
  seconds: number | null;
  /** Seconds from that first sync until the target's pods are all ready; null when they never are. */
  readySeconds: number | null;
  /** Why the target is never reached: the policies do not allow it, or the pods cannot be placed. */
  never?: "scale-up disabled" | "cpu within tolerance" | "no room on the nodes";
}

export function replicaRamp(
  behavior: HpaBehavior,
  syncPeriodS: number,
  from: number,
  to: number,
  bounds: { min: number; max: number },
  timing: PodTiming,
  cpu: CpuAsk | null = null,
): ReplicaRamp {
  const hpa = new HpaStabilizer(behavior);
  const target = Math.min(bounds.max, Math.max(bounds.min, to));
  const periods = [...behavior.scaleUp.policies, ...behavior.scaleDown.policies].map((p) => p.periodS);
  // The HPA has been recommending `from` for as long as any window or policy period looks back.
  const lookBack = Math.max(behavior.scaleUp.stabilizationWindowS, behavior.scaleDown.stabilizationWindowS, ...periods);
  for (let t = -Math.ceil(lookBack / syncPeriodS) * syncPeriodS; t < 0; t += syncPeriodS) hpa.normalize(t, from, from, bounds.min, bounds.max);
  const pods = new PodPlacement(timing, from);
  const path = [from];
  const stepTimes: number[] = [];
  if (from === target) return { path, stepTimes, seconds: 0, readySeconds: 0 };
  let current = from;
  let lastChangeS = 0;
  // Stuck means no change for longer than every window and period looks back (a long policy period leaves syncs
  // without a change between its steps), and, on CPU, than new pods take to be counted.
  const patience = lookBack + syncPeriodS + (cpu === null ? 0 : timing.podStartS + timing.nodeLaunchS + cpu.windowS);
  for (let t = 0; ; t += syncPeriodS) {
    if (current === target) {
      const ready = pods.readyAt(target);
      return {
        path,
        stepTimes,
        seconds: lastChangeS,
        readySeconds: Number.isFinite(ready) ? ready : null,
        ...(Number.isFinite(ready) ? {} : { never: "no room on the nodes" as const }),
      };
    }
    const ask = cpu === null ? target : cpuAsk(cpu, pods.countedAt(t, cpu.windowS), current, target);
    const next = hpa.normalize(t, current, ask, bounds.min, bounds.max);
    if (next !== current) {
      path.push(next);
      stepTimes.push(t);
      lastChangeS = t;
      if (next > current) pods.add(next - current, t);
      current = next;
    } else if (t - lastChangeS > patience) {
      const never = behavior.scaleUp.selectPolicy === "Disabled" ? "scale-up disabled" : "cpu within tolerance";
      return { path, stepTimes, seconds: null, readySeconds: null, never };
    }
  }
}

/**
 * What the HPA on CPU asks for with `counted` of the `current` pods counted (GetResourceReplicas, 9.14-9.15): the
 * counted pods read a busy pod's reading (the load is above them, or there is no rise to follow); with unready pods
 * the ratio is computed again with them at 0%, and within the tolerance or at or below 1 nothing changes.
 */
function cpuAsk(cpu: CpuAsk, counted: number, current: number, target: number): number {
  if (counted === 0) return current;
  const ratio = cpu.readingPct / cpu.targetPct;
  if (ratio <= 1 || withinTolerance(ratio, cpu.tolerance)) return current;
  if (counted >= current) return Math.max(current, Math.min(target, Math.ceil(ratio * counted)));
  // Computed again over every pod, the unready at 0%, the utilisation truncated to a whole percent as before.
  const again = Math.floor((cpu.readingPct * counted) / current) / cpu.targetPct;
  if (again <= 1 || withinTolerance(again, cpu.tolerance)) return current;
  // A new count against the direction of the ratio changes nothing (replica_calculator.go).
  return Math.max(current, Math.min(target, Math.ceil(again * current)));
}

/** Pods placed on nodes with room in creation order; a node is launched for pods that fit on none, up to the max. */
class PodPlacement {
  /** Each pod's time ready (start after placement); Infinity when no node will ever have room. */
  private readonly readyS: number[] = [];
  /** Each node's time ready, and its pods. */
  private readonly nodes: { readyS: number; pods: number }[] = [];

  constructor(
    private readonly timing: PodTiming,
    running: number,
  ) {
    for (let n = 0; n < timing.nodesAtStart; n++) this.nodes.push({ readyS: Number.NEGATIVE_INFINITY, pods: 0 });
    this.add(running, Number.NEGATIVE_INFINITY);
  }

  add(count: number, nowS: number): void {
    for (let i = 0; i < count; i++) {
      let node = this.nodes.find((n) => n.pods < this.timing.podsPerNode);
      if (node === undefined && this.nodes.length < this.timing.maxNodes) {
        node = { readyS: nowS + this.timing.nodeLaunchS, pods: 0 };
        this.nodes.push(node);
      }
      if (node === undefined) {
        this.readyS.push(Number.POSITIVE_INFINITY);
        continue;
      }
      node.pods++;
      this.readyS.push(Math.max(nowS, node.readyS) + this.timing.podStartS);
    }
  }

  /** Pods the HPA on CPU counts at `nowS`: ready for a whole metric window. */
  countedAt(nowS: number, windowS: number): number {
    return this.readyS.filter((r) => r + windowS <= nowS).length;
  }

  /** When the first `count` pods are all ready. */
  readyAt(count: number): number {
    return Math.max(0, ...this.readyS.slice(0, count));
  }
}

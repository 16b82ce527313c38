// How fast a Kubernetes pool's HPA can follow a phase of the load (aws-behaviour 9.3-9.5): the syncs its rate
// policies and stabilisation windows need to take the replicas from what one level of load needs to what another
// needs. Computed with the model's own HpaStabilizer (hpa.ts), held at the first level for its windows and then asked
// every sync period for the second, so that explain and a run apply the same arithmetic. KEDA's count is taken to ask
// for exactly the target (a backlog makes it ask for more, and the rise faster), so a rise is the slowest the policies
// allow for that ask, and a fall the soonest.
import { type HpaBehavior, HpaStabilizer } from "../scaling/kubernetes/hpa.js";

/** A bound on the syncs tried: a policy that cannot reach the target within it never does (selectPolicy Disabled). */
const MAX_SYNCS = 10_000;

export interface ReplicaRamp {
  /** The replicas after each sync that changed them, from the first level ("1 → 2 → 4 → 8"). */
  path: number[];
  /** Seconds from the first sync that asked for the target to the one that reached it; null when none does. */
  seconds: number | null;
}

/**
 * `ask` is what the metric asks for at a sync given the replicas then (KEDA's count: the target itself; a CPU target:
 * at most 100 ÷ target times the replicas, utilisation being capped at 100%).
 */
export function replicaRamp(
  behavior: HpaBehavior,
  syncPeriodS: number,
  from: number,
  to: number,
  min: number,
  max: number,
  ask: (current: number) => number = () => to,
): ReplicaRamp {
  const hpa = new HpaStabilizer(behavior);
  const target = Math.min(max, Math.max(min, to));
  // The HPA has been recommending `from` for as long as any window or policy period looks back.
  const lookBack = Math.max(
    behavior.scaleUp.stabilizationWindowS,
    behavior.scaleDown.stabilizationWindowS,
    ...[...behavior.scaleUp.policies, ...behavior.scaleDown.policies].map((p) => p.periodS),
  );
  for (let t = -Math.ceil(lookBack / syncPeriodS) * syncPeriodS; t < 0; t += syncPeriodS) hpa.normalize(t, from, from, min, max);
  const path = [from];
  if (from === target) return { path, seconds: 0 };
  let current = from;
  // A policy whose period is longer than the sync period leaves syncs without a change between its steps: the ramp
  // is stuck only when nothing changed for longer than every window and period looks back.
  let lastChangeS = 0;
  for (let sync = 0; sync < MAX_SYNCS; sync++) {
    if (current === target) return { path, seconds: (sync - 1) * syncPeriodS };
    const t = sync * syncPeriodS;
    const next = hpa.normalize(t, current, Math.min(target, ask(current)), min, max);
    if (next !== current) {
      path.push(next);
      lastChangeS = t;
    } else if (t - lastChangeS > lookBack + syncPeriodS) break;
    current = next;
  }
  return { path, seconds: null };
}

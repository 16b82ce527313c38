// The HPA's CPU rule (aws-behaviour 9.1, 9.2, 9.6, 9.14-9.15) against cases worked by hand from Kubernetes'
// replica_calculator.go (groupPods, GetResourceReplicas) and the HPA documentation's algorithm details.
import { describe, expect, it } from "vitest";
import { CPU_INITIALIZATION_PERIOD_US, groupPods, type PodView, resourceReplicas } from "../../../src/scaling/kubernetes/hpa-resource.js";

const NOW = 3_600_000_000; // an hour in: past every pod's CPU initialisation period unless it says otherwise
const WINDOW = 15_000_000;

/** A running pod, ready long ago, using `usage` millicores of `request`. */
const ready = (usage: number, request = 1000): PodView => ({
  phase: "Running",
  startUs: 0,
  ready: { status: true, sinceUs: 10_000_000 },
  requestMilli: request,
  metric: { usageMilli: usage, timestampUs: NOW, windowUs: WINDOW },
});
const pending = (request = 1000): PodView => ({ phase: "Pending", startUs: -1, ready: null, requestMilli: request, metric: null });
const deleting = (usage: number): PodView => ({ ...ready(usage), phase: "Deleting" });
const missing = (request = 1000): PodView => ({ ...ready(0, request), metric: null });

describe("resourceReplicas (GetResourceReplicas)", () => {
  it("keeps the replicas while the ratio is within the tolerance (9.2): 54% of a 50% target is 1.08", () => {
    expect(resourceReplicas(4, [ready(540), ready(540), ready(540), ready(540)], 50, NOW, 0.1)).toEqual({ replicas: 4, utilizationPct: 54 });
    // 56% is 1.12: outside, ⌈1.12 × 4⌉ = 5.
    expect(resourceReplicas(4, [ready(560), ready(560), ready(560), ready(560)], 50, NOW, 0.1)).toEqual({ replicas: 5, utilizationPct: 56 });
  });

  it("truncates the utilisation to a whole percent, as the controller's integer division does", () => {
    // 551m + 550m of 2 × 1000m is 55.05%: read as 55, 1.1 of a 50% target, within the tolerance (1.101 would not be;
    // nor would 1.1 by |1 − ratio| ≤ 0.1 in floating point: the controller compares 0.9 ≤ ratio ≤ 1.1).
    expect(resourceReplicas(2, [ready(551), ready(550)], 50, NOW, 0.1)).toEqual({ replicas: 2, utilizationPct: 55 });
  });

  it("multiplies the ready pods, not the current replicas (a pod being deleted is ignored)", () => {
    // 4 replicas, one being deleted: 3 ready pods at 80% of a 50% target: ⌈1.6 × 3⌉ = 5, not ⌈1.6 × 4⌉ = 7.
    expect(resourceReplicas(4, [ready(800), ready(800), ready(800), deleting(900)], 50, NOW, 0.1)).toEqual({ replicas: 5, utilizationPct: 80 });
  });

  it("counts unready pods at 0% on a scale-up (9.6): 260m of 100m ready and a pending pod of 300m ask for 3, not 6", () => {
    // Ratio 260% ÷ 50% = 5.2; with the pending pod at 0: 260 ÷ 400 = 65%, 1.3, ⌈1.3 × 2⌉ = 3.
    expect(resourceReplicas(2, [ready(260, 100), pending(300)], 50, NOW, 0.1)).toEqual({ replicas: 3, utilizationPct: 260 });
  });

  it("does nothing when the unready pods at 0% turn a scale-up into a scale-down (direction flip, 9.6)", () => {
    // 60% of a 50% target is 1.2; with a pending pod at 0%: 30%, 0.6 < 1: no change.
    expect(resourceReplicas(2, [ready(600), pending()], 50, NOW, 0.1)).toEqual({ replicas: 2, utilizationPct: 60 });
  });

  it("takes missing pods at 100% on a scale-down, and does nothing when that flips the direction or lands within tolerance", () => {
    // 3 pods at 45% and one missing, target 50: ratio 0.9; the missing one at 100%: 58.75% → 58, 1.16 > 1: flip, no change.
    expect(resourceReplicas(4, [ready(450), ready(450), ready(450), missing()], 50, NOW, 0.1)).toEqual({ replicas: 4, utilizationPct: 45 });
    // 3 pods at 40% of 100m and one missing: 0.8; with it at 100%: 55%, 1.1, within tolerance: no change.
    expect(resourceReplicas(4, [ready(40, 100), ready(40, 100), ready(40, 100), missing(100)], 50, NOW, 0.1)).toEqual({ replicas: 4, utilizationPct: 40 });
    // Without the missing pod the same metrics ask for ⌈0.8 × 3⌉ = 3.
    expect(resourceReplicas(4, [ready(40, 100), ready(40, 100), ready(40, 100)], 50, NOW, 0.1)).toEqual({ replicas: 3, utilizationPct: 40 });
  });

  it("does nothing when the recomputed count goes against the direction (newReplicas check)", () => {
    // Target 100%: one pod at 20%, two missing (at 100% on a scale-down): 73%, 0.73 < 1, but ⌈0.73 × 3⌉ = 3 > 2 current.
    expect(resourceReplicas(2, [ready(200), missing(), missing()], 100, NOW, 0.1)).toEqual({ replicas: 2, utilizationPct: 20 });
  });

  it("gives no answer when no pod has a usable metric (the controller's error: no scaling)", () => {
    expect(resourceReplicas(2, [pending(), pending()], 50, NOW, 0.1)).toBeNull();
    expect(resourceReplicas(1, [], 50, NOW, 0.1)).toBeNull();
  });
});

describe("groupPods (9.6, 9.15)", () => {
  const starting = (startUs: number, readyUs: number): PodView => ({
    phase: "Running",
    startUs,
    ready: { status: true, sinceUs: readyUs },
    requestMilli: 1000,
    metric: { usageMilli: 500, timestampUs: NOW, windowUs: WINDOW },
  });

  it("ignores pods being deleted, counts pending pods unready, and running ones without a metric as missing", () => {
    const g = groupPods([ready(1), pending(), deleting(1), missing()], NOW);
    expect(g).toEqual({ readyPodCount: 1, ready: [0], unready: [1], missing: [3], ignored: [2] });
  });

  it("within the CPU initialisation period, a pod whose metric window began before it was ready is unready", () => {
    const start = NOW - 60_000_000;
    // Ready 10 s ago: the 15 s window began before: unready. Ready 20 s ago: a whole window since: ready.
    expect(groupPods([starting(start, NOW - 10_000_000)], NOW).unready).toEqual([0]);
    expect(groupPods([starting(start, NOW - 20_000_000)], NOW).ready).toEqual([0]);
    // Past the initialisation period (5 min from its start), a ready pod counts whatever its window.
    const old = NOW - CPU_INITIALIZATION_PERIOD_US - 1;
    expect(groupPods([starting(old, NOW - 10_000_000)], NOW).ready).toEqual([0]);
  });
});

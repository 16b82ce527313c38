// KEDA with its HPA as one scaler (issue 16): wake from 0 at KEDA's polling, the HPA's AverageValue rule with the
// default behaviour every 15 s, the scale-down stabilisation, and the cooldown back to 0 (aws-behaviour 9.3-9.13).
import { describe, expect, it } from "vitest";
import { Kernel } from "../../../src/engine/kernel.js";
import { type Capacity } from "../../../src/scaling/capacity.js";
import { DEFAULT_HPA_BEHAVIOR, HPA_TOLERANCE } from "../../../src/scaling/kubernetes/hpa.js";
import { KEDA_DEFAULTS } from "../../../src/scaling/kubernetes/keda.js";
import { KedaScaler } from "../../../src/scaling/kubernetes/keda-scaler.js";

const S = 1_000_000;

function setup() {
  const kernel = new Kernel();
  const queue = { visible: 0, inFlight: 0, delayed: 0 };
  const changes: [number, number][] = [];
  // Only what the scaler uses of a capacity: its desired count, and setting it.
  const stub = { desired: 0, setDesired: (_d: number, _now: number): number => 0 };
  stub.setDesired = (d, now) => {
    stub.desired = d;
    changes.push([now / S, d]);
    return d;
  };
  const capacity = stub as unknown as Capacity;
  const scaler = new KedaScaler(
    {
      trigger: KEDA_DEFAULTS.trigger,
      scaledObject: KEDA_DEFAULTS.scaledObject,
      syncPeriodUs: 15 * S,
      tolerance: HPA_TOLERANCE,
      behavior: DEFAULT_HPA_BEHAVIOR,
    },
    queue,
    capacity,
    kernel,
  );
  scaler.start();
  return { kernel, queue, changes, scaler };
}

describe("KEDA and the HPA", () => {
  it("KEDA wakes the workload at its polling; the HPA then scales on the count, by its default rates", () => {
    const { kernel, queue, changes } = setup();
    queue.visible = 60;
    queue.inFlight = 40;
    // At 15 s the HPA is inactive (0 replicas); KEDA's first poll at 30 s sets 1, and the HPA's sync in the same
    // instant then acts on it.
    kernel.runUntil(29 * S);
    expect(changes).toEqual([]);
    // 100 messages at 5 a replica ask for 20: from 1, max(100%, +4) a 15 s period allows 5, then 10, then 20.
    kernel.runUntil(75 * S);
    expect(changes).toEqual([
      [30, 1],
      [30, 5],
      [45, 10],
      [60, 20],
    ]);
  });

  it("holds a fall for the 300 s stabilisation window, then KEDA's cooldown returns the workload to 0", () => {
    const { kernel, queue, changes } = setup();
    queue.visible = 20;
    kernel.runUntil(45 * S);
    // Woken at 30 s, then 4 for 20 messages.
    expect(changes).toEqual([
      [30, 1],
      [30, 4],
    ]);
    queue.visible = 0;
    kernel.runUntil(329 * S);
    expect(changes.at(-1)).toEqual([30, 4]);
    // At 330 s the recommendation of 4 made at 30 s leaves the 300 s window, and KEDA's cooldown since the trigger
    // was last active (30 s) ends: the workload goes to 0.
    kernel.runUntil(400 * S);
    expect(changes.at(-1)![1]).toBe(0);
    expect(changes.every(([t]) => t <= 330)).toBe(true);
  });
});

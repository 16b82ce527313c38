// KEDA's aws-sqs-queue scaler (aws-behaviour 9.8-9.13): the count it reads, the HPA bounds it sets, and its own
// 0 ↔ 1 activation with the cooldown to zero.
import { describe, expect, it } from "vitest";
import { hpaBounds, KEDA_DEFAULTS, KedaActivation, kedaMessageCount } from "../../../src/scaling/kubernetes/keda.js";

const counts = { visible: 7, inFlight: 5, delayed: 3 };

describe("the message count (9.11)", () => {
  it("visible + in flight by default; in flight and delayed as configured", () => {
    expect(kedaMessageCount(counts, KEDA_DEFAULTS.trigger)).toBe(12);
    expect(kedaMessageCount(counts, { scaleOnInFlight: false, scaleOnDelayed: false })).toBe(7);
    expect(kedaMessageCount(counts, { scaleOnInFlight: true, scaleOnDelayed: true })).toBe(15);
  });
});

describe("the HPA KEDA creates", () => {
  it("runs from at least 1 (KEDA itself goes to 0) to maxReplicaCount (9.10, 9.13)", () => {
    expect(hpaBounds(KEDA_DEFAULTS.scaledObject)).toEqual({ min: 1, max: 100 });
    expect(hpaBounds({ ...KEDA_DEFAULTS.scaledObject, minReplicaCount: 3, maxReplicaCount: 20 })).toEqual({ min: 3, max: 20 });
  });
});

describe("activation and the cooldown to zero (9.10, 9.13)", () => {
  it("wakes a workload at 0 when the count passes activationQueueLength, and returns it to 0 after the cooldown", () => {
    const keda = new KedaActivation(KEDA_DEFAULTS.trigger, KEDA_DEFAULTS.scaledObject);
    expect(keda.poll(0, 0, 0)).toBeNull();
    expect(keda.poll(30, 1, 0)).toBe(1); // active: 1 > 0
    expect(keda.poll(60, 4, 3)).toBeNull(); // 1 ↔ N is the HPA's
    expect(keda.poll(90, 0, 3)).toBeNull(); // inactive since 60 s: 30 s of the 300 s cooldown
    expect(keda.poll(330, 0, 3)).toBeNull(); // 270 s
    expect(keda.poll(360, 0, 3)).toBe(0); // 300 s since the trigger was last active
  });

  it("activationQueueLength sets the threshold of waking, not of scaling", () => {
    const keda = new KedaActivation({ ...KEDA_DEFAULTS.trigger, activationQueueLength: 10 }, KEDA_DEFAULTS.scaledObject);
    expect(keda.poll(0, 10, 0)).toBeNull();
    expect(keda.poll(30, 11, 0)).toBe(1);
  });

  it("with minReplicaCount 1 or more, activation is ignored and nothing goes to 0", () => {
    const keda = new KedaActivation(KEDA_DEFAULTS.trigger, { ...KEDA_DEFAULTS.scaledObject, minReplicaCount: 2 });
    expect(keda.poll(0, 0, 0)).toBe(2);
    expect(keda.poll(1_000, 0, 2)).toBeNull();
  });
});

// The HPA's arithmetic against the Kubernetes documentation's examples (aws-behaviour 9.1-9.8): the replica count a
// metric asks for with the tolerance, the stabilisation windows, and the rate policies with selectPolicy.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_HPA_BEHAVIOR,
  externalAverageValueReplicas,
  type HpaBehavior,
  HpaStabilizer,
  utilizationReplicas,
} from "../../../src/scaling/kubernetes/hpa.js";

describe("the replica count a metric asks for", () => {
  it("ceil(current × value ÷ target): 200m against 100m doubles, 50m halves (9.1)", () => {
    expect(utilizationReplicas(1, 200, 100)).toBe(2);
    expect(utilizationReplicas(2, 50, 100)).toBe(1);
    expect(utilizationReplicas(3, 110.5, 100)).toBe(4);
  });

  it("keeps the count while the ratio is within the tolerance of 1 (9.2)", () => {
    expect(utilizationReplicas(10, 105, 100)).toBe(10);
    expect(utilizationReplicas(10, 90, 100)).toBe(10);
    expect(utilizationReplicas(10, 89, 100)).toBe(9);
    expect(utilizationReplicas(10, 111, 100)).toBe(12);
  });

  it("an External AverageValue metric: ceil(total ÷ target) whatever the count, 20 messages at 5 each → 4 (9.8)", () => {
    expect(externalAverageValueReplicas(1, 20, 5)).toBe(4);
    expect(externalAverageValueReplicas(10, 20, 5)).toBe(4);
    // Within the tolerance of target × current: 21 against 4 × 5.
    expect(externalAverageValueReplicas(4, 21, 5)).toBe(4);
    expect(externalAverageValueReplicas(4, 23, 5)).toBe(5);
  });

  it("holds a ratio of exactly 1 ± tolerance within it, as today's controller compares (1 − t ≤ ratio ≤ 1 + t)", () => {
    // |1 − 1.1| is 0.10000000000000009 in doubles: the older form would scale here.
    expect(externalAverageValueReplicas(2, 11, 5)).toBe(2);
    expect(utilizationReplicas(2, 55, 50)).toBe(2);
    expect(externalAverageValueReplicas(2, 12, 5)).toBe(3);
  });
});

describe("the default behaviour (9.4-9.5)", () => {
  it("scales up by the larger of 100% and 4 pods per 15 s", () => {
    const hpa = new HpaStabilizer();
    expect(hpa.normalize(0, 1, 100, 1, 100)).toBe(5); // max(ceil(1 × 2), 1 + 4)
    expect(hpa.normalize(14, 5, 100, 1, 100)).toBe(5); // the 4 added 14 s ago still count: from 1, at most 5
    expect(hpa.normalize(15, 5, 100, 1, 100)).toBe(10); // the period has passed: max(10, 9)
    expect(hpa.normalize(30, 10, 100, 1, 100)).toBe(20);
    expect(hpa.normalize(45, 20, 100, 1, 30)).toBe(30); // and never past maxReplicas
  });

  it("scales down only to the highest recommendation of the last 300 s", () => {
    const hpa = new HpaStabilizer();
    expect(hpa.normalize(0, 10, 10, 1, 100)).toBe(10);
    for (let t = 15; t < 300; t += 15) expect(hpa.normalize(t, 10, 2, 1, 100)).toBe(10);
    // At 300 s the recommendation of 10 made at 0 s leaves the window: down to 2 at once (100% per 15 s allows it).
    expect(hpa.normalize(300, 10, 2, 1, 100)).toBe(2);
  });
});

describe("policies and selectPolicy (9.5)", () => {
  const downBy = (selectPolicy: "Max" | "Min" | "Disabled"): HpaBehavior => ({
    scaleUp: DEFAULT_HPA_BEHAVIOR.scaleUp,
    scaleDown: {
      stabilizationWindowS: 0,
      policies: [
        { type: "Pods", value: 4, periodS: 60 },
        { type: "Percent", value: 10, periodS: 60 },
      ],
      selectPolicy,
    },
  });

  it("the documentation's example: 4 pods or 10% a minute; Max takes the bigger change, Min the smaller", () => {
    // At 80 replicas 10% is 8 pods, more than 4; at 30, 10% is 3, fewer than 4.
    expect(new HpaStabilizer(downBy("Max")).normalize(0, 80, 1, 1, 100)).toBe(72);
    expect(new HpaStabilizer(downBy("Max")).normalize(0, 30, 1, 1, 100)).toBe(26);
    expect(new HpaStabilizer(downBy("Min")).normalize(0, 80, 1, 1, 100)).toBe(76);
    expect(new HpaStabilizer(downBy("Min")).normalize(0, 30, 1, 1, 100)).toBe(27);
  });

  it("counts what the period has already removed, and Disabled turns a direction off", () => {
    const hpa = new HpaStabilizer(downBy("Max"));
    expect(hpa.normalize(0, 80, 1, 1, 100)).toBe(72);
    // 30 s later the 8 removed still count: the period started at 80, and 72 is already its limit.
    expect(hpa.normalize(30, 72, 1, 1, 100)).toBe(72);
    expect(hpa.normalize(60, 72, 1, 1, 100)).toBe(64);
    expect(new HpaStabilizer(downBy("Disabled")).normalize(0, 80, 1, 1, 100)).toBe(80);
    // A direction's limit never drags the count the other way, and minReplicas holds.
    expect(new HpaStabilizer(downBy("Max")).normalize(0, 3, 1, 2, 100)).toBe(2);
  });

  it("a scale-up stabilisation window holds a rise to the lowest recent recommendation", () => {
    const hpa = new HpaStabilizer({ scaleUp: { ...DEFAULT_HPA_BEHAVIOR.scaleUp, stabilizationWindowS: 60 }, scaleDown: DEFAULT_HPA_BEHAVIOR.scaleDown });
    expect(hpa.normalize(0, 4, 4, 1, 100)).toBe(4);
    expect(hpa.normalize(15, 4, 20, 1, 100)).toBe(4); // the 4 recommended at 0 s is within the window
    expect(hpa.normalize(61, 4, 20, 1, 100)).toBe(8); // then 20, limited to max(100%, +4) per 15 s
  });
});

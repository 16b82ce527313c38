// explain's instance-type comparison: each type's capacity per instance, smallest stable fleet at the peak rate and
// that fleet's hourly cost, from the scenario resolved on the type (as the loader resolves a --set).
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { explainScenario } from "../../src/plan/explain.js";
import { findFigure, findSection } from "../../src/plan/explanation.js";
import { capture, tempDir, writeTiny } from "../sweep/helpers.js";
import { scenarioOf } from "./plan-helpers.js";

// 6 msg/s of 500 ms (exponential); λ̂ × W = 3 workers on m5.large/m5.xlarge, 2.4 on c5.large (× 0.8).
const TYPED = `name: typed
duration: 20m
producers: [{ name: p, traffic: [{ constant: 6 }] }]
consumers: { processing: { exponential: { mean: 500ms } }, waitTime: 20s }
fleet: { kind: fixed, instances: 1, instanceType: m5.large }
instanceTypes:
  m5.large: { hourlyUsd: 0.096, concurrency: 2 }
  c5.large: { hourlyUsd: 0.085, concurrency: 2, processingTimeFactor: 0.8 }
  m5.xlarge: { hourlyUsd: 0.192, concurrency: 4 }
`;

const variants = ["m5.large", "c5.large", "m5.xlarge"].map((name) => ({ name, scenario: scenarioOf(TYPED, [`fleet.instanceType=${name}`]) }));

describe("explain: instance types side by side", () => {
  const e = explainScenario(scenarioOf(TYPED), undefined, { instanceTypes: variants });
  const section = findSection(e, "instanceTypes")!;
  const value = (key: string): number | null => findFigure(section, key)?.value ?? null;

  it("gives each type's capacity k ÷ W, smallest stable fleet ⌊λ̂W ÷ k⌋ + 1 and that fleet's cost", () => {
    expect([value("instanceType.m5.large.capacity"), value("instanceType.m5.large.stableFleet"), value("instanceType.m5.large.hourlyCost")]).toEqual([
      4, 2, 0.192,
    ]); // 2 ÷ 0.5 s; ⌊3 ÷ 2⌋ + 1; 2 × $0.096
    expect([value("instanceType.c5.large.capacity"), value("instanceType.c5.large.stableFleet"), value("instanceType.c5.large.hourlyCost")]).toEqual([
      5, 2, 0.17,
    ]); // 2 ÷ 0.4 s; ⌊2.4 ÷ 2⌋ + 1; 2 × $0.085
    expect([value("instanceType.m5.xlarge.capacity"), value("instanceType.m5.xlarge.stableFleet"), value("instanceType.m5.xlarge.hourlyCost")]).toEqual([
      8, 1, 0.192,
    ]); // 4 ÷ 0.5 s; ⌊3 ÷ 4⌋ + 1; 1 × $0.192
  });

  it("names the cheapest, marks the configured one, and leaves the rest of the plan and the suggested sweep alone", () => {
    const cheapest = section.figures.find((f) => f.key === "instanceType.cheapest")!;
    expect(cheapest.label).toBe("cheapest stable fleet at peak rate: c5.large");
    expect(cheapest.value).toBeCloseTo(0.17, 12);
    expect(section.figures[0]!.label).toBe("m5.large (configured): capacity per instance");
    const plain = explainScenario(scenarioOf(TYPED));
    expect(plain.sections.map((s) => s.id)).toEqual(e.sections.map((s) => s.id).filter((id) => id !== "instanceTypes"));
    expect(e.sweep).toEqual(plain.sweep);
  });

  it("the CLI resolves every type through the loader and prints the section; a scenario without types has none", async () => {
    const dir = tempDir();
    const file = writeTiny(dir, TYPED, "typed.yaml");
    const c = capture(dir);
    expect(await runCli(["explain", file], c.io)).toBe(0);
    expect(c.text()).toContain("Instance types (instanceTypes)\n  m5.large (configured): capacity per instance");
    expect(c.text()).toContain("cheapest stable fleet at peak rate: c5.large");
    const plain = capture(dir);
    expect(await runCli(["explain", writeTiny(dir)], plain.io)).toBe(0);
    expect(plain.text()).not.toContain("Instance types");
  });
});

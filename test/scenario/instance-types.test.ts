// Instance types: a fleet names one of the scenario's instanceTypes, whose hourly price, workers per instance and
// processing speed replace cost.instanceHourlyUsd, consumers.concurrency and consumers.processing's scale — so a sweep
// can vary all three with one --vary fleet.instanceType.
import { describe, expect, it } from "vitest";
import { type DistributionSpec, scaleDistribution } from "../../src/engine/distributions.js";
import { parseScenarioText } from "../../src/scenario/index.js";
import { simulate } from "../../src/sim/simulate.js";
import { errorsOf, parse, scenarioOf, scenarioYaml } from "./helpers.js";

const TYPES = `instanceTypes:
  m5.large: { hourlyUsd: 0.096, concurrency: 2 }
  c5.large: { hourlyUsd: 0.085, concurrency: 2, processingTimeFactor: 0.8 }
  cheap: { hourlyUsd: 0.01 }`;

const withType = (fleet: string, consumers = "consumers: { concurrency: 3, processing: { exponential: { mean: 500ms } } }"): string =>
  scenarioYaml(`${consumers}\nfleet: ${fleet}\n${TYPES}`);

describe("scaleDistribution", () => {
  it("multiplies every duration parameter of each form, and leaves shape parameters alone", () => {
    const cases: [DistributionSpec, DistributionSpec][] = [
      [2, 1],
      [{ constant: 2 }, { constant: 1 }],
      [{ exponential: { mean: 2 } }, { exponential: { mean: 1 } }],
      [{ uniform: { min: 2, max: 4 } }, { uniform: { min: 1, max: 2 } }],
      [{ lognormal: { median: 2, p99: 6 } }, { lognormal: { median: 1, p99: 3 } }],
      [{ gamma: { mean: 2, cv: 0.5 } }, { gamma: { mean: 1, cv: 0.5 } }],
    ];
    for (const [spec, half] of cases) expect(scaleDistribution(spec, 0.5)).toEqual(half);
    const same = { exponential: { mean: 2 } };
    expect(scaleDistribution(same, 1)).toBe(same);
  });
});

describe("fleet.instanceType", () => {
  it("replaces the hourly price, the workers per instance and the processing time's scale", () => {
    const s = scenarioOf(parse(withType("{ kind: fixed, instances: 2, instanceType: c5.large }")));
    expect(s.cost.instanceHourlyUsd).toBe(0.085);
    expect(s.consumers.concurrency).toBe(2);
    expect(s.consumers.processing).toEqual({ exponential: { mean: 0.4 } }); // 500 ms × 0.8
  });

  it("keeps consumers.concurrency when the type has none, and the processing time with the default factor 1", () => {
    const s = scenarioOf(parse(withType("{ kind: fixed, instances: 2, instanceType: cheap }")));
    expect(s.cost.instanceHourlyUsd).toBe(0.01);
    expect(s.consumers.concurrency).toBe(3);
    expect(s.consumers.processing).toEqual({ exponential: { mean: 0.5 } });
  });

  it("works on an Auto Scaling group too", () => {
    const s = scenarioOf(parse(withType("{ kind: asg, min: 1, max: 4, instanceType: m5.large }")));
    expect([s.cost.instanceHourlyUsd, s.consumers.concurrency]).toEqual([0.096, 2]);
  });

  it("without instanceType nothing changes, and instanceTypes alone is allowed", () => {
    const s = scenarioOf(parse(withType("{ kind: fixed, instances: 2 }")));
    expect([s.cost.instanceHourlyUsd, s.consumers.concurrency, s.consumers.processing]).toEqual([0.096, 3, { exponential: { mean: 0.5 } }]);
  });

  it("refuses a name that is not in instanceTypes, naming the file, the field and the names there are", () => {
    expect(errorsOf(parse(withType("{ kind: fixed, instances: 2, instanceType: c6.large }")))).toEqual([
      'scenarios/x.yaml: fleet.instanceType: "c6.large" is not in instanceTypes; use one of m5.large, c5.large, cheap',
    ]);
    expect(errorsOf(parse(scenarioYaml("fleet: { kind: fixed, instances: 1, instanceType: m5.large }")))).toEqual([
      'scenarios/x.yaml: fleet.instanceType: "m5.large" is not in instanceTypes (the scenario defines none)',
    ]);
    expect(errorsOf(parse(withType("{ kind: fixed, instances: 2 }"), { sets: ["fleet.instanceType=m6"] }))).toEqual([
      'scenarios/x.yaml: fleet.instanceType: "m6" is not in instanceTypes; use one of m5.large, c5.large, cheap (from --set fleet.instanceType=m6)',
    ]);
  });

  it("refuses bad instance types: a name with a space, a negative price, a factor of 0, an unknown key", () => {
    const errors = errorsOf(
      parse(
        scenarioYaml(`instanceTypes:
  "m5 large": { hourlyUsd: 0.1 }
  a: { hourlyUsd: -1 }
  b: { hourlyUsd: 1, processingTimeFactor: 0 }
  c: { hourlyUsd: 1, vcpus: 2 }`),
      ),
    );
    expect(errors).toHaveLength(4);
    expect(errors.join("\n")).toMatch(/"m5 large" is not an instance type name/);
    expect(errors.join("\n")).toMatch(/instanceTypes\.a\.hourlyUsd/);
    expect(errors.join("\n")).toMatch(/instanceTypes\.b\.processingTimeFactor/);
    expect(errors.join("\n")).toMatch(/instanceTypes\.c.*vcpus/);
  });

  it("scenario.json (the resolved text) reads back to the same scenario: the type is applied once, not twice", () => {
    const first = parse(withType("{ kind: fixed, instances: 2, instanceType: c5.large }"));
    if (!first.ok) throw new Error(first.errors.join("\n"));
    const saved = JSON.parse(first.resolvedText);
    expect(saved.fleet.instanceType).toBe("c5.large");
    expect(saved.consumers).toMatchObject({ concurrency: 3, processing: { exponential: { mean: 0.5 } } }); // as written
    const again = parseScenarioText(first.resolvedText, "scenario.json", "/nonexistent");
    expect(scenarioOf(again)).toEqual(first.scenario);
    if (!again.ok) throw new Error("unreachable");
    expect(again.resolvedText).toBe(first.resolvedText);
  });

  it("a run on an instance type is the run with its values written out (the resolution is complete)", () => {
    const typed = scenarioOf(parse(withType("{ kind: fixed, instances: 2, instanceType: c5.large }")));
    const written = scenarioOf(
      parse(
        scenarioYaml(
          "consumers: { concurrency: 2, processing: { exponential: { mean: 400ms } } }\nfleet: { kind: fixed, instances: 2 }\ncost: { instanceHourlyUsd: 0.085 }",
        ),
      ),
    );
    const a = simulate({ ...typed, duration: 600 }).summary;
    const b = simulate({ ...written, duration: 600 }).summary;
    expect(a.cost).toEqual(b.cost);
    expect(a.latency).toEqual(b.latency);
    expect(a.messages).toEqual(b.messages);
  });
});

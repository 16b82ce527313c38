// summary.json cannot hold Infinity or NaN (JSON.stringify writes null, which report then trips over): simulate
// refuses such a summary as a defect. Validation's bounds keep every figure finite, so the check is tested alone.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { nonFiniteFigures } from "../../src/sim/finite-figures.js";
import { simulate } from "../../src/sim/simulate.js";
import { SimulationError } from "../../src/sim/simulation-error.js";

describe("nonFiniteFigures", () => {
  it("names each figure that is Infinity or NaN by its path, at any depth", () => {
    const summary = { cost: { sqsUsd: 1, computeUsd: Infinity, totalUsd: Infinity }, consumers: { utilization: Number.NaN }, seed: 1 };
    expect(nonFiniteFigures(summary)).toEqual(["cost.computeUsd = Infinity", "cost.totalUsd = Infinity", "consumers.utilization = NaN"]);
  });

  it("finds nothing in finite figures, nulls, strings and lists of them", () => {
    expect(nonFiniteFigures({ a: null, b: "x", c: [1, 2, { d: -0 }], e: { f: 1e308 } })).toEqual([]);
    expect(nonFiniteFigures({ list: [1, -Infinity] })).toEqual(["list.1 = -Infinity"]);
  });
});

describe("simulate", () => {
  it("refuses a summary with a figure that is not finite, naming it, rather than return it", () => {
    const loaded = loadScenarioFile(join(resolve(import.meta.dirname, "../.."), "scenarios", "steady-orders.yaml"), { sets: ["duration=1m"] });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    // Past validation's bound, as a scenario built in code could be.
    const scenario = { ...loaded.scenario, cost: { ...loaded.scenario.cost, instanceHourlyUsd: 1e308 } };
    expect(() => simulate(scenario)).toThrow(SimulationError);
    expect(() => simulate(scenario)).toThrow(/the summary has figures that are not finite numbers \(cost\.computeUsd = Infinity, cost\.totalUsd = Infinity\)/);
  });
});

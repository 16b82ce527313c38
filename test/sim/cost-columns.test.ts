// The cumulative cost columns of timeseries.csv end where summary.json's cost does, and never go down.
import { describe, expect, it } from "vitest";
import { columnValues } from "../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";

function scenario(fleet: object) {
  return ScenarioSchema.parse({
    name: "cost-columns",
    duration: "40m",
    producers: [{ name: "p", traffic: [{ constant: 5 }, { spike: { at: "10m", peak: 60, hold: "5m" } }] }],
    consumers: { processing: { exponential: { mean: "400ms" } } },
    fleet,
    cloudwatch: { period: "60s" },
  });
}

const last = (xs: number[]): number => xs[xs.length - 1]!;
const nonDecreasing = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

describe("compute_cost_usd and sqs_cost_usd", () => {
  for (const [kind, fleet] of [
    ["fixed", { instances: 3 }],
    ["asg", { kind: "asg", min: 1, max: 8, policies: [{ targetTracking: { target: 20 } }] }],
  ] as const) {
    it(`end at summary.cost for a ${kind} fleet and never decrease`, () => {
      const { summary, series } = simulate(scenario(fleet));
      const compute = columnValues(series, "compute_cost_usd");
      const sqs = columnValues(series, "sqs_cost_usd");
      // summary.json rounds to 6 decimals.
      expect(last(compute)).toBeCloseTo(summary.cost.computeUsd, 6);
      expect(last(sqs)).toBeCloseTo(summary.cost.sqsUsd, 6);
      expect(summary.cost.computeUsd).toBeGreaterThan(0);
      expect(nonDecreasing(compute)).toBe(true);
      expect(nonDecreasing(sqs)).toBe(true);
    });
  }
});

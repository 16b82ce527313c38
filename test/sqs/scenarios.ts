import { ScenarioSchema, type ScenarioInput } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";
import { type SimulationResult } from "../../src/sim/result.js";
import { columnValues } from "../../src/metrics/period-series.js";

/** A small scenario: one Poisson producer at 5 msg/s for 5 minutes, one instance with two long-polling workers. */
export function scenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: "t",
    duration: "5m",
    producers: [{ name: "p", traffic: [{ constant: 5 }] }],
    consumers: { concurrency: 2, waitTime: "20s", processing: { exponential: { mean: "100ms" } } },
    fleet: { instances: 1 },
    ...overrides,
  };
}

export function run(input: ScenarioInput, seed?: number): SimulationResult {
  const parsed = ScenarioSchema.parse(input);
  return seed === undefined ? simulate(parsed) : simulate(parsed, { seed });
}

export function column(result: SimulationResult, name: string): number[] {
  return columnValues(result.series, name);
}

/** sent = deleted + dead-lettered + expired + visible + in flight + delayed, from a run's summary. */
export function conservationGap(result: SimulationResult): number {
  const m = result.summary.messages;
  return m.sent - (m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
}

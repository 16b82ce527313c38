// The resolved scenario as written next to a run's results: plain JSON, every unit already converted, and itself a
// valid scenario file (bare numbers read back as seconds and bytes).
import type { Scenario, TrafficShape } from "./schema.js";

/** A JSON-serialisable copy without the loaded trace series (they come back from the trace file on load). */
export function scenarioForOutput(scenario: Scenario): Scenario {
  // Drop the series before cloning: a month-long trace is tens of thousands of numbers.
  const producers = scenario.producers.map((p) => ({ ...p, traffic: p.traffic.map(withoutSeries) }));
  return structuredClone({ ...scenario, producers });
}

function withoutSeries(shape: TrafficShape): TrafficShape {
  if (!("trace" in shape)) return shape;
  const { series: _series, ...trace } = shape.trace;
  return { trace };
}

/** The text written as the resolved scenario: pretty JSON with a final newline. */
export function resolvedScenarioText(scenario: Scenario): string {
  return `${JSON.stringify(scenarioForOutput(scenario), null, 2)}\n`;
}

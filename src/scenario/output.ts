// The resolved scenario as written next to a run's results: plain JSON, every unit already converted, and itself a
// valid scenario file (bare numbers read back as seconds and bytes).
import path from "node:path";
import type { Scenario, TrafficShape } from "./schema.js";

/**
 * A JSON-serialisable copy without the loaded trace series (they come back from the trace file on load). With
 * baseDir, trace paths are made absolute, so that the copy still finds its traces wherever it is written.
 */
export function scenarioForOutput(scenario: Scenario, baseDir?: string): Scenario {
  // Drop the series before cloning: a month-long trace is tens of thousands of numbers.
  const producers = scenario.producers.map((p) => ({ ...p, traffic: p.traffic.map((t) => forOutput(t, baseDir)) }));
  return structuredClone({ ...scenario, producers });
}

function forOutput(shape: TrafficShape, baseDir: string | undefined): TrafficShape {
  if (!("trace" in shape)) return shape;
  const { series: _series, ...trace } = shape.trace;
  return { trace: baseDir === undefined ? trace : { ...trace, file: path.resolve(baseDir, trace.file) } };
}

/** The text written as the resolved scenario (pretty JSON with a final newline), trace paths absolute. */
export function resolvedScenarioText(scenario: Scenario, baseDir?: string): string {
  return `${JSON.stringify(scenarioForOutput(scenario, baseDir), null, 2)}\n`;
}

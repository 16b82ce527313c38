// The resolved scenario as written next to a run's results: plain JSON, every unit already converted, and itself a
// valid scenario file (bare numbers read back as seconds and bytes) that reads back to the same scenario.
import path from "node:path";
import { type Scenario, type TrafficShape, writtenBeforeInstanceType } from "./schema.js";

/**
 * A JSON-serialisable copy without the loaded trace series (they come back from the trace file on load). With
 * baseDir, trace paths are made absolute, so that the copy still finds its traces wherever it is written.
 */
export function scenarioForOutput(scenario: Scenario, baseDir?: string): Scenario {
  // Drop the series before cloning: a month-long trace is tens of thousands of numbers.
  const producers = scenario.producers.map((p) => ({ ...p, traffic: p.traffic.map((t) => forOutput(t, baseDir)) }));
  // On an instance type, the fields it replaced go out as written: reading the copy applies the type again, once.
  const written = writtenBeforeInstanceType.get(scenario);
  const asWritten = written === undefined ? {} : {
    consumers: { ...scenario.consumers, concurrency: written.concurrency, processing: written.processing as Scenario["consumers"]["processing"] },
    cost: { ...scenario.cost, instanceHourlyUsd: written.instanceHourlyUsd },
  };
  return structuredClone({ ...scenario, producers, ...asWritten });
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

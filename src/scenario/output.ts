// The resolved scenario as written next to a run's results: plain JSON, every unit already converted, and itself a
// valid scenario file (bare numbers read back as seconds and bytes) that reads back to the same scenario.
import { type Scenario, type TrafficShape, writtenBeforeInstanceType } from "./schema.js";

/**
 * A JSON-serialisable copy without the loaded trace series (they come back from the trace file on load). With
 * resolveFile (on Node, absolute paths), trace paths are rewritten, so that the copy still finds its traces wherever
 * it is written.
 */
export function scenarioForOutput(scenario: Scenario, resolveFile?: (file: string) => string): Scenario {
  // Drop the series before cloning: a month-long trace is tens of thousands of numbers.
  const producers = scenario.producers.map((p) => ({ ...p, traffic: p.traffic.map((t) => trafficForOutput(t, resolveFile)) }));
  // On an instance type, the fields it replaced go out as written: reading the copy applies the type again, once.
  const written = writtenBeforeInstanceType.get(scenario);
  const asWritten =
    written === undefined
      ? {}
      : {
          consumers: { ...scenario.consumers, concurrency: written.concurrency, processing: written.processing as Scenario["consumers"]["processing"] },
          cost: { ...scenario.cost, instanceHourlyUsd: written.instanceHourlyUsd },
        };
  return structuredClone({ ...scenario, producers, ...asWritten });
}

/** A traffic shape as written out: a trace without its loaded series, its file resolved when asked. */
export function trafficForOutput(shape: TrafficShape, resolveFile: ((file: string) => string) | undefined): TrafficShape {
  if (!("trace" in shape)) return shape;
  const { series: _series, ...trace } = shape.trace;
  return { trace: resolveFile === undefined ? trace : { ...trace, file: resolveFile(trace.file) } };
}

/** The text written as the resolved scenario (pretty JSON with a final newline), trace paths resolved. */
export function resolvedScenarioText(scenario: Scenario, resolveFile?: (file: string) => string): string {
  return `${JSON.stringify(scenarioForOutput(scenario, resolveFile), null, 2)}\n`;
}

// The resolved architecture as written next to a run's results: plain JSON, units converted, itself a valid scenario
// file that reads back to the same architecture (as output.ts does for the single-queue format).
import { type Architecture } from "./architecture-schema.js";
import { trafficForOutput } from "./output.js";

/** A JSON-serialisable copy without the loaded trace series; trace paths rewritten by resolveFile when given. */
export function architectureForOutput(architecture: Architecture, resolveFile?: (file: string) => string): Architecture {
  const producers = architecture.producers.map((p) => ({ ...p, traffic: p.traffic.map((t) => trafficForOutput(t, resolveFile)) }));
  return structuredClone({ ...architecture, producers });
}

/** The text written as the resolved architecture (pretty JSON with a final newline). */
export function resolvedArchitectureText(architecture: Architecture, resolveFile?: (file: string) => string): string {
  return `${JSON.stringify(architectureForOutput(architecture, resolveFile), null, 2)}\n`;
}

// Architectures from YAML text, run: for the architecture format's model tests.
import { validateInputText } from "../../src/scenario/validate-text.js";
import { type Architecture } from "../../src/scenario/architecture-schema.js";
import { simulateArchitecture } from "../../src/sim/simulate-architecture.js";
import { type ArchitectureResult } from "../../src/sim/architecture-result.js";

export function architecture(text: string, sets: readonly string[] = []): Architecture {
  const result = validateInputText(text, "t.yaml", { sets });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  if (result.architecture === undefined) throw new Error("not an architecture");
  return result.architecture;
}

export function run(text: string, sets: readonly string[] = []): ArchitectureResult {
  return simulateArchitecture(architecture(text, sets));
}

/** Messages a standard queue still holds at the end. */
export function remaining(q: { messages: { remaining: { visible: number; inFlight: number; delayed: number } } }): number {
  const r = q.messages.remaining;
  return r.visible + r.inFlight + r.delayed;
}

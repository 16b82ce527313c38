// The memory one run of an architecture is estimated to take at its peak: what a sweep needs to know of each cell
// to run several at once (runMemoryBytes is the single format's). The same sum architecturePreflight holds against
// limits.maxMemory: each queue–pool pair described as a single-queue scenario (architecture-flows.ts), Node and the
// report counted once.
import { type Architecture } from "../scenario/architecture-schema.js";
import { BASE_BYTES } from "../scenario/memory-sizes.js";
import { pairScenarios } from "./architecture-flows.js";
import { runEstimates } from "./preflight.js";

/** In bytes; Infinity when a pair cannot be estimated (its traffic does not compile: preflight refuses those). */
export function architectureRunMemoryBytes(a: Architecture): number {
  let memory = BASE_BYTES;
  try {
    for (const pair of pairScenarios(a)) memory += runEstimates(pair.scenario).memory.total - BASE_BYTES;
  } catch {
    return Infinity;
  }
  return memory;
}

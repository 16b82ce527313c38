import { type Scenario } from "../scenario/schema.js";
import { buildWorld, type World } from "./build-world.js";
import { type PreflightHost, preflight } from "./preflight.js";

export type PreparedRun = { ok: true; world: World } | { ok: false; problems: string[] };

/**
 * Everything a run does before its first event: preflight's checks, then building the world (queue, producers,
 * fleet, autoscaler), whose own checks are the last word. simulate() starts from here, and validate, explain and a
 * sweep's plan call checkRun, so they cannot drift apart: what run refuses, they refuse.
 */
export function prepareRun(scenario: Scenario, seed: number, host: PreflightHost = {}): PreparedRun {
  const problems = preflight(scenario, host);
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, world: buildWorld(scenario, seed, scenario.limits.maxStoredMessages) };
  } catch (error) {
    // The builders throw RangeError on values they cannot model. Validation should have named the field first
    // (test/sim/builder-checks.test.ts holds every such check to it); if one slips through, it is still the
    // scenario that is refused, not a crash.
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, problems: [`the simulator cannot build this scenario: ${error.message} (a check validation misses; please report it)`] };
  }
}

/** prepareRun's verdict alone: one message per problem, empty when the scenario would run. */
export function checkRun(scenario: Scenario, host: PreflightHost = {}): string[] {
  const prepared = prepareRun(scenario, scenario.seed, host);
  return prepared.ok ? [] : prepared.problems;
}

// Notes about a valid scenario that a user should still hear: settings written that the run will not use.
import { type Architecture } from "./architecture-schema.js";
import { type Scenario, unusedSettings } from "./schema.js";

/** One sentence per setting the scenario writes and its run does not use (printed by run and validate). */
export function scenarioNotes(input: Scenario | Architecture): string[] {
  if ("queues" in input)
    return input.consumers.flatMap((pool, i) => unusedSettings(pool, pool.fleet, ["consumers", pool.name ?? i], ["consumers", pool.name ?? i, "fleet"]));
  return unusedSettings(input.consumers, input.fleet, ["consumers"], ["fleet"]);
}

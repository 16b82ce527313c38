import { type Scenario } from "../scenario/schema.js";
import { FLEET_COLUMNS, GROUP_COLUMNS } from "./fleet-columns.js";
import { PERIOD_COLUMNS } from "./period-sampler.js";

/**
 * Characters a value takes in timeseries.csv, its comma included. Measured over the shipped scenarios at 10 s and
 * 60 s periods: 2.9-4.3 on average, 5.0 in the widest row (most values are small counts; "1234.567891" takes 12).
 * 8 keeps the estimate of the file's size above the truth.
 */
export const CSV_CHARS_PER_VALUE = 8;

/** The longest string V8 builds (2^29 − 24 UTF-16 units in Node 20's 64-bit V8): timeseries.csv is one string. */
export const MAX_STRING_CHARS = 2 ** 29 - 24;

/** Rows and columns of the per-period series simulate() records (one row per metrics period, the last one cut short). */
export function seriesShape(scenario: Scenario): { rows: number; columns: number; charsPerValue: number } {
  const rows = Math.ceil(scenario.duration / scenario.metrics.period);
  let columns = PERIOD_COLUMNS.length + Object.keys(FLEET_COLUMNS).length - 1;
  const fleet = scenario.fleet;
  if (fleet.kind === "asg") {
    // backlog per instance, then a state and a value column per alarm (target tracking makes two alarms).
    columns += 1;
    for (const p of fleet.policies) {
      if ("targetTracking" in p) columns += 4;
      else if (!("scheduled" in p)) columns += 2;
    }
  }
  const grouped = scenario.queue.type === "fifo" || scenario.producers.some((p) => p.messageGroups !== undefined);
  if (scenario.queue.type === "fifo") columns += Object.keys(GROUP_COLUMNS).length - 1;
  if (grouped) columns += 1;
  return { rows, columns, charsPerValue: CSV_CHARS_PER_VALUE };
}

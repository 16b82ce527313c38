// The instance types side by side: for each of the scenario's instanceTypes, the capacity of one instance, the
// smallest fleet that keeps up with the whole run's peak rate, and what that fleet costs an hour — the closed-form
// answer to "which instance type is cheapest for this load", before a sweep checks it by simulation.
import { type Scenario } from "../scenario/schema.js";
import { type Figure, type Section } from "./explanation.js";
import { figure, worked } from "./figure.js";
import { formatDuration } from "../engine/units.js";
import { num } from "./format.js";
import { smallestStableFleet } from "./phase-figures.js";
import { planInputs } from "./plan-inputs.js";

/** The scenario resolved on one instance type (fleet.instanceType set to it), as the loader resolves it. */
export interface InstanceTypeVariant {
  name: string;
  scenario: Scenario;
}

export function instanceTypesSection(variants: readonly InstanceTypeVariant[], configured: string | undefined): Section | null {
  if (variants.length === 0) return null;
  const figures: Figure[] = [];
  let cheapest: { name: string; fleet: number; hourly: number } | null = null;
  for (const { name, scenario } of variants) {
    const inputs = planInputs(scenario);
    const { k, work } = inputs;
    const peakLoad = inputs.whole.peakRate * work;
    const fleet = smallestStableFleet(peakLoad, k);
    const price = scenario.cost.instanceHourlyUsd;
    const hourly = fleet * price;
    const label = `${name}${name === configured ? " (configured)" : ""}`;
    figures.push(
      figure(
        `instanceType.${name}.capacity`,
        `${label}: capacity per instance`,
        k / work,
        "msg/s",
        worked("k ÷ W", `${k} ÷ ${formatDuration(work, "significant")}`),
      ),
      figure(
        `instanceType.${name}.stableFleet`,
        `${label}: smallest stable fleet at peak rate`,
        fleet,
        "instances",
        worked("⌊λ̂ × W ÷ k⌋ + 1", `⌊${num(inputs.whole.peakRate)} × ${formatDuration(work, "significant")} ÷ ${k}⌋ + 1`),
      ),
      figure(`instanceType.${name}.hourlyCost`, `${label}: that fleet's cost`, hourly, "USD/h", worked("fleet × hourlyUsd", `${fleet} × $${num(price)}`), {
        source: "aws-behaviour 10.6",
      }),
    );
    if (Number.isFinite(hourly) && (cheapest === null || hourly < cheapest.hourly)) cheapest = { name, fleet, hourly };
  }
  if (cheapest !== null && variants.length > 1) {
    figures.push(
      figure("instanceType.cheapest", `cheapest stable fleet at peak rate: ${cheapest.name}`, cheapest.hourly, "USD/h", "the least fleet × hourlyUsd above", {
        note: `${cheapest.fleet} × ${cheapest.name}; a sweep over fleet.instanceType checks it by simulation`,
      }),
    );
  }
  return { id: "instanceTypes", title: "Instance types (instanceTypes)", figures };
}

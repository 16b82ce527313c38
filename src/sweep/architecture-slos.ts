// An --slo on a resource (`analytics.queueWait.p99<=60s`) reads a column only an architecture's sweep has: checked
// against the sweep's per-resource metrics once the scenario is read, so that a misspelt resource is an immediate
// exit 2 naming the resources there are, not a cell that silently misses its objective.
import { clip, FLAG_LIMIT, quote } from "../engine/quote.js";
import { PATH_PREFIX, resourceMetric, type ResourceKind } from "./architecture-metrics.js";
import { sweepMetric } from "./metrics.js";
import { type Slo } from "./slo.js";

const PLURAL: Record<ResourceKind, string> = { queue: "queues", pool: "pools", topic: "topics", path: "paths" };

/**
 * One line per --slo naming a resource metric the sweep lacks. `resourceMetrics`: the architecture's per-resource
 * metrics (architectureMetricNames), or null for a single-queue scenario, which has none.
 */
export function architectureSloProblems(slos: readonly Slo[], resourceMetrics: readonly string[] | null): string[] {
  const known = new Set(resourceMetrics ?? []);
  const problems: string[] = [];
  for (const slo of slos) {
    if (sweepMetric(slo.metric) !== undefined || known.has(slo.metric)) continue;
    const bad = (why: string): string => `--slo ${quote(slo.text, FLAG_LIMIT)}: ${why}`;
    const own = resourceMetric(slo.metric);
    if (resourceMetrics === null || own === undefined) {
      problems.push(bad(`${clip(slo.metric)} is a figure of one resource, which only a scenario in the architecture format (queues: [...]) has`));
      continue;
    }
    const kind = own.figure.of;
    const prefix = kind === "path" ? PATH_PREFIX : "";
    const names = [
      ...new Set(
        resourceMetrics.flatMap((name) => {
          const m = resourceMetric(name);
          return m !== undefined && m.figure.of === kind ? [`${prefix}${m.resource}`] : [];
        }),
      ),
    ];
    const others = resourceMetrics.flatMap((name) => {
      const m = resourceMetric(name);
      return m !== undefined && m.resource === own.resource && m.figure.of !== kind ? [m.figure.of] : [];
    });
    const what =
      others.length > 0
        ? `${clip(own.resource)} is a ${others[0]}, and ${own.figure.friendly} is a figure of a ${kind}`
        : `this scenario has no ${kind} ${clip(`${prefix}${own.resource}`)}`;
    problems.push(bad(`${what}; the scenario's ${PLURAL[kind]}: ${names.length === 0 ? "none" : clip(names.join(", "), FLAG_LIMIT)}`));
  }
  return problems;
}

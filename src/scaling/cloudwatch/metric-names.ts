import { SCALING_METRICS, type ScalingMetricName } from "../../engine/scaling-metrics.js";

type Metrics = typeof SCALING_METRICS;
/** The short names of the metrics the autoscaler records itself (metric math is computed from them, not recorded). */
type Recorded = { readonly [N in ScalingMetricName as Metrics[N]["of"] extends "derived" ? never : Metrics[N]["alias"]]: Metrics[N]["cloudWatchName"] };

/**
 * The CloudWatch metric names the simulation records, spelled as AWS spells them, by short name (METRIC.visible is
 * "ApproximateNumberOfMessagesVisible"): derived from the one list, engine/scaling-metrics.ts.
 */
export const METRIC = Object.fromEntries(
  Object.values(SCALING_METRICS)
    .filter((m) => m.of !== "derived")
    .map((m) => [m.alias, m.cloudWatchName]),
) as Recorded;

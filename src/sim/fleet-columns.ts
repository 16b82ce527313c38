import { type SeriesColumn } from "../metrics/period-series.js";

/**
 * The columns simulate() adds after PERIOD_COLUMNS: the group's states, the cumulative costs, and with an
 * autoscaler the backlog per instance and one state column per alarm. A saved run's reader describes its columns
 * from here too.
 */
export const FLEET_COLUMNS = {
  desired: { name: "desired_capacity", unit: "instances", description: "the group's desired capacity at the end of the period" },
  pending: { name: "pending_instances", unit: "instances", description: "instances launched and not yet InService" },
  warming: { name: "warming_instances", unit: "instances", description: "InService instances still in their warm-up (6.14)" },
  terminating: { name: "terminating_instances", unit: "instances", description: "instances draining or stopping" },
  // Cumulative, so that the cost chart and a spreadsheet read the spend so far off one row (last row = summary.cost).
  computeCost: { name: "compute_cost_usd", unit: "USD", description: "compute billed so far, cumulative (per-second billing, 60 s minimum per instance, 10.6)" },
  sqsCost: { name: "sqs_cost_usd", unit: "USD", description: "SQS requests billed so far, cumulative (10.1-10.2)" },
  backlogPerInstance: { name: "backlog_per_instance_msgs", unit: "messages", description: "backlogPerInstance as policies see it: the newest published datapoint (6.17-6.18); empty when it has none" },
} satisfies Record<string, SeriesColumn>;

export function alarmStateColumn(alarmName: string): SeriesColumn {
  return { name: `alarm_${alarmName}_state`, unit: "state", description: `state of ${alarmName}: 1 ALARM, 0 OK, -1 INSUFFICIENT_DATA` };
}

/** The alarm a column name of alarmStateColumn's form belongs to, or null. */
export function alarmOfColumn(name: string): string | null {
  return /^alarm_(.+)_state$/.exec(name)?.[1] ?? null;
}

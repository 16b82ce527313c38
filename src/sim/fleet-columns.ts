import { type SeriesColumn } from "../metrics/period-series.js";
import { BACKLOG_PER_INSTANCE_COLUMN } from "../scaling/scaler-columns.js";

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
  computeCost: {
    name: "compute_cost_usd",
    unit: "USD",
    description: "compute billed so far, cumulative (per-second billing, 60 s minimum per instance, 10.6)",
  },
  sqsCost: { name: "sqs_cost_usd", unit: "USD", description: "SQS requests billed so far, cumulative (10.1-10.2)" },
  // Every run's, though it sits among the fleet's columns: a producer's batch filling, or a FIFO producer's throttled
  // backlog, is waiting the queue's figures do not show.
  unsent: {
    name: "unsent_msgs",
    unit: "messages",
    description: "messages produced and waiting in producers to be sent (a batch filling, or behind throttled calls), at the end of the period",
  },
  backlogPerInstance: BACKLOG_PER_INSTANCE_COLUMN,
} satisfies Record<string, SeriesColumn>;

/** Columns of runs with message groups: FIFO's metrics (aws-behaviour 4.8) and the order checker's count. */
export const GROUP_COLUMNS = {
  groupsWithInFlight: {
    name: "ApproximateNumberOfGroupsWithInflightMessages_groups",
    unit: "groups",
    description: "FIFO: message groups with a message in flight at the end of the period, each blocking its group (3.3, 4.8)",
  },
  deduplicated: {
    name: "NumberOfDeduplicatedSentMessages_msgs",
    unit: "messages",
    description: "FIFO: sends accepted as duplicates and dropped in the period (3.6, 4.8)",
  },
  throttledSends: {
    name: "throttled_send_calls_requests",
    unit: "requests",
    description: "FIFO: send calls refused with ThrottlingException in the period, retried by the producer (3.10)",
  },
  throttledReceives: {
    name: "throttled_receive_calls_requests",
    unit: "requests",
    description: "FIFO: receive calls refused with ThrottlingException in the period, retried by the consumers (3.10)",
  },
  orderViolations: {
    name: "order_violations_msgs",
    unit: "messages",
    description: "deliveries in the period while an earlier message of the same group was still outstanding",
  },
} satisfies Record<string, SeriesColumn>;

// The autoscaler's own columns live with it; re-exported for the readers of saved runs.
export { alarmColumnOf, alarmStateColumn, alarmValueColumn } from "../scaling/scaler-columns.js";

import { type SeriesColumn } from "../metrics/period-series.js";

/** The newest published backlogPerInstance, as target tracking policies see it. */
export const BACKLOG_PER_INSTANCE_COLUMN = {
  name: "backlog_per_instance_msgs",
  unit: "messages",
  description: "backlogPerInstance as policies see it: the newest published datapoint (6.17-6.18); empty when it has none",
} satisfies SeriesColumn;

export function alarmStateColumn(alarmName: string): SeriesColumn {
  return { name: `alarm_${alarmName}_state`, unit: "state", description: `state of ${alarmName}: 1 ALARM, 0 OK, -1 INSUFFICIENT_DATA` };
}

/** The datapoint an alarm last evaluated: its statistic over its own period, as it compares with the threshold. */
export function alarmValueColumn(alarmName: string): SeriesColumn {
  return {
    name: `alarm_${alarmName}_value`,
    unit: "value",
    description: `the newest datapoint ${alarmName} evaluated (its statistic over its period); empty before the first`,
  };
}

/** The column of alarmStateColumn's or alarmValueColumn's form that a name is, or null. */
export function alarmColumnOf(name: string): SeriesColumn | null {
  const state = /^alarm_(.+)_state$/.exec(name)?.[1];
  if (state !== undefined) return alarmStateColumn(state);
  const value = /^alarm_(.+)_value$/.exec(name)?.[1];
  return value === undefined ? null : alarmValueColumn(value);
}

// CloudWatch-like metrics and alarms: the store the simulation records into, metric math, statistics, alarms.
export { Alarm, ACTION_REPEAT_US, type AlarmConfig, type AlarmEvaluation, type AlarmTransition } from "./alarm.js";
export { type AlarmState, type Comparison, type TreatMissingData, breaches, decide, type EvaluatedDatapoints } from "./alarm-rule.js";
export { showValue, transitionReason } from "./alarm-reason.js";
export { METRIC } from "./metric-names.js";
export { BACKLOG_PER_INSTANCE, type DerivedMetric, ratio } from "./metric-math.js";
export type { MetricSource } from "./metric-source.js";
export { DEFAULT_PUBLISH_DELAY_US, DEFAULT_RETENTION_US, MetricStore, type MetricStoreOptions } from "./metric-store.js";
export { BASE_PERIODS_US, MAX_EVALUATION_SPAN_US, MINUTE_US } from "./periods.js";
export { STATISTICS, type Statistic, statisticOf, statisticOver } from "./statistics.js";

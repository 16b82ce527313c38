import { US_PER_S } from "../../engine/time.js";
import { formatDuration } from "../../engine/units.js";

// Periods are aligned to the start of the run (time 0), as CloudWatch aligns them to clock boundaries: period n of
// length P covers ((n − 1)·P, n·P] and ends at n·P. Numbering from 1 keeps "period n ends at n × P" exact.

export const MINUTE_US = 60 * US_PER_S;

/** The metric periods an ASG target tracking policy accepts: 10, 30 or 60 s (aws-behaviour 6.6). */
export const BASE_PERIODS_US: readonly number[] = [10 * US_PER_S, 30 * US_PER_S, 60 * US_PER_S];

/** Alarm periods below a minute that CloudWatch accepts; longer ones must be whole minutes (aws-behaviour 7.1). */
const SUB_MINUTE_ALARM_PERIODS_US: readonly number[] = [10 * US_PER_S, 20 * US_PER_S, 30 * US_PER_S];

/** Period × EvaluationPeriods may not exceed 604,800 s, one week (aws-behaviour 7.1). */
export const MAX_EVALUATION_SPAN_US = 604_800 * US_PER_S;

/** "60s", "5m": a duration in microseconds in the scenario file's own notation, for messages. */
export function showUs(us: number): string {
  return formatDuration(us / US_PER_S);
}

export function checkBasePeriod(basePeriodUs: number): void {
  if (!BASE_PERIODS_US.includes(basePeriodUs)) {
    throw new RangeError(`cloudwatch base period ${showUs(basePeriodUs)} is not one of 10s, 30s or 60s (aws-behaviour 6.6)`);
  }
}

/** An alarm period must be one CloudWatch accepts and hold a whole number of base datapoints. */
export function checkAlarmPeriod(alarm: string, periodUs: number, basePeriodUs: number): void {
  const accepted = SUB_MINUTE_ALARM_PERIODS_US.includes(periodUs) || (periodUs > 0 && periodUs % MINUTE_US === 0);
  if (!Number.isSafeInteger(periodUs) || !accepted) {
    throw new RangeError(`alarm ${alarm}: period ${showUs(periodUs)} is not 10s, 20s, 30s or a multiple of 60s (aws-behaviour 7.1)`);
  }
  if (periodUs % basePeriodUs !== 0) {
    throw new RangeError(`alarm ${alarm}: period ${showUs(periodUs)} is not a multiple of the base metric period ${showUs(basePeriodUs)}`);
  }
}

/** CloudWatch alarm states; every alarm starts in INSUFFICIENT_DATA. */
export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export type Comparison = ">=" | ">" | "<" | "<=";

/** How an alarm fills a period without a datapoint (aws-behaviour 7.2; `missing` is CloudWatch's default). */
export type TreatMissingData = "missing" | "breaching" | "notBreaching" | "ignore";

export function breaches(comparison: Comparison, value: number, threshold: number): boolean {
  switch (comparison) {
    case ">=":
      return value >= threshold;
    case ">":
      return value > threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

/** The comparison a non-breaching value satisfies, for reason strings ("80.0 <= 100"). */
export function negation(comparison: Comparison): Comparison {
  switch (comparison) {
    case ">=":
      return "<";
    case ">":
      return "<=";
    case "<":
      return ">=";
    case "<=":
      return ">";
  }
}

/**
 * The N datapoints one evaluation judges: real ones, split by whether they breach, plus `filled` periods that had no
 * datapoint and stand in for real ones. Fewer than N in total only while the run's first N alarm periods are still
 * ending (periods before the run did not happen, so they are neither data nor missing data).
 */
export interface EvaluatedDatapoints {
  breaching: number;
  notBreaching: number;
  filled: number;
}

/**
 * The state N datapoints put an alarm in, or null to keep the current state.
 *
 *   1. Fill: `breaching` fills count as breaching, `notBreaching` fills as not breaching; `missing` and `ignore`
 *      fills count as neither.
 *   2. At least M breaching → ALARM.
 *   3. Otherwise, at least one not breaching → OK.
 *   4. Otherwise (fewer than M breaching and nothing that is not breaching — all missing, or only a few breaching
 *      ones among missing periods): the present data cannot settle the state, so `ignore` keeps the current state
 *      and every other mode goes to INSUFFICIENT_DATA. For `breaching` and `notBreaching` this happens only while
 *      the run's first N periods are still ending.
 *
 * This reproduces CloudWatch's documented examples ("How alarm state is evaluated when data is missing", the 3-of-3
 * and 2-of-3 tables), e.g. with `missing`: 0 - - → OK, - - X → INSUFFICIENT_DATA, - - - → INSUFFICIENT_DATA, and
 * with `ignore` the same but "keep the current state" instead of INSUFFICIENT_DATA. The one row it does not follow
 * is 3-of-3 `missing` with X - - - - (oldest breaching) → ALARM, whose explanation contradicts the - - - - X row.
 */
export function decide(datapoints: EvaluatedDatapoints, datapointsToAlarm: number, treatMissingData: TreatMissingData): AlarmState | null {
  const breaching = datapoints.breaching + (treatMissingData === "breaching" ? datapoints.filled : 0);
  const notBreaching = datapoints.notBreaching + (treatMissingData === "notBreaching" ? datapoints.filled : 0);
  if (breaching >= datapointsToAlarm) return "ALARM";
  if (notBreaching > 0) return "OK";
  return treatMissingData === "ignore" ? null : "INSUFFICIENT_DATA";
}

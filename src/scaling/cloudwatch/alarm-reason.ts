import { type AlarmState, type Comparison, negation, type TreatMissingData } from "./alarm-rule.js";

/** What a reason needs to know about one evaluation. Values are NaN when no real datapoint of that kind was seen. */
export interface ReasonFacts {
  metric: string;
  comparison: Comparison;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: TreatMissingData;
  breaching: number;
  notBreaching: number;
  filled: number;
  newestBreachingValue: number;
  newestNotBreachingValue: number;
}

/**
 * A one-line reason for a transition into `state`, for activities.csv, e.g.
 * "backlogPerInstance 152.0 > 100 for 3 of 3 datapoints". The value shown is the newest datapoint on the side that
 * decided (the newest breaching one for ALARM, the newest non-breaching one for OK).
 */
export function transitionReason(state: AlarmState, f: ReasonFacts): string {
  const n = f.evaluationPeriods;
  const threshold = String(f.threshold);
  const filledAs = (kind: TreatMissingData): number => (f.treatMissingData === kind ? f.filled : 0);
  switch (state) {
    case "ALARM": {
      const filled = filledAs("breaching");
      const side = sideText(f.newestBreachingValue, f.comparison, threshold, "breaching");
      return `${f.metric} ${side} for ${f.breaching + filled} of ${n} datapoints${filledNote(filled, f.breaching, "breaching")}`;
    }
    case "OK": {
      const filled = filledAs("notBreaching");
      const side = sideText(f.newestNotBreachingValue, negation(f.comparison), threshold, "not breaching");
      const breaching = f.breaching + filledAs("breaching");
      return (
        `${f.metric} ${side} for ${f.notBreaching + filled} of ${n} datapoints` +
        `${filledNote(filled, f.notBreaching, "not breaching")} (${breaching} ${f.comparison} ${threshold}, ` +
        `${f.datapointsToAlarm} needed)`
      );
    }
    case "INSUFFICIENT_DATA": {
      if (f.breaching === 0) return `${f.metric} missing for ${f.filled} of ${n} datapoints`;
      return (
        `${f.metric} ${showValue(f.newestBreachingValue)} ${f.comparison} ${threshold} for ${f.breaching} of ${n} ` +
        `datapoints, ${f.filled} missing (${f.datapointsToAlarm} needed)`
      );
    }
  }
}

/** "152.0 > 100", or "missing" when only filled periods were on this side. */
function sideText(newest: number, comparison: Comparison, threshold: string, treatedAs: string): string {
  return Number.isNaN(newest) ? `missing, treated as ${treatedAs},` : `${showValue(newest)} ${comparison} ${threshold}`;
}

function filledNote(filled: number, real: number, treatedAs: string): string {
  return filled === 0 || real === 0 ? "" : ` (${filled} missing, treated as ${treatedAs})`;
}

/** One decimal like the AWS console ("152.0"), but small values keep two significant digits ("0.042"). */
export function showValue(value: number): string {
  return value === 0 || Math.abs(value) >= 0.1 ? value.toFixed(1) : value.toPrecision(2);
}

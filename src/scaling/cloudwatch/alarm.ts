import { type AlarmState, breaches, type Comparison, decide, type TreatMissingData } from "./alarm-rule.js";
import { transitionReason } from "./alarm-reason.js";
import { type MetricSource } from "./metric-source.js";
import { type MetricStore } from "./metric-store.js";
import { checkAlarmPeriod, MAX_EVALUATION_SPAN_US, MINUTE_US, showUs } from "./periods.js";
import { type Statistic, statisticOver } from "./statistics.js";

export interface AlarmConfig {
  name: string;
  /** A metric or metric math expression declared in the store. */
  metric: string;
  statistic: Statistic;
  /** 10, 20, 30 s or a multiple of 60 s, and a multiple of the store's base period (aws-behaviour 7.1). */
  periodUs: number;
  /** N, the number of alarm periods judged (aws-behaviour 7.1). */
  evaluationPeriods: number;
  /** M ≤ N breaching datapoints put the alarm in ALARM (aws-behaviour 7.1). */
  datapointsToAlarm: number;
  comparison: Comparison;
  threshold: number;
  treatMissingData: TreatMissingData;
  /**
   * How many recent alarm periods to search for real datapoints before filling missing ones; default N. CloudWatch
   * searches further back than N, by an undocumented amount (its example uses 5 for N = 3); see evaluate.
   */
  evaluationRange?: number;
}

export interface AlarmTransition {
  atUs: number;
  from: AlarmState;
  to: AlarmState;
  reason: string;
  /** The newest real datapoint the evaluation saw (null if none). */
  value: number | null;
}

export interface AlarmEvaluation {
  changed: boolean;
  state: AlarmState;
  /** The transition this evaluation made, or null. */
  transition: AlarmTransition | null;
}

/** Auto Scaling actions repeat once a minute while the alarm stays in ALARM (aws-behaviour 7.3). */
export const ACTION_REPEAT_US = MINUTE_US;

/**
 * A CloudWatch metric alarm over a MetricStore. It schedules nothing: the simulation calls `evaluate(t)` (once per
 * alarm period, at period end + publish delay; `nextEvaluationUs` says when) and then `shouldInvokeActions(t)`.
 */
export class Alarm {
  readonly config: Readonly<AlarmConfig>;
  private readonly history: AlarmTransition[] = [];
  private readonly source: MetricSource;
  private readonly basePerAlarmPeriod: number;
  private readonly publishDelayUs: number;
  private readonly evaluationRange: number;
  private currentState: AlarmState = "INSUFFICIENT_DATA";
  private newestValue = Number.NaN;
  private evaluatedAtUs = Number.NEGATIVE_INFINITY;
  /** Next time Auto Scaling actions are due; +∞ outside ALARM. */
  private actionDueUs = Number.POSITIVE_INFINITY;
  private alarmSinceUs = 0;

  constructor(store: MetricStore, config: AlarmConfig) {
    const { name, periodUs, evaluationPeriods: n, datapointsToAlarm: m } = config;
    checkAlarmPeriod(name, periodUs, store.basePeriodUs);
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`alarm ${name}: evaluationPeriods ${n} is not an integer ≥ 1`);
    if (!Number.isSafeInteger(m) || m < 1 || m > n) {
      throw new RangeError(`alarm ${name}: datapointsToAlarm ${m} is not an integer in 1..evaluationPeriods (${n})`);
    }
    if (periodUs * n > MAX_EVALUATION_SPAN_US) {
      throw new RangeError(
        `alarm ${name}: period × evaluationPeriods = ${showUs(periodUs * n)} is above the CloudWatch maximum of 7d (604,800 s, aws-behaviour 7.1)`,
      );
    }
    if (!Number.isFinite(config.threshold)) throw new RangeError(`alarm ${name}: threshold ${config.threshold} is not finite`);
    const range = config.evaluationRange ?? n;
    if (!Number.isSafeInteger(range) || range < n) {
      throw new RangeError(`alarm ${name}: evaluationRange ${range} is not an integer ≥ evaluationPeriods (${n})`);
    }
    this.basePerAlarmPeriod = periodUs / store.basePeriodUs;
    // The store must still hold the oldest base period this alarm can read, as seen from the newest it may record.
    const neededPeriods = range * this.basePerAlarmPeriod + Math.ceil(store.publishDelayUs / store.basePeriodUs) + 1;
    if (neededPeriods > store.retentionPeriods) {
      throw new RangeError(
        `alarm ${name}: looks back ${showUs(neededPeriods * store.basePeriodUs)}, more than the metric store keeps ` +
          `(${showUs(store.retentionPeriods * store.basePeriodUs)}); raise the store's retention`,
      );
    }
    this.source = store.source(config.metric);
    this.publishDelayUs = store.publishDelayUs;
    this.evaluationRange = range;
    this.config = { ...config };
  }

  /** Every state change so far, oldest first (for activities.csv). */
  get transitions(): readonly AlarmTransition[] {
    return this.history;
  }

  get state(): AlarmState {
    return this.currentState;
  }

  /**
   * The newest real alarm-period datapoint the last evaluation saw, or null. Step scaling picks its step from it
   * (aws-behaviour 7.8); it is refreshed by every evaluation, not only by transitions.
   */
  get lastValue(): number | null {
    return Number.isNaN(this.newestValue) ? null : this.newestValue;
  }

  get lastEvaluatedAtUs(): number | null {
    return this.evaluatedAtUs === Number.NEGATIVE_INFINITY ? null : this.evaluatedAtUs;
  }

  /** The first evaluation time after `afterUs`: an alarm period's end plus the publish delay. */
  nextEvaluationUs(afterUs: number): number {
    const { periodUs } = this.config;
    const k = Math.max(1, Math.floor((afterUs - this.publishDelayUs) / periodUs) + 1);
    return k * periodUs + this.publishDelayUs;
  }

  /**
   * Judges the newest N alarm periods whose datapoints are visible at `nowUs` (period end + publish delay ≤ now)
   * and sets the state (rule in alarm-rule.ts). Real datapoints come first: searching back over `evaluationRange`
   * periods, the newest N real ones are judged and missing periods are filled per treatMissingData only when fewer
   * than N real ones exist, as CloudWatch does. Periods before the run are not data: until N alarm periods have
   * ended fewer than N datapoints are judged. Reads range × (period / base period) datapoints: O(N), never history.
   * Repeating a call at the same time changes nothing.
   */
  evaluate(nowUs: number): AlarmEvaluation {
    if (nowUs < this.evaluatedAtUs) {
      throw new RangeError(`alarm ${this.config.name}: evaluate(${nowUs} µs) after evaluate(${this.evaluatedAtUs} µs)`);
    }
    this.evaluatedAtUs = nowUs;
    const { periodUs, evaluationPeriods: n, statistic, comparison, threshold } = this.config;
    const newest = Math.floor((nowUs - this.publishDelayUs) / periodUs);
    if (newest < 1) return { changed: false, state: this.currentState, transition: null };

    const oldest = Math.max(1, newest - this.evaluationRange + 1);
    const r = this.basePerAlarmPeriod;
    let real = 0;
    let breaching = 0;
    let newestValue = Number.NaN;
    let newestBreachingValue = Number.NaN;
    let newestNotBreachingValue = Number.NaN;
    for (let p = newest; p >= oldest && real < n; p--) {
      const value = statisticOver(this.source, statistic, (p - 1) * r + 1, p * r);
      if (Number.isNaN(value)) continue;
      real++;
      if (Number.isNaN(newestValue)) newestValue = value;
      if (breaches(comparison, value, threshold)) {
        breaching++;
        if (Number.isNaN(newestBreachingValue)) newestBreachingValue = value;
      } else if (Number.isNaN(newestNotBreachingValue)) {
        newestNotBreachingValue = value;
      }
    }
    const periodsInRun = newest - oldest + 1;
    const counts = { breaching, notBreaching: real - breaching, filled: Math.max(0, Math.min(n, periodsInRun) - real) };
    this.newestValue = newestValue;

    const next = decide(counts, this.config.datapointsToAlarm, this.config.treatMissingData);
    if (next === null || next === this.currentState) return { changed: false, state: this.currentState, transition: null };

    const reason = transitionReason(next, {
      ...counts,
      metric: this.config.metric,
      comparison,
      threshold,
      evaluationPeriods: n,
      datapointsToAlarm: this.config.datapointsToAlarm,
      treatMissingData: this.config.treatMissingData,
      newestBreachingValue,
      newestNotBreachingValue,
    });
    const transition: AlarmTransition = { atUs: nowUs, from: this.currentState, to: next, reason, value: this.lastValue };
    this.history.push(transition);
    this.currentState = next;
    if (next === "ALARM") {
      this.alarmSinceUs = nowUs;
      this.actionDueUs = nowUs;
    } else {
      this.actionDueUs = Number.POSITIVE_INFINITY;
    }
    return { changed: true, state: next, transition };
  }

  /**
   * Whether the alarm's Auto Scaling actions run now: at the transition into ALARM, then every 60 s after it while
   * the alarm stays in ALARM, whatever the alarm period (aws-behaviour 7.3, 12.7); never in OK or INSUFFICIENT_DATA.
   * A true answer is consumed: ask once per instant, after `evaluate` at the same instant. A late call still gets
   * one invocation (not a burst for each minute missed), and the minutes stay counted from the transition.
   */
  shouldInvokeActions(nowUs: number): boolean {
    if (this.currentState !== "ALARM" || nowUs < this.actionDueUs) return false;
    const minutes = Math.floor((nowUs - this.alarmSinceUs) / ACTION_REPEAT_US) + 1;
    this.actionDueUs = this.alarmSinceUs + minutes * ACTION_REPEAT_US;
    return true;
  }

  /** When `shouldInvokeActions` next answers true if the alarm stays in ALARM; null outside ALARM. */
  get nextActionUs(): number | null {
    return this.actionDueUs === Number.POSITIVE_INFINITY ? null : this.actionDueUs;
  }
}

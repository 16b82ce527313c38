import { Alarm, type AlarmConfig, type AlarmState } from "../../../src/scaling/cloudwatch/index.js";
import { MetricStore } from "../../../src/scaling/cloudwatch/metric-store.js";

export const S = 1_000_000;
export const MIN = 60 * S;

/** A store with one recorded metric "m" (and any others named). */
export function storeWith(options: { basePeriodUs?: number; publishDelayUs?: number; retentionUs?: number } = {}, names = ["m"]): MetricStore {
  const store = new MetricStore({
    basePeriodUs: options.basePeriodUs ?? MIN,
    publishDelayUs: options.publishDelayUs ?? MIN,
    ...(options.retentionUs === undefined ? {} : { retentionUs: options.retentionUs }),
  });
  for (const name of names) store.addMetric(name);
  return store;
}

/** Records values[i] as the datapoint of base period i + 1 (null = missing, undefined = never recorded). */
export function feed(store: MetricStore, name: string, values: readonly (number | null | undefined)[]): void {
  values.forEach((v, i) => {
    if (v !== undefined) store.record(name, (i + 1) * store.basePeriodUs, v);
  });
}

export function alarmOn(store: MetricStore, overrides: Partial<AlarmConfig> = {}): Alarm {
  return new Alarm(store, {
    name: "high",
    metric: "m",
    statistic: "average",
    periodUs: store.basePeriodUs,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    comparison: ">",
    threshold: 100,
    treatMissingData: "missing",
    ...overrides,
  });
}

/** Evaluates at every alarm period end + publish delay up to `untilUs`; returns the state after each call. */
export function runEvaluations(alarm: Alarm, untilUs: number): { atUs: number; state: AlarmState }[] {
  const states: { atUs: number; state: AlarmState }[] = [];
  for (let t = alarm.nextEvaluationUs(0); t <= untilUs; t = alarm.nextEvaluationUs(t)) {
    states.push({ atUs: t, state: alarm.evaluate(t).state });
  }
  return states;
}

/**
 * The state an alarm reaches on one window, written as CloudWatch's docs write it, oldest first:
 * "0" not breaching (value 0), "X" breaching (value 200), "-" missing. Threshold > 100.
 */
export function stateForWindow(window: string, config: Partial<AlarmConfig>, initial: "OK" | "ALARM" = "OK"): AlarmState {
  const points = window.split(" ");
  const store = storeWith({ publishDelayUs: 0 });
  // A run-in of real datapoints before the window puts the alarm in `initial` and makes sure the window's periods
  // are not the run's first (so none is "before the run").
  const runIn = 20;
  const runInValue = initial === "ALARM" ? 200 : 0;
  const values: (number | null)[] = Array.from({ length: runIn }, () => runInValue);
  for (const p of points) values.push(p === "X" ? 200 : p === "0" ? 0 : null);
  feed(store, "m", values);
  const alarm = alarmOn(store, config);
  alarm.evaluate(runIn * MIN);
  if (alarm.state !== initial) throw new Error(`run-in left the alarm ${alarm.state}`);
  return alarm.evaluate(values.length * MIN).state;
}

import { US_PER_S } from "../../engine/time.js";
import { type DerivedMetric, DerivedSource } from "./metric-math.js";
import { type MetricSource } from "./metric-source.js";
import { checkBasePeriod, showUs } from "./periods.js";
import { RecordedMetric } from "./recorded-metric.js";

/** SQS pushes its metrics once a minute, so a period's datapoint reaches alarms a minute late (aws-behaviour 4.9, 4.12). */
export const DEFAULT_PUBLISH_DELAY_US = 60 * US_PER_S;

/** CloudWatch keeps 1-minute datapoints for 15 days; alarms need at most a week of them (aws-behaviour 7.1). */
export const DEFAULT_RETENTION_US = 15 * 86_400 * US_PER_S;

export interface MetricStoreOptions {
  /** The length of one datapoint's period: 10, 30 or 60 s (aws-behaviour 6.6). */
  basePeriodUs: number;
  /** From a period's end until alarms can see its datapoint; default 60 s. */
  publishDelayUs?: number;
  /** How far back datapoints are kept; default 15 days. Alarms refuse to be built if they need more. */
  retentionUs?: number;
}

/**
 * CloudWatch-like named metrics with one datapoint per base period. The simulation records each metric once per
 * period (a gauge sampled at the period's end, or a counter's count over it); this store only keeps values and says
 * when each becomes visible. Metrics are declared up front so that a misspelt name fails loudly instead of reading
 * as "missing data" forever.
 */
export class MetricStore {
  readonly basePeriodUs: number;
  readonly publishDelayUs: number;
  readonly retentionPeriods: number;
  private readonly sources = new Map<string, MetricSource>();
  private readonly recorded = new Map<string, RecordedMetric>();

  constructor(options: MetricStoreOptions) {
    checkBasePeriod(options.basePeriodUs);
    const publishDelayUs = options.publishDelayUs ?? DEFAULT_PUBLISH_DELAY_US;
    if (!Number.isSafeInteger(publishDelayUs) || publishDelayUs < 0) {
      throw new RangeError(`cloudwatch publish delay ${publishDelayUs} µs is not a whole number of µs ≥ 0`);
    }
    const retentionUs = options.retentionUs ?? DEFAULT_RETENTION_US;
    if (!(retentionUs >= options.basePeriodUs)) {
      throw new RangeError(`cloudwatch retention ${showUs(retentionUs)} is shorter than one period`);
    }
    this.basePeriodUs = options.basePeriodUs;
    this.publishDelayUs = publishDelayUs;
    this.retentionPeriods = Math.floor(retentionUs / options.basePeriodUs);
  }

  /** Declares a metric the simulation records. */
  addMetric(name: string): void {
    this.checkNewName(name);
    const metric = new RecordedMetric(name, this.retentionPeriods);
    this.recorded.set(name, metric);
    this.sources.set(name, metric);
  }

  /** Declares a metric math expression over metrics declared before it (so expressions cannot form cycles). */
  addDerived(definition: DerivedMetric): void {
    this.checkNewName(definition.name);
    const inputs = definition.inputs.map((input) => {
      const source = this.sources.get(input);
      if (!source) throw new RangeError(`metric ${definition.name}: input ${input} is not declared (${this.known()})`);
      return source;
    });
    this.sources.set(definition.name, new DerivedSource(definition, inputs));
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  get metricNames(): string[] {
    return [...this.sources.keys()];
  }

  /** The metric's reader, resolved once so that evaluations do no name lookups. */
  source(name: string): MetricSource {
    const source = this.sources.get(name);
    if (!source) throw new RangeError(`unknown metric ${name} (${this.known()})`);
    return source;
  }

  /** Stores the datapoint of the base period ending at `periodEndUs`; null (or NaN) records a missing one. */
  record(name: string, periodEndUs: number, value: number | null): void {
    const metric = this.recorded.get(name);
    if (!metric) {
      const why = this.sources.has(name) ? "is metric math; record its inputs" : `is not declared (${this.known()})`;
      throw new RangeError(`cannot record ${name}: it ${why}`);
    }
    if (value !== null && (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY)) {
      throw new RangeError(`metric ${name} at ${showUs(periodEndUs)}: ${value} is not a datapoint`);
    }
    metric.write(this.periodNumber(periodEndUs), value ?? Number.NaN);
  }

  /** The datapoint of the base period ending at `periodEndUs`, visible or not; null when missing. */
  value(name: string, periodEndUs: number): number | null {
    const v = this.source(name).valueAt(this.periodNumber(periodEndUs));
    return Number.isNaN(v) ? null : v;
  }

  /** As `value`, but null until the datapoint has been published at period end + publish delay. */
  visibleValue(name: string, periodEndUs: number, nowUs: number): number | null {
    return this.isVisible(periodEndUs, nowUs) ? this.value(name, periodEndUs) : null;
  }

  isVisible(periodEndUs: number, nowUs: number): boolean {
    return periodEndUs + this.publishDelayUs <= nowUs;
  }

  /** The end of the newest base period whose datapoints are visible at `nowUs`; null before the first one. */
  latestVisiblePeriodEndUs(nowUs: number): number | null {
    const n = Math.floor((nowUs - this.publishDelayUs) / this.basePeriodUs);
    return n >= 1 ? n * this.basePeriodUs : null;
  }

  /** n for the base period that ends at `periodEndUs` = n × basePeriodUs. */
  periodNumber(periodEndUs: number): number {
    const n = periodEndUs / this.basePeriodUs;
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`${periodEndUs} µs is not the end of a ${showUs(this.basePeriodUs)} metric period (periods end at multiples of it)`);
    }
    return n;
  }

  private checkNewName(name: string): void {
    if (this.sources.has(name)) throw new RangeError(`metric ${name} is declared twice`);
  }

  private known(): string {
    return this.sources.size === 0 ? "no metrics are declared" : `declared: ${this.metricNames.join(", ")}`;
  }
}

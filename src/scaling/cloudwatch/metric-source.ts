/**
 * What statistics and alarms read: one datapoint per base period, addressed by period number n (the base period
 * that ends at n × basePeriodUs; see periods.ts). Missing is NaN here so that reads allocate nothing; the store's
 * public methods turn it into null.
 */
export interface MetricSource {
  readonly name: string;
  /** The datapoint of base period n; NaN when missing (never recorded, recorded as null, or n < 1). */
  valueAt(n: number): number;
}

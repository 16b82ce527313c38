import { type MetricSource } from "./metric-source.js";

const INITIAL_CAPACITY = 16;

/**
 * One recorded metric: the datapoints of the most recent `retentionPeriods` base periods in a ring. The ring starts
 * small and doubles up to the retention, so a short run pays for what it records and a 366-day run at 10 s periods
 * still holds only the retention window (alarms look back at most a week, aws-behaviour 7.1).
 */
export class RecordedMetric implements MetricSource {
  private values: Float64Array;
  /** Number of the newest period written; 0 before the first write. */
  private newest = 0;

  constructor(
    readonly name: string,
    private readonly retentionPeriods: number,
  ) {
    this.values = new Float64Array(Math.min(INITIAL_CAPACITY, retentionPeriods)).fill(Number.NaN);
  }

  /** The oldest period still held; reading or writing further back is a bug in the caller (see check). */
  get oldestRetained(): number {
    return Math.max(1, this.newest - this.values.length + 1);
  }

  valueAt(n: number): number {
    if (n < 1 || n > this.newest) return Number.NaN;
    this.checkRetained(n);
    return this.values[n % this.values.length]!;
  }

  /** Stores NaN for a missing datapoint. Periods skipped between writes become missing. */
  write(n: number, value: number): void {
    if (n <= this.newest) {
      this.checkRetained(n);
      this.values[n % this.values.length] = value;
      return;
    }
    const needed = Math.min(this.retentionPeriods, n);
    if (needed > this.values.length) this.grow(Math.min(this.retentionPeriods, Math.max(needed, 2 * this.values.length)));
    const capacity = this.values.length;
    // Only the last `capacity` skipped periods share slots with live data; older ones are overwritten anyway.
    for (let k = Math.max(this.newest + 1, n - capacity + 1); k < n; k++) this.values[k % capacity] = Number.NaN;
    this.values[n % capacity] = value;
    this.newest = n;
  }

  private grow(capacity: number): void {
    const next = new Float64Array(capacity).fill(Number.NaN);
    for (let k = this.oldestRetained; k <= this.newest; k++) next[k % capacity] = this.values[k % this.values.length]!;
    this.values = next;
  }

  private checkRetained(n: number): void {
    if (n < this.oldestRetained) {
      throw new RangeError(`metric ${this.name}: period ${n} is older than the ${this.retentionPeriods} periods kept (newest is ${this.newest})`);
    }
  }
}

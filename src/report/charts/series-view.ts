import { type PeriodSeries, rowCount } from "../../metrics/period-series.js";

/** More points than a 1200-pixel-wide chart can show apart; longer runs are thinned to this many. */
export const MAX_POINTS = 1500;
/**
 * Per-period counts are noisy: past this many points a line of them fills in to a solid band (a day of 60 s
 * periods is 1,440), so flows are averaged over more periods than gauges are.
 */
export const MAX_FLOW_POINTS = 360;

export interface Point {
  x: number;
  y: number | null;
  /** Shown in the tooltip after the value (e.g. the reason of a scaling activity). */
  note?: string;
}

/**
 * How rows merge when a long run is thinned: gauges keep their peak ("max", so a spike never disappears), flows
 * keep their mean per period ("mean", so the unit stays "per period").
 */
export type Reduce = "max" | "mean";

/** Columns of the period series as chart points, at most MAX_POINTS per column. */
export class SeriesView {
  readonly rows: number;
  /** How many periods each point of a gauge ("max") stands for (1 unless the run is long). */
  readonly stride: number;
  /** How many periods each point of a flow ("mean") stands for. */
  readonly flowStride: number;
  private readonly index = new Map<string, number>();

  constructor(private readonly series: PeriodSeries) {
    this.rows = rowCount(series);
    this.stride = Math.max(1, Math.ceil(this.rows / MAX_POINTS));
    this.flowStride = Math.max(1, Math.ceil(this.rows / MAX_FLOW_POINTS));
    series.columns.forEach((c, i) => this.index.set(c.name, i));
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  columnNames(): string[] {
    return [...this.index.keys()];
  }

  raw(column: string): number[] {
    const i = this.index.get(column);
    if (i === undefined) throw new RangeError(`the series has no column ${column}`);
    return this.series.values[i]!;
  }

  /** Points at the end of each period (or each group of `stride` periods); NaN becomes a gap. */
  points(column: string, reduce: Reduce, transform: (v: number) => number = (v) => v): Point[] {
    const values = this.raw(column);
    const times = this.raw("time_s");
    const out: Point[] = [];
    const stride = reduce === "max" ? this.stride : this.flowStride;
    for (let start = 0; start < this.rows; start += stride) {
      const end = Math.min(this.rows, start + stride);
      let acc = reduce === "max" ? -Infinity : 0;
      let n = 0;
      for (let r = start; r < end; r++) {
        const v = values[r]!;
        if (!Number.isFinite(v)) continue;
        acc = reduce === "max" ? Math.max(acc, v) : acc + v;
        n++;
      }
      const y = n === 0 ? null : transform(reduce === "max" ? acc : acc / n);
      out.push({ x: times[end - 1]!, y });
    }
    return out;
  }

  /** Whether any value of the column is finite and not zero. */
  anyNonZero(column: string): boolean {
    return this.has(column) && this.raw(column).some((v) => Number.isFinite(v) && v !== 0);
  }

  /** A note for chart subtitles when points stand for several periods. */
  thinningNote(): string | null {
    if (this.flowStride === 1) return null;
    const gauges = this.stride === 1 ? "gauges: every period" : `gauges: the peak of each ${this.stride} periods`;
    return `${gauges}; counts: the mean per period over each ${this.flowStride} periods`;
  }
}

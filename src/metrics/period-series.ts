/** A column of the per-period series: its CSV header is `name` (which ends in its unit). */
export interface SeriesColumn {
  name: string;
  unit: string;
  description: string;
}

/** A column and how to read its value at the end of a period: what a component adds to the series. */
export interface ColumnReader {
  column: SeriesColumn;
  read(nowUs: number): number;
}

/** Columnar per-period series: values[c][r] is column c in period r. Plain data, serialisable as it is. */
export interface PeriodSeries {
  periodSeconds: number;
  columns: SeriesColumn[];
  values: number[][];
}

export function emptySeries(periodSeconds: number, columns: SeriesColumn[]): PeriodSeries {
  return { periodSeconds, columns, values: columns.map(() => []) };
}

export function appendRow(series: PeriodSeries, row: ArrayLike<number>): void {
  if (row.length !== series.columns.length) {
    throw new RangeError(`row has ${row.length} values for ${series.columns.length} columns`);
  }
  for (let c = 0; c < row.length; c++) series.values[c]!.push(row[c]!);
}

export function columnValues(series: PeriodSeries, name: string): number[] {
  const i = series.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new RangeError(`no column named ${name}`);
  return series.values[i]!;
}

export function rowCount(series: PeriodSeries): number {
  return series.values[0]?.length ?? 0;
}

/** A reader of how much a cumulative count grew since the last read: one period's worth at each period end. */
export function perPeriod(total: () => number): () => number {
  let seen = 0;
  return () => {
    const now = total();
    const grew = now - seen;
    seen = now;
    return grew;
  };
}

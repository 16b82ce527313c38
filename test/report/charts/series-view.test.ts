// Thinning long series: gauges to MAX_POINTS points, keeping their peaks; flows to MAX_FLOW_POINTS, keeping their
// mean per period.
import { describe, expect, it } from "vitest";
import { type PeriodSeries } from "../../../src/metrics/period-series.js";
import { buildCharts } from "../../../src/report/charts/index.js";
import { MAX_FLOW_POINTS, MAX_POINTS, SeriesView } from "../../../src/report/charts/series-view.js";
import { chartById, datasetsOf, FIXED_YAML, handSeries, isTimeChart, optionsOf, runYaml, withRun } from "./fixtures.js";

const ROWS = 8640; // 24 h at 10 s
const SPIKE_ROW = 4321;

function daySeries(): PeriodSeries {
  const gauge = Array.from({ length: ROWS }, (_, r) => (r === SPIKE_ROW ? 1000 : 1));
  const flow = Array.from({ length: ROWS }, (_, r) => r % 6); // 0..5 in every group of 6 rows: mean 2.5
  // NaN for a whole flow point (24 rows), then NaN every other row for the next, then 1.
  const gappy = Array.from({ length: ROWS }, (_, r) => (r < 24 ? NaN : r < 48 ? (r % 2 === 0 ? NaN : 4) : 1));
  return handSeries(10, { gauge, flow, gappy, zeros: new Array<number>(ROWS).fill(0) });
}

describe("SeriesView", () => {
  const view = new SeriesView(daySeries());

  it("SeriesView thins a 24 h series at 10 s periods to at most MAX_POINTS gauge and MAX_FLOW_POINTS flow points", () => {
    expect(view.rows).toBe(ROWS);
    expect(view.stride).toBe(Math.ceil(ROWS / MAX_POINTS));
    expect(view.flowStride).toBe(Math.ceil(ROWS / MAX_FLOW_POINTS));
    for (const column of ["gauge", "flow", "gappy", "zeros"]) {
      const gauge = view.points(column, "max");
      expect(gauge.length).toBeLessThanOrEqual(MAX_POINTS);
      expect(gauge.length).toBe(Math.ceil(ROWS / view.stride));
      const flow = view.points(column, "mean");
      expect(flow.length).toBeLessThanOrEqual(MAX_FLOW_POINTS);
      expect(flow.length).toBe(Math.ceil(ROWS / view.flowStride));
    }
  });

  it("SeriesView puts each point at the end of the last period it covers, the last at the end of the run", () => {
    const points = view.points("gauge", "max");
    expect(points[0]!.x).toBe(view.stride * 10);
    expect(points[1]!.x).toBe(2 * view.stride * 10);
    expect(points[points.length - 1]!.x).toBe(ROWS * 10);
  });

  it('SeriesView "max" keeps a one-row spike', () => {
    const points = view.points("gauge", "max");
    expect(Math.max(...points.map((p) => p.y!))).toBe(1000);
    const at = points.findIndex((p) => p.y === 1000);
    expect(at).toBe(Math.floor(SPIKE_ROW / view.stride));
    expect(points.filter((p) => p.y === 1000)).toHaveLength(1);
  });

  it('SeriesView "mean" averages the rows of each point, so a flow stays per period', () => {
    expect(view.stride).toBe(6);
    expect(view.flowStride).toBe(24);
    expect(new Set(view.points("flow", "mean").map((p) => p.y))).toEqual(new Set([2.5]));
    expect(new Set(view.points("flow", "max").map((p) => p.y))).toEqual(new Set([5]));
    // The spike, averaged with 23 rows of 1.
    expect(view.points("gauge", "mean")[Math.floor(SPIKE_ROW / 24)]!.y).toBeCloseTo((1000 + 23) / 24, 12);
  });

  it("SeriesView makes a point of only NaN rows a null gap, and leaves NaN rows out of a mean", () => {
    const mean = view.points("gappy", "mean");
    expect(mean[0]!.y).toBeNull();
    expect(mean[1]!.y).toBe(4);
    expect(mean[2]!.y).toBe(1);
    expect(view.points("gappy", "max")[0]!.y).toBeNull();
  });

  it("SeriesView applies the transform after reducing, and never to a gap", () => {
    const seen: number[] = [];
    const points = view.points("gappy", "mean", (v) => (seen.push(v), v * 10));
    expect(points[0]!.y).toBeNull();
    expect(points[1]!.y).toBe(40);
    expect(seen).toHaveLength(points.length - 1);
  });

  it("SeriesView keeps stride 1 and every row of a short series, with no thinning note", () => {
    const short = new SeriesView(handSeries(60, { v: [3, NaN, 5] }));
    expect(short.stride).toBe(1);
    expect(short.thinningNote()).toBeNull();
    expect(short.points("v", "max")).toEqual([
      { x: 60, y: 3 },
      { x: 120, y: null },
      { x: 180, y: 5 },
    ]);
    const exactly = new SeriesView(handSeries(1, { v: new Array<number>(MAX_POINTS).fill(1) }));
    expect(exactly.stride).toBe(1);
    expect(new SeriesView(handSeries(1, { v: new Array<number>(MAX_POINTS + 1).fill(1) })).stride).toBe(2);
  });

  it("SeriesView says in its note how many periods a gauge point and a flow point cover", () => {
    expect(view.thinningNote()).toBe("gauges: the peak of each 6 periods; counts: the mean per period over each 24 periods");
  });

  it("SeriesView.anyNonZero is false for all-zero, all-NaN and missing columns", () => {
    const v = new SeriesView(handSeries(60, { zero: [0, 0], nan: [NaN, NaN], one: [0, 1] }));
    expect(v.anyNonZero("zero")).toBe(false);
    expect(v.anyNonZero("nan")).toBe(false);
    expect(v.anyNonZero("missing")).toBe(false);
    expect(v.anyNonZero("one")).toBe(true);
    expect(() => v.raw("missing")).toThrow(/no column missing/);
  });
});

describe("charts of a long run", () => {
  // A fixed run's 20 one-minute periods tiled to 3000 (50 h): thinned with stride 2.
  const base = runYaml(FIXED_YAML);
  const TILES = 150;
  const rows = base.series.values[0]!.length;
  const values = base.series.columns.map((c, i) => {
    const col = base.series.values[i]!;
    return Array.from({ length: rows * TILES }, (_, r) => (c.name === "time_s" ? (r + 1) * base.series.periodSeconds : col[r % rows]!));
  });
  const duration = rows * TILES * base.series.periodSeconds;
  const long = withRun(base, { series: { ...base.series, values }, context: { ...base.context, durationSeconds: duration } });
  const charts = buildCharts(long);

  it("buildCharts thins every dataset of a long run to at most MAX_POINTS points, and says how in the subtitle", () => {
    const timeCharts = charts.filter(isTimeChart);
    expect(timeCharts.map((c) => c.id)).toEqual(["queue", "waiting", "throughput", "cost"]);
    for (const spec of timeCharts) {
      for (const d of datasetsOf(spec)) expect(d.data.length, `${spec.id} ${d.label}`).toBeLessThanOrEqual(MAX_POINTS);
      expect(optionsOf(spec).plugins.subtitle).toMatchObject({
        display: true,
        text: expect.stringContaining("gauges: the peak of each 2 periods; counts: the mean per period over each 9 periods"),
      });
      expect(optionsOf(spec).scales.x.max).toBe(duration);
    }
  });

  it("cost chart's total of a thinned run is compute + SQS at the end of each point's periods", () => {
    const cost = datasetsOf(chartById(charts, "cost"));
    const col = (name: string): number[] => values[long.series.columns.findIndex((c) => c.name === name)]!;
    const total = cost.find((d) => d.label === "total")!.data as { x: number; y: number }[];
    for (const i of [0, 1, 700, total.length - 1]) {
      const r = 2 * i + 1;
      expect(total[i]!.y).toBeCloseTo(col("compute_cost_usd")[r]! + col("sqs_cost_usd")[r]!, 12);
      expect(total[i]!.x).toBe(col("time_s")[r]);
    }
  });
});

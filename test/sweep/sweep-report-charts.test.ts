// The sweep report's charts as plain data: the cost / p99 scatter with its Pareto front, the heatmaps of a
// two-parameter grid, the chart by the parameter of a one-parameter sweep, which of them a sweep gets, their axes,
// and the tooltip texts the runtime makes of their points. Inputs are hand-made tables (report-fixtures.ts): no
// simulation runs and no PNG is rendered here.
import { describe, expect, it } from "vitest";
import { type ChartSpec } from "../../src/report/charts/chart-spec.js";
import { hydrateChartConfig } from "../../src/report/charts/chart-runtime.js";
import { SERIES } from "../../src/report/charts/series-style.js";
import { COLOR_KEY } from "../../src/sweep/report/color-scale.js";
import { heatmapCharts } from "../../src/sweep/report/heatmap-chart.js";
import { parameterChart } from "../../src/sweep/report/parameter-chart.js";
import { NOTED_CELLS, paretoChart, WHISKERED_CELLS } from "../../src/sweep/report/pareto-chart.js";
import { buildSweepCharts } from "../../src/sweep/report/sweep-charts.js";
import { cellTitle, estimateText, formatAmount, formatCost, formatValue, type SweepReportInput, verdictText } from "../../src/sweep/report/sweep-view.js";
import { axisOf } from "../../src/sweep/report/value-axis.js";
import { type ResultRow } from "../../src/sweep/results.js";
import { type MetricEstimate } from "../../src/sweep/stats.js";
import { studentTQuantile } from "../../src/sweep/student-t.js";
import { dimsInput, gridInput, INSTANCES, lineInput, roughInput, sweepDefinition, sweepInput, T1, twoReps, WAITS } from "./report-fixtures.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyPoint = Record<string, any>;
type AnyDataset = Record<string, any> & { data: AnyPoint[] };

const datasetsOf = (spec: ChartSpec): AnyDataset[] => (spec.config.data as any).datasets;
const optionsOf = (spec: ChartSpec): Record<string, any> => spec.config.options as Record<string, any>;
const scalesOf = (spec: ChartSpec): Record<string, any> => optionsOf(spec).scales;
/** The cell index of a point, read back from its tooltip title ("cell 4: …"). */
const cellOf = (p: AnyPoint): number => Number(/^cell (\d+)/.exec(p.title)![1]);
const cellsOf = (d: AnyDataset): number[] => d.data.map(cellOf);
const FRONT = "Pareto front (no cell is both cheaper and faster)";
/** The datasets by label (their drawing order is the code's to choose), each label once. */
function byLabel(spec: ChartSpec): Record<string, AnyDataset> {
  const datasets = datasetsOf(spec);
  const labels = datasets.map((d) => String(d.label));
  expect(new Set(labels).size, "one dataset per label").toBe(labels.length);
  return Object.fromEntries(datasets.map((d) => [d.label, d]));
}
/** Where a dataset is in the config, for the tooltip's item. */
const indexOf = (spec: ChartSpec, label: string): number => datasetsOf(spec).findIndex((d) => d.label === label);
const row = (input: SweepReportInput, cell: number): ResultRow => input.rows.find((r) => r.cell === cell)!;
const p99Of = (input: SweepReportInput, cell: number): MetricEstimate => row(input, cell).metrics["queue_wait_p99_s"]!;
const costOf = (input: SweepReportInput, cell: number): MetricEstimate => row(input, cell).metrics["total_cost_usd"]!;

/** What the browser's tooltip shows for one point: the runtime's title and label callbacks on a hydrated copy. */
function tooltip(spec: ChartSpec, datasetIndex: number, index: number): { title: string; label: string | string[] } {
  const config = hydrateChartConfig(structuredClone(spec.config));
  const dataset = config.data.datasets[datasetIndex];
  const raw = dataset.data[index];
  const item = { raw, dataset, datasetIndex, dataIndex: index, parsed: { x: raw.x, y: raw.y }, label: String(raw.x) };
  const callbacks = config.options.plugins.tooltip.callbacks;
  return { title: callbacks.title([item]), label: callbacks.label(item) };
}

/** A config is plain data: it survives JSON (report.html embeds it) unchanged — no undefined, NaN or function. */
function expectPlainData(spec: ChartSpec): void {
  expect(JSON.parse(JSON.stringify(spec.config))).toEqual(spec.config);
  expect(JSON.stringify(spec.config)).not.toMatch(/NaN|Infinity/);
}

describe("the sweep's figures as text (sweep-view)", () => {
  it("formats dollars: 3 significant digits below $1, cents up to $1,000, whole dollars with separators above", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.000123456)).toBe("$0.000123");
    expect(formatCost(0.18)).toBe("$0.18");
    expect(formatCost(0.1)).toBe("$0.10"); // never fewer than two decimals
    expect(formatCost(0.5)).toBe("$0.50");
    expect(formatCost(0.1927062)).toBe("$0.193");
    expect(formatCost(1.5)).toBe("$1.50");
    expect(formatCost(999.994)).toBe("$999.99");
    expect(formatCost(1234.5)).toBe("$1,235");
  });

  it("formats amounts: whole numbers with separators, others to 3 significant digits", () => {
    expect(formatAmount(0)).toBe("0");
    expect(formatAmount(12345)).toBe("12,345");
    expect(formatAmount(2.345678)).toBe("2.35");
    expect(formatAmount(0.0012345)).toBe("0.00123");
    expect(formatAmount(12345.6)).toBe("12,346");
    expect(formatValue(0.5, "number")).toBe("0.5");
  });

  it("formats durations as the run report does", () => {
    expect(formatValue(0, "duration")).toBe("0 s");
    expect(formatValue(0.05, "duration")).toBe("50 ms");
    expect(formatValue(0.0005, "duration")).toBe("500 µs");
    expect(formatValue(2.5, "duration")).toBe("2.50 s");
    expect(formatValue(28, "duration")).toBe("28.0 s");
    expect(formatValue(600, "duration")).toBe("10.0 min");
    expect(formatValue(0.25, "usd")).toBe("$0.25");
  });

  it("gives the mean with its interval, the mean alone when the interval has no width, n/a when missing", () => {
    const e = (mean: number | null, low: number | null, high: number | null): MetricEstimate => ({ mean, ci95Low: low, ci95High: high, values: [] });
    expect(estimateText(e(20, 18.72938, 21.27062), "duration")).toBe("20.0 s (95% CI 18.7 s – 21.3 s)");
    expect(estimateText(e(0.18, 0.167294, 0.192706), "usd")).toBe("$0.18 (95% CI $0.167 – $0.193)");
    expect(estimateText(e(3, 3, 3), "duration")).toBe("3.00 s");
    expect(estimateText(e(3, null, null), "number")).toBe("3");
    expect(estimateText(e(null, null, null), "duration")).toBe("n/a");
    expect(estimateText(null, "usd")).toBe("n/a");
  });

  // Two replications of a small p99 (0.5 s and 1.5 s) give a t interval of 1 ± 6.35 s, whose lower end is below
  // zero: no p99 can be. The bound is clamped at 0 (results.ts), the upper one left as it is.
  it("clamps a 95% lower bound below zero at 0 s, and keeps the upper bound and the values", () => {
    const input = sweepInput(sweepDefinition([{ path: "fleet.instances", values: ["1"] }], { replications: 2 }), [
      [
        { p99: 0.5, cost: 0.01 },
        { p99: 1.5, cost: 0.01 },
      ],
    ]);
    const p99 = p99Of(input, 0);
    expect(p99.ci95Low).toBe(0);
    expect(p99.ci95High).toBeCloseTo(1 + T1 * 0.5, 6);
    expect(p99.values).toEqual([0.5, 1.5]);
    expect(estimateText(p99, "duration")).toBe("1.00 s (95% CI 0 s – 7.35 s)");
  });

  it("words the verdict against the objectives, and names a cell by its parameters", () => {
    const grid = gridInput();
    expect(grid.rows.map(verdictText)).toEqual([
      "misses queueWait.p99<=30s",
      "misses queueWait.p99<=30s",
      "misses queueWait.p99<=30s",
      "meets every SLO (robust)",
      "meets every SLO (robust)",
      "meets every SLO on the mean (a 95% bound misses)",
    ]);
    expect(verdictText(roughInput().rows[0]!)).toBeNull();
    expect(cellTitle(grid.definition, row(grid, 5))).toBe("cell 5: fleet.instances=10, queue.receiveWaitTime=20s");
    const none = dimsInput(0);
    expect(cellTitle(none.definition, none.rows[0]!)).toBe("cell 0");
  });

  it("the fixtures' two-replication half-width is t(0.975, 1) times the spread", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(T1, 9);
  });
});

describe("axisOf", () => {
  it("stays linear up to a 30× span of the positive values, from zero", () => {
    for (const values of [[1, 30], [0, 5], [0, 0, 7], [], [2, 2, 2], [0.5, 15]]) {
      const axis = axisOf(values);
      expect(axis.log, JSON.stringify(values)).toBe(false);
      expect(axis.zeroAt).toBeNull();
      expect(axis.bounds).toEqual({ beginAtZero: true });
      expect(axis.place(0)).toBe(0);
      expect(axis.place(12.5)).toBe(12.5);
    }
  });

  it("goes logarithmic beyond 30×, its foot a power of ten at or below half the smallest positive value", () => {
    const axis = axisOf([1, 30.1]);
    expect(axis).toMatchObject({ log: true, zeroAt: null, bounds: { min: 0.1 } });
    for (const [low, foot] of [
      [0.05, 0.01],
      [7, 1],
      [2, 1],
      [0.3, 0.1],
      [25, 10],
      [0.002, 0.001],
    ] as const) {
      expect(axisOf([low, low * 100]).bounds, `smallest ${low}`).toEqual({ min: foot });
    }
  });

  it("puts zeros (and bounds below the foot) at the foot on a log axis, and says so", () => {
    const axis = axisOf([0, 0.05, 6, 0.5, 0]);
    expect(axis.log).toBe(true);
    expect(axis.zeroAt).toBe(0.01);
    expect(axis.bounds).toEqual({ min: 0.01 });
    expect(axis.place(0)).toBe(0.01);
    expect(axis.place(-3)).toBe(0.01);
    expect(axis.place(0.005)).toBe(0.01);
    expect(axis.place(0.5)).toBe(0.5);
  });
});

describe("paretoChart on the 2 × 3 grid with an SLO", () => {
  const input = gridInput();
  const spec = paretoChart(input)!;
  const datasets = datasetsOf(spec);

  it("has the rows the fixture says: front 1, 0, 4, 3; cells 3, 4, 5 feasible; cell 4 recommended", () => {
    expect(input.rows.map((r) => r.pareto)).toEqual([true, true, false, true, true, false]);
    expect(input.rows.map((r) => r.feasible)).toEqual([false, false, false, true, true, true]);
    expect(input.recommendation?.best?.cell).toBe(4);
  });

  it("draws feasible cells off the front, crosses over EVERY infeasible cell (front ones too), the front, and the star", () => {
    expect(spec.id).toBe("cost-vs-p99");
    expect(spec.config.type).toBe("scatter");
    const d = byLabel(spec);
    expect(Object.keys(d).sort()).toEqual(["cell that meets every SLO", SERIES.sweepInfeasible.label, FRONT, "recommended: cell 4"].sort());
    expect(cellsOf(d["cell that meets every SLO"]!)).toEqual([5]);
    expect(cellsOf(d[SERIES.sweepInfeasible.label]!)).toEqual([0, 1, 2]);
    expect(cellsOf(d[FRONT]!)).toEqual([1, 0, 4, 3]);
    expect(cellsOf(d["recommended: cell 4"]!)).toEqual([4]);
    expect(d["cell that meets every SLO"]!.pointStyle).toBe(SERIES.sweepCell.pointStyle);
    expect(d[SERIES.sweepInfeasible.label]!.pointStyle).toBe(SERIES.sweepInfeasible.pointStyle);
    expect(d[FRONT]!.pointStyle).toBe(SERIES.paretoFront.pointStyle);
    expect(d["recommended: cell 4"]!.pointStyle).toBe(SERIES.recommended.pointStyle);
    // The crosses and the star are drawn over the front's markers, not under them.
    expect(indexOf(spec, SERIES.sweepInfeasible.label)).toBeGreaterThan(indexOf(spec, FRONT));
    expect(indexOf(spec, "recommended: cell 4")).toBe(datasets.length - 1);
  });

  it("draws the front as a staircase through its cells, cheapest first", () => {
    const front = byLabel(spec)[FRONT]!;
    expect(front).toMatchObject({ stepped: "before", showLine: true });
    expect(front.data.map((p) => [p.x, p.y])).toEqual([1, 0, 4, 3].map((c) => [costOf(input, c).mean, p99Of(input, c).mean]));
    expect(front.data.map((p) => p.x)).toEqual([0.07, 0.11, 0.18, 0.21]);
    expect(front.data.map((p) => p.y)).toEqual([50, 40, 20, 10]);
  });

  it("places each point at its means, with both 95% intervals as whiskers", () => {
    const star = byLabel(spec)["recommended: cell 4"]!.data[0]!;
    expect(star).toEqual({
      x: 0.18,
      y: 20,
      xLow: costOf(input, 4).ci95Low,
      xHigh: costOf(input, 4).ci95High,
      yLow: p99Of(input, 4).ci95Low,
      yHigh: p99Of(input, 4).ci95High,
      title: "cell 4: fleet.instances=10, queue.receiveWaitTime=5s",
      label: "queue-wait p99 20.0 s (95% CI 18.7 s – 21.3 s)",
      note: ["total cost $0.18 (95% CI $0.167 – $0.193)", "meets every SLO (robust)", "on the Pareto front"],
    });
    expect(star.xLow).toBeCloseTo(0.18 - T1 * 0.001, 6);
    expect(star.yHigh).toBeCloseTo(20 + T1 * 0.1, 6);
    const five = byLabel(spec)["cell that meets every SLO"]!.data[0]!;
    expect(five.yLow).toBeCloseTo(28 - T1, 6);
    expect(five.yHigh).toBeCloseTo(28 + T1, 6);
  });

  it("stretches both axes over the whiskers' ends (Chart.js sizes them by the points alone), linear from zero", () => {
    const { x, y } = scalesOf(spec);
    expect(x).toMatchObject({ type: "linear", beginAtZero: true });
    expect(y).toMatchObject({ type: "linear", beginAtZero: true });
    // The dearest cell's cost whisker (cell 5) and the slowest cell's p99 whisker (cell 1).
    expect(x.suggestedMax).toBe(costOf(input, 5).ci95High);
    expect(x.suggestedMax).toBeCloseTo(0.25 + T1 * 0.001, 6);
    expect(y.suggestedMax).toBe(p99Of(input, 1).ci95High);
    expect(y.suggestedMax).toBeCloseTo(50 + T1 * 0.1, 6);
    expect(optionsOf(spec).plugins.sqsSimAxes).toEqual({ x: { kind: "usd" }, y: { kind: "duration" } });
  });

  it("says what it shows in its subtitle and how to read it", () => {
    expect(optionsOf(spec).plugins.title.text).toBe("Cost vs queue-wait p99 — grid sweep");
    expect(optionsOf(spec).plugins.subtitle.text).toBe("6 cells, mean of 2 replications each · whiskers: 95% confidence intervals");
    expect(spec.howToRead).toMatch(/Grey crosses miss at least one SLO/);
  });

  it("gives each point a tooltip: the cell, its p99 with interval, then cost, verdict and front", () => {
    expect(tooltip(spec, indexOf(spec, "recommended: cell 4"), 0)).toEqual({
      title: "cell 4: fleet.instances=10, queue.receiveWaitTime=5s",
      label: ["queue-wait p99 20.0 s (95% CI 18.7 s – 21.3 s)", "total cost $0.18 (95% CI $0.167 – $0.193)", "meets every SLO (robust)", "on the Pareto front"],
    });
    expect(tooltip(spec, indexOf(spec, "cell that meets every SLO"), 0)).toEqual({
      title: "cell 5: fleet.instances=10, queue.receiveWaitTime=20s",
      label: [
        "queue-wait p99 28.0 s (95% CI 15.3 s – 40.7 s)",
        "total cost $0.25 (95% CI $0.237 – $0.263)",
        "meets every SLO on the mean (a 95% bound misses)",
      ],
    });
    // Cell 1, crossed: infeasible, and on the front.
    expect(tooltip(spec, indexOf(spec, SERIES.sweepInfeasible.label), 1).label).toEqual([
      "queue-wait p99 50.0 s (95% CI 48.7 s – 51.3 s)",
      "total cost $0.07 (95% CI $0.0573 – $0.0827)",
      "misses queueWait.p99<=30s",
      "on the Pareto front",
    ]);
  });

  it("is plain data", () => expectPlainData(spec));

  it("has no crosses when every cell is feasible, and no star without a recommendation", () => {
    const easy = gridInput({ slos: ["queueWait.p99<=1h"] });
    expect(Object.keys(byLabel(paretoChart(easy)!)).sort()).toEqual(["cell that meets every SLO", FRONT, "recommended: cell 1"].sort());
    const none = gridInput({ slos: [] });
    const noSlo = paretoChart(none)!;
    const d = byLabel(noSlo);
    expect(Object.keys(d).sort()).toEqual(["cell", FRONT].sort());
    expect(cellsOf(d["cell"]!)).toEqual([2, 5]);
    expect(cellsOf(d[FRONT]!)).toEqual([1, 0, 4, 3]);
    expect(noSlo.howToRead).not.toMatch(/SLO/);
    // No note repeats a verdict that does not exist.
    expect(d["cell"]!.data[0]!.note).toEqual(["total cost $0.12 (95% CI $0.107 – $0.133)"]);
  });
});

describe("paretoChart with zeros, a 120× span, one replication and a missing figure", () => {
  const input = roughInput();
  const spec = paretoChart(input)!;
  const datasets = datasetsOf(spec);

  it("leaves out the cell without a p99, and draws the others", () => {
    expect(input.rows.map((r) => r.pareto)).toEqual([true, true, false, false, false, false]);
    const d = byLabel(spec);
    expect(Object.keys(d).sort()).toEqual(["cell", FRONT].sort());
    expect(cellsOf(d["cell"]!)).toEqual([2, 3, 4]);
    expect(cellsOf(d[FRONT]!)).toEqual([0, 1]);
    expect(datasets.flatMap((d) => d.data).some((p) => p.title.startsWith("cell 5"))).toBe(false);
  });

  it("puts p99 on a log axis whose foot (0.01 s) carries the zeros; cost stays linear", () => {
    const { x, y } = scalesOf(spec);
    expect(y.type).toBe("logarithmic");
    expect(y.min).toBe(0.01);
    expect(y.beginAtZero).toBeUndefined();
    expect(y.suggestedMax).toBe(6);
    expect(x).toMatchObject({ type: "linear", beginAtZero: true, suggestedMax: 0.06 });
    const yOf = new Map(datasets.flatMap((d) => d.data).map((p) => [cellOf(p), p.y]));
    expect([0, 1, 2, 3, 4].map((c) => yOf.get(c))).toEqual([0.05, 0.01, 0.01, 6, 0.5]);
    expect(optionsOf(spec).plugins.sqsSimAxes.y).toMatchObject({ kind: "duration", logTicks: [1, 2, 5] });
    expect(optionsOf(spec).plugins.subtitle.text).toBe(
      "6 cells, mean of 1 replication each · one replication: no interval · p99 on a log scale · a p99 of 0 is drawn at the axis's foot",
    );
  });

  it("labels the foot's tick 0, and the other log ticks at 1-2-5 only", () => {
    const config = hydrateChartConfig(structuredClone(spec.config));
    const ticks = [0.01, 0.02, 0.03, 0.05, 0.1, 1, 2, 6].map((value) => ({ value }));
    const tick = (v: number): string => config.options.scales.y.ticks.callback(v, 0, ticks);
    expect([0.01, 0.02, 0.03, 0.05, 0.1, 2].map(tick)).toEqual(["0", "20 ms", "", "50 ms", "100 ms", "2 s"]);
  });

  it("has no whiskers with one replication", () => {
    for (const p of datasets.flatMap((d) => d.data)) expect(Object.keys(p).sort()).toEqual(["label", "note", "title", "x", "y"]);
  });

  it("still says 0 s in the tooltip of a zero drawn at the foot", () => {
    expect(tooltip(spec, indexOf(spec, "cell"), 0)).toEqual({
      title: "cell 2: producers.orders.rate=10, fleet.instances=4",
      label: ["queue-wait p99 0 s", "total cost $0.05"],
    });
    expect(tooltip(spec, indexOf(spec, FRONT), 1)).toEqual({
      title: "cell 1: producers.orders.rate=10, fleet.instances=2",
      label: ["queue-wait p99 0 s", "total cost $0.03", "on the Pareto front"],
    });
  });

  it("is plain data", () => expectPlainData(spec));

  it("stops a whisker that reaches below the foot (here to zero) at the foot, and says the bound in the tooltip", () => {
    // p99 0 s and 0.1 s: mean 50 ms, 95% interval 0.05 ± 0.635 s; p99 5.9 s and 6.1 s: mean 6 s. Log axis, foot 10 ms.
    const definition = sweepDefinition([{ path: "fleet.instances", values: ["1", "2"] }], { replications: 2 });
    const input = sweepInput(definition, [
      [
        { p99: 0, cost: 0.02 },
        { p99: 0.1, cost: 0.02 },
      ],
      [
        { p99: 5.9, cost: 0.01 },
        { p99: 6.1, cost: 0.01 },
      ],
    ]);
    const spec = paretoChart(input)!;
    expect(scalesOf(spec).y).toMatchObject({ type: "logarithmic", min: 0.01 });
    const first = datasetsOf(spec)
      .flatMap((d) => d.data)
      .find((p) => cellOf(p) === 0)!;
    expect(p99Of(input, 0).ci95Low).toBe(0); // the t interval's −585 ms, clamped
    expect(first).toMatchObject({ y: 0.05, yLow: 0.01, yLowOpen: true, yHigh: p99Of(input, 0).ci95High }); // cut: no cap
    expect(first.label).toBe("queue-wait p99 50 ms (95% CI 0 s – 685 ms)");
    expect(first.xLow).toBeUndefined(); // equal costs: no horizontal whisker
    const second = datasetsOf(spec)
      .flatMap((d) => d.data)
      .find((p) => cellOf(p) === 1)!;
    expect(second.yLowOpen).toBeUndefined(); // 4.63 s: shown whole, with its cap
  });

  it("lowers the foot to show a positive lower bound below the smallest mean (at most 3 decades), and cuts lower ones", () => {
    // Means 0.5 s and 60 s (log); the first cell's interval reaches down to 42 ms: the foot goes to 0.01, not 0.1.
    expect(axisOf([0.5, 60], [0.042, 50]).bounds).toEqual({ min: 0.01 });
    expect(axisOf([0.5, 60], [0.042, 50]).placeLow(0.042)).toEqual({ at: 0.042, open: false });
    expect(axisOf([0.5, 60], [1e-9]).bounds).toEqual({ min: 0.0001 }); // 3 decades below the values' own foot (0.1)
    expect(axisOf([0.5, 60], [1e-9]).placeLow(1e-9)).toEqual({ at: 0.0001, open: true });
    expect(axisOf([0.5, 0.6], [-1]).placeLow(-1)).toEqual({ at: 0, open: true }); // linear: cut at 0
  });

  it("draws a point at the foot whole (datasets may overflow the plot by a few pixels)", () => {
    for (const d of datasetsOf(paretoChart(roughInput())!)) expect(d.clip).toBe(10);
  });

  it("is null when no cell has both figures", () => {
    const definition = sweepDefinition([{ path: "fleet.instances", values: ["1", "2"] }], { replications: 1 });
    expect(paretoChart(sweepInput(definition, [[{ p99: null, cost: 0.1 }], [{ p99: 3, cost: null }]]))).toBeNull();
  });

  it(`leaves the whiskers out above ${WHISKERED_CELLS} cells, and says so; the tooltips keep the intervals`, () => {
    const sized = (n: number) => {
      const values = Array.from({ length: n }, (_, i) => String(i + 1));
      const definition = sweepDefinition([{ path: "fleet.instances", values }]);
      return paretoChart(
        sweepInput(
          definition,
          values.map((_, i) => twoReps(10 + i, 0.01 * (i + 1))),
        ),
      )!;
    };
    const whiskered = datasetsOf(sized(WHISKERED_CELLS)).flatMap((d) => d.data);
    expect(whiskered.every((p) => typeof p.yLow === "number" && typeof p.xHigh === "number")).toBe(true);
    const spec = sized(WHISKERED_CELLS + 1);
    const bare = datasetsOf(spec).flatMap((d) => d.data);
    expect(bare.some((p) => "yLow" in p || "yHigh" in p || "xLow" in p || "xHigh" in p)).toBe(false);
    expect(optionsOf(spec).plugins.subtitle.text).toContain(`no whiskers above ${WHISKERED_CELLS} cells (intervals in the tooltips)`);
    expect(bare[0]!.label).toMatch(/95% CI/);
  });

  // Above NOTED_CELLS the points go without their notes (report.html would get heavy), but a tooltip must still
  // give the point's p99 as measured: on a log axis a zero sits at the foot and most values are between the ticks.
  it(`drops the notes above ${NOTED_CELLS} cells, and the tooltip still gives each point's p99`, () => {
    const values = Array.from({ length: NOTED_CELLS + 1 }, (_, i) => String(i + 1));
    const definition = sweepDefinition([{ path: "fleet.instances", values }], { replications: 1 });
    // p99 0 for the first cell, then 100 s / i: 100 s down to 50 ms, a log axis with a zero at its foot.
    const big = sweepInput(
      definition,
      values.map((_, i) => [{ p99: i === 0 ? 0 : 100 / i, cost: 0.01 * (i + 1) }]),
    );
    const spec = paretoChart(big)!;
    expect(scalesOf(spec).y.type).toBe("logarithmic");
    const points = datasetsOf(spec).flatMap((d) => d.data);
    expect(points).toHaveLength(NOTED_CELLS + 1);
    for (const p of points) expect(p.note).toBeUndefined();
    const lineOf = (label: string | string[]): string => (Array.isArray(label) ? label[0]! : label);
    for (const cell of [0, 1, 3, 7, 270, 2000]) {
      const d = datasetsOf(spec).findIndex((ds) => ds.data.some((p) => cellOf(p) === cell));
      const t = tooltip(
        spec,
        d,
        datasetsOf(spec)[d]!.data.findIndex((p) => cellOf(p) === cell),
      );
      expect(t.title).toBe(`cell ${cell}: fleet.instances=${cell + 1}`);
      const p99 = formatValue(cell === 0 ? 0 : Number((100 / cell).toFixed(6)), "duration");
      expect(lineOf(t.label), `cell ${cell}`).toMatch(new RegExp(`(^|[\\s:])${p99.replace(/\./g, "\\.")}$`));
    }
  });
});

describe("heatmapCharts on the 2 × 3 grid", () => {
  const input = gridInput();
  const [p99Map, costMap] = heatmapCharts(input);
  type Cell = { xi: number; yi: number; color: string; text: string; textColor: string; hatch?: boolean; outline?: boolean };
  const cellsOfMap = (spec: ChartSpec): Cell[] => optionsOf(spec).plugins.sqsSimHeatmap.cells;

  it("makes two heatmaps: queue-wait p99 and total cost", () => {
    expect(heatmapCharts(input).map((s) => s.id)).toEqual(["heatmap-queue-wait-p99", "heatmap-total-cost"]);
    expect(optionsOf(p99Map!).plugins.title.text).toMatch(/^Queue-wait p99\b.* — grid sweep$/);
    expect(optionsOf(costMap!).plugins.title.text).toMatch(/^Total cost\b.* — grid sweep$/);
    expect(optionsOf(p99Map!).plugins.subtitle.text).toBe("mean of 2 replications per cell · hatched: misses an SLO · outlined: recommended");
  });

  it("puts the second --vary along the bottom (xi) and the first up the side (yi), first value at the bottom", () => {
    const { x, y } = scalesOf(p99Map!);
    expect(x).toMatchObject({ type: "category", labels: WAITS, reverse: false, title: { text: "queue.receiveWaitTime" } });
    expect(y).toMatchObject({ type: "category", labels: INSTANCES, reverse: true, title: { text: "fleet.instances" } });
    expect(cellsOfMap(p99Map!).map((c) => [c.xi, c.yi])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it("colours each cell by its mean on viridis (linear: 10 s to 50 s span 5×), prints the mean, picks a readable text colour", () => {
    expect(cellsOfMap(p99Map!).map((c) => c.text)).toEqual(["40.0 s", "50.0 s", "45.0 s", "10.0 s", "20.0 s", "28.0 s"]);
    // Positions (mean − 10) / 40: 0.75, 1, 0.875, 0, 0.25, 0.45 along the key's 8 segments.
    const colors = cellsOfMap(p99Map!).map((c) => c.color);
    expect(colors[3]).toBe(COLOR_KEY[0]); // the lowest, light yellow
    expect(colors[1]).toBe(COLOR_KEY[8]); // the highest, dark purple
    expect(colors[0]).toBe(COLOR_KEY[6]);
    expect(colors[4]).toBe(COLOR_KEY[2]);
    expect(colors).toEqual(["#3b528b", "#440154", "#472d7b", "#fde725", "#5ec962", "#249d87"]);
    expect(cellsOfMap(p99Map!).map((c) => c.textColor)).toEqual(["#ffffff", "#ffffff", "#ffffff", "#000000", "#000000", "#000000"]);
    expect(optionsOf(p99Map!).plugins.sqsSimHeatmap.colorBar).toEqual({
      title: "queue-wait p99 (mean)",
      colors: [...COLOR_KEY],
      low: "10.0 s",
      high: "50.0 s",
    });
  });

  it("hatches exactly the cells that miss an SLO and outlines exactly the recommended one", () => {
    for (const spec of [p99Map!, costMap!]) {
      const cells = cellsOfMap(spec);
      expect(cells.map((c) => c.hatch === true)).toEqual([true, true, true, false, false, false]);
      expect(cells.map((c) => c.outline === true)).toEqual([false, false, false, false, true, false]);
      expect(cells.every((c) => c.hatch !== false && c.outline !== false)).toBe(true); // absent, not false
    }
  });

  it("colours the cost map by cost", () => {
    const cells = cellsOfMap(costMap!);
    expect(cells.map((c) => c.text)).toEqual(["$0.11", "$0.07", "$0.12", "$0.21", "$0.18", "$0.25"]);
    expect(cells[1]!.color).toBe(COLOR_KEY[0]);
    expect(cells[5]!.color).toBe(COLOR_KEY[8]);
    expect(optionsOf(costMap!).plugins.sqsSimHeatmap.colorBar).toMatchObject({ title: "total cost (mean)", low: "$0.07", high: "$0.25" });
  });

  it("places a tooltip point on each square by its labels, titled with the cell", () => {
    const points = datasetsOf(p99Map!)[0]!.data;
    expect(points.map((p) => [p.x, p.y, cellOf(p)])).toEqual([0, 1, 2, 3, 4, 5].map((c) => [WAITS[c % 3], INSTANCES[Math.floor(c / 3)], c]));
    expect(tooltip(p99Map!, 0, 5)).toEqual({
      title: "cell 5: fleet.instances=10, queue.receiveWaitTime=20s",
      label: ["queue-wait p99: 28.0 s (95% CI 15.3 s – 40.7 s)", "meets every SLO on the mean (a 95% bound misses)"],
    });
    expect(tooltip(costMap!, 0, 4)).toEqual({
      title: "cell 4: fleet.instances=10, queue.receiveWaitTime=5s",
      label: ["total cost: $0.18 (95% CI $0.167 – $0.193)", "meets every SLO (robust)", "recommended"],
    });
  });

  it("is plain data", () => {
    expectPlainData(p99Map!);
    expectPlainData(costMap!);
  });
});

describe("heatmapCharts with zeros, a missing figure and one replication", () => {
  const [p99Map, costMap] = heatmapCharts(roughInput());
  const cells = optionsOf(p99Map!).plugins.sqsSimHeatmap.cells as Record<string, unknown>[];

  it("puts colours on a log scale (0.05 s to 6 s), zeros in the lowest colour, the missing cell grey and n/a", () => {
    expect(cells.map((c) => c.text)).toEqual(["50 ms", "0 s", "0 s", "6.00 s", "500 ms", "n/a"]);
    expect(cells.map((c) => c.color)).toEqual([COLOR_KEY[0], COLOR_KEY[0], COLOR_KEY[0], COLOR_KEY[8], cells[4]!.color, "#d9dce1"]);
    expect(cells[4]!.color).not.toBe(COLOR_KEY[0]);
    expect(cells[5]).toEqual({ xi: 2, yi: 1, color: "#d9dce1", text: "n/a", textColor: "#000000" });
    expect(optionsOf(p99Map!).plugins.subtitle.text).toBe("mean of 1 replication per cell · colours on a log scale");
    expect(optionsOf(p99Map!).plugins.sqsSimHeatmap.colorBar).toMatchObject({ low: "0 s", high: "6.00 s" });
    expect(p99Map!.howToRead).not.toMatch(/Hatched/);
  });

  it("hatches and outlines nothing without an SLO", () => {
    for (const c of cells) expect(c.hatch === undefined && c.outline === undefined).toBe(true);
  });

  it("says n/a in the missing cell's tooltip, and the cost map still has every cell", () => {
    expect(tooltip(p99Map!, 0, 5)).toEqual({ title: "cell 5: producers.orders.rate=100, fleet.instances=4", label: ["queue-wait p99: n/a"] });
    expect(tooltip(p99Map!, 0, 1).label).toEqual(["queue-wait p99: 0 s"]);
    const costCells = optionsOf(costMap!).plugins.sqsSimHeatmap.cells as Record<string, unknown>[];
    expect(costCells.map((c) => c.text)).toEqual(["$0.02", "$0.03", "$0.05", "$0.04", "$0.06", "$0.09"]);
  });

  it("leaves out a heatmap whose figure no cell has", () => {
    const definition = sweepDefinition(
      [
        { path: "a.b", values: ["1", "2"] },
        { path: "c.d", values: ["1"] },
      ],
      { replications: 1 },
    );
    const input = sweepInput(definition, [[{ p99: null, cost: 0.1 }], [{ p99: null, cost: 0.2 }]]);
    expect(heatmapCharts(input).map((s) => s.id)).toEqual(["heatmap-total-cost"]);
  });
});

describe("parameterChart on one --vary", () => {
  const input = lineInput();
  const spec = parameterChart(input)!;
  const datasets = datasetsOf(spec);

  it("draws p99 (left) and cost (right) in --vary order, and a level line per upper limit on the p99", () => {
    expect(spec.id).toBe("by-parameter");
    expect(spec.config.type).toBe("line");
    expect((spec.config.data as any).labels).toEqual(["4", "1", "2", "8"]);
    expect(datasets.map((d) => [d.label, d.yAxisID])).toEqual([
      ["queue-wait p99 (mean)", "y"],
      ["total cost (mean)", "y2"],
      ["SLO queueWait.p99<=30s", "y"],
      ["SLO queueWait.p99<45s", "y"],
    ]);
    expect(datasets[0]!.data.map((p) => [p.x, p.y])).toEqual([
      ["4", 12],
      ["1", 60],
      ["2", 25],
      ["8", null],
    ]);
    expect(datasets[1]!.data.map((p) => [p.x, p.y])).toEqual([
      ["4", 0.45],
      ["1", 0.15],
      ["2", 0.25],
      ["8", 0.85],
    ]);
    expect(datasets[2]!.data).toEqual([
      { x: "4", y: 30 },
      { x: "8", y: 30 },
    ]);
    expect(datasets[3]!.data).toEqual([
      { x: "4", y: 45 },
      { x: "8", y: 45 },
    ]);
    expect(scalesOf(spec).x).toMatchObject({ type: "category", labels: ["4", "1", "2", "8"], title: { text: "fleet.instances" } });
    expect(scalesOf(spec).y.type).toBe("linear");
  });

  it("puts the missing p99 as a gap, and whiskers on the others", () => {
    expect(datasets[0]!.data[3]).toEqual({ x: "8", y: null });
    const four = datasets[0]!.data[0]!;
    expect(four.yLow).toBe(p99Of(input, 0).ci95Low);
    expect(four.yHigh).toBe(p99Of(input, 0).ci95High);
    expect(four.yHigh).toBeCloseTo(12 + T1 * 0.1, 6);
    expect(datasets[1]!.data[0]!.yLow).toBeCloseTo(0.45 - T1 * 0.001, 6);
  });

  it("gives each point a tooltip with its interval and verdict", () => {
    expect(tooltip(spec, 0, 1)).toEqual({
      title: "cell 1: fleet.instances=1",
      label: ["queue-wait p99: 60.0 s (95% CI 58.7 s – 61.3 s)", "misses queueWait.p99<=30s, queueWait.p99<45s"],
    });
    expect(tooltip(spec, 1, 1)).toEqual({
      title: "cell 1: fleet.instances=1",
      label: ["total cost: $0.15 (95% CI $0.137 – $0.163)", "misses queueWait.p99<=30s, queueWait.p99<45s"],
    });
    expect(tooltip(spec, 1, 2).label).toEqual(["total cost: $0.25 (95% CI $0.237 – $0.263)", "meets every SLO (robust)"]);
  });

  // The whiskers are drawn by a plugin clamped to the plot area; Chart.js sizes the axes by the points alone (the
  // scatter sets suggestedMax for this reason). Here the slowest value's p99 whisker reaches 61.3 s and the dearest
  // value's cost whisker $0.863, above the highest points (60 s, $0.85): without a bound the whiskers are cut off.
  it("stretches both value axes over the whiskers' ends", () => {
    const { y, y2 } = scalesOf(spec);
    const top = (ds: AnyDataset): number => Math.max(...ds.data.map((p) => Number(p.yHigh ?? p.y ?? 0)));
    expect(top(datasets[0]!)).toBeCloseTo(60 + T1 * 0.1, 6);
    expect(Number(y.suggestedMax ?? y.max ?? Number.NaN)).toBeGreaterThanOrEqual(top(datasets[0]!));
    expect(Number(y2.suggestedMax ?? y2.max ?? Number.NaN)).toBeGreaterThanOrEqual(top(datasets[1]!));
  });

  it("is plain data", () => expectPlainData(spec));

  it("uses a log p99 axis with its foot when the p99s span more than 30×, the zero at the foot", () => {
    const definition = sweepDefinition([{ path: "fleet.instances", values: ["1", "2", "4"] }], { replications: 1, slos: ["queueWait.p99<=1s"] });
    const wide = parameterChart(sweepInput(definition, [[{ p99: 6, cost: 0.1 }], [{ p99: 0.05, cost: 0.2 }], [{ p99: 0, cost: 0.4 }]]))!;
    const y = scalesOf(wide).y;
    expect(y.type).toBe("logarithmic");
    expect(y.min).toBe(0.01);
    expect(datasetsOf(wide)[0]!.data.map((p) => p.y)).toEqual([6, 0.05, 0.01]);
    expect(datasetsOf(wide)[0]!.data[2]!.label).toBe("queue-wait p99: 0 s");
    expect(optionsOf(wide).plugins.subtitle.text).toBe("mean of 1 replication per value · p99 on a log scale · a p99 of 0 is drawn at the axis's foot");
    expect(datasetsOf(wide).map((d) => d.label)).toEqual(["queue-wait p99 (mean)", "total cost (mean)", "SLO queueWait.p99<=1s"]);
  });
});

describe("buildSweepCharts", () => {
  it("gives the scatter to every sweep, the chart by parameter to one --vary, heatmaps to two, the scatter alone to three", () => {
    expect(buildSweepCharts(dimsInput(0)).map((s) => s.id)).toEqual(["cost-vs-p99"]);
    expect(buildSweepCharts(dimsInput(1)).map((s) => s.id)).toEqual(["cost-vs-p99", "by-parameter"]);
    expect(buildSweepCharts(dimsInput(2)).map((s) => s.id)).toEqual(["cost-vs-p99", "heatmap-queue-wait-p99", "heatmap-total-cost"]);
    expect(buildSweepCharts(dimsInput(3)).map((s) => s.id)).toEqual(["cost-vs-p99"]);
    expect(parameterChart(dimsInput(2))).toBeNull();
    expect(heatmapCharts(dimsInput(1))).toEqual([]);
    expect(heatmapCharts(dimsInput(3))).toEqual([]);
  });

  it("has one point per cell in the scatter whatever the number of parameters", () => {
    for (const dims of [0, 1, 2, 3]) {
      const input = dimsInput(dims);
      const points = datasetsOf(buildSweepCharts(input)[0]!).flatMap((d) => d.data);
      expect(new Set(points.map(cellOf)), `${dims} dimensions`).toEqual(new Set(input.rows.map((r) => r.cell)));
    }
  });
});

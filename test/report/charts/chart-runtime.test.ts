// hydrateChartConfig: the tick and tooltip formats it installs, its annotation plugin, and its source standing alone.
import { describe, expect, it } from "vitest";
import { type AxisFormat } from "../../../src/report/charts/chart-spec.js";
import { hydrateChartConfig } from "../../../src/report/charts/chart-runtime.js";
import { buildCharts } from "../../../src/report/charts/index.js";
import { durationStepS, maxY, timeAxis } from "../../../src/report/charts/time-axis.js";
import { chartById, DELAY_DLQ_YAML, FIXED_YAML, isTimeChart, optionsOf, runYaml } from "./fixtures.js";

type Hydrate = (config: any) => any;
const START = Date.parse("2026-11-20T09:00:00Z");

/** A hydrated config with one format per scale id. */
function hydrated(axes: Record<string, AxisFormat>, hydrate: Hydrate = hydrateChartConfig): any {
  return hydrate({ type: "line", data: { datasets: [] }, options: { plugins: { sqsSimAxes: axes } } });
}
const tick = (f: AxisFormat, value: number, hydrate: Hydrate = hydrateChartConfig): string =>
  hydrated({ x: f }, hydrate).options.scales.x.ticks.callback(value);

describe("hydrateChartConfig number formats", () => {
  it("formats elapsed time in the axis unit", () => {
    expect(tick({ kind: "elapsed", unit: "s" }, 30)).toBe("30 s");
    expect(tick({ kind: "elapsed", unit: "min" }, 90)).toBe("1.5 min");
    expect(tick({ kind: "elapsed", unit: "min" }, 600)).toBe("10 min");
    expect(tick({ kind: "elapsed", unit: "d" }, 129_600)).toBe("1.5 d");
  });

  it("formats elapsed hours as h:mm", () => {
    expect(tick({ kind: "elapsed", unit: "h" }, 0)).toBe("0:00");
    expect(tick({ kind: "elapsed", unit: "h" }, 5400)).toBe("1:30");
    expect(tick({ kind: "elapsed", unit: "h" }, 36_000 + 300)).toBe("10:05");
    expect(tick({ kind: "elapsed", unit: "h" }, 3600 + 29)).toBe("1:00");
  });

  // Regression test for a bug the first version of the charts had.
  it("formats elapsed hours as h:mm without ever showing 60 minutes", () => {
    for (const [v, label] of [
      [3590, "1:00"],
      [7170, "2:00"],
    ] as const) {
      expect(tick({ kind: "elapsed", unit: "h" }, v)).toMatch(/^\d+:[0-5]\d$/);
      expect([label, label.replace(/^(\d+):00$/, (_, h: string) => `${Number(h) - 1}:59`)]).toContain(tick({ kind: "elapsed", unit: "h" }, v));
    }
  });

  it("puts clock-time ticks on round clock times, not on the run's own offset", () => {
    const start = Date.parse("2026-11-20T09:07:30Z");
    const f: AxisFormat = { kind: "elapsed", unit: "min", startEpochMs: start };
    const x = hydrated({ x: f }).options.scales.x;
    const ticksFor = (min: number, max: number, stepSize?: number): string[] => {
      const axis = { min, max, options: { ticks: stepSize === undefined ? {} : { stepSize } }, ticks: [{ value: min }] };
      x.afterBuildTicks(axis);
      return axis.ticks.map((t: { value: number }) => x.ticks.callback(t.value));
    };
    expect(ticksFor(0, 3600, 900)).toEqual(["09:15", "09:30", "09:45", "10:00"]);
    expect(ticksFor(0, 7200, 3600)).toEqual(["10:00", "11:00"]);
    expect(ticksFor(600, 1500, 300)).toEqual(["09:20", "09:25", "09:30"]); // from the axis's own min
    expect(ticksFor(0, 3600)).toEqual(["09:07"]); // no step (a zoomed axis): Chart.js's ticks stay
    // Without a start time the ticks are Chart.js's own (elapsed time is round already).
    expect(hydrated({ x: { kind: "elapsed", unit: "min" } }).options.scales.x.afterBuildTicks).toBeUndefined();
  });

  it("formats elapsed time as UTC clock time when startEpochMs is set, with the date when asked (runs across midnight)", () => {
    expect(tick({ kind: "elapsed", unit: "min", startEpochMs: START }, 0)).toBe("09:00");
    expect(tick({ kind: "elapsed", unit: "min", startEpochMs: START }, 5400)).toBe("10:30");
    expect(tick({ kind: "elapsed", unit: "h", startEpochMs: START }, 15 * 3600 + 59)).toBe("00:00");
    expect(tick({ kind: "elapsed", unit: "d", startEpochMs: START, withDate: true }, 86_400)).toBe("11-21 09:00");
    expect(tick({ kind: "elapsed", unit: "h", startEpochMs: START, withDate: true }, 15 * 3600)).toBe("11-21 00:00");
    expect(tick({ kind: "elapsed", unit: "d", startEpochMs: START, withDate: false }, 86_400)).toBe("09:00");
  });

  it("formats durations in the unit people read: 250 ms, 4.2 s, 3 min", () => {
    const d: AxisFormat = { kind: "duration" };
    expect(tick(d, 0)).toBe("0");
    expect(tick(d, 0.0042)).toBe("4.2 ms");
    expect(tick(d, 0.25)).toBe("250 ms");
    expect(tick(d, 4.2)).toBe("4.2 s");
    expect(tick(d, 4.2)).not.toBe("4.20 s");
    expect(tick(d, 45)).toBe("45 s");
    expect(tick(d, 180)).toBe("3 min");
    expect(tick(d, 5400)).toBe("90 min");
    expect(tick(d, 9000)).toBe("2.5 h");
    expect(tick(d, 3 * 86_400)).toBe("3 d");
    expect(tick(d, 0.0000025)).toBe("3 µs");
  });

  it("gives dollar ticks the decimals their spacing needs, and labels a log axis at 1-2-5 only", () => {
    const callback = hydrated({ x: { kind: "usd" } }).options.scales.x.ticks.callback;
    const zoomed = [0.04, 0.042, 0.044, 0.046].map((value) => ({ value }));
    expect(zoomed.map((t) => callback(t.value, 0, zoomed))).toEqual(["$0.040", "$0.042", "$0.044", "$0.046"]);
    const cents = [0, 0.5, 1, 1.5].map((value) => ({ value }));
    expect(cents.map((t) => callback(t.value, 0, cents))).toEqual(["$0.00", "$0.50", "$1.00", "$1.50"]);
    const log: AxisFormat = { kind: "usd", logTicks: [1, 2, 5] };
    expect([0.001, 0.002, 0.003, 0.005, 0.006, 0.02, 0.5, 2].map((v) => tick(log, v))).toEqual([
      "$0.001",
      "$0.002",
      "",
      "$0.005",
      "",
      "$0.02",
      "$0.50",
      "$2.00",
    ]);
  });

  it("describes a point drawn by two datasets (same title) once in a tooltip; points without a title are all kept", () => {
    const filter = hydrated({}).options.plugins.tooltip.filter;
    const items = [{ raw: { title: "cell 1" } }, { raw: { title: "cell 1" } }, { raw: { title: "cell 2" } }, { raw: { x: 1 } }, { raw: { x: 1 } }];
    expect(items.map((item, i) => filter(item, i, items))).toEqual([true, false, true, true, true]);
  });

  it("formats USD, percentages and counts", () => {
    expect(tick({ kind: "usd" }, 12.5)).toBe("$12.50");
    expect(tick({ kind: "usd" }, 0)).toBe("$0.00");
    expect(tick({ kind: "usd" }, 0.0123)).toBe("$0.0123");
    expect(tick({ kind: "percent" }, 99.25)).toBe("99.3%");
    expect(tick({ kind: "percent" }, 50)).toBe("50%");
    expect(tick({ kind: "count" }, 3)).toBe("3");
    expect(tick({ kind: "count" }, 12.5)).toBe("12.5");
    expect(tick({ kind: "count" }, 1234.6)).toBe("1,235");
    expect(tick({ kind: "count" }, 2_500_000)).toBe("2,500,000");
  });

  it("labels only the listed mantissas on a log axis", () => {
    const only1: AxisFormat = { kind: "duration", logTicks: [1] };
    expect(tick(only1, 0.001)).toBe("1 ms");
    expect(tick(only1, 0.002)).toBe("");
    expect(tick(only1, 0.005)).toBe("");
    expect(tick(only1, 20)).toBe("");
    expect(tick(only1, 10)).toBe("10 s");
    expect(tick(only1, 100)).toBe("100 s");
    const x125: AxisFormat = { kind: "duration", logTicks: [1, 2, 5] };
    expect([0.001, 0.002, 0.003, 0.005, 0.007].map((v) => tick(x125, v))).toEqual(["1 ms", "2 ms", "", "5 ms", ""]);
  });

  it("passes values that are not finite numbers through as text", () => {
    expect(tick({ kind: "duration" }, NaN)).toBe("NaN");
  });
});

describe("hydrateChartConfig tooltips and plugin", () => {
  const config = hydrated({ x: { kind: "elapsed", unit: "min" }, y: { kind: "count" }, rate: { kind: "duration" } });
  const callbacks = config.options.plugins.tooltip.callbacks;

  it("titles a tooltip with the x value in the x format", () => {
    expect(callbacks.title([{ dataset: {}, parsed: { x: 90, y: 1 }, label: "90" }])).toBe("1.5 min");
    expect(callbacks.title([])).toBe("");
    const plain = hydrateChartConfig({ options: {} });
    expect(plain.options.plugins.tooltip.callbacks.title([{ dataset: {}, parsed: { x: 5 }, label: "five" }])).toBe("five");
  });

  it("labels a tooltip with the dataset, the value in its axis's format, and the point's note", () => {
    const raw = { x: 840, y: 12, note: "TargetTracking-1: 1 → 12. reason" };
    expect(callbacks.label({ dataset: { label: "scale-out activity (3)", yAxisID: "y" }, parsed: { x: 840, y: 12 }, raw })).toBe(
      "scale-out activity (3): 12 — TargetTracking-1: 1 → 12. reason",
    );
    expect(callbacks.label({ dataset: { label: "visible" }, parsed: { x: 60, y: 1500 }, raw: { x: 60, y: 1500 } })).toBe("visible: 1,500");
    expect(callbacks.label({ dataset: { label: "p99", yAxisID: "rate" }, parsed: { x: 60, y: 0.25 }, raw: 0.25 })).toBe("p99: 250 ms");
    expect(callbacks.label({ dataset: { label: "other", yAxisID: "nope" }, parsed: { x: 60, y: 0.25 }, raw: {} })).toBe("other: 0.25");
  });

  it("installs tick callbacks on every scale with a format and leaves other scales' ticks alone", () => {
    const c = hydrateChartConfig({
      options: { scales: { x: { ticks: { stepSize: 60 } }, z: { ticks: { stepSize: 1 } } }, plugins: { sqsSimAxes: { x: { kind: "count" } } } },
    });
    expect(c.options.scales.x.ticks.stepSize).toBe(60);
    expect(typeof c.options.scales.x.ticks.callback).toBe("function");
    expect(c.options.scales.z.ticks.callback).toBeUndefined();
  });

  it("adds the annotation plugin, which draws bands and lines at the x scale's pixels", () => {
    const plugin = config.plugins.find((p: { id: string }) => p.id === "sqsSimAnnotations");
    expect(plugin).toBeDefined();
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (target, key: string) =>
        key in target
          ? target[key]
          : (...args: unknown[]) => {
              calls.push(`${key}(${args.join(",")})`);
              return key === "measureText" ? { width: 40 } : undefined;
            },
      set: (target, key: string, value) => {
        target[key] = value;
        calls.push(`${key}=${value}`);
        return true;
      },
    });
    const chart = { ctx, chartArea: { left: 50, right: 450, top: 10, bottom: 210 }, scales: { x: { getPixelForValue: (v: number) => 50 + v / 10 } } };
    plugin.beforeDatasetsDraw(
      chart,
      {},
      {
        bands: [{ from: 600, to: 1200, color: "rgba(1, 2, 3, 0.5)" }],
        lines: [
          { at: 1000, color: "#D55E00", dash: [2, 3], label: "out" },
          { at: 3900, color: "#0072B2", label: "near the edge" },
        ],
      },
    );
    expect(calls).toContain("fillStyle=rgba(1, 2, 3, 0.5)");
    expect(calls).toContain("fillRect(110,10,60,200)");
    expect(calls).toContain("setLineDash(2,3)");
    expect(calls).toContain("moveTo(150,10)");
    expect(calls).toContain("fillText(out,153,22)");
    // Too close to the right edge for the label on its right: it goes on the left, one line lower (staggered).
    expect(calls).toContain("fillText(near the edge,397,36)");
    expect(calls.filter((c) => c === "save()")).toHaveLength(1);
    expect(calls.filter((c) => c === "restore()")).toHaveLength(1);
    // No options, or no x scale: nothing drawn, nothing thrown.
    expect(() => plugin.beforeDatasetsDraw({ ...chart, scales: {} }, {}, undefined)).not.toThrow();
  });
});

describe("hydrateChartConfig standing alone", () => {
  const source = hydrateChartConfig.toString();
  const standalone = new Function(`return ${source}`)() as Hydrate;

  it("hydrateChartConfig's source evaluates on its own into a working function", () => {
    expect(typeof standalone).toBe("function");
    const c = standalone({
      type: "line",
      data: { datasets: [] },
      options: { plugins: { sqsSimAxes: { x: { kind: "elapsed", unit: "h" }, y: { kind: "usd" } } } },
    });
    expect(c.options.scales.x.ticks.callback(5400)).toBe("1:30");
    expect(c.options.scales.y.ticks.callback(0.5)).toBe("$0.5000");
    expect(c.options.plugins.tooltip.callbacks.label({ dataset: { label: "total" }, parsed: { y: 2 }, raw: { note: "n" } })).toBe("total: $2.00 — n");
    expect(c.plugins.map((p: { id: string }) => p.id)).toEqual(["sqsSimAnnotations", "sqsSimErrorBars", "sqsSimHeatmap"]);
  });

  it("hydrateChartConfig's standalone source formats like the imported function", () => {
    const formats: [AxisFormat, number[]][] = [
      [{ kind: "elapsed", unit: "min", startEpochMs: START }, [0, 61, 5400]],
      [{ kind: "duration", logTicks: [1, 2, 5] }, [0.001, 0.003, 0.5, 20]],
      [{ kind: "count" }, [0, 12.345, 98_765]],
      [{ kind: "percent" }, [12.34]],
    ];
    for (const [f, values] of formats) for (const v of values) expect(tick(f, v, standalone)).toBe(tick(f, v));
  });

  it("hydrateChartConfig's source refers to nothing outside itself", () => {
    // Helpers a bundler or test transform could inject (__name, _ts_…, require, import) would break report.html.
    expect(source).not.toMatch(/\b(require|import|exports|__name|__vite|_ts_\w+)\b/);
  });
});

describe("time axis", () => {
  it("timeAxis picks seconds up to 5 min, minutes up to 2 h, h:mm up to 3 days, then days", () => {
    const unit = (d: number): string => (timeAxis(d, undefined).format as { unit: string }).unit;
    expect([60, 300, 301, 7200, 7201, 3 * 86_400, 3 * 86_400 + 1].map(unit)).toEqual(["s", "s", "min", "min", "h", "h", "d"]);
    expect(timeAxis(3600, undefined).title).toBe("time since the start (min)");
    expect(timeAxis(86_400, undefined).title).toBe("time since the start (h:mm)");
  });

  it("timeAxis steps ticks by round times, at most 12 over the run", () => {
    for (const [d, step] of [
      [60, 5],
      [1200, 120],
      [3600, 300],
      [86_400, 7200],
      [30 * 86_400, 604_800],
    ] as const) {
      const scale = timeAxis(d, undefined).scale as { ticks: { stepSize: number }; min: number; max: number };
      expect(scale.ticks.stepSize, `${d}`).toBe(step);
      expect(d / scale.ticks.stepSize).toBeLessThanOrEqual(12);
      expect(scale).toMatchObject({ min: 0, max: d });
    }
  });

  it("durationStepS steps a duration axis on round times, and leaves short ones to Chart.js", () => {
    expect(durationStepS(4.9)).toBeUndefined();
    expect(durationStepS(NaN)).toBeUndefined();
    expect(durationStepS(5)).toBe(1);
    expect(durationStepS(100)).toBe(15);
    expect(durationStepS(600)).toBe(120);
    expect(durationStepS(3600)).toBe(600);
  });

  it("maxY is the largest y of the datasets, ignoring gaps", () => {
    expect(
      maxY([
        {
          data: [
            { x: 0, y: null },
            { x: 1, y: 3 },
          ],
        },
        { data: [{ x: 0, y: 7 }] },
      ]),
    ).toBe(7);
    expect(maxY([])).toBe(0);
  });
});

describe("startTime", () => {
  const run = runYaml(DELAY_DLQ_YAML);
  const charts = buildCharts(run);

  it("with a scenario startTime, every time chart's x format has startEpochMs and its x title says UTC", () => {
    expect(run.context.startEpochMs).toBe(START);
    const timeCharts = charts.filter(isTimeChart);
    expect(timeCharts.length).toBeGreaterThanOrEqual(4);
    for (const spec of timeCharts) {
      expect(optionsOf(spec).plugins.sqsSimAxes.x, spec.id).toEqual({ kind: "elapsed", unit: "min", startEpochMs: START, withDate: false });
      expect(optionsOf(spec).scales.x.title.text, spec.id).toContain("UTC");
    }
  });

  it("with a scenario startTime, the x ticks and tooltips of a hydrated chart read by the clock", () => {
    const c = hydrateChartConfig(structuredClone(chartById(charts, "queue").config));
    expect(c.options.scales.x.ticks.callback(0)).toBe("09:00");
    expect(c.options.scales.x.ticks.callback(1800)).toBe("09:30");
    expect(c.options.plugins.tooltip.callbacks.title([{ dataset: {}, parsed: { x: 600, y: 0 }, label: "" }])).toBe("09:10");
  });

  it("without a startTime, the x format has no startEpochMs and the x title says time since the start", () => {
    for (const spec of buildCharts(runYaml(FIXED_YAML)).filter(isTimeChart)) {
      expect(optionsOf(spec).plugins.sqsSimAxes.x, spec.id).toEqual({ kind: "elapsed", unit: "min" });
      expect(optionsOf(spec).scales.x.title.text, spec.id).toBe("time since the start (min)");
    }
  });
});

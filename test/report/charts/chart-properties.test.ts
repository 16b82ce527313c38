// Properties every chart config must have, whatever the run: plain data, titled axes, x in seconds over the run,
// one look per series name, the scenario and seed in every title.
import { describe, expect, it } from "vitest";
import { type ChartSpec } from "../../../src/report/charts/chart-spec.js";
import { buildCharts, buildComparisonCharts } from "../../../src/report/charts/index.js";
import { SERIES, type SeriesName } from "../../../src/report/charts/series-style.js";
import { type RunData } from "../../../src/report/run-data.js";
import { ASG_YAML, type AnyPoint, datasetsOf, DELAY_DLQ_YAML, FIXED_YAML, isTimeChart, NO_CONSUMERS_YAML, optionsOf, runYaml } from "./fixtures.js";

const runs: Record<string, RunData> = {
  asg: runYaml(ASG_YAML),
  fixed: runYaml(FIXED_YAML),
  "delay-dlq": runYaml(DELAY_DLQ_YAML),
  "no-consumers": runYaml(NO_CONSUMERS_YAML),
};
const charts: { run: string; data: RunData; spec: ChartSpec }[] = Object.entries(runs).flatMap(([run, data]) =>
  buildCharts(data).map((spec) => ({ run, data, spec })),
);
const comparison = buildComparisonCharts([runs.asg!, runs.fixed!, runs["delay-dlq"]!]);
const everyConfig = [
  ...charts.map((c) => ({ name: `${c.run}/${c.spec.id}`, spec: c.spec })),
  ...comparison.map((spec) => ({ name: `compare/${spec.id}`, spec })),
];

/** Paths in a value that JSON would lose or change: undefined, functions, NaN and infinities, array holes. */
function nonJson(value: unknown, path = "$"): string[] {
  if (value === undefined) return [`${path} is undefined`];
  if (typeof value === "function") return [`${path} is a function`];
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (let i = 0; i < value.length; i++) out.push(...(i in value ? nonJson(value[i], `${path}[${i}]`) : [`${path}[${i}] is a hole`]));
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return [`${path} is not a plain object`];
  return Object.entries(value).flatMap(([k, v]) => nonJson(v, `${path}.${k}`));
}

/** The SERIES entry a dataset label names: the label itself, or it followed by " (…" or ":". */
function seriesOfLabel(label: string): SeriesName | undefined {
  let best: SeriesName | undefined;
  for (const [name, style] of Object.entries(SERIES) as [SeriesName, (typeof SERIES)[SeriesName]][]) {
    const l = style.label;
    if (label === l || label.startsWith(`${l} (`) || label.startsWith(`${l}:`)) {
      if (best === undefined || l.length > SERIES[best].label.length) best = name;
    }
  }
  return best;
}

describe("every chart config", () => {
  it("the fixtures give every kind of chart to check", () => {
    expect(new Set(charts.map((c) => c.spec.id))).toEqual(
      new Set(["queue", "fleet", "scaling-signal", "waiting", "throughput", "dead-letters", "latency", "cost"]),
    );
    expect(comparison.length).toBeGreaterThanOrEqual(6);
  });

  it("survives a JSON round trip unchanged, with no undefined, NaN, infinite or function values", () => {
    for (const { name, spec } of everyConfig) {
      expect(nonJson(spec), name).toEqual([]);
      expect(JSON.parse(JSON.stringify(spec)), name).toStrictEqual(spec);
    }
  });

  it("has only finite numbers or null (a gap) as point coordinates", () => {
    for (const { name, spec } of everyConfig) {
      for (const d of datasetsOf(spec)) {
        for (const p of d.data as AnyPoint[]) {
          expect(Number.isFinite(p.x), `${name} ${d.label} x=${p.x}`).toBe(true);
          expect(p.y === null || Number.isFinite(p.y), `${name} ${d.label} y=${p.y}`).toBe(true);
        }
      }
    }
  });

  it("titles every axis, x and each y, with text", () => {
    for (const { name, spec } of everyConfig) {
      const scales = optionsOf(spec).scales as Record<string, { title?: { display?: boolean; text?: string } }>;
      expect(Object.keys(scales), name).toContain("x");
      for (const [id, s] of Object.entries(scales)) {
        expect(s.title?.display, `${name} ${id}`).toBe(true);
        expect(s.title?.text?.trim(), `${name} ${id}`).not.toBe("");
        expect(typeof s.title?.text, `${name} ${id}`).toBe("string");
      }
    }
  });

  it("has a number format for every scale, and a scale for every dataset's yAxisID and every format", () => {
    for (const { name, spec } of everyConfig) {
      const scaleIds = Object.keys(optionsOf(spec).scales as object).sort();
      const formatIds = Object.keys(optionsOf(spec).plugins.sqsSimAxes as object).sort();
      expect(formatIds, name).toEqual(scaleIds);
      for (const d of datasetsOf(spec)) expect(scaleIds, `${name} ${d.label}`).toContain(d.yAxisID ?? "y");
    }
  });

  it("puts time on a linear x axis in seconds from 0 to the run's duration, and every point within it", () => {
    const timeCharts = charts.filter((c) => isTimeChart(c.spec));
    expect(timeCharts.length).toBeGreaterThan(15);
    for (const { run, data, spec } of timeCharts) {
      const x = optionsOf(spec).scales.x;
      const d = data.context.durationSeconds;
      expect(x, `${run}/${spec.id}`).toMatchObject({ type: "linear", min: 0, max: d });
      for (const ds of datasetsOf(spec)) {
        for (const p of ds.data as AnyPoint[]) {
          expect(p.x, `${run}/${spec.id} ${ds.label}`).toBeGreaterThanOrEqual(0);
          expect(p.x, `${run}/${spec.id} ${ds.label}`).toBeLessThanOrEqual(d);
        }
      }
    }
  });

  it("keeps annotations on the x axis's range: bands from ≤ to, lines within the axis", () => {
    for (const { name, spec } of everyConfig) {
      const a = optionsOf(spec).plugins.sqsSimAnnotations as { bands?: { from: number; to: number }[]; lines?: { at: number }[] } | undefined;
      if (a === undefined) continue;
      const x = optionsOf(spec).scales.x as { min: number; max: number };
      for (const b of a.bands ?? []) {
        expect(b.from, name).toBeLessThanOrEqual(b.to);
        expect(b.from, name).toBeGreaterThanOrEqual(x.min);
        expect(b.to, name).toBeLessThanOrEqual(x.max);
      }
      for (const l of a.lines ?? []) {
        expect(l.at, name).toBeGreaterThanOrEqual(x.min);
        expect(l.at, name).toBeLessThanOrEqual(x.max);
      }
    }
  });

  it("gives the same series name the same colour and dash in every chart", () => {
    const seen = new Map<SeriesName, Set<string>>();
    for (const { spec } of charts) {
      for (const d of datasetsOf(spec)) {
        const name = seriesOfLabel(d.label as string);
        if (name === undefined) continue;
        const look = `${d.borderColor} ${JSON.stringify(d.borderDash)}`;
        if (!seen.has(name)) seen.set(name, new Set());
        seen.get(name)!.add(look);
        expect(look, `${spec.id}: ${d.label}`).toBe(`${SERIES[name].color} ${JSON.stringify(SERIES[name].dash)}`);
      }
    }
    // The check above must have seen the common series in several charts each, or it proves little.
    for (const name of ["visible", "inFlight", "delayed", "sent", "received", "deleted", "queueWait", "endToEnd", "desired", "slo"] as SeriesName[]) {
      expect(seen.get(name)?.size, name).toBe(1);
    }
  });

  it("labels the datasets of a chart apart", () => {
    for (const { name, spec } of everyConfig) {
      const labels = datasetsOf(spec).map((d) => d.label as string);
      expect(new Set(labels).size, `${name}: ${labels.join(" | ")}`).toBe(labels.length);
      for (const l of labels) expect(l.trim(), name).not.toBe("");
    }
  });

  it("draws the lines of a time chart in distinct colour-and-dash pairs, so they tell apart in the legend and in greyscale", () => {
    for (const { name, spec } of everyConfig.filter((c) => isTimeChart(c.spec))) {
      const looks = datasetsOf(spec)
        .filter((d) => d.type !== "scatter")
        .map((d) => `${d.borderColor} ${JSON.stringify(d.borderDash)}`);
      expect(new Set(looks).size, `${name}: ${looks.join(" | ")}`).toBe(looks.length);
    }
  });

  it("names the scenario and the seed in every run chart's title", () => {
    for (const { run, data, spec } of charts) {
      const title = optionsOf(spec).plugins.title as { display: boolean; text: string };
      expect(title.display).toBe(true);
      expect(title.text, `${run}/${spec.id}`).toContain(data.context.scenarioName);
      expect(title.text, `${run}/${spec.id}`).toContain(`seed ${data.context.seed}`);
      expect(title.text, `${run}/${spec.id}`).toContain(spec.title);
    }
  });

  it("names every run in a comparison chart's title", () => {
    for (const spec of comparison) {
      const text = optionsOf(spec).plugins.title.text as string;
      for (const r of ["charts-asg", "charts-fixed", "charts-delay-dlq"]) expect(text, spec.id).toContain(r);
    }
  });

  it("has an id, a title and a how-to-read paragraph", () => {
    for (const { name, spec } of everyConfig) {
      expect(spec.id, name).toMatch(/^[a-z0-9-]+$/);
      expect(spec.title.trim(), name).not.toBe("");
      expect(spec.howToRead.trim().length, name).toBeGreaterThan(40);
      expect(spec.howToRead, name).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it("has unique chart ids within a run and within a comparison", () => {
    for (const data of Object.values(runs)) {
      const ids = buildCharts(data).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(new Set(comparison.map((c) => c.id)).size).toBe(comparison.length);
  });
});

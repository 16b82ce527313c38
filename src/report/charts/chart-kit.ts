// The pieces every chart shares: datasets styled by series name, the time axis, titles, fonts, and legend.
import { type ChartConfiguration } from "chart.js";
import { type ChartRun, type RunData } from "../run-data.js";
import { type AxisFormat, type ChartAnnotations } from "./chart-spec.js";
import { type Point, SeriesView } from "./series-view.js";
import { SERIES, type SeriesName, type SeriesStyle, withAlpha } from "./series-style.js";
import { durationStepS, timeAxis } from "./time-axis.js";

const FONT = { size: 13 };

export interface DatasetOptions {
  yAxisID?: string;
  fill?: boolean | string;
  stack?: string;
  /** Label override, e.g. with a total appended. */
  label?: string;
  /** Draw markers only, no line (e.g. scaling activities). */
  markersOnly?: boolean;
  stepped?: boolean;
}

export function styledDataset(style: SeriesStyle, points: Point[], o: DatasetOptions = {}): Record<string, unknown> {
  return {
    type: o.markersOnly ? "scatter" : "line",
    label: o.label ?? style.label,
    data: points,
    borderColor: style.color,
    backgroundColor: o.fill ? withAlpha(style.color, 0.35) : style.color,
    borderDash: style.dash,
    borderWidth: o.markersOnly ? 1 : 2,
    // A "line" point style makes the legend draw a stretch of the dataset's own dashed line, so the legend still
    // pairs with the lines in greyscale; markers keep their shapes.
    pointStyle: o.markersOnly ? style.pointStyle : "line",
    pointRadius: o.markersOnly ? 7 : 0,
    pointHoverRadius: o.markersOnly ? 9 : 4,
    tension: 0,
    fill: o.fill ?? false,
    // "before" holds each point's value until the next point: a value covers the interval that starts at its x.
    ...(o.stepped ? { stepped: "before" } : {}),
    ...(o.stack !== undefined ? { stack: o.stack } : {}),
    yAxisID: o.yAxisID ?? "y",
    spanGaps: false,
  };
}

export function dataset(name: SeriesName, points: Point[], o: DatasetOptions = {}): Record<string, unknown> {
  return styledDataset(SERIES[name], points, o);
}

/** A horizontal reference line (target, threshold, SLO) across the whole run. */
export function levelLine(name: SeriesName, value: number, durationSeconds: number, label: string, yAxisID = "y"): Record<string, unknown> {
  return dataset(
    name,
    [
      { x: 0, y: value },
      { x: durationSeconds, y: value },
    ],
    { label, yAxisID },
  );
}

export function yScale(
  title: string,
  o: { position?: "left" | "right"; stacked?: boolean; min?: number; max?: number; type?: string } = {},
): Record<string, unknown> {
  return {
    type: o.type ?? "linear",
    position: o.position ?? "left",
    ...(o.type === "logarithmic" ? {} : { beginAtZero: true }),
    ...(o.stacked ? { stacked: true } : {}),
    ...(o.min !== undefined ? { min: o.min } : {}),
    ...(o.max !== undefined ? { max: o.max } : {}),
    title: { display: true, text: title, font: FONT },
    ticks: { font: FONT },
    grid: { drawOnChartArea: o.position !== "right" },
  };
}

/** A y axis of durations in seconds, with ticks on round times. */
export function durationScale(title: string, maxS: number, o: { position?: "left" | "right" } = {}): Record<string, unknown> {
  const scale = yScale(title, o);
  const step = durationStepS(maxS);
  if (step !== undefined) scale.ticks = { ...(scale.ticks as object), stepSize: step };
  return scale;
}

export interface TimeChartParts {
  title: string;
  datasets: Record<string, unknown>[];
  yScales: Record<string, Record<string, unknown>>;
  yFormats: Record<string, AxisFormat>;
  annotations?: ChartAnnotations;
  subtitle?: string;
}

/** Title line: what the chart shows, for which scenario and seed. */
export function chartTitle(what: string, run: Pick<RunData, "context">): string {
  return `${what} — ${run.context.scenarioName} (seed ${run.context.seed})`;
}

export function baseOptions(title: string, subtitle: string | null): Record<string, unknown> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: true,
    aspectRatio: 2,
    normalized: true,
    interaction: { mode: "nearest", axis: "x", intersect: false },
    plugins: {
      title: { display: true, text: title, font: { size: 18, weight: "bold" } },
      subtitle: { display: subtitle !== null, text: subtitle ?? "", font: FONT },
      legend: { position: "bottom", labels: { usePointStyle: true, pointStyleWidth: 36, font: FONT } },
    },
  };
}

/** The time span and title of a chart over time: one run's, or the longest of several compared. */
export interface TimeFrame {
  durationSeconds: number;
  startEpochMs?: number | undefined;
  title: string;
}

/** A chart over the run's time, x in seconds from the start. */
export function timeChart(run: ChartRun, view: SeriesView, parts: TimeChartParts): ChartConfiguration {
  const frame = { durationSeconds: run.context.durationSeconds, startEpochMs: run.context.startEpochMs, title: chartTitle(parts.title, run) };
  return timeFrameChart(frame, [parts.subtitle, view.thinningNote()], parts);
}

export function timeFrameChart(frame: TimeFrame, notes: (string | null | undefined)[], parts: TimeChartParts): ChartConfiguration {
  const axis = timeAxis(frame.durationSeconds, frame.startEpochMs);
  const shown = notes.filter((s): s is string => typeof s === "string" && s !== "");
  const options = baseOptions(frame.title, shown.length > 0 ? shown.join(" · ") : null);
  const plugins = options.plugins as Record<string, unknown>;
  plugins.sqsSimAxes = { x: axis.format, ...parts.yFormats };
  if (parts.annotations && ((parts.annotations.bands?.length ?? 0) > 0 || (parts.annotations.lines?.length ?? 0) > 0)) {
    plugins.sqsSimAnnotations = parts.annotations;
  }
  const x = { ...axis.scale, ticks: { ...(axis.scale.ticks as object), font: FONT }, title: { display: true, text: axis.title, font: FONT } };
  return { type: "line", data: { datasets: parts.datasets }, options: { ...options, scales: { x, ...parts.yScales } } } as unknown as ChartConfiguration;
}

export const viewOf = (run: RunData): SeriesView => new SeriesView(run.series);

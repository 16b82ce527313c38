import { type ChartConfiguration, type ChartType } from "chart.js";

/** How an axis's numbers read for people (applied by hydrateChartConfig, in Node and in the browser alike). */
export type AxisFormat =
  /** Seconds from the start, shown in `unit`, or as UTC clock time when startEpochMs is set. */
  | { kind: "elapsed"; unit: "s" | "min" | "h" | "d"; startEpochMs?: number; withDate?: boolean }
  /** A duration in seconds: 250 ms, 4.2 s, 3 min. */
  /** On a log axis, logTicks lists the mantissas to label (e.g. [1, 2, 5]); other ticks stay unlabelled. */
  /** zeroAt: on a log axis, the foot where zeros are drawn; its tick reads "0". */
  | { kind: "duration"; logTicks?: number[]; zeroAt?: number }
  /** logTicks: on a log axis, the mantissas to label. */
  | { kind: "usd"; logTicks?: number[] }
  | { kind: "percent" }
  | { kind: "count" };

/** A shaded stretch of the x axis (periods in ALARM) or a vertical line (a scaling activity). */
export interface XBand {
  from: number;
  to: number;
  color: string;
  label?: string;
}
export interface XLine {
  at: number;
  color: string;
  dash?: number[];
  label?: string;
}

export interface ChartAnnotations {
  bands?: XBand[];
  lines?: XLine[];
}

/** One cell of a heatmap, by its positions in the x and y axes' label lists. */
export interface HeatmapCell {
  xi: number;
  yi: number;
  color: string;
  /** The value as people read it, printed in the cell where it fits. */
  text: string;
  textColor: string;
  /** Hatched: e.g. a cell that misses an objective. */
  hatch?: boolean;
  /** Outlined: e.g. the recommended cell. */
  outline?: boolean;
}

/** A colour key beside the plot: `colors` from the lowest value (bottom) to the highest (top). */
export interface ColorBar {
  title: string;
  colors: string[];
  low: string;
  high: string;
}

/** Drawn under the datasets on two category axes (Chart.js has no heatmap type built in). */
export interface HeatmapOptions {
  cells: HeatmapCell[];
  colorBar?: ColorBar;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    /** Our own annotations, drawn by the plugin hydrateChartConfig installs (Chart.js has none built in). */
    sqsSimAnnotations?: ChartAnnotations;
    /** Number formats per scale id, turned into tick and tooltip callbacks by hydrateChartConfig. */
    sqsSimAxes?: Record<string, AxisFormat>;
    /** Heatmap cells, drawn by the plugin hydrateChartConfig installs. */
    sqsSimHeatmap?: HeatmapOptions;
  }
}

export type ChartId = "queue" | "fleet" | "scaling-signal" | "waiting" | "throughput" | "dead-letters" | "groups" | "latency" | "cost";

/**
 * One chart: a Chart.js configuration as plain data (no functions, so it serialises into report.html and
 * snapshot-tests as it is), a title, and a paragraph on how to read it.
 */
export interface ChartSpec {
  id: string;
  title: string;
  howToRead: string;
  config: ChartConfiguration;
}

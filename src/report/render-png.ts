// Chart specs to PNG files, through chartjs-node-canvas (canvas = @napi-rs/canvas).
import { type ChartConfiguration } from "chart.js";
import { ChartJSNodeCanvas } from "chartjs-node-canvas";
import { type ChartSpec } from "./charts/chart-spec.js";
import { hydrateChartConfig } from "./charts/chart-runtime.js";

export interface PngSize {
  width: number;
  height: number;
}

/** Legible at a glance and twice as wide as high, the aspect ratio the chart configs ask for. */
export const DEFAULT_PNG_SIZE: PngSize = { width: 1200, height: 600 };

// One renderer per size: each construction loads a fresh copy of Chart.js (about 100 ms), the rendering itself
// takes a few tens of milliseconds.
const renderers = new Map<string, ChartJSNodeCanvas>();

function rendererFor(size: PngSize): ChartJSNodeCanvas {
  const key = `${size.width}x${size.height}`;
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    renderer = new ChartJSNodeCanvas({ width: size.width, height: size.height, backgroundColour: "white" });
    renderers.set(key, renderer);
  }
  return renderer;
}

/**
 * The chart as a PNG on a white background. The spec is left as it is: the callbacks and the annotation plugin
 * go into a copy of its config.
 */
export function renderChartPng(spec: ChartSpec, size: PngSize = DEFAULT_PNG_SIZE): Buffer {
  if (!(Number.isInteger(size.width) && Number.isInteger(size.height) && size.width > 0 && size.height > 0)) {
    throw new RangeError(`a PNG size is two positive integers, not ${size.width}×${size.height}`);
  }
  const config = hydrateChartConfig(structuredClone(spec.config)) as ChartConfiguration;
  return rendererFor(size).renderToBufferSync(config, "image/png");
}

// Chart specs to PNG files, through chartjs-node-canvas (canvas = @napi-rs/canvas here). It and its native canvas
// are an optional peer dependency: required on the first render only, so that simulate(), report.html and
// `run --no-charts` work where they are not installed, and importing the package loads no chart rendering.
import { createRequire } from "node:module";
import { type ChartConfiguration } from "chart.js";
// biome-ignore lint/style/useImportType: a whole-statement type import is erased under any compiler setting, so the optional peer is never loaded here
import type { ChartJSNodeCanvas } from "chartjs-node-canvas";
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
let rendererClass: typeof ChartJSNodeCanvas | undefined;

/** The text of the error when chartjs-node-canvas (or the canvas it needs) cannot be loaded. */
export const PNG_RENDERER_MISSING = "PNG charts need the optional packages chartjs-node-canvas and a canvas " +
  "(npm install chartjs-node-canvas); without them, run with --no-charts";

function loadRenderer(): typeof ChartJSNodeCanvas {
  if (rendererClass === undefined) {
    try {
      rendererClass = (createRequire(import.meta.url)("chartjs-node-canvas") as typeof import("chartjs-node-canvas")).ChartJSNodeCanvas;
    } catch (e) {
      throw new Error(`${PNG_RENDERER_MISSING} (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`, { cause: e });
    }
  }
  return rendererClass;
}

function rendererFor(size: PngSize): ChartJSNodeCanvas {
  const key = `${size.width}x${size.height}`;
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    const Renderer = loadRenderer();
    renderer = new Renderer({ width: size.width, height: size.height, backgroundColour: "white" });
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

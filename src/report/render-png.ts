// Chart specs to PNG files, through chartjs-node-canvas (canvas = @napi-rs/canvas here). It and its native canvas
// are an optional peer dependency: required on the first render only, so that simulate() works where they are not
// installed and importing the package loads no chart rendering. Where they cannot be loaded, the reports are written
// without their PNGs and say so (pngRendererProblem); report.html draws the same charts in the browser.
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
// Why the renderer could not be loaded: kept, so that a missing package is looked for once per process.
let loadProblem: Error | undefined;

/** How the renderer's class is found: require("chartjs-node-canvas") (which requires its canvas) in real use. */
export type PngRendererLoader = () => typeof ChartJSNodeCanvas;

const requireRenderer: PngRendererLoader = () =>
  (createRequire(import.meta.url)("chartjs-node-canvas") as typeof import("chartjs-node-canvas")).ChartJSNodeCanvas;
let loader: PngRendererLoader = requireRenderer;

/**
 * Tests only: loads the renderer with `load` instead (e.g. one that throws as a missing package does), forgetting
 * what was loaded before, until the returned function puts the real loader back. Nothing is uninstalled to test
 * a machine without the optional packages.
 */
export function replacePngRendererLoader(load: PngRendererLoader): () => void {
  const forget = (): void => {
    renderers.clear();
    rendererClass = undefined;
    loadProblem = undefined;
  };
  forget();
  loader = load;
  return () => {
    forget();
    loader = requireRenderer;
  };
}

/** The text of the error when chartjs-node-canvas (or the canvas it needs) cannot be loaded. */
export const PNG_RENDERER_MISSING = "PNG charts need the optional packages chartjs-node-canvas and a canvas " + "(npm install chartjs-node-canvas)";

/**
 * A step of loading the renderer: requiring chartjs-node-canvas, or constructing one, which requires its canvas (a
 * separate native package that may be missing or fail to load where chartjs-node-canvas is there). A failure is the
 * renderer's load problem for the rest of the process.
 */
function loading<T>(step: () => T): T {
  if (loadProblem !== undefined) throw loadProblem;
  try {
    return step();
  } catch (e) {
    loadProblem = new Error(`${PNG_RENDERER_MISSING} (${firstLine(e)})`, { cause: e });
    throw loadProblem;
  }
}

/** The first line of a require error: the missing module or the native library; the require stack of paths goes. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

function rendererFor(size: PngSize): ChartJSNodeCanvas {
  const key = `${size.width}x${size.height}`;
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    const Renderer = (rendererClass ??= loading(loader));
    renderer = loading(() => new Renderer({ width: size.width, height: size.height, backgroundColour: "white" }));
    renderers.set(key, renderer);
  }
  return renderer;
}

/**
 * Why PNG charts cannot be drawn here, e.g. "Cannot find module 'chartjs-node-canvas'"; null when they can. Loads
 * the renderer at the default size (once, and kept for the charts) to find out. The report writers leave the PNGs
 * out where it is not null, and the CLI warns.
 */
export function pngRendererProblem(): string | null {
  try {
    rendererFor(DEFAULT_PNG_SIZE);
    return null;
  } catch (e) {
    if (loadProblem === undefined || e !== loadProblem) throw e;
    return firstLine(loadProblem.cause);
  }
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

// Renders chart specs as the PNG path does, but keeps the Chart.js instance, so that tests can ask the scales
// where a value belongs (chart.scales.x.getPixelForValue) and read what was drawn there (getImageData).
//
// What renderChartPng does, and what this mirrors (node_modules/chartjs-node-canvas/dist/chartJSNodeCanvas.js,
// renderChart; chartJSNodeCanvasBase.js; backgroundColourPlugin.js):
//   - the config is hydrated from a copy: hydrateChartConfig(structuredClone(spec.config));
//   - the canvas comes from `canvas` (here @napi-rs/canvas by the npm alias): createCanvas(width, height), with an
//     empty `style` object;
//   - options.responsive = false and options.animation = false are forced (on Chart.js's basic platform, the one
//     it uses in Node, `responsive` changes nothing: a render with it true draws the same pixels);
//   - a white background is painted with globalCompositeOperation "destination-over" in beforeDraw;
//   - Chart.js is `chart.js/auto` (every controller, scale and element registered); in Node it uses the basic
//     platform, so the device pixel ratio is 1 and the chart fills the canvas.
// One PNG decoded and compared pixel by pixel with this render (png-path.test.ts) keeps the two honest.
import { createCanvas, loadImage } from "canvas";
import { Chart, type ChartConfiguration, type Plugin } from "chart.js/auto";
import { type ChartSpec } from "../../../src/report/charts/chart-spec.js";
import { hydrateChartConfig } from "../../../src/report/charts/chart-runtime.js";

export interface Size {
  width: number;
  height: number;
}

export type Rgb = readonly [number, number, number];

/** chartjs-node-canvas's background plugin, as renderChartPng configures it (backgroundColour: "white"). */
function backgroundPlugin(size: Size): Plugin {
  return {
    id: "geometry-test-background",
    beforeDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, size.width, size.height);
      ctx.restore();
    },
  };
}

/** A rendered chart: the Chart.js instance (scales, chart area, metas) and the pixels it drew. */
export class Rendered {
  constructor(
    readonly chart: Chart,
    readonly width: number,
    readonly height: number,
    private readonly data: Uint8ClampedArray,
  ) {}

  /** The pixels as a PNG, to look at a failing test's picture: writeFileSync("/tmp/x.png", r.png()). */
  png(): Buffer {
    const canvas = createCanvas(this.width, this.height);
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(this.width, this.height);
    image.data.set(this.data);
    ctx.putImageData(image, 0, 0);
    return canvas.toBuffer("image/png");
  }

  get area(): { left: number; right: number; top: number; bottom: number } {
    const a = this.chart.chartArea;
    return { left: a.left, right: a.right, top: a.top, bottom: a.bottom };
  }

  /** The pixel for a value on a scale (by its id: "x", "y", "rate", ...). */
  px(scaleId: string, value: number): number {
    const scale = this.chart.scales[scaleId];
    if (scale === undefined) throw new Error(`no scale ${scaleId} among ${Object.keys(this.chart.scales).join(", ")}`);
    return scale.getPixelForValue(value);
  }

  /** The colour of the pixel whose square contains (x, y); white outside the canvas. */
  rgb(x: number, y: number): Rgb {
    const i = Math.floor(x);
    const j = Math.floor(y);
    if (i < 0 || j < 0 || i >= this.width || j >= this.height) return [255, 255, 255];
    const k = (j * this.width + i) * 4;
    return [this.data[k]!, this.data[k + 1]!, this.data[k + 2]!];
  }

  /** The same chart (its scales and chart area) over other pixels of the same size, e.g. a decoded PNG's. */
  withPixels(data: Uint8ClampedArray): Rendered {
    if (data.length !== this.width * this.height * 4) throw new Error("pixels of another size");
    return new Rendered(this.chart, this.width, this.height, data);
  }

  /** The largest coverage (see `coverage`) of `color` among the pixels within `r` pixels of (x, y). */
  maxCoverage(color: Rgb, x: number, y: number, r = 1, tolerance = 24): number {
    let best = 0;
    for (let j = Math.floor(y - r); j <= Math.floor(y + r); j++) {
      for (let i = Math.floor(x - r); i <= Math.floor(x + r); i++) best = Math.max(best, coverage(this.rgb(i, j), color, tolerance));
    }
    return best;
  }

  /** Whether a pixel within `r` pixels of (x, y) is `color` (coverage at least `min`: a solid line, anti-aliased). */
  hasNear(color: Rgb, x: number, y: number, r = 1, min = 0.6): boolean {
    return this.maxCoverage(color, x, y, r) >= min;
  }

  /** Pixels (x, y) of the whole canvas for which `test` holds. */
  find(test: (x: number, y: number, c: Rgb) => boolean): { x: number; y: number }[] {
    const out: { x: number; y: number }[] = [];
    for (let y = 0; y < this.height; y++) for (let x = 0; x < this.width; x++) if (test(x, y, this.rgb(x, y))) out.push({ x, y });
    return out;
  }
}

/**
 * How much of `color` a pixel carries, if it is `color` blended over white (what anti-aliasing, a translucent fill
 * or a partly covered pixel gives): 1 for the colour itself, 0 for white. -1 when the pixel is off that blend by
 * more than `tolerance` in some channel (another colour, or a blend with something else than white).
 */
export function coverage(pixel: Rgb, color: Rgb, tolerance = 24): number {
  const d = [255 - color[0], 255 - color[1], 255 - color[2]];
  const p = [255 - pixel[0], 255 - pixel[1], 255 - pixel[2]];
  const dd = d[0]! * d[0]! + d[1]! * d[1]! + d[2]! * d[2]!;
  if (dd === 0) return -1;
  const a = Math.max(0, Math.min(1, (p[0]! * d[0]! + p[1]! * d[1]! + p[2]! * d[2]!) / dd));
  for (let k = 0; k < 3; k++) if (Math.abs(p[k]! - a * d[k]!) > tolerance) return -1;
  return a;
}

/** Whether two colours are alike within `tolerance` per channel. */
export function near(a: Rgb, b: Rgb, tolerance = 6): boolean {
  return Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance && Math.abs(a[2] - b[2]) <= tolerance;
}

/** #RRGGBB, or rgba(r, g, b, a) composited over white. */
export function parseColor(css: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(css);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgba = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(css);
  if (rgba) {
    const a = rgba[4] === undefined ? 1 : Number(rgba[4]);
    const over = (c: string): number => Math.round(255 + (Number(c) - 255) * a);
    return [over(rgba[1]!), over(rgba[2]!), over(rgba[3]!)];
  }
  throw new Error(`not a colour this test understands: ${css}`);
}

/**
 * Renders a plain-data config as renderChartPng does (see the top of this file), keeping the chart. The canvas's
 * pixels are read before anything else happens to it; destroy() the chart when done with its scales.
 */
export function renderConfig(plainConfig: ChartConfiguration, size: Size): Rendered {
  const config = hydrateChartConfig(structuredClone(plainConfig)) as ChartConfiguration;
  // chartjs-node-canvas gives the canvas a `style` (Chart.js reads canvas.style); the context is what Chart.js gets.
  const canvas = Object.assign(createCanvas(size.width, size.height), { style: {} });
  config.options = config.options || {};
  config.options.responsive = false;
  config.options.animation = false;
  config.plugins = [...(config.plugins ?? []), backgroundPlugin(size)];
  const ctx = canvas.getContext("2d");
  // @napi-rs/canvas's context is not the DOM's CanvasRenderingContext2D type, but it is what chartjs-node-canvas passes.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
  const { data } = ctx.getImageData(0, 0, size.width, size.height);
  return new Rendered(chart, size.width, size.height, data);
}

export function renderSpec(spec: ChartSpec, size: Size): Rendered {
  return renderConfig(spec.config, size);
}

/** A PNG's pixels (RGBA, row by row), decoded with the same canvas library. */
export async function decodePng(png: Buffer, size: Size): Promise<Uint8ClampedArray> {
  const image = await loadImage(png);
  if (image.width !== size.width || image.height !== size.height)
    throw new Error(`the PNG is ${image.width}×${image.height}, not ${size.width}×${size.height}`);
  const ctx = createCanvas(size.width, size.height).getContext("2d");
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, size.width, size.height).data;
}

/** A deep copy of a spec with its config changed by `change` (for controls: the same chart with a mistake made). */
export function mutated(spec: ChartSpec, change: (config: any) => void): ChartSpec {
  const copy = structuredClone(spec);
  change(copy.config);
  return copy;
}

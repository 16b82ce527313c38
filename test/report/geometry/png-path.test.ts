// The geometry tests render with Chart.js directly (geometry-kit.ts) to keep the chart's scales. This file shows
// that renderChartPng, the path the report's PNGs take (chartjs-node-canvas's own copy of Chart.js, its canvas
// and background plugin, then PNG encoding), draws the same pixels, and that the checks hold on a decoded PNG.
import { type ChartConfiguration } from "chart.js";
import { afterAll, describe, expect, it } from "vitest";
import { type ChartSpec, type XBand } from "../../../src/report/charts/chart-spec.js";
import { styledDataset } from "../../../src/report/charts/chart-kit.js";
import { SERIES } from "../../../src/report/charts/series-style.js";
import { renderChartPng } from "../../../src/report/render-png.js";
import { lineSpec } from "../chart-fixtures.js";
import { decodePng, near, parseColor, type Rendered, renderSpec } from "./geometry-kit.js";

const SIZE = { width: 600, height: 300 };
const rendered: Rendered[] = [];
const keep = (r: Rendered): Rendered => (rendered.push(r), r);
afterAll(() => {
  for (const r of rendered.splice(0)) r.chart.destroy();
});

/** How many pixels differ by more than `tolerance` in some channel between a direct render and other pixels. */
function differing(direct: Rendered, other: Rendered, tolerance = 8): number {
  let n = 0;
  for (let y = 0; y < direct.height; y++) for (let x = 0; x < direct.width; x++) if (!near(direct.rgb(x, y), other.rgb(x, y), tolerance)) n++;
  return n;
}

const stepSpec: ChartSpec = {
  id: "steps",
  title: "steps",
  howToRead: "",
  config: {
    type: "line",
    data: {
      datasets: [
        {
          ...styledDataset(
            SERIES.visible,
            [
              { x: 0, y: 10 },
              { x: 10, y: 20 },
              { x: 20, y: 5 },
            ],
            { stepped: true },
          ),
          pointRadius: 0,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false }, title: { display: false } },
      scales: { x: { type: "linear", min: 0, max: 20 }, y: { type: "linear", min: 0, max: 25 } },
    },
  } as unknown as ChartConfiguration,
};

describe("renderChartPng draws what the direct render draws", () => {
  // Catches: the geometry tests drifting from the PNG path (another Chart.js setup, a device pixel ratio, a
  // responsive resize, a canvas of another size, a missing white background): then what they check is not what
  // the PNGs show.
  it("pixel for pixel, for a chart with a band, a vertical line, a line, a marker, text and a legend", async () => {
    const spec = lineSpec("queue");
    const direct = keep(renderSpec(spec, SIZE));
    const png = direct.withPixels(await decodePng(renderChartPng(spec, SIZE), SIZE));
    expect(differing(direct, png)).toBe(0);
    // The band check of run-charts.test.ts, on the PNG: the band's tint fills the column 2 px inside its left
    // edge (but where lines cross it), and none of the column 2 px outside.
    const band = spec.config.options!.plugins!.sqsSimAnnotations!.bands![0]! as XBand;
    const tint = parseColor(band.color);
    const share = (x: number) => {
      let n = 0;
      let all = 0;
      for (let y = Math.ceil(png.area.top) + 1; y < png.area.top + 0.8 * (png.area.bottom - png.area.top); y++, all++) if (near(png.rgb(x, y), tint, 4)) n++;
      return n / all;
    };
    expect(share(png.px("x", band.from) + 2)).toBeGreaterThan(0.6);
    expect(share(png.px("x", band.from) - 2)).toBe(0);
    expect(share(png.px("x", band.to) - 2)).toBeGreaterThan(0.6);
    expect(share(png.px("x", band.to) + 2)).toBe(0);
  });

  it("and the step check holds on the decoded PNG: 10 over [0, 10], 20 over [10, 20]", async () => {
    const direct = keep(renderSpec(stepSpec, SIZE));
    const png = direct.withPixels(await decodePng(renderChartPng(stepSpec, SIZE), SIZE));
    expect(differing(direct, png)).toBe(0);
    const blue = parseColor(SERIES.visible.color);
    const at = (x: number, v: number) => png.hasNear(blue, png.px("x", x), png.px("y", v), 2);
    expect([at(5, 10), at(5, 20), at(15, 20), at(15, 5)]).toEqual([true, false, true, false]);
  });
});

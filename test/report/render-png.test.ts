import { describe, expect, it } from "vitest";
import { buildCharts, buildComparisonCharts } from "../../src/report/charts/index.js";
import { PNG_RENDERER_MISSING, pngRendererProblem, renderChartPng, replacePngRendererLoader } from "../../src/report/render-png.js";
import { countPixels, drawnFraction, lineSpec, pngSize, smallRun } from "./chart-fixtures.js";

describe("renderChartPng", () => {
  it("draws a hand-made chart into a 1200×600 PNG by default, with a meaningful share of drawn pixels", async () => {
    const png = renderChartPng(lineSpec("queue"));
    expect(pngSize(png)).toEqual({ width: 1200, height: 600 });
    expect(await drawnFraction(png)).toBeGreaterThan(0.01);
  });

  it("renders at the requested size, also with a second size in between (one renderer per size)", () => {
    const spec = lineSpec("queue");
    expect(pngSize(renderChartPng(spec, { width: 640, height: 480 }))).toEqual({ width: 640, height: 480 });
    expect(pngSize(renderChartPng(spec))).toEqual({ width: 1200, height: 600 });
    expect(pngSize(renderChartPng(spec, { width: 640, height: 480 }))).toEqual({ width: 640, height: 480 });
  });

  it("leaves the spec's config as plain data (it hydrates a copy)", () => {
    const spec = lineSpec("queue");
    const before = JSON.stringify(spec.config);
    renderChartPng(spec);
    expect(JSON.stringify(spec.config)).toBe(before);
    expect(spec.config.plugins).toBeUndefined();
  });

  it("draws the annotation band: many pixels take its tint, none do without it", async () => {
    const withBand = lineSpec("queue");
    const without = lineSpec("queue");
    delete without.config.options!.plugins!.sqsSimAnnotations;
    // rgba(213, 94, 0, 0.14) over white is about rgb(249, 232, 219); the band covers a quarter of the x axis.
    const tint = [249, 232, 219] as const;
    const tinted = (png: Buffer) => countPixels(png, (r, g, b) => Math.abs(r - tint[0]) <= 3 && Math.abs(g - tint[1]) <= 3 && Math.abs(b - tint[2]) <= 3);
    expect(await tinted(renderChartPng(withBand))).toBeGreaterThan(50_000);
    expect(await tinted(renderChartPng(without))).toBeLessThan(100);
  });

  it("refuses a size that is not two positive integers", () => {
    expect(() => renderChartPng(lineSpec("queue"), { width: 0, height: 600 })).toThrow(RangeError);
    expect(() => renderChartPng(lineSpec("queue"), { width: 12.5, height: 600 })).toThrow(RangeError);
  });
});

describe("renderChartPng on every chart of a small real run", () => {
  it("draws each chart, and each comparison chart, into a valid 1200×600 PNG with drawn pixels", async () => {
    const runs = [smallRun(), smallRun("report-test-small-group", 7, ["fleet.max=4"])];
    const charts = [...buildCharts(runs[0]!), ...buildComparisonCharts(runs)];
    expect(charts.length).toBeGreaterThanOrEqual(10);
    for (const spec of charts) {
      const png = renderChartPng(spec);
      expect(pngSize(png), spec.id).toEqual({ width: 1200, height: 600 });
      expect(await drawnFraction(png), spec.id).toBeGreaterThan(0.01);
    }
  });
});

describe("pngRendererProblem", () => {
  it("where chartjs-node-canvas cannot be loaded, names why (first line only), looks once, and renderChartPng throws the hint", () => {
    let attempts = 0;
    const restore = replacePngRendererLoader(() => {
      attempts++;
      throw new Error("Cannot find module 'chartjs-node-canvas'\nRequire stack:\n- /somewhere/render-png.js");
    });
    try {
      expect(pngRendererProblem()).toBe("Cannot find module 'chartjs-node-canvas'");
      expect(() => renderChartPng(lineSpec("queue"))).toThrow(`${PNG_RENDERER_MISSING} (Cannot find module 'chartjs-node-canvas')`);
      expect(pngRendererProblem()).toBe("Cannot find module 'chartjs-node-canvas'");
      expect(attempts).toBe(1);
    } finally {
      restore();
    }
  });

  it("where chartjs-node-canvas loads but its canvas does not (it requires canvas when constructed), names that", () => {
    const restore = replacePngRendererLoader(
      () =>
        class {
          constructor() {
            throw new Error("Cannot find module 'canvas'\nRequire stack:\n- /somewhere/chartJSNodeCanvasBase.js");
          }
        } as never,
    );
    try {
      expect(pngRendererProblem()).toBe("Cannot find module 'canvas'");
      expect(() => renderChartPng(lineSpec("queue"), { width: 640, height: 480 })).toThrow(`${PNG_RENDERER_MISSING} (Cannot find module 'canvas')`);
    } finally {
      restore();
    }
  });

  it("is null where the renderer loads (this checkout has it as a development dependency)", () => {
    expect(pngRendererProblem()).toBeNull();
    expect(pngSize(renderChartPng(lineSpec("queue")))).toEqual({ width: 1200, height: 600 });
  });
});

// Where a stepped series is drawn. A value covers the interval that STARTS at its x (chart-kit's styledDataset:
// stepped "before"); the latency histogram once went out with "after", every bin drawn one bin to the left, and
// the size-and-ink PNG tests passed it. The real latency chart's bins: run-charts.test.ts.
import { type ChartConfiguration } from "chart.js";
import { afterEach, describe, expect, it } from "vitest";
import { styledDataset } from "../../../src/report/charts/chart-kit.js";
import { SERIES } from "../../../src/report/charts/series-style.js";
import { parseColor, type Rendered, renderConfig } from "./geometry-kit.js";

const SIZE = { width: 600, height: 300 };
const rendered: Rendered[] = [];
const keep = (r: Rendered): Rendered => (rendered.push(r), r);
afterEach(() => {
  for (const r of rendered.splice(0)) r.chart.destroy();
});

/** A line chart of one dataset on fixed axes: x 0..20, y 0..25. */
function stepConfig(dataset: Record<string, unknown>): ChartConfiguration {
  return {
    type: "line",
    data: { datasets: [dataset] },
    options: {
      plugins: { legend: { display: false }, title: { display: false } },
      scales: { x: { type: "linear", min: 0, max: 20 }, y: { type: "linear", min: 0, max: 25 } },
    },
  } as unknown as ChartConfiguration;
}

const STEPS = [
  { x: 0, y: 10 },
  { x: 10, y: 20 },
  { x: 20, y: 5 },
];
const BLUE = parseColor(SERIES.visible.color);

/** The series colour within 2 pixels of (x, value) on the y scale: the line is drawn there. */
function drawnAt(r: Rendered, x: number, value: number): boolean {
  return r.hasNear(BLUE, r.px("x", x), r.px("y", value), 2);
}

/** Each value held over the interval that starts at its x: 10 over [0, 10], 20 over [10, 20]. */
function holdsEachValueFromItsX(r: Rendered): boolean {
  return drawnAt(r, 5, 10) && !drawnAt(r, 5, 20) && drawnAt(r, 15, 20) && !drawnAt(r, 15, 5);
}

describe("a stepped series", () => {
  // Catches: stepped "after" (or "middle", or none) instead of "before" in styledDataset; each value then covers
  // the interval that ends at its x, the whole line one step to the left. The control renders exactly that.
  it("holds each value over the interval that starts at its x (chart-kit's stepped dataset)", () => {
    const dataset: Record<string, unknown> = { ...styledDataset(SERIES.visible, STEPS, { stepped: true }), pointRadius: 0 };
    expect(dataset.stepped).toBe("before");
    const r = keep(renderConfig(stepConfig(dataset), SIZE));
    expect(holdsEachValueFromItsX(r)).toBe(true);
    // The risers are at the points' x: between 10 and 20 at x = 10, nothing of the line at x = 10 below 10.
    expect(drawnAt(r, 10, 15)).toBe(true);
    expect(drawnAt(r, 10, 2)).toBe(false);
  });

  it('control: the same points stepped "after" are told apart (the histogram regression)', () => {
    const dataset = { ...styledDataset(SERIES.visible, STEPS, { stepped: true }), pointRadius: 0, stepped: "after" };
    const r = keep(renderConfig(stepConfig(dataset), SIZE));
    expect(holdsEachValueFromItsX(r)).toBe(false);
    expect(drawnAt(r, 5, 20)).toBe(true);
  });
});

// Where the sweep report's charts draw things: heatmap cells on their categories (the first --vary value at the
// bottom), whiskers over exactly their confidence intervals, an open end without a cap, a point at a log axis's
// foot drawn whole. Expected places come from the sweep's rows (parameters, estimates), not from the chart configs;
// the controls draw the same chart with one mistake made.
import { afterAll, describe, expect, it } from "vitest";
import { type ChartSpec, type HeatmapCell } from "../../../src/report/charts/chart-spec.js";
import { SERIES } from "../../../src/report/charts/series-style.js";
import { heatmapCharts } from "../../../src/sweep/report/heatmap-chart.js";
import { paretoChart } from "../../../src/sweep/report/pareto-chart.js";
import { COST, estimateOf, P99, type SweepReportInput } from "../../../src/sweep/report/sweep-view.js";
import { gridInput, INSTANCES, lineInput, roughInput, sweepDefinition, sweepInput, WAITS } from "../../sweep/report-fixtures.js";
import { mutated, near, parseColor, type Rendered, type Rgb, renderSpec } from "./geometry-kit.js";

const rendered: Rendered[] = [];
const keep = (r: Rendered): Rendered => (rendered.push(r), r);
afterAll(() => {
  for (const r of rendered.splice(0)) r.chart.destroy();
});

describe("a heatmap", () => {
  const SIZE = { width: 600, height: 300 };
  const input = gridInput();
  const charts = heatmapCharts(input);

  /** Where each row's cell belongs: its --vary values' places, the first --vary's first value at the bottom. */
  function expectedCentres(r: Rendered): { x: number; y: number }[] {
    const a = r.area;
    const w = (a.right - a.left) / WAITS.length;
    const h = (a.bottom - a.top) / INSTANCES.length;
    return input.rows.map((row) => {
      const yi = INSTANCES.indexOf(row.parameters["fleet.instances"]!);
      const xi = WAITS.indexOf(row.parameters["queue.receiveWaitTime"]!);
      return { x: a.left + (xi + 0.5) * w, y: a.bottom - (yi + 0.5) * h };
    });
  }

  /**
   * For each row's cell, the share of 5 × 5 pixels spread over the middle of its expected square (away from the
   * value printed at its centre) that have the cell's colour.
   */
  function cellColourShares(r: Rendered, spec: ChartSpec): number[] {
    // One cell per row, in the rows' order (the builder makes them so; a cell left out or reordered fails here).
    const cells = spec.config.options!.plugins!.sqsSimHeatmap!.cells as HeatmapCell[];
    expect(cells.length).toBe(input.rows.length);
    const a = r.area;
    const w = (a.right - a.left) / WAITS.length;
    const h = (a.bottom - a.top) / INSTANCES.length;
    return expectedCentres(r).map((centre, i) => {
      const color = parseColor(cells[i]!.color);
      let n = 0;
      let all = 0;
      for (let u = -2; u <= 2; u++) {
        for (let v = -2; v <= 2; v++) {
          const x = centre.x + u * 0.17 * w;
          const y = centre.y + v * 0.17 * h;
          if (Math.abs(x - centre.x) < 35 && Math.abs(y - centre.y) < 10) continue; // the printed value
          all++;
          if (near(r.rgb(x, y), color, 8)) n++;
        }
      }
      return n / all;
    });
  }

  // Catches: the first --vary value's row at the top (y not reversed), the axes swapped (first --vary along the
  // bottom), cells offset by half a cell (offset: false on a category axis), cells sized by a wrong count of
  // labels. Hatched cells (those that miss the SLO) keep most of their colour between the hatch lines. The
  // control draws the first row at the top.
  it("paints each cell's colour on the square of its two --vary values, the first value of the first --vary at the bottom", () => {
    expect(charts.map((c) => c.id)).toEqual(["heatmap-queue-wait-p99", "heatmap-total-cost"]);
    for (const spec of charts) {
      const shares = cellColourShares(keep(renderSpec(spec, SIZE)), spec);
      const hatched = input.rows.map((row) => row.feasible === false);
      expect(hatched).toEqual([true, true, true, false, false, false]);
      shares.forEach((share, i) => expect(share, `${spec.id}, cell ${i}`).toBeGreaterThan(hatched[i] ? 0.5 : 0.9));
    }
  });

  it("control: with the first --vary's first value at the top, the cells are caught in the wrong rows", () => {
    const spec = mutated(charts[0]!, (c) => {
      c.options.scales.y.reverse = false;
    });
    const shares = cellColourShares(keep(renderSpec(spec, SIZE)), spec);
    expect(shares.every((s) => s < 0.2)).toBe(true);
  });

  // Catches: tick labels that do not sit beside their cells' rows and columns (e.g. a category axis not
  // reversed while the cells are drawn bottom-up), and tooltip points placed by index or by value instead of by
  // their label text (hovering a cell would then describe another).
  it("labels each row and column beside its cells, and puts each cell's tooltip point at its centre", () => {
    const spec = charts[0]!;
    const r = keep(renderSpec(spec, SIZE));
    const a = r.area;
    const x = r.chart.scales.x!;
    const y = r.chart.scales.y!;
    const h = (a.bottom - a.top) / INSTANCES.length;
    const w = (a.right - a.left) / WAITS.length;
    expect(y.ticks.map((t) => y.getLabelForValue(t.value))).toEqual(INSTANCES);
    y.ticks.forEach((t, k) => expect(Math.abs(y.getPixelForTick(k) - (a.bottom - (INSTANCES.indexOf(y.getLabelForValue(t.value)) + 0.5) * h))).toBeLessThan(1));
    expect(x.ticks.map((t) => x.getLabelForValue(t.value))).toEqual(WAITS);
    x.ticks.forEach((t, k) => expect(Math.abs(x.getPixelForTick(k) - (a.left + (WAITS.indexOf(x.getLabelForValue(t.value)) + 0.5) * w))).toBeLessThan(1));
    const points = r.chart.getDatasetMeta(0).data;
    const centres = expectedCentres(r);
    expect(points.length).toBe(centres.length);
    points.forEach((p, i) => {
      expect(Math.abs(p.x - centres[i]!.x), `cell ${i}`).toBeLessThan(1);
      expect(Math.abs(p.y - centres[i]!.y), `cell ${i}`).toBeLessThan(1);
    });
  });
});

/** Pixels of `color` near (x, y): the strongest coverage within 1 pixel (a 1-pixel line at a fractional place). */
function ink(r: Rendered, color: Rgb, x: number, y: number): number {
  return r.maxCoverage(color, x, y, 1, 24);
}

/**
 * A vertical whisker at x from the pixel rows of `low` to `high` on the y scale: is it drawn all along, does it stop
 * at its ends, and are its ends capped (a short horizontal stroke, 4 px each side)?
 */
function verticalWhisker(r: Rendered, color: Rgb, x: number, low: number, high: number) {
  const yLow = r.px("y", low);
  const yHigh = r.px("y", high);
  let along = 0;
  let rows = 0;
  for (let y = Math.round(yHigh) + 2; y <= Math.round(yLow) - 2; y++, rows++) if (ink(r, color, x, y) >= 0.45) along++;
  const beyond = (y0: number, dir: number) => {
    let n = 0;
    for (let d = 3; d <= 8; d++) if (ink(r, color, x, y0 + dir * d) >= 0.2) n++;
    return n;
  };
  const cap = (y0: number) =>
    ink(r, color, x - 3, y0) >= 0.3 && ink(r, color, x + 3, y0) >= 0.3 && ink(r, color, x - 7, y0) < 0.2 && ink(r, color, x + 7, y0) < 0.2;
  return { rows, along: along / rows, beyondHigh: beyond(yHigh, -1), beyondLow: beyond(yLow, 1), capHigh: cap(yHigh), capLow: cap(yLow) };
}

/** The same along the x axis, at height y. */
function horizontalWhisker(r: Rendered, color: Rgb, y: number, low: number, high: number) {
  const xLow = r.px("x", low);
  const xHigh = r.px("x", high);
  let along = 0;
  let columns = 0;
  for (let x = Math.round(xLow) + 2; x <= Math.round(xHigh) - 2; x++, columns++) if (ink(r, color, x, y) >= 0.45) along++;
  const beyond = (x0: number, dir: number) => {
    let n = 0;
    for (let d = 3; d <= 8; d++) if (ink(r, color, x0 + dir * d, y) >= 0.2) n++;
    return n;
  };
  const cap = (x0: number) =>
    ink(r, color, x0, y - 3) >= 0.3 && ink(r, color, x0, y + 3) >= 0.3 && ink(r, color, x0, y - 7) < 0.2 && ink(r, color, x0, y + 7) < 0.2;
  return { columns, along: along / columns, beyondHigh: beyond(xHigh, 1), beyondLow: beyond(xLow, -1), capHigh: cap(xHigh), capLow: cap(xLow) };
}

describe("the cost-vs-p99 chart's whiskers", () => {
  const SIZE = { width: 800, height: 400 };
  // gridInput's cell 5: p99 27 s and 29 s, cost $0.249 and $0.251: mean 28 s ± 12.7 s, $0.25 ± $0.0127. It meets
  // the SLO, is off the front and not recommended: a blue "cell" point alone in its column and its row.
  const input = gridInput();
  const row = input.rows[5]!;
  const p99 = estimateOf(row, P99)!;
  const cost = estimateOf(row, COST)!;
  const blue = parseColor(SERIES.sweepCell.color);
  const spec = paretoChart(input)!;

  // Catches: a whisker over the wrong interval (a standard error, a half-width drawn twice, the mean ± the
  // bounds), at the wrong place, in another colour than its point's, or without caps on closed ends. The control
  // lengthens the upper whisker by 3 s in the config.
  it("spans exactly the 95% interval of p99 up and down, and of cost across, with caps at the ends", () => {
    expect(p99.ci95High! - p99.ci95Low!).toBeCloseTo(2 * 12.706, 2);
    const r = keep(renderSpec(spec, SIZE));
    const v = verticalWhisker(r, blue, r.px("x", cost.mean!), p99.ci95Low!, p99.ci95High!);
    expect(v.rows).toBeGreaterThan(30);
    expect(v).toMatchObject({ along: 1, beyondHigh: 0, beyondLow: 0, capHigh: true, capLow: true });
    const h = horizontalWhisker(r, blue, r.px("y", p99.mean!), cost.ci95Low!, cost.ci95High!);
    expect(h.columns).toBeGreaterThan(20);
    expect(h).toMatchObject({ along: 1, beyondHigh: 0, beyondLow: 0, capHigh: true, capLow: true });
  });

  it("control: a whisker 3 s too long is caught past its cap", () => {
    const long = mutated(spec, (c) => {
      for (const d of c.data.datasets) for (const p of d.data) if (p.title?.startsWith("cell 5")) p.yHigh += 3;
    });
    const r = keep(renderSpec(long, SIZE));
    const v = verticalWhisker(r, blue, r.px("x", cost.mean!), p99.ci95Low!, p99.ci95High!);
    expect(v.beyondHigh).toBeGreaterThan(3);
    expect(v.capHigh).toBe(false);
  });
});

describe("the cost-vs-p99 chart's Pareto front", () => {
  const SIZE = { width: 800, height: 400 };
  // lineInput's front, by cost: cells 1 ($0.15, 60 s), 2 ($0.25, 25 s), 0 ($0.45, 12 s); their cost whiskers
  // ($0.0127 each side, in the front's colour) end well before the middles looked at.
  const input = lineInput();
  const front = input.rows
    .filter((row) => row.pareto === true)
    .map((row) => ({ cost: estimateOf(row, COST)!.mean!, p99: estimateOf(row, P99)!.mean! }))
    .sort((a, b) => a.cost - b.cost);
  const spec = paretoChart(input)!;
  const vermillion = parseColor(SERIES.paretoFront.color);

  /** Between each two front cells, at the middle of their costs: is the staircase at the left one's p99, and not at the right one's? */
  function treads(r: Rendered): { atLeft: boolean; atRight: boolean }[] {
    return front.slice(1).map((right, i) => {
      const left = front[i]!;
      const x = r.px("x", (left.cost + right.cost) / 2);
      // Dashed (6 on, 3 off): look 4 px either side for a dash.
      return { atLeft: r.maxCoverage(vermillion, x, r.px("y", left.p99), 4) >= 0.6, atRight: r.maxCoverage(vermillion, x, r.px("y", right.p99), 4) >= 0.3 };
    });
  }

  // Catches: the staircase stepped "after" (down first, then right: it would pass under the cells it joins and
  // draw a front that dominates them), or not stepped at all (straight segments). The control steps it "after".
  it("goes right from each front cell at its p99, then down to the next (every cell above and right of it is dominated)", () => {
    expect(front.map((f) => f.p99)).toEqual([60, 25, 12]);
    const r = keep(renderSpec(spec, SIZE));
    expect(treads(r)).toEqual(front.slice(1).map(() => ({ atLeft: true, atRight: false })));
  });

  it('control: a staircase stepped "after" is caught', () => {
    const after = mutated(spec, (c) => {
      for (const d of c.data.datasets) if (d.showLine === true) d.stepped = "after";
    });
    expect(treads(keep(renderSpec(after, SIZE))).every((t) => !t.atLeft && t.atRight)).toBe(true);
  });
});

// Cell 0: p99 0 s and 0.1 s at $0.02: mean 50 ms, interval 0.05 ± 0.635 s, its lower end below 0 and so below
// the foot (10 ms). Cell 1: p99 5.9 s and 6.1 s at $0.01. Cell 2: p99 0 twice (drawn at the foot), cost $0.030
// and $0.031. A log p99 axis with its foot at 10 ms; cell 0's whisker is cut at the foot: open, without a cap.
// All three are on the Pareto front (vermillion diamonds); cell 0 is inside the plot, cell 2 on its bottom edge.
const footInput: SweepReportInput = sweepInput(sweepDefinition([{ path: "fleet.instances", values: ["1", "2", "3"] }], { replications: 2 }), [
  [
    { p99: 0, cost: 0.02 },
    { p99: 0.1, cost: 0.02 },
  ],
  [
    { p99: 5.9, cost: 0.01 },
    { p99: 6.1, cost: 0.01 },
  ],
  [
    { p99: 0, cost: 0.03 },
    { p99: 0, cost: 0.031 },
  ],
]);

describe("the cost-vs-p99 chart on a log p99 axis", () => {
  const SIZE = { width: 800, height: 400 };
  const input = footInput;
  const spec = paretoChart(input)!;
  const vermillion = parseColor(SERIES.paretoFront.color);
  const first = estimateOf(input.rows[0]!, P99)!;
  const x = (r: Rendered) => r.px("x", estimateOf(input.rows[0]!, COST)!.mean!);

  // Catches: a cap drawn at a cut end (it would read as a lower bound of 10 ms), a cut whisker that stops short
  // of the foot or runs below it, a missing cap on the closed upper end. The control closes the lower end.
  it("draws an interval reaching below the foot down to the foot, without a cap there, the upper end capped", () => {
    expect(first.ci95Low).toBe(0); // the t interval goes below 0; clamped there (results.ts)
    const r = keep(renderSpec(spec, SIZE));
    expect(r.chart.scales.y!.type).toBe("logarithmic");
    const foot = r.chart.scales.y!.min;
    expect(foot).toBe(0.01);
    expect(x(r)).toBeLessThan(r.area.right - 50);
    const v = verticalWhisker(r, vermillion, x(r), foot, first.ci95High!);
    expect(v).toMatchObject({ along: 1, capHigh: true, capLow: false });
    // Nothing of it below the plot (a whisker's ends stop at the plot's edge).
    expect(v.beyondLow).toBe(0);
  });

  it("control: the same whisker with a closed lower end gets its cap, and is caught", () => {
    const closed = mutated(spec, (c) => {
      for (const d of c.data.datasets) for (const p of d.data) delete p.yLowOpen;
    });
    const r = keep(renderSpec(closed, SIZE));
    expect(verticalWhisker(r, vermillion, x(r), r.chart.scales.y!.min, first.ci95High!).capLow).toBe(true);
  });
});

describe("a whisker along the plot's edge", () => {
  // A whisker that runs ALONG the plot's edge (the cost interval of a p99 of 0 at a log axis's foot, the p99
  // interval of a point on the right edge) keeps both arms of its caps: the error bars are clipped a cap's width
  // outside the plot, as the points may overflow it by EDGE_OVERFLOW_PX. Clipped to the plot itself, the whisker
  // was half a pixel of faint colour on the axis line and its caps had their upper arm only.
  const SIZE = { width: 800, height: 400 };
  const input = footInput;
  const spec = paretoChart(input)!;
  const vermillion = parseColor(SERIES.paretoFront.color);

  it("draws the cost whisker of a p99 of 0 (at the foot) whole, its caps below the axis line as above it", () => {
    const r = keep(renderSpec(spec, SIZE));
    const cost = estimateOf(input.rows[2]!, COST)!;
    const foot = r.px("y", r.chart.scales.y!.min);
    expect(Math.abs(foot - r.area.bottom)).toBeLessThan(0.5);
    const h = horizontalWhisker(r, vermillion, foot, cost.ci95Low!, cost.ci95High!);
    expect(h.columns).toBeGreaterThan(100);
    expect(h).toMatchObject({ capLow: true, capHigh: true });
  });
});

describe("a point at a log axis's foot", () => {
  const SIZE = { width: 800, height: 400 };
  // roughInput's cell 0: p99 0.05 s and cost $0.02... and cell 2: p99 0 at cost $0.05, drawn at the foot; it is a
  // blue "cell" point (off the front), alone in its column.
  const input = roughInput();
  const spec = paretoChart(input)!;
  const blue = parseColor(SERIES.sweepCell.color);

  /** The point's pixels (its colour, within 8 px of its centre) above and below the x axis's line. */
  function halves(r: Rendered): { above: number; below: number } {
    const cx = r.px("x", 0.05);
    const axis = r.area.bottom;
    let above = 0;
    let below = 0;
    for (let y = Math.floor(axis) - 8; y <= Math.floor(axis) + 8; y++) {
      for (let x = Math.floor(cx) - 8; x <= Math.floor(cx) + 8; x++) {
        if (ink(r, blue, x, y) < 0.5) continue;
        if (y < axis - 1) above++;
        if (y > axis + 1) below++;
      }
    }
    return { above, below };
  }

  // Catches: datasets clipped to the plot (no `clip` margin, Chart.js's default when an axis has a fixed min):
  // the point at the foot is then cut in half and reads as a semicircle. The control removes the margin.
  it("is drawn whole: as much of it below the axis line as above", () => {
    expect(estimateOf(input.rows[2]!, P99)!.mean).toBe(0);
    const r = keep(renderSpec(spec, SIZE));
    expect(Math.abs(r.px("y", r.chart.scales.y!.min) - r.area.bottom)).toBeLessThan(0.5);
    const { above, below } = halves(r);
    expect(above).toBeGreaterThan(20);
    expect(below).toBeGreaterThan(0.6 * above);
  });

  it("control: without the clip margin the lower half is cut, and caught", () => {
    const clipped = mutated(spec, (c) => {
      for (const d of c.data.datasets) delete d.clip;
    });
    expect(halves(keep(renderSpec(clipped, SIZE))).below).toBe(0);
  });
});

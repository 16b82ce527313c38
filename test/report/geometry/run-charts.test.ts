// Where a run's charts draw things, on a real run (chart-fixtures' smallRun: two hours of 1-minute periods, a
// spike that makes the Auto Scaling group scale out and in, alarms going into ALARM), simulated once for the file.
// What is expected comes from the run itself where it can (its period series and activity log), not from the
// chart configs, so that a builder that misplaces what it is given fails too; the controls draw the same chart
// with one mistake made, to show that the check sees it.
import { afterAll, describe, expect, it } from "vitest";
import { buildCharts } from "../../../src/report/charts/index.js";
import { histogramRange, latencyBins, logEdges } from "../../../src/report/charts/latency-bins.js";
import { ALARM_HIGH_BAND, ALARM_LOW_BAND, SERIES } from "../../../src/report/charts/series-style.js";
import { type RunData } from "../../../src/report/run-data.js";
import { smallRun } from "../chart-fixtures.js";
import { chartById, datasetsOf } from "../charts/fixtures.js";
import { coverage, mutated, near, parseColor, type Rendered, type Rgb, renderSpec } from "./geometry-kit.js";

const SIZE = { width: 1200, height: 600 };
const rendered: Rendered[] = [];
const keep = (r: Rendered): Rendered => (rendered.push(r), r);
afterAll(() => {
  for (const r of rendered.splice(0)) r.chart.destroy();
});

const run = smallRun();
const charts = buildCharts(run);

function column(run: RunData, name: string): number[] {
  const i = run.series.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no column ${name}`);
  return run.series.values[i]!;
}

describe("the queue chart", () => {
  const spec = chartById(charts, "queue");
  let drawn: Rendered | undefined;
  const plain = (): Rendered => (drawn ??= keep(renderSpec(spec, SIZE)));
  const blue = parseColor(SERIES.visible.color);
  const times = column(run, "time_s");
  const visible = column(run, "ApproximateNumberOfMessagesVisible_msgs");

  /** The periods whose (end time, visible messages) the visible line misses (nothing of its colour within 1.5 px). */
  function missedPeriods(r: Rendered): number[] {
    const missed: number[] = [];
    times.forEach((t, k) => {
      if (!r.hasNear(blue, r.px("x", t), r.px("y", visible[k]!), 1.5)) missed.push(k);
    });
    return missed;
  }

  // Catches: points placed at the start of their period (or anywhere but its end), the visible series not the
  // bottom of the stack (its line would be drawn at visible + in flight), the wrong column, a wrong y axis. The
  // control shifts the points one period to the left.
  it("draws the visible line through every period's (end time, visible messages) of the run's series", () => {
    expect(times.length).toBe(120);
    expect(missedPeriods(plain())).toEqual([]);
  });

  it("control: the same line one period early misses the spike's periods", () => {
    const period = run.series.periodSeconds;
    const early = mutated(spec, (c) => {
      c.data.datasets[0].data = c.data.datasets[0].data.map((p: { x: number; y: number }) => ({ ...p, x: p.x - period }));
    });
    expect(missedPeriods(keep(renderSpec(early, SIZE))).length).toBeGreaterThan(5);
  });

  // Catches: a time axis that does not span the run (rounded out to a nice 130 min, starting at the first period's
  // end, or in minutes while the points are in seconds); the checks above read pixels through the axis, so they
  // would not see it.
  it("spans the time axis from 0 at the plot's left edge to the run's end at its right edge", () => {
    const r = plain();
    expect(Math.abs(r.px("x", 0) - r.area.left)).toBeLessThan(0.5);
    expect(Math.abs(r.px("x", run.context.durationSeconds) - r.area.right)).toBeLessThan(0.5);
    expect(run.context.durationSeconds).toBe(times[times.length - 1]);
  });

  /** Pixels of the visible line's colour (solid or its fill's tint) outside the plot and outside the legend. */
  function strayPixels(r: Rendered): { x: number; y: number }[] {
    const a = r.area;
    const legend = r.chart.legend!;
    const inPlot = (x: number, y: number) => x >= a.left - 2 && x <= a.right + 2 && y >= a.top - 2 && y <= a.bottom + 2;
    const inLegend = (x: number, y: number) => x >= legend.left && x <= legend.right && y >= legend.top && y <= legend.bottom;
    return r.find((x, y, c) => !inPlot(x, y) && !inLegend(x, y) && coverage(c, blue, 16) >= 0.25);
  }

  // Catches: datasets that are not clipped to the plot (clip: false, or a clip margin like the sweep charts' 10 px
  // on a chart whose lines reach the axes' ends), the fill spilling under the axes. The control caps the y axis at
  // 2,000 messages with clipping off: the spike (7,000) then runs over the title.
  it("draws nothing of the visible series' colour outside the plot, but for its legend sample", () => {
    expect(strayPixels(plain())).toEqual([]);
  });

  it("control: unclipped data past the axis's end is caught", () => {
    const spilled = mutated(spec, (c) => {
      c.options.scales.y.max = 2000;
      c.data.datasets[0].clip = false;
    });
    expect(strayPixels(keep(renderSpec(spilled, SIZE))).length).toBeGreaterThan(100);
  });
});

/** The stretches each alarm spent in ALARM, read from the activity log here rather than from the chart. */
function inAlarm(run: RunData, alarm: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from: number | null = null;
  for (const a of run.activities) {
    if (a.kind !== "alarm" || a.source !== alarm) continue;
    if (a.after === "ALARM" && from === null) from = a.timeS;
    else if (a.after !== "ALARM" && from !== null) out.push({ from, to: a.timeS }), (from = null);
  }
  if (from !== null) out.push({ from, to: run.context.durationSeconds });
  return out;
}

describe("the scaling-signal chart's ALARM bands", () => {
  const spec = chartById(charts, "scaling-signal");
  const high = inAlarm(run, "TargetTracking-1-AlarmHigh");
  const low = inAlarm(run, "TargetTracking-1-AlarmLow");

  /** The share of a column's rows (in the plot's upper 80%, away from the band's label) that are the band's tint. */
  function tinted(r: Rendered, tint: Rgb, x: number, rows: { from: number; to: number }): number {
    let n = 0;
    let all = 0;
    for (let y = Math.ceil(rows.from); y <= Math.floor(rows.to); y++, all++) if (near(r.rgb(x, y), tint, 4)) n++;
    return n / all;
  }

  /** For each band: its tint fills the columns 2 px inside its edges and none 2 px outside them, top to bottom. */
  function bandEdges(r: Rendered, band: { from: number; to: number }, tint: Rgb) {
    const a = r.area;
    const upper = { from: a.top + 1, to: a.top + 0.8 * (a.bottom - a.top) };
    const left = r.px("x", band.from);
    const right = r.px("x", band.to);
    return {
      insideLeft: tinted(r, tint, left + 2, upper),
      insideRight: tinted(r, tint, right - 2, upper),
      outsideLeft: tinted(r, tint, left - 2, upper),
      outsideRight: tinted(r, tint, right + 2, upper),
      // Within the plot's height, not above it.
      aboveTop: tinted(r, tint, (left + right) / 2, { from: a.top - 6, to: a.top - 2 }),
      atTop: tinted(r, tint, (left + right) / 2, { from: a.top + 1, to: a.top + 4 }),
    };
  }

  // Catches: a band from the wrong times (period ends instead of the transitions, milliseconds for seconds), a
  // width computed as `right` instead of `right - left`, swapped from/to, a band not clipped to the plot's height,
  // the wrong tint for scale-out (red) and scale-in (blue) alarms. The control moves one band by a minute.
  it("shades exactly the x pixels between each stretch in ALARM's start and end, in its alarm's tint", () => {
    expect(high.length).toBeGreaterThan(0);
    expect(low.length).toBeGreaterThan(0);
    const r = keep(renderSpec(spec, SIZE));
    const cases = [...high.map((b) => ({ b, tint: parseColor(ALARM_HIGH_BAND) })), ...low.map((b) => ({ b, tint: parseColor(ALARM_LOW_BAND) }))];
    for (const { b, tint } of cases) {
      const e = bandEdges(r, b, tint);
      const label = `band ${b.from}-${b.to} s: ${JSON.stringify(e)}`;
      expect(e.insideLeft, label).toBeGreaterThan(0.6); // lines cross the band: the spike runs up its left edge
      expect(e.insideRight, label).toBeGreaterThan(0.6);
      expect(e.atTop, label).toBe(1);
      expect(e.outsideLeft, label).toBe(0);
      expect(e.outsideRight, label).toBe(0);
      expect(e.aboveTop, label).toBe(0);
    }
  });

  it("control: a band a minute late is caught at both edges", () => {
    const late = mutated(spec, (c) => {
      for (const b of c.options.plugins.sqsSimAnnotations.bands) if (b.from === high[0]!.from) (b.from += 60), (b.to += 60);
    });
    const e = bandEdges(keep(renderSpec(late, SIZE)), high[0]!, parseColor(ALARM_HIGH_BAND));
    expect(e.insideLeft).toBe(0);
    expect(e.outsideRight).toBeGreaterThan(0.8);
  });
});

describe("the fleet chart's scaling-activity lines", () => {
  const spec = chartById(charts, "fleet");
  const activities = run.activities
    .filter((a) => a.kind === "scaling" && Number(a.before) !== Number(a.after))
    .map((a) => ({
      at: a.timeS,
      after: Number(a.after),
      color: parseColor(Number(a.after) > Number(a.before) ? SERIES.scaleOut.color : SERIES.scaleIn.color),
    }));

  /**
   * The share of the plot's rows where the pixels covering x (the one or two columns a 1-pixel line there
   * touches) carry `color`, leaving out the rows of the activity's marker (drawn at its new capacity).
   */
  function lineShare(r: Rendered, x: number, color: Rgb, markerY: number): number {
    const a = r.area;
    let n = 0;
    let all = 0;
    for (let y = Math.ceil(a.top) + 1; y < a.bottom - 1; y++) {
      if (Math.abs(y - markerY) < 12) continue;
      all++;
      const c = Math.max(coverage(r.rgb(x - 0.5, y), color, 16), coverage(r.rgb(x + 0.5, y), color, 16));
      if (c >= 0.3) n++;
    }
    return n / all;
  }

  function placement(r: Rendered) {
    return activities.map((act) => {
      const x = r.px("x", act.at);
      const markerY = r.px("y", act.after);
      return {
        at: act.at,
        on: lineShare(r, x, act.color, markerY),
        before: lineShare(r, x - 5, act.color, markerY),
        after: lineShare(r, x + 5, act.color, markerY),
      };
    });
  }

  // Catches: a line at the wrong time (the period's end, milliseconds), on the wrong axis, in the other kind's
  // colour, solid instead of dashed [2, 3] (then ~100% of rows, not 35-60%), or missing. The control moves the
  // lines by half a minute.
  it("draws a dashed vertical line at each scaling activity's time, in its kind's colour", () => {
    expect(activities.length).toBe(3);
    const r = keep(renderSpec(spec, SIZE));
    for (const p of placement(r)) {
      // Datasets are drawn over the lines, so where capacity lines cross one some of its dashes are hidden.
      expect(p.on, JSON.stringify(p)).toBeGreaterThan(0.2);
      expect(p.on, JSON.stringify(p)).toBeLessThan(0.75); // dashed: 2 on, 3 off (a solid line would be ~1)
      expect(p.before, JSON.stringify(p)).toBeLessThan(0.03);
      expect(p.after, JSON.stringify(p)).toBeLessThan(0.03);
    }
  });

  it("control: lines half a minute late are caught", () => {
    const late = mutated(spec, (c) => {
      for (const l of c.options.plugins.sqsSimAnnotations.lines) l.at += 30;
    });
    for (const p of placement(keep(renderSpec(late, SIZE)))) expect(p.on, JSON.stringify(p)).toBeLessThan(0.05);
  });
});

describe("the latency chart's share per bin", () => {
  // The real builder on a real run: each bin's share of the queue waits is drawn over that bin, from its lower
  // edge to its upper one on the log axis. The bins come from the run's histogram through latency-bins (the
  // model of the bins, tested on its own in charts/latency-bins.test.ts), not from the chart's points. Only the
  // queue-wait share is shown (the other datasets hidden, the p99 lines dropped) so that nothing else of its
  // colour is in the way; the pixels are read through the chart's own scales.
  // Catches: stepped "after" in the builder or in styledDataset, points placed at bin ends or centres instead of
  // starts, a missing closing point (the last bin not drawn), shares as fractions on a percent axis. The control
  // makes the first of these.
  const spec = chartById(charts, "latency");
  const shareIndex = datasetsOf(spec).findIndex((d) => d.label === `${SERIES.queueWait.label}: share per bin`);
  /** The chart with only the queue-wait share shown; `stepped` replaces the builder's setting (for the control). */
  const only = (stepped?: string) =>
    mutated(spec, (c) => {
      c.data.datasets.forEach((d: Record<string, unknown>, i: number) => {
        if (i !== shareIndex) d.hidden = true;
        else if (stepped !== undefined) d.stepped = stepped;
      });
      c.options.plugins.sqsSimAnnotations = { lines: [] };
    });
  const color = parseColor(SERIES.queueWait.color);
  const range = histogramRange([run.histograms.queueWait, run.histograms.endToEnd])!;
  const edges = logEdges(range.lowS, range.highS);
  const percents = latencyBins(run.histograms.queueWait, edges).shares.map((s) => s * 100);

  /** For each bin, whether its share's level (and not its neighbours') crosses the bin's middle on the log axis. */
  function binsDrawnOverThemselves(r: Rendered): { bin: number; ok: boolean }[] {
    return percents.map((share, i) => {
      const mid = Math.sqrt(edges[i]! * edges[i + 1]!);
      const here = r.hasNear(color, r.px("x", mid), r.px("y", share), 2);
      // A neighbouring bin's level may be drawn there only if it is at the same height.
      const neighbours = [percents[i - 1], percents[i + 1]].filter((p): p is number => p !== undefined && Math.abs(r.px("y", p) - r.px("y", share)) > 5);
      const elsewhere = neighbours.some((p) => r.hasNear(color, r.px("x", mid), r.px("y", p), 1));
      return { bin: i, ok: here && !elsewhere };
    });
  }

  it("draws each bin's share over that bin", () => {
    expect(percents.length).toBe(edges.length - 1);
    expect(percents.length).toBeGreaterThan(10);
    const r = keep(renderSpec(only(), SIZE));
    expect(binsDrawnOverThemselves(r).filter((b) => !b.ok)).toEqual([]);
  });

  it('control: stepped "after" (one bin to the left) fails the check', () => {
    const r = keep(renderSpec(only("after"), SIZE));
    expect(binsDrawnOverThemselves(r).filter((b) => !b.ok).length).toBeGreaterThan(3);
  });
});

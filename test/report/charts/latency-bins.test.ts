// Re-binning recorded latency histograms into 1-2-5 bins, and the latency chart built from them.
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../../src/report/charts/index.js";
import { histogramQuantile, histogramRange, latencyBins, logEdges, tickMantissas } from "../../../src/report/charts/latency-bins.js";
import { chartById, datasetsOf, FIXED_YAML, handHistogram, optionsOf, runYaml } from "./fixtures.js";

const mantissa = (e: number): number => Number((e / 10 ** Math.floor(Math.log10(e))).toPrecision(3));
const RANGES: [number, number][] = [
  [1, 100],
  [1.5, 100],
  [2, 100],
  [3, 100],
  [5, 100],
  [7, 100],
  [9.99, 10],
  [0.0004, 2],
  [0.001, 0.9],
  [1e-6, 3600],
  [0.0123, 0.0124],
  [0.25, 90.25],
  [120, 86_400],
];

describe("logEdges", () => {
  it("logEdges gives increasing 1-2-5 edges from at or below low to at or above high", () => {
    for (const [low, high] of RANGES) {
      const edges = logEdges(low, high);
      const at = `logEdges(${low}, ${high}) = ${edges.join(", ")}`;
      expect(edges.length, at).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < edges.length; i++) expect(edges[i]!, at).toBeGreaterThan(edges[i - 1]!);
      for (const e of edges) expect([1, 2, 5], at).toContain(mantissa(e));
      expect(edges[0]!, at).toBeLessThanOrEqual(low);
      expect(edges[edges.length - 1]!, at).toBeGreaterThanOrEqual(high);
      // Exactly one edge at or above high: the axis ends at the first edge past the data.
      expect(
        edges.filter((e) => e >= high),
        at,
      ).toHaveLength(1);
    }
  });

  it("logEdges keeps exactly one edge at or below low when low is a 1-2-5 edge or just past 1×10^k", () => {
    for (const [low, first] of [
      [1, 1],
      [1.5, 1],
      [0.001, 0.001],
      [0.0015, 0.001],
      [1e-6, 1e-6],
    ] as const) {
      const edges = logEdges(low, 100);
      expect(edges[0], `logEdges(${low}, 100)`).toBe(first);
      expect(
        edges.filter((e) => e <= low),
        `logEdges(${low}, 100) = ${edges.join(", ")}`,
      ).toHaveLength(1);
    }
  });

  // Regression test for a bug the first version of the charts had.
  it("logEdges keeps exactly one edge at or below low for any low (e.g. 2, 3, 7, 0.0004)", () => {
    for (const low of [2, 3, 5, 7, 0.0004, 0.03]) {
      const edges = logEdges(low, 100);
      expect(
        edges.filter((e) => e <= low),
        `logEdges(${low}, 100) = ${edges.join(", ")}`,
      ).toHaveLength(1);
    }
  });
});

describe("latencyBins", () => {
  const edges = [0.001, 0.002, 0.005, 0.01];
  const h = handHistogram([
    { lowerS: 0, upperS: 1e-6, count: 10 }, // the zero bucket
    { lowerS: 0.0001, upperS: 0.00011, count: 2 }, // below the first edge: into the first bin
    { lowerS: 0.0015, upperS: 0.0016, count: 5 },
    { lowerS: 0.00199, upperS: 0.00202, count: 4 }, // straddles 0.002, midpoint just past it: second bin
    { lowerS: 0.003, upperS: 0.0031, count: 3 },
    { lowerS: 0.02, upperS: 0.021, count: 3 }, // above the last edge: into the last bin
  ]);

  it("latencyBins puts each bucket whole into the bin of its midpoint, the zero bucket into zeroShare", () => {
    const b = latencyBins(h, edges);
    expect(h.count).toBe(27);
    expect(b.edges).toEqual(edges);
    expect(b.zeroShare).toBeCloseTo(10 / 27, 12);
    expect(b.shares.map((s) => s * 27)).toEqual([7, 7, 3].map((n) => expect.closeTo(n, 9)));
  });

  it("latencyBins shares and zeroShare sum to 1, and the cumulative ends at 1", () => {
    const b = latencyBins(h, edges);
    expect(Math.abs(b.shares.reduce((a, s) => a + s, 0) + b.zeroShare - 1)).toBeLessThan(1e-12);
    expect(b.cumulative).toHaveLength(edges.length - 1);
    expect(Math.abs(b.cumulative[b.cumulative.length - 1]! - 1)).toBeLessThan(1e-12);
    expect(b.cumulative[0]).toBeCloseTo(b.zeroShare + b.shares[0]!, 12);
    for (let i = 1; i < b.cumulative.length; i++) expect(b.cumulative[i]!).toBeGreaterThanOrEqual(b.cumulative[i - 1]!);
  });

  it("latencyBins of a histogram with only zero waits gives zeroShare 1 and empty bins", () => {
    const b = latencyBins(handHistogram([{ lowerS: 0, upperS: 1e-6, count: 4 }]), edges);
    expect(b.zeroShare).toBe(1);
    expect(b.shares).toEqual([0, 0, 0]);
    expect(b.cumulative).toEqual([1, 1, 1]);
  });

  it("latencyBins sums to 1 on a wide real-looking histogram over its own logEdges", () => {
    const buckets = Array.from({ length: 400 }, (_, i) => {
      const lowerS = 1e-4 * 1.03 ** i;
      return { lowerS, upperS: lowerS * 1.0078125, count: 1 + ((i * 37) % 11) };
    });
    const wide = handHistogram([{ lowerS: 0, upperS: 1e-6, count: 50 }, ...buckets]);
    const range = histogramRange([wide])!;
    const b = latencyBins(wide, logEdges(range.lowS, range.highS));
    expect(Math.abs(b.shares.reduce((a, s) => a + s, 0) + b.zeroShare - 1)).toBeLessThan(1e-12);
    expect(Math.abs(b.cumulative[b.cumulative.length - 1]! - 1)).toBeLessThan(1e-12);
  });
});

describe("histogramRange", () => {
  it("histogramRange trims the lowest 0.1% of the non-zero values off the low end", () => {
    const trimmed = handHistogram([
      { lowerS: 0, upperS: 1e-6, count: 5000 }, // zero waits do not count toward the 0.1%
      { lowerS: 1e-5, upperS: 1.01e-5, count: 9 }, // 9 of 10,000 non-zero: under 0.1%
      { lowerS: 0.01, upperS: 0.0101, count: 9991 },
      { lowerS: 2, upperS: 2.02, count: 0 + 1 },
    ]);
    expect(histogramRange([trimmed])).toEqual({ lowS: 0.01, highS: 2.02 });
    const kept = handHistogram([
      { lowerS: 1e-5, upperS: 1.01e-5, count: 10 }, // 10 of 10,000: exactly 0.1%, kept
      { lowerS: 0.01, upperS: 0.0101, count: 9990 },
    ]);
    expect(histogramRange([kept])).toEqual({ lowS: 1e-5, highS: 0.0101 });
  });

  it("histogramRange spans several histograms: the lowest low, the highest high", () => {
    const a = handHistogram([{ lowerS: 0.5, upperS: 0.51, count: 3 }]);
    const b = handHistogram([
      { lowerS: 0.02, upperS: 0.0202, count: 3 },
      { lowerS: 0.1, upperS: 0.101, count: 1 },
    ]);
    expect(histogramRange([a, b])).toEqual({ lowS: 0.02, highS: 0.51 });
  });

  it("histogramRange is null when there are no non-zero values, and never goes below 1 µs", () => {
    expect(histogramRange([])).toBeNull();
    expect(histogramRange([handHistogram([{ lowerS: 0, upperS: 1e-6, count: 8 }])])).toBeNull();
    expect(
      histogramRange([
        handHistogram([
          { lowerS: 1e-9, upperS: 1.1e-9, count: 8 },
          { lowerS: 1, upperS: 1.01, count: 1 },
        ]),
      ])!.lowS,
    ).toBe(1e-6);
  });
});

describe("tickMantissas", () => {
  it("tickMantissas labels 1, 2 and 5 over up to 4 decades, only powers of ten over more", () => {
    expect(tickMantissas([0.001, 0.002, 0.005, 10])).toEqual([1, 2, 5]);
    expect(tickMantissas([0.001, 100])).toEqual([1]);
  });
});

describe("the latency chart of a run", () => {
  const run = runYaml(FIXED_YAML);
  const spec = chartById(buildCharts(run), "latency");
  const ds = datasetsOf(spec);

  it("latency chart's cumulative lines start at the share of zero waits and end at 100%", () => {
    for (const key of ["queueWait", "endToEnd"] as const) {
      const label = key === "queueWait" ? "queue wait" : "end to end";
      const cdf = ds.find((d) => d.label === `${label}: cumulative`)!.data as { x: number; y: number }[];
      const h = run.histograms[key];
      const zero = (h.buckets.find((b) => b.lowerS === 0)?.count ?? 0) / h.count;
      const shares = ds.find((d) => d.label === `${label}: share per bin`)!.data as { x: number; y: number }[];
      // The line starts at the axis's left edge with everything below it: the zeros and the trimmed low tail.
      const lowS = shares[0]!.x;
      const below = h.buckets.filter((b) => b.lowerS === 0 || b.upperS < lowS).reduce((n, b) => n + b.count, 0) / h.count;
      expect(cdf[0]).toEqual({ x: lowS, y: expect.closeTo(below * 100, 3) });
      expect(cdf[0]!.y).toBeGreaterThanOrEqual(zero * 100 - 1e-9);
      expect(cdf[cdf.length - 1]!.y).toBeCloseTo(100, 3);
      for (let i = 1; i < cdf.length; i++) expect(cdf[i]!.y).toBeGreaterThanOrEqual(cdf[i - 1]!.y);
      // One point per recorded bucket from the left edge on: far finer than the 1-2-5 bins.
      expect(cdf.length).toBeGreaterThan(shares.length);
      // Stepped "before": each bin's share holds from its lower edge to the next; the last edge repeats the last bin.
      expect(ds.find((d) => d.label === `${label}: share per bin`)!.stepped).toBe("before");
      expect(shares.slice(0, -1).reduce((a, p) => a + p.y, 0) + zero * 100).toBeCloseTo(100, 2);
    }
  });

  it("latency chart marks p50, p90 and p99 of both measures on the cumulative axis, or names those below the axis in the subtitle", () => {
    const marks = ds.find((d) => d.label === "p50, p90, p99")!;
    expect(marks).toMatchObject({ type: "scatter", yAxisID: "cdf" });
    const x = optionsOf(spec).scales.x as { min: number; max: number };
    const subtitle = optionsOf(spec).plugins.subtitle.text as string;
    const expected: number[] = [];
    for (const key of ["queueWait", "endToEnd"] as const) {
      const l = run.summary.latency[key];
      for (const [q, v] of [
        [50, l.p50],
        [90, l.p90],
        [99, l.p99],
      ] as const) {
        if (v >= x.min) expected.push(q);
        else expect(subtitle).toContain(`${key === "queueWait" ? "queue wait" : "end to end"} p${q} = `);
      }
    }
    // This run has both: its queue waits are mostly 0, its end-to-end times are not.
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(marks.data.map((p: { y: number }) => p.y)).toEqual(expected);
    for (const p of marks.data as { x: number }[]) {
      expect(p.x).toBeGreaterThanOrEqual(x.min);
      expect(p.x).toBeLessThanOrEqual(x.max);
    }
    expect(x.min).toBe(ds[0]!.data[0].x);
  });

  it("latency chart's subtitle gives the message counts and the share at 0", () => {
    const subtitle = optionsOf(spec).plugins.subtitle.text as string;
    expect(subtitle).toContain(`queue wait: ${run.histograms.queueWait.count.toLocaleString("en-US")} messages`);
    expect(subtitle).toMatch(/queue wait: \d+(\.\d)?% at 0/);
  });
});

describe("histogramQuantile", () => {
  const run = runYaml(FIXED_YAML);
  it("histogramQuantile agrees with summary.json's percentiles (rounded there to the microsecond)", () => {
    for (const key of ["queueWait", "endToEnd"] as const) {
      const s = run.summary.latency[key];
      for (const [q, expected] of [
        [0.5, s.p50],
        [0.9, s.p90],
        [0.99, s.p99],
      ] as const) {
        const got = histogramQuantile(run.histograms[key], q);
        if (expected === 0) expect(got).toBe(0);
        else expect(got).toBeCloseTo(expected, 6);
      }
    }
    expect(run.summary.latency.endToEnd.p99).toBeGreaterThan(0);
  });

  it("histogramQuantile of a hand-made histogram picks the bucket where the cumulative count reaches q", () => {
    const h = {
      count: 10,
      sumSeconds: 0,
      buckets: [
        { lowerS: 0, upperS: 1e-6, count: 5 },
        { lowerS: 1, upperS: 2, count: 4 },
        { lowerS: 10, upperS: 12, count: 1 },
      ],
    };
    expect(histogramQuantile(h, 0.5)).toBe(0);
    expect(histogramQuantile(h, 0.6)).toBe(1.5);
    expect(histogramQuantile(h, 0.9)).toBe(1.5);
    // Rank ⌊0.99 × 9⌋ = 8 is the 9th value, still in the second bucket; only q = 1 reaches the last.
    expect(histogramQuantile(h, 0.99)).toBe(1.5);
    expect(histogramQuantile(h, 1)).toBe(11);
  });
});

// The sweep's one list of metrics (src/sweep/metrics.ts): each is defined once with its kind and heading, and the
// --slo vocabulary, the report's formats and its column headings read them from there.
import { describe, expect, it } from "vitest";
import { METRIC_NAMES, SLO_METRICS, SWEEP_METRICS } from "../../src/sweep/index.js";
import { sweepMetric } from "../../src/sweep/metrics.js";
import { parseSlo } from "../../src/sweep/slo.js";

describe("the sweep's metrics", () => {
  it("sweepMetric finds each metric by its name, and nothing else", () => {
    for (const m of SWEEP_METRICS) expect(sweepMetric(m.name)).toBe(m);
    expect(sweepMetric("queue_wait_p99")).toBeUndefined();
    expect(sweepMetric("toString")).toBeUndefined();
  });

  it("the --slo vocabulary names each metric once, with the metric's own kind", () => {
    const named = Object.values(SLO_METRICS).map((s) => s.metric);
    expect([...named].sort()).toEqual([...METRIC_NAMES].sort());
    for (const [friendly, { metric, kind }] of Object.entries(SLO_METRICS)) expect(kind, friendly).toBe(sweepMetric(metric)!.kind);
  });

  it("an --slo value is read as its metric's kind says: a duration, dollars or a plain number", () => {
    for (const [friendly, { metric, kind }] of Object.entries(SLO_METRICS)) {
      const [text, value] = kind === "duration" ? ["2m", 120] : kind === "usd" ? ["$1.50", 1.5] : ["12", 12];
      expect(parseSlo(`${friendly}<=${text}`), friendly).toMatchObject({ metric, op: "<=", value });
    }
  });

  it("every metric has a heading of its own for the report's table", () => {
    const headings = SWEEP_METRICS.map((m) => m.heading);
    expect(new Set(headings).size).toBe(SWEEP_METRICS.length);
    for (const h of headings) expect(h.trim()).not.toBe("");
  });
});

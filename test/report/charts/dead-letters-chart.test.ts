// The dead-letters chart: the dead-letter queue's depth and the messages moved to it or deleted by retention, drawn
// only for a run that has a dead-letter queue or lost messages to retention.
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../../src/report/charts/index.js";
import { renderChartPng } from "../../../src/report/render-png.js";
import { drawnFraction, pngSize } from "../chart-fixtures.js";
import { chartById, datasetsOf, DELAY_DLQ_YAML, FIXED_YAML, optionsOf, runYaml, withRun } from "./fixtures.js";

const withDlq = runYaml(DELAY_DLQ_YAML);
// No redrive policy and a short retention: the poison messages cycle until retention deletes them.
const expiring = runYaml(DELAY_DLQ_YAML, ["queue.deadLetter=null", "queue.retention=5m"]);
const fixed = runYaml(FIXED_YAML);

const ids = (run: typeof fixed): string[] => buildCharts(run).map((c) => c.id);
const column = (run: typeof fixed, name: string): number[] => run.series.values[run.series.columns.findIndex((c) => c.name === name)]!;

describe("the dead-letters chart", () => {
  it("is left out of a run with neither a dead-letter queue nor expired messages", () => {
    expect(fixed.summary.deadLetterQueue).toBeNull();
    expect(fixed.summary.messages.expired).toBe(0);
    expect(ids(fixed)).not.toContain("dead-letters");
  });

  it("is drawn for a run with a dead-letter queue, after throughput: its depth, and the messages moved per period", () => {
    expect(withDlq.summary.messages.deadLettered).toBeGreaterThan(0);
    expect(ids(withDlq)).toEqual(["queue", "waiting", "throughput", "dead-letters", "latency", "cost"]);
    const spec = chartById(buildCharts(withDlq), "dead-letters");
    const sets = datasetsOf(spec);
    const depth = sets.find((d) => d.label === "messages in the dead-letter queue")!;
    expect(depth.data.map((p: { y: number }) => p.y)).toEqual(column(withDlq, "dead_letter_queue_depth_msgs"));
    expect(depth.yAxisID).toBe("y");
    const moved = sets.find((d) => String(d.label).startsWith("moved to the dead-letter queue"))!;
    expect(moved.label).toBe(`moved to the dead-letter queue (total ${withDlq.summary.messages.deadLettered.toLocaleString("en-US")})`);
    expect(moved.data.map((p: { y: number }) => p.y)).toEqual(column(withDlq, "dead_lettered_msgs"));
    expect(moved.yAxisID).toBe("flows");
    // Nothing expired: no expired line, and the paragraph does not talk about one.
    expect(withDlq.summary.messages.expired).toBe(0);
    expect(sets.some((d) => String(d.label).startsWith("expired"))).toBe(false);
    expect(optionsOf(spec).scales.flows).toMatchObject({ position: "right" });
    expect(spec.howToRead).toContain("maxReceiveCount");
    expect(spec.howToRead).not.toContain("retention period deleted");
  });

  it("is drawn for a run without a dead-letter queue whose messages expired: the expired line only", () => {
    expect(expiring.summary.deadLetterQueue).toBeNull();
    expect(expiring.summary.messages.expired).toBeGreaterThan(0);
    expect(ids(expiring)).toContain("dead-letters");
    const spec = chartById(buildCharts(expiring), "dead-letters");
    const sets = datasetsOf(spec);
    expect(sets.map((d) => d.label)).toEqual([`expired (total ${expiring.summary.messages.expired.toLocaleString("en-US")})`]);
    expect(sets[0]!.data.map((p: { y: number }) => p.y)).toEqual(column(expiring, "expired_msgs"));
    expect(sets[0]!.yAxisID).toBe("y");
    expect(optionsOf(spec).scales.flows).toBeUndefined();
    expect(spec.howToRead).toContain("retention period deleted");
    expect(spec.howToRead).not.toContain("maxReceiveCount");
  });

  it("reads a saved run whose summary has no deadLetterQueue key (older versions) by its columns", () => {
    const { deadLetterQueue: _, ...older } = withDlq.summary;
    const run = withRun(withDlq, { summary: older as typeof withDlq.summary });
    const sets = datasetsOf(chartById(buildCharts(run), "dead-letters"));
    expect(sets.map((d) => d.label)).toContain("messages in the dead-letter queue");
  });

  it("renders into a PNG with drawn pixels", async () => {
    const png = renderChartPng(chartById(buildCharts(withDlq), "dead-letters"));
    expect(pngSize(png)).toEqual({ width: 1200, height: 600 });
    expect(await drawnFraction(png)).toBeGreaterThan(0.01);
  });
});

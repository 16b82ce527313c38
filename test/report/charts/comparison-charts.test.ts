// Several runs on shared axes: labels that tell them apart, one line per run in a fixed style per position.
import { describe, expect, it } from "vitest";
import { buildComparisonCharts, runLabels } from "../../../src/report/charts/index.js";
import { RUN_STYLES } from "../../../src/report/charts/series-style.js";
import { type RunData } from "../../../src/report/run-data.js";
import {
  ASG_YAML,
  chartById,
  datasetsOf,
  DELAY_DLQ_YAML,
  FIXED_YAML,
  isTimeChart,
  NO_CONSUMERS_YAML,
  optionsOf,
  runYaml,
  withoutColumns,
  withRun,
} from "./fixtures.js";

const asg = runYaml(ASG_YAML);
const fixed = runYaml(FIXED_YAML);
const delayDlq = runYaml(DELAY_DLQ_YAML);
const noConsumers = runYaml(NO_CONSUMERS_YAML);

const renamed = (run: RunData, scenarioName: string, seed = run.context.seed): RunData => withRun(run, { context: { ...run.context, scenarioName, seed } });

const TIME_IDS = ["compare-backlog", "compare-instances", "compare-age", "compare-queue-wait-p99", "compare-deleted", "compare-cost"];
const CDF_IDS = ["compare-queue-wait-cdf", "compare-end-to-end-cdf"];

describe("runLabels", () => {
  it("runLabels uses the scenario names when they differ", () => {
    expect(runLabels([asg, fixed])).toEqual(["charts-asg", "charts-fixed"]);
  });

  it("runLabels disambiguates equal scenario names by seed", () => {
    expect(runLabels([renamed(asg, "same", 1), renamed(fixed, "same", 2), renamed(delayDlq, "other", 1)])).toEqual([
      "same (seed 1)",
      "same (seed 2)",
      "other (seed 1)",
    ]);
  });

  it("runLabels disambiguates equal names and seeds by position", () => {
    expect(runLabels([renamed(asg, "same", 1), renamed(fixed, "same", 1)])).toEqual(["#1 same (seed 1)", "#2 same (seed 1)"]);
  });
});

describe("buildComparisonCharts", () => {
  const charts = buildComparisonCharts([asg, fixed]);

  it("buildComparisonCharts on two runs gives every comparison chart, the redeliveries where they differ", () => {
    expect(asg.summary.messages.redelivered).toBeGreaterThan(0);
    expect(fixed.summary.messages.redelivered).toBe(0);
    expect(charts.map((c) => c.id)).toEqual([...TIME_IDS.slice(0, 5), "compare-redelivered", ...TIME_IDS.slice(5), ...CDF_IDS]);
  });

  it("buildComparisonCharts gives one dataset per run per chart, in the order given, in distinct run styles", () => {
    for (const spec of charts) {
      const ds = datasetsOf(spec);
      expect(
        ds.map((d) => d.label),
        spec.id,
      ).toEqual(["charts-asg", "charts-fixed"]);
      expect(
        ds.map((d) => d.borderColor),
        spec.id,
      ).toEqual([RUN_STYLES[0]!.color, RUN_STYLES[1]!.color]);
      expect(
        ds.map((d) => d.borderDash),
        spec.id,
      ).toEqual([RUN_STYLES[0]!.dash, RUN_STYLES[1]!.dash]);
      expect(new Set(ds.map((d) => d.borderColor)).size, spec.id).toBe(2);
    }
  });

  it("buildComparisonCharts styles runs by position: the order given, not the run", () => {
    const reversed = buildComparisonCharts([fixed, asg]);
    for (const spec of reversed) {
      expect(
        datasetsOf(spec).map((d) => [d.label, d.borderColor]),
        spec.id,
      ).toEqual([
        ["charts-fixed", RUN_STYLES[0]!.color],
        ["charts-asg", RUN_STYLES[1]!.color],
      ]);
    }
  });

  it("buildComparisonCharts gives more runs than styles distinct styles up to RUN_STYLES.length", () => {
    const many = Array.from({ length: RUN_STYLES.length }, (_, i) => renamed(fixed, `run-${i}`));
    const spec = chartById(buildComparisonCharts(many), "compare-backlog");
    const looks = datasetsOf(spec).map((d) => `${d.borderColor} ${JSON.stringify(d.borderDash)}`);
    expect(new Set(looks).size).toBe(RUN_STYLES.length);
  });

  it("buildComparisonCharts uses the labels given", () => {
    const spec = chartById(buildComparisonCharts([asg, fixed], ["A", "B"]), "compare-backlog");
    expect(datasetsOf(spec).map((d) => d.label)).toEqual(["A", "B"]);
    expect(optionsOf(spec).plugins.title.text).toBe("Visible messages — A vs B");
  });

  it("buildComparisonCharts puts runs of different lengths on one x axis as long as the longest", () => {
    for (const spec of charts.filter(isTimeChart)) {
      expect(optionsOf(spec).scales.x, spec.id).toMatchObject({ min: 0, max: asg.context.durationSeconds });
      const [a, f] = datasetsOf(spec);
      expect(a!.data.at(-1).x, spec.id).toBe(asg.context.durationSeconds);
      expect(f!.data.at(-1).x, spec.id).toBe(fixed.context.durationSeconds);
    }
  });

  it("buildComparisonCharts plots each run's own values: backlog, instances and total cost", () => {
    const col = (run: RunData, name: string): number[] => run.series.values[run.series.columns.findIndex((c) => c.name === name)]!;
    const ys = (id: string, i: number): (number | null)[] => datasetsOf(chartById(charts, id))[i]!.data.map((p: { y: number | null }) => p.y);
    expect(ys("compare-backlog", 0)).toEqual(col(asg, "ApproximateNumberOfMessagesVisible_msgs"));
    expect(ys("compare-instances", 1)).toEqual(col(fixed, "instances"));
    const total = col(fixed, "compute_cost_usd").map((c, r) => c + col(fixed, "sqs_cost_usd")[r]!);
    ys("compare-cost", 1).forEach((y, r) => expect(y).toBeCloseTo(total[r]!, 12));
  });

  it("buildComparisonCharts' cumulative distributions end at 100% for every run", () => {
    for (const id of CDF_IDS) {
      for (const d of datasetsOf(chartById(charts, id))) {
        const last = d.data.at(-1).y as number;
        expect(last, `${id} ${d.label}`).toBeCloseTo(100, 3);
        expect(optionsOf(chartById(charts, id)).scales.x.type).toBe("logarithmic");
      }
    }
  });

  it("buildComparisonCharts leaves out a time chart unless two runs have its column", () => {
    const old = withRun(fixed, { series: withoutColumns(fixed.series, ["compute_cost_usd", "sqs_cost_usd"]) });
    expect(buildComparisonCharts([asg, old]).map((c) => c.id)).not.toContain("compare-cost");
    expect(buildComparisonCharts([asg, old, delayDlq]).map((c) => c.id)).toContain("compare-cost");
    // The third run keeps the third style although the second has no line.
    const cost = chartById(buildComparisonCharts([asg, old, delayDlq]), "compare-cost");
    expect(datasetsOf(cost).map((d) => [d.label, d.borderColor])).toEqual([
      ["charts-asg", RUN_STYLES[0]!.color],
      ["charts-delay-dlq", RUN_STYLES[2]!.color],
    ]);
  });

  it("buildComparisonCharts of a single run gives no time comparison", () => {
    expect(buildComparisonCharts([asg]).filter(isTimeChart)).toEqual([]);
  });

  // Regression test for a bug the first version of the charts had.
  it("buildComparisonCharts leaves out the distribution comparisons unless two runs have latencies", () => {
    // A run with no consumers has latencies: its messages' ages at the end (censored). One with none has no histogram.
    expect(noConsumers.histograms.queueWait.count).toBe(noConsumers.summary.latency.queueWait.censored);
    const empty = withRun(noConsumers, {
      histograms: { queueWait: { count: 0, sumSeconds: 0, buckets: [] }, endToEnd: { count: 0, sumSeconds: 0, buckets: [] } },
    });
    const ids = buildComparisonCharts([fixed, empty]).map((c) => c.id);
    expect(ids).toEqual(TIME_IDS);
    expect(buildComparisonCharts([fixed]).map((c) => c.id)).toEqual([]);
  });

  it("buildComparisonCharts draws each run's redeliveries per period, and leaves them out when no run has any", () => {
    const col = (run: RunData, name: string): number[] => run.series.values[run.series.columns.findIndex((c) => c.name === name)]!;
    const spec = chartById(charts, "compare-redelivered");
    expect(datasetsOf(spec).map((d) => d.data.map((p: { y: number | null }) => p.y))).toEqual([col(asg, "redelivered_msgs"), col(fixed, "redelivered_msgs")]);
    expect(optionsOf(spec).scales.y.title.text).toBe("messages redelivered per 1 min period");
    expect(spec.howToRead).toContain("One line per run");
    expect(noConsumers.summary.messages.redelivered).toBe(0);
    expect(buildComparisonCharts([fixed, noConsumers]).map((c) => c.id)).not.toContain("compare-redelivered");
  });

  it("buildComparisonCharts leaves out the redeliveries when every run's are the same", () => {
    expect(buildComparisonCharts([asg, renamed(asg, "again")]).map((c) => c.id)).not.toContain("compare-redelivered");
    expect(buildComparisonCharts([asg, renamed(asg, "again"), delayDlq]).map((c) => c.id)).toContain("compare-redelivered");
  });

  it("buildComparisonCharts draws redeliveries per second when the runs' metric periods differ", () => {
    const col = asg.series.values[asg.series.columns.findIndex((c) => c.name === "redelivered_msgs")]!;
    const slower = withRun(asg, { series: { ...asg.series, periodSeconds: 120 }, context: { ...asg.context, scenarioName: "slower", periodSeconds: 120 } });
    const spec = chartById(buildComparisonCharts([asg, slower]), "compare-redelivered");
    expect(optionsOf(spec).scales.y.title.text).toBe("messages redelivered per second");
    expect(datasetsOf(spec)[0]!.data.map((p: { y: number }) => p.y)).toEqual(col.map((v) => v / 60));
    expect(datasetsOf(spec)[1]!.data.map((p: { y: number }) => p.y)).toEqual(col.map((v) => v / 120));
  });

  it("buildComparisonCharts reads time by the clock only when every run starts at the same time", () => {
    const x = (runs: RunData[]): Record<string, unknown> => optionsOf(chartById(buildComparisonCharts(runs), "compare-backlog")).plugins.sqsSimAxes.x;
    const title = (runs: RunData[]): string => optionsOf(chartById(buildComparisonCharts(runs), "compare-backlog")).scales.x.title.text;
    const start = delayDlq.context.startEpochMs!;
    const sameStart = withRun(fixed, { context: { ...fixed.context, startEpochMs: start } });
    expect(x([delayDlq, sameStart])).toEqual({ kind: "elapsed", unit: "min", startEpochMs: start, withDate: false });
    expect(title([delayDlq, sameStart])).toBe("time (UTC)");
    expect(x([delayDlq, fixed])).toEqual({ kind: "elapsed", unit: "min" });
    expect(title([delayDlq, fixed])).toBe("time since the start (min)");
  });

  it("buildComparisonCharts explains every chart and says the legend names the runs", () => {
    for (const spec of charts.filter(isTimeChart)) expect(spec.howToRead).toContain("One line per run");
    for (const spec of charts) expect(spec.howToRead.length).toBeGreaterThan(40);
  });
});

// Charts and lines with nothing to show are left out; those with something to show are not.
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { buildCharts } from "../../../src/report/charts/index.js";
import { ASG_YAML, chartById, datasetsOf, DELAY_DLQ_YAML, FIXED_YAML, NO_CONSUMERS_YAML, optionsOf, runYaml, withoutColumns, withRun } from "./fixtures.js";

const asg = runYaml(ASG_YAML);
const fixed = runYaml(FIXED_YAML);
const delayDlq = runYaml(DELAY_DLQ_YAML);
const noConsumers = runYaml(NO_CONSUMERS_YAML);

const labels = (run: typeof asg, id: string): string[] => datasetsOf(chartById(buildCharts(run), id)).map((d) => d.label as string);
const ids = (run: typeof asg): string[] => buildCharts(run).map((c) => c.id);

describe("what buildCharts leaves out", () => {
  it("buildCharts leaves out the fleet and scaling-signal charts for a fixed fleet", () => {
    expect(fixed.context.fleetKind).toBe("fixed");
    expect(ids(fixed)).not.toContain("fleet");
    expect(ids(fixed)).not.toContain("scaling-signal");
    expect(ids(asg)).toContain("fleet");
    expect(ids(asg)).toContain("scaling-signal");
  });

  it("buildCharts leaves out the scaling-signal chart for a group without policies", () => {
    expect(ids(withRun(asg, { context: { ...asg.context, policies: [] } }))).not.toContain("scaling-signal");
  });

  it("queue chart has no delayed dataset when nothing was delayed, and has one when messages were", () => {
    expect(labels(fixed, "queue")).not.toContain("delayed");
    expect(chartById(buildCharts(fixed), "queue").howToRead).not.toContain("delayed");
    expect(labels(delayDlq, "queue")).toContain("delayed");
    expect(chartById(buildCharts(delayDlq), "queue").howToRead).toContain("delayed, not yet visible");
    // Delayed sits on the stack with visible and in flight, the arrival rate on its own axis.
    const delayed = datasetsOf(chartById(buildCharts(delayDlq), "queue")).find((d) => d.label === "delayed")!;
    expect(delayed).toMatchObject({ stack: "queue", yAxisID: "y", fill: "-1" });
  });

  it("throughput chart shows redelivered and dead-lettered only when there were any", () => {
    expect(fixed.summary.messages.redelivered).toBe(0);
    expect(fixed.summary.messages.deadLettered).toBe(0);
    expect(labels(fixed, "throughput").some((l) => l.startsWith("redelivered") || l.startsWith("dead-lettered"))).toBe(false);

    expect(delayDlq.summary.messages.redelivered).toBeGreaterThan(0);
    expect(delayDlq.summary.messages.deadLettered).toBeGreaterThan(0);
    expect(labels(delayDlq, "throughput")).toContain(`redelivered (total ${delayDlq.summary.messages.redelivered.toLocaleString("en-US")})`);
    expect(labels(delayDlq, "throughput")).toContain(`dead-lettered (total ${delayDlq.summary.messages.deadLettered.toLocaleString("en-US")})`);

    // The ASG run redelivered a few messages but dead-lettered none: one without the other.
    expect(asg.summary.messages.redelivered).toBeGreaterThan(0);
    expect(labels(asg, "throughput").some((l) => l.startsWith("redelivered ("))).toBe(true);
    expect(labels(asg, "throughput").some((l) => l.startsWith("dead-lettered"))).toBe(false);
  });

  it("throughput chart has the empty-receives line and its right-hand axis only when there were empty receives", () => {
    expect(delayDlq.summary.requests.emptyReceive).toBeGreaterThan(0);
    expect(noConsumers.summary.requests.emptyReceive).toBe(0);
    const withEmpties = chartById(buildCharts(delayDlq), "throughput");
    expect(datasetsOf(withEmpties).some((d) => d.label.startsWith("empty receives") && d.yAxisID === "requests")).toBe(true);
    expect(optionsOf(withEmpties).scales.requests).toMatchObject({ position: "right" });
    const without = chartById(buildCharts(noConsumers), "throughput");
    expect(datasetsOf(without).some((d) => d.label.startsWith("empty receives"))).toBe(false);
    expect(optionsOf(without).scales.requests).toBeUndefined();
    expect(without.howToRead).not.toContain("empty receives");
  });

  it("waiting chart draws the SLO line only for a scenario with an slo, at its value across the run", () => {
    expect(labels(fixed, "waiting").some((l) => l.startsWith("SLO"))).toBe(false);
    expect(chartById(buildCharts(fixed), "waiting").howToRead).not.toContain("SLO");
    const slo = datasetsOf(chartById(buildCharts(delayDlq), "waiting")).find((d) => d.label.startsWith("SLO"));
    expect(slo).toBeDefined();
    expect(slo!.label).toContain("30");
    expect(slo!.data).toEqual([
      { x: 0, y: 30 },
      { x: delayDlq.context.durationSeconds, y: 30 },
    ]);
  });

  it("buildCharts draws the latency chart when nothing was received but messages wait, of their ages at the end", () => {
    expect(noConsumers.summary.messages.received).toBe(0);
    const censored = noConsumers.summary.latency.queueWait.censored;
    expect(censored).toBeGreaterThan(0);
    expect(noConsumers.histograms.queueWait.count).toBe(censored);
    expect(ids(noConsumers)).toEqual(["queue", "waiting", "throughput", "latency", "cost"]);
    const subtitle = JSON.stringify(chartById(buildCharts(noConsumers), "latency").config);
    expect(subtitle).toContain(`${censored.toLocaleString("en-US")} still waiting at the end, at their age then`);
  });

  it("buildCharts leaves out the latency chart when no message was received or is waiting", () => {
    const empty = withRun(noConsumers, {
      histograms: { queueWait: { count: 0, sumSeconds: 0, buckets: [] }, endToEnd: { count: 0, sumSeconds: 0, buckets: [] } },
    });
    expect(ids(empty)).not.toContain("latency");
    expect(ids(fixed)).toContain("latency");
  });

  it("buildCharts leaves out the cost chart for a saved run without cost columns", () => {
    const old = withRun(fixed, { series: withoutColumns(fixed.series, ["compute_cost_usd", "sqs_cost_usd"]) });
    expect(ids(old)).not.toContain("cost");
    expect(ids(old)).toContain("queue");
  });

  it("fleet chart has no scale-in marker dataset when no activity lowered desired capacity", () => {
    const onlyOut = withRun(asg, { activities: asg.activities.filter((a) => !(a.kind === "scaling" && Number(a.after) < Number(a.before))) });
    const l = labels(onlyOut, "fleet");
    expect(l.some((x) => x.startsWith("scale-out activity"))).toBe(true);
    expect(l.some((x) => x.startsWith("scale-in activity"))).toBe(false);
    const none = withRun(asg, { activities: asg.activities.filter((a) => a.kind !== "scaling") });
    expect(labels(none, "fleet").some((x) => x.includes("activity"))).toBe(false);
    expect(optionsOf(chartById(buildCharts(none), "fleet")).plugins.sqsSimAnnotations).toBeUndefined();
  });

  it("fleet chart shows terminating only when instances were terminating", () => {
    const i = asg.series.columns.findIndex((c) => c.name === "terminating_instances");
    const anyTerminating = asg.series.values[i]!.some((v) => v > 0);
    expect(labels(asg, "fleet").includes("terminating")).toBe(anyTerminating);
    const values = asg.series.values.map((col, c) => (c === i ? col.map((_, r) => (r === 30 ? 2 : 0)) : col));
    expect(labels(withRun(asg, { series: { ...asg.series, values } }), "fleet")).toContain("terminating");
  });

  it("fleet chart drops the vertical activity lines past 12 activities but keeps every marker", () => {
    const many: Activity[] = Array.from({ length: 13 }, (_, i) => ({
      timeS: 60 * (i + 1),
      kind: "scaling",
      source: "TargetTracking-1",
      before: String(i + 1),
      after: String(i + 2),
      reason: "test",
    }));
    const spec = chartById(buildCharts(withRun(asg, { activities: many })), "fleet");
    expect(datasetsOf(spec).find((d) => d.label === "scale-out activity (13)")?.data).toHaveLength(13);
    expect(optionsOf(spec).plugins.sqsSimAnnotations).toBeUndefined();
    const twelve = chartById(buildCharts(withRun(asg, { activities: many.slice(0, 12) })), "fleet");
    expect(optionsOf(twelve).plugins.sqsSimAnnotations.lines).toHaveLength(12);
  });

  it("scaling-signal chart says no alarm went into ALARM, and has no bands, when none did", () => {
    const quiet = withRun(asg, { activities: asg.activities.filter((a) => a.kind !== "alarm") });
    const spec = chartById(buildCharts(quiet), "scaling-signal");
    expect(optionsOf(spec).plugins.subtitle.text).toContain("no alarm went into ALARM");
    expect(optionsOf(spec).plugins.sqsSimAnnotations).toBeUndefined();
  });
});

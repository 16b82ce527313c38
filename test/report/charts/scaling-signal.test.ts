// The scaling-signal chart with several policies: one line per metric, one level per policy, axes per unit.
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../../src/report/charts/index.js";
import { type RunData } from "../../../src/report/run-data.js";
import { ASG_YAML, chartById, datasetsOf, optionsOf, policiesOf, runYaml, withRun } from "./fixtures.js";

const run = runYaml(ASG_YAML);
const signal = (policies: string): ReturnType<typeof chartById> =>
  chartById(buildCharts(withRun(run, { context: { ...run.context, policies: policiesOf(policies) } } as Partial<RunData>)), "scaling-signal");

const STEP_ON = (metric: string, threshold: number, comparison = ">="): string =>
  `{ stepScaling: { alarm: { metric: ${metric}, statistic: average, comparison: "${comparison}", threshold: ${threshold}, evaluationPeriods: 2 }, adjustmentType: changeInCapacity, steps: [ { lower: 0, adjustment: 1 } ] } }`;

describe("scaling-signal chart with several policies", () => {
  it("scaling-signal chart draws one line per watched metric and one level per policy, each level in its own dash", () => {
    const spec = signal(
      `[ { targetTracking: { metric: backlogPerInstance, target: 30 } }, ${STEP_ON("backlogPerInstance", 100)}, ${STEP_ON("backlogPerInstance", 5, "<=")} ]`,
    );
    const ds = datasetsOf(spec);
    expect(ds.map((d) => d.label)).toEqual([
      "backlog per instance",
      "TargetTracking-1 target 30",
      "StepScaling-2 threshold (average >= 100)",
      "StepScaling-3 threshold (average <= 5)",
    ]);
    const levelDashes = ds.slice(1).map((d) => JSON.stringify(d.borderDash));
    expect(new Set(levelDashes).size).toBe(3);
  });

  it("scaling-signal chart puts a metric in seconds on a right-hand duration axis beside a count", () => {
    const spec = signal(`[ { targetTracking: { metric: backlogPerInstance, target: 30 } }, ${STEP_ON("approximateAgeOfOldestMessage", 120)} ]`);
    const age = datasetsOf(spec).find((d) => d.label === "age of oldest message");
    expect(age?.yAxisID).toBe("y2");
    expect(datasetsOf(spec).find((d) => d.label.startsWith("StepScaling-2 threshold"))?.yAxisID).toBe("y2");
    expect(optionsOf(spec).scales.y2).toMatchObject({ position: "right", title: { text: "seconds" } });
    expect(optionsOf(spec).plugins.sqsSimAxes).toMatchObject({ y: { kind: "count" }, y2: { kind: "duration" } });
  });

  it("scaling-signal chart shades a step-scaling alarm with a low comparison in the scale-in colour", () => {
    const withAlarm = withRun(run, {
      context: { ...run.context, policies: policiesOf(`[ ${STEP_ON("approximateNumberOfMessagesVisible", 5, "<=")} ]`) },
      activities: [
        { timeS: 600, kind: "alarm", source: "StepScaling-1-Alarm", before: "OK", after: "ALARM", reason: "" },
        { timeS: 900, kind: "alarm", source: "StepScaling-1-Alarm", before: "ALARM", after: "OK", reason: "" },
      ],
    });
    const bands = optionsOf(chartById(buildCharts(withAlarm), "scaling-signal")).plugins.sqsSimAnnotations.bands;
    expect(bands).toEqual([{ from: 600, to: 900, color: "rgba(86, 180, 233, 0.18)", label: "StepScaling-1-Alarm" }]);
  });

  // Regression: every metric once took SERIES.visible's look, so two policies' metrics drew identical lines.
  it("scaling-signal chart draws two different metrics in different looks", () => {
    const spec = signal(`[ { targetTracking: { metric: backlogPerInstance, target: 30 } }, ${STEP_ON("approximateNumberOfMessagesVisible", 500)} ]`);
    const metrics = datasetsOf(spec).filter((d) => !/target|threshold/.test(d.label));
    expect(metrics.map((d) => d.label)).toEqual(["backlog per instance", "visible messages"]);
    const looks = metrics.map((d) => `${d.borderColor} ${JSON.stringify(d.borderDash)}`);
    expect(new Set(looks).size).toBe(2);
  });
});

// Alarm bands on the scaling-signal chart and scaling-activity markers on the fleet chart, against the activity log.
import { describe, expect, it } from "vitest";
import { type Activity } from "../../../src/metrics/activity-log.js";
import { type XBand } from "../../../src/report/charts/chart-spec.js";
import { buildCharts } from "../../../src/report/charts/index.js";
import { alarmBands } from "../../../src/report/charts/scaling-signal-chart.js";
import { ALARM_HIGH_BAND, ALARM_LOW_BAND, SERIES } from "../../../src/report/charts/series-style.js";
import { ASG_YAML, chartById, datasetsOf, optionsOf, runYaml } from "./fixtures.js";

const alarm = (timeS: number, source: string, before: string, after: string): Activity => ({ timeS, kind: "alarm", source, before, after, reason: "" });
const scaling = (timeS: number, before: number, after: number): Activity => ({
  timeS,
  kind: "scaling",
  source: "TargetTracking-1",
  before: String(before),
  after: String(after),
  reason: `reason at ${timeS}`,
});

describe("alarmBands", () => {
  const log: Activity[] = [
    alarm(60, "A-High", "INSUFFICIENT_DATA", "OK"),
    alarm(60, "B-Low", "INSUFFICIENT_DATA", "OK"),
    alarm(120, "A-High", "OK", "ALARM"),
    scaling(120, 2, 4),
    alarm(150, "B-Low", "OK", "ALARM"), // another alarm's transitions interleave
    alarm(300, "A-High", "ALARM", "OK"),
    alarm(360, "B-Low", "ALARM", "INSUFFICIENT_DATA"), // out of ALARM, but not to OK
    alarm(400, "A-High", "OK", "ALARM"), // still in ALARM at the end
    alarm(500, "B-Low", "INSUFFICIENT_DATA", "ALARM"),
    alarm(550, "B-Low", "ALARM", "OK"),
  ];

  it("alarmBands gives one band per stretch in ALARM, the last one open until the end", () => {
    expect(alarmBands(log, "A-High", "red", 900)).toEqual([
      { from: 120, to: 300, color: "red", label: "A-High" },
      { from: 400, to: 900, color: "red", label: "A-High" },
    ]);
  });

  it("alarmBands ends a band at any transition out of ALARM and ignores other alarms and scaling activities", () => {
    expect(alarmBands(log, "B-Low", "blue", 900)).toEqual([
      { from: 150, to: 360, color: "blue", label: "B-Low" },
      { from: 500, to: 550, color: "blue", label: "B-Low" },
    ]);
  });

  it("alarmBands gives nothing for an alarm that never went into ALARM, or that is not in the log", () => {
    expect(alarmBands([alarm(60, "C", "INSUFFICIENT_DATA", "OK")], "C", "x", 900)).toEqual([]);
    expect(alarmBands(log, "TargetTracking-9-AlarmHigh", "x", 900)).toEqual([]);
  });

  it("alarmBands gives an alarm in ALARM from the first transition to the end one band", () => {
    expect(alarmBands([alarm(0, "D", "INSUFFICIENT_DATA", "ALARM")], "D", "x", 600)).toEqual([{ from: 0, to: 600, color: "x", label: "D" }]);
  });
});

/** Independently of alarmBands: [from, to] of each ALARM stretch of an alarm in a run's log. */
function stretchesInAlarm(activities: readonly Activity[], name: string, endS: number): [number, number][] {
  const transitions = activities.filter((a) => a.kind === "alarm" && a.source === name);
  const out: [number, number][] = [];
  transitions.forEach((t, i) => {
    if (t.after !== "ALARM" || (i > 0 && transitions[i - 1]!.after === "ALARM")) return;
    const leave = transitions.slice(i + 1).find((u) => u.after !== "ALARM");
    out.push([t.timeS, leave?.timeS ?? endS]);
  });
  return out;
}

describe("annotations of a simulated Auto Scaling group run", () => {
  const run = runYaml(ASG_YAML);
  const charts = buildCharts(run);
  const end = run.context.durationSeconds;

  it("the fixture has alarm transitions of both alarms, and an alarm still in ALARM at the end", () => {
    const high = stretchesInAlarm(run.activities, "TargetTracking-1-AlarmHigh", end);
    const low = stretchesInAlarm(run.activities, "TargetTracking-1-AlarmLow", end);
    expect(high.length).toBeGreaterThanOrEqual(2);
    expect(low.length).toBeGreaterThanOrEqual(1);
    expect([...high, ...low].some(([, to]) => to === end)).toBe(true);
  });

  it("scaling-signal bands match the alarm transitions in run.activities, AlarmHigh in the scale-out colour and AlarmLow in the scale-in colour", () => {
    const bands = optionsOf(chartById(charts, "scaling-signal")).plugins.sqsSimAnnotations.bands as XBand[];
    const expected = [
      ...stretchesInAlarm(run.activities, "TargetTracking-1-AlarmHigh", end).map(([from, to]) => ({
        from,
        to,
        color: ALARM_HIGH_BAND,
        label: "TargetTracking-1-AlarmHigh",
      })),
      ...stretchesInAlarm(run.activities, "TargetTracking-1-AlarmLow", end).map(([from, to]) => ({
        from,
        to,
        color: ALARM_LOW_BAND,
        label: "TargetTracking-1-AlarmLow",
      })),
    ];
    const key = (b: XBand): string => `${b.label} ${b.from}`;
    expect([...bands].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    expect(optionsOf(chartById(charts, "scaling-signal")).plugins.subtitle.text).toContain("shaded: alarm in ALARM");
  });

  it("scaling-signal chart draws the policy's target across the run", () => {
    const target = datasetsOf(chartById(charts, "scaling-signal")).find((d) => d.label === "TargetTracking-1 target 30");
    expect(target?.data).toEqual([
      { x: 0, y: 30 },
      { x: end, y: 30 },
    ]);
  });

  it("fleet chart has one scale-out marker per scaling activity that raised desired capacity, at (timeS, after)", () => {
    const fleet = datasetsOf(chartById(charts, "fleet"));
    const ups = run.activities.filter((a) => a.kind === "scaling" && Number(a.after) > Number(a.before));
    const downs = run.activities.filter((a) => a.kind === "scaling" && Number(a.after) < Number(a.before));
    expect(ups.length).toBeGreaterThanOrEqual(2);
    expect(downs.length).toBeGreaterThanOrEqual(1);
    const out = fleet.find((d) => d.label === `scale-out activity (${ups.length})`);
    const inn = fleet.find((d) => d.label === `scale-in activity (${downs.length})`);
    expect(out?.data.map((p: { x: number; y: number }) => [p.x, p.y])).toEqual(ups.map((a) => [a.timeS, Number(a.after)]));
    expect(inn?.data.map((p: { x: number; y: number }) => [p.x, p.y])).toEqual(downs.map((a) => [a.timeS, Number(a.after)]));
    expect(out).toMatchObject({ type: "scatter", borderColor: SERIES.scaleOut.color, pointStyle: SERIES.scaleOut.pointStyle });
    expect(inn).toMatchObject({ type: "scatter", borderColor: SERIES.scaleIn.color, pointStyle: SERIES.scaleIn.pointStyle });
    // The tooltip note names the policy, the change and the reason.
    ups.forEach((a, i) => expect(out!.data[i].note).toBe(`${a.source}: ${a.before} → ${a.after}. ${a.reason}`));
  });

  it("fleet chart draws a vertical line at every scaling activity, in its marker's colour", () => {
    const lines = optionsOf(chartById(charts, "fleet")).plugins.sqsSimAnnotations.lines as { at: number; color: string }[];
    const changes = run.activities.filter((a) => a.kind === "scaling" && a.after !== a.before);
    expect(lines.map((l) => l.at).sort((a, b) => a - b)).toEqual(changes.map((a) => a.timeS).sort((a, b) => a - b));
    for (const l of lines) {
      const a = changes.find((c) => c.timeS === l.at)!;
      expect(l.color).toBe(Number(a.after) > Number(a.before) ? SERIES.scaleOut.color : SERIES.scaleIn.color);
    }
  });

  it("fleet chart ignores scaling activities that did not change desired capacity or are not numbers", () => {
    const odd: Activity[] = [scaling(60, 3, 3), { ...scaling(120, 3, 4), after: "n/a" }, scaling(180, 3, 5)];
    const fleet = datasetsOf(chartById(buildCharts({ ...run, activities: odd }), "fleet"));
    expect(fleet.filter((d) => d.type === "scatter").map((d) => [d.label, d.data.length])).toEqual([["scale-out activity (1)", 1]]);
  });
});

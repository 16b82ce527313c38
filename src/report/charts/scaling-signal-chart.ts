import { SCALING_METRIC_NAMES, SCALING_METRICS, type ScalingMetric } from "../../engine/scaling-metrics.js";
import { type Activity } from "../../metrics/activity-log.js";
import { type AlarmConfig, type MetricName } from "../../scenario/fleet-schema.js";
import { type ChartRun } from "../run-data.js";
import { type AxisFormat, type ChartSpec, type XBand } from "./chart-spec.js";
import { durationScale, styledDataset, timeChart, yScale } from "./chart-kit.js";
import { maxY } from "./time-axis.js";
import { type SeriesView } from "./series-view.js";
import { ALARM_HIGH_BAND, ALARM_LOW_BAND, SERIES, type SeriesName } from "./series-style.js";

type Shown = { column: string; unit: ScalingMetric["unit"]; series: SeriesName; label: string };

/** The series column that shows each metric a policy can act on (sampled at metric-period ends), and its look. */
const COLUMN_AND_SERIES: Record<MetricName, Omit<Shown, "unit" | "label">> = {
  approximateNumberOfMessagesVisible: { column: "ApproximateNumberOfMessagesVisible_msgs", series: "visible" },
  approximateNumberOfMessagesNotVisible: { column: "ApproximateNumberOfMessagesNotVisible_msgs", series: "inFlight" },
  approximateNumberOfMessagesDelayed: { column: "ApproximateNumberOfMessagesDelayed_msgs", series: "delayed" },
  approximateAgeOfOldestMessage: { column: "ApproximateAgeOfOldestMessage_s", series: "ageOfOldest" },
  numberOfMessagesSent: { column: "NumberOfMessagesSent_msgs", series: "sent" },
  numberOfMessagesReceived: { column: "NumberOfMessagesReceived_msgs", series: "received" },
  numberOfMessagesDeleted: { column: "deleted_msgs", series: "deleted" },
  numberOfEmptyReceives: { column: "NumberOfEmptyReceives_requests", series: "emptyReceives" },
  groupInServiceInstances: { column: "instances", series: "inService" },
  groupDesiredCapacity: { column: "desired_capacity", series: "desired" },
  groupPendingInstances: { column: "pending_instances", series: "pending" },
  backlogPerInstance: { column: "backlog_per_instance_msgs", series: "backlogPerInstance" },
};

/** The above with each metric's unit and label from the one list of metrics (engine/scaling-metrics.ts). */
const COLUMN_OF_METRIC: Record<MetricName | "messagesPerInstance", Shown> = {
  ...(Object.fromEntries(
    SCALING_METRIC_NAMES.map((name) => {
      const { unit, label } = SCALING_METRICS[name];
      return [name, { ...COLUMN_AND_SERIES[name], unit, label }];
    }),
  ) as Record<MetricName, Shown>),
  // No column of its own: the chart plots the datapoints its AlarmHigh evaluated (the same metric, one per period).
  messagesPerInstance: { column: "messages_per_instance_msgs", unit: "messages", series: "backlogPerInstance", label: "messages per instance" },
};

interface Watched {
  policy: string;
  metric: MetricName | "messagesPerInstance";
  isTarget: boolean;
  level: number;
  levelLabel: string;
  /** Step and simple scaling: the alarm's own datapoints (its statistic over its period), what the threshold judges. */
  evaluated?: { column: string; label: string };
  alarms: { name: string; color: string }[];
}

function watchedMetrics(run: ChartRun): Watched[] {
  const out: Watched[] = [];
  run.context.policies.forEach((p, i) => {
    const n = i + 1;
    if ("targetTracking" in p) {
      const name = `TargetTracking-${n}`;
      const m = p.targetTracking.metric;
      const evaluated =
        typeof m === "string"
          ? {}
          : {
              evaluated: { column: `alarm_${name}-AlarmHigh_value`, label: `messages per instance (${m.messagesPerInstance.include.join(" + ")}) ÷ InService` },
            };
      out.push({
        policy: name,
        metric: typeof m === "string" ? m : "messagesPerInstance",
        isTarget: true,
        ...evaluated,
        level: p.targetTracking.target,
        levelLabel: `${name} target ${p.targetTracking.target}`,
        alarms: [
          { name: `${name}-AlarmHigh`, color: ALARM_HIGH_BAND },
          { name: `${name}-AlarmLow`, color: ALARM_LOW_BAND },
        ],
      });
    } else if ("stepScaling" in p || "simpleScaling" in p) {
      const [name, alarm]: [string, AlarmConfig] =
        "stepScaling" in p ? [`StepScaling-${n}`, p.stepScaling.alarm] : [`SimpleScaling-${n}`, p.simpleScaling.alarm];
      // An alarm that fires on a low value is a scale-in alarm: shade it in the scale-in colour.
      const color = alarm.comparison.startsWith("<") ? ALARM_LOW_BAND : ALARM_HIGH_BAND;
      const evaluated = {
        column: `alarm_${name}-Alarm_value`,
        label: `${name} alarm: ${alarm.statistic} of ${COLUMN_OF_METRIC[alarm.metric].label} over ${alarm.period} s`,
      };
      out.push({
        policy: name,
        metric: alarm.metric,
        isTarget: false,
        evaluated,
        level: alarm.threshold,
        levelLabel: `${name} threshold (${alarm.statistic} ${alarm.comparison} ${alarm.threshold})`,
        alarms: [{ name: `${name}-Alarm`, color }],
      });
    }
  });
  return out;
}

/** Stretches of time an alarm spent in ALARM, from the exact transitions in the activity log. */
export function alarmBands(activities: readonly Activity[], alarm: string, color: string, endS: number): XBand[] {
  const bands: XBand[] = [];
  let from: number | null = null;
  for (const a of activities) {
    if (a.kind !== "alarm" || a.source !== alarm) continue;
    if (a.after === "ALARM" && from === null) from = a.timeS;
    else if (a.after !== "ALARM" && from !== null) {
      bands.push({ from, to: a.timeS, color, label: alarm });
      from = null;
    }
  }
  if (from !== null) bands.push({ from, to: endS, color, label: alarm });
  return bands;
}

const LEVEL_DASHES = [
  [6, 4],
  [2, 3],
  [12, 4],
  [6, 2, 2, 2],
];

const FORMAT_OF_UNIT: Record<string, AxisFormat> = {
  s: { kind: "duration" },
  messages: { kind: "count" },
  instances: { kind: "count" },
  requests: { kind: "count" },
};

/** Chart 3: each policy's metric against its target or threshold, with the periods its alarms were in ALARM. */
export function scalingSignalChart(run: ChartRun, view: SeriesView): ChartSpec | null {
  const watched = watchedMetrics(run).filter((w) => view.has(COLUMN_OF_METRIC[w.metric].column) || (w.evaluated !== undefined && view.has(w.evaluated.column)));
  if (watched.length === 0) return null;
  const units = [...new Set(watched.map((w) => COLUMN_OF_METRIC[w.metric].unit))];
  const axisOf = (unit: string): string => (unit === units[0] ? "y" : "y2");
  const datasets: Record<string, unknown>[] = [];
  const shown = new Set<string>();
  let levels = 0;
  for (const w of watched) {
    const m = COLUMN_OF_METRIC[w.metric];
    const unit = m.unit;
    // Plot what the threshold is compared with: the alarm's evaluated datapoints when the run recorded them (a
    // Sum over 5 minutes is not the per-period count), else the metric as sampled each period.
    const source = w.evaluated !== undefined && view.has(w.evaluated.column) ? w.evaluated : { column: m.column, label: m.label };
    if (!shown.has(source.column)) {
      shown.add(source.column);
      const style = source.column === m.column ? SERIES[m.series] : { ...SERIES[m.series], dash: [] };
      datasets.push(
        styledDataset({ ...style, label: source.label }, view.points(source.column, "max"), { yAxisID: axisOf(unit), stepped: source.column !== m.column }),
      );
    }
    // Each policy's level gets its own dash, so two thresholds on one metric stay apart in greyscale.
    const level = { ...(w.isTarget ? SERIES.target : SERIES.threshold), label: w.levelLabel, dash: LEVEL_DASHES[levels++ % LEVEL_DASHES.length]! };
    datasets.push(
      styledDataset(
        level,
        [
          { x: 0, y: w.level },
          { x: run.context.durationSeconds, y: w.level },
        ],
        { yAxisID: axisOf(unit) },
      ),
    );
  }
  const bands = watched.flatMap((w) => w.alarms.flatMap((a) => alarmBands(run.activities, a.name, a.color, run.context.durationSeconds)));
  const scaleFor = (unit: string, position: "left" | "right"): Record<string, unknown> =>
    unit === "s" ? durationScale("seconds", maxY(datasets.filter((d) => d.yAxisID === axisOf("s"))), { position }) : yScale(unit, { position });
  const yScales: Record<string, Record<string, unknown>> = { y: scaleFor(units[0]!, "left") };
  const yFormats: Record<string, AxisFormat> = { y: FORMAT_OF_UNIT[units[0]!]! };
  if (units.length > 1) {
    yScales.y2 = units.length === 2 ? scaleFor(units[1]!, "right") : yScale(units.slice(1).join(", "), { position: "right" });
    // Past two units the right-hand axis is shared, and only a plain count format suits all of them.
    yFormats.y2 = units.length === 2 ? FORMAT_OF_UNIT[units[1]!]! : { kind: "count" };
  }
  return {
    id: "scaling-signal",
    title: "Scaling signal",
    howToRead:
      "The metric each scaling policy acts on against the policy's target (target tracking, the metric sampled at the " +
      "end of every metric period) or its alarm's threshold (step and simple scaling: the datapoints the alarm " +
      "evaluated, its statistic over its own period, held until the next evaluation). Red shading marks when a scale-out alarm " +
      "was in ALARM, blue shading a scale-in alarm (for target tracking, the AlarmLow that needs 15 low datapoints " +
      "in a row). Alarms see CloudWatch datapoints, which arrive late and aggregate a whole alarm period, so an alarm " +
      "can lag the line by a period or two; backlog per instance is shown as the policies see it, the newest published " +
      "datapoint.",
    config: timeChart(run, view, {
      title: "Scaling signal",
      datasets,
      yScales,
      yFormats,
      annotations: { bands },
      subtitle: bands.length > 0 ? "shaded: alarm in ALARM (red: scale-out, blue: scale-in)" : "no alarm went into ALARM",
    }),
  };
}

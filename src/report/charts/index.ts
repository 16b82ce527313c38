// Every chart of a run, in reading order, leaving out those with nothing to show; and the comparison charts.
import { type ChartRun, type RunData } from "../run-data.js";
import { type ChartSpec } from "./chart-spec.js";
import { costChart } from "./cost-chart.js";
import { deadLettersChart } from "./dead-letters-chart.js";
import { fleetChart } from "./fleet-chart.js";
import { groupsChart } from "./groups-chart.js";
import { latencyChart } from "./latency-chart.js";
import { messageTraceChart } from "./message-trace-chart.js";
import { queueChart } from "./queue-chart.js";
import { scalingSignalChart } from "./scaling-signal-chart.js";
import { SeriesView } from "./series-view.js";
import { throughputChart } from "./throughput-chart.js";
import { waitingChart } from "./waiting-chart.js";

export type { ChartSpec } from "./chart-spec.js";
export { buildComparisonCharts, runLabels } from "./comparison-charts.js";
export { hydrateChartConfig } from "./chart-runtime.js";

/**
 * The charts over time, which a run still going can draw too (the playground's live charts): the report's, in its
 * order, but for the latency histograms and the message lanes, which need the run's end.
 */
export function timeCharts(run: ChartRun): ChartSpec[] {
  const view = new SeriesView(run.series);
  return present([...countsOverTime(run, view), costChart(run, view)]);
}

/** Every chart of a finished run, in the report's reading order: cost last, after the latency and message charts. */
export function buildCharts(run: RunData): ChartSpec[] {
  const view = new SeriesView(run.series);
  return present([...countsOverTime(run, view), latencyChart(run), messageTraceChart(run), costChart(run, view)]);
}

function countsOverTime(run: ChartRun, view: SeriesView): (ChartSpec | null)[] {
  return [
    queueChart(run, view),
    fleetChart(run, view),
    scalingSignalChart(run, view),
    waitingChart(run, view),
    throughputChart(run, view),
    deadLettersChart(run, view),
    groupsChart(run, view),
  ];
}

const present = (charts: (ChartSpec | null)[]): ChartSpec[] => charts.filter((c): c is ChartSpec => c !== null);

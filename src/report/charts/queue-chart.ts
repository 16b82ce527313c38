import { type ChartRun } from "../run-data.js";
import { type ChartSpec } from "./chart-spec.js";
import { dataset, timeChart, yScale } from "./chart-kit.js";
import { type SeriesView } from "./series-view.js";

/** Chart 1: what is in the queue (stacked), and the rate at which messages arrive. */
export function queueChart(run: ChartRun, view: SeriesView): ChartSpec {
  const period = run.series.periodSeconds;
  const datasets = [
    dataset("visible", view.points("ApproximateNumberOfMessagesVisible_msgs", "max"), { fill: "origin", stack: "queue" }),
    dataset("inFlight", view.points("ApproximateNumberOfMessagesNotVisible_msgs", "max"), { fill: "-1", stack: "queue" }),
  ];
  if (view.anyNonZero("ApproximateNumberOfMessagesDelayed_msgs")) {
    datasets.push(dataset("delayed", view.points("ApproximateNumberOfMessagesDelayed_msgs", "max"), { fill: "-1", stack: "queue" }));
  }
  datasets.push(
    dataset(
      "arrivalRate",
      view.points("NumberOfMessagesSent_msgs", "mean", (v) => v / period),
      {
        yAxisID: "rate",
        label: "arrival rate (sent per second)",
      },
    ),
  );
  return {
    id: "queue",
    title: "Queue depth",
    howToRead:
      "The shaded areas are stacked: their top edge is every message in the queue at the end of each metric period " +
      "(visible, waiting to be received; in flight, received and not yet deleted or expired" +
      (datasets.length > 3 ? "; delayed, not yet visible" : "") +
      "). " +
      "The dash-dot black line, on the right-hand axis, is the rate at which SQS accepted messages. " +
      "A backlog that keeps growing while the arrival rate is flat means the consumers are too slow; " +
      "a large in-flight band with a small visible one means the consumers are busy, not behind.",
    config: timeChart(run, view, {
      title: "Queue depth",
      datasets,
      yScales: {
        y: yScale("messages in the queue", { stacked: true }),
        rate: yScale("arrival rate (messages / s)", { position: "right" }),
      },
      yFormats: { y: { kind: "count" }, rate: { kind: "count" } },
    }),
  };
}

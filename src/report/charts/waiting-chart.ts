import { type ChartRun } from "../run-data.js";
import { formatDuration } from "../../engine/units.js";
import { type ChartSpec } from "./chart-spec.js";
import { dataset, durationScale, levelLine, timeChart } from "./chart-kit.js";
import { maxY } from "./time-axis.js";
import { type SeriesView } from "./series-view.js";

/** Chart 4: how long messages wait: the age of the oldest, and each period's queue-wait p50 and p99. */
export function waitingChart(run: ChartRun, view: SeriesView): ChartSpec {
  const slo = run.context.sloMaxQueueWaitSeconds;
  const datasets = [
    dataset("ageOfOldest", view.points("ApproximateAgeOfOldestMessage_s", "max")),
    dataset("queueWaitP99", view.points("queue_wait_p99_s", "max")),
    dataset("queueWaitP50", view.points("queue_wait_p50_s", "max")),
  ];
  if (slo !== undefined) datasets.push(levelLine("slo", slo, run.context.durationSeconds, `SLO: queue wait ≤ ${formatDuration(slo, "rounded")}`));
  return {
    id: "waiting",
    title: "Waiting",
    howToRead:
      "The age of the oldest message (CloudWatch's ApproximateAgeOfOldestMessage, at the end of each period) is the " +
      "wait the unluckiest message has had so far. The p50 and p99 lines are the queue waits (send to first receive) " +
      "of the messages first received in each period: half waited less than p50, 99 in 100 less than p99. They read 0 " +
      "in a period where nothing was received. " +
      (slo !== undefined ? "The dashed black line is the SLO: where p99 crosses it, more than 1% of that period's messages missed it. " : "") +
      "An age that climbs in a straight line means nothing is being received at all.",
    config: timeChart(run, view, {
      title: "Waiting",
      datasets,
      yScales: { y: durationScale("queue wait / age", maxY(datasets)) },
      yFormats: { y: { kind: "duration" } },
    }),
  };
}

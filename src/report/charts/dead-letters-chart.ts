import { formatDuration } from "../../engine/units.js";
import { type ChartRun } from "../run-data.js";
import { formatInt } from "../summary-tables.js";
import { type ChartSpec } from "./chart-spec.js";
import { dataset, timeChart, yScale } from "./chart-kit.js";
import { type SeriesView } from "./series-view.js";
import { SERIES } from "./series-style.js";

const DEPTH = "dead_letter_queue_depth_msgs";
const MOVED = "dead_lettered_msgs";
const EXPIRED = "expired_msgs";

const sum = (values: readonly number[]): number => values.reduce((a, v) => a + (Number.isFinite(v) ? v : 0), 0);

/**
 * Where the messages that were never processed went: the dead-letter queue's depth, and the messages moved to it or
 * deleted by the retention period per period. Drawn only for a run with a dead-letter queue or expired messages;
 * elsewhere poison messages show only as a thin "dead-lettered" line in the throughput chart, or not at all.
 */
export function deadLettersChart(run: ChartRun, view: SeriesView): ChartSpec | null {
  // A summary written before deadLetterQueue existed says nothing: the columns then tell whether there was one.
  const dlq = (run.summary.deadLetterQueue ?? null) !== null || view.anyNonZero(DEPTH) || view.anyNonZero(MOVED);
  const expired = view.anyNonZero(EXPIRED);
  if (!dlq && !expired) return null;
  // With a DLQ, its depth (a level) on the left and the flows on the right; without one, the flows alone.
  const flowAxis = dlq ? "flows" : "y";
  const flow = (values: number[], label: string): string => `${label} (total ${formatInt(sum(values))})`;
  const datasets: Record<string, unknown>[] = [];
  if (dlq && view.has(DEPTH)) datasets.push(dataset("deadLetterDepth", view.points(DEPTH, "max"), { fill: "origin" }));
  if (dlq && view.has(MOVED)) {
    datasets.push(dataset("deadLettered", view.points(MOVED, "mean"), { yAxisID: flowAxis, label: flow(view.raw(MOVED), "moved to the dead-letter queue") }));
  }
  if (expired) datasets.push(dataset("expired", view.points(EXPIRED, "mean"), { yAxisID: flowAxis, label: flow(view.raw(EXPIRED), SERIES.expired.label) }));
  const per = `per ${formatDuration(run.series.periodSeconds, "period")} period`;
  const parts: string[] = [];
  if (dlq) {
    parts.push(
      "The shaded area (left-hand axis) is the messages in the dead-letter queue at the end of each metric period; the " +
        `line on the right-hand axis is the messages moved there ${per}. SQS moves a message on the receive that would ` +
        "take its receive count past the redrive policy's maxReceiveCount, so each one was received that many times " +
        "without being deleted first. A depth that climbs at a steady slope means poison messages keep arriving: fix the messages " +
        "or the code, not the fleet. A jump after a slow or crashed stretch means good messages ran out of receives " +
        "(a visibility timeout shorter than the processing, consumers dying): they were never processed and need a " +
        "redrive. The depth falls only as the dead-letter queue's own retention period deletes messages, counted from " +
        "the original send on a standard queue.",
    );
  }
  if (expired) {
    parts.push(
      `The expired line is the messages the retention period deleted ${per}: sent, never deleted, lost. Without a ` +
        "dead-letter queue a poison message cycles — received, failed, visible again after the visibility timeout — " +
        "costing a receive and a failed attempt each time, until it reaches the retention period; with one, an expired " +
        "message waited, or cycled, longer than the retention period before it could be moved.",
    );
  }
  return {
    id: "dead-letters",
    title: dlq ? "Dead-letter queue" : "Expired messages",
    howToRead: `${parts.join(" ")} The legend gives each flow's total over the run.`,
    config: timeChart(run, view, {
      title: dlq ? "Dead-letter queue" : "Expired messages",
      datasets,
      yScales: dlq
        ? { y: yScale("messages in the dead-letter queue"), flows: yScale(`messages ${per}`, { position: "right" }) }
        : { y: yScale(`messages expired ${per}`) },
      yFormats: dlq ? { y: { kind: "count" }, flows: { kind: "count" } } : { y: { kind: "count" } },
    }),
  };
}

import { formatDuration } from "../../engine/units.js";
import { type ChartRun } from "../run-data.js";
import { formatInt } from "../summary-tables.js";
import { type ChartSpec } from "./chart-spec.js";
import { dataset, timeChart, yScale } from "./chart-kit.js";
import { type SeriesView } from "./series-view.js";
import { SERIES, type SeriesName } from "./series-style.js";

const sum = (values: readonly number[]): number => values.reduce((a, v) => a + (Number.isFinite(v) ? v : 0), 0);

/** Chart 5: flows per period: sent, received, deleted and empty receives, and the rarer redeliveries and dead letters. */
export function throughputChart(run: ChartRun, view: SeriesView): ChartSpec {
  const flow = (name: SeriesName, column: string, yAxisID = "y"): Record<string, unknown> =>
    dataset(name, view.points(column, "mean"), { yAxisID, label: `${SERIES[name].label} (total ${formatInt(sum(view.raw(column)))})` });
  const datasets = [flow("sent", "NumberOfMessagesSent_msgs"), flow("received", "NumberOfMessagesReceived_msgs"), flow("deleted", "deleted_msgs")];
  if (view.anyNonZero("redelivered_msgs")) datasets.push(flow("redelivered", "redelivered_msgs"));
  if (view.anyNonZero("dead_lettered_msgs")) datasets.push(flow("deadLettered", "dead_lettered_msgs"));
  if (view.anyNonZero("NumberOfDeduplicatedSentMessages_msgs")) datasets.push(flow("deduplicated", "NumberOfDeduplicatedSentMessages_msgs"));
  if (view.anyNonZero("order_violations_msgs")) datasets.push(flow("orderViolations", "order_violations_msgs"));
  const empties = view.anyNonZero("NumberOfEmptyReceives_requests");
  if (empties) datasets.push(flow("emptyReceives", "NumberOfEmptyReceives_requests", "requests"));
  const throttledSends = view.anyNonZero("throttled_send_calls_requests");
  if (throttledSends) datasets.push(flow("throttledSends", "throttled_send_calls_requests", "requests"));
  const throttledReceives = view.anyNonZero("throttled_receive_calls_requests");
  if (throttledReceives) datasets.push(flow("throttledReceives", "throttled_receive_calls_requests", "requests"));
  const throttled = throttledSends || throttledReceives;
  const requestsAxis = empties || throttled;
  // Messages produced and not yet accepted: a level, not a flow, so on an axis of its own. Runs saved before every
  // run had the column (or a run whose producers never held a message) draw no line.
  const waiting = view.has("unsent_msgs") && view.anyNonZero("unsent_msgs");
  if (waiting) datasets.push(dataset("unsent", view.points("unsent_msgs", "max"), { yAxisID: "waiting" }));
  const per = `per ${formatDuration(run.series.periodSeconds, "period")} period`;
  return {
    id: "throughput",
    title: "Throughput",
    howToRead:
      `Messages ${per}: sent (accepted by SQS), received (deliveries, redeliveries and duplicate copies included) and ` +
      "deleted (processed and acknowledged). In a steady state the three lines lie on top of each other; received above " +
      "deleted means deliveries that did not end in a delete (visibility timeouts expiring, failures). Redelivered " +
      "and dead-lettered appear only when there were any" +
      (empties ? "; empty receives (ReceiveMessage calls that returned nothing, billed all the same) are on the right-hand axis" : "") +
      (throttled
        ? "; throttled calls (over a FIFO queue's 300 calls per second per action) are on the right-hand axis: producers and consumers retried them after a backoff"
        : "") +
      (waiting
        ? "; waiting in producers (its own right-hand axis) is how many messages were produced and not yet accepted by SQS at the end of each period — a batch filling, or sends held back by throttling: that wait counts in end-to-end time and in the send delay"
        : "") +
      ". The legend gives each line's total over the run.",
    config: timeChart(run, view, {
      title: "Throughput",
      datasets,
      yScales: {
        y: yScale(`messages ${per}`),
        ...(requestsAxis
          ? { requests: yScale(`${empties && throttled ? "requests" : empties ? "empty receives" : "throttled calls"} ${per}`, { position: "right" }) }
          : {}),
        ...(waiting ? { waiting: yScale("messages waiting in producers", { position: "right" }) } : {}),
      },
      yFormats: {
        y: { kind: "count" },
        ...(requestsAxis ? { requests: { kind: "count" } } : {}),
        ...(waiting ? { waiting: { kind: "count" } } : {}),
      },
    }),
  };
}

import { type ChartRun } from "../run-data.js";
import { type ChartSpec } from "./chart-spec.js";
import { dataset, timeChart, yScale } from "./chart-kit.js";
import { type SeriesView } from "./series-view.js";

/** FIFO: how many groups can be worked on at once, against the workers busy; and messages held back by throttling. */
export function groupsChart(run: ChartRun, view: SeriesView): ChartSpec | null {
  if (!view.has("ApproximateNumberOfGroupsWithInflightMessages_groups")) return null;
  const throttled = view.anyNonZero("unsent_msgs");
  const datasets = [
    dataset("groupsInFlight", view.points("ApproximateNumberOfGroupsWithInflightMessages_groups", "max")),
    dataset("busyWorkers", view.points("busy_workers", "max")),
  ];
  if (throttled) datasets.push(dataset("unsent", view.points("unsent_msgs", "max"), { yAxisID: "waiting" }));
  return {
    id: "groups",
    title: "Message groups",
    howToRead:
      "A FIFO queue hands out no more of a group while one of its messages is in flight, so the groups with a " +
      "message in flight (CloudWatch's ApproximateNumberOfGroupsWithInflightMessages) cap how many consumers can " +
      "work at once: when the busy-workers line sits on the groups line while messages wait, adding consumers will " +
      "not help — more groups will. A hot group or a poison message shows as one group in flight for a long time." +
      (throttled ? " The dotted line (right-hand axis) is messages the producers hold back because their send calls were throttled." : ""),
    config: timeChart(run, view, {
      title: "Message groups",
      datasets,
      yScales: {
        y: yScale("groups / workers"),
        ...(throttled ? { waiting: yScale("messages waiting in producers", { position: "right" }) } : {}),
      },
      yFormats: { y: { kind: "count" }, ...(throttled ? { waiting: { kind: "count" } } : {}) },
    }),
  };
}

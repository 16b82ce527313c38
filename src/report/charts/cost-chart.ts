import { type ChartRun } from "../run-data.js";
import { formatUsd } from "../summary-tables.js";
import { type ChartSpec } from "./chart-spec.js";
import { dataset, timeChart, yScale } from "./chart-kit.js";
import { type SeriesView } from "./series-view.js";

/** Chart 7: money spent so far, compute and SQS requests, cumulative. Left out for a saved run without cost columns. */
export function costChart(run: ChartRun, view: SeriesView): ChartSpec | null {
  if (!view.has("compute_cost_usd") || !view.has("sqs_cost_usd")) return null;
  const compute = view.raw("compute_cost_usd");
  const sqs = view.raw("sqs_cost_usd");
  const total = compute.map((c, i) => c + sqs[i]!);
  const totalPoints = view.points("compute_cost_usd", "max").map((p, i) => ({ x: p.x, y: total[Math.min(total.length - 1, (i + 1) * view.stride - 1)]! }));
  const c = run.summary.cost;
  return {
    id: "cost",
    title: "Cost",
    howToRead:
      `What the run has cost so far, in USD: compute (${
        run.summary.lambda !== undefined
          ? `the Lambda function: a request per invocation and GB-seconds of duration, per millisecond${
              run.summary.lambda.eventPollersUsd === undefined ? "" : ", and the provisioned event pollers by the hour"
            }`
          : "instances billed per second with a 60 s minimum each, from launch"
      }) ` +
      `and SQS requests (billed per 64 KiB chunk of each request). ${run.running ? "So far" : "By the end"}: compute ${formatUsd(c.computeUsd)}, ` +
      `SQS ${formatUsd(c.sqsUsd)}, total ${formatUsd(c.totalUsd)}. A steeper compute line is a larger fleet; ` +
      "SQS cost grows with traffic and with empty receives, which short polling multiplies.",
    config: timeChart(run, view, {
      title: "Cost",
      datasets: [
        dataset("computeCost", view.points("compute_cost_usd", "max")),
        dataset("sqsCost", view.points("sqs_cost_usd", "max")),
        // Wider, so that it still shows when SQS costs next to nothing and the total lies on the compute line.
        { ...dataset("totalCost", totalPoints), borderWidth: 4 },
      ],
      yScales: { y: yScale("cumulative cost (USD)") },
      yFormats: { y: { kind: "usd" } },
    }),
  };
}

import { type LambdaFunction } from "../../consumers/lambda-function.js";
import { type ColumnReader, perPeriod, type SeriesColumn } from "../../metrics/period-series.js";
import { type EsmPollers } from "./esm-pollers.js";

/** A Lambda pool's columns in timeseries.csv (aws-behaviour §8), after the fleet's. */
export const LAMBDA_COLUMNS = {
  concurrency: {
    name: "lambda_concurrency",
    unit: "invocations",
    description: "Lambda: invocations running, averaged over the period (the function's concurrency)",
  },
  pollers: {
    name: "lambda_pollers",
    unit: "pollers",
    description: "Lambda: the most pollers (concurrent batches) the event source mapping ran during the period (8.2-8.5)",
  },
  invocations: { name: "lambda_invocations", unit: "invocations", description: "Lambda: invocations started in the period" },
  throttles: {
    name: "lambda_throttles",
    unit: "invocations",
    description: "Lambda: invocations refused at the function's concurrency limit in the period; their messages return after the visibility timeout (8.13)",
  },
  coldStarts: { name: "lambda_cold_starts", unit: "invocations", description: "Lambda: invocations that started a new execution environment in the period" },
} satisfies Record<string, SeriesColumn>;

/** The readers of LAMBDA_COLUMNS for one pool. */
export function lambdaColumns(fn: LambdaFunction, pollers: EsmPollers): ColumnReader[] {
  let lastUs = 0;
  let lastExecutionS = 0;
  return [
    {
      column: LAMBDA_COLUMNS.concurrency,
      read: (nowUs) => {
        const executionS = fn.executionSeconds(nowUs);
        const spanS = (nowUs - lastUs) / 1e6;
        const mean = spanS > 0 ? (executionS - lastExecutionS) / spanS : fn.executing;
        lastUs = nowUs;
        lastExecutionS = executionS;
        return mean;
      },
    },
    { column: LAMBDA_COLUMNS.pollers, read: () => pollers.takePeakSinceRead() },
    { column: LAMBDA_COLUMNS.invocations, read: perPeriod(() => fn.invocations) },
    { column: LAMBDA_COLUMNS.throttles, read: perPeriod(() => fn.throttled) },
    { column: LAMBDA_COLUMNS.coldStarts, read: perPeriod(() => fn.coldStarts) },
  ];
}

// Whether a run ended with its backlog still growing: the offered load exceeded what the fleet processed, so the
// latency figures describe a queue that had not reached a steady state, and a longer run would report larger ones.
import { type PeriodSeries, columnValues } from "../metrics/period-series.js";

export interface BacklogTrend {
  /** Messages waiting to be worked on (visible in the queue, and in producers) an hour before the end, and at it. */
  fromMessages: number;
  toMessages: number;
  /** The span looked at, in seconds: the last hour, or the whole run when it is shorter. */
  spanSeconds: number;
}

const HOUR_S = 3600;
const QUARTERS = 4;

/**
 * The backlog's rise over the run's last hour (its second half, for a run shorter than two hours), or null when it did
 * not grow through it. The backlog is what waits for a consumer: visible messages, and messages still in producers;
 * not delayed ones (they wait out their delay whatever the fleet does) nor in-flight ones (they grow with the load
 * while the fleet keeps up). Growing means each quarter of the span held more messages on average than the quarter
 * before it, the end held more than the start by at least max(10, 1% of the messages sent in the span), and fewer
 * messages were deleted in the span than sent: a backlog that rose and then drained, or that wanders by a few
 * messages around a steady state, does not count.
 */
export function growingBacklog(series: PeriodSeries, durationSeconds: number): BacklogTrend | null {
  const times = columnValues(series, "time_s");
  const backlog = backlogOf(series);
  const sent = columnValues(series, "NumberOfMessagesSent_msgs");
  const deleted = columnValues(series, "deleted_msgs");
  const spanSeconds = Math.min(HOUR_S, durationSeconds / 2);
  const from = durationSeconds - spanSeconds;
  const rows: number[] = [];
  for (let i = 0; i < times.length; i++) if (times[i]! > from) rows.push(i);
  if (rows.length < QUARTERS) return null;
  const quarterMeans: number[] = [];
  for (let q = 0; q < QUARTERS; q++) {
    const part = rows.slice(Math.floor((q * rows.length) / QUARTERS), Math.floor(((q + 1) * rows.length) / QUARTERS));
    quarterMeans.push(part.reduce((a, i) => a + backlog[i]!, 0) / part.length);
  }
  if (!quarterMeans.every((m, q) => q === 0 || m > quarterMeans[q - 1]!)) return null;
  const start = rows[0]! > 0 ? backlog[rows[0]! - 1]! : 0;
  const end = backlog[rows[rows.length - 1]!]!;
  const sentInSpan = rows.reduce((a, i) => a + sent[i]!, 0);
  const deletedInSpan = rows.reduce((a, i) => a + deleted[i]!, 0);
  if (end - start < Math.max(10, 0.01 * sentInSpan) || deletedInSpan >= sentInSpan) return null;
  return { fromMessages: start, toMessages: end, spanSeconds };
}

function backlogOf(series: PeriodSeries): number[] {
  const visible = columnValues(series, "ApproximateNumberOfMessagesVisible_msgs");
  const unsent = series.columns.some((c) => c.name === "unsent_msgs") ? columnValues(series, "unsent_msgs") : [];
  return visible.map((v, i) => v + (unsent[i] ?? 0));
}

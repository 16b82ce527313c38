import { type Consumer } from "../consumers/consumer.js";
import { BUCKET_COUNT, type LogHistogram, quantileOfCounts } from "../metrics/log-histogram.js";
import { appendRow, type ColumnReader, emptySeries, type PeriodSeries, type SeriesColumn } from "../metrics/period-series.js";
import { type ConsumerQueue } from "../sqs/queue-api.js";

/** The per-period series: CloudWatch's SQS metric names (aws-behaviour §4) where one exists, each with its unit. */
export const PERIOD_COLUMNS: SeriesColumn[] = [
  { name: "time_s", unit: "s", description: "end of the period, seconds from the start" },
  { name: "ApproximateNumberOfMessagesVisible_msgs", unit: "messages", description: "visible messages at the end of the period (4.1)" },
  { name: "ApproximateNumberOfMessagesNotVisible_msgs", unit: "messages", description: "in-flight messages at the end of the period (4.2)" },
  { name: "ApproximateNumberOfMessagesDelayed_msgs", unit: "messages", description: "delayed messages at the end of the period (4.3)" },
  { name: "ApproximateAgeOfOldestMessage_s", unit: "s", description: "age of the oldest message at the end of the period (4.4)" },
  { name: "NumberOfMessagesSent_msgs", unit: "messages", description: "messages accepted in the period (4.5)" },
  { name: "NumberOfMessagesReceived_msgs", unit: "messages", description: "deliveries in the period, copies included (4.5)" },
  {
    name: "deleted_msgs",
    unit: "messages",
    description: "messages deleted in the period (CloudWatch's NumberOfMessagesDeleted also counts duplicate deletes, 4.6)",
  },
  { name: "NumberOfEmptyReceives_requests", unit: "requests", description: "receives that returned nothing (4.7)" },
  { name: "SentMessageSize_avg_bytes", unit: "bytes", description: "mean size of the messages sent in the period" },
  { name: "redelivered_msgs", unit: "messages", description: "deliveries of a message received before" },
  { name: "duplicate_deliveries_msgs", unit: "messages", description: "at-least-once extra copies delivered (2.1)" },
  { name: "dead_lettered_msgs", unit: "messages", description: "messages moved to the dead-letter queue" },
  { name: "expired_msgs", unit: "messages", description: "messages deleted by the retention period" },
  { name: "rejected_msgs", unit: "messages", description: "sends refused for their size" },
  { name: "dead_letter_queue_depth_msgs", unit: "messages", description: "messages in the dead-letter queue at the end of the period" },
  { name: "billable_requests", unit: "requests", description: "billed SQS requests in the period (64 KiB chunks, 10.2)" },
  { name: "mean_messages_in_queue_msgs", unit: "messages", description: "time-average of visible + in flight + delayed over the period" },
  { name: "queue_wait_mean_s", unit: "s", description: "mean send → first receive of messages first received in the period" },
  { name: "queue_wait_p50_s", unit: "s", description: "median send → first receive in the period" },
  { name: "queue_wait_p99_s", unit: "s", description: "99th percentile send → first receive in the period" },
  { name: "end_to_end_mean_s", unit: "s", description: "mean send → delete of messages deleted in the period" },
  { name: "instances", unit: "instances", description: "consumer instances InService at the end of the period" },
  { name: "busy_workers", unit: "workers", description: "workers processing a batch at the end of the period" },
];

/** A column beyond the fixed ones (the fleet's states, each alarm's state), read at each period end. */
/** A column simulate() adds after PERIOD_COLUMNS, with its reader. */
export type ExtraColumn = ColumnReader;

/** Takes one row per metric period from the queue's and the fleet's counters (differences of cumulative values). */
export class PeriodSampler {
  readonly series: PeriodSeries;
  private readonly row: Float64Array;
  private readonly prevWaitCounts = new Float64Array(BUCKET_COUNT);
  private readonly periodWaitCounts = new Float64Array(BUCKET_COUNT);
  private prev = {
    sent: 0,
    sentBytes: 0,
    received: 0,
    deleted: 0,
    empty: 0,
    redelivered: 0,
    duplicates: 0,
    deadLettered: 0,
    expired: 0,
    rejected: 0,
    billable: 0,
    areaUs: 0,
    waitCount: 0,
    waitSum: 0,
    e2eCount: 0,
    e2eSum: 0,
  };
  private prevTimeUs = 0;

  constructor(
    periodSeconds: number,
    private readonly queue: ConsumerQueue,
    private readonly latency: { queueWait: LogHistogram; endToEnd: LogHistogram },
    private readonly pool: Consumer,
    private readonly instances: () => number,
    private readonly extra: readonly ExtraColumn[] = [],
  ) {
    this.series = emptySeries(periodSeconds, [...PERIOD_COLUMNS, ...extra.map((e) => e.column)]);
    this.row = new Float64Array(PERIOD_COLUMNS.length + extra.length);
  }

  sample(nowUs: number): void {
    const q = this.queue;
    q.accrue(nowUs);
    const p = this.prev;
    const wait = this.latency.queueWait;
    const e2e = this.latency.endToEnd;
    const sent = q.sent - p.sent;
    const waitCount = wait.count - p.waitCount;
    const e2eCount = e2e.count - p.e2eCount;
    for (let b = 0; b < BUCKET_COUNT; b++) this.periodWaitCounts[b] = wait.counts[b]! - this.prevWaitCounts[b]!;
    const spanUs = nowUs - this.prevTimeUs;
    const r = this.row;
    let i = 0;
    r[i++] = nowUs / 1e6;
    r[i++] = q.visible;
    r[i++] = q.inFlight;
    r[i++] = q.delayed;
    r[i++] = q.ageOfOldestMessageS(nowUs);
    r[i++] = sent;
    r[i++] = q.received - p.received;
    r[i++] = q.deleted - p.deleted;
    r[i++] = q.requests.emptyReceive - p.empty;
    r[i++] = sent > 0 ? (q.sentBytes - p.sentBytes) / sent : 0;
    r[i++] = q.redelivered - p.redelivered;
    r[i++] = q.duplicateDeliveries - p.duplicates;
    r[i++] = q.deadLettered - p.deadLettered;
    r[i++] = q.expired - p.expired;
    r[i++] = q.rejected - p.rejected;
    r[i++] = q.deadLetterDepth;
    r[i++] = q.requests.billable - p.billable;
    r[i++] = spanUs > 0 ? (q.inQueueAreaUs - p.areaUs) / spanUs : 0;
    r[i++] = waitCount > 0 ? (wait.sum - p.waitSum) / waitCount : 0;
    r[i++] = quantileOfCounts(this.periodWaitCounts, waitCount, 0.5);
    r[i++] = quantileOfCounts(this.periodWaitCounts, waitCount, 0.99);
    r[i++] = e2eCount > 0 ? (e2e.sum - p.e2eSum) / e2eCount : 0;
    r[i++] = this.instances();
    r[i++] = this.pool.processing;
    for (const e of this.extra) r[i++] = e.read(nowUs);
    appendRow(this.series, r);
    this.prevWaitCounts.set(wait.counts);
    this.prevTimeUs = nowUs;
    this.prev = {
      sent: q.sent,
      sentBytes: q.sentBytes,
      received: q.received,
      deleted: q.deleted,
      empty: q.requests.emptyReceive,
      redelivered: q.redelivered,
      duplicates: q.duplicateDeliveries,
      deadLettered: q.deadLettered,
      expired: q.expired,
      rejected: q.rejected,
      billable: q.requests.billable,
      areaUs: q.inQueueAreaUs,
      waitCount: wait.count,
      waitSum: wait.sum,
      e2eCount: e2e.count,
      e2eSum: e2e.sum,
    };
  }
}

// The run's summary as small tables of labelled, human-formatted values, shared by report.html, report.md and the
// comparison report (which lines the same rows up across runs).
import { formatDuration } from "../engine/units.js";
import { type LatencySummary, type LowerBoundFigure } from "../metrics/log-histogram.js";
import { type LambdaSummary, type RunSummary } from "../sim/result.js";

export interface SummaryRow {
  label: string;
  value: string;
}

export interface SummaryTable {
  title: "Messages" | "Requests" | "Latency" | "Fleet" | "Cost" | "SLO" | "Message groups";
  rows: SummaryRow[];
}

export const formatInt = (n: number): string => Math.round(n).toLocaleString("en-US");
export const formatUsd = (n: number): string => `$${n !== 0 && Math.abs(n) < 1 ? n.toFixed(4) : n.toFixed(2)}`;
export const formatPercent = (fraction: number): string => `${(fraction * 100).toFixed(fraction < 0.001 && fraction > 0 ? 3 : 1)}%`;

/**
 * A latency figure for people, with "≥ " before it when a message still waiting at the end reaches it (its true
 * value may be larger). Summaries written before censoring was counted have no lowerBound: nothing is marked.
 */
export function latencyFigure(l: LatencySummary, key: LowerBoundFigure): string {
  return `${(l.lowerBound ?? []).includes(key) ? "≥ " : ""}${formatDuration(l[key], "rounded")}`;
}

export const latencyRows = (name: string, l: LatencySummary | undefined): SummaryRow[] =>
  l === undefined
    ? []
    : [
        { label: `${name} mean`, value: latencyFigure(l, "mean") },
        { label: `${name} p50`, value: latencyFigure(l, "p50") },
        { label: `${name} p90`, value: latencyFigure(l, "p90") },
        { label: `${name} p99`, value: latencyFigure(l, "p99") },
        { label: `${name} max`, value: latencyFigure(l, "max") },
        ...(l.censored === undefined ? [] : [{ label: `${name}: still waiting at the end`, value: formatInt(l.censored) }]),
      ];

/** A queue's API calls by kind and the requests they are billed as (a run's, or one queue's of an architecture). */
export const requestRows = (r: RunSummary["requests"]): SummaryRow[] => [
  { label: "SendMessage(Batch)", value: formatInt(r.send) },
  { label: "ReceiveMessage", value: formatInt(r.receive) },
  { label: "empty receives", value: formatInt(r.emptyReceive) },
  { label: "DeleteMessage(Batch)", value: formatInt(r.delete) },
  { label: "ChangeMessageVisibility", value: formatInt(r.changeVisibility) },
  { label: "refused (in-flight limit)", value: formatInt(r.overLimit) },
  { label: "billable (64 KiB chunks)", value: formatInt(r.billable) },
];

export function summaryTables(s: RunSummary): SummaryTable[] {
  const m = s.messages;
  const f = s.fleet;
  const tables: SummaryTable[] = [
    {
      title: "Messages",
      rows: [
        { label: "produced", value: formatInt(m.produced) },
        { label: "sent (accepted)", value: formatInt(m.sent) },
        { label: "rejected", value: formatInt(m.rejected) },
        { label: "received (deliveries)", value: formatInt(m.received) },
        { label: "deleted", value: formatInt(m.deleted) },
        { label: "redelivered", value: formatInt(m.redelivered) },
        { label: "duplicate deliveries", value: formatInt(m.duplicateDeliveries) },
        { label: "processed more than once", value: formatInt(m.duplicateProcessing) },
        { label: "dead-lettered", value: formatInt(m.deadLettered) },
        { label: "expired", value: formatInt(m.expired) },
        { label: "left visible", value: formatInt(m.remaining.visible) },
        { label: "left in flight", value: formatInt(m.remaining.inFlight) },
        { label: "left delayed", value: formatInt(m.remaining.delayed) },
        { label: "left in producers (unsent)", value: formatInt(s.producers?.unsent ?? 0) },
        ...(s.producers?.peakUnsent === undefined ? [] : [{ label: "peak waiting in producers", value: formatInt(s.producers.peakUnsent) }]),
        { label: "mean messages in queue", value: s.meanMessagesInQueue.toFixed(1) },
      ],
    },
    {
      title: "Requests",
      rows: requestRows(s.requests),
    },
    {
      title: "Latency",
      rows: [
        ...latencyRows("send delay", s.latency.sendDelay),
        ...latencyRows("queue wait", s.latency.queueWait),
        ...latencyRows("end to end", s.latency.endToEnd),
        ...(s.latency.endToEnd.oldestCensored === undefined
          ? []
          : [{ label: "oldest still waiting", value: formatDuration(s.latency.endToEnd.oldestCensored, "rounded") }]),
      ],
    },
    s.lambda !== undefined
      ? lambdaTable(s.lambda, s.consumers.failedAttempts)
      : {
          title: "Fleet",
          rows: [
            { label: "kind", value: f.kind },
            { label: "peak InService", value: formatInt(f.peakInService) },
            { label: "lowest InService", value: formatInt(f.minInService) },
            { label: "workers started", value: formatInt(s.consumers.workers) },
            { label: "worker utilisation", value: formatPercent(s.consumers.utilization) },
            { label: "instance hours", value: (f.instanceSeconds / 3600).toFixed(2) },
            { label: "billed instance hours", value: (f.billedInstanceSeconds / 3600).toFixed(2) },
            { label: "scale-out activities", value: formatInt(f.scaleOutActivities) },
            { label: "scale-in activities", value: formatInt(f.scaleInActivities) },
            { label: "time to first scale-out", value: f.timeToFirstScaleOutSeconds === null ? "—" : formatDuration(f.timeToFirstScaleOutSeconds, "rounded") },
            { label: "failed processing attempts", value: formatInt(s.consumers.failedAttempts) },
          ],
        },
    {
      title: "Cost",
      rows: [
        { label: "SQS requests", value: formatUsd(s.cost.sqsUsd) },
        { label: "compute", value: formatUsd(s.cost.computeUsd) },
        { label: "total", value: formatUsd(s.cost.totalUsd) },
      ],
    },
  ];
  if (s.fifo !== null && s.fifo !== undefined) {
    tables.push({
      title: "Message groups",
      rows: [
        { label: "queue type", value: s.fifo.queueType },
        { label: "deduplicated sends", value: formatInt(s.fifo.deduplicated) },
        { label: "duplicate sends stored as new messages", value: formatInt(s.fifo.duplicatesStored) },
        { label: "throttled send calls", value: formatInt(s.fifo.throttledSends) },
        { label: "throttled receive calls", value: formatInt(s.fifo.throttledReceives ?? 0) },
        { label: "throttled delete calls", value: formatInt(s.fifo.throttledDeletes ?? 0) },
        { label: "throttled visibility changes", value: formatInt(s.fifo.throttledVisibilityChanges ?? 0) },
        { label: "peak groups in flight", value: s.fifo.groupsActivePeak === null ? "—" : formatInt(s.fifo.groupsActivePeak) },
        { label: "order violations (delivery)", value: formatInt(s.fifo.orderViolations) },
        { label: "processed out of order", value: formatInt(s.fifo.processedOutOfOrder ?? 0) },
      ],
    });
  }
  if (s.slo !== null) {
    tables.push({
      title: "SLO",
      rows: [
        { label: "maximum queue wait", value: formatDuration(s.slo.maxQueueWaitSeconds, "rounded") },
        { label: "messages over it", value: formatInt(s.slo.messagesOverMaxQueueWait) },
        { label: "fraction over it", value: formatPercent(s.slo.fractionOverMaxQueueWait) },
      ],
    });
  }
  return tables;
}

/** A Lambda pool's table in place of the fleet's (summary.json's lambda, aws-behaviour §8). */
function lambdaTable(l: LambdaSummary, failedAttempts: number): SummaryTable {
  return {
    title: "Fleet",
    rows: [
      { label: "kind", value: "lambda" },
      { label: "invocations", value: formatInt(l.invocations) },
      { label: "throttled invocations", value: formatInt(l.throttledInvocations) },
      { label: "failed invocations", value: formatInt(l.failedInvocations) },
      { label: "timeouts", value: formatInt(l.timeouts) },
      { label: "cold starts", value: formatInt(l.coldStarts) },
      { label: "peak concurrency", value: formatInt(l.peakConcurrency) },
      { label: "mean concurrency", value: l.meanConcurrency.toFixed(2) },
      { label: "time to peak concurrency", value: l.timeToPeakConcurrencySeconds === null ? "—" : formatDuration(l.timeToPeakConcurrencySeconds, "rounded") },
      { label: "peak concurrent batches (pollers)", value: formatInt(l.peakPollers) },
      { label: "GB-seconds", value: l.gbSeconds.toFixed(2) },
      { label: "requests cost", value: formatUsd(l.requestsUsd) },
      { label: "duration cost", value: formatUsd(l.durationUsd) },
      ...(l.eventPollerHours === undefined
        ? []
        : [
            { label: "event poller hours (provisioned)", value: l.eventPollerHours.toFixed(2) },
            { label: "event pollers cost", value: formatUsd(l.eventPollersUsd ?? 0) },
          ]),
      { label: "failed processing attempts", value: formatInt(failedAttempts) },
    ],
  };
}

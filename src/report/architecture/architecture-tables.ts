// An architecture run's summary as tables of human-formatted values, shared by its report.html and report.md: grids
// across resources (topics' subscriptions, producers, paths, cost) and label–value tables per queue and per pool.
import { formatDuration } from "../../engine/units.js";
import { type ArchitectureSummary, type PoolSummary, type QueueSummary } from "../../sim/architecture-result.js";
import { formatInt, formatPercent, formatUsd, latencyFigure, latencyRows, requestRows, type SummaryRow } from "../summary-tables.js";

/** A table with a header row; the last `numeric` columns hold figures (right-aligned). */
export interface GridTable {
  title: string;
  header: string[];
  rows: string[][];
  numeric: number;
}

/** A label–value table of one queue or pool. */
export interface ResourceTable {
  title: string;
  rows: SummaryRow[];
}

export function costTable(s: ArchitectureSummary): GridTable {
  const c = s.cost;
  return {
    title: "Cost",
    header: ["", "USD"],
    rows: [
      ["SQS requests", formatUsd(c.sqsUsd)],
      ["SNS publishes and deliveries", formatUsd(c.snsUsd)],
      ["compute", formatUsd(c.computeUsd)],
      ["total", formatUsd(c.totalUsd)],
    ],
    numeric: 1,
  };
}

export function producersTable(s: ArchitectureSummary): GridTable {
  return {
    title: "Producers",
    header: ["producer", "sends or publishes to", "produced", "left unsent"],
    rows: Object.entries(s.producers).map(([name, p]) => [name, p.to, formatInt(p.produced), formatInt(p.unsent)]),
    numeric: 2,
  };
}

/** One row per subscription: what the topic published, delivered to the queue, and filtered out for it. */
export function topicsTable(s: ArchitectureSummary): GridTable | null {
  const rows: string[][] = [];
  for (const [name, t] of Object.entries(s.topics)) {
    for (const queue of Object.keys(t.delivered)) {
      rows.push([
        name,
        queue,
        formatInt(t.published),
        formatInt(t.delivered[queue] ?? 0),
        formatInt(t.filteredOut[queue] ?? 0),
        formatInt(t.refused[queue] ?? 0),
        formatInt(t.pendingAtEnd[queue] ?? 0),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    title: "Topics: per subscription",
    header: ["topic", "subscribed queue", "published", "delivered", "filtered out", "refused by the queue", "on their way at the end"],
    rows,
    numeric: 5,
  };
}

/** Per topic: its publishes, requests and cost. */
export function topicTotalsTable(s: ArchitectureSummary): GridTable | null {
  const rows = Object.entries(s.topics).map(([name, t]) => [
    name,
    t.type,
    formatInt(t.published),
    formatInt(t.deduplicated),
    formatInt(t.rejected),
    formatInt(t.requests.publish),
    formatInt(t.requests.billable),
    formatUsd(t.costUsd),
  ]);
  if (rows.length === 0) return null;
  return {
    title: "Topics",
    header: ["topic", "type", "published", "deduplicated", "refused for size", "Publish(Batch) calls", "billable (64 KiB chunks)", "cost"],
    rows,
    numeric: 6,
  };
}

/** The end to end of each chain, from its first production to the delete at the path's last pool. */
export function pathsTable(s: ArchitectureSummary): GridTable | null {
  const rows = Object.entries(s.paths).map(([name, p]) => {
    const l = p.endToEnd;
    return [
      name,
      formatInt(l.count),
      formatInt(l.censored ?? 0),
      latencyFigure(l, "p50"),
      latencyFigure(l, "p90"),
      latencyFigure(l, "p99"),
      latencyFigure(l, "max"),
    ];
  });
  if (rows.length === 0) return null;
  return { title: "End to end per path", header: ["path", "messages", "still waiting at the end", "p50", "p90", "p99", "max"], rows, numeric: 6 };
}

export function queueTables(q: QueueSummary): ResourceTable[] {
  const m = q.messages;
  const tables: ResourceTable[] = [
    {
      title: "Messages",
      rows: [
        { label: "type", value: q.type },
        { label: "sent (accepted)", value: formatInt(m.sent) },
        { label: "rejected", value: formatInt(m.rejected) },
        { label: "received (deliveries)", value: formatInt(m.received) },
        { label: "deleted", value: formatInt(m.deleted) },
        { label: "redelivered", value: formatInt(m.redelivered) },
        { label: "duplicate deliveries", value: formatInt(m.duplicateDeliveries) },
        { label: "dead-lettered", value: formatInt(m.deadLettered) },
        { label: "expired", value: formatInt(m.expired) },
        { label: "left visible", value: formatInt(m.remaining.visible) },
        { label: "left in flight", value: formatInt(m.remaining.inFlight) },
        { label: "left delayed", value: formatInt(m.remaining.delayed) },
        { label: "mean messages in queue", value: q.meanMessagesInQueue.toFixed(1) },
      ],
    },
    {
      title: "Requests",
      rows: [...requestRows(q.requests), { label: "cost", value: formatUsd(q.costUsd) }],
    },
    {
      title: "Latency",
      rows: [
        ...latencyRows("send delay", q.latency.sendDelay),
        ...latencyRows("queue wait", q.latency.queueWait),
        ...latencyRows("end to end", q.latency.endToEnd),
        { label: "oldest still waiting", value: formatDuration(q.latency.endToEnd.oldestCensored, "rounded") },
      ],
    },
  ];
  if (q.deadLetterQueue !== null) {
    tables.push({
      title: "Dead-letter queue",
      rows: [
        { label: "moved there", value: formatInt(q.deadLetterQueue.moved) },
        { label: "expired there", value: formatInt(q.deadLetterQueue.expired) },
        { label: "left there", value: formatInt(q.deadLetterQueue.remaining) },
      ],
    });
  }
  if (q.fifo !== null) {
    const f = q.fifo;
    tables.push({
      title: "Message groups",
      rows: [
        { label: "deduplicated sends", value: formatInt(f.deduplicated) },
        { label: "throttled send calls", value: formatInt(f.throttledSends) },
        { label: "throttled receive calls", value: formatInt(f.throttledReceives) },
        { label: "peak groups in flight", value: f.groupsActivePeak === null ? "—" : formatInt(f.groupsActivePeak) },
        { label: "order violations (delivery)", value: formatInt(f.orderViolations) },
        { label: "processed out of order", value: formatInt(f.processedOutOfOrder) },
      ],
    });
  }
  if (q.slo !== null) {
    tables.push({
      title: "SLO",
      rows: [
        { label: "maximum queue wait", value: formatDuration(q.slo.maxQueueWaitSeconds, "rounded") },
        { label: "messages over it", value: formatInt(q.slo.messagesOverMaxQueueWait) },
        { label: "fraction over it", value: formatPercent(q.slo.fractionOverMaxQueueWait) },
      ],
    });
  }
  return tables;
}

export function poolTables(p: PoolSummary): ResourceTable[] {
  const f = p.fleet;
  const c = p.consumers;
  return [
    {
      title: "Consumers",
      rows: [
        { label: "reads queue", value: p.queue },
        { label: "workers started", value: formatInt(c.workers) },
        { label: "processed", value: formatInt(c.processed) },
        { label: "worker utilisation", value: formatPercent(c.utilization) },
        { label: "failed processing attempts", value: formatInt(c.failedAttempts) },
        { label: "processed more than once", value: formatInt(c.duplicateProcessing) },
        { label: "emitted downstream", value: formatInt(p.emitted) },
        { label: "emitted, refused by their destination", value: formatInt(p.emitRefused) },
        { label: "emitted, on their way at the end", value: formatInt(p.emitInTransitAtEnd) },
      ],
    },
    {
      title: "Fleet",
      rows: [
        { label: "kind", value: f.kind },
        { label: "peak InService", value: formatInt(f.peakInService) },
        { label: "lowest InService", value: formatInt(f.minInService) },
        { label: "instance hours", value: (f.instanceSeconds / 3600).toFixed(2) },
        { label: "billed instance hours", value: (f.billedInstanceSeconds / 3600).toFixed(2) },
        { label: "scale-out activities", value: formatInt(f.scaleOutActivities) },
        { label: "scale-in activities", value: formatInt(f.scaleInActivities) },
        { label: "time to first scale-out", value: f.timeToFirstScaleOutSeconds === null ? "—" : formatDuration(f.timeToFirstScaleOutSeconds, "rounded") },
        { label: "compute cost", value: formatUsd(p.costUsd) },
      ],
    },
  ];
}

import { type RunSummary } from "../sim/result.js";

import { type BacklogTrend } from "../report/backlog-trend.js";
import { formatDuration } from "../engine/units.js";
import { formatInt as int, formatUsd as usd, latencyFigure } from "../report/summary-tables.js";
import { type LatencySummary } from "../metrics/log-histogram.js";

function fleetLine(summary: RunSummary): string {
  const f = summary.fleet;
  const busy = `${(summary.consumers.utilization * 100).toFixed(0)}% busy`;
  const l = summary.lambda;
  if (l !== undefined) {
    const throttled = l.throttledInvocations === 0 ? "none throttled" : `${int(l.throttledInvocations)} throttled`;
    const pollers = l.eventPollerHours === undefined ? "" : ` · ${l.eventPollerHours.toFixed(1)} event poller-hours`;
    return `lambda ${int(l.invocations)} invocations (${throttled}, ${int(l.coldStarts)} cold starts) · concurrency peak ${int(l.peakConcurrency)}, mean ${l.meanConcurrency.toFixed(1)} · concurrent batches up to ${int(l.peakPollers)}${pollers}`;
  }
  const k = summary.kubernetes;
  if (k !== undefined) {
    return `kubernetes up to ${int(k.peakReplicas)} replicas (${int(k.peakRunningPods)} running at most) on up to ${int(k.peakNodes)} nodes · ${k.scaleUpEvents} up, ${k.scaleDownEvents} down · ${busy}`;
  }
  if (f.kind === "fixed")
    return `${f.peakInService} instance${f.peakInService === 1 ? "" : "s"} (fixed) · ${summary.consumers.workers} worker${summary.consumers.workers === 1 ? "" : "s"} · ${busy}`;
  const first =
    f.timeToFirstScaleOutSeconds === null ? "" : ` · first scale-out ${formatDuration(f.timeToFirstScaleOutSeconds, "rounded")} after the breach began`;
  return `auto scaling ${f.minInService}–${f.peakInService} InService · ${f.scaleOutActivities} out, ${f.scaleInActivities} in${first} · ${busy}`;
}

/** "mean 1.2 s · p50 … · p99 ≥ 5.0 min · max ≥ 9.1 min": ≥ where a message still waiting at the end reaches it. */
const latencyLine = (l: LatencySummary): string => (["mean", "p50", "p99", "max"] as const).map((k) => `${k} ${latencyFigure(l, k)}`).join(" · ");

export interface TerminalSummaryOptions {
  /** report.html's path (null when not written). */
  reportFile?: string | null;
  /** The backlog grew through the run's last hour (growingBacklog), or null. */
  growing?: BacklogTrend | null;
  /** Preflight's estimate of the events, as eventEstimateText writes it, shown beside the events the run took. */
  eventEstimate?: string;
  /** The command that explains the scenario, in backquotes, for the warning: "`sqs-sim explain scenarios/x.yaml`". */
  explainCommand?: string;
}

/** The compact end-of-run summary printed on stdout. */
export function terminalSummary(summary: RunSummary, outDir: string, wallSeconds: number, options: TerminalSummaryOptions = {}): string {
  const reportFile = options.reportFile ?? null;
  const m = summary.messages;
  const remaining = m.remaining.visible + m.remaining.inFlight + m.remaining.delayed;
  const qw = summary.latency.queueWait;
  const e2e = summary.latency.endToEnd;
  const unsent = summary.producers.unsent;
  const waitingRow: [string, string][] =
    e2e.censored === 0
      ? []
      : [
          [
            "waiting",
            `${int(e2e.censored)} messages still waiting at the end (` +
              [
                `${int(qw.censored)} never received`,
                `${int(remaining - qw.censored)} received and not deleted`,
                ...(unsent > 0 ? [`${int(unsent)} not yet sent`] : []),
              ].join(", ") +
              `), the oldest produced ${formatDuration(e2e.oldestCensored, "rounded")} before it` +
              ([summary.latency.sendDelay, qw, e2e].some((l) => l.lowerBound.length > 0)
                ? "; figures marked ≥ count them at their age then, and may be larger"
                : ""),
          ],
        ];
  const notEnded = e2e.deadLettered + e2e.expired === 0 ? "" : ` (not counting ${int(e2e.deadLettered)} dead-lettered, ${int(e2e.expired)} expired)`;
  const rows: [string, string][] = [
    [
      "messages",
      `sent ${int(m.sent)} · deleted ${int(m.deleted)} · redelivered ${int(m.redelivered)} · dead-lettered ${int(m.deadLettered)} · expired ${int(m.expired)} · left in queue ${int(remaining)}` +
        (m.rejected > 0 ? ` · rejected ${int(m.rejected)}` : "") +
        (unsent > 0 ? ` · left unsent ${int(unsent)}` : ""),
    ],
    [
      "send delay",
      latencyLine(summary.latency.sendDelay) + (summary.producers.peakUnsent > 0 ? ` · up to ${int(summary.producers.peakUnsent)} waiting in producers` : ""),
    ],
    ["queue wait", latencyLine(qw)],
    ["end to end", latencyLine(e2e) + notEnded],
    ...waitingRow,
    ["requests", `${int(summary.requests.billable)} billable · ${int(summary.requests.emptyReceive)} empty receives`],
    [summary.lambda === undefined && summary.kubernetes === undefined ? "fleet" : "consumers", fleetLine(summary)],
    ["cost", `SQS ${usd(summary.cost.sqsUsd)} + compute ${usd(summary.cost.computeUsd)} = ${usd(summary.cost.totalUsd)}`],
    ...(summary.fifo === null || summary.fifo === undefined
      ? []
      : [
          [
            "groups",
            `${summary.fifo.queueType} · order violations ${int(summary.fifo.orderViolations)} (processed out of order ${int(summary.fifo.processedOutOfOrder)}) · deduplicated ${int(summary.fifo.deduplicated)} · duplicates stored ${int(summary.fifo.duplicatesStored)} · throttled sends ${int(summary.fifo.throttledSends)}, receives ${int(summary.fifo.throttledReceives)}, deletes ${int(summary.fifo.throttledDeletes)}` +
              (summary.fifo.groupsActivePeak === null ? "" : ` · peak groups in flight ${int(summary.fifo.groupsActivePeak)}`),
          ] as [string, string],
        ]),
    ...(summary.slo === null
      ? []
      : [
          [
            "SLO",
            `${int(summary.slo.messagesOverMaxQueueWait)} messages (${(summary.slo.fractionOverMaxQueueWait * 100).toFixed(1)}%) waited longer than ${formatDuration(summary.slo.maxQueueWaitSeconds, "rounded")}`,
          ] as [string, string],
        ]),
    ["files", reportFile === null ? outDir : `${outDir} · open ${reportFile}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const events = options.eventEstimate === undefined ? "" : ` · ${int(summary.engine.events)} events, estimated ${options.eventEstimate}`;
  const head = `${summary.scenario} (seed ${summary.seed}): ${formatDuration(summary.durationSeconds, "rounded")} simulated in ${wallSeconds.toFixed(2)} s${events}`;
  const growing = options.growing ?? null;
  const warning =
    growing === null
      ? []
      : [
          `warning: the backlog grew through the last ${formatDuration(growing.spanSeconds, "rounded")}, from ${int(growing.fromMessages)} to ${int(growing.toMessages)} ` +
            "messages: the load exceeded what the consumers processed, so a longer run would report longer waits. " +
            `${options.explainCommand ?? "`sqs-sim explain`"} sizes the fleet for the peak rate.`,
        ];
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), ...warning].join("\n") + "\n";
}

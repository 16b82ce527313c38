import { type RunSummary } from "../sim/result.js";

import { formatInt as int, formatSeconds as humanSeconds, formatUsd as usd } from "../report/summary-tables.js";

export { humanSeconds };

function fleetLine(summary: RunSummary): string {
  const f = summary.fleet;
  const busy = `${(summary.consumers.utilization * 100).toFixed(0)}% busy`;
  if (f.kind === "fixed") return `${f.peakInService} instances (fixed) · ${summary.consumers.workers} workers · ${busy}`;
  const first = f.timeToFirstScaleOutSeconds === null ? "" : ` · first scale-out ${humanSeconds(f.timeToFirstScaleOutSeconds)} after the breach began`;
  return `auto scaling ${f.minInService}–${f.peakInService} InService · ${f.scaleOutActivities} out, ${f.scaleInActivities} in${first} · ${busy}`;
}

/** The compact end-of-run summary printed on stdout; `reportFile` is report.html's path (null when not written). */
export function terminalSummary(summary: RunSummary, outDir: string, wallSeconds: number, reportFile: string | null = null): string {
  const m = summary.messages;
  const remaining = m.remaining.visible + m.remaining.inFlight + m.remaining.delayed;
  const qw = summary.latency.queueWait;
  const e2e = summary.latency.endToEnd;
  const rows: [string, string][] = [
    ["messages", `sent ${int(m.sent)} · deleted ${int(m.deleted)} · redelivered ${int(m.redelivered)} · dead-lettered ${int(m.deadLettered)} · expired ${int(m.expired)} · left in queue ${int(remaining)}` +
      (m.rejected > 0 ? ` · rejected ${int(m.rejected)}` : "")],
    ["queue wait", `mean ${humanSeconds(qw.mean)} · p50 ${humanSeconds(qw.p50)} · p99 ${humanSeconds(qw.p99)} · max ${humanSeconds(qw.max)}`],
    ["end to end", `mean ${humanSeconds(e2e.mean)} · p50 ${humanSeconds(e2e.p50)} · p99 ${humanSeconds(e2e.p99)} · max ${humanSeconds(e2e.max)}`],
    ["requests", `${int(summary.requests.billable)} billable · ${int(summary.requests.emptyReceive)} empty receives`],
    ["fleet", fleetLine(summary)],
    ["cost", `SQS ${usd(summary.cost.sqsUsd)} + compute ${usd(summary.cost.computeUsd)} = ${usd(summary.cost.totalUsd)}`],
    ...(summary.fifo === null || summary.fifo === undefined ? [] : [["groups", `${summary.fifo.queueType} · order violations ${int(summary.fifo.orderViolations)} (processed out of order ${int(summary.fifo.processedOutOfOrder)}) · deduplicated ${int(summary.fifo.deduplicated)} · duplicates stored ${int(summary.fifo.duplicatesStored)} · throttled sends ${int(summary.fifo.throttledSends)}, receives ${int(summary.fifo.throttledReceives)}, deletes ${int(summary.fifo.throttledDeletes)}` +
      (summary.fifo.groupsActivePeak === null ? "" : ` · peak groups in flight ${int(summary.fifo.groupsActivePeak)}`) +
      (summary.producers.unsent > 0 ? ` · unsent ${int(summary.producers.unsent)}` : "")] as [string, string]]),
    ...(summary.slo === null ? [] : [["SLO", `${int(summary.slo.messagesOverMaxQueueWait)} messages (${(summary.slo.fractionOverMaxQueueWait * 100).toFixed(1)}%) waited longer than ${humanSeconds(summary.slo.maxQueueWaitSeconds)}`] as [string, string]]),
    ["files", reportFile === null ? outDir : `${outDir} · open ${reportFile}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = `${summary.scenario} (seed ${summary.seed}): ${humanSeconds(summary.durationSeconds)} simulated in ${wallSeconds.toFixed(2)} s`;
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n") + "\n";
}

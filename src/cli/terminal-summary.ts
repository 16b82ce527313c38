import { type RunSummary } from "../sim/result.js";

const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const usd = (n: number): string => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

/** A duration for people: 0.42 s, 3.1 min, 2.0 h. */
export function humanSeconds(s: number): string {
  if (s === 0) return "0 s";
  if (s < 0.001) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 2 : 0)} ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

function fleetLine(summary: RunSummary): string {
  const f = summary.fleet;
  const busy = `${(summary.consumers.utilization * 100).toFixed(0)}% busy`;
  if (f.kind === "fixed") return `${f.peakInService} instances (fixed) · ${summary.consumers.workers} workers · ${busy}`;
  const first = f.timeToFirstScaleOutSeconds === null ? "" : ` · first scale-out ${humanSeconds(f.timeToFirstScaleOutSeconds)} after the breach began`;
  return `auto scaling ${f.minInService}–${f.peakInService} InService · ${f.scaleOutActivities} out, ${f.scaleInActivities} in${first} · ${busy}`;
}

/** The compact end-of-run summary printed on stdout. */
export function terminalSummary(summary: RunSummary, outDir: string, wallSeconds: number): string {
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
    ...(summary.slo === null ? [] : [["SLO", `${int(summary.slo.messagesOverMaxQueueWait)} messages (${(summary.slo.fractionOverMaxQueueWait * 100).toFixed(1)}%) waited longer than ${humanSeconds(summary.slo.maxQueueWaitSeconds)}`] as [string, string]]),
    ["files", outDir],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = `${summary.scenario} (seed ${summary.seed}): ${humanSeconds(summary.durationSeconds)} simulated in ${wallSeconds.toFixed(2)} s`;
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n") + "\n";
}

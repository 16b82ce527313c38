// The terminal summary of an architecture run: one line per topic, queue and pool, the chains' end to end, and cost.
import { formatDuration, groupThousands } from "../engine/units.js";
import { type ArchitectureSummary } from "../sim/architecture-result.js";

/** Paths the terminal lists at most. */
const MAX_PATH_LINES = 12;

const usd = (x: number): string => `$${x.toFixed(x < 10 ? 4 : 2)}`;
const seconds = (s: number): string => formatDuration(s, "rounded");

/** `reportFile`: report.html's path, or null when the run was written without its report (--no-charts). */
export function architectureTerminalSummary(s: ArchitectureSummary, outDir: string, wallSeconds: number, reportFile: string | null): string {
  const lines: string[] = [
    `${s.scenario}: ${formatDuration(s.durationSeconds)} simulated in ${wallSeconds.toFixed(1)} s wall (${groupThousands(s.engine.events)} events)`,
  ];
  for (const [name, t] of Object.entries(s.topics)) {
    const delivered = Object.entries(t.delivered).map(([q, n]) => `${q} ${groupThousands(n)}`);
    const filtered = Object.values(t.filteredOut).reduce((a, b) => a + b, 0);
    lines.push(
      `  topic ${name}: ${groupThousands(t.published)} published; delivered ${delivered.join(", ")}; ${groupThousands(filtered)} filtered out; ${usd(t.costUsd)}`,
    );
  }
  for (const [name, q] of Object.entries(s.queues)) {
    const left = q.messages.remaining.visible + q.messages.remaining.inFlight + q.messages.remaining.delayed;
    lines.push(
      `  queue ${name}: ${groupThousands(q.messages.sent)} sent, ${groupThousands(q.messages.deleted)} deleted, ${groupThousands(left)} left; ` +
        `wait p99 ${seconds(q.latency.queueWait.p99)}; end to end p99 ${seconds(q.latency.endToEnd.p99)}; ${usd(q.costUsd)}`,
    );
  }
  for (const [name, p] of Object.entries(s.consumers)) {
    lines.push(
      `  pool ${name} (${p.queue}): ${groupThousands(p.consumers.processed)} processed, ` +
        (p.lambda === undefined
          ? `peak ${p.fleet.peakInService} instances, utilization ${(p.consumers.utilization * 100).toFixed(0)}%`
          : `lambda: ${groupThousands(p.lambda.invocations)} invocations, ${groupThousands(p.lambda.throttledInvocations)} throttled, concurrency peak ${p.lambda.peakConcurrency}`) +
        `${p.emitted > 0 ? `, ${groupThousands(p.emitted)} emitted` : ""}; ${usd(p.costUsd)}`,
    );
  }
  // A cycle of emit can make hundreds of paths: the terminal shows the first ones, summary.json has them all.
  const paths = Object.entries(s.paths);
  for (const [name, path] of paths.slice(0, MAX_PATH_LINES)) {
    lines.push(
      `  path ${name}: end to end p50 ${seconds(path.endToEnd.p50)}, p99 ${seconds(path.endToEnd.p99)} (${groupThousands(path.endToEnd.count)} messages)`,
    );
  }
  if (paths.length > MAX_PATH_LINES) lines.push(`  … and ${groupThousands(paths.length - MAX_PATH_LINES)} more paths (summary.json, report.html)`);
  lines.push(`  cost: ${usd(s.cost.totalUsd)} (SQS ${usd(s.cost.sqsUsd)}, SNS ${usd(s.cost.snsUsd)}, compute ${usd(s.cost.computeUsd)})`);
  lines.push(`  written to ${outDir}${reportFile === null ? "" : ` · open ${reportFile}`}`);
  return lines.join("\n") + "\n";
}

// What the sweep's charts and report page share: the sweep as they see it (definition, rows, recommendation), the
// cell's description, and number formats.
import { formatDuration } from "../../engine/units.js";
import { type SweepDefinition } from "../definition.js";
import { type SweepMetricKind } from "../metrics.js";
import { type Recommendation } from "../recommend.js";
import { type ResultRow } from "../results.js";
import { type MetricEstimate } from "../stats.js";

export interface SweepReportInput {
  definition: SweepDefinition;
  /** Every cell of the sweep, in cell order. */
  rows: readonly ResultRow[];
  /** With --slo or --constraint; null without (recommend.ts: sweepRecommendation). */
  recommendation: Recommendation | null;
}

export { TOTAL_COST_METRIC as COST, QUEUE_WAIT_P99_METRIC as P99 } from "../metrics.js";

export function estimateOf(row: ResultRow, metric: string): MetricEstimate | null {
  return row.metrics[metric] ?? null;
}

export function meanOf(row: ResultRow, metric: string): number | null {
  return row.metrics[metric]?.mean ?? null;
}

/** `cell 5: fleet.max=10, queue.visibilityTimeout=30s` (just `cell 5` without --vary). */
export function cellTitle(definition: SweepDefinition, row: ResultRow): string {
  const params = definition.vary.map((d) => `${d.path}=${row.parameters[d.path] ?? ""}`).join(", ");
  return params === "" ? `cell ${row.cell}` : `cell ${row.cell}: ${params}`;
}

/** Dollars for people: 3 significant digits below $1 (short runs cost fractions of a cent, and cells differing by
 *  a fraction of a cent must read apart), never fewer than two decimals ($0.10, not $0.1). */
export function formatCost(usd: number): string {
  const a = Math.abs(usd);
  if (a === 0) return "$0";
  if (Math.round(a * 100) >= 100_000) return `$${Math.round(usd).toLocaleString("en-US")}`;
  if (a >= 1) return `$${usd.toFixed(2)}`;
  const text = String(Number(usd.toPrecision(3)));
  const decimals = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  return `$${decimals >= 2 ? text : usd.toFixed(2)}`;
}

/** A number of messages, instances or hours: whole numbers with separators, others to 3 significant digits. */
export function formatAmount(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  const a = Math.abs(x);
  return a >= 1000 ? Math.round(x).toLocaleString("en-US") : String(Number(x.toPrecision(3)));
}

/** A figure for people; a negative one (a difference between cells) with a sign and the magnitude. */
export function formatValue(x: number, kind: SweepMetricKind): string {
  if (x < 0) return `−${formatValue(-x, kind)}`;
  return kind === "duration" ? formatDuration(x, "rounded") : kind === "usd" ? formatCost(x) : formatAmount(x);
}

/** `3.2 s (95% CI 2.9 s – 3.5 s)`, or the mean alone when the interval has no width (one replication). */
export function estimateText(e: MetricEstimate | null, kind: SweepMetricKind): string {
  if (e === null || e.mean === null) return "n/a";
  const mean = formatValue(e.mean, kind);
  if (e.ci95Low === null || e.ci95High === null || e.ci95High <= e.ci95Low) return mean;
  return `${mean} (95% CI ${formatValue(e.ci95Low, kind)} – ${formatValue(e.ci95High, kind)})`;
}

/** The verdict of a row against the sweep's objectives, as a few words (null without --slo or --constraint). */
export function verdictText(row: ResultRow): string | null {
  if (row.feasible === null) return null;
  if (!row.feasible) {
    const failed = row.failed ?? [];
    const broken = failed.filter((f) => f.startsWith("constraint "));
    const missed = failed.filter((f) => !f.startsWith("constraint "));
    return [missed.length > 0 ? `misses ${missed.join(", ")}` : "", broken.length > 0 ? `breaks ${broken.join(", ")}` : ""].filter((t) => t !== "").join("; ");
  }
  return row.robust ? "meets every SLO (robust)" : "meets every SLO on the mean (a 95% bound misses)";
}

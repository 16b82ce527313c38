// results.csv and results.json: one row per cell, computed from the cell records alone, in cell order, with every
// number rounded the same way. Whatever ran the cells (1 worker or 16, one machine or three shards merged), the same
// records give byte-identical files.
import { csvField } from "../engine/csv.js";
import { type CellRecord } from "./cell-record.js";
import { LEGACY_SWEEP_FORMAT, type Shard, type SweepDefinition } from "./definition.js";
import { sweepMetricsOf } from "./architecture-metrics.js";
import { QUEUE_WAIT_P99_METRIC, TOTAL_COST_METRIC } from "./metrics.js";
import { paretoFront } from "./pareto.js";
import { constraintList } from "./constraint.js";
import { judge, sloList } from "./slo.js";
import { estimate, type MetricEstimate } from "./stats.js";

export const RESULTS_CSV = "results.csv";
export const RESULTS_JSON = "results.json";

export interface ResultRow {
  cell: number;
  parameters: Record<string, string>;
  metrics: Record<string, MetricEstimate>;
  replications: number;
  seeds: number[];
  /** Every --slo met by the mean and every --constraint kept; null without either (see slo.ts). */
  feasible: boolean | null;
  /** Every --slo met by the 95% bound on the unfavourable side too; null without --slo or --constraint. */
  robust: boolean | null;
  /** Why the cell is infeasible: the --slo texts its means miss, then `constraint <text>` for each --constraint its
   *  parameters break; empty when it is feasible or there are no objectives. */
  failed: string[];
  /** On the Pareto front of (total cost mean, queue-wait p99 mean) over the whole grid (see pareto.ts); null in a
   *  shard's results, whose rows are only part of the grid (merge fills it in). */
  pareto: boolean | null;
}

/** The rows of the given cells, sorted by cell index, judged against the sweep's --slo and --constraint lists;
 *  `wholeGrid` false (a shard) leaves the pareto column empty. */
export function resultRows(
  records: readonly CellRecord[],
  objectives: Pick<SweepDefinition, "slos" | "constraints" | "vary" | "resourceMetrics">,
  wholeGrid = true,
): ResultRow[] {
  const slos = sloList(objectives.slos);
  const constraints = constraintList(objectives.constraints, objectives.vary);
  const sweepMetrics = sweepMetricsOf(objectives);
  const rows = [...records]
    .sort((a, b) => a.cell - b.cell)
    .map((record): ResultRow => {
      const metrics: Record<string, MetricEstimate> = {};
      for (const metric of sweepMetrics) {
        const values = record.metrics[metric.name] ?? [];
        const complete = values.length > 0 && values.every((v): v is number => v !== null);
        const e = complete ? estimate(values as number[]) : null;
        metrics[metric.name] = {
          mean: e === null ? null : round(e.mean),
          // The t interval is symmetric about the mean, so with few replications and a mean near 0 its lower end goes
          // below 0, which no count, duration, rate or cost can be: the bound is clamped at 0 (here, so that the CSV,
          // the JSON, the report and the SLO verdicts all read the same figure; the replications' values are kept).
          ci95Low: e === null ? null : round(metric.signed === true ? e.ci95Low : Math.max(0, e.ci95Low)),
          ci95High: e === null ? null : round(e.ci95High),
          values: values.map((v) => (v === null ? null : round(v))),
        };
      }
      const verdict = judge({ metrics, parameters: record.parameters }, slos, constraints);
      return {
        cell: record.cell,
        parameters: { ...record.parameters },
        metrics,
        replications: record.seeds.length,
        seeds: [...record.seeds],
        feasible: verdict.feasible,
        robust: verdict.robust,
        failed: verdict.failed,
        pareto: null,
      };
    });
  if (!wholeGrid) return rows;
  const front = paretoFront(rows.map((r) => ({ cost: r.metrics[TOTAL_COST_METRIC]?.mean ?? null, p99: r.metrics[QUEUE_WAIT_P99_METRIC]?.mean ?? null })));
  rows.forEach((r, i) => (r.pareto = front[i] ?? false));
  return rows;
}

/** The CSV header: cell, one column per --vary path, mean and 95% bounds of each metric, replications, then
 *  feasible and robust (empty without --slo) and pareto. */
export function resultsHeader(definition: SweepDefinition): string[] {
  const metricColumns = sweepMetricsOf(definition).flatMap((m) => [`${m.name}_mean`, `${m.name}_ci95_low`, `${m.name}_ci95_high`]);
  return ["cell", ...definition.vary.map((d) => d.path), ...metricColumns, "replications", "feasible", "robust", "pareto"];
}

export function resultsCsv(definition: SweepDefinition, rows: readonly ResultRow[]): string {
  const lines = [resultsHeader(definition).map(csvField).join(",")];
  const metrics = sweepMetricsOf(definition);
  for (const row of rows) {
    const fields = [String(row.cell), ...definition.vary.map((d) => csvField(row.parameters[d.path] ?? ""))];
    for (const m of metrics) {
      const e = row.metrics[m.name];
      fields.push(numberField(e?.mean ?? null), numberField(e?.ci95Low ?? null), numberField(e?.ci95High ?? null));
    }
    fields.push(String(row.replications), flag(row.feasible), flag(row.robust), flag(row.pareto));
    lines.push(fields.join(","));
  }
  return lines.join("\n") + "\n";
}

/** results.json: the sweep's definition (and shard, for a part) and the rows. */
export function resultsJson(definition: SweepDefinition, shard: Shard | null, rows: readonly ResultRow[]): string {
  const sweep = {
    scenario: definition.scenario,
    scenarioSha256: definition.scenarioSha256,
    sets: definition.sets,
    rootSeed: definition.rootSeed,
    vary: definition.vary,
    replications: definition.replications,
    cells: definition.cells,
    slos: definition.slos,
    constraints: definition.constraints,
    // How the replications' seeds were chosen (seeds.ts): "common" gives every cell the same random numbers in
    // replication r, so differences between cells are the parameters'; "independent" is an older sqs-sim's.
    randomNumbers: definition.format === LEGACY_SWEEP_FORMAT ? "independent" : "common",
    metrics: sweepMetricsOf(definition).map((m) => ({ name: m.name, description: m.description })),
    ...(shard === null ? {} : { shard }),
  };
  return `${JSON.stringify({ sweep, rows }, null, 2)}\n`;
}

/** To the microsecond (and micro-dollar): 6 decimals, as every other sqs-sim output. */
function round(x: number): number {
  if (Number.isInteger(x) || !Number.isFinite(x)) return x;
  return Number(x.toFixed(6));
}

function flag(x: boolean | null): string {
  return x === null ? "" : String(x);
}

function numberField(x: number | null): string {
  return x === null || !Number.isFinite(x) ? "" : String(x);
}

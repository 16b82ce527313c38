// A finished cell: its parameters, seeds and every replication's figures, as written to cells/<index>.json the
// moment its last replication ends. These files are the sweep's journal (--resume reuses them) and what merge
// joins; results.csv and results.json are computed from them alone.
import { cellAt, cellSets } from "./grid.js";
import { sweepMetricsOf } from "./architecture-metrics.js";
import { replicationSeeds } from "./seeds.js";
import { type SweepDefinition } from "./definition.js";

export interface CellRecord {
  cell: number;
  key: string;
  /** path → value, in the order of the --vary flags. */
  parameters: Record<string, string>;
  seeds: number[];
  /** metric name → one value per replication (null where the run has no such figure). */
  metrics: Record<string, (number | null)[]>;
}

/** The file name of cell `index`: zero-padded so that a listing sorts in cell order. */
export function cellFileName(index: number): string {
  return `${String(index).padStart(6, "0")}.json`;
}

/** Parses a cell file name back to its index, or null for any other name. */
export function cellIndexOfFileName(name: string): number | null {
  const m = /^(\d+)\.json$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** The names of a sweep's metrics, in the order a run's figures come (SWEEP_METRICS, then per-resource ones). */
export function metricNamesOf(definition: Pick<SweepDefinition, "resourceMetrics">): string[] {
  return sweepMetricsOf(definition).map((m) => m.name);
}

/** The record of a cell from its replications' figures (values[r] in metricNamesOf order). */
export function cellRecord(definition: SweepDefinition, index: number, values: readonly (readonly (number | null)[])[]): CellRecord {
  const names = metricNamesOf(definition);
  const cell = cellAt(definition.vary, index);
  const parameters: Record<string, string> = {};
  definition.vary.forEach((d, i) => (parameters[d.path] = cell.values[i] ?? ""));
  const metrics: Record<string, (number | null)[]> = {};
  names.forEach((name, m) => (metrics[name] = values.map((v) => v[m] ?? null)));
  return { cell: index, key: cell.key, parameters, seeds: replicationSeeds(definition, cell.key), metrics };
}

/** One line of JSON, full precision (JSON numbers read back to the same doubles). */
export function cellRecordText(record: CellRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * Checks a record read from disk against the sweep it should belong to: same cell key, same seeds, every metric
 * it holds with one value per replication (a metric it lacks, added since it was written, reads as null). Returns
 * the record, or why it does not fit.
 */
export function checkCellRecord(value: unknown, definition: SweepDefinition, index: number): CellRecord | string {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const r = value as Partial<CellRecord>;
  if (r.cell !== index) return `holds cell ${String(r.cell)}, not ${index}`;
  if (index >= definition.cells) return `cell ${index} is outside the grid of ${definition.cells} cells`;
  const cell = cellAt(definition.vary, index);
  if (r.key !== cell.key)
    return `was run with ${r.key ?? "no parameters"}, but cell ${index} is now ${cellSets(definition.vary, cell).join(", ") || "the only cell"}`;
  const seeds = replicationSeeds(definition, cell.key);
  if (JSON.stringify(r.seeds) !== JSON.stringify(seeds))
    return "its seeds are not this sweep's (another root seed, number of replications or version of sqs-sim)";
  if (typeof r.metrics !== "object" || r.metrics === null || typeof r.parameters !== "object" || r.parameters === null)
    return "parameters or metrics are missing";
  const names = metricNamesOf(definition);
  for (const name of names) {
    const values = (r.metrics as Record<string, unknown>)[name];
    // A figure added after the cell was written (an older sqs-sim's cell, merged or redrawn) has no values: no figure.
    if (values === undefined) continue;
    if (!Array.isArray(values) || values.length !== definition.replications || !values.every((v) => v === null || typeof v === "number")) {
      return `metric ${name} does not hold ${definition.replications} values`;
    }
  }
  return cellRecord(
    definition,
    index,
    seeds.map((_, rep) => names.map((name) => r.metrics?.[name]?.[rep] ?? null)),
  );
}

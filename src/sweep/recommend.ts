// The recommendation: the cheapest feasible cell of a sweep and, for each varied parameter, its neighbours in the
// grid (the cells one step away in that parameter, the others unchanged): their cost, queue-wait p99 and whether
// they meet the objectives. Computed from results.json's rows alone, so `sqs-sim recommend` can re-judge a finished
// sweep against other objectives without running anything.
import { type Constraint } from "./constraint.js";
import { QUEUE_WAIT_P99_METRIC, TOTAL_COST_METRIC } from "./metrics.js";
import { type MetricEstimate } from "./stats.js";
import { judge, type Slo } from "./slo.js";
import { type VaryDimension } from "./vary.js";

export const RECOMMENDATION_JSON = "recommendation.json";

/** What recommend needs of a results row. */
export interface RecommendRow {
  cell: number;
  parameters: Record<string, string>;
  metrics: Record<string, MetricEstimate | undefined>;
}

export interface Neighbour {
  path: string;
  /** "lower" is the previous value in the --vary list, "higher" the next. */
  side: "lower" | "higher";
  value: string;
  cell: number;
  totalCostUsd: number | null;
  queueWaitP99S: number | null;
  /** Neighbour minus recommended cell; null when either figure is missing. */
  costDeltaUsd: number | null;
  queueWaitP99DeltaS: number | null;
  feasible: boolean;
  /** The objectives it misses. */
  failed: string[];
}

export interface Recommendation {
  slos: string[];
  constraints: string[];
  /** Rows judged (every cell, or a shard's). */
  cells: number;
  feasibleCells: number;
  /** The cheapest feasible cell (ties: lower queue-wait p99, then lower cell index); null when none is feasible. */
  best: {
    cell: number;
    parameters: Record<string, string>;
    totalCostUsd: number | null;
    queueWaitP99S: number | null;
    robust: boolean;
    neighbours: Neighbour[];
  } | null;
  /** How many cells miss each objective, most missed first (ties in --slo, then --constraint order). */
  misses: { slo: string; cells: number }[];
}

const COST = TOTAL_COST_METRIC;
const P99 = QUEUE_WAIT_P99_METRIC;

/**
 * THE decision whether a sweep recommends a cell, for every place that shows one (the terminal after a sweep,
 * `sqs-sim recommend`, recommendation.json, report.html and its charts): null without an objective (--slo or
 * --constraint), since the cheapest cell of a grid with nothing to meet is merely its smallest configuration.
 */
export function sweepRecommendation(
  vary: readonly VaryDimension[],
  rows: readonly RecommendRow[],
  slos: readonly Slo[],
  constraints: readonly Constraint[],
): Recommendation | null {
  return slos.length === 0 && constraints.length === 0 ? null : recommend(vary, rows, slos, constraints);
}

/** Said instead of a recommendation when there is no objective (see sweepRecommendation). */
export const NO_OBJECTIVES_TEXT =
  "no objectives (--slo or --constraint), so no cell is recommended: the cells on the Pareto front " +
  '(the pareto column of results.csv) are the ones worth considering; name an objective, e.g. --slo "queueWait.p99<=60s", to get one\n';

export function recommend(
  vary: readonly VaryDimension[],
  rows: readonly RecommendRow[],
  slos: readonly Slo[],
  constraints: readonly Constraint[] = [],
): Recommendation {
  const verdicts = new Map(rows.map((r) => [r.cell, judge(r, slos, constraints)]));
  const byCell = new Map(rows.map((r) => [r.cell, r]));
  const cost = (r: RecommendRow): number | null => r.metrics[COST]?.mean ?? null;
  const p99 = (r: RecommendRow): number | null => r.metrics[P99]?.mean ?? null;
  const feasible = rows.filter((r) => verdicts.get(r.cell)?.feasible !== false);
  const orderOf = (x: number | null): number => (x === null ? Number.POSITIVE_INFINITY : x);
  const sorted = [...feasible].sort((a, b) => orderOf(cost(a)) - orderOf(cost(b)) || orderOf(p99(a)) - orderOf(p99(b)) || a.cell - b.cell);
  const misses = [...slos.map((s) => s.text), ...constraints.map((c) => `constraint ${c.text}`)]
    .map((text) => ({ slo: text, cells: rows.filter((r) => verdicts.get(r.cell)?.failed.includes(text)).length }))
    .filter((m) => m.cells > 0)
    .sort((a, b) => b.cells - a.cells);
  const top = sorted[0];
  const texts = { slos: slos.map((s) => s.text), constraints: constraints.map((c) => c.text) };
  if (top === undefined) return { ...texts, cells: rows.length, feasibleCells: 0, best: null, misses };

  const neighbours: Neighbour[] = [];
  let stride = 1;
  const strides = vary.map(() => 0);
  for (let d = vary.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= vary[d]?.values.length ?? 1;
  }
  vary.forEach((dim, d) => {
    const s = strides[d] ?? 1;
    const position = Math.floor(top.cell / s) % dim.values.length;
    for (const [side, step] of [
      ["lower", -1],
      ["higher", 1],
    ] as const) {
      const at = position + step;
      if (at < 0 || at >= dim.values.length) continue;
      const row = byCell.get(top.cell + step * s);
      if (row === undefined) continue; // not in these results (a shard)
      const verdict = verdicts.get(row.cell);
      neighbours.push({
        path: dim.path,
        side,
        value: dim.values[at] ?? "",
        cell: row.cell,
        totalCostUsd: cost(row),
        queueWaitP99S: p99(row),
        costDeltaUsd: delta(cost(row), cost(top)),
        queueWaitP99DeltaS: delta(p99(row), p99(top)),
        feasible: verdict?.feasible !== false,
        failed: verdict?.failed ?? [],
      });
    }
  });
  return {
    ...texts,
    cells: rows.length,
    feasibleCells: feasible.length,
    best: {
      cell: top.cell,
      parameters: { ...top.parameters },
      totalCostUsd: cost(top),
      queueWaitP99S: p99(top),
      robust: verdicts.get(top.cell)?.robust !== false,
      neighbours,
    },
    misses,
  };
}

export function recommendationJson(r: Recommendation): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** The few lines printed after a sweep and by `sqs-sim recommend`. */
export function recommendationText(r: Recommendation): string {
  const objectives = [
    r.slos.length === 0 ? "" : `SLOs on the mean: ${r.slos.join(", ")}`,
    r.constraints.length === 0 ? "" : `constraints: ${r.constraints.join(", ")}`,
  ]
    .filter((t) => t !== "")
    .join("; ");
  const lines = [`recommendation (${objectives}): ${r.feasibleCells} of ${r.cells} cell${r.cells === 1 ? "" : "s"} feasible`];
  if (r.best === null) {
    const worst = r.misses[0];
    lines.push(
      worst === undefined
        ? "  no cell is feasible"
        : `  no cell is feasible; the ${worst.slo.startsWith("constraint ") ? "objective" : "SLO"} failed most often is ${worst.slo} (${worst.cells} of ${r.cells} cells)` +
            (r.misses.length > 1
              ? `, then ${r.misses
                  .slice(1)
                  .map((m) => `${m.slo} (${m.cells})`)
                  .join(", ")}`
              : ""),
    );
    return lines.join("\n") + "\n";
  }
  const b = r.best;
  const params = Object.entries(b.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  lines.push(
    `  cheapest feasible: cell ${b.cell}${params === "" ? "" : ` (${params})`}: total cost ${usd(b.totalCostUsd)}, ` +
      `queue-wait p99 ${seconds(b.queueWaitP99S)}${r.slos.length === 0 ? "" : b.robust ? ", robust (95% bounds meet every SLO)" : ", not robust (a 95% bound misses an SLO)"}`,
  );
  for (const n of b.neighbours) {
    lines.push(
      `    ${n.path}=${n.value} (cell ${n.cell}): cost ${usd(n.totalCostUsd)} (${signed(n.costDeltaUsd, "$")}), ` +
        `p99 ${seconds(n.queueWaitP99S)} (${signed(n.queueWaitP99DeltaS, "s")}), ${n.feasible ? "feasible" : `infeasible: misses ${n.failed.join(", ")}`}`,
    );
  }
  return lines.join("\n") + "\n";
}

function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Number((a - b).toFixed(6));
}

function usd(x: number | null): string {
  return x === null ? "n/a" : `$${x}`;
}

function seconds(x: number | null): string {
  return x === null ? "n/a" : `${x} s`;
}

function signed(x: number | null, unit: "$" | "s"): string {
  if (x === null) return "n/a";
  const sign = x < 0 ? "−" : "+";
  return unit === "$" ? `${sign}$${Math.abs(x)}` : `${sign}${Math.abs(x)} s`;
}

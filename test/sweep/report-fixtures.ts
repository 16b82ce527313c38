// Hand-made sweeps for the sweep report's tests: cell records built from per-replication figures (no simulation),
// turned into rows by resultRows and judged by recommend, exactly as a finished sweep would be. The figures are
// chosen so that every mean, front membership and verdict below can be checked by hand.
import { cellRecord } from "../../src/sweep/cell-record.js";
import { SWEEP_FORMAT, type SweepDefinition } from "../../src/sweep/definition.js";
import { cellCount } from "../../src/sweep/grid.js";
import { METRIC_NAMES } from "../../src/sweep/metrics.js";
import { definitionRecommendation } from "../../src/sweep/run-sweep.js";
import { type SweepReportInput } from "../../src/sweep/report/sweep-view.js";
import { resultRows } from "../../src/sweep/results.js";
import { type VaryDimension } from "../../src/sweep/vary.js";

/** A string that escapes from element content, an attribute or a <script> block unless the page escapes it. */
export const HOSTILE = "</script><img src=x onerror=alert(1)>";
/** One that breaks out of a double- or single-quoted attribute. */
export const HOSTILE_QUOTES = `x" onmouseover="alert(1)' data-x='`;

/** One replication's figures by name; the others are 0. */
export interface Figures {
  p99: number | null;
  cost: number | null;
  dup?: number | null;
}

/** The figures of one replication in SWEEP_METRICS order. */
export function figures(f: Figures): (number | null)[] {
  const byName: Record<string, number | null> = {
    queue_wait_p99_s: f.p99,
    end_to_end_p99_s: f.p99 === null ? null : f.p99 + 1,
    slo_breaches_msgs: 0,
    duplicate_processing_msgs: f.dup ?? 0,
    dead_lettered_msgs: 0,
    peak_instances: 2,
    billed_instance_hours: 0.5,
    total_cost_usd: f.cost,
  };
  return METRIC_NAMES.map((name) => (name in byName ? byName[name]! : 0));
}

export function sweepDefinition(
  vary: VaryDimension[],
  o: { scenario?: string; replications?: number; slos?: string[]; constraints?: string[]; sets?: string[] } = {},
): SweepDefinition {
  return {
    format: SWEEP_FORMAT,
    scenario: o.scenario ?? "grid",
    scenarioSha256: "ab".repeat(32),
    sets: o.sets ?? [],
    rootSeed: 7,
    vary,
    replications: o.replications ?? 2,
    cells: cellCount(vary),
    slos: o.slos ?? [],
    constraints: o.constraints ?? [],
  };
}

/** The report's input: one list of replications' figures per cell (each list as long as the replications). */
export function sweepInput(definition: SweepDefinition, cells: readonly (readonly Figures[])[]): SweepReportInput {
  if (cells.length !== definition.cells) throw new Error(`${cells.length} cells given, the grid has ${definition.cells}`);
  const records = cells.map((reps, cell) => {
    if (reps.length !== definition.replications) throw new Error(`cell ${cell}: ${reps.length} replications, not ${definition.replications}`);
    return cellRecord(definition, cell, reps.map(figures));
  });
  const rows = resultRows(records, definition);
  const recommendation = definitionRecommendation(definition, rows);
  return { definition, rows, recommendation };
}

/** Two replications around a mean: p99 ± 0.1 s and cost ± $0.001 (95% half-widths 1.27062 s and $0.0127062). */
export function twoReps(p99: number, cost: number, p99Spread = 0.1): Figures[] {
  return [
    { p99: p99 - p99Spread, cost: cost - 0.001 },
    { p99: p99 + p99Spread, cost: cost + 0.001 },
  ];
}

/** t(0.975, 1): the 95% half-width of two replications a ± d apart is T1 × d. */
export const T1 = 12.706204736174694;

/**
 * A 2 × 3 grid, 2 replications, --slo queueWait.p99<=30s. Cell c is fleet.instances = INSTANCES[c / 3],
 * queue.receiveWaitTime = WAITS[c % 3] (the --vary order "5,10" sorts differently as text).
 *
 *   cell  instances wait   cost   p99   front  feasible
 *   0     5         0s     0.11   40    yes    no
 *   1     5         5s     0.07   50    yes    no        (the cheapest cell)
 *   2     5         20s    0.12   45    no     no        (dominated by 0)
 *   3     10        0s     0.21   10    yes    yes
 *   4     10        5s     0.18   20    yes    yes       recommended (cheapest feasible), robust
 *   5     10        20s    0.25   28    no     yes       (dominated by 3 and 4), not robust: p99 27 and 29
 */
export const INSTANCES = ["5", "10"];
export const WAITS = ["0s", "5s", "20s"];
export function gridInput(o: { slos?: string[]; scenario?: string; instances?: string[]; waits?: string[]; sets?: string[] } = {}): SweepReportInput {
  const definition = sweepDefinition(
    [
      { path: "fleet.instances", values: o.instances ?? INSTANCES },
      { path: "queue.receiveWaitTime", values: o.waits ?? WAITS },
    ],
    { slos: o.slos ?? ["queueWait.p99<=30s"], scenario: o.scenario ?? "grid", sets: o.sets ?? [] },
  );
  return sweepInput(definition, [twoReps(40, 0.11), twoReps(50, 0.07), twoReps(45, 0.12), twoReps(10, 0.21), twoReps(20, 0.18), twoReps(28, 0.25, 1)]);
}

/**
 * A 2 × 3 grid, ONE replication, no --slo: p99s of 0, positive p99s spanning 120× (0.05 s to 6 s) and a missing p99.
 *
 *   cell  rate  instances  cost   p99
 *   0     10    1          0.02   0.05   front
 *   1     10    2          0.03   0      front
 *   2     10    4          0.05   0      (same p99 as 1, dearer)
 *   3     100   1          0.04   6
 *   4     100   2          0.06   0.5
 *   5     100   4          0.09   n/a    (not plotted)
 */
export function roughInput(): SweepReportInput {
  const definition = sweepDefinition(
    [
      { path: "producers.orders.rate", values: ["10", "100"] },
      { path: "fleet.instances", values: ["1", "2", "4"] },
    ],
    { scenario: "rough", replications: 1 },
  );
  const one = (p99: number | null, cost: number): Figures[] => [{ p99, cost }];
  return sweepInput(definition, [one(0.05, 0.02), one(0, 0.03), one(0, 0.05), one(6, 0.04), one(0.5, 0.06), one(null, 0.09)]);
}

/**
 * One --vary, given out of numeric order (4, 1, 2, 8), 2 replications; the last cell has no p99.
 *
 *   cell  instances  p99   cost   --slo queueWait.p99<=30s
 *   0     4          12    0.45   meets (robust)
 *   1     1          60    0.15   misses
 *   2     2          25    0.25   meets (robust): recommended
 *   3     8          n/a   0.85   misses (no figure)
 */
export const LINE_SLOS = ["queueWait.p99<=30s", "queueWait.p99<45s", "queueWait.p99>=1s", "totalCost<=1"];
export function lineInput(): SweepReportInput {
  const definition = sweepDefinition([{ path: "fleet.instances", values: ["4", "1", "2", "8"] }], { scenario: "line", slos: LINE_SLOS });
  return sweepInput(definition, [
    twoReps(12, 0.45),
    twoReps(60, 0.15),
    twoReps(25, 0.25),
    [
      { p99: null, cost: 0.849 },
      { p99: null, cost: 0.851 },
    ],
  ]);
}

/** A sweep of `dims` parameters of two values each (0 dims: one cell), all cells alike but for their cost. */
export function dimsInput(dims: number): SweepReportInput {
  const vary = Array.from({ length: dims }, (_, d) => ({ path: `producers.p${d}.rate`, values: ["1", "2"] }));
  const definition = sweepDefinition(vary, { scenario: `dims${dims}`, replications: 1 });
  return sweepInput(
    definition,
    Array.from({ length: definition.cells }, (_, c) => [{ p99: 10 - c * 0.5, cost: 0.1 + c * 0.01 }]),
  );
}

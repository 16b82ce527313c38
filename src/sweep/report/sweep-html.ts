// The sweep's report.html: the recommendation (with --slo) and its neighbours, the Pareto front, every cell in a
// sortable table, the charts, and the sweep's definition with the command that runs it again. Built from the rows
// alone and free of anything that depends on how the cells ran (worker count, wall time, machine), so that a merged
// sweep's page is byte-identical to a single run's.
import { detailsHtml, escapeHtml, type Fact, factsHtml, pageHtml } from "../../report/html/page.js";
import { type ChartSpec } from "../../report/charts/chart-spec.js";
import { LEGACY_SWEEP_FORMAT, manifestText, type SweepDefinition } from "../definition.js";
import { COMMON_RANDOM_NUMBERS_TEXT } from "../seeds.js";
import { sweepMetricsOf } from "../architecture-metrics.js";
import { SWEEP_METRICS, type SweepMetric, type SweepMetricKind } from "../metrics.js";
import { type Recommendation } from "../recommend.js";
import { type ResultRow } from "../results.js";
import { cellTitle, COST, estimateText, formatCost, formatValue, meanOf, P99, type SweepReportInput, verdictText } from "./sweep-view.js";

/** Rows shown in the table; a bigger grid shows the Pareto and feasible cells first, and results.csv has them all. */
export const TABLE_ROWS = 5000;
/** Cells of the Pareto front listed by name. */
const FRONT_LISTED = 50;

export function sweepHtml(input: SweepReportInput, charts: ChartSpec[]): string {
  const { definition: d } = input;
  const description =
    `<p class="description">${escapeHtml(gridText(d))}, ${d.replications} seeded replication${d.replications === 1 ? "" : "s"} ` +
    `per cell. Every figure is the mean over a cell's replications, with its 95% confidence interval (Student t; its lower ` +
    `end is never below 0, which none of these figures can be).${d.cells > 1 ? ` ${escapeHtml(randomNumbersText(d))}` : ""}</p>`;
  return pageHtml({
    title: `Sweep: ${d.scenario}`,
    intro: description + factsHtml(sweepFacts(d)),
    summaryTitle: "Results",
    summary: [recommendationHtml(input), frontHtml(input), tableHtml(input, SWEEP_METRICS), ...resourceTableHtml(input)].join("\n"),
    charts,
    chartHint:
      "Hover over a point or a square for its cell and figures; click a legend entry to hide or show its points; " +
      "drag across the scatter to zoom in on a range of cost, and double-click it or press Reset zoom to see it all again.",
    scenarioTitle: "Sweep as run",
    scenario:
      `<p>Run it again (the same seeds give the same numbers):</p><pre>${escapeHtml(commandLine(d))}</pre>\n` +
      detailsHtml("The sweep's definition (sweep.json)", manifestText(d, null), true),
  });
}

/** Whether cells shared their random numbers (format 2) or drew their own (a sweep of an older sqs-sim). */
function randomNumbersText(d: SweepDefinition): string {
  if (d.format === LEGACY_SWEEP_FORMAT) {
    return "Each cell drew its own random numbers (a sweep of an older sqs-sim), so part of a difference between cells is chance.";
  }
  const text = COMMON_RANDOM_NUMBERS_TEXT;
  return `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}.`;
}

function gridText(d: SweepDefinition): string {
  if (d.vary.length === 0) return "One cell (no --vary)";
  const dims = d.vary.map((v) => `${v.path} (${v.values.length} value${v.values.length === 1 ? "" : "s"})`);
  return `${d.cells.toLocaleString("en-US")} cell${d.cells === 1 ? "" : "s"}: ${dims.join(" × ")}`;
}

function sweepFacts(d: SweepDefinition): Fact[] {
  const facts: Fact[] = [
    { term: "scenario", value: d.scenario },
    { term: "root seed", value: String(d.rootSeed) },
    { term: "runs", value: (d.cells * d.replications).toLocaleString("en-US") },
  ];
  if (d.sets.length > 0) facts.push({ term: "--set", value: d.sets.join(" ") });
  facts.push({ term: "SLOs", value: d.slos.length === 0 ? "none" : d.slos.join(", ") });
  if (d.constraints.length > 0) facts.push({ term: "constraints", value: d.constraints.join(", ") });
  facts.push({ term: "scenario SHA-256", value: d.scenarioSha256.slice(0, 12) });
  return facts;
}

/** The shell command that runs this sweep again (the scenario file's path is not recorded: only its name). */
function commandLine(d: SweepDefinition): string {
  const quote = (s: string): string => (/^[\w.,/=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const parts = ["sqs-sim sweep", `<${d.scenario} scenario file>`];
  for (const v of d.vary) parts.push(`--vary ${quote(`${v.path}=${v.values.join(",")}`)}`);
  parts.push(`-n ${d.replications}`, `--seed ${d.rootSeed}`);
  for (const s of d.sets) parts.push(`--set ${quote(s)}`);
  for (const s of d.slos) parts.push(`--slo ${quote(s)}`);
  for (const c of d.constraints) parts.push(`--constraint ${quote(c)}`);
  return parts.join(" \\\n  ");
}

function recommendationHtml(input: SweepReportInput): string {
  const r: Recommendation | null = input.recommendation;
  if (r === null) {
    return (
      `<div class="recommendation"><p>No <code>--slo</code> or <code>--constraint</code> was given, so no cell is recommended: the Pareto front below ` +
      "shows the cells worth considering. Name your objectives to get one, without running anything again: " +
      `<code>sqs-sim recommend &lt;this directory&gt; --slo "queueWait.p99&lt;=60s"</code>.</p></div>`
    );
  }
  const objectives = [...r.slos, ...r.constraints.map((c) => `constraint ${c}`)].join(", ");
  const head = `<p><strong>${r.feasibleCells} of ${r.cells} cells</strong> meet every objective on the mean (${escapeHtml(objectives)}).</p>`;
  if (r.best === null) {
    const misses = r.misses.map((m) => `${escapeHtml(m.slo)} (${m.cells} cells)`).join(", ");
    return `<div class="recommendation">${head}<p>No cell is feasible. Objectives missed: ${misses}.</p></div>`;
  }
  const b = r.best;
  const params = Object.entries(b.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const robust = b.robust
    ? "Robust: the 95% bounds meet every objective too."
    : "Not robust: a 95% bound misses an objective, so more replications (or the next cell up) would be safer.";
  const neighbours = b.neighbours.map(
    (n) =>
      `<tr><td class="parameter">${escapeHtml(`${n.path}=${n.value}`)}</td><td>${n.cell}</td>` +
      `<td>${n.totalCostUsd === null ? "n/a" : formatCost(n.totalCostUsd)}</td><td>${signed(n.costDeltaUsd, "usd")}</td>` +
      `<td>${n.queueWaitP99S === null ? "n/a" : formatValue(n.queueWaitP99S, "duration")}</td><td>${signed(n.queueWaitP99DeltaS, "duration")}</td>` +
      `<td class="parameter">${n.feasible ? "feasible" : `misses ${escapeHtml(n.failed.join(", "))}`}</td></tr>`,
  );
  const table =
    neighbours.length === 0
      ? ""
      : `<p>Its neighbours, one step along each parameter:</p><div class="table-scroll"><table class="results"><thead><tr><th>parameter</th><th>cell</th>` +
        `<th>total cost</th><th>Δ cost</th><th>queue-wait p99</th><th>Δ p99</th><th>objectives</th></tr></thead><tbody>${neighbours.join("")}</tbody></table></div>`;
  return (
    `<div class="recommendation">${head}<p>Recommended: <strong>cell ${b.cell}</strong>${params === "" ? "" : ` (${escapeHtml(params)})`}, ` +
    `the cheapest feasible cell: total cost ${b.totalCostUsd === null ? "n/a" : formatCost(b.totalCostUsd)} per run, queue-wait p99 ` +
    `${b.queueWaitP99S === null ? "n/a" : formatValue(b.queueWaitP99S, "duration")}. ${robust}</p>${table}</div>`
  );
}

function signed(x: number | null, kind: SweepMetricKind): string {
  if (x === null) return "n/a";
  return `${x < 0 ? "−" : "+"}${formatValue(Math.abs(x), kind)}`;
}

function frontHtml(input: SweepReportInput): string {
  const front = input.rows.filter((r) => r.pareto === true).sort((a, b) => (meanOf(a, COST) ?? 0) - (meanOf(b, COST) ?? 0));
  if (front.length === 0) return "";
  const items = front
    .slice(0, FRONT_LISTED)
    .map(
      (r) =>
        `<li>${escapeHtml(cellTitle(input.definition, r))}: ${formatValue(meanOf(r, COST) ?? 0, "usd")}, p99 ${formatValue(meanOf(r, P99) ?? 0, "duration")}</li>`,
    );
  const more = front.length > FRONT_LISTED ? `<li>… and ${front.length - FRONT_LISTED} more (the pareto column of results.csv)</li>` : "";
  return (
    `<h3>The Pareto front: ${front.length} cell${front.length === 1 ? "" : "s"}, cheapest first</h3>` +
    `<p class="hint">No other cell is both cheaper and faster (mean total cost, mean queue-wait p99).</p><ol>${items.join("")}${more}</ol>`
  );
}

/**
 * An architecture's sweep: what the table's figures are for several queues and pools, then a table of each
 * resource's own figures (results.csv's columns after the single format's). Nothing for a single queue.
 */
function resourceTableHtml(input: SweepReportInput): string[] {
  const names = input.definition.resourceMetrics;
  if (names === undefined) return [];
  const metrics = sweepMetricsOf(input.definition).slice(SWEEP_METRICS.length);
  const intro =
    "<p class=\"hint\">This scenario is an architecture: above, queue-wait p99 is the worst queue's of those a pool reads, end-to-end p99 the worst chain's " +
    "(path's), total cost the SQS, SNS and compute cost of all of it, and the other figures are summed over its queues or pools. " +
    "Below, each resource's own figures (a queue's, a pool's, a topic's, a path's), as in results.csv.</p>";
  return [intro + tableHtml(input, metrics, "Each resource")];
}

function tableHtml(input: SweepReportInput, metrics: readonly SweepMetric[], title = "Every cell"): string {
  const { definition: d, rows } = input;
  const bestCell = input.recommendation?.best?.cell ?? null;
  const shown = pickRows(rows, bestCell);
  const withSlos = d.slos.length > 0 || d.constraints.length > 0;
  const sortable = (label: string, numeric: boolean, className = ""): string =>
    `<th scope="col"${numeric ? ` data-type="number"` : ""}${className === "" ? "" : ` class="${className}"`}><button type="button" class="sort">${escapeHtml(label)}</button></th>`;
  const head = [
    sortable("cell", true),
    ...d.vary.map((v) => sortable(v.path, true, "parameter")),
    ...metrics.map((m) => sortable(m.heading, true)),
    ...(withSlos ? [sortable("feasible", true), sortable("robust", true)] : []),
    sortable("Pareto", true),
  ];
  const body = shown.map((r) => {
    const classes = [r.cell === bestCell ? "recommended" : "", r.feasible === false ? "infeasible" : ""].filter(Boolean).join(" ");
    // Parameters sort by their place in the --vary list, which is the order the user gave them in.
    const params = d.vary.map((v) => {
      const value = r.parameters[v.path] ?? "";
      return `<td class="parameter" data-sort="${v.values.indexOf(value)}">${escapeHtml(value)}</td>`;
    });
    const cells = metrics.map((m) => metricCell(r, m));
    const flags = [...(withSlos ? [feasibleCell(r), flagCell(r.robust)] : []), flagCell(r.pareto)];
    return `<tr${classes === "" ? "" : ` class="${classes}"`}><td data-sort="${r.cell}">${r.cell === bestCell ? "★ " : ""}${r.cell}</td>${params.join("")}${cells.join("")}${flags.join("")}</tr>`;
  });
  const note =
    shown.length < rows.length
      ? `<p class="hint">The table shows ${shown.length.toLocaleString("en-US")} of the ${rows.length.toLocaleString("en-US")} cells: the Pareto front, the recommendation and the feasible cells first, then the cheapest; results.csv has every cell.</p>`
      : "";
  return (
    `<h3>${escapeHtml(title)}</h3><p class="hint">Click a column's heading to sort by it (again to reverse). Each figure is the mean, ` +
    `with its 95% confidence interval below when the replications differ.${withSlos ? " Cells that miss an objective are greyed; the recommended one is starred." : ""}</p>${note}` +
    `<div class="table-scroll"><table class="results sortable"><thead><tr>${head.join("")}</tr></thead><tbody>\n${body.join("\n")}\n</tbody></table></div>`
  );
}

function metricCell(r: ResultRow, { name, kind }: SweepMetric): string {
  const e = r.metrics[name];
  if (e === undefined || e.mean === null) return `<td data-sort="">n/a</td>`;
  const ci =
    e.ci95Low !== null && e.ci95High !== null && e.ci95High > e.ci95Low
      ? `<span class="ci">${escapeHtml(`${formatValue(e.ci95Low, kind)} – ${formatValue(e.ci95High, kind)}`)}</span>`
      : "";
  return `<td data-sort="${e.mean}" title="${escapeHtml(estimateText(e, kind))}">${escapeHtml(formatValue(e.mean, kind))}${ci}</td>`;
}

/** yes / no, and beneath a no why: the objectives the cell's means miss and the constraints its parameters break. */
function feasibleCell(r: ResultRow): string {
  const why = verdictText(r);
  if (r.feasible !== false || why === null) return flagCell(r.feasible);
  return `<td data-sort="0">no<span class="ci">${escapeHtml(why)}</span></td>`;
}

function flagCell(x: boolean | null): string {
  return x === null ? `<td data-sort=""></td>` : `<td data-sort="${x ? 1 : 0}">${x ? "yes" : "no"}</td>`;
}

/** Every row when the grid is small; otherwise the rows most worth a look, in cell order. */
function pickRows(rows: readonly ResultRow[], bestCell: number | null): readonly ResultRow[] {
  if (rows.length <= TABLE_ROWS) return rows;
  const rank = (r: ResultRow): number => (r.cell === bestCell ? 0 : r.pareto === true ? 1 : r.feasible === true ? 2 : 3);
  const cost = (r: ResultRow): number => meanOf(r, COST) ?? Number.POSITIVE_INFINITY;
  return [...rows]
    .sort((a, b) => rank(a) - rank(b) || cost(a) - cost(b) || a.cell - b.cell)
    .slice(0, TABLE_ROWS)
    .sort((a, b) => a.cell - b.cell);
}

// report.html of a comparison of architecture runs: what differs in their scenarios, the runs, the side-by-side
// tables (cost, queues, pools, paths, topics), then per queue and per pool the comparison charts.
import { formatDuration } from "../../engine/units.js";
import { CHART_HINT, chartFigure, detailsHtml, documentHtml, escapeHtml, factsHtml } from "../html/page.js";
import { PAGE_DIFFERENCES, type ScenarioDifference } from "../scenario-diff.js";
import { type ArchitectureComparison, comparisonCharts, type ComparedTable } from "./architecture-comparison.js";
import { resourceCount } from "./architecture-html.js";
import { type ArchitectureRunData } from "./architecture-run-data.js";

export const COMPARED_CHARTS_NOTE =
  "Per queue, the single compare's charts over each run's view of the queue (its deletes by every pool reading " +
  "it); per pool, its instances and its cost (compute and the SQS requests of the queue it reads). A run " +
  "without the resource has no line there, and a resource only one run has gets no chart (its figures are in the " +
  "tables). The latency distributions are not drawn: an architecture run keeps no histograms.";

function differencesHtml(diffs: readonly ScenarioDifference[]): string {
  if (diffs.length === 0) return `<p class="differs"><strong>Differs:</strong> nothing: the same scenario and seed</p>`;
  const named = diffs.slice(0, PAGE_DIFFERENCES).map((d) => `<code>${escapeHtml(d.path)}</code> (${escapeHtml(d.values.join(" | "))})`);
  if (diffs.length > PAGE_DIFFERENCES) named.push(`and ${diffs.length - PAGE_DIFFERENCES} more`);
  return `<p class="differs"><strong>Differs:</strong> ${named.join(", ")}</p>`;
}

function tableHtml(t: ComparedTable, labels: readonly string[]): string {
  const head = labels.map((l) => `<th scope="col" class="run">${escapeHtml(l)}</th>`).join("");
  const bodies = t.sections.map((s) => {
    const title = s.title === null ? "" : `<tr><th class="section" colspan="${labels.length + 1}" scope="rowgroup">${escapeHtml(s.title)}</th></tr>`;
    const rows = s.rows.map((row) => {
      // Rows where the runs differ are the interesting ones: set them in bold.
      const differs = row.values.some((v) => v !== row.values[0]);
      const cells = row.values.map((v) => `<td class="run">${escapeHtml(v)}</td>`).join("");
      return `<tr${differs ? ` class="differs"` : ""}><th scope="row">${escapeHtml(row.label)}</th>${cells}</tr>`;
    });
    return `<tbody>${title}${rows.join("")}</tbody>`;
  });
  return `<section id="${escapeHtml(t.id)}"><h2>${escapeHtml(t.title)}</h2>
<table class="side-by-side"><thead><tr><th scope="col"></th>${head}</tr></thead>${bodies.join("\n")}</table>
</section>`;
}

export function architectureComparisonHtml(
  runs: readonly ArchitectureRunData[],
  labels: readonly string[],
  diffs: readonly ScenarioDifference[],
  comparison: ArchitectureComparison,
): string {
  const names = [...new Set(runs.map((r) => r.context.scenarioName))];
  const runList = runs.map((run, i) => {
    const c = run.context;
    const description = c.description === undefined ? "" : ` — ${escapeHtml(c.description)}`;
    const name = labels[i]!.includes(c.scenarioName) ? "" : `: ${escapeHtml(c.scenarioName)}`;
    const facts = factsHtml([
      { term: "seed", value: String(c.seed) },
      { term: "duration", value: formatDuration(c.durationSeconds, "rounded") },
      { term: "metric period", value: formatDuration(c.periodSeconds, "rounded") },
      { term: "resources", value: resourceCount(run) },
    ]);
    return `<li><strong>${escapeHtml(labels[i]!)}</strong>${name}${description}${facts}</li>`;
  });
  let index = 0;
  const resources = comparison.resources.map((r) => {
    const figures = r.charts.map((spec) => chartFigure(spec, index++)).join("\n");
    return `<section class="resource" id="${r.kind}-${escapeHtml(r.name)}"><h3 class="resource">${r.kind} ${escapeHtml(r.name)}</h3>
${r.charts.length === 0 ? "<p>No comparison chart has anything to show for it.</p>" : figures}
</section>`;
  });
  const nav = [
    ...comparison.tables.map((t) => `<a href="#${escapeHtml(t.id)}">${escapeHtml(t.title)}</a>`),
    `<a href="#charts">Charts</a>`,
    `<a href="#scenario">Scenarios as run</a>`,
  ].join("");
  const body = [
    ...comparison.tables.map((t) => tableHtml(t, labels)),
    `<section id="charts"><h2>Charts</h2>
<p class="hint">${escapeHtml(COMPARED_CHARTS_NOTE)} ${escapeHtml(CHART_HINT)}</p>
${resources.join("\n")}
</section>`,
    `<section id="scenario"><h2>Scenarios as run</h2>
${runs.map((run, i) => detailsHtml(`${labels[i]!}: ${run.context.scenarioName}, seed ${run.context.seed}`, run.context.scenarioJson)).join("\n")}
</section>`,
  ].join("\n");
  return documentHtml({
    title: `Comparison: ${names.join(" vs ")}`,
    header: `${differencesHtml(diffs)}\n<ol class="runs">${runList.join("\n")}</ol>\n<nav>${nav}</nav>`,
    body: `<style>h3.resource { font-size: 1.15rem; margin: 28px 0 4px; }</style>\n${body}`,
    charts: comparisonCharts(comparison),
  });
}

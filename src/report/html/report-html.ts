// report.html: one run's summary, interactive charts and scenario, in a single file that opens offline.
import { type ChartSpec } from "../charts/chart-spec.js";
import { type ReportContext, type RunData } from "../run-data.js";
import { formatDuration } from "../../engine/units.js";
import { type SummaryTable, summaryTables } from "../summary-tables.js";
import { detailsHtml, escapeHtml, type Fact, factsHtml, pageHtml } from "./page.js";

/** What identifies a run and how it was measured: shown under the title of both reports. */
export function runFacts(context: ReportContext): Fact[] {
  const facts: Fact[] = [
    { term: "seed", value: String(context.seed) },
    { term: "duration", value: formatDuration(context.durationSeconds, "rounded") },
    { term: "metric period", value: formatDuration(context.periodSeconds, "rounded") },
    { term: "fleet", value: context.fleetKind },
  ];
  if (context.startEpochMs !== undefined) facts.push({ term: "start", value: new Date(context.startEpochMs).toISOString() });
  if (context.sloMaxQueueWaitSeconds !== undefined)
    facts.push({ term: "SLO", value: `queue wait ≤ ${formatDuration(context.sloMaxQueueWaitSeconds, "rounded")}` });
  return facts;
}

function tableHtml(table: SummaryTable): string {
  const rows = table.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="value">${escapeHtml(r.value)}</td></tr>`);
  return `<table><caption>${escapeHtml(table.title)}</caption><tbody>${rows.join("")}</tbody></table>`;
}

export function reportHtml(run: RunData, charts: ChartSpec[]): string {
  const c = run.context;
  const description = c.description === undefined ? "" : `<p class="description">${escapeHtml(c.description)}</p>`;
  return pageHtml({
    title: c.scenarioName,
    intro: description + factsHtml(runFacts(c)),
    summary: `<div class="tables">${summaryTables(run.summary).map(tableHtml).join("\n")}</div>`,
    charts,
    scenario: detailsHtml(`The scenario after defaults (scenario.json), seed ${c.seed}`, c.scenarioJson, true),
  });
}

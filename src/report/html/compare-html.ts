// The comparison report (sqs-sim compare): several runs' series on shared charts and their summaries side by side.
import { type ChartSpec } from "../charts/chart-spec.js";
import { runLabels } from "../charts/index.js";
import { type RunData } from "../run-data.js";
import { PAGE_DIFFERENCES, runDifferences, type ScenarioDifference } from "../scenario-diff.js";
import { summaryTables } from "../summary-tables.js";
import { detailsHtml, escapeHtml, factsHtml, pageHtml } from "./page.js";
import { runFacts } from "./report-html.js";

interface Section {
  title: string;
  /** Row label → the value in each run ("—" where a run has no such row, e.g. no SLO). */
  rows: Map<string, string[]>;
}

/** The runs' summary tables lined up by table title and row label, in the order they first appear. */
function alignedSections(runs: RunData[]): Section[] {
  const sections = new Map<string, Section>();
  runs.forEach((run, i) => {
    for (const table of summaryTables(run.summary)) {
      let section = sections.get(table.title);
      if (section === undefined) sections.set(table.title, (section = { title: table.title, rows: new Map() }));
      for (const row of table.rows) {
        let values = section.rows.get(row.label);
        if (values === undefined) section.rows.set(row.label, (values = runs.map(() => "—")));
        values[i] = row.value;
      }
    }
  });
  return [...sections.values()];
}

function sideBySideTable(runs: RunData[], labels: string[]): string {
  const head = runs.map((run, i) => {
    const label = labels[i]!;
    const name = label.includes(run.context.scenarioName) ? "" : `<span class="sub">${escapeHtml(run.context.scenarioName)}</span>`;
    const seed = label.includes(`seed ${run.context.seed}`) ? "" : `<span class="sub">seed ${run.context.seed}</span>`;
    return `<th scope="col" class="run">${escapeHtml(label)}${name}${seed}</th>`;
  });
  const bodies = alignedSections(runs).map((section) => {
    const rows = [...section.rows].map(([label, values]) => {
      // Rows where the runs differ are the interesting ones: set them in bold.
      const differs = values.some((v) => v !== values[0]);
      const cells = values.map((v) => `<td class="run">${escapeHtml(v)}</td>`).join("");
      return `<tr${differs ? ` class="differs"` : ""}><th scope="row">${escapeHtml(label)}</th>${cells}</tr>`;
    });
    return `<tbody><tr><th class="section" colspan="${runs.length + 1}" scope="rowgroup">${escapeHtml(section.title)}</th></tr>${rows.join("")}</tbody>`;
  });
  return `<table class="side-by-side"><thead><tr><th scope="col"></th>${head.join("")}</tr></thead>${bodies.join("\n")}</table>`;
}

/** "Differs: `queue.visibilityTimeout` (30s | 2m), …": what the comparison is about, first thing on the page. */
function differencesHtml(diffs: readonly ScenarioDifference[]): string {
  if (diffs.length === 0) return `<p class="differs"><strong>Differs:</strong> nothing: the same scenario and seed</p>`;
  const named = diffs.slice(0, PAGE_DIFFERENCES).map((d) => `<code>${escapeHtml(d.path)}</code> (${escapeHtml(d.values.join(" | "))})`);
  if (diffs.length > PAGE_DIFFERENCES) named.push(`and ${diffs.length - PAGE_DIFFERENCES} more`);
  return `<p class="differs"><strong>Differs:</strong> ${named.join(", ")}</p>`;
}

/**
 * `labels` name the runs in the table, in the order of the runs; by default the labels the comparison charts'
 * legends use (scenario names, with seeds where names repeat), so that table and charts agree.
 */
export function compareHtml(
  runs: RunData[],
  charts: ChartSpec[],
  labels: string[] = runLabels(runs),
  /** A comparison made by another command (compare-platforms): its title, and HTML before the summaries. */
  framing?: { title: string; lead: string },
): string {
  if (runs.length === 0) throw new RangeError("a comparison needs at least one run");
  if (labels.length !== runs.length) throw new RangeError(`${runs.length} runs but ${labels.length} labels`);
  const names = [...new Set(runs.map((r) => r.context.scenarioName))];
  const runList = runs.map((run, i) => {
    const description = run.context.description === undefined ? "" : ` — ${escapeHtml(run.context.description)}`;
    const name = labels[i]!.includes(run.context.scenarioName) ? "" : `: ${escapeHtml(run.context.scenarioName)}`;
    return `<li><strong>${escapeHtml(labels[i]!)}</strong>${name}${description}${factsHtml(runFacts(run.context))}</li>`;
  });
  return pageHtml({
    title: framing?.title ?? `Comparison: ${names.join(" vs ")}`,
    intro: `${differencesHtml(runDifferences(runs))}\n<ol class="runs">${runList.join("\n")}</ol>`,
    summary: (framing?.lead ?? "") + sideBySideTable(runs, labels),
    charts,
    scenario: runs.map((run, i) => detailsHtml(`${labels[i]!}: ${run.context.scenarioName}, seed ${run.context.seed}`, run.context.scenarioJson)).join("\n"),
  });
}

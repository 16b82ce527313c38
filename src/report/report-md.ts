// report.md: a run (or a comparison of runs) as Markdown, for pasting into a pull request or a wiki page. The
// chart images are referenced by their paths relative to the report, so the file reads right next to charts/.
import { type RunSummary } from "../sim/result.js";
import { type ChartSpec } from "./charts/chart-spec.js";
import { type RunData } from "./run-data.js";
import { PAGE_DIFFERENCES, runDifferences, type ScenarioDifference } from "./scenario-diff.js";
import { formatDuration } from "../engine/units.js";
import { summaryTables, type SummaryTable } from "./summary-tables.js";

/** A rendered chart: its spec and the path of its image relative to the report (`charts/queue.png`). */
export interface ChartFile {
  spec: ChartSpec;
  file: string;
}

/** A run in a comparison, with the label that tells it apart from the others (its directory's name). */
export interface LabelledRun {
  label: string;
  run: RunData;
}

/** What a run directory holds besides the report, in words. */
const DATA_FILE_NOTES: [file: string, what: string][] = [
  ["summary.json", "the run's totals (messages, requests, latency percentiles, fleet, cost)"],
  ["timeseries.csv", "one row per metric period; each column name ends with its unit"],
  ["activities.csv", "scaling activities and alarm transitions, with their reasons"],
  ["latency-histograms.json", "the queue-wait and end-to-end latency histograms"],
  ["scenario.json", "the scenario as it was run, after defaults (itself a valid scenario file)"],
  ["report.html", "this report with interactive charts"],
];

/**
 * `pngsNotDrawn`: the run has charts, but no PNG of them could be drawn (the optional renderer is missing); the
 * report says so in their place. The reason itself stays out: it names this machine, and the file would differ.
 */
export function reportMarkdown(run: RunData, charts: readonly ChartFile[], pngsNotDrawn = false): string {
  const c = run.context;
  const lines = [`# ${escapeText(c.scenarioName)} (seed ${c.seed})`, ""];
  if (c.description !== undefined) lines.push(escapeText(c.description), "");
  lines.push(runLine(run), "", "## Summary", "");
  for (const table of summaryTables(run.summary)) {
    lines.push(
      `### ${table.title}`,
      "",
      ...markdownTable(
        ["", "value"],
        table.rows.map((r) => [r.label, r.value]),
        1,
      ),
      "",
    );
  }
  lines.push(...(pngsNotDrawn ? pngsNotDrawnSection("draw the report again with `sqs-sim report <run-dir>`") : chartSections(charts)));
  lines.push("## Files", "", "Next to this report:", "");
  for (const [file, what] of DATA_FILE_NOTES) lines.push(`- \`${file}\`: ${what}`);
  if (!pngsNotDrawn) lines.push(`- \`charts/\`: the charts above as PNG images`);
  return lines.join("\n") + "\n";
}

/** The differences between the runs' scenarios, keys as code, capped as on the HTML page. */
function differsMarkdown(diffs: readonly ScenarioDifference[]): string {
  if (diffs.length === 0) return "nothing: the same scenario and seed";
  const named = diffs.slice(0, PAGE_DIFFERENCES).map((d) => `\`${d.path}\` (${escapeText(d.values.join(" | "))})`);
  if (diffs.length > PAGE_DIFFERENCES) named.push(`and ${diffs.length - PAGE_DIFFERENCES} more`);
  return named.join(", ");
}

/** A comparison of runs: which runs, their summaries side by side, then the comparison charts. */
/** What a comparison made by another command (compare-platforms) puts in its report: its own title, a section
 *  before the side-by-side summaries, what its files are, and the command that draws its charts again. */
export interface ComparisonFraming {
  title: string;
  lead: string[];
  files: string;
  redraw: string;
}

export function compareMarkdown(runs: readonly LabelledRun[], charts: readonly ChartFile[], pngsNotDrawn = false, framing?: ComparisonFraming): string {
  const lines = [framing?.title ?? `# Comparison: ${runs.map((r) => escapeText(r.label)).join(" vs ")}`, ""];
  lines.push(
    ...markdownTable(
      ["run", "scenario", "seed", "simulated"],
      runs.map(({ label, run }) => [label, run.context.scenarioName, String(run.context.seed), formatDuration(run.context.durationSeconds, "rounded")]),
    ),
    "",
  );
  lines.push(`Differs: ${differsMarkdown(runDifferences(runs.map((r) => r.run)))}`, "");
  if (framing !== undefined) lines.push(...framing.lead);
  lines.push("## Summary", "");
  const labels = runs.map((r) => r.label);
  for (const table of sideBySideTables(runs.map((r) => r.run.summary))) {
    lines.push(
      `### ${table.title}`,
      "",
      ...markdownTable(
        ["", ...labels],
        table.rows.map((r) => [r.label, ...r.values]),
        labels.length,
      ),
      "",
    );
  }
  lines.push(...(pngsNotDrawn ? pngsNotDrawnSection(framing?.redraw ?? "compare the runs again") : chartSections(charts)));
  const pngs = pngsNotDrawn ? "" : ", `charts/` (the charts above as PNG images)";
  const files = framing?.files ?? "and `comparison.json` (the runs compared and their directories).";
  lines.push("## Files", "", `Next to this report: \`report.html\` (interactive charts)${pngs} ${files}`);
  return lines.join("\n") + "\n";
}

/** A summary row across runs: one value per run, "—" where a run has no such row (e.g. no SLO). */
export interface SideBySideTable {
  title: SummaryTable["title"];
  rows: { label: string; values: string[] }[];
}

/** The summary tables of several runs lined up by table title and row label, in the order they first appear. */
export function sideBySideTables(summaries: readonly RunSummary[]): SideBySideTable[] {
  const tables: SideBySideTable[] = [];
  summaries.forEach((summary, run) => {
    for (const table of summaryTables(summary)) {
      let merged = tables.find((t) => t.title === table.title);
      if (merged === undefined) tables.push((merged = { title: table.title, rows: [] }));
      for (const row of table.rows) {
        let line = merged.rows.find((r) => r.label === row.label);
        if (line === undefined) merged.rows.push((line = { label: row.label, values: summaries.map(() => "—") }));
        line.values[run] = row.value;
      }
    }
  });
  return tables;
}

function runLine(run: RunData): string {
  const c = run.context;
  const start = c.startEpochMs === undefined ? "" : `, starting ${new Date(c.startEpochMs).toISOString()}`;
  const slo = c.sloMaxQueueWaitSeconds === undefined ? "" : `; SLO: queue wait at most ${formatDuration(c.sloMaxQueueWaitSeconds, "rounded")}`;
  const fleet =
    c.fleetKind === "asg"
      ? `an Auto Scaling group (${c.policies.length} scaling ${c.policies.length === 1 ? "policy" : "policies"})`
      : c.fleetKind === "lambda"
        ? "a Lambda function behind an event source mapping"
        : c.fleetKind === "kubernetes"
          ? "pods on Kubernetes nodes"
          : "a fixed fleet";
  return `${formatDuration(c.durationSeconds, "rounded")} simulated${start}, in ${formatDuration(c.periodSeconds, "rounded")} metric periods, with ${fleet}${slo}.`;
}

/** In place of the charts when their PNGs could not be drawn: where they are instead, and how to get the images. */
function pngsNotDrawnSection(redraw: string): string[] {
  return [
    "## Charts",
    "",
    "The charts are not here as PNG images: the optional package chartjs-node-canvas could not be " +
      "loaded when this report was written. `report.html` draws them in the browser. To add the images, " +
      `\`npm install chartjs-node-canvas\` and ${redraw}.`,
    "",
  ];
}

function chartSections(charts: readonly ChartFile[]): string[] {
  if (charts.length === 0) return [];
  const lines = ["## Charts", ""];
  for (const { spec, file } of charts) {
    lines.push(`### ${escapeText(spec.title)}`, "", `![${escapeText(spec.title)}](${encodeURI(file)})`, "", escapeText(spec.howToRead), "");
  }
  return lines;
}

/**
 * A GitHub-flavoured Markdown table; the last `numeric` columns are right-aligned so that figures line up.
 * Cells are escaped: a `|` would end the cell, a line break the row.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], numeric = 0): string[] {
  const cell = (text: string): string => escapeText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const align = header.map((_, i) => (i >= header.length - numeric ? "--:" : "---"));
  return [header, align, ...rows].map((row, i) => `| ${(i === 1 ? row : row.map(cell)).join(" | ")} |`);
}

/**
 * Text from the scenario (names, descriptions) must not turn into Markdown markup or raw HTML. Underscores inside
 * words (desired_capacity) never start emphasis in GitHub's Markdown, so they stay as they are, readable.
 */
export function escapeText(text: string): string {
  return text.replace(/[\\`*[\]]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (ch) => `\\${ch}`).replace(/</g, "&lt;");
}

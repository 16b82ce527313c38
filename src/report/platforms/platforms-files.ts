// The directory `sqs-sim compare-platforms` writes: each platform's run (its data files, in a folder named after the
// platform: a saved run `sqs-sim report` and `sqs-sim compare` read), and one report over them all: the platforms'
// figures side by side (platforms.json, and the table heading report.html and report.md), the shared charts and each
// platform's own scaling chart.
import { type OutputFile } from "../atomic-dir.js";
import { buildPlatformCharts } from "../charts/platform-charts.js";
import { compareHtml } from "../html/compare-html.js";
import { escapeHtml } from "../html/page.js";
import { PLATFORMS_FILE, REPORT_FILE_NAMES } from "../layouts.js";
import { compareMarkdown, escapeText, markdownTable } from "../report-md.js";
import { renderCharts } from "../report-files.js";
import { type RunData } from "../run-data.js";
import { formatInt, formatUsd, latencyFigure } from "../summary-tables.js";
import { type Platform } from "./platform-names.js";
import { platformRow, type PlatformRow, shareText } from "./platform-table.js";

export const PLATFORM_LABELS: Record<Platform, string> = { ec2: "EC2", lambda: "Lambda", kubernetes: "Kubernetes" };

export interface PlatformRun {
  platform: Platform;
  run: RunData;
  /** The run's data files (run-files.ts), written under the platform's folder; absent when redrawing a saved one. */
  dataFiles?: readonly OutputFile[];
}

/** The table's columns: heading, then the cell of a row. */
const COLUMNS: [heading: string, cell: (r: PlatformRow) => string][] = [
  ["platform", (r) => PLATFORM_LABELS[r.platform]],
  ["processed", (r) => formatInt(r.processed)],
  ["unfinished at the end", (r) => formatInt(r.unfinishedAtEnd)],
  ["queue wait p50", (r) => latencyFigure(r.queueWait, "p50")],
  ["queue wait p99", (r) => latencyFigure(r.queueWait, "p99")],
  ["end to end p99", (r) => latencyFigure(r.endToEnd, "p99")],
  ["within the SLO", (r) => (r.sloMissed === null ? "—" : shareText(r.queueWait.count - r.sloMissed, r.queueWait.count))],
  ["peak busy workers", (r) => formatInt(r.peakBusyWorkers)],
  ["total cost", (r) => formatUsd(r.cost.totalUsd)],
  ["per million processed", (r) => (r.usdPerMillionProcessed === null ? "—" : formatUsd(r.usdPerMillionProcessed))],
];

function readingNotes(rows: readonly PlatformRow[], sloSeconds: number | undefined): string[] {
  const notes = [
    "Cost is compute (instances, functions or nodes) and SQS requests over the run; per million processed divides it by " +
      "the messages deleted. Unfinished at the end counts messages not processed by then: waiting in the queue or a " +
      "producer, or in flight (a batch being processed). A platform that left work undone is not cheaper for it. A ≥ marks a wait that messages still waiting at the end reach.",
  ];
  notes.push(
    sloSeconds === undefined
      ? "The scenario has no SLO: add `slo: { maxQueueWait: … }` (or `--set slo.maxQueueWait=60s`) for the share of messages within it."
      : `Within the SLO: the share of messages whose queue wait was at most ${sloSeconds} s (slo.maxQueueWait), those still waiting at the end counted at their age.`,
  );
  if (rows.some((r) => r.platform === "kubernetes")) {
    notes.push("Kubernetes' cost is its nodes': the cluster's control-plane fee (EKS charges one per cluster-hour) is not included.");
  }
  if (rows.some((r) => r.setup.includes("(defaults") || r.setup.includes("(the default"))) {
    notes.push("A platform marked defaults runs without a block of its own in the scenario: write one to compare your real settings.");
  }
  return notes;
}

function tableMarkdown(rows: readonly PlatformRow[], sloSeconds: number | undefined): string[] {
  return [
    "## Platforms",
    "",
    ...markdownTable(
      COLUMNS.map(([h]) => h),
      rows.map((r) => COLUMNS.map(([, cell]) => cell(r))),
      COLUMNS.length - 1,
    ),
    "",
    ...rows.map((r) => `- **${PLATFORM_LABELS[r.platform]}**: ${escapeText(r.setup)}; its run's data files are in \`${r.platform}/\`.`),
    "",
    ...readingNotes(rows, sloSeconds).flatMap((n) => [n, ""]),
  ];
}

function tableHtml(rows: readonly PlatformRow[], sloSeconds: number | undefined): string {
  const head = COLUMNS.map(([h], i) => `<th scope="col"${i > 0 ? ` class="run"` : ""}>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${COLUMNS.map(([, cell], i) => (i === 0 ? `<th scope="row">${escapeHtml(cell(r))}</th>` : `<td class="run">${escapeHtml(cell(r))}</td>`)).join("")}</tr>`,
    )
    .join("\n");
  const setups = rows.map((r) => `<li><strong>${escapeHtml(PLATFORM_LABELS[r.platform])}</strong>: ${escapeHtml(r.setup)}</li>`).join("\n");
  const notes = readingNotes(rows, sloSeconds)
    .map((n) => `<p class="hint">${escapeHtml(n).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`)
    .join("\n");
  return `<h3>Platforms</h3>\n<table class="side-by-side"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>\n<ul>${setups}</ul>\n${notes}\n<h3>Every figure</h3>\n`;
}

/** platforms.json: the table's figures, the scenario and seed, and where each platform's run is. */
export function platformsJson(rows: readonly PlatformRow[], runs: readonly PlatformRun[]): string {
  const first = runs[0]!.run.context;
  return (
    JSON.stringify(
      { scenario: first.scenarioName, seed: first.seed, platforms: rows, runs: Object.fromEntries(runs.map((r) => [r.platform, `${r.platform}/`])) },
      null,
      2,
    ) + "\n"
  );
}

export function platformsFiles(runs: readonly PlatformRun[]): OutputFile[] {
  const data = runs.map((r) => r.run);
  const platforms = runs.map((r) => r.platform);
  const labels = platforms.map((p) => PLATFORM_LABELS[p]);
  const rows = runs.map((r) => platformRow(r.platform, r.run));
  const slo = data[0]!.context.sloMaxQueueWaitSeconds;
  const charts = buildPlatformCharts(data, platforms, labels);
  const rendered = renderCharts(charts);
  const name = data[0]!.context.scenarioName;
  const title = `Platforms: ${name} on ${labels.join(", ")}`;
  const folders = platforms.map((p) => `\`${p}/\``).join(", ");
  return [
    ...runs.flatMap((r) => (r.dataFiles ?? []).map((f) => ({ ...f, name: `${r.platform}/${f.name}` }))),
    ...rendered.files,
    { name: PLATFORMS_FILE, content: platformsJson(rows, runs) },
    { name: REPORT_FILE_NAMES.html, content: compareHtml(data, charts, labels, { title, lead: tableHtml(rows, slo) }) },
    {
      name: REPORT_FILE_NAMES.markdown,
      content: compareMarkdown(
        runs.map((r, i) => ({ label: labels[i]!, run: r.run })),
        rendered.charts,
        rendered.notDrawn,
        {
          title: `# ${escapeText(title)}`,
          lead: tableMarkdown(rows, slo),
          files:
            `, \`${PLATFORMS_FILE}\` (the table's figures) and each platform's run in ${folders} ` +
            "(its summary.json, timeseries.csv, activities.csv, latency histograms and scenario.json: " +
            "`sqs-sim report <dir>/<platform> --out <new-dir>` draws its full report; `sqs-sim report <dir>` draws this one again).",
          redraw: "draw the report again with `sqs-sim report <this directory>`",
        },
      ),
    },
  ];
}

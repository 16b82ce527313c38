// report.md of an architecture run: the content of its report.html in Markdown. The topology is a Mermaid flowchart
// (GitHub draws it) and, for every reader, a table of its flows; the charts are the PNGs under charts/.
import { formatDuration } from "../../engine/units.js";
import { escapeText, markdownTable, type ChartFile } from "../report-md.js";
import { type GridTable } from "./architecture-tables.js";
import { type ArchitectureRunData } from "./architecture-run-data.js";
import { POOL_SECTION_NOTE, QUEUE_SECTION_NOTE, resourceCount, TOPOLOGY_HOW_TO_READ } from "./architecture-html.js";
import { type ArchitectureSections } from "./architecture-sections.js";
import { formatRate, type Topology } from "./topology.js";

const DATA_FILE_NOTES: [file: string, what: string][] = [
  ["summary.json", "the run's totals per topic, queue, pool, producer and path, and the cost"],
  ["timeseries.csv", "one row per metric period; each column name starts with its resource and ends with its unit"],
  ["activities.csv", "scaling activities and alarm transitions, each source under its pool's name"],
  ["scenario.json", "the scenario as it was run, after defaults (itself a valid scenario file)"],
  ["report.html", "this report with the topology and interactive charts"],
];

/** `pngsNotDrawn`: the charts could not be drawn as PNGs (the optional renderer is missing); the report says so. */
export function architectureMarkdown(run: ArchitectureRunData, sections: ArchitectureSections, charts: readonly ChartFile[], pngsNotDrawn: boolean): string {
  const c = run.context;
  const lines = [`# ${escapeText(c.scenarioName)} (seed ${c.seed})`, ""];
  if (c.description !== undefined) lines.push(escapeText(c.description), "");
  const start = c.startEpochMs === undefined ? "" : `, starting ${new Date(c.startEpochMs).toISOString()}`;
  const slo = c.sloMaxQueueWaitSeconds === undefined ? "" : `; SLO: queue wait at most ${formatDuration(c.sloMaxQueueWaitSeconds, "rounded")}`;
  lines.push(
    `${formatDuration(c.durationSeconds, "rounded")} simulated${start}, in ${formatDuration(c.periodSeconds, "rounded")} metric periods: ${resourceCount(run)}${slo}.`,
    "",
  );
  lines.push("## Topology", "", escapeText(TOPOLOGY_HOW_TO_READ), "", ...mermaid(sections.topology), "", ...flowsTable(sections.topology), "");
  for (const t of sections.overview) lines.push(...grid(t));
  if (sections.topics.length > 0) {
    lines.push("## Topics", "");
    for (const t of sections.topics) lines.push(...grid(t));
  }
  lines.push("## Paths", "");
  if (sections.paths === null) lines.push("No message completed a path.", "");
  else lines.push(...grid(sections.paths));
  const file = new Map(charts.map((ch) => [ch.spec.id, ch.file]));
  for (const kind of ["queue", "pool"] as const) {
    const here = sections.resources.filter((r) => r.kind === kind);
    if (here.length === 0) continue;
    lines.push(`## ${kind === "queue" ? "Queues" : "Pools"}`, "", escapeText(kind === "queue" ? QUEUE_SECTION_NOTE : POOL_SECTION_NOTE), "");
    for (const r of here) {
      lines.push(`### ${kind} ${escapeText(r.name)}`, "", escapeText(r.note), "");
      for (const t of r.tables) {
        lines.push(
          `#### ${escapeText(t.title)}`,
          "",
          ...markdownTable(
            ["", "value"],
            t.rows.map((row) => [row.label, row.value]),
            1,
          ),
          "",
        );
      }
      if (pngsNotDrawn) continue;
      for (const spec of r.charts) {
        const png = file.get(spec.id);
        if (png === undefined) continue;
        lines.push(`#### ${escapeText(spec.title)}`, "", `![${escapeText(spec.title)}](${encodeURI(png)})`, "", escapeText(spec.howToRead), "");
      }
    }
  }
  if (pngsNotDrawn) {
    lines.push(
      "## Charts",
      "",
      "The charts are not here as PNG images: the optional package chartjs-node-canvas could not be loaded when this " +
        "report was written. `report.html` draws them in the browser. To add the images, `npm install chartjs-node-canvas` " +
        "and draw the report again with `sqs-sim report <run-dir>`.",
      "",
    );
  }
  lines.push("## Files", "", "Next to this report:", "");
  for (const [f, what] of DATA_FILE_NOTES) lines.push(`- \`${f}\`: ${what}`);
  if (!pngsNotDrawn) lines.push("- `charts/`: the charts above as PNG images");
  return lines.join("\n") + "\n";
}

function grid(t: GridTable): string[] {
  return [`### ${escapeText(t.title)}`, "", ...markdownTable(t.header, t.rows, t.numeric), ""];
}

/** A Mermaid flowchart: nodes by position (n0, n1, …) so that no name has to be a Mermaid identifier. */
function mermaid(t: Topology): string[] {
  const ids = new Map(t.nodes.map((n, i) => [n.id, `n${i}`]));
  const shape = (kind: string, text: string): string =>
    kind === "topic" ? `{{"${text}"}}` : kind === "queue" ? `[("${text}")]` : kind === "pool" ? `(["${text}"])` : `["${text}"]`;
  return [
    "```mermaid",
    "flowchart LR",
    ...t.nodes.map((n) => `  ${ids.get(n.id)}${shape(n.kind, `${n.name}<br/>${n.detail}`)}`),
    ...t.flows.map((f) => `  ${ids.get(f.from)} -->|"${f.ratePerSecond === null ? "?" : formatRate(f.ratePerSecond)}"| ${ids.get(f.to)}`),
    "```",
  ];
}

function flowsTable(t: Topology): string[] {
  return markdownTable(
    ["from", "to", "counts", "messages", "per second"],
    t.flows.map((f) => [
      f.from,
      f.to,
      f.counts,
      f.messages === null ? "—" : f.messages.toLocaleString("en-US"),
      f.ratePerSecond === null ? "—" : formatRate(f.ratePerSecond),
    ]),
    2,
  );
}

// report.md of a comparison of architecture runs: the content of its report.html in Markdown, the charts as the
// PNGs under charts/.
import { formatDuration } from "../../engine/units.js";
import { escapeText, markdownTable, type ChartFile } from "../report-md.js";
import { PAGE_DIFFERENCES, type ScenarioDifference } from "../scenario-diff.js";
import { type ArchitectureComparison } from "./architecture-comparison.js";
import { COMPARED_CHARTS_NOTE } from "./architecture-comparison-html.js";
import { resourceCount } from "./architecture-html.js";
import { type ArchitectureRunData } from "./architecture-run-data.js";

function differsMarkdown(diffs: readonly ScenarioDifference[]): string {
  if (diffs.length === 0) return "nothing: the same scenario and seed";
  const named = diffs.slice(0, PAGE_DIFFERENCES).map((d) => `\`${d.path}\` (${escapeText(d.values.join(" | "))})`);
  if (diffs.length > PAGE_DIFFERENCES) named.push(`and ${diffs.length - PAGE_DIFFERENCES} more`);
  return named.join(", ");
}

/** `pngsNotDrawn`: the charts could not be drawn as PNGs (the optional renderer is missing); the report says so. */
export function architectureComparisonMarkdown(
  runs: readonly ArchitectureRunData[],
  labels: readonly string[],
  diffs: readonly ScenarioDifference[],
  comparison: ArchitectureComparison,
  charts: readonly ChartFile[],
  pngsNotDrawn: boolean,
): string {
  const lines = [`# Comparison: ${labels.map(escapeText).join(" vs ")}`, ""];
  lines.push(
    ...markdownTable(
      ["run", "scenario", "seed", "simulated", "resources"],
      runs.map((run, i) => [
        labels[i]!,
        run.context.scenarioName,
        String(run.context.seed),
        formatDuration(run.context.durationSeconds, "rounded"),
        resourceCount(run),
      ]),
    ),
    "",
    `Differs: ${differsMarkdown(diffs)}`,
    "",
  );
  for (const t of comparison.tables) {
    lines.push(`## ${escapeText(t.title)}`, "");
    for (const s of t.sections) {
      if (s.title !== null) lines.push(`### ${escapeText(s.title)}`, "");
      lines.push(
        ...markdownTable(
          ["", ...labels],
          s.rows.map((r) => [r.label, ...r.values]),
          labels.length,
        ),
        "",
      );
    }
  }
  lines.push("## Charts", "");
  if (pngsNotDrawn) {
    lines.push(
      "The charts are not here as PNG images: the optional package chartjs-node-canvas could not be loaded when this " +
        "report was written. `report.html` draws them in the browser. To add the images, `npm install chartjs-node-canvas` " +
        "and compare the runs again.",
      "",
    );
  } else {
    lines.push(escapeText(COMPARED_CHARTS_NOTE), "");
    const file = new Map(charts.map((ch) => [ch.spec.id, ch.file]));
    for (const r of comparison.resources) {
      const drawn = r.charts.filter((spec) => file.has(spec.id));
      if (drawn.length === 0) continue;
      lines.push(`### ${r.kind} ${escapeText(r.name)}`, "");
      for (const spec of drawn) {
        lines.push(`#### ${escapeText(spec.title)}`, "", `![${escapeText(spec.title)}](${encodeURI(file.get(spec.id)!)})`, "", escapeText(spec.howToRead), "");
      }
    }
  }
  const pngs = pngsNotDrawn ? "" : ", `charts/` (the charts above as PNG images)";
  lines.push(
    "## Files",
    "",
    `Next to this report: \`report.html\` (interactive charts)${pngs} and \`comparison.json\` (the runs compared and their directories).`,
  );
  return lines.join("\n") + "\n";
}

// The files of a comparison of architecture runs (`sqs-sim compare`), written into their own directory as a
// comparison of single-queue runs is: the charts as PNGs under charts/ where the optional renderer loads,
// report.html, report.md, and comparison.json, which marks the directory as one sqs-sim may replace.
import { type OutputFile } from "./atomic-dir.js";
import { architectureComparison, comparisonCharts } from "./architecture/architecture-comparison.js";
import { architectureComparisonHtml } from "./architecture/architecture-comparison-html.js";
import { architectureComparisonMarkdown } from "./architecture/architecture-comparison-md.js";
import { type ArchitectureRunData } from "./architecture/architecture-run-data.js";
import { COMPARISON_MARKER_FILE, REPORT_FILE_NAMES } from "./layouts.js";
import { renderCharts } from "./report-files.js";
import { architectureDifferences } from "./scenario-diff.js";

/** An architecture run in a comparison: its label, the directory it was read from, and its data. */
export interface ComparedArchitectureRun {
  label: string;
  directory: string;
  run: ArchitectureRunData;
}

export function architectureCompareFiles(compared: readonly ComparedArchitectureRun[]): OutputFile[] {
  const runs = compared.map((c) => c.run);
  const labels = compared.map((c) => c.label);
  const diffs = architectureDifferences(runs);
  const comparison = architectureComparison(runs, labels);
  const rendered = renderCharts(comparisonCharts(comparison));
  const listing = compared.map((c) => ({ label: c.label, directory: c.directory, scenario: c.run.context.scenarioName, seed: c.run.context.seed }));
  return [
    ...rendered.files,
    { name: REPORT_FILE_NAMES.html, content: architectureComparisonHtml(runs, labels, diffs, comparison) },
    { name: REPORT_FILE_NAMES.markdown, content: architectureComparisonMarkdown(runs, labels, diffs, comparison, rendered.charts, rendered.notDrawn) },
    { name: COMPARISON_MARKER_FILE, content: JSON.stringify({ runs: listing }, null, 2) + "\n" },
  ];
}

// The report of an architecture run, written next to its data files by `sqs-sim run` (and `sqs-sim report`):
// report.html with the topology and a section per queue and pool, report.md with the same content, and the charts as
// PNGs under charts/ where the optional renderer loads (report.md says so where it does not).
import { type OutputFile } from "./atomic-dir.js";
import { architectureHtml } from "./architecture/architecture-html.js";
import { architectureMarkdown } from "./architecture/architecture-md.js";
import { type ArchitectureRunData } from "./architecture/architecture-run-data.js";
import { allCharts, architectureSections } from "./architecture/architecture-sections.js";
import { REPORT_FILE_NAMES } from "./layouts.js";
import { renderCharts } from "./report-files.js";

export { architectureRunData, type ArchitectureRunData } from "./architecture/architecture-run-data.js";

export function architectureReportFiles(run: ArchitectureRunData): OutputFile[] {
  const sections = architectureSections(run);
  const rendered = renderCharts(allCharts(sections));
  return [
    ...rendered.files,
    { name: REPORT_FILE_NAMES.html, content: architectureHtml(run, sections) },
    { name: REPORT_FILE_NAMES.markdown, content: architectureMarkdown(run, sections, rendered.charts, rendered.notDrawn) },
  ];
}

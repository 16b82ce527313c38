// The report of an architecture run. Not drawn yet: report.html with the topology and per-resource sections comes
// with the next change; until then a run says so (architectureReportNote) rather than leaving it out silently.
import { type Architecture } from "../scenario/architecture-schema.js";
import { type ArchitectureResult } from "../sim/architecture-result.js";
import { type OutputFile } from "./atomic-dir.js";

export const ARCHITECTURE_REPORT_NOTE = "report.html and charts are not drawn for the architecture format yet; the data files are written";

export function architectureReportFiles(_result: ArchitectureResult, _a: Architecture): OutputFile[] {
  return [];
}

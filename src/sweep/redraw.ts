// `sqs-sim report <sweep-dir>`: draws a finished sweep's report (charts/*.png, report.html) again from its cell
// files, without running anything; e.g. after an upgrade of sqs-sim, or for a sweep run with --no-charts.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { definitionOf } from "./definition.js";
import { SWEEP_REPORT_HTML, sweepReportFiles } from "./report/sweep-report.js";
import { resultRows } from "./results.js";
import { definitionRecommendation } from "./run-sweep.js";
import { foreignWithin, wouldLose } from "../report/owned-dir.js";
import { inspectSweepDir, readCellFiles, SWEEP_FILE, SWEEP_REPORT_ENTRIES, writeReportFiles } from "./sweep-dir.js";

export type RedrawOutcome = { status: "done"; report: string } | { status: "refused"; message: string };

/** Whether dir is a sweep's directory (it has sweep.json, readable or not), so that `report` treats it as one and
 *  names what is wrong with it. */
export function isSweepDir(dir: string): boolean {
  return existsSync(join(dir, SWEEP_FILE));
}

export function redrawSweepReport(dir: string): RedrawOutcome {
  const state = inspectSweepDir(dir);
  if (state.kind !== "sweep") return { status: "refused", message: state.kind === "other" ? state.problem : `${dir} is missing or empty` };
  if (!state.finished) return { status: "refused", message: `${dir} is an unfinished sweep; finish it with \`sqs-sim sweep … --resume\` first` };
  const lost = foreignWithin(state.foreign, SWEEP_REPORT_ENTRIES);
  if (lost.length > 0) return { status: "refused", message: wouldLose(dir, lost, "a sweep", "drawing its report again", "") };
  const { manifest } = state;
  if (manifest.shard !== null) {
    return {
      status: "refused",
      message: `${dir} holds shard ${manifest.shard.index}/${manifest.shard.count} of a sweep; its report needs the whole grid: merge the shards (sqs-sim merge), which draws it`,
    };
  }
  const records = readCellFiles(dir, manifest, null);
  if ("error" in records) return { status: "refused", message: records.error };
  if (records.length !== manifest.cells) return { status: "refused", message: `${dir} holds ${records.length} of the sweep's ${manifest.cells} cells` };
  const definition = definitionOf(manifest);
  const rows = resultRows(records, definition);
  writeReportFiles(dir, sweepReportFiles({ definition, rows, recommendation: definitionRecommendation(definition, rows) }));
  return { status: "done", report: join(dir, SWEEP_REPORT_HTML) };
}

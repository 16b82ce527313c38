// `sqs-sim merge`: joins the directories of a sweep's parts (shards, or any runs of the same sweep) into the
// directory a single run would have written. The rows come from the parts' cell files through the same code as a
// single run's, so results.csv and results.json are byte-identical to it.
import { join, resolve } from "node:path";
import { rmSync } from "node:fs";
import { prepareDirectoryWrite, type OutputFile } from "../report/atomic-dir.js";
import { listEntries } from "../report/owned-dir.js";
import { cellFileName, cellRecordText, type CellRecord } from "./cell-record.js";
import { definitionDifference, definitionOf, manifestText, type SweepManifest } from "./definition.js";
import { recommendationJson, RECOMMENDATION_JSON } from "./recommend.js";
import { sweepReportFiles } from "./report/sweep-report.js";
import { resultRows, resultsCsv, resultsJson, RESULTS_CSV, RESULTS_JSON } from "./results.js";
import { definitionRecommendation } from "./run-sweep.js";
import { CELLS_DIR, clearRefusal, inspectSweepDir, readCellFiles, SWEEP_FILE, SWEEP_LAYOUT } from "./sweep-dir.js";

export type MergeOutcome =
  /** `notes`: what was cleared of an earlier, killed process's work beside outDir. */
  | { status: "done"; parts: number; cells: number; notes: string[] }
  /** Bad input (exit 2): the parts do not fit together, or the output directory cannot be used. */
  | { status: "refused"; message: string };

/** How many missing cells a refusal lists by index. */
const MISSING_LISTED = 10;

/** `report` false leaves out the sweep report (charts/*.png, report.html), as `--no-charts` does. */
export function mergeSweeps(dirs: readonly string[], outDir: string, report = true): MergeOutcome {
  if (dirs.length === 0) return { status: "refused", message: "merge: give the parts' directories" };
  if (dirs.some((d) => resolve(d) === resolve(outDir))) {
    return { status: "refused", message: `--out ${outDir} is one of the parts; write the merged sweep to another directory` };
  }
  let first: { dir: string; manifest: SweepManifest } | null = null;
  const owner = new Map<number, string>();
  const records: CellRecord[] = [];
  for (const dir of dirs) {
    const state = inspectSweepDir(dir);
    if (state.kind === "new") return { status: "refused", message: `${dir} is missing or empty, not a sweep directory` };
    if (state.kind === "other") return { status: "refused", message: state.problem };
    const manifest = state.manifest;
    if (first === null) first = { dir, manifest };
    else {
      const difference = definitionDifference(first.manifest, manifest);
      if (difference !== null) return { status: "refused", message: `${dir} and ${first.dir} are parts of different sweeps: ${difference}` };
    }
    if (!state.finished) {
      return { status: "refused", message: `${dir} is an unfinished sweep (${state.cellFiles} cells done); finish it with \`sqs-sim sweep … --resume\` first` };
    }
    const part = readCellFiles(dir, manifest, manifest.shard);
    if ("error" in part) return { status: "refused", message: part.error };
    for (const record of part) {
      const other = owner.get(record.cell);
      if (other !== undefined) {
        return { status: "refused", message: `cell ${record.cell} is in both ${other} and ${dir}; each cell must come from exactly one part` };
      }
      owner.set(record.cell, dir);
      records.push(record);
    }
  }
  if (first === null) return { status: "refused", message: "merge: give the parts' directories" };
  const definition = definitionOf(first.manifest);
  const missing: number[] = [];
  for (let i = 0; i < definition.cells; i++) if (!owner.has(i)) missing.push(i);
  if (missing.length > 0) {
    const listed = missing.slice(0, MISSING_LISTED).join(", ") + (missing.length > MISSING_LISTED ? ", …" : "");
    return {
      status: "refused",
      message:
        `${missing.length} of the ${definition.cells} cells are in no part (cell${missing.length === 1 ? "" : "s"} ${listed}); ` +
        "merge needs every shard of the sweep",
    };
  }

  const out = inspectSweepDir(outDir);
  if (out.kind === "other") return { status: "refused", message: `--out: ${out.problem}` };
  if (out.kind === "sweep" && !out.finished) {
    return { status: "refused", message: `--out: ${outDir} holds an unfinished sweep; choose another directory, so that its cells are not lost` };
  }
  const refusal = out.kind === "sweep" ? clearRefusal(outDir, out) : null;
  if (refusal !== null) return { status: "refused", message: `--out: ${refusal}` };
  const notes: string[] = [];
  if (out.kind === "new" && out.abandoned.length > 0) {
    // What a sweep killed before writing sweep.json left: nothing in it is a result or the user's.
    for (const name of out.abandoned) rmSync(join(outDir, name), { recursive: true, force: true });
    notes.push(`cleared ${outDir} (${listEntries(out.abandoned)}): a sweep there ended before it had written ${SWEEP_FILE}`);
  }
  // Checked and staged before the report is drawn, so that a path that cannot be written fails first.
  const prepared = prepareDirectoryWrite(outDir, SWEEP_LAYOUT);
  if (!prepared.ok) return { status: "refused", message: `--out: ${prepared.problem}` };
  const rows = resultRows(records, definition);
  const recommendation = definitionRecommendation(definition, rows);
  const files: OutputFile[] = [
    { name: SWEEP_FILE, content: manifestText(definition, null) },
    ...[...records].sort((a, b) => a.cell - b.cell).map((r) => ({ name: `${CELLS_DIR}/${cellFileName(r.cell)}`, content: cellRecordText(r) })),
    { name: RESULTS_CSV, content: resultsCsv(definition, rows) },
    ...(recommendation === null ? [] : [{ name: RECOMMENDATION_JSON, content: recommendationJson(recommendation) }]),
    ...(report ? sweepReportFiles({ definition, rows, recommendation }) : []),
    { name: RESULTS_JSON, content: resultsJson(definition, null, rows) },
  ];
  prepared.write.commit(files);
  return { status: "done", parts: dirs.length, cells: definition.cells, notes: [...notes, ...prepared.write.notes] };
}

// A sweep's output directory:
//   sweep.json          the definition (and shard), written first
//   cells/<index>.json  one file per finished cell, written atomically the moment it finishes (the journal)
//   results.csv/.json   written last, once every cell of the sweep (or shard) is done
//   charts/, report.html the sweep report, with the results of a whole grid (written before results.json)
// A directory with sweep.json but no results is an unfinished sweep: --resume continues it.
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readInputFile } from "../scenario/load.js";
import { removeOwnTempEntries, replaceEntries, type OutputFile } from "../report/atomic-dir.js";
import { describeFsError } from "../report/fs-errors.js";
import { inspectDir, isOwnTempName, listEntries, type DirLayout } from "../report/owned-dir.js";
import { writerTag } from "../report/writer-tag.js";
import { isTemporaryName, writeFileAtomically } from "../report/atomic-file.js";
import { cellFileName, cellIndexOfFileName, cellRecordText, checkCellRecord, type CellRecord } from "./cell-record.js";
import { manifestText, parseManifest, type Shard, type SweepDefinition, type SweepManifest } from "./definition.js";
import { RECOMMENDATION_JSON } from "./recommend.js";
import { RESULTS_CSV, RESULTS_JSON } from "./results.js";
import { SWEEP_CHARTS_DIR, SWEEP_REPORT_HTML } from "./report/sweep-report.js";
import { inShard } from "./shard.js";

export const SWEEP_FILE = "sweep.json";
export const CELLS_DIR = "cells";

/** Everything a sweep writes; a directory holding anything else is not one sqs-sim may clear. */
export const SWEEP_LAYOUT: DirLayout = {
  what: "a sweep directory",
  writer: "a sweep",
  files: [SWEEP_FILE, RESULTS_CSV, RESULTS_JSON, RECOMMENDATION_JSON, SWEEP_REPORT_HTML],
  folders: { [CELLS_DIR]: (name) => cellIndexOfFileName(name) !== null, [SWEEP_CHARTS_DIR]: (name) => /^[A-Za-z0-9._-]+\.png$/.test(name) },
  proof: { file: SWEEP_FILE, check: (text) => typeof manifestOf(text) !== "string" },
};

/** The entries a sweep's report replaces whole (writeReportFiles). */
export const SWEEP_REPORT_ENTRIES: readonly string[] = [SWEEP_CHARTS_DIR, SWEEP_REPORT_HTML];

export type DirState =
  /** `abandoned`: what a sweep that ended before writing sweep.json left (its own entries only), to be cleared. */
  | { kind: "new"; abandoned: string[] }
  /** `foreign` names the entries a sweep does not write (the user's own files): the directory may be read and
   *  resumed, never cleared. */
  | { kind: "sweep"; manifest: SweepManifest; finished: boolean; cellFiles: number; foreign: string[] }
  | { kind: "other"; problem: string };

/** What `dir` holds: nothing (missing, empty, or a start that never wrote sweep.json), a sweep, or something sqs-sim
 *  must not touch. */
export function inspectSweepDir(dir: string): DirState {
  let state;
  try {
    state = inspectDir(dir, SWEEP_LAYOUT);
  } catch (error) {
    return { kind: "other", problem: `${dir}: cannot read it: ${describeFsError(error)}` };
  }
  if (state.kind === "missing" || state.kind === "empty") return { kind: "new", abandoned: [] };
  if (state.kind === "unowned") {
    if (!existsSync(join(dir, SWEEP_FILE))) {
      const entries = readdirSync(dir).sort();
      if (entries.every((e) => isOwnEntry(dir, e)))
        return { kind: "new", abandoned: entries.map((e) => (lstatSync(join(dir, e)).isDirectory() ? `${e}/` : e)) };
      return {
        kind: "other",
        problem: `${dir} exists and is not a sweep directory (it has no ${SWEEP_FILE}); choose a new or empty directory, so that nothing of yours is replaced`,
      };
    }
    const manifest = readManifest(dir);
    return { kind: "other", problem: typeof manifest === "string" ? manifest : state.problem };
  }
  const manifest = readManifest(dir);
  if (typeof manifest === "string") return { kind: "other", problem: manifest };
  const cellsDir = join(dir, CELLS_DIR);
  const cellFiles = existsSync(cellsDir) ? readdirSync(cellsDir).filter((n) => cellIndexOfFileName(n) !== null).length : 0;
  const finished = existsSync(join(dir, RESULTS_CSV)) && existsSync(join(dir, RESULTS_JSON));
  return { kind: "sweep", manifest, finished, cellFiles, foreign: state.foreign };
}

// A sweep starting writes sweep.json before anything else (an older sqs-sim made cells/ first), so a directory
// holding only cells/ and temporary files is what a start killed before sweep.json left: nothing to resume.
function isOwnEntry(dir: string, name: string): boolean {
  if (isOwnTempName(name, SWEEP_LAYOUT)) return true;
  const stats = lstatSync(join(dir, name));
  if (name !== CELLS_DIR || !stats.isDirectory()) return false;
  return readdirSync(join(dir, name)).every(
    (inner) => isOwnTempName(inner, SWEEP_LAYOUT, CELLS_DIR) || (cellIndexOfFileName(inner) !== null && lstatSync(join(dir, name, inner)).isFile()),
  );
}

/** Why a new sweep may not clear this sweep directory, or null when it may. */
export function clearRefusal(dir: string, state: DirState & { kind: "sweep" }): string | null {
  if (state.foreign.length === 0) return null;
  const them = state.foreign.length === 1 ? "it" : "them";
  return (
    `${dir} holds ${listEntries(state.foreign)}, which a sweep does not write, and starting a new sweep there would lose ${them}; ` +
    `move ${them} out or choose a new or empty directory, so that nothing of yours is replaced`
  );
}

/**
 * Removes the temporary files (`.<name>.tmp-<tag>`) that a sweep killed while writing left in dir, cells/ and
 * charts/. A sweep directory has one writer at a time, so every such file is debris. Returns how many.
 */
export function removeTemporaryFiles(dir: string): number {
  return removeOwnTempEntries(dir, SWEEP_LAYOUT);
}

function manifestOf(text: string): SweepManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return parseManifest(value);
}

/** A sweep's own JSON files (sweep.json, cells) as text: a regular file of at most 64 MiB, or an error saying why. */
function readBounded(file: string): string {
  const read = readInputFile(file);
  if ("text" in read) return read.text;
  throw new Error("problem" in read ? `it ${read.problem}` : read.errorCode);
}

export function readManifest(dir: string): SweepManifest | string {
  const file = join(dir, SWEEP_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readBounded(file));
  } catch (e) {
    return `${file}: cannot read it (${e instanceof Error ? e.message : String(e)})`;
  }
  const manifest = parseManifest(value);
  return typeof manifest === "string" ? `${file}: not a sweep definition: ${manifest}` : manifest;
}

/**
 * Starts a sweep in `dir`: clears an earlier sweep's files (the caller checked it may) and writes sweep.json. The
 * earlier sweep loses its cells at once first (cells/ renamed to a temporary name), then stops being finished
 * (results.json): a kill at any point leaves a finished sweep (which a new start replaces), a sweep with no cells
 * (likewise), or a directory that inspectSweepDir knows as an abandoned start.
 */
export function startSweepDir(dir: string, definition: SweepDefinition, shard: Shard | null): void {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, CELLS_DIR))) renameSync(join(dir, CELLS_DIR), join(dir, `.${CELLS_DIR}.tmp-${writerTag()}`));
  rmSync(join(dir, RESULTS_JSON), { force: true });
  for (const name of [RESULTS_CSV, RECOMMENDATION_JSON, SWEEP_REPORT_HTML, SWEEP_CHARTS_DIR]) rmSync(join(dir, name), { recursive: true, force: true });
  removeTemporaryFiles(dir);
  writeFileAtomically(join(dir, SWEEP_FILE), manifestText(definition, shard));
  mkdirSync(join(dir, CELLS_DIR), { recursive: true });
}

export function writeCellFile(dir: string, record: CellRecord): void {
  mkdirSync(join(dir, CELLS_DIR), { recursive: true });
  writeFileAtomically(join(dir, CELLS_DIR, cellFileName(record.cell)), cellRecordText(record));
}

/**
 * The finished cells in `dir`, each checked against the definition (same parameters, same seeds) and the shard.
 * A file that does not fit is an error naming it: mixing two sweeps' cells would give numbers nobody ran.
 */
export function readCellFiles(dir: string, definition: SweepDefinition, shard: Shard | null): CellRecord[] | { error: string } {
  const cellsDir = join(dir, CELLS_DIR);
  if (!existsSync(cellsDir)) return [];
  const records: CellRecord[] = [];
  for (const name of readdirSync(cellsDir).sort()) {
    if (isTemporaryName(name)) continue;
    const index = cellIndexOfFileName(name);
    const file = join(cellsDir, name);
    if (index === null) return { error: `${file}: not a cell file (expected <index>.json)` };
    if (name !== cellFileName(index)) return { error: `${file}: not a cell file name sqs-sim writes (expected ${cellFileName(index)})` };
    let value: unknown;
    try {
      value = JSON.parse(readBounded(file));
    } catch (e) {
      return { error: `${file}: cannot read it (${e instanceof Error ? e.message : String(e)})` };
    }
    const record = checkCellRecord(value, definition, index);
    if (typeof record === "string") return { error: `${file}: ${record}` };
    if (!inShard(index, shard)) return { error: `${file}: cell ${index} is not in shard ${shard?.index}/${shard?.count}` };
    records.push(record);
  }
  return records;
}

/** Writes results.csv, recommendation.json (with --slo), the report's files (charts/*.png, report.html) and
 *  results.json, each atomically; results.json last, as the finished sweep's mark. */
export function writeResultFiles(dir: string, csv: string, json: string, recommendation: string | null = null, report: readonly OutputFile[] = []): void {
  writeFileAtomically(join(dir, RESULTS_CSV), csv);
  if (recommendation !== null) writeFileAtomically(join(dir, RECOMMENDATION_JSON), recommendation);
  writeReportFiles(dir, report);
  writeFileAtomically(join(dir, RESULTS_JSON), json);
}

/** Replaces the sweep report in dir: charts/ and report.html, each in one rename (a chart no longer drawn does not
 *  linger; no report, as with --no-charts, leaves none behind). */
export function writeReportFiles(dir: string, report: readonly OutputFile[]): void {
  replaceEntries(dir, SWEEP_REPORT_ENTRIES, report);
}

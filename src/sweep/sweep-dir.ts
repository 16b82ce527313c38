// A sweep's output directory:
//   sweep.json          the definition (and shard), written first
//   cells/<index>.json  one file per finished cell, written atomically the moment it finishes (the journal)
//   results.csv/.json   written last, once every cell of the sweep (or shard) is done
//   charts/, report.html the sweep report, with the results of a whole grid (written before results.json)
// A directory with sweep.json but no results is an unfinished sweep: --resume continues it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { type OutputFile } from "../report/atomic-dir.js";
import { isTemporaryName, writeFileAtomically } from "./atomic-file.js";
import { cellFileName, cellIndexOfFileName, cellRecordText, checkCellRecord, type CellRecord } from "./cell-record.js";
import { manifestText, parseManifest, type Shard, type SweepDefinition, type SweepManifest } from "./definition.js";
import { RECOMMENDATION_JSON } from "./recommend.js";
import { RESULTS_CSV, RESULTS_JSON } from "./results.js";
import { SWEEP_CHARTS_DIR, SWEEP_REPORT_HTML } from "./report/sweep-report.js";
import { inShard } from "./shard.js";

export const SWEEP_FILE = "sweep.json";
export const CELLS_DIR = "cells";
/** Everything a sweep writes; a directory holding anything else is not one sqs-sim may clear. */
const OWN_ENTRIES = new Set([SWEEP_FILE, CELLS_DIR, RESULTS_CSV, RESULTS_JSON, RECOMMENDATION_JSON, SWEEP_CHARTS_DIR, SWEEP_REPORT_HTML]);

export type DirState =
  | { kind: "new" }
  /** `foreign` names an entry a sweep does not write (the user's own file): the directory may be read and resumed,
   *  never cleared. */
  | { kind: "sweep"; manifest: SweepManifest; finished: boolean; cellFiles: number; foreign: string | null }
  | { kind: "other"; problem: string };

/** What `dir` holds: nothing (missing or empty), a sweep, or something sqs-sim must not touch. */
export function inspectSweepDir(dir: string): DirState {
  if (!existsSync(dir)) return { kind: "new" };
  if (!statSync(dir).isDirectory()) return { kind: "other", problem: `${dir} exists and is not a directory` };
  const entries = readdirSync(dir).filter((e) => !isTemporaryName(e));
  if (entries.length === 0) return { kind: "new" };
  if (!entries.includes(SWEEP_FILE)) {
    return { kind: "other", problem: `${dir} exists and is not a sweep directory (it has no ${SWEEP_FILE}); choose a new or empty directory, so that nothing of yours is replaced` };
  }
  const manifest = readManifest(dir);
  if (typeof manifest === "string") return { kind: "other", problem: manifest };
  const cellsDir = join(dir, CELLS_DIR);
  const cellFiles = existsSync(cellsDir) ? readdirSync(cellsDir).filter((n) => cellIndexOfFileName(n) !== null).length : 0;
  const foreign = entries.find((e) => !OWN_ENTRIES.has(e)) ?? null;
  return { kind: "sweep", manifest, finished: entries.includes(RESULTS_CSV) && entries.includes(RESULTS_JSON), cellFiles, foreign };
}

/** Why a new sweep may not clear this finished sweep directory, or null when it may. */
export function clearRefusal(dir: string, state: DirState & { kind: "sweep" }): string | null {
  return state.foreign === null ? null
    : `${dir} holds ${state.foreign}, which a sweep does not write; choose a new or empty directory, so that nothing of yours is replaced`;
}

export function readManifest(dir: string): SweepManifest | string {
  const file = join(dir, SWEEP_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return `${file}: cannot read it (${e instanceof Error ? e.message : String(e)})`;
  }
  const manifest = parseManifest(value);
  return typeof manifest === "string" ? `${file}: not a sweep definition: ${manifest}` : manifest;
}

/** Starts a sweep in `dir`: clears an earlier sweep's files (the caller checked it may) and writes sweep.json. */
export function startSweepDir(dir: string, definition: SweepDefinition, shard: Shard | null): void {
  for (const name of [RESULTS_CSV, RESULTS_JSON, RECOMMENDATION_JSON, SWEEP_REPORT_HTML, SWEEP_CHARTS_DIR, SWEEP_FILE, CELLS_DIR]) {
    rmSync(join(dir, name), { recursive: true, force: true });
  }
  mkdirSync(join(dir, CELLS_DIR), { recursive: true });
  writeFileAtomically(join(dir, SWEEP_FILE), manifestText(definition, shard));
}

export function writeCellFile(dir: string, record: CellRecord): void {
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
      value = JSON.parse(readFileSync(file, "utf8"));
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

/** Replaces the sweep report in dir (a chart no longer drawn does not linger; no report, as with --no-charts,
 *  leaves none behind), each file atomically. */
export function writeReportFiles(dir: string, report: readonly OutputFile[]): void {
  rmSync(join(dir, SWEEP_CHARTS_DIR), { recursive: true, force: true });
  rmSync(join(dir, SWEEP_REPORT_HTML), { force: true });
  for (const file of report) {
    const path = join(dir, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomically(path, file.content);
  }
}

// An architecture run read back from its directory (summary.json, timeseries.csv, activities.csv, scenario.json),
// for `sqs-sim report` to draw its report again without simulating. Never throws for bad files: the error names the
// file and what is wrong with it, as readSavedRun's do.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ArchitectureSchema } from "../../scenario/architecture-schema.js";
import { type ArchitectureSummary } from "../../sim/architecture-result.js";
import { ARCHITECTURE_SUMMARY_KEYS } from "../layouts.js";
import { RUN_DATA_FILES } from "../run-files.js";
import { activitiesFromCsv, objectWith, parseJson, readText, SavedRunProblem, seriesFromCsv } from "../saved-run.js";
import { type ArchitectureRunData, architectureRunData } from "./architecture-run-data.js";

export type SavedArchitectureRunResult = { ok: true; run: ArchitectureRunData } | { ok: false; error: string };

/** The data files an architecture run writes (it keeps no latency histograms). */
export const ARCHITECTURE_DATA_FILES = [RUN_DATA_FILES.summary, RUN_DATA_FILES.series, RUN_DATA_FILES.activities, RUN_DATA_FILES.scenario] as const;

/** Whether the directory's summary.json is an architecture run's (`"format": "architecture"`); false if unreadable. */
export function isArchitectureRunDir(dir: string): boolean {
  const file = join(dir, RUN_DATA_FILES.summary);
  if (!existsSync(file)) return false;
  try {
    const value = parseJson(readText(file, file), file);
    return typeof value === "object" && value !== null && (value as { format?: unknown }).format === "architecture";
  } catch {
    return false;
  }
}

export function readSavedArchitectureRun(dir: string, shownAs: string = dir): SavedArchitectureRunResult {
  const shown = (name: string): string => join(shownAs, name);
  const text = (name: string): string => readText(join(dir, name), shown(name));
  try {
    const summaryFile = shown(RUN_DATA_FILES.summary);
    const summary = objectWith<ArchitectureSummary>(parseJson(text(RUN_DATA_FILES.summary), summaryFile), ARCHITECTURE_SUMMARY_KEYS, summaryFile);
    for (const key of ["seed", "durationSeconds"] as const) {
      if (typeof summary[key] !== "number") throw new SavedRunProblem(`${summaryFile}: ${key} is not a number`);
    }
    for (const key of ["queues", "consumers", "producers", "topics", "paths"] as const) objectWith(summary[key], [], `${summaryFile}: ${key}`);
    const scenarioFile = shown(RUN_DATA_FILES.scenario);
    const scenarioText = text(RUN_DATA_FILES.scenario);
    // scenario.json is itself a valid scenario file: checked with the schema (its traces are not read).
    const parsed = ArchitectureSchema.safeParse(parseJson(scenarioText, scenarioFile));
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
      throw new SavedRunProblem(`${scenarioFile}: not a valid scenario (${problems.join("; ")}${parsed.error.issues.length > 3 ? "; …" : ""})`);
    }
    const a = parsed.data;
    const missing = [
      ...a.queues.filter((q) => summary.queues[q.name] === undefined).map((q) => `queues.${q.name}`),
      ...a.consumers.filter((c) => summary.consumers[c.name] === undefined).map((c) => `consumers.${c.name}`),
    ];
    if (missing.length > 0) throw new SavedRunProblem(`${summaryFile}: ${missing.join(", ")} missing (not the summary of ${scenarioFile}?)`);
    const seriesFile = shown(RUN_DATA_FILES.series);
    const series = seriesFromCsv(text(RUN_DATA_FILES.series), a.metrics.period, seriesFile);
    const expected = Math.ceil(a.duration / a.metrics.period - 1e-9);
    const rows = series.values[0]?.length ?? 0;
    if (rows !== expected) throw new SavedRunProblem(`${seriesFile}: ${rows} rows, where the run's duration and metric period make ${expected} (cut short?)`);
    const activities = activitiesFromCsv(text(RUN_DATA_FILES.activities), shown(RUN_DATA_FILES.activities));
    return { ok: true, run: architectureRunData({ summary, series, activities }, a, scenarioText) };
  } catch (error) {
    if (error instanceof SavedRunProblem) return { ok: false, error: error.message };
    throw error;
  }
}

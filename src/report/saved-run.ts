// A saved run read back from its directory, without simulating: what `sqs-sim report` and `sqs-sim compare` draw.
import { type TraceRow } from "../sim/message-trace-rows.js";
import { TRACE_EVENTS } from "../sqs/message-trace.js";
import { MESSAGE_TRACE_FILE } from "./run-files.js";
import { upgradeSavedScenario } from "../scenario/saved-upgrade.js";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Activity } from "../metrics/activity-log.js";
import { type PeriodSeries, type SeriesColumn } from "../metrics/period-series.js";
import { type SparseHistogram } from "../metrics/sparse-histogram.js";
import { PERIOD_COLUMNS } from "../sim/period-sampler.js";
import { alarmColumnOf, FLEET_COLUMNS, GROUP_COLUMNS } from "../sim/fleet-columns.js";
import { type RunSummary } from "../sim/result.js";
import { SUMMARY_KEYS } from "./layouts.js";
import { RUN_DATA_FILES } from "./run-files.js";
import { parseCsvRecords } from "../engine/csv.js";
import { reportContext, type RunData, type ScenarioForReport } from "./run-data.js";
import { readInputFile } from "../scenario/load.js";
import { ScenarioSchema } from "../scenario/schema.js";

export type SavedRunResult = { ok: true; run: RunData } | { ok: false; error: string };

/** Thrown inside this module with a message naming the file; readSavedRun turns it into { ok: false }. */
export class SavedRunProblem extends Error {}

/**
 * Reads a run directory back into the RunData its reports are drawn from. Never throws for bad files: the error
 * names the file (under `shownAs`, the directory as the user typed it) and what is wrong with it.
 */
export function readSavedRun(dir: string, shownAs: string = dir, options: { messageTrace?: boolean } = {}): SavedRunResult {
  if (!existsSync(dir)) return { ok: false, error: `${shownAs}: no such directory` };
  if (!statSync(dir).isDirectory()) return { ok: false, error: `${shownAs} is not a directory` };
  if (!existsSync(join(dir, RUN_DATA_FILES.summary))) {
    return { ok: false, error: `${shownAs} is not an sqs-sim run directory (it has no ${RUN_DATA_FILES.summary})` };
  }
  const shown = (name: string): string => join(shownAs, name);
  try {
    const read = (name: string): string => readText(join(dir, name), shown(name));
    // messages.csv only where it is drawn (the run's own report): a comparison never reads it.
    const optional = (name: string): string | null => (options.messageTrace === true && existsSync(join(dir, name)) ? read(name) : null);
    return { ok: true, run: runFromDataFiles(read, shown, optional) };
  } catch (error) {
    if (error instanceof SavedRunProblem) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * The RunData a run's data files hold, from their texts (`text(name)`; `shown(name)` names a file in messages); throws
 * SavedRunProblem for a bad file. What `sqs-sim report` draws from, and what a command that writes the files and the
 * report together draws from too, so that its report is the one `report` would draw again.
 */
export function runFromDataFiles(
  text: (name: string) => string,
  shown: (name: string) => string,
  /** A file a run may or may not have written (messages.csv), or null. */
  optional: (name: string) => string | null = () => null,
): RunData {
  const summaryFile = shown("summary.json");
  const summary = objectWith<RunSummary>(parseJson(text("summary.json"), summaryFile), SUMMARY_KEYS, summaryFile);
  if (typeof summary.seed !== "number") throw new SavedRunProblem(`${summaryFile}: seed is not a number`);
  const scenarioText = text("scenario.json");
  const scenario = scenarioForReport(parseJson(scenarioText, shown("scenario.json")), shown("scenario.json"));
  const context = reportContext(scenario, summary.seed, scenarioText);
  const histogramsFile = shown("latency-histograms.json");
  const histograms = objectWith<RunData["histograms"]>(parseJson(text("latency-histograms.json"), histogramsFile), ["queueWait", "endToEnd"], histogramsFile);
  checkHistogram(histograms.queueWait, `${histogramsFile}: queueWait`);
  checkHistogram(histograms.endToEnd, `${histogramsFile}: endToEnd`);
  const series = seriesFromCsv(text("timeseries.csv"), context.periodSeconds, shown("timeseries.csv"));
  checkSeries(series, context.durationSeconds, shown("timeseries.csv"));
  const messages = optional(MESSAGE_TRACE_FILE);
  return {
    summary,
    series,
    activities: activitiesFromCsv(text("activities.csv"), shown("activities.csv")),
    histograms,
    context,
    ...(messages === null ? {} : { messageTrace: messagesFromCsv(messages, shown(MESSAGE_TRACE_FILE)) }),
  };
}

/** A run's largest file, timeseries.csv, is written as one string: it cannot exceed V8's longest string. */
const MAX_RUN_FILE_BYTES = 512 * 1024 * 1024;

// Read with a bound, and never from a FIFO or a device put in a run's place (it would block or never end).
export function readText(file: string, shown: string): string {
  const read = readInputFile(file, MAX_RUN_FILE_BYTES);
  if ("text" in read) return read.text;
  if ("problem" in read) throw new SavedRunProblem(`${shown} ${read.problem}`);
  throw new SavedRunProblem(
    read.errorCode === "ENOENT"
      ? `${shown}: missing; the run directory is incomplete (run the scenario again to rewrite it)`
      : `${shown}: cannot read (${read.errorCode})`,
  );
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SavedRunProblem(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The value as T once it is an object holding every key in `keys` (a shallow check: the files are our own). */
export function objectWith<T>(value: unknown, keys: readonly string[], where: string): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SavedRunProblem(`${where}: expected a JSON object`);
  const missing = keys.filter((k) => !(k in value));
  if (missing.length > 0) throw new SavedRunProblem(`${where}: ${missing.join(", ")} missing`);
  return value as T;
}

function checkHistogram(h: SparseHistogram, where: string): void {
  objectWith<SparseHistogram>(h, ["count", "sumSeconds", "buckets"], where);
  if (!Array.isArray(h.buckets)) throw new SavedRunProblem(`${where}: buckets is not a list`);
}

/** scenario.json is itself a valid scenario file: checked with the scenario schema (its traces are not read). */
function scenarioForReport(value: unknown, file: string): ScenarioForReport {
  const parsed = ScenarioSchema.safeParse(upgradeSavedScenario(value));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
  throw new SavedRunProblem(`${file}: not a valid scenario (${problems.join("; ")}${parsed.error.issues.length > 3 ? "; …" : ""})`);
}

/** The columns every chart reads must be there, and a row for every period: a file cut short is refused. */
function checkSeries(series: PeriodSeries, durationSeconds: number, file: string): void {
  const names = new Set(series.columns.map((c) => c.name));
  const missing = PERIOD_COLUMNS.map((c) => c.name).filter((n) => !names.has(n));
  if (missing.length > 0) throw new SavedRunProblem(`${file}: columns missing: ${missing.join(", ")}`);
  const expected = Math.ceil(durationSeconds / series.periodSeconds - 1e-9);
  const rows = series.values[0]?.length ?? 0;
  if (rows !== expected) {
    throw new SavedRunProblem(`${file}: ${rows} rows, where the run's duration and metric period make ${expected} (cut short?)`);
  }
}

/** Records of a CSV file whose first record is `header`-compatible: every record as long as the header. */
function csvTable(text: string, file: string): { header: string[]; rows: string[][]; lines: number[] } {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) throw new SavedRunProblem(`${file}: line ${parsed.line}: ${parsed.problem}`);
  const [header, ...rows] = parsed.records;
  if (header === undefined) throw new SavedRunProblem(`${file}: empty; expected a header line`);
  rows.forEach((row, r) => {
    if (row.length !== header.length) {
      throw new SavedRunProblem(`${file}: line ${parsed.lines[r + 1]}: ${row.length} fields where the header has ${header.length}`);
    }
  });
  return { header, rows, lines: parsed.lines.slice(1) };
}

/** A CSV number: the empty field is NaN (how timeseries.csv writes "no value"); anything else must parse. */
function csvNumber(field: string, file: string, line: number | undefined, column: string): number {
  if (field === "") return Number.NaN;
  const value = Number(field);
  if (!Number.isFinite(value)) throw new SavedRunProblem(`${file}: line ${line}: ${column}: ${JSON.stringify(field)} is not a number`);
  return value;
}

export function seriesFromCsv(text: string, periodSeconds: number, file: string): PeriodSeries {
  const { header, rows, lines } = csvTable(text, file);
  if (header[0] !== "time_s") throw new SavedRunProblem(`${file}: line 1: the first column is ${JSON.stringify(header[0])}, not time_s`);
  const values = header.map((name, c) => rows.map((row, r) => csvNumber(row[c]!, file, lines[r], name)));
  return { periodSeconds, columns: header.map(describeColumn), values };
}

const UNIT_SUFFIXES: [suffix: string, unit: string][] = [
  ["_s", "s"],
  ["_msgs", "messages"],
  ["_requests", "requests"],
  ["_bytes", "bytes"],
  ["_usd", "USD"],
  ["_state", "state"],
];

function describeColumn(name: string): SeriesColumn {
  const fixed = PERIOD_COLUMNS.find((c) => c.name === name);
  if (fixed !== undefined) return { ...fixed };
  const fleet = [...Object.values(FLEET_COLUMNS), ...Object.values(GROUP_COLUMNS)].find((c) => c.name === name);
  if (fleet !== undefined) return { ...fleet };
  const alarm = alarmColumnOf(name);
  if (alarm !== null) return alarm;
  // A column this version does not know (from another version): its unit from the name's suffix.
  const unit = UNIT_SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1] ?? "";
  return { name, unit, description: name };
}

const ACTIVITIES_HEADER = "time_s,kind,source,before,after,reason";

const MESSAGES_HEADER = "time_s,message,event,consumer,receipt,detail";

/** messages.csv (run --trace-messages) read back, each row checked. */
export function messagesFromCsv(text: string, file: string): TraceRow[] {
  const { header, rows, lines } = csvTable(text, file);
  if (header.join(",") !== MESSAGES_HEADER) throw new SavedRunProblem(`${file}: line 1: expected the header ${MESSAGES_HEADER}`);
  let lastS = 0;
  return rows.map(([time, message, event, consumer, receipt, detail], r) => {
    if (!(TRACE_EVENTS as readonly string[]).includes(event!)) {
      throw new SavedRunProblem(`${file}: line ${lines[r]}: event ${JSON.stringify(event)} is not one of ${TRACE_EVENTS.join(", ")}`);
    }
    const timeS = csvNumber(time!, file, lines[r], "time_s");
    const m = csvNumber(message!, file, lines[r], "message");
    if (Number.isNaN(timeS) || timeS < 0 || timeS < lastS) {
      throw new SavedRunProblem(`${file}: line ${lines[r]}: time_s ${JSON.stringify(time)} is not a time at or after the row before's (${lastS} s)`);
    }
    if (!Number.isInteger(m) || m < 1) throw new SavedRunProblem(`${file}: line ${lines[r]}: message ${JSON.stringify(message)} is not a whole number from 1`);
    lastS = timeS;
    return { timeS, message: m, event: event as TraceRow["event"], consumer: consumer!, receipt: receipt!, detail: detail! };
  });
}

export function activitiesFromCsv(text: string, file: string): Activity[] {
  const { header, rows, lines } = csvTable(text, file);
  if (header.join(",") !== ACTIVITIES_HEADER) throw new SavedRunProblem(`${file}: line 1: expected the header ${ACTIVITIES_HEADER}`);
  return rows.map(([time, kind, source, before, after, reason], r) => {
    if (kind !== "scaling" && kind !== "alarm") {
      throw new SavedRunProblem(`${file}: line ${lines[r]}: kind ${JSON.stringify(kind)} is neither scaling nor alarm`);
    }
    const timeS = csvNumber(time!, file, lines[r], "time_s");
    if (Number.isNaN(timeS)) throw new SavedRunProblem(`${file}: line ${lines[r]}: time_s is empty`);
    return { timeS, kind, source: source!, before: before!, after: after!, reason: reason! };
  });
}

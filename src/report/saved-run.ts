// A saved run read back from its directory, without simulating: what `sqs-sim report` and `sqs-sim compare` draw.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Activity } from "../metrics/activity-log.js";
import { type PeriodSeries, type SeriesColumn } from "../metrics/period-series.js";
import { type SparseHistogram } from "../metrics/sparse-histogram.js";
import { PERIOD_COLUMNS } from "../sim/period-sampler.js";
import { alarmOfColumn, alarmStateColumn, FLEET_COLUMNS } from "../sim/fleet-columns.js";
import { type RunSummary } from "../sim/result.js";
import { RUN_MARKER_FILE } from "./atomic-dir.js";
import { parseCsvRecords } from "./csv-records.js";
import { reportContext, type RunData, type ScenarioForReport } from "./run-data.js";

export type SavedRunResult = { ok: true; run: RunData } | { ok: false; error: string };

/** The parts of summary.json the report reads as objects. */
const SUMMARY_KEYS = ["messages", "requests", "latency", "consumers", "fleet", "cost"];

/** Thrown inside this module with a message naming the file; readSavedRun turns it into { ok: false }. */
class SavedRunProblem extends Error {}

/**
 * Reads a run directory back into the RunData its reports are drawn from. Never throws for bad files: the error
 * names the file (under `shownAs`, the directory as the user typed it) and what is wrong with it.
 */
export function readSavedRun(dir: string, shownAs: string = dir): SavedRunResult {
  if (!existsSync(dir)) return { ok: false, error: `${shownAs}: no such directory` };
  if (!statSync(dir).isDirectory()) return { ok: false, error: `${shownAs} is not a directory` };
  if (!existsSync(join(dir, RUN_MARKER_FILE))) {
    return { ok: false, error: `${shownAs} is not an sqs-sim run directory (it has no ${RUN_MARKER_FILE})` };
  }
  const shown = (name: string): string => join(shownAs, name);
  const text = (name: string): string => readText(join(dir, name), shown(name));
  try {
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
    return {
      ok: true,
      run: {
        summary,
        series: seriesFromCsv(text("timeseries.csv"), context.periodSeconds, shown("timeseries.csv")),
        activities: activitiesFromCsv(text("activities.csv"), shown("activities.csv")),
        histograms,
        context,
      },
    };
  } catch (error) {
    if (error instanceof SavedRunProblem) return { ok: false, error: error.message };
    throw error;
  }
}

function readText(file: string, shown: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SavedRunProblem(code === "ENOENT"
      ? `${shown}: missing; the run directory is incomplete (run the scenario again to rewrite it)`
      : `${shown}: cannot read (${code ?? String(error)})`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SavedRunProblem(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The value as T once it is an object holding every key in `keys` (a shallow check: the files are our own). */
function objectWith<T>(value: unknown, keys: readonly string[], where: string): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SavedRunProblem(`${where}: expected a JSON object`);
  const missing = keys.filter((k) => !(k in value));
  if (missing.length > 0) throw new SavedRunProblem(`${where}: ${missing.join(", ")} missing`);
  return value as T;
}

function checkHistogram(h: SparseHistogram, where: string): void {
  objectWith<SparseHistogram>(h, ["count", "sumSeconds", "buckets"], where);
  if (!Array.isArray(h.buckets)) throw new SavedRunProblem(`${where}: buckets is not a list`);
}

/** The scenario.json fields the reports read, checked; optional keys may be absent. */
function scenarioForReport(value: unknown, file: string): ScenarioForReport {
  const s = objectWith<ScenarioForReport>(value, ["name", "duration", "fleet", "metrics"], file);
  const fleet = objectWith<{ kind: unknown; policies?: unknown }>(s.fleet, ["kind"], `${file}: fleet`);
  const metrics = objectWith<{ period: unknown }>(s.metrics, ["period"], `${file}: metrics`);
  if (typeof s.name !== "string" || typeof s.duration !== "number" || typeof metrics.period !== "number" || typeof fleet.kind !== "string") {
    throw new SavedRunProblem(`${file}: name, duration, metrics.period or fleet.kind has the wrong type`);
  }
  // An Auto Scaling group written without policies has none (the scenario schema's default).
  return fleet.kind === "asg" && !Array.isArray(fleet.policies) ? { ...s, fleet: { ...s.fleet, policies: [] } as ScenarioForReport["fleet"] } : s;
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

function seriesFromCsv(text: string, periodSeconds: number, file: string): PeriodSeries {
  const { header, rows, lines } = csvTable(text, file);
  if (header[0] !== "time_s") throw new SavedRunProblem(`${file}: line 1: the first column is ${JSON.stringify(header[0])}, not time_s`);
  const values = header.map((name, c) => rows.map((row, r) => csvNumber(row[c]!, file, lines[r], name)));
  return { periodSeconds, columns: header.map(describeColumn), values };
}

const UNIT_SUFFIXES: [suffix: string, unit: string][] = [["_s", "s"], ["_msgs", "messages"], ["_requests", "requests"], ["_bytes", "bytes"], ["_usd", "USD"], ["_state", "state"]];

function describeColumn(name: string): SeriesColumn {
  const fixed = PERIOD_COLUMNS.find((c) => c.name === name);
  if (fixed !== undefined) return { ...fixed };
  const fleet = Object.values(FLEET_COLUMNS).find((c) => c.name === name);
  if (fleet !== undefined) return { ...fleet };
  const alarm = alarmOfColumn(name);
  if (alarm !== null) return alarmStateColumn(alarm);
  // A column this version does not know (from another version): its unit from the name's suffix.
  const unit = UNIT_SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1] ?? "";
  return { name, unit, description: name };
}

const ACTIVITIES_HEADER = "time_s,kind,source,before,after,reason";

function activitiesFromCsv(text: string, file: string): Activity[] {
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

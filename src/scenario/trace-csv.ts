// Traffic traces: a CSV of (time, count) rows turned into a piecewise-constant rate series. Row i's count is spread
// evenly over [t_i, t_{i+1}); the last row's interval is as long as the one before it.
import { csvRows } from "../engine/csv.js";
import { clip, quote } from "../engine/quote.js";
import { type TraceSeries } from "./schema.js";

export interface TraceCsvOptions {
  /** Header of the time column; default the first column. */
  timeColumn?: string | undefined;
  /** Header of the count column; default the second column. */
  countColumn?: string | undefined;
  /** Multiplies every count; default 1. */
  scale?: number | undefined;
}

export interface TraceProblem {
  /** 1-based line in the CSV, when the problem belongs to one line. */
  line?: number;
  /** Set when the problem is the named column rather than the file. */
  field?: "timeColumn" | "countColumn";
  message: string;
}

export type TraceCsvResult = { ok: true; series: TraceSeries } | { ok: false; problems: TraceProblem[] };

const MAX_PROBLEMS = 20;
// The file may be anything the scenario names (/etc/passwd): a message quotes a short excerpt of a field, never a
// whole line, and lists a few header names at most.
const EXCERPT = 24;
const HEADER_NAMES_SHOWN = 5;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// Date, optional time, optional zone. Times without a zone are read as UTC so results do not depend on the machine.
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseTraceCsv(text: string, options: TraceCsvOptions = {}): TraceCsvResult {
  const problems: TraceProblem[] = [];
  const rows = rowsOf(text);
  const first = rows.next();
  if (first.done === true) return { ok: false, problems: [{ message: "the file is empty; expected a header row and data rows" }] };
  const header = first.value;
  if ("problem" in header) return { ok: false, problems: [{ line: header.line, message: header.problem }] };

  const names = header.fields;
  const pick = (wanted: string | undefined, fallback: number, field: "timeColumn" | "countColumn") => {
    if (wanted === undefined) return fallback < names.length ? fallback : -1;
    const i = names.indexOf(wanted);
    if (i < 0) {
      problems.push({ line: header.line, field, message: `no column named ${quote(wanted, EXCERPT)}; the header has: ${headerNames(names)}` });
    }
    return i;
  };
  const ti = pick(options.timeColumn, 0, "timeColumn");
  const ci = pick(options.countColumn, 1, "countColumn");
  if (problems.length > 0) return { ok: false, problems };
  if (ti < 0 || ci < 0) {
    return {
      ok: false,
      problems: [{ line: header.line, message: `the header has ${names.length} column(s); a trace needs a time column and a count column` }],
    };
  }
  if (ti === ci)
    return { ok: false, problems: [{ line: header.line, message: `the time and count columns are the same column (${quote(names[ti] ?? "", EXCERPT)})` }] };

  let mode: "seconds" | "iso" | undefined;
  const times: number[] = [];
  const counts: number[] = [];
  const lineOf: number[] = [];
  let previous: { time: number; text: string } | undefined;
  let bad = 0;
  const report = (line: number, message: string) => {
    bad++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message });
  };
  for (const row of rows) {
    if ("problem" in row) {
      report(row.line, row.problem);
      break;
    }
    const { line, fields } = row;
    const timeText = fields[ti]?.trim();
    const countText = fields[ci]?.trim();
    if (timeText === undefined || timeText === "" || countText === undefined || countText === "") {
      report(line, `no value for column ${quote(names[timeText ? ci : ti] ?? "", EXCERPT)}`);
      continue;
    }
    // The first good row decides whether times are seconds or timestamps; mixing them is an error.
    const kind = mode ?? (NUMBER.test(timeText) ? "seconds" : "iso");
    const time = kind === "seconds" ? parseSeconds(timeText) : parseIsoSeconds(timeText, mode === "iso");
    if (typeof time === "string") {
      report(line, time);
      continue;
    }
    mode = kind;
    if (!NUMBER.test(countText)) {
      report(line, `count ${quote(countText, EXCERPT)} is not a number`);
      continue;
    }
    const count = Number(countText);
    if (!Number.isFinite(count)) {
      report(line, `count ${clip(countText, EXCERPT)} is too large to be a number`);
      continue;
    }
    if (count < 0) {
      report(line, `count ${clip(countText, EXCERPT)} is negative`);
      continue;
    }
    if (previous !== undefined && time <= previous.time) {
      report(line, `time ${clip(timeText, EXCERPT)} is not after the previous row's ${clip(previous.text, EXCERPT)}: times must increase`);
      continue;
    }
    previous = { time, text: timeText };
    times.push(time);
    counts.push(count);
    lineOf.push(line);
  }
  if (bad > MAX_PROBLEMS) problems.push({ message: `... and ${bad - MAX_PROBLEMS} more bad rows` });
  if (problems.length > 0) return { ok: false, problems };
  if (times.length < 2) {
    return {
      ok: false,
      problems: [{ message: `has ${times.length} data row(s); a trace needs at least 2 (the interval length comes from consecutive times)` }],
    };
  }
  const series = toSeries(times, counts, options.scale ?? 1);
  // Finite times and counts can still overflow: a span past the largest double, a count over a microsecond.
  const overflow = series.ratesPerS.findIndex((r, i) => !Number.isFinite(r) || !Number.isFinite(series.startsS[i] ?? 0));
  if (overflow >= 0 || !Number.isFinite(series.endS)) {
    const line = lineOf[overflow >= 0 ? overflow : lineOf.length - 1];
    return {
      ok: false,
      problems: [{ ...(line === undefined ? {} : { line }), message: "the rate (count × scale ÷ interval) or the time span is too large to be a number" }],
    };
  }
  return { ok: true, series };
}

// "a, b, c", or the first few and how many there are; each cut short.
function headerNames(names: readonly string[]): string {
  const shown = names
    .slice(0, HEADER_NAMES_SHOWN)
    .map((n) => clip(n, EXCERPT))
    .join(", ");
  return names.length > HEADER_NAMES_SHOWN ? `${shown}, … (${names.length} columns)` : shown;
}

function toSeries(times: number[], counts: number[], scale: number): TraceSeries {
  const t0 = times[0] ?? 0;
  const startsS: number[] = [];
  const ratesPerS: number[] = [];
  let length = 0;
  for (let i = 0; i < times.length; i++) {
    const start = (times[i] ?? 0) - t0;
    const next = times[i + 1];
    if (next !== undefined) length = next - (times[i] ?? 0);
    startsS.push(start);
    ratesPerS.push(((counts[i] ?? 0) * scale) / length);
  }
  return { startsS, ratesPerS, endS: (startsS[startsS.length - 1] ?? 0) + length };
}

function parseSeconds(text: string): number | string {
  if (!NUMBER.test(text)) return `time ${quote(text, EXCERPT)} is not a number (the first row's time is a number of seconds)`;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? seconds : `time ${clip(text, EXCERPT)} is too large to be a number`;
}

function parseIsoSeconds(text: string, established: boolean): number | string {
  const m = ISO.exec(text);
  const ms = m ? Date.parse(`${m[1] ?? ""}${m[2] ? `T${m[2]}${m[3] ?? "Z"}` : ""}`) : Number.NaN;
  if (!Number.isNaN(ms)) return ms / 1000;
  return established
    ? `time ${quote(text, EXCERPT)} is not an ISO-8601 timestamp (the first row's time is a timestamp)`
    : `time ${quote(text, EXCERPT)} is neither a number of seconds nor an ISO-8601 timestamp`;
}

// The non-empty records with the line each starts on and their fields trimmed, one at a time (RFC 4180, spaces
// allowed around quoted fields as a hand-written file has them); a syntax problem ends the rows with its line.
function* rowsOf(text: string): Generator<{ line: number; fields: string[] } | { line: number; problem: string }, void, undefined> {
  for (const row of csvRows(text, { spacesAroundQuotes: true })) {
    if ("problem" in row) {
      yield row;
      return;
    }
    const fields = row.fields.map((f) => f.trim());
    if (fields.length === 1 && fields[0] === "") continue; // a blank line
    yield { line: row.line, fields };
  }
}

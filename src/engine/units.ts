// Human units for durations (seconds) and sizes (bytes). Pure; imports only ./quote.js and ./duration-styles.js.
// Scenario files say "30s" and "256KiB"; the model works in plain numbers, and error messages turn the numbers
// back into the same human forms. formatDuration is the project's one duration formatter.

import { countdownText, periodText, roundedText, significantText } from "./duration-styles.js";
import { clip, quote } from "./quote.js";

/** Thrown when a text is not a duration or a size. The message is ready to show to a user. */
export class UnitError extends Error {
  override name = "UnitError";
}

const DURATION_UNITS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001 };
const DURATION_ORDER = ["d", "h", "m", "s", "ms"];
const DURATION_HINT = "write e.g. 250ms, 30s, 5m, 6h, 4d";

// Common spellings we refuse (one unit per length keeps formatting unambiguous) but can point at.
const DURATION_ALIASES: Record<string, string> = {
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  day: "d",
  days: "d",
  msec: "ms",
  msecs: "ms",
  millis: "ms",
  millisecond: "ms",
  milliseconds: "ms",
};

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const DURATION_PART = new RegExp(String.raw`(${NUMBER})\s*([a-zA-Z]+)`, "y");

/** The string form the parser accepts, for a JSON Schema `pattern` (compound forms included). */
export const DURATION_PATTERN = String.raw`^\s*(?:${NUMBER}\s*(?:ms|s|m|h|d)\s*)+$|^\s*${NUMBER}\s*$`;
export const SIZE_PATTERN = String.raw`^\s*${NUMBER}\s*(?:[Bb]|[KkMmGg][Ii]?[Bb])?\s*$`;

/**
 * Seconds from "250ms", "30s", "5m", "6h", "4d", compounds such as "2m30s" (largest unit first), or a bare number
 * (already seconds). Negative values are refused: no duration in a scenario can be negative.
 */
export function parseDuration(text: string | number): number {
  if (typeof text === "number") {
    if (!Number.isFinite(text)) throw new UnitError(`${text} is not a duration; ${DURATION_HINT}`);
    if (text < 0) throw new UnitError(`${text} is negative; a duration cannot be negative`);
    return text;
  }
  const src = text.trim();
  if (src === "") throw new UnitError(`${quote(text)} is not a duration; ${DURATION_HINT}`);
  if (/^-/.test(src)) throw new UnitError(`${quote(text)} is negative; a duration cannot be negative`);
  if (new RegExp(`^${NUMBER}$`).test(src)) return finiteDuration(Number(src), text);
  let total = 0;
  let pos = 0;
  let lastRank = -1;
  while (pos < src.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(src);
    if (!m) throw new UnitError(`${quote(text)} is not a duration; ${DURATION_HINT}`);
    const value = Number(m[1]);
    const unit = m[2] ?? "";
    const rank = DURATION_ORDER.indexOf(unit);
    if (rank < 0) {
      const alias = ownValue(DURATION_ALIASES, unit.toLowerCase());
      const hint = alias ? ` (did you mean ${clip(m[1] ?? "")}${alias}?)` : "";
      throw new UnitError(`${quote(text)} is not a duration${hint}; ${DURATION_HINT}`);
    }
    if (rank <= lastRank) {
      throw new UnitError(`${quote(text)} is not a duration: write compound parts largest unit first, each once (e.g. 1h30m)`);
    }
    lastRank = rank;
    total += value * (DURATION_UNITS[unit] ?? 0);
    pos = DURATION_PART.lastIndex;
    while (src[pos] === " ") pos++;
  }
  return finiteDuration(roundFloat(total), text);
}

// A digit string of 309 or more digits (or a compound whose parts add up past ~1.8e308) reads as Infinity, which
// would pass every "at least" check and end up as null in scenario.json.
function finiteDuration(seconds: number, text: string): number {
  if (!Number.isFinite(seconds)) throw new UnitError(`${quote(text)} is too large to be a duration`);
  return seconds;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
};
const SIZE_HINT = "write e.g. 512B, 64KiB, 1MiB (KiB/MiB/GiB are 1024-based; KB/MB/GB are 1000-based)";

/**
 * Bytes from "512B", "64KiB", "1MiB", "1GiB" (1024-based, as AWS quotes SQS limits: aws-behaviour 1.10),
 * "KB"/"MB"/"GB" (1000-based, SI), or a bare number (already bytes). Units are case-insensitive.
 * The result must be a whole number of bytes.
 */
export function parseSize(text: string | number): number {
  let bytes: number;
  if (typeof text === "number") {
    if (!Number.isFinite(text)) throw new UnitError(`${text} is not a size; ${SIZE_HINT}`);
    bytes = text;
  } else {
    const m = new RegExp(String.raw`^(-?${NUMBER})\s*([a-zA-Z]*)$`).exec(text.trim());
    const factor = m ? ownValue(SIZE_UNITS, (m[2] || "b").toLowerCase()) : undefined;
    if (!m || factor === undefined) throw new UnitError(`${quote(text)} is not a size; ${SIZE_HINT}`);
    bytes = roundFloat(Number(m[1]) * factor);
    if (!Number.isFinite(bytes)) throw new UnitError(`${quote(text)} is too large to be a size`);
  }
  const shown = typeof text === "number" ? String(text) : quote(text);
  if (bytes < 0) throw new UnitError(`${shown} is negative; a size cannot be negative`);
  if (!Number.isInteger(bytes)) throw new UnitError(`${shown} is ${bytes} bytes; a size must be a whole number of bytes`);
  return bytes;
}

/**
 * How formatDuration writes a number of seconds. The styles differ on purpose, each for its readers:
 * - "exact" (the default): the scenario file's own notation, the shortest exact form, which reads back through
 *   parseDuration to the same number: 5400 → "90m", 0.25 → "250ms", 150 → "150s", 86400 → "1d". For messages
 *   about a scenario's values.
 * - "seconds": exact seconds with thousands separators: 43200 → "43,200 s". For limits beside an "exact" form.
 * - "rounded": two or three figures in a unit that keeps them small: 0.4213 → "421 ms", 5400 → "90.0 min",
 *   9000 → "2.5 h". The run summary, reports, charts' labels and the progress bar.
 * - "significant": four significant digits: 134.16 → "2.236 min", 5400 → "1.5 h", 4e-7 → "< 1 µs". explain's
 *   formulas, where a figure is worked through.
 * - "period": a whole number of the largest unit that divides it: 60 → "1 min", 5400 → "90 min", 90 → "90 s".
 *   A metric period in a chart's labels.
 * - "countdown": whole seconds and minutes: 185 → "3 min 05 s", 4800 → "1 h 20 min", 0.4 → "<1 s". An ETA.
 */
export type DurationStyle = "exact" | "seconds" | "rounded" | "significant" | "period" | "countdown";

/** A number of seconds as text, in one of the styles above ("exact" unless told). */
export function formatDuration(seconds: number, style: DurationStyle = "exact"): string {
  switch (style) {
    case "exact":
      return exactDuration(seconds);
    case "seconds":
      return `${groupThousands(seconds)} s`;
    case "rounded":
      return roundedText(seconds);
    case "significant":
      return significantText(seconds);
    case "period":
      return periodText(seconds);
    case "countdown":
      return countdownText(seconds);
  }
}

function exactDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `-${exactDuration(-seconds)}`;
  if (seconds === 0) return "0s";
  return shortestForm(
    seconds,
    DURATION_ORDER.map((u) => [u, DURATION_UNITS[u] ?? 1] as const),
    compoundDuration,
  );
}

/** "256KiB", "1MiB", "1000B": the shortest exact form with binary units. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  if (bytes === 0) return "0B";
  const units = [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
    ["B", 1],
  ] as const;
  return shortestForm(bytes, units, () => undefined);
}

/**
 * A size limit as one would write it: "4GiB" when a binary unit fits, else "250MB (250,000,000 B)" (decimal units
 * read back as written), else "123,456,789 B". formatSize alone gives "250000000B" for 250MB.
 */
export function formatSizeLimit(bytes: number): string {
  const binary = formatSize(bytes);
  if (/^\d+(?:\.\d{1,2})?[KMG]iB$/.test(binary)) return binary;
  const decimal = shortestForm(
    bytes,
    [
      ["GB", 1e9],
      ["MB", 1e6],
      ["KB", 1e3],
    ],
    () => undefined,
  );
  return /^\d+[KMG]B$/.test(decimal) ? `${decimal} (${formatBytes(bytes)})` : formatBytes(bytes);
}

/** "1,048,576 B": exact bytes with thousands separators, for limit messages. */
export function formatBytes(bytes: number): string {
  return `${groupThousands(bytes)} B`;
}

/** 43200 → "43,200"; 1234.5 → "1,234.5". Locale-independent so messages are the same on every machine. */
export function groupThousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Whole numbers are exact as they are (12 significant digits would turn 9,007,199,254,740,991 into …,000).
  const [int = "", frac] = String(Number.isSafeInteger(n) ? Math.abs(n) : roundFloat(Math.abs(n))).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

// Candidate forms: the value in each single unit (up to 3 decimals, exact), plus an optional compound. The
// shortest wins, counting a decimal point as one extra character (so 0.25 → "250ms" but 1.5 → "1.5s"); ties go to
// the whole-number form, then to the larger unit. Falls back to the smallest unit rounded to 3 decimals.
function shortestForm(value: number, units: readonly (readonly [string, number])[], compound: (value: number) => string | undefined): string {
  const candidates: string[] = [];
  for (const [unit, size] of units) {
    const n = value / size;
    const rounded = roundFloat(Math.round(n * 1000) / 1000);
    if (Math.abs(rounded - n) <= 1e-9 * Math.max(1, Math.abs(n))) candidates.push(`${rounded}${unit}`);
  }
  const c = compound(value);
  if (c !== undefined) candidates.push(c);
  const score = (t: string): number => t.length * 2 + (t.includes(".") ? 3 : 0);
  let best: string | undefined;
  for (const t of candidates) if (best === undefined || score(t) < score(best)) best = t;
  if (best !== undefined) return best;
  const [unit, size] = units[units.length - 1] ?? ["", 1];
  return `${roundFloat(Math.round((value / size) * 1000) / 1000)}${unit}`;
}

function compoundDuration(seconds: number): string | undefined {
  let ms = Math.round(seconds * 1000);
  if (Math.abs(ms / 1000 - seconds) > 1e-9 * Math.max(1, seconds)) return undefined;
  let out = "";
  for (const unit of DURATION_ORDER) {
    const unitMs = Math.round((DURATION_UNITS[unit] ?? 1) * 1000);
    const n = Math.floor(ms / unitMs);
    if (n > 0) out += `${n}${unit}`;
    ms -= n * unitMs;
  }
  return out;
}

// The unit tables are plain objects: a unit typed as "constructor" must not find Object.prototype's.
function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

// Strips binary floating-point noise (0.1 * 3 → 0.3) so that parsed values compare equal to what was written.
function roundFloat(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** "61 GB", "350 MB", "12 kB": decimal units, two significant figures (an estimate, not an exact size). */
export function bytesText(bytes: number): string {
  if (!Number.isFinite(bytes)) return "more than can be counted";
  const units: [number, string][] = [
    [1e12, "TB"],
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "kB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toPrecision(2))} ${unit}`;
  }
  return `${Math.round(bytes)} B`;
}

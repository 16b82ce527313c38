// Loading a scenario: text → raw object (YAML or JSON) → --set / --seed → schema → traces. Bad input never throws:
// it comes back as one line per problem, "<file>: <dotted.path>: <message>", all of them at once.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import path from "node:path";
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { formatBytes, formatSize, formatSizeLimit, groupThousands } from "../engine/units.js";
import { bytesText } from "../sim/estimate-terms.js";
import { BASE_BYTES, TRACE_ROW_BYTES } from "../sim/memory-estimate.js";
import { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_YAML } from "./default-scenario.js";
import { dotted, errorMap, fieldErrors, formatFieldError } from "./errors.js";
import { describeValue } from "./fields.js";
import { resolvedScenarioText } from "./output.js";
import { applySets, type SetsResult } from "./overrides.js";
import { ScenarioSchema, type Scenario } from "./schema.js";
import { parseRaw } from "./raw-text.js";
import { parseTraceCsv } from "./trace-csv.js";

export interface LoadOptions {
  /** `path=value` overrides, applied to the raw file content before validation. */
  sets?: readonly string[] | undefined;
  /** Replaces the file's `seed` (validated like it). */
  seed?: number | undefined;
}

export type LoadResult =
  | { ok: true; scenario: Scenario; resolvedText: string }
  | { ok: false; errors: string[] };

const EXTENSIONS: Record<string, "yaml" | "json"> = { ".yaml": "yaml", ".yml": "yaml", ".json": "json" };

/** Reads a .yaml/.yml/.json scenario; trace files are resolved relative to it. */
export function loadScenarioFile(file: string, options: LoadOptions = {}): LoadResult {
  if (EXTENSIONS[path.extname(file).toLowerCase()] === undefined) {
    return { ok: false, errors: [`${file}: unknown file type; a scenario file ends in .yaml, .yml or .json`] };
  }
  const read = readInputFile(file);
  if ("errorCode" in read) return { ok: false, errors: [`${file}: cannot read file (${read.errorCode})`] };
  if ("problem" in read) return { ok: false, errors: [`${file}: the file ${read.problem}`] };
  return parseScenarioText(read.text, file, path.dirname(file), options);
}

/**
 * The most bytes of a scenario or trace file read. The largest shipped trace (../shared/traces/nasa-kennedy-1995-07-
 * per-minute.csv, a month of per-minute counts) is 1.2 MB, a scenario a few KB: 64 MiB leaves a wide margin and
 * still stops /dev/zero, or a file that keeps growing, before it fills memory.
 */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

export type InputFile = { text: string } | { errorCode: string } | { problem: string };

/**
 * Reads a regular file of at most `limit` bytes as UTF-8. Opened without blocking (a FIFO would wait for a writer
 * forever), checked with fstat on the open file (not a path that can change in between), and read with a bound
 * (a file that grows, or reports a size it does not have, is still refused at limit + 1 bytes).
 */
export function readInputFile(file: string, limit = MAX_INPUT_FILE_BYTES): InputFile {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { errorCode: errorCode(e) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: `is ${fileKind(stats)}, not a regular file` };
    const tooLarge = `is larger than the limit of ${formatSize(limit)} (${formatBytes(limit)})`;
    if (stats.size > limit) return { problem: tooLarge };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return { problem: tooLarge };
    }
    return { text: Buffer.concat(chunks, total).toString("utf8") };
  } catch (e) {
    return { errorCode: errorCode(e) };
  } finally {
    closeSync(fd);
  }
}

function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/** The embedded default scenario, with the same options as a file; a trace a --set names is read from `baseDir`
 *  (the working directory the command runs in). */
export function loadDefaultScenario(options: LoadOptions = {}, baseDir: string = process.cwd()): LoadResult {
  return parseScenarioText(DEFAULT_SCENARIO_YAML, DEFAULT_SCENARIO_SOURCE, baseDir, options);
}

/** Parses scenario text held in memory; JSON when `sourceName` ends in .json, YAML otherwise. */
export function parseScenarioText(text: string, sourceName: string, baseDir: string, options: LoadOptions = {}): LoadResult {
  const format = EXTENSIONS[path.extname(sourceName).toLowerCase()] ?? "yaml";
  const raw = parseRaw(text, sourceName, format);
  if (!raw.ok) return raw;

  let root = raw.value;
  const sets = applySets(root, options.sets ?? []);
  if (sets.errors.length > 0) return { ok: false, errors: sets.errors };
  if (options.sets?.length) root = sets.value;
  if (root === null || root === undefined) {
    if (options.seed === undefined) {
      return { ok: false, errors: [`${sourceName}: the file is empty; a scenario needs at least name, duration and producers`] };
    }
    root = {};
  }
  if (typeof root !== "object" || Array.isArray(root)) {
    return { ok: false, errors: [`${sourceName}: expected a mapping (name, duration, producers, ...) at the top level, got ${describeValue(root)}`] };
  }
  if (options.seed !== undefined) root = { ...root, seed: options.seed };

  const parsed = ScenarioSchema.safeParse(root, { error: errorMap });
  if (!parsed.success) {
    const setAt = lastSetAt(sets.applied);
    return {
      ok: false,
      errors: fieldErrors(parsed.error.issues).map((e) => {
        const line = formatFieldError(sourceName, e);
        const set = setAt(e.path);
        return set !== undefined ? `${line} (from --set ${clip(set, FLAG_LIMIT)})` : line;
      }),
    };
  }
  const scenario = parsed.data;
  const traceErrors = attachTraces(scenario, sourceName, baseDir);
  if (traceErrors.length > 0) return { ok: false, errors: traceErrors };
  return { ok: true, scenario, resolvedText: resolvedScenarioText(scenario, baseDir) };
}

// Reads every trace the scenario names and attaches its series; problems name the scenario field and the CSV line.
function attachTraces(scenario: Scenario, source: string, baseDir: string): string[] {
  const errors: string[] = [];
  let rowsBefore = 0;
  scenario.producers.forEach((producer, i) => {
    producer.traffic.forEach((shape, j) => {
      if (!("trace" in shape)) return;
      const trace = shape.trace;
      const at = `producers.${i}.traffic.${j}.trace`;
      const file = clip(trace.file);
      const read = readInputFile(path.resolve(baseDir, trace.file));
      if ("errorCode" in read) {
        errors.push(`${source}: ${at}.file: cannot read ${file} (${read.errorCode})`);
        return;
      }
      if ("problem" in read) {
        errors.push(`${source}: ${at}.file: ${file} ${read.problem}`);
        return;
      }
      // Parsing takes memory in proportion to the rows, before preflight can weigh it: refused here first.
      const tooLarge = traceMemoryProblem(read.text, rowsBefore, scenario.limits.maxMemory);
      if (tooLarge !== undefined) {
        errors.push(`${source}: ${at}.file: ${file} ${tooLarge}`);
        return;
      }
      const result = parseTraceCsv(read.text, trace);
      if (!result.ok) {
        for (const p of result.problems) {
          errors.push(`${source}: ${at}.${p.field ?? "file"}: ${file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
        }
        return;
      }
      trace.series = result.series;
      rowsBefore += result.series.startsS.length;
    });
  });
  return errors;
}

/**
 * Whether reading a trace of this text, after traces of rowsBefore rows, fits in limits.maxMemory: each line may be a
 * row, costing TRACE_ROW_BYTES to read and to replay (preflight's estimate counts the same), besides Node itself.
 */
function traceMemoryProblem(text: string, rowsBefore: number, maxMemory: number): string | undefined {
  let lines = text.length > 0 && !text.endsWith("\n") ? 1 : 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  const bytes = BASE_BYTES + (rowsBefore + lines) * TRACE_ROW_BYTES;
  if (bytes <= maxMemory) return undefined;
  const before = rowsBefore > 0 ? ` with the ${groupThousands(rowsBefore)} rows of the traces before it` : "";
  return `has ${groupThousands(lines)} lines, which would take about ${bytesText(bytes)} to read and replay${before} ` +
    `(${bytesText(TRACE_ROW_BYTES)} a row, besides Node itself), above limits.maxMemory of ${formatSizeLimit(maxMemory)}; ` +
    "raise limits.maxMemory if the machine has it, or use a shorter trace";
}

/**
 * The --set a problem at `path` comes from: the last one applied at the path or at a part of it. Indexed once, so
 * thousands of --set flags with a problem each cost flags × depth, not flags².
 */
function lastSetAt(applied: SetsResult["applied"]): (path: readonly PropertyKey[]) => string | undefined {
  const byPath = new Map<string, { text: string; order: number }>();
  applied.forEach((a, order) => byPath.set(dotted(a.path), { text: a.text, order }));
  return (path) => {
    let found: { text: string; order: number } | undefined;
    for (let n = 1; n <= path.length; n++) {
      const set = byPath.get(dotted(path.slice(0, n)));
      if (set !== undefined && (found === undefined || set.order > found.order)) found = set;
    }
    return found?.text;
  };
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : e instanceof Error ? e.message : String(e);
}

// Loading a scenario from disk: reads the file and the traces it names, and validates the text (validate-text.ts).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import path from "node:path";
import { formatBytes, formatSize } from "../engine/units.js";
import { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_YAML } from "./default-scenario.js";
import {
  type InputFile,
  type InputResult,
  type LoadOptions,
  type LoadResult,
  scenarioFormat,
  singleQueueOnly,
  type TraceFiles,
  validateInputText,
} from "./validate-text.js";

export type { InputFile, InputResult, LoadOptions, LoadResult } from "./validate-text.js";

/** Reads a .yaml/.yml/.json scenario in the single-queue format; trace files are resolved relative to it. */
export function loadScenarioFile(file: string, options: LoadOptions = {}): LoadResult {
  return singleQueueOnly(loadInputFile(file, { ...options, singleQueueOnly: true }), file);
}

/** Reads a .yaml/.yml/.json scenario in either format; trace files are resolved relative to it. */
export function loadInputFile(file: string, options: LoadOptions & { singleQueueOnly?: boolean } = {}): InputResult {
  if (scenarioFormat(file) === undefined) {
    return { ok: false, errors: [`${file}: unknown file type; a scenario file ends in .yaml, .yml or .json`] };
  }
  const read = readInputFile(file);
  if ("errorCode" in read) return { ok: false, errors: [`${file}: cannot read file (${read.errorCode})`] };
  if ("problem" in read) return { ok: false, errors: [`${file}: the file ${read.problem}`] };
  return parseInputText(read.text, file, path.dirname(file), options);
}

/** Parses single-queue scenario text held in memory, reading the traces it names from disk, relative to `baseDir`. */
export function parseScenarioText(text: string, sourceName: string, baseDir: string, options: LoadOptions = {}): LoadResult {
  return singleQueueOnly(parseInputText(text, sourceName, baseDir, { ...options, singleQueueOnly: true }), sourceName);
}

/** Parses scenario text in either format held in memory, reading the traces it names from disk, relative to `baseDir`. */
export function parseInputText(text: string, sourceName: string, baseDir: string, options: LoadOptions & { singleQueueOnly?: boolean } = {}): InputResult {
  return validateInputText(text, sourceName, { ...options, traces: traceFilesIn(baseDir) });
}

/** Trace files read from disk relative to `baseDir`, and written in the resolved scenario as absolute paths. */
export function traceFilesIn(baseDir: string): TraceFiles {
  const resolve = (file: string) => path.resolve(baseDir, file);
  return { read: (file) => readInputFile(resolve(file)), resolve };
}

/**
 * The most bytes of a scenario or trace file read. The largest shipped trace (../shared/traces/nasa-kennedy-1995-07-
 * per-minute.csv, a month of per-minute counts) is 1.2 MB, a scenario a few KB: 64 MiB leaves a wide margin and
 * still stops /dev/zero, or a file that keeps growing, before it fills memory.
 */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

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

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : e instanceof Error ? e.message : String(e);
}

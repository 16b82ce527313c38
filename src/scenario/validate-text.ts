// Validating a scenario held in memory: text → raw object (YAML or JSON) → --set / --seed → schema → traces. Bad input
// never throws: it comes back as one line per problem, "<file>: <dotted.path>: <message>", all of them at once. Pure
// (no file system, runs in a browser): the caller hands in the trace files; load.ts reads them from disk.
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { formatSizeLimit, groupThousands } from "../engine/units.js";
import { bytesText } from "../engine/units.js";
import { BASE_BYTES, TRACE_ROW_BYTES } from "./memory-sizes.js";
import { dotted, errorMap, fieldErrors, formatFieldError } from "./errors.js";
import { describeValue } from "./fields.js";
import { resolvedScenarioText } from "./output.js";
import { applySets, type SetsResult } from "./overrides.js";
import { ScenarioSchema, type Scenario } from "./schema.js";
import { type Architecture, ArchitectureSchema, isArchitectureInput, SINGLE_FORM_KEYS } from "./architecture-schema.js";
import { namedPath, namedPathsIn } from "./named-path.js";
import { resolvedArchitectureText } from "./architecture-output.js";
import { parseRaw } from "./raw-text.js";
import { parseTraceCsv } from "./trace-csv.js";

export interface LoadOptions {
  /** `path=value` overrides, applied to the raw file content before validation. */
  sets?: readonly string[] | undefined;
  /** Replaces the file's `seed` (validated like it). */
  seed?: number | undefined;
}

/** A valid scenario in the single-queue format (one queue, its consumers and fleet). */
export type LoadResult = { ok: true; scenario: Scenario; resolvedText: string } | { ok: false; errors: string[] };

/**
 * A valid scenario in either format: the single-queue format (`scenario`) or the architecture format (`architecture`:
 * topics, named queues and pools, emit), told apart by its keys (isArchitectureInput).
 */
export type InputResult =
  | { ok: true; scenario: Scenario; architecture?: undefined; resolvedText: string }
  | { ok: true; architecture: Architecture; scenario?: undefined; resolvedText: string }
  | { ok: false; errors: string[] };

/** The commands that take the architecture format so far (the others say so when given one). */
export const ARCHITECTURE_COMMANDS = "run, validate, report, explain, sweep and compare";

/** A single-queue scenario, or one line saying the command does not take the architecture format yet. */
export function singleQueueOnly(result: InputResult, sourceName: string): LoadResult {
  if (!result.ok || result.scenario !== undefined) return result as LoadResult;
  return { ok: false, errors: [notTakenHere(sourceName)] };
}

function notTakenHere(sourceName: string): string {
  return `${sourceName}: this command does not take the architecture format (topics, queues: [...], consumers: [...]) yet; ${ARCHITECTURE_COMMANDS} do`;
}

/** A file's text, or why it could not be read: an error code (ENOENT, ...) or a problem ("is a directory, not ..."). */
export type InputFile = { text: string } | { errorCode: string } | { problem: string };

/** Where a scenario's trace files come from: a file system on Node, uploaded files in a browser. */
export interface TraceFiles {
  /** The text of the trace file a scenario names (as written in trace.file). */
  read(file: string): InputFile;
  /** The name written for it in the resolved scenario (on Node, the absolute path); as written when absent. */
  resolve?: ((file: string) => string) | undefined;
}

export interface ValidateOptions extends LoadOptions {
  traces?: TraceFiles | undefined;
  /** Refuse the architecture format with one line, before checking it (for commands that do not take it yet). */
  singleQueueOnly?: boolean | undefined;
}

const EXTENSIONS: Record<string, "yaml" | "json"> = { ".yaml": "yaml", ".yml": "yaml", ".json": "json" };

/** "yaml" or "json" by the file name's extension (any case); undefined for any other extension. */
export function scenarioFormat(file: string): "yaml" | "json" | undefined {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  // As path.extname: a leading dot (".yaml") names a hidden file, not an extension.
  return dot > 0 ? EXTENSIONS[base.slice(dot).toLowerCase()] : undefined;
}

/**
 * Validates single-queue scenario text held in memory (validateInputText, refusing the architecture format). Pure.
 */
export function validateScenarioText(text: string, sourceName: string, options: ValidateOptions = {}): LoadResult {
  return singleQueueOnly(validateInputText(text, sourceName, { ...options, singleQueueOnly: true }), sourceName);
}

/**
 * Validates scenario text held in memory, in either format; JSON when `sourceName` ends in .json, YAML otherwise. Pure:
 * the trace files a scenario names come from `options.traces` (without it, a scenario that names a trace is refused,
 * naming the field).
 */
export function validateInputText(text: string, sourceName: string, options: ValidateOptions = {}): InputResult {
  const format = scenarioFormat(sourceName) ?? "yaml";
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

  if (isArchitectureInput(root)) {
    if (options.singleQueueOnly) return { ok: false, errors: [notTakenHere(sourceName)] };
    return validateArchitecture(root as object, sourceName, sets, options.traces);
  }
  const parsed = ScenarioSchema.safeParse(root, { error: errorMap });
  if (!parsed.success) return { ok: false, errors: problemLines(parsed.error.issues, sourceName, sets, (path) => path) };
  const scenario = parsed.data;
  const traceErrors = attachTraces(scenario, sourceName, options.traces);
  if (traceErrors.length > 0) return { ok: false, errors: traceErrors };
  return { ok: true, scenario, resolvedText: resolvedScenarioText(scenario, options.traces?.resolve) };
}

/** One line per problem, naming the --set it comes from; `show` gives the path as the message names it. */
function problemLines(issues: Parameters<typeof fieldErrors>[0], sourceName: string, sets: SetsResult, show: (path: PropertyKey[]) => PropertyKey[]): string[] {
  const setAt = lastSetAt(sets.applied);
  return fieldErrors(issues).map((e) => {
    const line = formatFieldError(sourceName, { ...e, path: show(e.path) });
    const set = setAt(e.path);
    return set !== undefined ? `${line} (from --set ${clip(set, FLAG_LIMIT)})` : line;
  });
}

/** The architecture format: its own schema; problems name list entries by their names (queues.billing.delay). */
function validateArchitecture(root: object, sourceName: string, sets: SetsResult, traces: TraceFiles | undefined): InputResult {
  const misplaced = Object.keys(SINGLE_FORM_KEYS).filter((key) => Object.hasOwn(root, key));
  if (misplaced.length > 0) {
    const setAt = lastSetAt(sets.applied);
    return {
      ok: false,
      errors: misplaced.map((key) => {
        const set = setAt([key]);
        return `${sourceName}: ${key}: ${SINGLE_FORM_KEYS[key]}` + (set !== undefined ? ` (from --set ${clip(set, FLAG_LIMIT)})` : "");
      }),
    };
  }
  const parsed = ArchitectureSchema.safeParse(root, { error: errorMap });
  if (!parsed.success) {
    // Paths inside a message (`queues.0.type`) are named too, as the line's own path is.
    const issues = parsed.error.issues.map((i) => ({ ...i, message: namedPathsIn(root, i.message) }));
    return { ok: false, errors: problemLines(issues, sourceName, sets, (path) => namedPath(root, path)) };
  }
  const architecture = parsed.data;
  const traceErrors = attachTraces(architecture, sourceName, traces, (path) => namedPath(root, path));
  if (traceErrors.length > 0) return { ok: false, errors: traceErrors };
  return { ok: true, architecture, resolvedText: resolvedArchitectureText(architecture, traces?.resolve) };
}

// Reads every trace the scenario names and attaches its series; problems name the scenario field and the CSV line.
function attachTraces(
  scenario: Pick<Scenario, "producers" | "limits">,
  source: string,
  traces: TraceFiles | undefined,
  show: (path: PropertyKey[]) => PropertyKey[] = (path) => path,
): string[] {
  const errors: string[] = [];
  let rowsBefore = 0;
  scenario.producers.forEach((producer, i) => {
    producer.traffic.forEach((shape, j) => {
      if (!("trace" in shape)) return;
      const trace = shape.trace;
      const at = dotted(show(["producers", i, "traffic", j, "trace"]));
      const file = clip(trace.file);
      const read = traces?.read(trace.file) ?? { errorCode: "no trace files given to read it from" };
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
  return (
    `has ${groupThousands(lines)} lines, which would take about ${bytesText(bytes)} to read and replay${before} ` +
    `(${bytesText(TRACE_ROW_BYTES)} a row, besides Node itself), above limits.maxMemory of ${formatSizeLimit(maxMemory)}; ` +
    "raise limits.maxMemory if the machine has it, or use a shorter trace"
  );
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

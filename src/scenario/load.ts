// Loading a scenario: text → raw object (YAML or JSON) → --set / --seed → schema → traces. Bad input never throws:
// it comes back as one line per problem, "<file>: <dotted.path>: <message>", all of them at once.
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_YAML } from "./default-scenario.js";
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { dotted, errorMap, fieldErrors, formatFieldError, shownPath } from "./errors.js";
import { describeValue } from "./fields.js";
import { jsonShapeProblems } from "./json-scan.js";
import { MAX_NESTING, TOO_DEEP, tooDeepAt } from "./nesting.js";
import { resolvedScenarioText } from "./output.js";
import { applySets, type SetsResult } from "./overrides.js";
import { ScenarioSchema, type Scenario } from "./schema.js";
import { parseTraceCsv } from "./trace-csv.js";
import { yamlTooDeepAt } from "./yaml-text.js";

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
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, errors: [`${file}: cannot read file (${errorCode(e)})`] };
  }
  return parseScenarioText(text, file, path.dirname(file), options);
}

/** The embedded default scenario, with the same options as a file. */
export function loadDefaultScenario(options: LoadOptions = {}): LoadResult {
  return parseScenarioText(DEFAULT_SCENARIO_YAML, DEFAULT_SCENARIO_SOURCE, process.cwd(), options);
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

type Raw = { ok: true; value: unknown } | { ok: false; errors: string[] };

// A sweep loads the same text once per cell with other --set values (thousands of times, once per shard too):
// the last text's parse is kept and each caller gets its own copy, which --set may change freely.
let lastParse: { text: string; source: string; format: "yaml" | "json"; raw: Raw } | undefined;

function parseRaw(text: string, source: string, format: "yaml" | "json"): Raw {
  if (lastParse?.text !== text || lastParse.source !== source || lastParse.format !== format) {
    lastParse = { text, source, format, raw: format === "json" ? parseJson(text, source) : parseYaml(text, source) };
  }
  const raw = lastParse.raw;
  return raw.ok ? { ok: true, value: structuredClone(raw.value) } : { ok: false, errors: [...raw.errors] };
}

function parseYaml(text: string, source: string): Raw {
  const deep = yamlTooDeepAt(text);
  if (deep !== undefined) return { ok: false, errors: [`${source}:${deep.line}:${deep.col}: ${TOO_DEEP}`] };
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const at = e.linePos?.[0];
        const message = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
        return `${source}${at ? `:${at.line}:${at.col}` : ""}: ${clip(message, 200)}`;
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (e) {
    return { ok: false, errors: [`${source}: ${clip(e instanceof Error ? e.message : String(e), 200)}`] };
  }
  // Aliases nest a value as deep as the anchored one, which may hold aliases itself (or itself).
  const at = tooDeepAt(value);
  if (at !== undefined) return { ok: false, errors: [`${source}: ${shownPath(at.slice(0, 6))}${at.length > 6 ? ".…" : ""}: ${TOO_DEEP} (through aliases)`] };
  return { ok: true, value };
}

function parseJson(text: string, source: string): Raw {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(message);
    if (!pos) return { ok: false, errors: [`${source}: invalid JSON: ${clip(message, 200)}`] };
    const before = text.slice(0, Number(pos[1]));
    const line = before.split("\n").length;
    const col = before.length - before.lastIndexOf("\n");
    return { ok: false, errors: [`${source}:${line}:${col}: invalid JSON: ${clip(message.replace(/ in JSON at position.*$/, ""), 200)}`] };
  }
  const problems = jsonShapeProblems(text, MAX_NESTING);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => `${source}:${p.line}:${p.col}: ${p.message}`) };
  return { ok: true, value };
}

// Reads every trace the scenario names and attaches its series; problems name the scenario field and the CSV line.
function attachTraces(scenario: Scenario, source: string, baseDir: string): string[] {
  const errors: string[] = [];
  scenario.producers.forEach((producer, i) => {
    producer.traffic.forEach((shape, j) => {
      if (!("trace" in shape)) return;
      const trace = shape.trace;
      const at = `producers.${i}.traffic.${j}.trace`;
      let text: string;
      try {
        text = readFileSync(path.resolve(baseDir, trace.file), "utf8");
      } catch (e) {
        errors.push(`${source}: ${at}.file: cannot read ${trace.file} (${errorCode(e)})`);
        return;
      }
      const result = parseTraceCsv(text, trace);
      if (result.ok) trace.series = result.series;
      else {
        for (const p of result.problems) {
          errors.push(`${source}: ${at}.${p.field ?? "file"}: ${trace.file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
        }
      }
    });
  });
  return errors;
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

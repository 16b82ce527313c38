// Scenario text → the raw value it holds (YAML or JSON), before --set and the schema. Pure: load.ts reads files.
// Bounded before anything recurses: nesting and number of values (shape-limits.ts), JSON keys given twice
// (json-scan.ts), the length of what a message quotes.
import YAML from "yaml";
import { clip } from "../engine/quote.js";
import { shownPath } from "./errors.js";
import { jsonErrorIndex } from "./json-position.js";
import { jsonShape } from "./json-scan.js";
import { MAX_NESTING, TOO_DEEP, tooDeepAt } from "./shape-limits.js";
import { yamlShapeProblem } from "./yaml-text.js";

export type Raw = { ok: true; value: unknown } | { ok: false; errors: string[] };

// A sweep loads the same text once per cell with other --set values (thousands of times, once per shard too):
// the last text's parse is kept and each caller gets its own copy, which --set may change freely.
let lastParse: { text: string; source: string; format: "yaml" | "json"; raw: Raw } | undefined;

/** The value of a scenario text, a fresh copy per call (--set edits it); or one line per problem. */
export function parseRaw(text: string, source: string, format: "yaml" | "json"): Raw {
  if (lastParse?.text !== text || lastParse.source !== source || lastParse.format !== format) {
    lastParse = { text, source, format, raw: format === "json" ? parseJson(text, source) : parseYaml(text, source) };
  }
  const raw = lastParse.raw;
  return raw.ok ? { ok: true, value: structuredClone(raw.value) } : { ok: false, errors: [...raw.errors] };
}

function parseYaml(text: string, source: string): Raw {
  const shape = yamlShapeProblem(text);
  if (shape !== undefined) return { ok: false, errors: [`${source}:${shape.line}:${shape.col}: ${shape.message}`] };
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
  const shape = jsonShape(text, MAX_NESTING);
  if (shape.limit !== undefined) return { ok: false, errors: [`${source}:${shape.limit.line}:${shape.limit.col}: ${shape.limit.message}`] };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Node 20 names the position for some errors only; for the others ("Unexpected token '.', ..."hold": .nan}"...
    // is not valid JSON") the first offending character is found by walking the grammar, and the quoted snippet
    // is left out.
    const pos = /at position (\d+)/.exec(message);
    const index = pos ? Number(pos[1]) : jsonErrorIndex(text);
    const before = text.slice(0, index);
    const line = before.split("\n").length;
    const col = before.length - before.lastIndexOf("\n");
    const what = message.replace(/ in JSON at position.*$/s, "").replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "");
    return { ok: false, errors: [`${source}:${line}:${col}: invalid JSON: ${clip(what, 200)}`] };
  }
  if (shape.duplicates.length > 0) return { ok: false, errors: shape.duplicates.map((p) => `${source}:${p.line}:${p.col}: ${p.message}`) };
  return { ok: true, value };
}

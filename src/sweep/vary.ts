// `--vary path=v1,v2,…`: one dimension of the grid. Each value is a text applied exactly like `--set path=value`,
// so units (30s, 64KiB), names in paths (producers.orders.batchSize) and YAML flow values work the same way.
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { parseSet } from "../scenario/overrides.js";
import { expandRange, looksLikeRange } from "./range.js";

export interface VaryDimension {
  /** The dotted path as given (trimmed), e.g. `queue.visibilityTimeout`. */
  path: string;
  /** The values in the order listed, ranges expanded. */
  values: string[];
}

/**
 * Parses one --vary flag. Commas separate values except inside brackets, braces or quotes, so that a YAML flow
 * value such as `{exponential: {mean: 1s}}` or `[{constant: 5}, {constant: 10}]` stays one value.
 */
export function parseVary(text: string): VaryDimension | { error: string } {
  const eq = text.indexOf("=");
  const path = eq < 0 ? "" : text.slice(0, eq).trim();
  const shown = `--vary ${clip(text, FLAG_LIMIT)}`;
  if (eq < 0 || path === "") return { error: `${shown}: expected path=value,value,… (e.g. queue.visibilityTimeout=30s,60s)` };
  const items = splitTopLevel(text.slice(eq + 1));
  if (typeof items === "string") return { error: `${shown}: ${items}` };
  const values: string[] = [];
  for (const item of items) {
    if (item === "") return { error: `${shown}: an empty value (two commas in a row, or one at an end)` };
    if (looksLikeRange(item)) {
      const range = expandRange(item);
      if ("error" in range) return { error: `--vary ${clip(path)}: ${range.error}` };
      values.push(...range.values);
    } else values.push(item);
  }
  // Checked as a --set would be, so that a bad path or an unreadable value is reported before anything runs.
  for (const value of values) {
    const parsed = parseSet(`${path}=${value}`);
    if ("error" in parsed) return { error: parsed.error.replace(/^--set /, "--vary ") };
    if (parsed.path[0] === "seed" && parsed.path.length === 1) {
      return { error: `--vary ${clip(path)}: the seed is not a parameter; use --seed for the root seed (each replication derives its own)` };
    }
  }
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return { error: `--vary ${clip(path)}: ${clip(value)} is listed twice (after expanding ranges); each value must appear once` };
    seen.add(value);
  }
  return { path, values };
}

/** Parses every --vary flag and refuses a path given twice (the grid would hold the same cell twice). */
export function parseVaryFlags(texts: readonly string[]): { dimensions: VaryDimension[]; errors: string[] } {
  const dimensions: VaryDimension[] = [];
  const errors: string[] = [];
  const paths = new Set<string>();
  for (const text of texts) {
    const parsed = parseVary(text);
    if ("error" in parsed) errors.push(parsed.error);
    else if (paths.has(parsed.path)) errors.push(`--vary ${clip(parsed.path)}: the path is varied twice; list all its values in one --vary`);
    else {
      paths.add(parsed.path);
      dimensions.push(parsed);
    }
  }
  return { dimensions, errors };
}

// Splits on commas at depth 0; brackets, braces and quotes (YAML's ' and ") nest. Items are trimmed.
function splitTopLevel(text: string): string[] | string {
  const items: string[] = [];
  const closers: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "[") closers.push("]");
    else if (c === "{") closers.push("}");
    else if (c === "]" || c === "}") {
      if (closers.pop() !== c) return `unbalanced ${c}`;
    } else if (c === "," && closers.length === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quote !== null) return `a quote (${quote}) is never closed`;
  if (closers.length > 0) return `a ${closers[closers.length - 1] === "]" ? "[" : "{"} is never closed`;
  items.push(text.slice(start).trim());
  return items;
}

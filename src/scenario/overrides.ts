// `--set path=value`: edits the raw scenario object before validation, so overridden values get exactly the same
// checks and messages as values written in the file.
import { clip, FLAG_LIMIT, quote } from "../engine/quote.js";
import { describeValue } from "./fields.js";
import { shownPath } from "./errors.js";
import { MAX_NESTING, TOO_DEEP, nestingDepth } from "./shape-limits.js";
import { parseYamlValue } from "./yaml-text.js";

export interface ParsedSet {
  path: string[];
  value: unknown;
}

export interface SetsResult {
  /** A deep copy of the input with every override applied. */
  value: unknown;
  errors: string[];
  /** Each applied override with its path as resolved (array entries chosen by name become indexes). */
  applied: { text: string; path: PropertyKey[] }[];
}

// Assigning these would reach the object's prototype instead of a scenario key. Checked on the parts as they are
// used (trimmed), at every depth.
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/** Splits "queue.visibilityTimeout=60s" into a path and a value read as a YAML scalar or flow value. */
export function parseSet(text: string): ParsedSet | { error: string } {
  const shown = `--set ${clip(text, FLAG_LIMIT)}`;
  const eq = text.indexOf("=");
  const pathText = eq < 0 ? "" : text.slice(0, eq).trim();
  if (eq < 0 || pathText === "") return { error: `${shown}: expected path=value` };
  const path = pathText.split(".").map((p) => p.trim());
  if (path.some((p) => p === "")) return { error: `${shown}: expected path=value (the path has an empty part)` };
  const bad = path.find((p) => FORBIDDEN.has(p));
  if (bad !== undefined) return { error: `${shown}: "${bad}" cannot be set` };
  if (path.length > MAX_NESTING) return { error: `${shown}: the path has more than ${MAX_NESTING} parts` };
  const parsed = parseYamlValue(text.slice(eq + 1));
  if ("error" in parsed) return { error: `${shown}: ${parsed.error}` };
  // The value lands `path.length` levels down: together they must stay within the bound a file has.
  if (path.length + nestingDepth(parsed.value) > MAX_NESTING) return { error: `${shown}: the value would be ${TOO_DEEP}` };
  return { path, value: parsed.value };
}

/**
 * Applies every override in order. Missing objects on the way are created (a list when the next part is a number);
 * a null value removes the key.
 */
export function applySets(root: unknown, sets: readonly string[]): SetsResult {
  let value: unknown = root === undefined || root === null ? {} : structuredClone(root);
  const errors: string[] = [];
  const applied: SetsResult["applied"] = [];
  for (const text of sets) {
    const parsed = parseSet(text);
    if ("error" in parsed) {
      errors.push(parsed.error);
      continue;
    }
    const result = assign(value, parsed);
    if (typeof result === "string") errors.push(`--set ${clip(text, FLAG_LIMIT)}: ${result}`);
    else {
      value = result.root;
      applied.push({ text, path: result.path });
    }
  }
  return { value, errors, applied };
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === "object" && v !== null;
}

function assign(root: unknown, set: ParsedSet): { root: unknown; path: PropertyKey[] } | string {
  if (!isContainer(root) || Array.isArray(root)) return `the scenario is ${describeValue(root)}, not a mapping`;
  const resolved: PropertyKey[] = [];
  let container: Container = root;
  for (let i = 0; i < set.path.length; i++) {
    // A name may hold dots (a FIFO queue's `jobs.fifo`): the parts that spell a list entry's name are one key.
    const parts = Array.isArray(container) ? partsOfName(container, set.path, i) : 1;
    const segment = set.path.slice(i, i + parts).join(".");
    i += parts - 1;
    const key = resolveKey(container, segment, resolved);
    if (typeof key === "object") return key.error;
    resolved.push(key);
    const slot = container as Record<PropertyKey, unknown>;
    if (i === set.path.length - 1) {
      // `--set path=null` (or `~`, or nothing after `=`) removes the key, so its default applies again
      // (`--set queue.deadLetter=null` runs without a dead-letter queue).
      if (set.value === null && !Array.isArray(container)) delete slot[key];
      else slot[key] = set.value;
      break;
    }
    // Own keys only: on a fresh object `toString` is Object.prototype's, and walking into it would edit it.
    const existing = Object.hasOwn(slot, key) ? slot[key] : undefined;
    if (existing === undefined || existing === null) slot[key] = /^\d+$/.test(set.path[i + 1] ?? "") ? [] : {};
    const next = slot[key];
    if (!isContainer(next)) return `${shownPath(resolved)} is ${describeValue(next)}, so it has no ${clip(set.path[i + 1] ?? "")} inside`;
    container = next;
  }
  return { root, path: resolved };
}

/**
 * The keys that name a list entry, tried in this order: its `name`; else, for entries that have none, what they point
 * at (a subscription's `queue`, an emit rule's `send` or `publish`), when one entry alone has it.
 */
const NAMING_KEYS = ["name", "queue", "send", "publish"] as const;

/** The index of the one entry of `list` that `segment` names (see NAMING_KEYS), or -1. */
function entryNamed(list: unknown[], segment: string): number {
  for (const key of NAMING_KEYS) {
    const found = list.flatMap((e, i) => (isContainer(e) && !Array.isArray(e) && Object.hasOwn(e, key) && e[key] === segment ? [i] : []));
    if (found.length === 1) return found[0]!;
    if (found.length > 1) return key === "name" ? found[0]! : -1;
  }
  return -1;
}

/**
 * How many parts from `from` spell the name of an entry of `list`, else 1. Of several readings (pools `w` and
 * `w.fleet`: is `w.fleet.instances` pool w.fleet's instances or pool w's fleet.instances?), the longest whose next
 * part is a key of its entry, or that ends the path; else the longest.
 */
function partsOfName(list: unknown[], path: readonly string[], from: number): number {
  let longest = 1;
  for (let n = path.length - from; n >= 1; n--) {
    const index = entryNamed(list, path.slice(from, from + n).join("."));
    if (index < 0) continue;
    if (n > longest && longest === 1) longest = n;
    const next = path[from + n];
    const entry = list[index];
    if (next === undefined || (isContainer(entry) && !Array.isArray(entry) && Object.hasOwn(entry, next))) return n;
  }
  return longest;
}

// In a list a part is an index, or the `name` of an entry (producers.orders.batchSize) for readable sweeps.
function resolveKey(container: Container, segment: string, at: PropertyKey[]): PropertyKey | { error: string } {
  if (!Array.isArray(container)) return segment;
  const where = shownPath(at) || "the top level";
  if (/^\d+$/.test(segment)) {
    const index = Number(segment);
    if (index > container.length) return { error: `index ${clip(segment)} is past the end of ${where} (${container.length} entries)` };
    return index;
  }
  const index = entryNamed(container, segment);
  if (index < 0) {
    const names = container.map(
      (e, i) => (isContainer(e) && !Array.isArray(e) ? NAMING_KEYS.map((k) => e[k]).find((v) => typeof v === "string") : undefined) ?? String(i),
    );
    return { error: `${where} has no entry named ${quote(segment)} (its entries: ${clip(names.join(", "))})` };
  }
  return index;
}

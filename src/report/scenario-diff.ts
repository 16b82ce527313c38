// What differs between the scenarios of compared runs (`sqs-sim compare`): the keys whose values differ, each with
// its value in every run, written as a scenario file writes them (30s, 256KiB), so the reader sees at once which
// parameter the comparison is about, and can tell a comparison of like with like from one of two unrelated runs.
import { DURATION_PATTERN, SIZE_PATTERN, formatDuration, formatSize, groupThousands } from "../engine/units.js";
import { scenarioFileJsonSchema, scenarioJsonSchema } from "../scenario/json-schema.js";
import { type RunData } from "./run-data.js";

export interface ScenarioDifference {
  /** The key as `--set` takes it: dotted, list entries by name where they have one. */
  path: string;
  /** Its value in each run, in the order of the runs; "—" where a run does not have the key. */
  values: string[];
}

/** How many differences the comparison page names, and the terminal (one line), before "and N more". */
export const PAGE_DIFFERENCES = 12;
export const TERMINAL_DIFFERENCES = 6;

/** The run list at the top of a comparison shows the names and descriptions already. */
const SHOWN_ELSEWHERE = new Set(["name", "description"]);
/** A value longer than this is cut, with "…". */
const VALUE_CHARS = 48;
const ABSENT = "—";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

/** The scenario keys whose values differ between the runs (as run, defaults filled in), with the seed each ran with. */
export function runDifferences(runs: readonly RunData[]): ScenarioDifference[] {
  return scenarioDifferences(runs.map((run) => ({ ...(JSON.parse(run.context.scenarioJson) as object), seed: run.context.seed })));
}

/**
 * The same for architecture runs (topics, queues[], consumers[]): list entries are matched by their name (a
 * subscription by its queue) wherever every entry has a distinct one, so that a queue one run adds, or lists in
 * another place, reads as `queues.audit` rather than a whole list shown twice.
 */
export function architectureDifferences(runs: readonly { context: { scenarioJson: string; seed: number } }[]): ScenarioDifference[] {
  return scenarioDifferences(
    runs.map((run) => ({ ...(JSON.parse(run.context.scenarioJson) as object), seed: run.context.seed })),
    { byName: true },
  );
}

export interface DifferenceOptions {
  /** Match list entries by name (or a subscription's queue) rather than by position: the architecture format's. */
  byName?: boolean;
}

/** The keys whose values differ between scenarios (scenario.json objects), in the order they first appear. */
export function scenarioDifferences(scenarios: readonly unknown[], options: DifferenceOptions = {}): ScenarioDifference[] {
  const out: ScenarioDifference[] = [];
  const top = scenarios.map((s) => (isObject(s as Json) ? (s as { [key: string]: Json }) : {}));
  const byName = options.byName === true;
  const root = byName ? architectureRootSchema() : rootSchema();
  for (const key of unionKeys(top)) {
    if (SHOWN_ELSEWHERE.has(key)) continue;
    compare(
      top.map((s) => s[key]),
      [key],
      childSchemas([root], key),
      out,
      byName,
    );
  }
  // Values that differ between runs come first, keys that only some runs have after (a group's min beside a fixed
  // fleet): a capped list then names the differences that matter.
  const onlyAbsence = (d: ScenarioDifference): boolean => new Set(d.values.filter((v) => v !== ABSENT)).size <= 1;
  return [...out.filter((d) => !onlyAbsence(d)), ...out.filter(onlyAbsence)];
}

/** "queue.visibilityTimeout (30s | 2m), seed (1 | 2), and 3 more": at most `cap` differences named. */
export function differsLine(diffs: readonly ScenarioDifference[], cap: number): string {
  if (diffs.length === 0) return "nothing: the same scenario and seed";
  const named = diffs.slice(0, cap).map((d) => `${d.path} (${d.values.join(" | ")})`);
  if (diffs.length > cap) named.push(`and ${diffs.length - cap} more`);
  return named.join(", ");
}

// Mappings are compared key by key and lists of the same length entry by entry; anything else that differs (a key
// present in some runs only, another distribution, a list grown longer) is shown whole.
// A key some runs lack is followed into the runs that have it when two or more do (two groups' policies, beside a
// fixed fleet that has none), so that what differs between those is named, not cut off in a clipped whole.
function compare(values: (Json | undefined)[], path: string[], schemas: Schema[], out: ScenarioDifference[], byName = false): void {
  if (values.every((v) => sameJson(v, values[0]))) return;
  const present = values.filter((v): v is Json => v !== undefined);
  // A queue (or topic, pool) some runs have, alike in each, and others lack: one difference, the entry whole, not
  // each of its keys (a run of another architecture would otherwise bring a hundred of them).
  if (byName && present.every((v) => sameJson(v, present[0]))) {
    out.push({ path: path.join("."), values: values.map((v) => (v === undefined ? ABSENT : clipped(shown(v, schemas)))) });
    return;
  }
  if (present.length >= 2 && present.every(isObject)) {
    const objects = present as { [key: string]: Json }[];
    const keys = unionKeys(objects);
    // Mappings with no key in common, or of other kinds, are other variants (a constant processing time against an
    // exponential one, a fixed fleet against a group): key by key they would read as a list of absences. Unless two
    // of one kind differ (two groups with other policies beside a fixed fleet): then what differs between those counts.
    const shared = keys.filter((k) => objects.every((o) => Object.hasOwn(o, k)));
    const kinds = new Set(objects.map((o) => JSON.stringify(o.kind)));
    const twoOfAKindDiffer = [...kinds].some((kind) => {
      const same = objects.filter((o) => JSON.stringify(o.kind) === kind);
      return same.length >= 2 && same.some((o) => !sameJson(o, same[0]));
    });
    if (shared.length > 0 && (kinds.size === 1 || twoOfAKindDiffer)) {
      const child = (v: Json | undefined, key: string): Json | undefined => (v === undefined ? undefined : (v as { [key: string]: Json })[key]);
      for (const key of keys)
        compare(
          values.map((v) => child(v, key)),
          [...path, key],
          childSchemas(schemas, key),
          out,
          byName,
        );
      return;
    }
  }
  if (present.length >= 2 && present.every(Array.isArray)) {
    const lists = present as Json[][];
    const identity = byName ? identityKey(lists) : undefined;
    if (identity !== undefined) {
      const items = childSchemas(schemas, 0);
      const names = [...new Set(lists.flatMap((l) => l.map((e) => (e as { [key: string]: Json })[identity] as string)))];
      const entry = (v: Json | undefined, name: string): Json | undefined =>
        v === undefined ? undefined : (v as { [key: string]: Json }[]).find((e) => e[identity] === name);
      for (const name of names)
        compare(
          values.map((v) => entry(v, name)),
          [...path, name],
          items,
          out,
          byName,
        );
      return;
    }
    if (lists.every((l) => l.length === lists[0]!.length)) {
      const items = childSchemas(schemas, 0);
      const child = (v: Json | undefined, i: number): Json | undefined => (v === undefined ? undefined : (v as Json[])[i]);
      for (let i = 0; i < lists[0]!.length; i++)
        compare(
          values.map((v) => child(v, i)),
          [...path, entryKey(lists, i)],
          items,
          out,
          byName,
        );
      return;
    }
  }
  out.push({ path: path.join("."), values: values.map((v) => (v === undefined ? ABSENT : clipped(shown(v, schemas)))) });
}

/** The key that names every entry of these lists, distinct within each list: `name`, or a subscription's `queue`. */
function identityKey(lists: Json[][]): string | undefined {
  return ["name", "queue"].find((key) =>
    lists.every((l) => {
      const names = l.map((e) => (isObject(e) ? e[key] : undefined));
      return names.every((n) => typeof n === "string") && new Set(names).size === names.length;
    }),
  );
}

/** A list entry's name where every run's entry has the same one (producers.orders), else its index. */
function entryKey(lists: Json[][], i: number): string {
  const names = lists.map((l) => {
    const e = l[i];
    return isObject(e) && typeof e.name === "string" ? e.name : undefined;
  });
  const unique = (name: string): boolean => lists[0]!.filter((e) => isObject(e) && e.name === name).length === 1;
  return names[0] !== undefined && names.every((n) => n === names[0]) && unique(names[0]) ? names[0] : String(i);
}

/** A value for people: durations and sizes in scenario units, mappings as "key value" pairs, camelCase as words. */
function shown(value: Json, schemas: Schema[]): string {
  if (value === null) return "none";
  if (typeof value === "number") {
    const kind = unitOf(schemas);
    return kind === "duration" ? formatDuration(value) : kind === "size" ? formatSize(value) : groupThousands(value);
  }
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items = childSchemas(schemas, 0);
    return `[${value.map((v) => shown(v, items)).join("; ")}]`;
  }
  const entries = Object.entries(value);
  return entries
    .map(([k, v]) => {
      const inner = shown(v, childSchemas(schemas, k));
      return `${words(k)} ${isObject(v) ? `(${inner})` : inner}`;
    })
    .join(", ");
}

const words = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
const clipped = (text: string): string => (text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text);
const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

function unionKeys(objects: readonly { [key: string]: Json }[]): string[] {
  const keys: string[] = [];
  for (const o of objects) for (const k of Object.keys(o)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The unit of a number is read from the scenario's JSON Schema (generated from the zod schema, the source of
// truth): a field whose string form takes DURATION_PATTERN is a duration in seconds, SIZE_PATTERN a size in bytes.
let schemaRoot: Schema | undefined;
function rootSchema(): Schema {
  return (schemaRoot ??= scenarioJsonSchema());
}
/** Either format's schema (anyOf): an architecture scenario's keys are found in its branch. */
let fileSchemaRoot: Schema | undefined;
function architectureRootSchema(): Schema {
  return (fileSchemaRoot ??= scenarioFileJsonSchema());
}

/** A schema with its anyOf / oneOf / allOf branches spread out: every alternative a value may match. */
function alternatives(schema: Schema): Schema[] {
  const branches = ["anyOf", "oneOf", "allOf"].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as Schema[]) : []));
  return [schema, ...branches.flatMap(alternatives)];
}

/** The schemas of a key (or, for a number, a list entry) inside values of the given schemas. */
function childSchemas(schemas: readonly Schema[], key: string | number): Schema[] {
  return schemas.flatMap(alternatives).flatMap((s) => {
    if (typeof key === "number") return s.items !== undefined && typeof s.items === "object" ? [s.items as Schema] : [];
    const props = s.properties as Record<string, Schema> | undefined;
    return props !== undefined && Object.hasOwn(props, key) ? [props[key]!] : [];
  });
}

function unitOf(schemas: readonly Schema[]): "duration" | "size" | null {
  const patterns = new Set(schemas.flatMap(alternatives).map((s) => s.pattern));
  if (patterns.has(DURATION_PATTERN)) return "duration";
  if (patterns.has(SIZE_PATTERN)) return "size";
  return null;
}

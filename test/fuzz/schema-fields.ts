// The scenario fields the fuzzer knows about, read from the scenario's JSON Schema (`sqs-sim schema`), so that a
// field added to the schema is fuzzed without touching the fuzzer. Duration and size bounds live in the loader's
// transforms, not in the JSON Schema; the generator does not need them (the oracle only needs exit 0 or 2).
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";

/** What a field holds, as far as the JSON Schema says. */
export type FieldKind =
  | { kind: "duration" }
  | { kind: "size" }
  | { kind: "integer"; min?: number; max?: number }
  | { kind: "number"; min?: number; max?: number; exclusiveMin?: number }
  | { kind: "enum"; values: string[] }
  | { kind: "boolean" }
  | { kind: "string"; pattern?: string; minLength?: number; maxLength?: number }
  | { kind: "object"; keys: string[] }
  | { kind: "array"; minItems?: number; maxItems?: number };

export interface SchemaField {
  /** Dotted parts; "*" is any list index, "{}" any key of a record (instanceTypes). */
  path: string[];
  kinds: FieldKind[];
}

type Node = Record<string, unknown>;

const DURATION_UNITS = "(?:ms|s|m|h|d)";
const SIZE_UNITS = "[KkMmGg]";

function kindOf(node: Node): FieldKind | undefined {
  const num = (k: string): number | undefined => (typeof node[k] === "number" ? (node[k] as number) : undefined);
  const bounds = <T extends object>(base: T): T => {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    const min = num("minimum");
    const max = num("maximum");
    const exclusiveMin = num("exclusiveMinimum");
    if (min !== undefined) out["min"] = min;
    if (max !== undefined) out["max"] = max;
    if (exclusiveMin !== undefined) out["exclusiveMin"] = exclusiveMin;
    return out as T;
  };
  if (Array.isArray(node["enum"])) return { kind: "enum", values: (node["enum"] as unknown[]).map(String) };
  if (typeof node["const"] === "string") return { kind: "enum", values: [node["const"]] };
  switch (node["type"]) {
    case "integer":
      return bounds({ kind: "integer" as const });
    case "number":
      return bounds({ kind: "number" as const });
    case "boolean":
      return { kind: "boolean" };
    case "string": {
      const pattern = typeof node["pattern"] === "string" ? node["pattern"] : undefined;
      if (pattern?.includes(DURATION_UNITS)) return { kind: "duration" };
      if (pattern?.includes(SIZE_UNITS)) return { kind: "size" };
      const out: FieldKind = { kind: "string" };
      if (pattern !== undefined) out.pattern = pattern;
      if (num("minLength") !== undefined) out.minLength = num("minLength")!;
      if (num("maxLength") !== undefined) out.maxLength = num("maxLength")!;
      return out;
    }
    case "object":
      return { kind: "object", keys: Object.keys((node["properties"] as Node | undefined) ?? {}) };
    case "array": {
      const out: FieldKind = { kind: "array" };
      if (num("minItems") !== undefined) out.minItems = num("minItems")!;
      if (num("maxItems") !== undefined) out.maxItems = num("maxItems")!;
      return out;
    }
    default:
      return undefined;
  }
}

// A duration or size is written as text or as a bare number: one kind, not two.
function merge(kinds: FieldKind[]): FieldKind[] {
  const unit = kinds.find((k) => k.kind === "duration" || k.kind === "size");
  const rest = unit ? kinds.filter((k) => k.kind !== "number" && k !== unit) : kinds;
  const out: FieldKind[] = unit ? [unit] : [];
  for (const k of rest) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(k))) out.push(k);
  return out;
}

function walk(node: Node, path: string[], fields: Map<string, SchemaField>): void {
  const key = path.join(".");
  const field = fields.get(key) ?? { path, kinds: [] };
  fields.set(key, field);
  const own = kindOf(node);
  if (own) field.kinds = merge([...field.kinds, own]);
  for (const alternatives of ["anyOf", "oneOf", "allOf"]) {
    for (const branch of (node[alternatives] as Node[] | undefined) ?? []) walk(branch, path, fields);
  }
  for (const [name, child] of Object.entries((node["properties"] as Record<string, Node> | undefined) ?? {})) {
    walk(child, [...path, name], fields);
  }
  if (typeof node["items"] === "object" && node["items"] !== null) walk(node["items"] as Node, [...path, "*"], fields);
  if (typeof node["additionalProperties"] === "object" && node["additionalProperties"] !== null) {
    walk(node["additionalProperties"] as Node, [...path, "{}"], fields);
  }
}

let cached: SchemaField[] | undefined;

/** Every field of the scenario schema below the top level, with the kinds of value it takes. */
export function schemaFields(): SchemaField[] {
  if (cached) return cached;
  const fields = new Map<string, SchemaField>();
  walk(scenarioJsonSchema(), [], fields);
  fields.delete("");
  cached = [...fields.values()].filter((f) => f.kinds.length > 0);
  return cached;
}

// Walks the scenario's JSON Schema (`sqs-sim schema`) to reach every field, so that a test can feed each one a value
// without listing the fields by hand (a field added later is covered too).
import { scenarioJsonSchema } from "../../src/scenario/index.js";

export type Schema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
};

export interface Field {
  path: (string | number)[];
  schema: Schema;
  /** A whole scenario: a valid one, with `value` at this field and the required keys around it filled in. */
  make: (value: unknown) => Record<string, unknown>;
}

/** The name a field path uses inside a map (instanceTypes). */
export const MAP_KEY = "big";

/** A valid scenario each field's subtree is put into. */
export const BASE = { name: "walk", duration: "10m", producers: [{ name: "orders", traffic: [{ constant: 5 }] }] };

export const isNumeric = (s: Schema): boolean => s.type === "number" || s.type === "integer" || (s.anyOf ?? []).some((b) => b.type === "number");

// A plausible value for a required sibling; it need not pass every check (other lines may appear beside the one a
// test looks for), only let the parse reach the field.
function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.[0]) return sample(branches[0]);
  switch (s.type) {
    case "integer":
    case "number":
      return Math.max(1, s.minimum ?? 1);
    case "string":
      return s.pattern?.includes("ms|s|m|h|d") ? "1s" : "x";
    case "boolean":
      return false;
    case "array":
      return s.items ? [sample(s.items)] : [];
    case "object":
      return requiredOf(s, "");
    default:
      return null;
  }
}

function requiredOf(s: Schema, except: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of s.required ?? []) {
    const prop = s.properties?.[key];
    if (key !== except && prop) out[key] = sample(prop);
  }
  return out;
}

interface Node {
  path: (string | number)[];
  schema: Schema;
  make: (value: unknown) => unknown;
}

// Every node below `s`, a union's branches included (so a path can appear once per branch).
function nodes(s: Schema): Node[] {
  const out: Node[] = [{ path: [], schema: s, make: (v) => v }];
  for (const branch of s.anyOf ?? s.oneOf ?? []) out.push(...nodes(branch));
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    for (const n of nodes(prop)) out.push({ ...n, path: [key, ...n.path], make: (v) => ({ ...requiredOf(s, key), [key]: n.make(v) }) });
  }
  if (s.items) for (const n of nodes(s.items)) out.push({ ...n, path: [0, ...n.path], make: (v) => [n.make(v)] });
  if (typeof s.additionalProperties === "object") {
    for (const n of nodes(s.additionalProperties)) out.push({ ...n, path: [MAP_KEY, ...n.path], make: (v) => ({ [MAP_KEY]: n.make(v) }) });
  }
  return out;
}

/** Each field of the scenario once (the first node at each path that `keep` accepts), the top level excluded. */
export function scenarioFields(keep: (s: Schema) => boolean = () => true): Field[] {
  const root = scenarioJsonSchema() as Schema;
  const seen = new Set<string>();
  const out: Field[] = [];
  for (const n of nodes({ ...root, required: [] })) {
    const key = n.path.join(".");
    if (n.path.length === 0 || seen.has(key) || !keep(n.schema)) continue;
    seen.add(key);
    out.push({ path: n.path, schema: n.schema, make: (v) => ({ ...BASE, ...(n.make(v) as object) }) });
  }
  return out;
}

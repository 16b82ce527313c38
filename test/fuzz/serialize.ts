// Writing generated scenarios as YAML or JSON text, and values as `--set` text. A value may be a raw token that
// goes into the text unquoted (1e999, a 400-digit number, `.inf`, 5,000 nested brackets): a parser has to meet
// those as written, which no JavaScript value serialises to.
import YAML from "yaml";

export interface Raw {
  raw: string;
}
export type Value = null | boolean | number | string | Raw | Value[] | { [key: string]: Value };

export const raw = (text: string): Raw => ({ raw: text });

export function isRaw(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Raw).raw === "string";
}

// Raw tokens travel through YAML.stringify / JSON.stringify as placeholders, swapped for their text afterwards.
function withPlaceholders(value: unknown, tokens: string[]): unknown {
  if (isRaw(value)) {
    tokens.push(value.raw);
    return `RAWTOKEN${tokens.length - 1}X`;
  }
  if (Array.isArray(value)) return value.map((v) => withPlaceholders(v, tokens));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    // defineProperty, so that a generated "__proto__" key stays a key instead of setting the prototype.
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: withPlaceholders(v, tokens), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function fill(text: string, tokens: string[], quoted: boolean): string {
  return text.replace(quoted ? /"RAWTOKEN(\d+)X"/g : /RAWTOKEN(\d+)X/g, (_, i: string) => tokens[Number(i)] ?? "");
}

export function toYaml(value: unknown): string {
  const tokens: string[] = [];
  // lineWidth 0: a 1 MB value stays on one line rather than being folded.
  return fill(YAML.stringify(withPlaceholders(value, tokens), { lineWidth: 0, minContentWidth: 0 }), tokens, false);
}

export function toJson(value: unknown): string {
  const tokens: string[] = [];
  return fill(JSON.stringify(withPlaceholders(value, tokens), null, 2) + "\n", tokens, true);
}

/** The text after `=` in `--set path=value` that the CLI reads back as this value. */
export function setText(value: Value): string {
  if (isRaw(value)) return value.raw;
  if (typeof value === "string") return /^[A-Za-z0-9_][\w .:/-]*$/.test(value) && value.trim() === value ? value : JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "object") return toJson(value).replace(/\n\s*/g, " ").trim();
  return String(value);
}

/** A copy of `root` with `value` at `path` (missing objects created), keys set as own properties. */
export function withValueAt(root: unknown, path: readonly string[], value: Value | undefined): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const container: Record<string, unknown> | unknown[] = Array.isArray(root)
    ? [...(root as unknown[])]
    : typeof root === "object" && root !== null
      ? Object.defineProperties({}, Object.getOwnPropertyDescriptors(root))
      : {};
  const current = (container as Record<string, unknown>)[head];
  const next = Object.hasOwn(container, head) ? current : undefined;
  const child = withValueAt(next, rest, value);
  if (child === undefined) delete (container as Record<string, unknown>)[head];
  else Object.defineProperty(container, head, { value: child, enumerable: true, writable: true, configurable: true });
  return container;
}

/** The value at `path`, own properties only. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

// How deep a scenario may nest and how many values it may hold. No scenario needs more than about 8 levels
// (fleet.policies.0.stepScaling.alarm…) or a few thousand values. The parsers, structuredClone and zod all recurse:
// 5,000 levels of brackets overflow the stack (exit 1, no file named) or, inside the yaml library, abort the process;
// and the yaml library holds about 500 bytes per value (10 million of them, 20 MB of "1,", ran out of memory).
// Every way in is bounded: JSON and YAML text before they are turned into values (json-scan.ts, yaml-text.ts),
// --set values, and YAML aliases after.

/** The most levels of lists and mappings a scenario, or a --set value placed in it, may have. */
export const MAX_NESTING = 64;

export const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep; a scenario needs far fewer`;

/** The most values (scalars, lists and mappings) a scenario file may hold. */
export const MAX_VALUES = 100_000;

export const TOO_MANY = `more than ${MAX_VALUES.toLocaleString("en-US")} values; a scenario needs far fewer`;

/**
 * Where `value` has more than `limit` levels of lists and mappings (the path to the first container past the limit),
 * or undefined. Iterative, and it stops at the limit, so a value that refers to itself (a YAML alias inside the
 * mapping it names) is reported rather than followed forever.
 */
export function tooDeepAt(value: unknown, limit = MAX_NESTING): PropertyKey[] | undefined {
  type Entry = { value: unknown; depth: number; key: PropertyKey; parent: Entry | undefined };
  const stack: Entry[] = [{ value, depth: 0, key: "", parent: undefined }];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    if (typeof e.value !== "object" || e.value === null) continue;
    if (e.depth + 1 > limit) return pathOf(e);
    const list = Array.isArray(e.value);
    for (const [key, child] of Object.entries(e.value)) {
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: e.depth + 1, key: list ? Number(key) : key, parent: e });
    }
  }
  return undefined;
}

/** Levels of lists and mappings in `value`, counted up to `limit + 1` (a scalar has none). */
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    const [v, depth] = e;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return limit + 1;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function pathOf(e: { key: PropertyKey; parent: { key: PropertyKey; parent: unknown } | undefined }): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: typeof e | undefined = e; at?.parent !== undefined; at = at.parent as typeof e | undefined) path.unshift(at.key);
  return path;
}

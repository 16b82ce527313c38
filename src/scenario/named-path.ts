// Error paths that name list entries by their `name` (queues.billing.visibilityTimeout, not queues.1.visibilityTimeout):
// the form a --set or --vary takes (overrides.ts resolves a list entry by name), and the one a reader finds in the file.

/**
 * `path` with each list index replaced by its entry's name, where the entry (in `root`, the raw scenario) has one
 * that no other entry shares and that is not itself a number (which would read as an index).
 */
export function namedPath(root: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const out: PropertyKey[] = [];
  let at: unknown = root;
  for (const part of path) {
    if (Array.isArray(at) && typeof part === "number") {
      const entry: unknown = at[part];
      const name = nameOf(entry);
      const unique = name !== undefined && !/^\d+$/.test(name) && at.filter((e) => nameOf(e) === name).length === 1;
      out.push(unique ? name : part);
      at = entry;
      continue;
    }
    out.push(part);
    at = typeof at === "object" && at !== null && Object.hasOwn(at, part) ? (at as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return out;
}

function nameOf(entry: unknown): string | undefined {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return undefined;
  const name = (entry as { name?: unknown }).name;
  return typeof name === "string" && name !== "" ? name : undefined;
}

const LIST_INDEX = /\b(topics|queues|producers|consumers)\.(\d+)\b/g;

/** A message with each `queues.1`-style reference to a top-level list entry named as namedPath names it. */
export function namedPathsIn(root: unknown, message: string): string {
  return message.replace(LIST_INDEX, (_text, list: string, index: string) => namedPath(root, [list, Number(index)]).join("."));
}

// How a path names its stages (summary.json's `paths`, a sweep's path columns): by their names, and a name two kinds
// share (a topic and a queue both called `orders`) with its kind in brackets, without spaces so that `--slo` can
// name the path (`orders(topic)`).

export type StageKind = "producer" | "topic" | "queue" | "pool";

/** The display name of each stage of an architecture, by kind and name. */
export function stageNames(lists: Record<StageKind, readonly { name: string }[]>): (kind: StageKind, name: string) => string {
  const uses = new Map<string, number>();
  for (const list of Object.values(lists)) for (const r of list) uses.set(r.name, (uses.get(r.name) ?? 0) + 1);
  return (kind, name) => ((uses.get(name) ?? 0) > 1 ? `${name}(${kind})` : name);
}

// The topology of an architecture run as plain data: a node per producer, topic, queue and pool, an arrow per flow
// between them with its mean rate over the run, and each node's column and row in the diagram. Built from the
// scenario's wiring (who sends, publishes, subscribes, reads and emits where) and the run's summary alone, so that the
// diagram, report.md's table of flows and the tests read the same figures.
import { type Architecture } from "../../scenario/architecture-schema.js";
import { type ArchitectureSummary } from "../../sim/architecture-result.js";

export type NodeKind = "producer" | "topic" | "queue" | "pool";

/** Columns repeat producer, topic, queue, pool: a pipeline's later stage sits to the right of the pool feeding it. */
const KIND_ORDER: Record<NodeKind, number> = { producer: 0, topic: 1, queue: 2, pool: 3 };
const STAGE_COLUMNS = 4;

/** Who feeds whom, by name: what the diagram needs of a scenario (and of a saved run's scenario.json). */
export interface Wiring {
  producers: { name: string; to: Ref }[];
  topics: { name: string; fifo: boolean; queues: string[] }[];
  queues: { name: string; fifo: boolean }[];
  pools: { name: string; queue: string; emitsTo: Ref[] }[];
}

export interface Ref {
  kind: "topic" | "queue";
  name: string;
}

export interface TopologyNode {
  /** `<kind>:<name>`: names are unique per kind only, so a queue and a pool may share one. */
  id: string;
  kind: NodeKind;
  name: string;
  /** A second line under the name: the resource's kind and its headline figure. */
  detail: string;
  column: number;
  row: number;
}

export interface Flow {
  from: string;
  to: string;
  /** Messages over the run; null where the summary does not split them (a pool emitting to several places). */
  messages: number | null;
  /** Mean messages per second over the run, or null as messages. */
  ratePerSecond: number | null;
  /** What the figure counts, for the arrow's tooltip and report.md. */
  counts: string;
  /** The arrow runs back to an earlier column (a cycle of emit rules). */
  back: boolean;
}

export interface Topology {
  nodes: TopologyNode[];
  flows: Flow[];
  columns: number;
}

export const nodeId = (kind: NodeKind, name: string): string => `${kind}:${name}`;

/** The wiring of a scenario in the architecture format. */
export function wiringOf(a: Pick<Architecture, "producers" | "topics" | "queues" | "consumers">): Wiring {
  const ref = (e: { send?: string | undefined; publish?: string | undefined }): Ref =>
    e.publish !== undefined ? { kind: "topic", name: e.publish } : { kind: "queue", name: e.send ?? "" };
  return {
    producers: a.producers.map((p) => ({ name: p.name, to: ref(p) })),
    topics: a.topics.map((t) => ({ name: t.name, fifo: t.type === "fifo", queues: t.subscriptions.map((s) => s.queue) })),
    queues: a.queues.map((q) => ({ name: q.name, fifo: q.type === "fifo" })),
    pools: a.consumers.map((c) => ({ name: c.name, queue: c.queue, emitsTo: c.emit.map(ref) })),
  };
}

/**
 * Rates as the diagram prints them, always the same way: three significant figures under 100 per second (9.998 reads
 * 10.0/s, 0.923 reads 0.923/s), whole numbers with thousands grouped from 100 on.
 */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return "0/s";
  if (perSecond < 0.01) return "<0.01/s";
  const rounded = perSecond >= 100 ? Math.round(perSecond) : Number(perSecond.toPrecision(3));
  const digits = rounded >= 100 ? 0 : 2 - Math.floor(Math.log10(rounded));
  return `${rounded.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}/s`;
}

/**
 * The highest backlog (visible + in flight + delayed) of each queue at the end of a metric period, from the series'
 * `<queue>.ApproximateNumberOf…` columns; 0 for a queue the series does not have.
 */
export function peakBacklogs(series: { columns: { name: string }[]; values: number[][] }, queues: readonly string[]): Map<string, number> {
  const index = new Map(series.columns.map((c, i) => [c.name, i]));
  const peaks = new Map<string, number>();
  for (const q of queues) {
    const parts = ["Visible", "NotVisible", "Delayed"].map((s) => series.values[index.get(`${q}.ApproximateNumberOfMessages${s}_msgs`) ?? -1] ?? []);
    let peak = 0;
    const rows = Math.max(...parts.map((p) => p.length));
    for (let r = 0; r < rows; r++) {
      const total = parts.reduce((n, p) => n + (Number.isFinite(p[r]) ? p[r]! : 0), 0);
      if (total > peak) peak = total;
    }
    peaks.set(q, peak);
  }
  return peaks;
}

export function buildTopology(wiring: Wiring, summary: ArchitectureSummary, peaks: ReadonlyMap<string, number>): Topology {
  const duration = summary.durationSeconds;
  const rate = (n: number): number => (duration > 0 ? n / duration : 0);
  const count = (n: number): string => n.toLocaleString("en-US");
  const nodes: Omit<TopologyNode, "column" | "row">[] = [];
  for (const p of wiring.producers) nodes.push({ id: nodeId("producer", p.name), kind: "producer", name: p.name, detail: "producer" });
  for (const t of wiring.topics) nodes.push({ id: nodeId("topic", t.name), kind: "topic", name: t.name, detail: t.fifo ? "FIFO topic" : "topic" });
  for (const q of wiring.queues) {
    const peak = peaks.get(q.name) ?? 0;
    nodes.push({ id: nodeId("queue", q.name), kind: "queue", name: q.name, detail: `${q.fifo ? "FIFO queue" : "queue"} · peak backlog ${count(peak)}` });
  }
  for (const p of wiring.pools) {
    const peak = summary.consumers[p.name]?.fleet.peakInService ?? 0;
    nodes.push({ id: nodeId("pool", p.name), kind: "pool", name: p.name, detail: `pool · peak ${count(peak)} instance${peak === 1 ? "" : "s"}` });
  }

  const flows: Omit<Flow, "back">[] = [];
  const flow = (from: string, to: string, messages: number | null, counts: string): void => {
    flows.push({ from, to, messages, ratePerSecond: messages === null ? null : rate(messages), counts });
  };
  for (const p of wiring.producers) flow(nodeId("producer", p.name), nodeId(p.to.kind, p.to.name), summary.producers[p.name]?.produced ?? 0, "produced");
  for (const t of wiring.topics) {
    for (const q of t.queues) flow(nodeId("topic", t.name), nodeId("queue", q), summary.topics[t.name]?.delivered[q] ?? 0, "delivered");
  }
  for (const p of wiring.pools) {
    const pool = summary.consumers[p.name];
    flow(nodeId("queue", p.queue), nodeId("pool", p.name), pool?.consumers.processed ?? 0, "processed");
    // Per destination (emittedTo); a run saved before it was counted so has only the total, which one destination takes.
    const destinations = uniqueRefs(p.emitsTo);
    for (const d of destinations) {
      const counted = pool?.emittedTo === undefined ? undefined : (d.kind === "queue" ? pool.emittedTo.queues : pool.emittedTo.topics)[d.name];
      const one = destinations.length === 1;
      const messages = counted ?? (one ? (pool?.emitted ?? 0) : null);
      flow(nodeId("pool", p.name), nodeId(d.kind, d.name), messages, messages === null ? "emitted (not counted per destination)" : "emitted");
    }
  }

  const { columns, back } = layOut(
    nodes.map((n) => n.id),
    new Map(nodes.map((n) => [n.id, n.kind])),
    flows,
  );
  const rows = rowsByColumn(nodes, columns, flows, back);
  const placed = nodes.map((n) => ({ ...n, column: columns.get(n.id)!, row: rows.get(n.id)! }));
  return {
    nodes: placed,
    flows: flows.map((f, i) => ({ ...f, back: back.has(i) })),
    columns: Math.max(0, ...placed.map((n) => n.column + 1)),
  };
}

function uniqueRefs(refs: readonly Ref[]): Ref[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const id = nodeId(r.kind, r.name);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Each node's column: the first column of its kind after every node feeding it (a longest path over the flows, with
 * the flows that close a cycle left out), then with empty columns closed up. Cycles are found by a depth-first search
 * in scenario order, so the same scenario is always drawn the same way.
 */
function layOut(ids: readonly string[], kinds: ReadonlyMap<string, NodeKind>, flows: readonly { from: string; to: string }[]) {
  const out = new Map<string, number[]>(ids.map((id) => [id, []]));
  flows.forEach((f, i) => out.get(f.from)?.push(i));
  const back = new Set<number>();
  const state = new Map<string, "open" | "done">();
  const visit = (id: string): void => {
    state.set(id, "open");
    for (const i of out.get(id) ?? []) {
      const to = flows[i]!.to;
      if (state.get(to) === "open") back.add(i);
      else if (!state.has(to)) visit(to);
    }
    state.set(id, "done");
  };
  for (const id of ids) if (!state.has(id)) visit(id);

  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  flows.forEach((f, i) => {
    if (!back.has(i)) incoming.set(f.to, (incoming.get(f.to) ?? 0) + 1);
  });
  const raw = new Map<string, number>(ids.map((id) => [id, KIND_ORDER[kinds.get(id)!]]));
  const ready = ids.filter((id) => incoming.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    for (const i of out.get(id) ?? []) {
      if (back.has(i)) continue;
      const to = flows[i]!.to;
      const kind = KIND_ORDER[kinds.get(to)!];
      const after = raw.get(id)! + 1;
      const column = after + ((kind - (after % STAGE_COLUMNS) + STAGE_COLUMNS) % STAGE_COLUMNS);
      raw.set(to, Math.max(raw.get(to)!, column));
      incoming.set(to, incoming.get(to)! - 1);
      if (incoming.get(to) === 0) ready.push(to);
    }
  }
  const used = [...new Set(raw.values())].sort((x, y) => x - y);
  const columns = new Map([...raw].map(([id, c]) => [id, used.indexOf(c)]));
  return { columns, back };
}

/**
 * Rows within each column, left to right: a node sits by the mean row of the nodes feeding it from the left (so a
 * fan-out's queues line up beside their topic), ties and unfed nodes in scenario order.
 */
function rowsByColumn(
  nodes: readonly { id: string }[],
  columns: ReadonlyMap<string, number>,
  flows: readonly { from: string; to: string }[],
  back: ReadonlySet<number>,
): Map<string, number> {
  const rows = new Map<string, number>();
  const last = Math.max(0, ...columns.values());
  for (let c = 0; c <= last; c++) {
    const here = nodes.map((n, order) => ({ id: n.id, order })).filter((n) => columns.get(n.id) === c);
    const key = (id: string): number => {
      const from = flows.filter((f, i) => !back.has(i) && f.to === id && rows.has(f.from)).map((f) => rows.get(f.from)!);
      return from.length === 0 ? Number.POSITIVE_INFINITY : from.reduce((a, b) => a + b, 0) / from.length;
    };
    const keyed = here.map((n) => ({ ...n, key: key(n.id) }));
    keyed.sort((x, y) => (x.key === y.key ? x.order - y.order : x.key < y.key ? -1 : 1));
    keyed.forEach((n, row) => rows.set(n.id, row));
  }
  return rows;
}

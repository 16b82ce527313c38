// The topology as an inline SVG: a box per node in its column and row, a curved arrow per flow labelled with its rate.
// Plain text in, plain text out: integer coordinates, fixed sizes and the nodes and flows in the topology's order, so
// the same run draws the same bytes. Each element carries data-* attributes naming what it shows (read by the tests).
import { escapeHtml } from "../html/page.js";
import { formatRate, type NodeKind, type Topology, type TopologyNode } from "./topology.js";

const BOX_HEIGHT = 48;
const ROW_GAP = 28;
const COLUMN_GAP = 90;
const MARGIN = 16;
/** Room below the boxes for the arrows that run back to an earlier column. */
const BACK_ROOM = 56;
/** Width of a character at the name's font size, rounded up: boxes are sized to their longest line. */
const CHAR_WIDTH = 7.5;
const MIN_BOX_WIDTH = 130;

/** Okabe–Ito colours, as the charts use them: fill and border per kind. */
const LOOK: Record<NodeKind, { fill: string; stroke: string }> = {
  producer: { fill: "#E5F1F8", stroke: "#0072B2" },
  topic: { fill: "#FCF0DC", stroke: "#E69F00" },
  queue: { fill: "#E0F3EE", stroke: "#009E73" },
  pool: { fill: "#F7E9F1", stroke: "#CC79A7" },
};

interface Box {
  x: number;
  y: number;
  width: number;
}

export function topologySvg(topology: Topology, title: string): string {
  const widths = Array.from({ length: topology.columns }, (_, c) => {
    const lines = topology.nodes.filter((n) => n.column === c).flatMap((n) => [n.name, n.detail]);
    return Math.max(MIN_BOX_WIDTH, Math.ceil(Math.max(0, ...lines.map((l) => l.length)) * CHAR_WIDTH) + 20);
  });
  const lefts: number[] = [];
  let x = MARGIN;
  for (const w of widths) {
    lefts.push(x);
    x += w + COLUMN_GAP;
  }
  const rowsIn = (c: number): number => topology.nodes.filter((n) => n.column === c).length;
  const tallest = Math.max(1, ...widths.map((_, c) => rowsIn(c)));
  const columnHeight = (rows: number): number => rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
  const boxes = new Map<string, Box>();
  for (const n of topology.nodes) {
    // Shorter columns are centred against the tallest.
    const top = MARGIN + Math.round((columnHeight(tallest) - columnHeight(rowsIn(n.column))) / 2);
    boxes.set(n.id, { x: lefts[n.column]!, y: top + n.row * (BOX_HEIGHT + ROW_GAP), width: widths[n.column]! });
  }
  const columnOf = new Map(topology.nodes.map((n) => [n.id, n.column]));
  // An arrow that skips columns would cross the boxes between; it goes round under them, as a back arrow does.
  const under = topology.flows.map((f) => f.back || crossesBoxes(f.from, f.to, columnOf, topology.nodes, boxes));
  const width = Math.max(MARGIN * 2, x - COLUMN_GAP + MARGIN);
  const height = MARGIN * 2 + columnHeight(tallest) + (under.includes(true) ? BACK_ROOM : 0);
  const bottom = MARGIN + columnHeight(tallest);

  const flows = topology.flows.map((f, i) => {
    const a = boxes.get(f.from)!;
    const b = boxes.get(f.to)!;
    const [x1, y1] = [a.x + a.width, a.y + BOX_HEIGHT / 2];
    const [x2, y2] = [b.x, b.y + BOX_HEIGHT / 2];
    // Forward: an S-curve between the boxes. Back (a cycle) or past boxes: out of the right side, under every box,
    // into the left.
    const [c1x, c1y, c2x, c2y] = under[i] ? [x1 + 60, bottom + BACK_ROOM - 8, x2 - 60, bottom + BACK_ROOM - 8] : [(x1 + x2) / 2, y1, (x1 + x2) / 2, y2];
    const lx = Math.round((x1 + 3 * c1x + 3 * c2x + x2) / 8);
    const ly = Math.round((y1 + 3 * c1y + 3 * c2y + y2) / 8);
    const label = f.ratePerSecond === null ? "?" : formatRate(f.ratePerSecond);
    const tip =
      f.messages === null
        ? `${f.from} → ${f.to}: ${f.counts}`
        : `${f.from} → ${f.to}: ${f.messages.toLocaleString("en-US")} messages ${f.counts}, ${label} over the run`;
    const d = [x1, y1, c1x, c1y, c2x, c2y, x2, y2].map((v) => Math.round(v));
    return (
      `<g class="flow" data-from="${escapeHtml(f.from)}" data-to="${escapeHtml(f.to)}" data-messages="${f.messages ?? ""}">` +
      `<title>${escapeHtml(tip)}</title>` +
      `<path d="M${d[0]} ${d[1]} C${d[2]} ${d[3]} ${d[4]} ${d[5]} ${d[6]} ${d[7]}" fill="none" stroke="#555" stroke-width="1.5"${f.back ? ' stroke-dasharray="5 4"' : ""} marker-end="url(#arrow)"/>` +
      `<text class="rate" x="${lx}" y="${ly - 4}" text-anchor="middle">${escapeHtml(label)}</text></g>`
    );
  });
  const nodes = topology.nodes.map((n) => nodeSvg(n, boxes.get(n.id)!));
  return [
    `<svg class="topology" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="max-width: 100%; height: auto" role="img" aria-label="${escapeHtml(title)}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#555"/></marker></defs>`,
    `<style>text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1d1d1f; } text.name { font-weight: 600; font-size: 13px; } text.rate { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; font-variant-numeric: tabular-nums; }</style>`,
    ...nodes,
    ...flows,
    `</svg>`,
  ].join("\n");
}

/** Whether the straight line between two boxes' centres runs through a box of a column between them. */
function crossesBoxes(
  from: string,
  to: string,
  columnOf: ReadonlyMap<string, number>,
  nodes: readonly TopologyNode[],
  boxes: ReadonlyMap<string, Box>,
): boolean {
  const [a, b] = [columnOf.get(from)!, columnOf.get(to)!];
  if (b - a < 2) return false;
  const [p, q] = [boxes.get(from)!, boxes.get(to)!];
  const [x1, y1, x2, y2] = [p.x + p.width, p.y + BOX_HEIGHT / 2, q.x, q.y + BOX_HEIGHT / 2];
  return nodes.some((n) => {
    const c = columnOf.get(n.id)!;
    if (c <= a || c >= b) return false;
    const box = boxes.get(n.id)!;
    // The line's height across the box, from its left edge to its right: does it enter the box (with a margin)?
    const yAt = (x: number): number => y1 + ((y2 - y1) * (x - x1)) / (x2 - x1);
    const [low, high] = [Math.min(yAt(box.x), yAt(box.x + box.width)), Math.max(yAt(box.x), yAt(box.x + box.width))];
    return high >= box.y - 6 && low <= box.y + BOX_HEIGHT + 6;
  });
}

function nodeSvg(n: TopologyNode, box: Box): string {
  const look = LOOK[n.kind];
  const cx = box.x + Math.round(box.width / 2);
  return (
    `<g class="node" data-id="${escapeHtml(n.id)}" data-kind="${n.kind}" data-name="${escapeHtml(n.name)}">` +
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${BOX_HEIGHT}" rx="${n.kind === "pool" ? 14 : 4}" fill="${look.fill}" stroke="${look.stroke}" stroke-width="1.5"/>` +
    `<text class="name" x="${cx}" y="${box.y + 20}" text-anchor="middle">${escapeHtml(n.name)}</text>` +
    `<text class="detail" x="${cx}" y="${box.y + 38}" text-anchor="middle">${escapeHtml(n.detail)}</text></g>`
  );
}

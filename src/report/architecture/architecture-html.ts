// report.html of an architecture run: the topology diagram, the tables across resources (producers, cost, topics,
// paths), then a section per queue and per pool with its tables and today's interactive charts.
import { formatDuration } from "../../engine/units.js";
import { CHART_HINT, chartFigure, detailsHtml, documentHtml, escapeHtml, type Fact, factsHtml } from "../html/page.js";
import { type ResourceTable } from "./architecture-tables.js";
import { type GridTable } from "./architecture-tables.js";
import { type ArchitectureRunData } from "./architecture-run-data.js";
import { allCharts, type ArchitectureSections } from "./architecture-sections.js";
import { topologySvg } from "./topology-svg.js";

export const TOPOLOGY_HOW_TO_READ =
  "Producers on the left, then the topics they publish to, the queues and the pools that read them; a pool's emit " +
  "rules lead on to the next stage, further right. Each arrow is labelled with its mean messages per second over the " +
  "run: what a producer produced, what a topic delivered to each subscribed queue (after its filter policy), what a " +
  "pool processed, and what a pool emitted to each destination. Each queue shows its peak backlog, the most messages visible, in flight and delayed at the end " +
  "of a metric period. A dashed arrow runs back to an earlier stage (a cycle of emit rules). Hover over an arrow for its count.";

export const QUEUE_SECTION_NOTE =
  "The queue's charts as a single-queue run draws them; busy workers are those of every pool reading the queue. The " +
  "latency distribution is not drawn for an architecture run (it keeps no histograms): the Latency table gives the percentiles.";
export const POOL_SECTION_NOTE =
  "The pool's fleet, the metrics its scaling policies act on (its queue's), and its cost: compute, and the SQS requests " +
  "of the queue it reads (all of them, when several pools read it).";

function runFacts(run: ArchitectureRunData): Fact[] {
  const c = run.context;
  const facts: Fact[] = [
    { term: "seed", value: String(c.seed) },
    { term: "duration", value: formatDuration(c.durationSeconds, "rounded") },
    { term: "metric period", value: formatDuration(c.periodSeconds, "rounded") },
    { term: "resources", value: resourceCount(run) },
  ];
  if (c.startEpochMs !== undefined) facts.push({ term: "start", value: new Date(c.startEpochMs).toISOString() });
  if (c.sloMaxQueueWaitSeconds !== undefined) facts.push({ term: "SLO", value: `queue wait ≤ ${formatDuration(c.sloMaxQueueWaitSeconds, "rounded")}` });
  return facts;
}

/** "1 producer, 1 topic, 4 queues, 2 pools". */
export function resourceCount(run: ArchitectureRunData): string {
  const w = run.wiring;
  const n = (count: number, one: string): string => `${count} ${one}${count === 1 ? "" : "s"}`;
  return [n(w.producers.length, "producer"), n(w.topics.length, "topic"), n(w.queues.length, "queue"), n(w.pools.length, "pool")].join(", ");
}

function gridHtml(t: GridTable): string {
  const firstNumeric = t.header.length - t.numeric;
  const head = t.header.map((h, i) => `<th${i >= firstNumeric ? ' class="run"' : ""}>${escapeHtml(h)}</th>`).join("");
  const rows = t.rows.map(
    (r) =>
      `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${escapeHtml(v)}</th>` : `<td class="${i >= firstNumeric ? "run" : "text"}">${escapeHtml(v)}</td>`)).join("")}</tr>`,
  );
  return `<table class="grid"><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function resourceTableHtml(t: ResourceTable): string {
  const rows = t.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="value">${escapeHtml(r.value)}</td></tr>`);
  return `<table><caption>${escapeHtml(t.title)}</caption><tbody>${rows.join("")}</tbody></table>`;
}

export function architectureHtml(run: ArchitectureRunData, sections: ArchitectureSections): string {
  const c = run.context;
  const description = c.description === undefined ? "" : `<p class="description">${escapeHtml(c.description)}</p>`;
  const charts = allCharts(sections);
  let index = 0;
  const resourceHtml = sections.resources.map((r) => {
    const figures = r.charts.map((spec) => chartFigure(spec, index++)).join("\n");
    return `<section class="resource" id="${escapeHtml(r.anchor)}"><h3 class="resource">${r.kind} ${escapeHtml(r.name)}</h3>
<p>${escapeHtml(r.note)}</p>
<div class="tables">${r.tables.map(resourceTableHtml).join("\n")}</div>
${r.charts.length === 0 ? "<p>No chart has anything to show for it.</p>" : figures}
</section>`;
  });
  const queues = sections.resources.filter((r) => r.kind === "queue");
  const pools = sections.resources.filter((r) => r.kind === "pool");
  const links = (list: typeof queues): string => list.map((r) => `<a href="#${escapeHtml(r.anchor)}">${escapeHtml(r.name)}</a>`).join("");
  const nav = [
    `<a href="#topology">Topology</a>`,
    ...(sections.topics.length > 0 ? [`<a href="#topics">Topics</a>`] : []),
    `<a href="#paths">Paths</a>`,
    `<a href="#queues">Queues</a>`,
    ...(pools.length > 0 ? [`<a href="#pools">Pools</a>`] : []),
    `<a href="#scenario">Scenario as run</a>`,
  ].join("");
  const body = [
    `<section id="topology"><h2>Topology</h2>
<p class="hint">${escapeHtml(TOPOLOGY_HOW_TO_READ)}</p>
<div class="topology-box">${topologySvg(sections.topology, `Topology of ${c.scenarioName}`)}</div>
<div class="tables">${sections.overview.map(gridHtml).join("\n")}</div>
</section>`,
    ...(sections.topics.length > 0 ? [`<section id="topics"><h2>Topics</h2>\n${sections.topics.map(gridHtml).join("\n")}\n</section>`] : []),
    `<section id="paths"><h2>Paths</h2>
<p>From the first production of a message's chain to its delete at the path's last pool. Messages still waiting at the end count at their age then ("≥" marks a figure they reach); messages in a queue several pools read are left out.</p>
${sections.paths === null ? "<p>No message completed a path.</p>" : gridHtml(sections.paths)}
</section>`,
    `<section id="queues"><h2>Queues</h2>
<p class="hint">${escapeHtml(QUEUE_SECTION_NOTE)} ${escapeHtml(CHART_HINT)}</p>
<nav>${links(queues)}</nav>
${resourceHtml.filter((_, i) => sections.resources[i]!.kind === "queue").join("\n")}
</section>`,
    ...(pools.length > 0
      ? [
          `<section id="pools"><h2>Pools</h2>
<p class="hint">${escapeHtml(POOL_SECTION_NOTE)}</p>
<nav>${links(pools)}</nav>
${resourceHtml.filter((_, i) => sections.resources[i]!.kind === "pool").join("\n")}
</section>`,
        ]
      : []),
    `<section id="scenario"><h2>Scenario as run</h2>
${detailsHtml(`The scenario after defaults (scenario.json), seed ${c.seed}`, c.scenarioJson, true)}
</section>`,
  ].join("\n");
  return documentHtml({
    title: c.scenarioName,
    header: `${description}${factsHtml(runFacts(run))}\n<nav>${nav}</nav>`,
    body: `<style>.topology-box { overflow-x: auto; border: 1px solid var(--rule); border-radius: 6px; padding: 8px; background: #fff; margin: 8px 0 20px; } h3.resource { font-size: 1.15rem; margin: 28px 0 4px; } table.grid { width: auto; min-width: 50%; margin: 0 0 20px; } td.run { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }</style>\n${body}`,
    charts,
  });
}

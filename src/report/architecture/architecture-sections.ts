// The content of an architecture run's report, in reading order, before it is written as HTML or Markdown: the
// topology, the tables across resources, then a section per queue and per pool with its tables and charts.
import { type ChartSpec } from "../charts/chart-spec.js";
import {
  costTable,
  type GridTable,
  pathsTable,
  poolTables,
  producersTable,
  queueTables,
  type ResourceTable,
  topicsTable,
  topicTotalsTable,
} from "./architecture-tables.js";
import { type ArchitectureRunData } from "./architecture-run-data.js";
import { POOL_CHART_IDS, poolView, QUEUE_CHART_IDS, queueView, viewCharts } from "./resource-views.js";
import { buildTopology, peakBacklogs, type Topology } from "./topology.js";

export interface ResourceSection {
  kind: "queue" | "pool";
  name: string;
  /** An HTML id and Markdown anchor: `queue-billing`. */
  anchor: string;
  /** One line under the heading: what feeds it and what reads it. */
  note: string;
  tables: ResourceTable[];
  charts: ChartSpec[];
}

export interface ArchitectureSections {
  topology: Topology;
  overview: GridTable[];
  topics: GridTable[];
  paths: GridTable | null;
  resources: ResourceSection[];
}

export function architectureSections(run: ArchitectureRunData): ArchitectureSections {
  const s = run.summary;
  const queues = run.wiring.queues.map((q) => q.name);
  const topology = buildTopology(run.wiring, s, peakBacklogs(run.series, queues));
  const resources: ResourceSection[] = [];
  for (const name of queues) {
    const readers = run.wiring.pools.filter((p) => p.queue === name).map((p) => p.name);
    const feeders = topology.flows.filter((f) => f.to === `queue:${name}`).map((f) => f.from.replace(":", " "));
    resources.push({
      kind: "queue",
      name,
      anchor: `queue-${name}`,
      note:
        `Fed by ${feeders.length === 0 ? "nothing" : feeders.join(", ")}; ` +
        (readers.length === 0 ? "no pool reads it." : `read by ${readers.map((p) => `pool ${p}`).join(", ")}.`),
      tables: queueTables(s.queues[name]!),
      charts: viewCharts(queueView(s, run.series, run.context, name), "queue", name, QUEUE_CHART_IDS),
    });
  }
  for (const pool of run.wiring.pools) {
    const emits = pool.emitsTo.map((e) => `${e.kind} ${e.name}`);
    resources.push({
      kind: "pool",
      name: pool.name,
      anchor: `pool-${pool.name}`,
      note: `Reads queue ${pool.queue}; ${emits.length === 0 ? "emits nothing." : `emits to ${[...new Set(emits)].join(", ")}.`}`,
      tables: poolTables(s.consumers[pool.name]!),
      charts: viewCharts(poolView(s, run.series, run.activities, run.context, pool.name), "pool", pool.name, POOL_CHART_IDS),
    });
  }
  return {
    topology,
    overview: [producersTable(s), costTable(s)],
    topics: [topicTotalsTable(s), topicsTable(s)].filter((t): t is GridTable => t !== null),
    paths: pathsTable(s),
    resources,
  };
}

/** Every chart of the report in page order: what report.html draws and charts/ holds as PNGs. */
export const allCharts = (sections: ArchitectureSections): ChartSpec[] => sections.resources.flatMap((r) => r.charts);

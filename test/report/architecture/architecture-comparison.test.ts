// A comparison of architecture runs (`sqs-sim compare`): the side-by-side tables read from each run's summary, the
// scenario diff naming list entries by name, a resource one run lacks shown as —, the charts per queue and pool.
import { describe, expect, it } from "vitest";
import { architectureCompareFiles, type ComparedArchitectureRun } from "../../../src/report/architecture-compare-files.js";
import { peakBacklogs } from "../../../src/report/architecture/topology.js";
import { pngRendererProblem } from "../../../src/report/render-png.js";
import { formatInt, formatPercent, formatUsd, latencyFigure } from "../../../src/report/summary-tables.js";
import { PNG_SIGNATURE } from "../saved-run-fixture.js";
import { SHOP_YAML, simulateArchitectureYaml } from "./architecture-fixture.js";

/** The shop with its receipt workers on two instances instead of one: what `--set consumers.receipt-workers.fleet.instances=2` gives. */
const TWO_RECEIPT_WORKERS = SHOP_YAML.replace(
  "    queue: receipts\n    fleet: { kind: fixed, instances: 1 }",
  "    queue: receipts\n    fleet: { kind: fixed, instances: 2 }",
);
/** The shop with a queue no run before had (spare) and a pool reading audit, listed before the others. */
const GROWN = SHOP_YAML.replace("queues:\n", "queues:\n  - name: spare\n").replace(
  "consumers:\n",
  "consumers:\n  - name: audit-workers\n    queue: audit\n    fleet: { kind: fixed, instances: 1 }\n",
);

function compared(
  yamls: string[],
  labels: string[] = yamls.map((_, i) => `run-${i + 1}`),
): { runs: ComparedArchitectureRun[]; files: Map<string, string | Uint8Array> } {
  const runs = yamls.map((yaml, i) => ({ label: labels[i]!, directory: `/runs/${labels[i]!}`, run: simulateArchitectureYaml(yaml).data }));
  return { runs, files: new Map(architectureCompareFiles(runs).map((f) => [f.name, f.content])) };
}

/** The rows of the Markdown table under a heading: label → the values in each run. */
function mdSection(md: string, heading: string): Map<string, string[]> {
  const start = md.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const lines = md.slice(start + heading.length + 3).split("\n");
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(2)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .slice(2, -2)
      .split(" | ")
      .map((c) => c.trim());
    rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

const chartIdsOf = (html: string): string[] =>
  (JSON.parse(/<script type="application\/json" id="sqs-sim-charts">(.*?)<\/script>/s.exec(html)![1]!) as { id: string }[]).map((c) => c.id);

describe("a comparison of two architecture runs that differ in one field", () => {
  const { runs, files } = compared([SHOP_YAML, TWO_RECEIPT_WORKERS]);
  const md = String(files.get("report.md"));
  const html = String(files.get("report.html"));
  const summaries = runs.map((r) => r.run.summary);

  it("names the changed field by the pool's name, in the HTML and the Markdown", () => {
    expect(md).toContain("Differs: `consumers.receipt-workers.fleet.instances` (1 | 2)\n");
    expect(html).toContain("<strong>Differs:</strong> <code>consumers.receipt-workers.fleet.instances</code> (1 | 2)</p>");
  });

  it("gives the cost of each run from its summary", () => {
    const cost = mdSection(md, "## Cost");
    expect(cost.get("SQS requests")).toEqual(summaries.map((s) => formatUsd(s.cost.sqsUsd)));
    expect(cost.get("SNS publishes and deliveries")).toEqual(summaries.map((s) => formatUsd(s.cost.snsUsd)));
    expect(cost.get("compute")).toEqual(summaries.map((s) => formatUsd(s.cost.computeUsd)));
    expect(cost.get("total")).toEqual(summaries.map((s) => formatUsd(s.cost.totalUsd)));
    // The second run pays for a second receipt worker.
    expect(summaries[1]!.cost.computeUsd).toBeGreaterThan(summaries[0]!.cost.computeUsd);
  });

  it("gives per queue its sends, deletes, what is left, the p99s, the peak backlog and its cost", () => {
    for (const name of ["billing", "audit", "receipts"]) {
      const rows = mdSection(md, `### queue ${name}`);
      const queues = summaries.map((s) => s.queues[name]!);
      const left = (q: (typeof queues)[number]) => q.messages.remaining.visible + q.messages.remaining.inFlight + q.messages.remaining.delayed;
      expect(rows.get("sent (accepted)")).toEqual(queues.map((q) => formatInt(q.messages.sent)));
      expect(rows.get("deleted")).toEqual(queues.map((q) => formatInt(q.messages.deleted)));
      expect(rows.get("left at the end (visible, in flight, delayed)")).toEqual(queues.map((q) => formatInt(left(q))));
      expect(rows.get("queue wait p99")).toEqual(queues.map((q) => latencyFigure(q.latency.queueWait, "p99")));
      expect(rows.get("end to end p99")).toEqual(queues.map((q) => latencyFigure(q.latency.endToEnd, "p99")));
      expect(rows.get("peak backlog")).toEqual(runs.map((r) => formatInt(peakBacklogs(r.run.series, [name]).get(name)!)));
      expect(rows.get("cost (SQS requests)")).toEqual(queues.map((q) => formatUsd(q.costUsd)));
    }
  });

  it("gives per pool what it processed, its peak instances, utilisation, emitted messages and cost", () => {
    for (const name of ["billing-workers", "receipt-workers"]) {
      const rows = mdSection(md, `### pool ${name}`);
      const pools = summaries.map((s) => s.consumers[name]!);
      expect(rows.get("processed")).toEqual(pools.map((p) => formatInt(p.consumers.processed)));
      expect(rows.get("peak instances")).toEqual(pools.map((p) => formatInt(p.fleet.peakInstances)));
      expect(rows.get("worker utilisation")).toEqual(pools.map((p) => formatPercent(p.consumers.utilization)));
      expect(rows.get("emitted downstream")).toEqual(pools.map((p) => formatInt(p.emitted)));
      expect(rows.get("cost (compute)")).toEqual(pools.map((p) => formatUsd(p.costUsd)));
    }
    expect(mdSection(md, "### pool receipt-workers").get("peak instances")).toEqual(["1", "2"]);
    expect(mdSection(md, "### pool billing-workers").get("emitted downstream")![0]).not.toBe("0");
  });

  it("gives per path its count, p50 and p99, and per topic what it published, delivered and filtered out per queue", () => {
    const paths = Object.keys(summaries[0]!.paths);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      const rows = mdSection(md, `### ${path}`);
      const l = summaries.map((s) => s.paths[path]!.endToEnd);
      expect(rows.get("messages")).toEqual(l.map((x) => formatInt(x.count)));
      expect(rows.get("still waiting at the end")).toEqual(l.map((x) => formatInt(x.censored ?? 0)));
      expect(rows.get("p50")).toEqual(l.map((x) => latencyFigure(x, "p50")));
      expect(rows.get("p99")).toEqual(l.map((x) => latencyFigure(x, "p99")));
    }
    const topic = mdSection(md, "### topic orders");
    const orders = summaries.map((s) => s.topics.orders!);
    expect(topic.get("published")).toEqual(orders.map((t) => formatInt(t.published)));
    for (const q of ["billing", "audit"]) {
      expect(topic.get(`delivered to ${q}`)).toEqual(orders.map((t) => formatInt(t.delivered[q]!)));
      expect(topic.get(`filtered out for ${q}`)).toEqual(orders.map((t) => formatInt(t.filteredOut[q]!)));
    }
  });

  it("draws per queue and per pool the comparison charts, as PNGs under charts/ when the renderer loads", () => {
    const ids = chartIdsOf(html);
    for (const queue of ["billing", "audit", "receipts"]) {
      for (const chart of ["compare-backlog", "compare-age", "compare-queue-wait-p99", "compare-deleted"]) expect(ids).toContain(`queue.${queue}.${chart}`);
    }
    for (const pool of ["billing-workers", "receipt-workers"]) {
      for (const chart of ["compare-instances", "compare-cost"]) expect(ids).toContain(`pool.${pool}.${chart}`);
    }
    // No chart twice, none of a pool's queue charts again under the pool.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith("pool.") && id.includes("backlog"))).toEqual([]);
    const pngs = [...files.keys()].filter((n) => n.startsWith("charts/"));
    if (pngRendererProblem() === null) {
      expect(pngs).toEqual(ids.map((id) => `charts/${id}.png`));
      for (const name of pngs) expect(Buffer.from(files.get(name) as Uint8Array).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      for (const id of ids) expect(md).toContain(`](charts/${id}.png)`);
    } else {
      expect(pngs).toEqual([]);
      expect(md).toContain("The charts are not here as PNG images");
    }
  });

  it("writes comparison.json listing the runs and their directories", () => {
    expect(JSON.parse(String(files.get("comparison.json")))).toEqual({
      runs: [
        { label: "run-1", directory: "/runs/run-1", scenario: "shop", seed: 1 },
        { label: "run-2", directory: "/runs/run-2", scenario: "shop", seed: 1 },
      ],
    });
  });

  it("is byte-identical when drawn again", () => {
    const again = compared([SHOP_YAML, TWO_RECEIPT_WORKERS]).files;
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [name, content] of files) expect(again.get(name), name).toEqual(content);
  });
});

describe("a comparison where one run has a queue and a pool the other lacks", () => {
  const { runs, files } = compared([SHOP_YAML, GROWN]);
  const md = String(files.get("report.md"));
  const html = String(files.get("report.html"));

  it("shows — in every row of the run without them, and the other run's figures", () => {
    const spare = mdSection(md, "### queue spare");
    expect(spare.get("sent (accepted)")).toEqual(["—", "0"]);
    expect(spare.get("peak backlog")).toEqual(["—", "0"]);
    const pool = mdSection(md, "### pool audit-workers");
    expect([...pool.values()].every((v) => v[0] === "—")).toBe(true);
    expect(pool.get("processed")).toEqual(["—", formatInt(runs[1]!.run.summary.consumers["audit-workers"]!.consumers.processed)]);
    expect(pool.get("reads queue")).toEqual(["—", "audit"]);
  });

  it("names the added entries by name in the scenario diff, not by position or as a whole list", () => {
    expect(md).toMatch(/Differs: .*`queues\.spare` \(— \| /);
    expect(md).toMatch(/Differs: .*`consumers\.audit-workers` \(— \| /);
    expect(md).not.toContain("`queues` (");
    expect(md).not.toMatch(/`consumers\.\d/);
  });

  it("draws no chart of the added pool: one run has it, and one line is no comparison", () => {
    const ids = chartIdsOf(html);
    expect(ids.filter((id) => id.startsWith("pool.audit-workers."))).toEqual([]);
    expect(ids).toContain("queue.billing.compare-backlog");
  });
});

describe("a comparison of three runs where the middle one lacks a pool", () => {
  it("draws the pool's charts for the other two, each run in the colour it has in every other chart", () => {
    const { files } = compared([GROWN, SHOP_YAML, GROWN]);
    const charts = JSON.parse(/<script type="application\/json" id="sqs-sim-charts">(.*?)<\/script>/s.exec(String(files.get("report.html")))![1]!) as {
      id: string;
      config: { data: { datasets: { label: string; borderColor: string }[] } };
    }[];
    const lines = (id: string) => charts.find((c) => c.id === id)!.config.data.datasets.map((d) => [d.label, d.borderColor]);
    const everyRun = lines("queue.billing.compare-backlog");
    expect(everyRun.map(([label]) => label)).toEqual(["run-1", "run-2", "run-3"]);
    expect(lines("pool.audit-workers.compare-instances")).toEqual([everyRun[0], everyRun[2]]);
  });
});

describe("names in a comparison's report.html", () => {
  it("escapes the run labels", () => {
    const { files } = compared([SHOP_YAML, SHOP_YAML], ["<b>a</b>", "x&y"]);
    const html = String(files.get("report.html"));
    expect(html).toContain("&lt;b&gt;a&lt;/b&gt;");
    expect(html).toContain("x&amp;y");
    expect(html).not.toContain("<b>a</b>");
  });
});

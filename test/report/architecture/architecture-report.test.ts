import { describe, expect, it } from "vitest";
import { architectureReportFiles } from "../../../src/report/architecture-report.js";
import { poolActivities } from "../../../src/report/architecture/resource-views.js";
import { pngRendererProblem } from "../../../src/report/render-png.js";
import { PNG_SIGNATURE } from "../saved-run-fixture.js";
import { simulateArchitectureYaml } from "./architecture-fixture.js";

describe("the report of an architecture run", () => {
  const run = simulateArchitectureYaml();
  const files = architectureReportFiles(run.data);
  const named = (name: string) => files.find((f) => f.name === name)?.content;
  const html = String(named("report.html"));
  const md = String(named("report.md"));
  const chartIds = (JSON.parse(/<script type="application\/json" id="sqs-sim-charts">(.*?)<\/script>/s.exec(html)![1]!) as { id: string }[]).map((c) => c.id);

  it("writes report.html and report.md, and the charts as PNGs under charts/ when the renderer loads", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(md.startsWith("# shop (seed 1)\n")).toBe(true);
    const pngs = files.filter((f) => f.name.startsWith("charts/"));
    if (pngRendererProblem() === null) {
      expect(pngs.map((f) => f.name)).toEqual(chartIds.map((id) => `charts/${id}.png`));
      for (const f of pngs) expect(Buffer.from(f.content as Uint8Array).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(md).not.toContain("could not be loaded");
    } else {
      expect(pngs).toEqual([]);
      expect(md).toContain("The charts are not here as PNG images");
    }
  });

  it("has the topology first, then topics, paths, a section per queue and per pool, and the scenario", () => {
    const at = (text: string) => {
      const i = html.indexOf(text);
      expect(i, text).toBeGreaterThan(0);
      return i;
    };
    const order = [
      '<section id="topology">',
      '<svg class="topology"',
      '<section id="topics">',
      '<section id="paths">',
      '<section id="queues">',
      'id="queue-billing"',
      'id="queue-audit"',
      'id="queue-receipts"',
      '<section id="pools">',
      'id="pool-billing-workers"',
      'id="pool-receipt-workers"',
      '<section id="scenario">',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain(run.scenarioJson.slice(0, 40).replace(/"/g, "&quot;"));
  });

  it("tabulates each topic's subscriptions and each path's end to end from the summary", () => {
    const t = run.data.summary.topics.orders!;
    expect(html).toContain(`<th scope="row">orders</th><td class="text">audit</td><td class="run">${t.published.toLocaleString("en-US")}</td>`);
    for (const [name, p] of Object.entries(run.data.summary.paths)) {
      expect(html).toContain(`<th scope="row">${name}</th><td class="run">${p.endToEnd.count.toLocaleString("en-US")}</td>`);
      expect(md).toContain(`| ${name} | ${p.endToEnd.count.toLocaleString("en-US")} |`);
    }
    expect(Object.keys(run.data.summary.paths).length).toBeGreaterThan(1);
  });

  it("draws today's charts per resource: a queue no pool reads gets its own, an Auto Scaling pool its fleet", () => {
    // One figure per chart spec, numbered in page order, for the page script.
    expect(chartIds.length).toBeGreaterThan(0);
    chartIds.forEach((id, i) => expect(html).toContain(`<figure class="chart" id="chart-${i}" data-chart-id="${id}">`));
    expect(chartIds).toEqual(expect.arrayContaining(["queue.audit.queue", "queue.audit.waiting", "queue.audit.throughput"]));
    expect(chartIds).toEqual(expect.arrayContaining(["queue.billing.dead-letters", "pool.billing-workers.fleet", "pool.billing-workers.scaling-signal"]));
    expect(chartIds).toContain("pool.receipt-workers.cost");
    // A fixed fleet has no fleet chart, as in a single-queue run.
    expect(chartIds).not.toContain("pool.receipt-workers.fleet");
    expect(html).toContain("Queue depth — shop · queue audit (seed 1)");
  });

  it("gives each pool's charts its own scaling activities, under the names a single-queue run uses", () => {
    const own = poolActivities(run.result.activities, "billing-workers", "billing");
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBe(run.result.activities.filter((a) => a.source.startsWith("billing-workers[billing]/")).length);
    expect(own.every((a) => !a.source.includes("/"))).toBe(true);
    expect(poolActivities(run.result.activities, "receipt-workers", "receipts")).toEqual([]);
  });

  it("has the same content in report.md: the topology as Mermaid and a table of flows, then the sections", () => {
    expect(md).toContain("## Topology\n");
    expect(md).toContain("```mermaid\nflowchart LR\n");
    expect(md).toContain("| producer:web | topic:orders | produced |");
    for (const heading of ["## Topics", "## Paths", "## Queues", "### queue audit", "## Pools", "### pool billing-workers", "## Files"]) {
      expect(md).toContain(`${heading}\n`);
    }
  });

  it("is the same bytes for the same scenario and seed, run twice", () => {
    const again = architectureReportFiles(simulateArchitectureYaml().data);
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    for (const name of ["report.html", "report.md"]) expect(again.find((f) => f.name === name)!.content).toBe(named(name));
  });
});

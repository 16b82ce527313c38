// The sweep's report.html (the recommendation and its neighbours, the Pareto front, the sortable table of every
// cell, the sweep as run) and the report's files (charts/<id>.png and report.html, byte-identical from the same
// rows). Inputs are hand-made tables (report-fixtures.ts); only the last test renders PNGs.
import { describe, expect, it } from "vitest";
import { type ChartSpec } from "../../src/report/charts/chart-spec.js";
import { manifestText } from "../../src/sweep/definition.js";
import { SWEEP_METRICS } from "../../src/sweep/metrics.js";
import { buildSweepCharts } from "../../src/sweep/report/sweep-charts.js";
import { sweepHtml, TABLE_ROWS } from "../../src/sweep/report/sweep-html.js";
import { sweepReportFiles } from "../../src/sweep/report/sweep-report.js";
import { type SweepReportInput } from "../../src/sweep/report/sweep-view.js";
import { type Figures, gridInput, HOSTILE, HOSTILE_QUOTES, INSTANCES, roughInput, sweepDefinition, sweepInput, WAITS } from "./report-fixtures.js";

/** Whether a page holds a piece of text (a boolean, so that a failure does not print the whole page). */
const expectText = (page: string, text: string): void => expect(page.includes(text), `the page should contain ${text.slice(0, 400)}`).toBe(true);
const expectNoText = (page: string, text: string): void => expect(page.includes(text), `the page should not contain ${text.slice(0, 400)}`).toBe(false);

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** The chart data block, as text and parsed. */
function chartBlock(html: string): { text: string; charts: { id: string; config: any }[] } {
  const m = /<script type="application\/json" id="sqs-sim-charts">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error("no chart data block");
  return { text: m[1]!, charts: JSON.parse(m[1]!) };
}

interface TableCell {
  attrs: string;
  sort: string | null;
  html: string;
  text: string;
}
interface TableRow {
  classes: string[];
  cells: TableCell[];
}

/** The sortable table: its column headings (with their attributes) and its rows, parsed. */
function sortableTable(html: string): { headings: { text: string; attrs: string }[]; rows: TableRow[] } {
  const tables = [...html.matchAll(/<table class="results sortable">([\s\S]*?)<\/table>/g)];
  expect(tables, "one sortable table").toHaveLength(1);
  const table = tables[0]![1]!;
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)![1]!;
  const headings = [...head.matchAll(/<th([^>]*)><button type="button" class="sort">([\s\S]*?)<\/button><\/th>/g)].map((m) => ({
    attrs: m[1]!,
    text: unescapeHtml(m[2]!),
  }));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)![1]!;
  const rows = [...body.matchAll(/<tr(?: class="([^"]*)")?>([\s\S]*?)<\/tr>/g)].map((m) => ({
    classes: (m[1] ?? "").split(" ").filter(Boolean),
    cells: [...m[2]!.matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => ({
      attrs: c[1]!,
      sort: /data-sort="([^"]*)"/.exec(c[1]!)?.[1] ?? null,
      html: c[2]!,
      text: unescapeHtml(c[2]!.replace(/<[^>]+>/g, " "))
        .replace(/\s+/g, " ")
        .trim(),
    })),
  }));
  return { headings, rows };
}

/** The text of the <pre> block after a marker, unescaped. */
function preAfter(html: string, marker: string): string {
  const at = html.indexOf(marker);
  expect(at, `the page should contain ${marker}`).toBeGreaterThanOrEqual(0);
  return unescapeHtml(/<pre>([\s\S]*?)<\/pre>/.exec(html.slice(at))![1]!);
}

/** The recommendation block's HTML. */
function recommendationBlock(html: string): string {
  const m = /<div class="recommendation">([\s\S]*?)<\/div>\n/.exec(html);
  if (m === null) throw new Error("no recommendation block");
  return m[1]!;
}

const page = (input: SweepReportInput, charts: ChartSpec[] = buildSweepCharts(input)): string => sweepHtml(input, charts);

const METRIC_HEADINGS = [
  "queue-wait p99",
  "end-to-end p99",
  "SLO breaches",
  "processed twice",
  "dead-lettered",
  "peak instances",
  "instance hours",
  "total cost",
  "expired",
  "peak deletes per second",
  "still waiting at the end",
];

describe("sweepHtml on the 2 × 3 grid with an SLO", () => {
  const input = gridInput();
  const charts = buildSweepCharts(input);
  const html = sweepHtml(input, charts);
  const table = sortableTable(html);

  it("has the table's columns: cell, each --vary, each metric, feasible, robust, Pareto, all sorted as numbers", () => {
    expect(SWEEP_METRICS).toHaveLength(METRIC_HEADINGS.length);
    expect(table.headings.map((h) => h.text)).toEqual(["cell", "fleet.instances", "queue.receiveWaitTime", ...METRIC_HEADINGS, "feasible", "robust", "Pareto"]);
    for (const h of table.headings) expect(h.attrs, h.text).toContain(`data-type="number"`);
    expect(table.headings.filter((h) => h.attrs.includes(`class="parameter"`)).map((h) => h.text)).toEqual(["fleet.instances", "queue.receiveWaitTime"]);
  });

  it("has one row per cell in cell order, the recommended one starred, the infeasible ones marked", () => {
    expect(table.rows).toHaveLength(6);
    expect(table.rows.map((r) => r.cells.length)).toEqual(Array(6).fill(table.headings.length));
    expect(table.rows.map((r) => r.cells[0]!.sort)).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(table.rows.map((r) => r.cells[0]!.text)).toEqual(["0", "1", "2", "3", "★ 4", "5"]);
    expect(table.rows.map((r) => r.classes)).toEqual([["infeasible"], ["infeasible"], ["infeasible"], [], ["recommended"], []]);
  });

  it("sorts the parameters by their place in the --vary list (10 after 5), and shows their values", () => {
    expect(table.rows.map((r) => [r.cells[1]!.text, r.cells[2]!.text])).toEqual([0, 1, 2, 3, 4, 5].map((c) => [INSTANCES[Math.floor(c / 3)], WAITS[c % 3]]));
    expect(table.rows.map((r) => [r.cells[1]!.sort, r.cells[2]!.sort])).toEqual([
      ["0", "0"],
      ["0", "1"],
      ["0", "2"],
      ["1", "0"],
      ["1", "1"],
      ["1", "2"],
    ]);
  });

  it("shows each figure's mean, its 95% interval below when the replications differ, and sorts by the mean", () => {
    const four = table.rows[4]!.cells;
    expect(four[3]!.html).toBe(`20.0 s<span class="ci">18.7 s – 21.3 s</span>`);
    expect(four[3]!.attrs).toBe(` data-sort="20" title="20.0 s (95% CI 18.7 s – 21.3 s)"`);
    expect(four[4]!.text).toBe("21.0 s 19.7 s – 22.3 s"); // end-to-end p99 = p99 + 1 in the fixture
    // Equal replications: no interval.
    expect(four.slice(5, 10).map((c) => [c.sort, c.html])).toEqual([
      ["0", "0"],
      ["0", "0"],
      ["0", "0"],
      ["2", "2"],
      ["0.5", "0.5"],
    ]);
    expect(four[10]!.html).toBe(`$0.18<span class="ci">$0.167 – $0.193</span>`);
    expect(table.rows.map((r) => r.cells[3]!.sort)).toEqual(["40", "50", "45", "10", "20", "28"]);
    expect(table.rows.map((r) => r.cells[10]!.sort)).toEqual(["0.11", "0.07", "0.12", "0.21", "0.18", "0.25"]);
    for (const r of table.rows) for (const c of r.cells) expect(c.sort === "" || Number.isFinite(Number(c.sort)), c.attrs).toBe(true);
  });

  it("has feasible, robust and Pareto as yes / no, sorting as 1 / 0, and says under a no what the cell misses", () => {
    const flags = table.rows.map((r) => r.cells.slice(-3).map((c) => `${c.text}/${c.sort}`));
    const no = "no misses queueWait.p99<=30s/0";
    expect(flags).toEqual([
      [no, "no/0", "yes/1"],
      [no, "no/0", "yes/1"],
      [no, "no/0", "no/0"],
      ["yes/1", "yes/1", "yes/1"],
      ["yes/1", "yes/1", "yes/1"],
      ["yes/1", "no/0", "no/0"],
    ]);
  });

  it("recommends the cheapest feasible cell, says whether it is robust, and lists its neighbours with their margins", () => {
    const block = recommendationBlock(html);
    expectText(block, "<p><strong>3 of 6 cells</strong> meet every objective on the mean (queueWait.p99&lt;=30s).</p>");
    expectText(
      block,
      "Recommended: <strong>cell 4</strong> (fleet.instances=10, queue.receiveWaitTime=5s), the cheapest feasible cell: " +
        "total cost $0.18 per run, queue-wait p99 20.0 s. Robust: the 95% bounds meet every objective too.",
    );
    const neighbours = [...block.matchAll(/<tr><td class="parameter">([\s\S]*?)<\/tr>/g)].map((m) =>
      unescapeHtml(`<td class="parameter">${m[1]!}`.replace(/<td[^>]*>/g, "").replace(/<\/td>/g, " | ")).trim(),
    );
    expect(neighbours).toEqual([
      "fleet.instances=5 | 1 | $0.07 | −$0.11 | 50.0 s | +30.0 s | misses queueWait.p99<=30s |",
      "queue.receiveWaitTime=0s | 3 | $0.21 | +$0.03 | 10.0 s | −10.0 s | feasible |",
      "queue.receiveWaitTime=20s | 5 | $0.25 | +$0.07 | 28.0 s | +8.00 s | feasible |",
    ]);
  });

  it("says when the recommendation is not robust", () => {
    // p99 ≤ 21 s: cell 4 (20 s, upper bound 21.3 s) is still the cheapest feasible cell, but not robust.
    const tight = page(gridInput({ slos: ["queueWait.p99<=21s"] }), []);
    expectText(recommendationBlock(tight), "<strong>cell 4</strong>");
    expectText(recommendationBlock(tight), "Not robust: a 95% bound misses an objective");
  });

  it("lists the Pareto front cheapest first", () => {
    expectText(html, "<h3>The Pareto front: 4 cells, cheapest first</h3>");
    const front = /<h3>The Pareto front[\s\S]*?<ol>([\s\S]*?)<\/ol>/.exec(html)![1]!;
    expect([...front.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescapeHtml(m[1]!))).toEqual([
      "cell 1: fleet.instances=5, queue.receiveWaitTime=5s: $0.07, p99 50.0 s",
      "cell 0: fleet.instances=5, queue.receiveWaitTime=0s: $0.11, p99 40.0 s",
      "cell 4: fleet.instances=10, queue.receiveWaitTime=5s: $0.18, p99 20.0 s",
      "cell 3: fleet.instances=10, queue.receiveWaitTime=0s: $0.21, p99 10.0 s",
    ]);
  });

  it("shows the sweep as run: the command that runs it again and sweep.json", () => {
    expectText(html, `<section id="scenario"><h2>Sweep as run</h2>`);
    expect(preAfter(html, "Run it again")).toBe(
      [
        "sqs-sim sweep",
        "<grid scenario file>",
        "--vary fleet.instances=5,10",
        "--vary queue.receiveWaitTime=0s,5s,20s",
        "-n 2",
        "--seed 7",
        "--slo 'queueWait.p99<=30s'",
      ].join(" \\\n  "),
    );
    expect(preAfter(html, "sweep.json")).toBe(manifestText(input.definition, null));
    expectText(html, `<p class="description">6 cells: fleet.instances (2 values) × queue.receiveWaitTime (3 values), 2 seeded replications per cell.`);
  });

  it("quotes --set values for the shell in the command line", () => {
    const withSets = gridInput({ sets: ["queue.visibilityTimeout=45s", "producers.orders.traffic=[{constant: 5}]", "queue.name=it's"] });
    const command = preAfter(page(withSets, []), "Run it again");
    expect(command).toContain(
      " \\\n  --set queue.visibilityTimeout=45s \\\n  --set 'producers.orders.traffic=[{constant: 5}]' \\\n  --set 'queue.name=it'\\''s' \\\n  --slo",
    );
  });

  it("embeds every chart's config, one figure each, and no table note when every cell is shown", () => {
    const block = chartBlock(html);
    expect(block.charts).toEqual(charts.map((c) => ({ id: c.id, config: JSON.parse(JSON.stringify(c.config)) })));
    expect(block.charts.map((c) => c.id)).toEqual(["cost-vs-p99", "heatmap-queue-wait-p99", "heatmap-total-cost"]);
    expect(html.match(/<canvas\b/g)).toHaveLength(3);
    expectNoText(html, "The table shows");
  });
});

describe("sweepHtml without --slo, with zeros, a missing figure and one replication", () => {
  const input = roughInput();
  const html = page(input);
  const table = sortableTable(html);

  it("has no feasible or robust columns, no star and no infeasible rows", () => {
    expect(table.headings.map((h) => h.text)).toEqual(["cell", "producers.orders.rate", "fleet.instances", ...METRIC_HEADINGS, "Pareto"]);
    expect(table.rows.map((r) => r.classes)).toEqual([[], [], [], [], [], []]);
    expectNoText(html, "★");
    expect(table.rows.map((r) => r.cells.at(-1)!.text)).toEqual(["yes", "yes", "no", "no", "no", "no"]);
  });

  it("writes n/a for the missing figure (sorting last), 0 s for the zeros, and no interval with one replication", () => {
    expect(table.rows.map((r) => [r.cells[3]!.text, r.cells[3]!.sort])).toEqual([
      ["50 ms", "0.05"],
      ["0 s", "0"],
      ["0 s", "0"],
      ["6.00 s", "6"],
      ["500 ms", "0.5"],
      ["n/a", ""],
    ]);
    expectNoText(html, `<span class="ci">`);
  });

  it("explains how to get a recommendation instead of giving one", () => {
    expectText(recommendationBlock(html), "No <code>--slo</code> or <code>--constraint</code> was given, so no cell is recommended");
    expectText(html, "<h3>The Pareto front: 2 cells, cheapest first</h3>");
  });
});

describe("sweepHtml when no cell meets the objectives", () => {
  it("says so and names the objectives missed, most missed first", () => {
    const html = page(gridInput({ slos: ["queueWait.p99<=15s", "totalCost<=0.2"] }), []);
    // p99 ≤ 15 s: only cell 3 (10 s), which costs $0.21. Cost ≤ $0.20: cells 0, 1, 2, 4 (5 is $0.25, 3 is $0.21).
    const block = recommendationBlock(html);
    expectText(block, "<strong>0 of 6 cells</strong>");
    expectText(block, "No cell is feasible. Objectives missed: queueWait.p99&lt;=15s (5 cells), totalCost&lt;=0.2 (2 cells).");
    expect(sortableTable(html).rows.every((r) => r.classes.includes("infeasible") && !r.classes.includes("recommended"))).toBe(true);
  });
});

describe("sweepHtml with hostile parameter values, scenario name and --set texts", () => {
  const input = gridInput({
    scenario: HOSTILE,
    instances: ["5", HOSTILE],
    waits: ["0s", HOSTILE_QUOTES, "20s"],
    sets: [`queue.name=${HOSTILE}`, `queue.type=${HOSTILE_QUOTES}`],
  });
  const charts = buildSweepCharts(input);
  const html = sweepHtml(input, charts);

  it("recommends the cell with the hostile values (so they reach the recommendation block too)", () => {
    expect(input.recommendation?.best?.parameters).toEqual({ "fleet.instances": HOSTILE, "queue.receiveWaitTime": HOSTILE_QUOTES });
  });

  it("escapes them everywhere: no element, attribute or script end comes from them", () => {
    expectNoText(html, "<img");
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    // Outside the scripts (where the JSON block holds the values as JSON strings), no quote comes out unescaped.
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
    expect(markup.length).toBeLessThan(html.length / 2);
    expectNoText(markup, `onmouseover="`);
    expectNoText(markup, `data-x='`);
    expectNoText(markup, "alert(1)'");
    expect(html.match(/<title>/g)).toHaveLength(1);
    expectText(html, `<title>Sweep: ${"&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"}</title>`);
  });

  it("keeps the table's structure, showing the values as text", () => {
    const table = sortableTable(html);
    expect(table.rows).toHaveLength(6);
    expect(table.rows.map((r) => r.cells.length)).toEqual(Array(6).fill(table.headings.length));
    expect(table.rows[4]!.cells[1]).toMatchObject({ sort: "1", text: HOSTILE });
    expect(table.rows[4]!.cells[2]).toMatchObject({ sort: "1", text: HOSTILE_QUOTES });
    expect(table.rows[4]!.classes).toEqual(["recommended"]);
  });

  it("shows them as text in the recommendation, the front, the facts and the command line", () => {
    const block = recommendationBlock(html);
    expect(unescapeHtml(block)).toContain(`(fleet.instances=${HOSTILE}, queue.receiveWaitTime=${HOSTILE_QUOTES})`);
    expectText(
      html,
      `<dd>${"queue.name=&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"} queue.type=x&quot; onmouseover=&quot;alert(1)&#39; data-x=&#39;</dd>`,
    );
    const command = preAfter(html, "Run it again");
    expect(command).toContain(`<${HOSTILE} scenario file>`);
    expect(command).toContain(`--vary 'fleet.instances=5,${HOSTILE}'`);
    expect(command).toContain(`--set 'queue.name=${HOSTILE}'`);
    // Each ' of the value closes the quote, adds an escaped one and reopens it: '\''.
    expect(command).toContain(`--set 'queue.type=x" onmouseover="alert(1)'\\'' data-x='\\'''`);
    expect(JSON.parse(preAfter(html, "sweep.json"))).toMatchObject({ scenario: HOSTILE, sets: input.definition.sets });
  });

  it("keeps the chart data block free of '<' and reads it back intact", () => {
    const block = chartBlock(html);
    expect(block.text).not.toMatch(/<\/script/i);
    expect(block.text).not.toContain("<");
    expect(block.charts.map((c) => c.id)).toEqual(["cost-vs-p99", "heatmap-queue-wait-p99", "heatmap-total-cost"]);
    const heatmap = block.charts[1]!.config;
    expect(heatmap.options.scales.y.labels).toEqual(["5", HOSTILE]);
    expect(heatmap.options.scales.x.labels).toEqual(["0s", HOSTILE_QUOTES, "20s"]);
    expect(heatmap.options.plugins.title.text).toContain(HOSTILE);
    expect(block.charts).toEqual(charts.map((c) => ({ id: c.id, config: JSON.parse(JSON.stringify(c.config)) })));
  });
});

describe(`sweepHtml above ${TABLE_ROWS} cells`, () => {
  // 51 × 100 = 5,100 cells, one replication; cost grows with the cell index, p99 is 100 s but in a few cells.
  //   cell 0     p99 100 s, cheapest: on the front
  //   cell 5050  p99 5 s, processed twice: infeasible, on the front
  //   cell 5060  p99 5 s: feasible, dominated by 5050: the recommendation
  //   cell 5070  p99 8 s: feasible, off the front
  //   cell 5099  p99 1 s, processed twice: infeasible, on the front
  // The other 5,095 cells are infeasible and off the front: the 4,995 cheapest (cells 1 to 4995) fill the table.
  const special: Record<number, Figures> = {
    5050: { p99: 5, cost: 0, dup: 1 },
    5060: { p99: 5, cost: 0 },
    5070: { p99: 8, cost: 0 },
    5099: { p99: 1, cost: 0, dup: 1 },
  };
  const definition = sweepDefinition(
    [
      { path: "a.b", values: Array.from({ length: 51 }, (_, i) => String(i)) },
      { path: "c.d", values: Array.from({ length: 100 }, (_, i) => String(i)) },
    ],
    { replications: 1, slos: ["queueWait.p99<=10s", "duplicateProcessing==0"] },
  );
  const input = sweepInput(
    definition,
    Array.from({ length: 5100 }, (_, c) => [{ p99: 100, dup: 0, ...special[c], cost: (c + 1) / 1000 }]),
  );
  const html = page(input, []);

  it("is the grid the comment says", () => {
    expect(input.rows.filter((r) => r.pareto).map((r) => r.cell)).toEqual([0, 5050, 5099]);
    expect(input.rows.filter((r) => r.feasible).map((r) => r.cell)).toEqual([5060, 5070]);
    expect(input.recommendation?.best?.cell).toBe(5060);
  });

  it(`shows ${TABLE_ROWS} rows: the front, the recommendation and the feasible cells, then the cheapest, in cell order`, () => {
    const rows = sortableTable(html).rows;
    const cells = rows.map((r) => Number(r.cells[0]!.sort));
    expect(rows).toHaveLength(TABLE_ROWS);
    expect(cells).toEqual([...Array.from({ length: 4996 }, (_, c) => c), 5050, 5060, 5070, 5099]);
    expect(rows.find((r) => r.classes.includes("recommended"))!.cells[0]!.text).toBe("★ 5060");
    expectText(
      html,
      `<p class="hint">The table shows 5,000 of the 5,100 cells: the Pareto front, the recommendation and the feasible cells first, then the cheapest; results.csv has every cell.</p>`,
    );
  });
});

describe("sweepReportFiles", () => {
  it("writes a PNG per chart and report.html, byte-identical from the same rows", () => {
    const first = sweepReportFiles(gridInput());
    const second = sweepReportFiles(gridInput());
    expect(first.map((f) => f.name)).toEqual(["charts/cost-vs-p99.png", "charts/heatmap-queue-wait-p99.png", "charts/heatmap-total-cost.png", "report.html"]);
    expect(second.map((f) => f.name)).toEqual(first.map((f) => f.name));
    for (const [i, file] of first.entries()) {
      const again = second[i]!.content;
      if (file.name.endsWith(".png")) {
        const png = Buffer.from(file.content as Uint8Array);
        expect([...png.subarray(0, 8)], file.name).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], `${file.name} size`).toEqual([1200, 600]);
        expect(Buffer.from(again as Uint8Array).equals(png), `${file.name} is byte-identical`).toBe(true);
      } else {
        expect(typeof file.content).toBe("string");
        expect(again === file.content, "report.html is byte-identical").toBe(true);
      }
    }
    const input = gridInput();
    expect(first.at(-1)!.content === sweepHtml(input, buildSweepCharts(input))).toBe(true);
  });
});

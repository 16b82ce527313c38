import { describe, expect, it } from "vitest";
import { type ChartSpec } from "../../src/report/charts/chart-spec.js";
import { compareMarkdown, markdownTable, reportMarkdown, sideBySideTables } from "../../src/report/report-md.js";
import { summaryTables } from "../../src/report/summary-tables.js";
import { SMALL_YAML, simulateYaml } from "./saved-run-fixture.js";

function spec(id: string, title: string, howToRead: string): ChartSpec {
  return { id, title, howToRead, config: { type: "line", data: { datasets: [] } } };
}

const charts = [
  { spec: spec("queue", "Queue depth", "The shaded areas are stacked."), file: "charts/queue.png" },
  { spec: spec("cost", "Cost", "What the run has cost so far."), file: "charts/cost.png" },
];

describe("report.md of one run", () => {
  const run = simulateYaml(SMALL_YAML).data;
  const md = reportMarkdown(run, charts);

  it("starts with the scenario and seed as the heading, then the description and the run's facts", () => {
    const lines = md.split("\n");
    expect(lines[0]).toBe("# small-run (seed 1)");
    expect(lines[2]).toBe("Five orders a second into two instances.");
    expect(lines[4]).toBe("10.0 min simulated, in 60.0 s metric periods, with a fixed fleet.");
  });

  it("has every summary table as a Markdown table with every row of summaryTables", () => {
    for (const table of summaryTables(run.summary)) {
      expect(md).toContain(`### ${table.title}\n\n|  | value |\n| --- | --: |\n`);
      for (const row of table.rows) expect(md).toContain(`| ${row.label} | ${row.value} |`);
    }
  });

  it("shows each chart as an image with its how-to-read paragraph, in the order given", () => {
    expect(md).toContain("### Queue depth\n\n![Queue depth](charts/queue.png)\n\nThe shaded areas are stacked.\n");
    expect(md).toContain("### Cost\n\n![Cost](charts/cost.png)\n\nWhat the run has cost so far.\n");
    expect(md.indexOf("charts/queue.png")).toBeLessThan(md.indexOf("charts/cost.png"));
  });

  it("lists the other files of the run directory", () => {
    for (const file of ["summary.json", "timeseries.csv", "activities.csv", "latency-histograms.json", "scenario.json", "report.html", "charts/"]) {
      expect(md).toContain(`- \`${file}\`: `);
    }
  });

  it("has no chart section without charts", () => {
    expect(reportMarkdown(run, [])).not.toContain("## Charts");
  });

  it("keeps scenario text from becoming markup: no raw HTML, no links, no emphasis", () => {
    const hostile = { ...run, context: { ...run.context, scenarioName: "<b>x</b> [link](http://e) *y* _z_ snake_case", description: "a | b" } };
    const text = reportMarkdown(hostile, []);
    expect(text.split("\n")[0]).toBe("# &lt;b>x&lt;/b> \\[link\\](http://e) \\*y\\* \\_z\\_ snake_case (seed 1)");
    expect(text).not.toContain("<b>");
  });
});

describe("Markdown tables", () => {
  it("escape | and line breaks inside cells and right-align the numeric columns", () => {
    expect(markdownTable(["", "a", "b"], [["x|y", "1\n2", "3"]], 2)).toEqual(["|  | a | b |", "| --- | --: | --: |", "| x\\|y | 1 2 | 3 |"]);
  });
});

describe("report.md of a comparison", () => {
  const plain = simulateYaml(SMALL_YAML).data;
  const withSlo = simulateYaml(SMALL_YAML, ["slo.maxQueueWait=1s", "seed=2"]).data;
  const runs = [
    { label: "plain", run: plain },
    { label: "with-slo", run: withSlo },
  ];
  const md = compareMarkdown(runs, charts);

  it("names the runs being compared, with scenario and seed", () => {
    expect(md.split("\n")[0]).toBe("# Comparison: plain vs with-slo");
    expect(md).toContain("| plain | small-run | 1 | 10.0 min |");
    expect(md).toContain("| with-slo | small-run | 2 | 10.0 min |");
  });

  it("lines the summaries up side by side, one column per run, with a dash where a run has no such row", () => {
    const sent = (r: typeof plain) => summaryTables(r.summary)[0]!.rows.find((row) => row.label === "sent (accepted)")!.value;
    expect(md).toContain(`|  | plain | with-slo |\n| --- | --: | --: |\n`);
    expect(md).toContain(`| sent (accepted) | ${sent(plain)} | ${sent(withSlo)} |`);
    expect(md).toMatch(/\| maximum queue wait \| — \| 1\.00 s \|/);
  });

  it("shows the comparison charts and their how-to-read paragraphs", () => {
    expect(md).toContain("![Queue depth](charts/queue.png)\n\nThe shaded areas are stacked.");
  });

  it("sideBySideTables keeps every table and row of every run, in order of first appearance", () => {
    const tables = sideBySideTables([plain.summary, withSlo.summary]);
    expect(tables.map((t) => t.title)).toEqual(summaryTables(withSlo.summary).map((t) => t.title));
    expect(tables.find((t) => t.title === "SLO")!.rows.every((r) => r.values[0] === "—" && r.values[1] !== "—")).toBe(true);
  });
});

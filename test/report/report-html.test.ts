import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type ChartSpec } from "../../src/report/charts/chart-spec.js";
import { hydrateChartConfig } from "../../src/report/charts/chart-runtime.js";
import { buildCharts } from "../../src/report/charts/index.js";
import { compareHtml } from "../../src/report/html/compare-html.js";
import { chartJsSource, escapeHtml, scriptJson } from "../../src/report/html/page.js";
import { reportHtml } from "../../src/report/html/report-html.js";
import { type RunData } from "../../src/report/run-data.js";
import { summaryTables } from "../../src/report/summary-tables.js";
import { HOSTILE, lineSpec, smallRun } from "./chart-fixtures.js";

/** Whether a page holds a piece of text (a boolean, so that a failure does not print the whole page). */
const has = (page: string, text: string): boolean => page.includes(text);
const expectText = (page: string, text: string): void => expect(has(page, text), `the page should contain ${text.slice(0, 300)}`).toBe(true);

/** The chart data block of a page, parsed back. */
function embeddedCharts(html: string): unknown {
  const m = /<script type="application\/json" id="sqs-sim-charts">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error("no chart data block");
  return JSON.parse(m[1]!);
}

/** Every src= and href= value, and every <link> element: what a browser would fetch or follow. */
function references(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]!);
}

describe("reportHtml", () => {
  let run: RunData;
  let charts: ChartSpec[];
  let html: string;
  beforeAll(() => {
    run = smallRun();
    charts = buildCharts(run);
    html = reportHtml(run, charts);
  });

  it("is self-contained: Chart.js inlined without its source-map comment, nothing to fetch, no external URL", () => {
    expect(html.includes(chartJsSource())).toBe(true);
    expect(chartJsSource()).toMatch(/^\/\*!\n \* Chart\.js v4/);
    expect(/sourceMappingURL/.test(html)).toBe(false);
    expect(/<link\b/i.test(html)).toBe(false);
    expect(/<script[^>]*\bsrc=/i.test(html)).toBe(false);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(style).not.toMatch(/url\(|@import/i); // no fonts or images from the stylesheet
    // Only in-page anchors (the contents links).
    expect(references(html).filter((r) => !r.startsWith("#"))).toEqual([]);
    expect(has(html, `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`)).toBe(true);
  });

  it("embeds every chart's config as JSON that reads back unchanged", () => {
    expect(embeddedCharts(html)).toEqual(charts.map((c) => ({ id: c.id, config: JSON.parse(JSON.stringify(c.config)) })));
    expect(html.match(/<canvas\b/g)).toHaveLength(charts.length);
  });

  it("has the summary tables, the seed, the scenario as run, and a how-to-read paragraph per chart", () => {
    for (const table of summaryTables(run.summary)) {
      expectText(html, `<caption>${table.title}</caption>`);
      for (const r of table.rows) expectText(html, `<th scope="row">${escapeHtml(r.label)}</th><td class="value">${escapeHtml(r.value)}</td>`);
    }
    expectText(html, "<dt>seed</dt><dd>7</dd>");
    expectText(html, `<pre>${escapeHtml(run.context.scenarioJson)}</pre>`);
    expect(run.context.scenarioJson).toContain('"seed": 7');
    for (const c of charts) expectText(html, escapeHtml(c.howToRead));
    expectText(html, `<title>report-test</title>`);
    expectText(html, `<p class="description">A spike on a small group &lt;with&gt; &amp; &quot;quotes&quot;</p>`);
  });

  it("escapes text from the data: it can neither close the script element nor add markup", () => {
    const hostileRun = smallRun();
    hostileRun.context.scenarioName = HOSTILE;
    hostileRun.context.scenarioJson = HOSTILE;
    const spec = lineSpec("hostile", HOSTILE);
    spec.howToRead = HOSTILE;
    const page = reportHtml(hostileRun, [spec]);
    expect(has(page, "<script>window.__pwned")).toBe(false);
    expect(page.match(/<\/script>/g)).toHaveLength(3); // the data block, Chart.js, the page script
    expect(page.match(/<script\b/g)).toHaveLength(3);
    expectText(page, `<h1>${escapeHtml(HOSTILE)}</h1>`);
    // The hostile text is in the data block, intact once parsed.
    expect(JSON.stringify(embeddedCharts(page))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });

  it("says so when there is no chart to show", () => {
    expect(reportHtml(run, [])).toContain("No chart has anything to show");
  });
});

describe("scriptJson and escapeHtml", () => {
  it("scriptJson leaves no '<' at all, and parses back to the same value", () => {
    const value = { a: "</script><!-- <script>", b: [1, "<\u2028>"] };
    const text = scriptJson(value);
    expect(text).not.toContain("<");
    expect(JSON.parse(text)).toEqual(value);
  });

  it("escapeHtml escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("compareHtml", () => {
  it("lines the summaries up side by side, one column per run, '—' where a run lacks a row", () => {
    const withSlo = smallRun("with-slo", 7);
    const withoutSlo = smallRun("without-slo", 8, ["slo=null"]);
    expect(withoutSlo.summary.slo).toBeNull();
    const page = compareHtml([withSlo, withoutSlo], [lineSpec("compare-backlog")]);
    expectText(page, "<title>Comparison: with-slo vs without-slo</title>");
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(page)![1]!;
    expect(head.match(/<th scope="col" class="run">/g)).toHaveLength(2);
    expect(head).toContain('with-slo<span class="sub">seed 7</span>');
    expect(head).toContain('without-slo<span class="sub">seed 8</span>');
    const sloRow = /<tr[^>]*><th scope="row">maximum queue wait<\/th>(.*?)<\/tr>/.exec(page)![1]!;
    expect(sloRow).toBe(`<td class="run">30.0 s</td><td class="run">—</td>`);
    // A row where the runs agree is plain, one where they differ is marked.
    expect(/<tr><th scope="row">kind<\/th><td class="run">asg<\/td><td class="run">asg<\/td><\/tr>/.test(page)).toBe(true);
    expect(/<tr class="differs"><th scope="row">fraction over it<\/th>/.test(page)).toBe(true);
    expect(page.match(/<details>/g)).toHaveLength(2);
  });

  it("says at the top what differs between the runs' scenarios, before the run list", () => {
    const page = compareHtml([smallRun("report-test", 7), smallRun("report-test", 8, ["queue.visibilityTimeout=2m"])], []);
    const differs = /<p class="differs">(.*?)<\/p>/.exec(page)![1]!;
    expect(differs).toBe("<strong>Differs:</strong> <code>seed</code> (7 | 8), <code>queue.visibilityTimeout</code> (30s | 2m)");
    expect(page.indexOf(`<p class="differs">`)).toBeLessThan(page.indexOf(`<ol class="runs">`));
    const same = compareHtml([smallRun(), smallRun()], []);
    expect(/<p class="differs">(.*?)<\/p>/.exec(same)![1]).toBe("<strong>Differs:</strong> nothing: the same scenario and seed");
  });

  it("caps the list of differences on the page", () => {
    const sets = [
      "queue.visibilityTimeout=2m",
      "queue.retention=1d",
      "queue.delay=1s",
      "queue.receiveWaitTime=5s",
      "queue.apiLatency=10ms",
      "consumers.concurrency=3",
      "consumers.batchSize=5",
      "consumers.waitTime=5s",
      "fleet.max=30",
      "fleet.min=2",
      "fleet.desired=3",
      "slo.maxQueueWait=1m",
      "metrics.period=5m",
    ];
    const page = compareHtml([smallRun(), smallRun("report-test", 7, sets)], []);
    const differs = /<p class="differs">(.*?)<\/p>/.exec(page)![1]!;
    expect(differs.match(/<code>/g)).toHaveLength(12);
    expect(differs.endsWith(", and 1 more")).toBe(true);
  });

  it("takes run labels and refuses a label count that does not match", () => {
    const run = smallRun();
    expect(compareHtml([run, run], [], ["before", "after"])).toMatch(/class="run">before<span class="sub">report-test<\/span>/);
    expect(() => compareHtml([run, run], [], ["only one"])).toThrow(RangeError);
    expect(() => compareHtml([], [])).toThrow(RangeError);
  });
});

describe("the functions the page inlines by their source text", () => {
  /** Evaluates a function's source with nothing in scope but the globals: it must not need its module. */
  const isolated = (fn: (...args: never[]) => unknown): ((...args: unknown[]) => unknown) =>
    new Function(`"use strict"; return (${fn.toString()});`)() as (...args: unknown[]) => unknown;

  function checkHydrate(hydrate: (config: unknown) => unknown): void {
    const config = hydrate(structuredClone(lineSpec("queue").config)) as {
      options: { scales: { x: { ticks: { callback: (v: number) => string } } } };
      plugins: { id: string }[];
    };
    expect(config.options.scales.x.ticks.callback(1800)).toBe("30 min");
    expect(config.plugins.map((p) => p.id)).toEqual(["sqsSimAnnotations", "sqsSimErrorBars", "sqsSimHeatmap"]);
  }

  it("hydrateChartConfig works when evaluated on its own (as the tests load it)", () => {
    checkHydrate(isolated(hydrateChartConfig));
  });

  const distRuntime = fileURLToPath(new URL("../../dist/src/report/charts/chart-runtime.js", import.meta.url));
  const distScript = fileURLToPath(new URL("../../dist/src/report/html/page-script.js", import.meta.url));
  it.skipIf(!existsSync(distRuntime) || !existsSync(distScript))(
    "and as compiled to dist (as the CLI loads it); the page script parses on its own",
    async () => {
      const runtime = (await import(pathToFileURL(distRuntime).href)) as typeof import("../../src/report/charts/chart-runtime.js");
      checkHydrate(isolated(runtime.hydrateChartConfig));
      const script = (await import(pathToFileURL(distScript).href)) as typeof import("../../src/report/html/page-script.js");
      expect(typeof isolated(script.startReportPage)).toBe("function");
    },
  );
});

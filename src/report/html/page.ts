// The machinery both HTML reports share: escaping, the page skeleton with its stylesheet, the chart figures and
// the scripts that draw them. Everything is inlined, so that the file opens offline and makes no request at all.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type ChartSpec } from "../charts/chart-spec.js";
import { hydrateChartConfig } from "../charts/chart-runtime.js";
import { startReportPage } from "./page-script.js";
import { PAGE_CSS } from "./page-style.js";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for a <script type="application/json"> block. Every "<" becomes \u003c (still the same JSON), so that no
 * string in the data can close the script element ("</script>") or open a comment ("<!--").
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** Code that goes between <script> tags as it is: refuse anything that would end the element early. */
export function inlineScript(code: string, what: string): string {
  if (/<\/script/i.test(code)) throw new Error(`${what} contains "</script" and cannot be inlined`);
  return `<script>\n${code}\n</script>`;
}

let chartJsCode: string | undefined;

/**
 * Chart.js's browser build (UMD, minified), read from the installed package. The package's exports map lists
 * only its entry points, so the file is found next to the resolved main entry. The source-map comment goes:
 * a browser's developer tools would otherwise try to fetch the map.
 */
export function chartJsSource(): string {
  if (chartJsCode === undefined) {
    const main = createRequire(import.meta.url).resolve("chart.js");
    const text = readFileSync(path.join(path.dirname(main), "chart.umd.min.js"), "utf8");
    chartJsCode = text.replace(/^\/\/# sourceMappingURL=.*$/m, "");
  }
  return chartJsCode;
}

export interface Fact {
  term: string;
  value: string;
}

/** A one-line list of labelled facts (seed, duration, …). */
export function factsHtml(facts: Fact[]): string {
  const items = facts.map((f) => `<div><dt>${escapeHtml(f.term)}</dt><dd>${escapeHtml(f.value)}</dd></div>`);
  return `<dl class="facts">${items.join("")}</dl>`;
}

/** A collapsible block of preformatted text, e.g. a scenario as it was run. */
export function detailsHtml(summary: string, text: string, open = false): string {
  return `<details${open ? " open" : ""}><summary>${escapeHtml(summary)}</summary><pre>${escapeHtml(text)}</pre></details>`;
}

export const CHART_HINT =
  "Hover over a chart for the values at that time, click a legend entry to hide or show its series, " +
  "drag across a chart to zoom in on a stretch of time; double-click it or press Reset zoom to see the whole run again.";

export function chartFigure(spec: ChartSpec, index: number): string {
  const title = escapeHtml(spec.title);
  return `<figure class="chart" id="chart-${index}" data-chart-id="${escapeHtml(spec.id)}">
<h3>${title}</h3>
<div class="chart-box"><canvas role="img" aria-label="${title}"></canvas><div class="zoom-selection" hidden></div></div>
<div class="chart-tools"><button type="button" class="reset-zoom" hidden>Reset zoom</button></div>
<figcaption><strong>How to read it.</strong> ${escapeHtml(spec.howToRead)}</figcaption>
</figure>`;
}

export interface PageParts {
  /** Plain text: the document title and its heading. */
  title: string;
  /** HTML under the heading: description, facts. */
  intro: string;
  /** HTML of the summary section's content. */
  summary: string;
  charts: ChartSpec[];
  /** HTML of the closing section: the scenario(s) as run. */
  scenario: string;
  /** Headings of the summary and closing sections (default "Summary", "Scenario as run"). */
  summaryTitle?: string;
  scenarioTitle?: string;
  /** The line above the charts on how to use them (default: the time-series charts' hint). */
  chartHint?: string;
}

/** The whole self-contained document. */
export function pageHtml(parts: PageParts): string {
  const chartsSection =
    parts.charts.length === 0
      ? `<p>No chart has anything to show for this run.</p>`
      : `<p class="hint">${escapeHtml(parts.chartHint ?? CHART_HINT)}</p>\n${parts.charts.map(chartFigure).join("\n")}`;
  const summaryTitle = escapeHtml(parts.summaryTitle ?? "Summary");
  const scenarioTitle = escapeHtml(parts.scenarioTitle ?? "Scenario as run");
  return documentHtml({
    title: parts.title,
    header: `${parts.intro}
<nav><a href="#summary">${summaryTitle}</a><a href="#charts">Charts</a><a href="#scenario">${scenarioTitle}</a></nav>`,
    body: `<section id="summary"><h2>${summaryTitle}</h2>
${parts.summary}
</section>
<section id="charts"><h2>Charts</h2>
${chartsSection}
</section>
<section id="scenario"><h2>${scenarioTitle}</h2>
${parts.scenario}
</section>`,
    charts: parts.charts,
  });
}

/**
 * A page's start up to </head>: no network request allowed, only inline scripts and styles, data: images, and (for
 * a page that starts a simulator in a Web Worker from its own text) workers from blob: URLs.
 */
export function documentHead(title: string, css: string, options: { blobWorkers?: boolean } = {}): string {
  const workers = options.blobWorkers === true ? " worker-src blob:;" : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';${workers} img-src data:">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

/**
 * A document of free-form sections: `header` goes under the title, `body` after the header, and `charts` are the
 * specs of the figures chartFigure(spec, i) made in the body, in the same order (the page script draws figure i from
 * spec i).
 */
export function documentHtml(parts: { title: string; header: string; body: string; charts: readonly ChartSpec[] }): string {
  // The page's script gets Chart.js and the runtime that turns plain-data configs into drawable ones, both by
  // their source text, so that the same code runs here and in the PNG renderer.
  const start = `(${startReportPage.toString()})(window.Chart, (${hydrateChartConfig.toString()}));`;
  return `${documentHead(parts.title, PAGE_CSS)}
<body>
<main>
<header>
<h1>${escapeHtml(parts.title)}</h1>
${parts.header}
</header>
${parts.body}
<footer>Made by sqs-sim. This file is self-contained (Chart.js is included) and works offline.</footer>
</main>
<script type="application/json" id="sqs-sim-charts">${scriptJson(parts.charts.map((c) => ({ id: c.id, config: c.config })))}</script>
${inlineScript(chartJsSource(), "Chart.js")}
${inlineScript(start, "the page script")}
</body>
</html>
`;
}

// report.html and the comparison report in a real headless browser: Debian's chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCharts, buildComparisonCharts } from "../../src/report/charts/index.js";
import { compareHtml } from "../../src/report/html/compare-html.js";
import { reportHtml } from "../../src/report/html/report-html.js";
import { HOSTILE, lineSpec, smallRun } from "./chart-fixtures.js";
import { cellRecord } from "../../src/sweep/cell-record.js";
import { SWEEP_FORMAT, type SweepDefinition } from "../../src/sweep/definition.js";
import { definitionRecommendation } from "../../src/sweep/run-sweep.js";
import { buildSweepCharts } from "../../src/sweep/report/sweep-charts.js";
import { sweepHtml } from "../../src/sweep/report/sweep-html.js";
import { resultRows } from "../../src/sweep/results.js";

// Page-context code below runs in the browser; the test files are not compiled against the DOM library.
declare const document: any;
declare const window: any;

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const DIST_REPORT = fileURLToPath(new URL("../../dist/src/report/html/report-html.js", import.meta.url));
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `SKIPPED the report.html browser tests: ${CHROMIUM} is missing. Install Debian's chromium ` +
      "(apt-get install --no-install-recommends chromium; .ci/run does it when it can).",
  );
}

interface OpenedPage {
  page: Page;
  /** Console errors and warnings, uncaught exceptions, failed requests. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

describe.skipIf(!haveChromium)("the HTML reports in headless Chromium", () => {
  let browser: Browser;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sqs-sim-report-html-"));

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Writes the page to a file, opens it by file:// URL and waits until its script says every chart is made. */
  async function open(html: string, name: string): Promise<OpenedPage> {
    const file = path.join(tmp, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    try {
      await page.waitForFunction(() => document.body.dataset.chartsReady === "true", undefined, { timeout: 20_000 });
    } catch {
      throw new Error(`the page never said its charts were ready; what went wrong: ${problems.join("\n") || "nothing reported"}`);
    }
    return { page, problems, requests };
  }

  /** For each canvas: its size and the fraction of its pixels that something was drawn on. */
  function canvasInk(page: Page): Promise<{ width: number; height: number; inked: number }[]> {
    return page.evaluate(() =>
      [...document.querySelectorAll("canvas")].map((c: any) => {
        const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return { width: c.width, height: c.height, inked: n / (c.width * c.height) };
      }),
    );
  }

  async function expectDrawnWithoutProblems(opened: OpenedPage, charts: number): Promise<void> {
    const ink = await canvasInk(opened.page);
    expect(ink).toHaveLength(charts);
    for (const c of ink) {
      expect(c.width).toBeGreaterThan(500);
      expect(c.inked).toBeGreaterThan(0.01);
    }
    expect(opened.problems).toEqual([]);
    expect(opened.requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
  }

  it("report.html: loads without errors or requests, draws every chart, and its hover, legend and zoom work", async () => {
    const run = smallRun();
    const charts = buildCharts(run);
    const opened = await open(reportHtml(run, charts), "report.html");
    const { page } = opened;
    await expectDrawnWithoutProblems(opened, charts.length);
    await screenshot(page, "report-html.png"); // before the interactions below change what the charts show
    expect(await page.locator("table caption").allTextContents()).toEqual(expect.arrayContaining(["Messages", "Requests", "Latency", "Fleet", "Cost"]));
    expect(await page.locator("figcaption").count()).toBe(charts.length);

    // Hover the middle of the first chart's plot area: Chart.js shows a tooltip.
    const canvas = page.locator("#chart-0 canvas");
    const area = await canvas.evaluate((c: any) => window.Chart.getChart(c).chartArea);
    await canvas.hover({ position: { x: (area.left + area.right) / 2, y: (area.top + area.bottom) / 2 } });
    await page.waitForFunction(() => window.Chart.getChart(document.querySelector("#chart-0 canvas")).tooltip.getActiveElements().length > 0);

    // Drag across the middle third: the time axis shows that stretch only, until a double-click.
    const width = area.right - area.left;
    const y = (area.top + area.bottom) / 2;
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + area.left + width / 3, box.y + y);
    await page.mouse.down();
    await page.mouse.move(box.x + area.left + (2 * width) / 3, box.y + y, { steps: 5 });
    await page.mouse.up();
    const xRange = () =>
      canvas.evaluate((c: any) => {
        const x = window.Chart.getChart(c).scales.x;
        return [x.min, x.max];
      });
    await expect.poll(async () => (await xRange())[0]).toBeGreaterThan(run.context.durationSeconds * 0.25);
    expect((await xRange())[1]).toBeLessThan(run.context.durationSeconds * 0.75);
    expect(await page.locator("#chart-0 .reset-zoom").isVisible()).toBe(true);
    await canvas.dblclick({ position: { x: area.left + 10, y } });
    // Chart.js handles canvas events on the next animation frame: poll rather than read at once.
    await expect.poll(xRange).toEqual([0, run.context.durationSeconds]);
    await expect.poll(() => page.locator("#chart-0 .reset-zoom").isVisible()).toBe(false);

    // A click on the first legend entry hides its series.
    const hit = await canvas.evaluate((c: any) => window.Chart.getChart(c).legend.legendHitBoxes[0]);
    await canvas.click({ position: { x: hit.left + hit.width / 2, y: hit.top + hit.height / 2 } });
    await expect.poll(() => canvas.evaluate((c: any) => window.Chart.getChart(c).isDatasetVisible(0))).toBe(false);

    expect(opened.problems).toEqual([]);
    await page.close();
  });

  it("report.html of a run with a dead-letter queue draws the dead-letters chart with the others", async () => {
    const run = smallRun("report-test-dlq", 7, ["queue.deadLetter.maxReceiveCount=2", "consumers.failures.poison=0.05"]);
    const charts = buildCharts(run);
    expect(charts.map((c) => c.id)).toContain("dead-letters");
    const opened = await open(reportHtml(run, charts), "report-dlq.html");
    await expectDrawnWithoutProblems(opened, charts.length);
    const figure = opened.page.locator(`figure[data-chart-id="dead-letters"]`);
    expect(await figure.locator("figcaption").textContent()).toContain("maxReceiveCount");
    await screenshot(opened.page, "report-dlq-html.png");
    await opened.page.close();
  });

  it("report.html: text from the data cannot inject markup or script", async () => {
    const run = smallRun();
    run.context.scenarioName = HOSTILE;
    run.context.description = HOSTILE;
    const opened = await open(reportHtml(run, [lineSpec("hostile", HOSTILE)]), "hostile.html");
    await expectDrawnWithoutProblems(opened, 1);
    expect(await opened.page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await opened.page.locator("h1").textContent()).toBe(HOSTILE);
    expect(await opened.page.locator("figcaption").textContent()).toContain(HOSTILE);
    await opened.page.close();
  });

  it("compare.html: draws the runs on shared charts, with the summaries side by side", async () => {
    const runs = [smallRun("report-test", 7), smallRun("report-test-small-group", 7, ["fleet.max=4"])];
    const charts = buildComparisonCharts(runs);
    expect(charts.length).toBeGreaterThan(0);
    const opened = await open(compareHtml(runs, charts), "compare.html");
    await expectDrawnWithoutProblems(opened, charts.length);
    const head = await opened.page.locator("table.side-by-side thead th").allTextContents();
    expect(head).toHaveLength(3);
    expect(head[1]).toContain("report-test");
    expect(head[2]).toContain("report-test-small-group");
    const peak = opened.page.locator("table.side-by-side tr", { hasText: "peak InService" }).locator("td");
    expect(await peak.allTextContents()).toEqual([String(runs[0]!.summary.fleet.peakInService), String(runs[1]!.summary.fleet.peakInService)]);
    await screenshot(opened.page, "compare-html.png");
    await opened.page.close();
  });

  // The CLI writes pages from the compiled modules: their inlined function sources must work as well.
  it.skipIf(!existsSync(DIST_REPORT))("report.html built by the compiled dist modules works the same", async () => {
    const dist = (await import(pathToFileURL(DIST_REPORT).href)) as typeof import("../../src/report/html/report-html.js");
    const run = smallRun();
    const charts = buildCharts(run);
    const opened = await open(dist.reportHtml(run, charts), "report-dist.html");
    await expectDrawnWithoutProblems(opened, charts.length);
    await opened.page.close();
  });
  it("a sweep's report.html: draws the scatter and heatmaps, sorts its table by a click, and shows a cell's tooltip", async () => {
    // A 3 × 2 grid, 2 replications: p99 falls and cost rises with instances (metrics in SWEEP_METRICS order).
    const definition: SweepDefinition = {
      format: SWEEP_FORMAT,
      scenario: "browser",
      scenarioSha256: "0".repeat(64),
      sets: [],
      rootSeed: 1,
      replications: 2,
      cells: 6,
      vary: [
        { path: "fleet.instances", values: ["1", "2", "3"] },
        { path: "queue.visibilityTimeout", values: ["10s", "30s"] },
      ],
      slos: ["queueWait.p99<=20s"],
      constraints: [],
    };
    const records = [0, 1, 2, 3, 4, 5].map((cell) => {
      const instances = 1 + Math.floor(cell / 2);
      const figures = (k: number) => [
        60 / instances ** 2 + k,
        61 / instances ** 2 + k,
        0,
        0,
        0,
        instances,
        instances,
        0.1 * instances + 0.01 * (cell % 2) + 0.001 * k,
      ];
      return cellRecord(definition, cell, [figures(0), figures(1)]);
    });
    const rows = resultRows(records, definition);
    const input = { definition, rows, recommendation: definitionRecommendation(definition, rows) };
    const charts = buildSweepCharts(input);
    expect(charts.map((c) => c.id)).toEqual(["cost-vs-p99", "heatmap-queue-wait-p99", "heatmap-total-cost"]);
    const opened = await open(sweepHtml(input, charts), "sweep-report.html");
    const { page } = opened;
    await expectDrawnWithoutProblems(opened, charts.length);
    await screenshot(page, "sweep-report-html.png");

    const firstColumn = () => page.locator("table.sortable tbody tr td:first-child").allTextContents();
    expect(await firstColumn()).toEqual(["0", "1", "★ 2", "3", "4", "5"]); // the cheapest cell with p99 ≤ 20 s
    const p99Header = page.locator("table.sortable thead th", { hasText: "queue-wait p99" }).locator("button");
    await p99Header.click();
    expect(await firstColumn()).toEqual(["4", "5", "★ 2", "3", "0", "1"]); // ties keep the cell order
    await p99Header.click();
    expect(await firstColumn()).toEqual(["0", "1", "★ 2", "3", "4", "5"]);
    expect(await page.locator("table.sortable thead th[aria-sort]").getAttribute("aria-sort")).toBe("descending");

    // Hovering the bottom-left square of the p99 heatmap shows cell 0 (first value of each parameter).
    const canvas = page.locator("#chart-1 canvas");
    const area = await canvas.evaluate((c: any) => window.Chart.getChart(c).chartArea);
    await canvas.hover({ position: { x: area.left + (area.right - area.left) / 4, y: area.bottom - (area.bottom - area.top) / 6 } });
    await expect
      .poll(() =>
        canvas.evaluate((c: any) => {
          const t = window.Chart.getChart(c).tooltip;
          return t.getActiveElements().length > 0 ? t.title.join(" ") : "";
        }),
      )
      .toBe("cell 0: fleet.instances=1, queue.visibilityTimeout=10s");
    expect(opened.problems).toEqual([]);
    await page.close();
  });
});

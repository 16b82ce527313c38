// An architecture run's report.html in a real headless browser (Debian's chromium driven by playwright-core): every
// chart of every queue and pool section is drawn in its own figure, and the topology diagram is on the page.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser } from "playwright-core";
import { haveChromium, launchChromium } from "../../browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { architectureHtml } from "../../../src/report/architecture/architecture-html.js";
import { allCharts, architectureSections } from "../../../src/report/architecture/architecture-sections.js";
import { simulateArchitectureYaml } from "./architecture-fixture.js";

// Page-context code below runs in the browser; the test files are not compiled against the DOM library.
declare const document: any;

describe.skipIf(!haveChromium)("an architecture run's report.html in headless Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws each chart in its section's figure, without errors or requests, under the topology", async () => {
    const { data } = simulateArchitectureYaml();
    const sections = architectureSections(data);
    const charts = allCharts(sections);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sqs-sim-architecture-html-")), "report.html");
    writeFileSync(file, architectureHtml(data, sections));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.chartsReady === "true", undefined, { timeout: 20_000 });
    // Each figure's canvas drawn from the spec with its id: the page script pairs them by position.
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll("figure.chart")].map((f: any) => {
        const c = f.querySelector("canvas");
        const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return { id: f.dataset.chartId, section: f.closest("section.resource").id, inked: n / (c.width * c.height) };
      }),
    );
    expect(drawn.map((d) => d.id)).toEqual(charts.map((c) => c.id));
    for (const d of drawn) {
      expect(d.inked).toBeGreaterThan(0.01);
      // queue.billing.waiting sits in the section queue-billing.
      expect(d.id.split(".").slice(0, 2).join("-")).toBe(d.section);
    }
    expect(await page.locator("svg.topology g.node").count()).toBe(sections.topology.nodes.length);
    expect(await page.locator("svg.topology g.flow").count()).toBe(sections.topology.flows.length);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
    await page.close();
  });
});

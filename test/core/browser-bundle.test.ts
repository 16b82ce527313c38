// sqs-sim/core in a browser: bundled by esbuild for the browser platform (any Node import fails the bundle), then
// run in headless Chromium (Debian's, driven by playwright-core), where it must give the summary Node gives.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryJson } from "../../src/report/summary-json.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { simulate } from "../../src/sim/simulate.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCENARIOS = `${ROOT}scenarios/`;
const CHROMIUM = "/usr/bin/chromium";

/**
 * Bundles a package entry (by name, through package.json's "exports", from dist/) for the browser as one script that
 * sets globalThis.sqsCore. Rejects, listing them, the modules it cannot resolve for a browser: a Node built-in is one,
 * unless the package importing it maps it away for browsers (seedrandom's "browser": { "crypto": false }).
 */
async function bundleForBrowser(entry: string): Promise<string> {
  try {
    const result = await build({
      stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: ROOT, loader: "js" },
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "sqsCore",
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  } catch (e) {
    const errors = (e as { errors?: { text: string; location: { file: string } | null }[] }).errors;
    if (errors === undefined) throw e;
    throw new Error(`${entry} does not bundle for a browser: ${errors.map((m) => `${m.text} (in ${m.location?.file})`).join("; ")}`);
  }
}

describe("sqs-sim/core bundles for the browser", () => {
  it("with no Node import (and the check does find the package root's)", async () => {
    const bundle = await bundleForBrowser("sqs-sim/core");
    expect(bundle).toContain("sqsCore");
    expect(bundle).not.toMatch(/chartjs-node-canvas|@napi-rs/);
    await expect(bundleForBrowser("sqs-sim")).rejects.toThrow(/sqs-sim does not bundle for a browser: Could not resolve "node:fs"/);
  });
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `SKIPPED the sqs-sim/core browser run: ${CHROMIUM} is missing. Install Debian's chromium ` +
      "(apt-get install --no-install-recommends chromium; .ci/run does it when it can).",
  );
}

describe.skipIf(!haveChromium)("sqs-sim/core in headless Chromium", () => {
  let browser: Browser;
  let bundle: string;
  beforeAll(async () => {
    bundle = await bundleForBrowser("sqs-sim/core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
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

  // A trace (handed to validateScenarioText as text) and FIFO content-based deduplication, shortened to stay quick.
  it.each([
    ["trace-replay.yaml", ["duration=30m", "seed=11"]],
    ["fifo-hot-group.yaml", ["duration=20m", "seed=12"]],
  ])(
    "%s gives byte-identical summary.json in the browser and in Node",
    async (name, sets) => {
      const loaded = loadScenarioFile(`${SCENARIOS}${name}`, { sets });
      if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
      const inNode = summaryJson(simulate(loaded.scenario).summary);

      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      await page.addScriptTag({ content: bundle });
      const traces = { "traces/sample-per-minute.csv": readFileSync(`${SCENARIOS}traces/sample-per-minute.csv`, "utf8") };
      const text = readFileSync(`${SCENARIOS}${name}`, "utf8");
      const inBrowser = await page.evaluate(
        ({ text, name, sets, traces }) => {
          const core = (globalThis as any).sqsCore;
          const files = traces as Record<string, string>;
          const read = (file: string) => (file in files ? { text: files[file] } : { errorCode: "ENOENT" });
          const result = core.validateScenarioText(text, name, { sets, traces: { read } });
          if (!result.ok) return `refused: ${result.errors.join("\n")}`;
          return core.summaryJson(core.simulate(result.scenario).summary) as string;
        },
        { text, name, sets, traces },
      );
      await page.close();
      expect(problems).toEqual([]);
      expect(inBrowser).toBe(inNode);
    },
    60_000,
  );
});

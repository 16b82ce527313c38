// The package's entry points, as a dependent imports them (by name, through package.json's "exports"), from the
// built dist/ (npm test builds first). Each check runs in a fresh Node process, so that what it loaded is its own.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs an ES module snippet in a fresh Node inside the package (so "sqs-sim" names this package) and parses its JSON. */
function inFreshNode(code: string): any {
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" }));
}

// The CommonJS modules of chart rendering: chartjs-node-canvas, the chart.js it requires and its native canvas.
const CHART_RENDERING = String.raw`const rendering = () => Object.keys(createRequire(import.meta.url).cache)
  .filter((f) => /node_modules\/(chart\.js|chartjs-node-canvas|canvas|@napi-rs)\//.test(f)).length;`;

describe("package exports", () => {
  it("importing the package root loads no chart rendering; its first PNG does (so the check can see it)", () => {
    const loaded = inFreshNode(`import { createRequire } from "node:module";
      ${CHART_RENDERING}
      const root = await import("sqs-sim");
      const afterImport = rendering();
      const png = root.renderChartPng({ id: "x", title: "x", config: { type: "line", data: { labels: [1], datasets: [{ data: [1] }] } } });
      console.log(JSON.stringify({ afterImport, afterRender: rendering(), png: png.subarray(1, 4).toString() }));`);
    expect(loaded).toEqual({ afterImport: 0, afterRender: expect.any(Number), png: "PNG" });
    expect(loaded.afterRender).toBeGreaterThan(0);
  });

  it("sqs-sim/core, sqs-sim/report and sqs-sim/sweep are importable and hold what they are for", () => {
    const names = inFreshNode(`const names = {};
      for (const entry of ["sqs-sim", "sqs-sim/core", "sqs-sim/report", "sqs-sim/sweep"]) names[entry] = Object.keys(await import(entry));
      console.log(JSON.stringify(names));`);
    expect(names["sqs-sim"]).toEqual(
      expect.arrayContaining(["simulate", "loadScenarioFile", "parseScenarioText", "buildCharts", "renderChartPng", "reportHtml", "explainScenario"]),
    );
    expect(names["sqs-sim/core"]).toEqual(
      expect.arrayContaining(["simulate", "validateScenarioText", "scenarioJsonSchema", "summaryJson", "DEFAULT_SCENARIO_YAML"]),
    );
    expect(names["sqs-sim/core"]).not.toContain("loadScenarioFile");
    expect(names["sqs-sim/report"]).toEqual(
      expect.arrayContaining(["buildCharts", "renderChartPng", "pngRendererProblem", "reportHtml", "reportFiles", "runFiles"]),
    );
    expect(names["sqs-sim/sweep"]).toEqual(expect.arrayContaining(["planSweep", "runSweep", "mergeSweeps", "recommend"]));
  });
});

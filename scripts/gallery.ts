// Renders the README's chart gallery from a shipped scenario: `npm run gallery`. The PNGs are committed, small
// (800×400), and regenerated whenever the charts change.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildCharts } from "../src/report/charts/index.js";
import { renderChartPng } from "../src/report/render-png.js";
import { runData } from "../src/report/run-data.js";
import { loadScenarioFile } from "../src/scenario/index.js";
import { simulate } from "../src/sim/simulate.js";

const SCENARIO = "scenarios/video-encoding-spike.yaml";
/** The charts the README shows; the rest are a run away. */
const SHOWN = new Set(["queue", "fleet", "scaling-signal", "waiting", "latency"]);
const OUT_DIR = "docs/gallery";
const SIZE = { width: 800, height: 400 };

const loaded = loadScenarioFile(SCENARIO);
if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
const run = runData(simulate(loaded.scenario), loaded.scenario, loaded.resolvedText);
mkdirSync(OUT_DIR, { recursive: true });
for (const chart of buildCharts(run).filter((c) => SHOWN.has(c.id))) {
  const png = renderChartPng(chart, SIZE);
  writeFileSync(join(OUT_DIR, `${chart.id}.png`), png);
  process.stdout.write(`${join(OUT_DIR, `${chart.id}.png`)}  ${(png.length / 1024).toFixed(0)} KiB\n`);
}

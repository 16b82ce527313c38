// Renders the README's chart gallery from shipped scenarios: `npm run gallery`. The PNGs are committed, small
// (800×400), and regenerated whenever the charts change: a run's charts, and a sweep's scatter and heatmap.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCharts } from "../src/report/charts/index.js";
import { renderChartPng } from "../src/report/render-png.js";
import { runData } from "../src/report/run-data.js";
import { loadScenarioFile } from "../src/scenario/index.js";
import { simulate } from "../src/sim/simulate.js";
import { buildSweepCharts, definitionRecommendation, planSweep, resultRows, runSweep } from "../src/sweep/index.js";
import { readCellFiles } from "../src/sweep/sweep-dir.js";

const SCENARIO = "scenarios/video-encoding-spike.yaml";
/** The charts the README shows; the rest are a run away. */
const SHOWN = new Set(["queue", "fleet", "scaling-signal", "waiting", "latency"]);
const OUT_DIR = "docs/gallery";
const SIZE = { width: 800, height: 400 };

const loaded = loadScenarioFile(SCENARIO);
if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
const run = runData(simulate(loaded.scenario), loaded.scenario, loaded.resolvedText);
mkdirSync(OUT_DIR, { recursive: true });
for (const chart of buildCharts(run).filter((c) => SHOWN.has(c.id))) write(chart.id, renderChartPng(chart, SIZE));

// The sweep of the README's "Parameter sweeps" section: instances × receive batch size, 3 replications, one SLO.
const planned = planSweep({
  file: "scenarios/steady-orders.yaml",
  sets: [],
  replications: 3,
  slos: ["queueWait.p99<=1s"],
  vary: ["fleet.instances=2..5/4", "consumers.batchSize=1,10"],
});
if (!planned.ok) throw new Error(planned.errors.join("\n"));
const { definition } = planned.plan;
const sweepDir = mkdtempSync(join(tmpdir(), "sqs-sim-gallery-"));
const outcome = await runSweep(planned.plan, { outDir: join(sweepDir, "sweep"), threads: 0, shard: null, resume: false, report: false });
if (outcome.status !== "done") throw new Error(`the gallery's sweep did not finish: ${outcome.status}`);
const records = readCellFiles(join(sweepDir, "sweep"), definition, null);
if ("error" in records) throw new Error(records.error);
rmSync(sweepDir, { recursive: true, force: true });
const rows = resultRows(records, definition);
const sweepCharts = buildSweepCharts({ definition, rows, recommendation: definitionRecommendation(definition, rows) });
for (const chart of sweepCharts.filter((c) => c.id === "cost-vs-p99" || c.id === "heatmap-queue-wait-p99")) {
  write(`sweep-${chart.id}`, renderChartPng(chart, SIZE));
}

function write(name: string, png: Buffer): void {
  const file = join(OUT_DIR, `${name}.png`);
  writeFileSync(file, png);
  process.stdout.write(`${file}  ${(png.length / 1024).toFixed(0)} KiB\n`);
}

import { buildCharts } from "../src/report/charts/index.js";
import { reportHtml } from "../src/report/html/report-html.js";
import { renderChartPng } from "../src/report/render-png.js";
import { runData } from "../src/report/run-data.js";
import { resolvedScenarioText } from "../src/scenario/output.js";
import { ScenarioSchema } from "../src/scenario/schema.js";
import { simulate } from "../src/sim/simulate.js";

// The chart target: every chart of a 24-hour run at 60 s metric periods (1,440 points per series) in
// under 5 s. A modest load, so that the simulation itself is quick: a diurnal wave with an afternoon spike, on an
// Auto Scaling group tracking backlog per instance. Prints one JSON line.
const scenario = ScenarioSchema.parse({
  name: "bench-charts",
  duration: "24h",
  metrics: { period: "60s" },
  slo: { maxQueueWait: "1m" },
  queue: { receiveWaitTime: "20s" },
  producers: [
    {
      name: "load",
      traffic: [{ diurnal: { mean: 4, amplitude: 3, peakAt: "14h" } }, { spike: { at: "16h", peak: 30, rise: "5m", hold: "20m", fall: "10m" } }],
    },
  ],
  consumers: { concurrency: 2, processing: { exponential: { mean: "500ms" } } },
  fleet: { kind: "asg", min: 1, max: 20, desired: 2, policies: [{ targetTracking: { metric: "backlogPerInstance", target: 20 } }] },
});

const ms = (since: number): number => performance.now() - since;

let t = performance.now();
const run = runData(simulate(scenario), scenario, resolvedScenarioText(scenario));
const simulateMs = ms(t);

t = performance.now();
const charts = buildCharts(run);
const buildChartsMs = ms(t);

// The first pass includes setting up the renderer (a fresh Chart.js per size); a report renders once per process.
t = performance.now();
let pngBytes = 0;
for (const spec of charts) pngBytes += renderChartPng(spec).length;
const renderPngMs = ms(t);
t = performance.now();
for (const spec of charts) renderChartPng(spec);
const renderPngWarmMs = ms(t);

t = performance.now();
const html = reportHtml(run, charts);
const reportHtmlMs = ms(t);

const points = charts.reduce((n, c) => n + c.config.data.datasets.reduce((m, d) => m + d.data.length, 0), 0);
console.log(
  JSON.stringify({
    charts: charts.length,
    points,
    simulateMs,
    buildChartsMs,
    renderPngMs,
    renderPngWarmMs,
    pngMB: pngBytes / 1e6,
    reportHtmlMs,
    reportHtmlMB: Buffer.byteLength(html) / 1e6,
    allChartsMs: buildChartsMs + renderPngMs,
  }),
);

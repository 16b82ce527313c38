// Hand-made chart specs and small real runs for the rendering tests (PNG, report.html, browser).
import { createCanvas, loadImage } from "canvas";
import { type ChartConfiguration } from "chart.js";
import { type ChartSpec } from "../../src/report/charts/chart-spec.js";
import { type RunData, runData } from "../../src/report/run-data.js";
import { parseScenarioText, resolvedScenarioText } from "../../src/scenario/index.js";
import { type SimulationResult } from "../../src/sim/result.js";
import { simulate } from "../../src/sim/simulate.js";

/** A string that breaks out of a <script> or an attribute if the page does not escape it. */
export const HOSTILE = `</script><script>window.__pwned = 1</script><b title="x">&amp;'`;

/**
 * A line chart shaped like the real ones: x in seconds, formats per axis, a shaded band and a vertical line, a
 * point with a note. `label` goes into the title and a dataset label, to test escaping.
 */
export function lineSpec(id: string, label = "visible"): ChartSpec {
  const points = Array.from({ length: 121 }, (_, i) => ({ x: i * 30, y: 50 + 40 * Math.sin(i / 10) }));
  const config = {
    type: "line",
    data: {
      datasets: [
        { label, data: points, borderColor: "#0072B2", backgroundColor: "#0072B2", borderWidth: 2, pointRadius: 0, yAxisID: "y" },
        {
          label: "scale-out activity",
          type: "scatter",
          data: [{ x: 1200, y: 90, note: "TargetTracking-1: 2 → 4" }],
          borderColor: "#D55E00",
          backgroundColor: "#D55E00",
          pointRadius: 7,
          yAxisID: "y",
        },
      ],
    },
    options: {
      animation: false,
      aspectRatio: 2,
      interaction: { mode: "nearest", axis: "x", intersect: false },
      scales: {
        x: { type: "linear", min: 0, max: 3600, ticks: { stepSize: 600 }, title: { display: true, text: "time since the start (min)" } },
        y: { type: "linear", beginAtZero: true, title: { display: true, text: "messages" } },
      },
      plugins: {
        title: { display: true, text: `Queue depth — ${label}` },
        legend: { position: "bottom" },
        sqsSimAxes: { x: { kind: "elapsed", unit: "min" }, y: { kind: "count" } },
        sqsSimAnnotations: {
          bands: [{ from: 600, to: 1500, color: "rgba(213, 94, 0, 0.14)", label: "in ALARM" }],
          lines: [{ at: 1200, color: "#D55E00", dash: [4, 4], label: "scale-out" }],
        },
      },
    },
  } as unknown as ChartConfiguration;
  return { id, title: `Queue depth — ${label}`, howToRead: `How to read ${label}: the line is the backlog.`, config };
}

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error("not a PNG: wrong signature");
  if (png.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG: the first chunk is not IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** How many of a PNG's pixels pass `test` (on their red, green and blue values). */
export async function countPixels(png: Buffer, test: (r: number, g: number, b: number) => boolean): Promise<number> {
  const { width, height } = pngSize(png);
  const ctx = createCanvas(width, height).getContext("2d");
  ctx.drawImage(await loadImage(png), 0, 0);
  const { data } = ctx.getImageData(0, 0, width, height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (test(data[i]!, data[i + 1]!, data[i + 2]!)) n++;
  return n;
}

/** The fraction of a PNG's pixels that are not (near) white. */
export async function drawnFraction(png: Buffer): Promise<number> {
  const { width, height } = pngSize(png);
  return (await countPixels(png, (r, g, b) => r < 245 || g < 245 || b < 245)) / (width * height);
}

const simulated = new Map<string, SimulationResult>();

/**
 * A real run small enough for tests: two hours, an Auto Scaling group with target tracking, a traffic spike, so
 * that every chart (scaling signal, activities, alarms) has something to show.
 */
export function smallRun(name = "report-test", seed = 7, overrides: string[] = []): RunData {
  const yaml = [
    `name: ${name}`,
    `description: "A spike on a small group <with> & \\"quotes\\""`,
    "duration: 2h",
    `seed: ${seed}`,
    "metrics: { period: 1m }",
    "slo: { maxQueueWait: 30s }",
    "queue: { receiveWaitTime: 20s }",
    "producers:",
    "  - name: orders",
    "    traffic: [ { constant: 3 }, { spike: { at: 30m, peak: 30, rise: 2m, hold: 15m, fall: 3m } } ]",
    "consumers: { concurrency: 2, processing: { exponential: { mean: 500ms } } }",
    "fleet:",
    "  kind: asg",
    "  min: 1",
    "  max: 20",
    "  desired: 2",
    "  policies: [ { targetTracking: { metric: backlogPerInstance, target: 20 } } ]",
  ].join("\n");
  const loaded = parseScenarioText(yaml, "report-test.yaml", "/nonexistent", { sets: overrides });
  if (!loaded.ok) throw new Error(`the test scenario is invalid:\n${loaded.errors.join("\n")}`);
  // Each call gets its own context (tests change it), the simulation itself runs once per scenario.
  const key = JSON.stringify([name, seed, overrides]);
  let result = simulated.get(key);
  if (result === undefined) simulated.set(key, (result = simulate(loaded.scenario)));
  return runData(result, loaded.scenario, resolvedScenarioText(loaded.scenario));
}

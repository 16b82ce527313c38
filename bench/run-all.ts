import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// `npm run bench`: each benchmark runs in its own node process (one core, clean peak RSS) and prints figures.
const here = dirname(fileURLToPath(import.meta.url));

function runNode(script: string, args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ["--expose-gc", join(here, script), ...args], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log("sqs-sim benchmarks (targets from issue 2)\n");

const t = runNode("throughput.js", [process.env.BENCH_HOURS ?? "2"]);
console.log(`throughput: Poisson 2,000 msg/s, 250 instances, exp(0.1 s), long polling, ${t.simulatedHours} h simulated`);
console.log(`  messages sent        ${fmt(t.messagesSent!)}`);
console.log(`  events               ${fmt(t.events!)}`);
console.log(`  wall time            ${fmt(t.wallSeconds!, 2)} s`);
console.log(`  messages / wall s    ${fmt(t.messagesPerWallSecond!)}   (target ≥ 3,000,000)`);
console.log(`  events / wall s      ${fmt(t.eventsPerWallSecond!)}`);
console.log(`  peak RSS             ${fmt(t.peakRssMB!, 1)} MB   (target < 200 MB)`);

const a = runNode("throughput.js", [process.env.BENCH_HOURS ?? "2", "asg"]);
console.log(`\nthe same load with an Auto Scaling group (target tracking on backlog per instance, 50-400 instances)`);
console.log(`  messages sent        ${fmt(a.messagesSent!)}   (InService peak ${fmt(a.peakInService!)}, ${fmt(a.scalingActivities!)} scaling activities)`);
console.log(`  wall time            ${fmt(a.wallSeconds!, 2)} s`);
console.log(`  messages / wall s    ${fmt(a.messagesPerWallSecond!)}   (fixed fleet above: ${fmt(t.messagesPerWallSecond!)})`);
console.log(`  peak RSS             ${fmt(a.peakRssMB!, 1)} MB`);

const o = runNode("fan-out.js", [process.env.BENCH_HOURS ?? "2"]);
const ratio = o.deliveredPerWallSecond! / t.messagesPerWallSecond!;
console.log(`\nthe same load published to an SNS topic fanned out to 3 queues (issue 14), each drained as the queue above`);
console.log(`  published / delivered ${fmt(o.published!)} / ${fmt(o.delivered!)}`);
console.log(`  wall time            ${fmt(o.wallSeconds!, 2)} s`);
console.log(
  `  delivered / wall s   ${fmt(o.deliveredPerWallSecond!)}   (single queue above: ${fmt(t.messagesPerWallSecond!)} messages / wall s; ${fmt(ratio, 2)}×, target ≥ 0.8×)`,
);
console.log(`  peak RSS             ${fmt(o.peakRssMB!, 1)} MB`);

const l = runNode("throughput.js", [process.env.BENCH_HOURS ?? "2", "lambda"]);
console.log(`\nthe same load through a Lambda pool (issue 15): one message per invocation, the mapping scaling from 5`);
console.log(`  messages sent        ${fmt(l.messagesSent!)}   (${fmt(l.lambdaInvocations!)} invocations, concurrency peak ${fmt(l.lambdaPeakConcurrency!)})`);
console.log(`  wall time            ${fmt(l.wallSeconds!, 2)} s`);
console.log(
  `  messages / wall s    ${fmt(l.messagesPerWallSecond!)}   (fixed fleet above: ${fmt(t.messagesPerWallSecond!)}; ${fmt(l.messagesPerWallSecond! / t.messagesPerWallSecond!, 2)}×, issue 18's target ≥ 0.8×)`,
);
console.log(`  peak RSS             ${fmt(l.peakRssMB!, 1)} MB`);

const k = runNode("throughput.js", [process.env.BENCH_HOURS ?? "2", "kubernetes"]);
console.log(`\nthe same load through a Kubernetes pool (issue 16): single-worker pods scaled by KEDA and the HPA, 50 pods a node`);
console.log(`  messages sent        ${fmt(k.messagesSent!)}   (replicas peak ${fmt(k.kubernetesPeakReplicas!)}, nodes peak ${fmt(k.kubernetesPeakNodes!)})`);
console.log(`  wall time            ${fmt(k.wallSeconds!, 2)} s`);
console.log(
  `  messages / wall s    ${fmt(k.messagesPerWallSecond!)}   (fixed fleet above: ${fmt(t.messagesPerWallSecond!)}; ${fmt(k.messagesPerWallSecond! / t.messagesPerWallSecond!, 2)}×)`,
);
console.log(`  peak RSS             ${fmt(k.peakRssMB!, 1)} MB`);

const f = runNode("throughput.js", [process.env.BENCH_HOURS ?? "2", "fifo"]);
console.log(`\nthe same load through a FIFO queue (issue 5): 1,000 message groups, high throughput (16 partitions), sends batched by 10`);
console.log(
  `  messages sent        ${fmt(f.messagesSent!)}   (order violations ${fmt(f.orderViolations!)}, throttled sends ${fmt(f.throttledSends!)}, receives ${fmt(f.throttledReceives!)})`,
);
console.log(`  wall time            ${fmt(f.wallSeconds!, 2)} s`);
console.log(`  messages / wall s    ${fmt(f.messagesPerWallSecond!)}   (standard queue above: ${fmt(t.messagesPerWallSecond!)})`);
console.log(`  peak RSS             ${fmt(f.peakRssMB!, 1)} MB`);

const m = runNode("backlog-memory.js", [process.env.BENCH_BACKLOG ?? "10000000"]);
console.log(`\nbacklog: consumers stopped, ${fmt(m.queuedMessages!)} messages queued`);
console.log(`  wall time            ${fmt(m.wallSeconds!, 2)} s`);
console.log(`  peak RSS             ${fmt(m.peakRssMB!, 1)} MB`);
console.log(`  bytes / queued msg   ${fmt(m.bytesPerQueuedMessage!, 1)}   (target ≤ 64)`);

const c = runNode("charts.js", []);
console.log(`\ncharts: 24 h at 60 s metric periods, diurnal load on an Auto Scaling group (${fmt(c.charts!)} charts, ${fmt(c.points!)} points)`);
console.log(`  simulate             ${fmt(c.simulateMs!)} ms`);
console.log(`  buildCharts          ${fmt(c.buildChartsMs!)} ms`);
console.log(`  render all PNGs      ${fmt(c.renderPngMs!)} ms   (again, renderer warm: ${fmt(c.renderPngWarmMs!)} ms; ${fmt(c.pngMB!, 2)} MB)`);
console.log(`  all charts           ${fmt(c.allChartsMs!)} ms   (target < 5 s for all charts)`);
console.log(`  report.html          ${fmt(c.reportHtmlMs!)} ms   (${fmt(c.reportHtmlMB!, 2)} MB)`);

// Sweeps (issue 6): the same 80 runs on 1 worker and on every core; bench/sweep.ts exits 1 when the results differ.
const runSweepBench = (args: string[]): Record<string, number> => {
  const r = spawnSync(process.execPath, ["--expose-gc", join(here, "sweep.js"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) process.exitCode = 1; // the figures are still printed, then `npm run bench` fails
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number>;
};
const sw = runSweepBench([]);
const light = runSweepBench(["light"]);
const workers = (n: number): string => `${fmt(n)} worker${n === 1 ? "" : "s"}`;
console.log(
  `\nsweep: marketing-campaign-db-writes cut to ${fmt(sw.scenarioHours!)} h (campaign at 10 min), fleet.max 3/5/8/12 × target-tracking target 600/1,200/2,400/4,800`,
);
console.log(
  `  grid                 ${fmt(sw.cells!)} cells × ${fmt(sw.replications!)} replications = ${fmt(sw.runs!)} runs (${fmt(sw.msPerRunOneWorker!)} ms per run on 1 worker)`,
);
const others = (load: number): string => (load < 0 ? "" : `; other processes kept ${fmt(load, 2)} cores busy`);
console.log(
  `  1 worker             ${fmt(sw.oneWorkerSeconds!, 2)} s   (this process used ${fmt(sw.oneWorkerCoresUsed!, 2)} cores${others(sw.otherLoadOneWorker!)})`,
);
console.log(
  `  ${workers(sw.cores!).padEnd(20)} ${fmt(sw.allCoresSeconds!, 2)} s   (${fmt(sw.runsPerSecondAllCores!, 1)} runs / s; ` +
    `${fmt(sw.allCoresCoresUsed!, 2)} cores${others(sw.otherLoadAllCores!)})`,
);
console.log(`  speed-up             ${fmt(sw.speedUp!, 2)}×   (ideal ${fmt(sw.cores!)}×)`);
console.log(
  `  results              ${sw.identical === 1 ? "byte-identical" : "DIFFERENT"} (results.csv, results.json, recommendation.json); peak RSS ${fmt(sw.peakRssMB!, 1)} MB`,
);
console.log(
  `  light runs           the same grid shape on video-encoding-spike (${fmt(light.msPerRunOneWorker!)} ms per run): ` +
    `${fmt(light.oneWorkerSeconds!, 2)} s on 1 worker, ${fmt(light.allCoresSeconds!, 2)} s on ${workers(light.cores!)}, ` +
    `${fmt(light.speedUp!, 2)}×, ${light.identical === 1 ? "byte-identical" : "DIFFERENT"}`,
);

// Start-up (issue 18): a short command's wall time is mostly loading the CLI; the bin is the bundle
// (scripts/build-cli.ts), the unbundled modules beside it for comparison. Five runs each, as a range.
const startUp = (bin: string, args: string[]): string => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: here });
    if (r.status !== 0) process.exitCode = 1;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return `${fmt(Math.min(...times))}-${fmt(Math.max(...times))} ms`;
};
const tiny = resolve(here, "../../scenarios/steady-orders.yaml");
const bundle = resolve(here, "../cli/sqs-sim.mjs");
const modules = resolve(here, "../src/cli/main.js");
const tinyRun = ["run", tiny, "--set", "duration=1m", "--no-charts", "--quiet", "--out", resolve(here, "../bench-start-up")];
console.log(`
start-up: a tiny scenario (steady-orders cut to 1 min), wall time of the whole process, 5 runs`);
console.log(`  validate             ${startUp(bundle, ["validate", tiny])}   (unbundled: ${startUp(modules, ["validate", tiny])}; target < 250 ms)`);
console.log(`  run --no-charts      ${startUp(bundle, tinyRun)}   (unbundled: ${startUp(modules, tinyRun)}; target < 250 ms)`);

const peer = resolve(here, "../../../shared/peers/simpy_sqs.py");
// Debian's python3-simpy3 installs for the system interpreter, which the peer's shebang names.
const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const simpy = spawnSync(python, ["-c", "import simpy"], { encoding: "utf8" });
if (existsSync(peer) && simpy.status === 0) {
  const hours = 0.05;
  const out = execFileSync(python, [peer, "2000", "250", "0.1", "30", String(hours * 3600), "1"], { encoding: "utf8" });
  const rate = Number(/msgs_per_wall_s=(\d+)/.exec(out)?.[1]);
  console.log(`\nSimPy peer (same model, ${hours * 60} simulated minutes): ${fmt(rate)} messages / wall s`);
  console.log(`  sqs-sim / SimPy      ${fmt(t.messagesPerWallSecond! / rate, 1)}×`);
} else {
  console.log("\nSimPy peer skipped: ../shared/peers/simpy_sqs.py or python3-simpy3 not available (apt-get install python3-simpy3)");
}

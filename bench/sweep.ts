import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { planSweep, RECOMMENDATION_JSON, RESULTS_CSV, RESULTS_JSON, runSweep } from "../src/sweep/index.js";

// Issue 6's sweep benchmark: a 4×4 grid × 5 replications of a one-hour scenario, run once on this thread (what
// `--workers 1` does) and once on a worker thread per core, each into its own temporary directory. The two
// directories' results must be byte-identical (exit 1 otherwise). Prints one JSON line.
//
// The default grid is a capacity plan for the shipped marketing-campaign-db-writes (an Auto Scaling group absorbing
// a 20x write spike), cut to one hour with the campaign moved from 20 to 10 minutes so that the drain after it fits
// in the hour: how large may the group grow (fleet.max, which the database's safe write rate bounds) and which
// backlog per instance to track (15 s to 2 min of writes). 0.3–0.4 s per run on the project's 2-core machine.
// `light` runs the same grid shape on video-encoding-spike (a few jobs a minute, 12–15 ms per run), where the
// workers' start-up weighs as much as the runs.
const here = dirname(fileURLToPath(import.meta.url));
const scenarioHours = 1;
const GRIDS = {
  campaign: {
    file: resolve(here, "../../scenarios/marketing-campaign-db-writes.yaml"),
    sets: [`duration=${scenarioHours}h`, "producers.campaign-events.traffic.1.spike.at=10m"],
    vary: ["fleet.max=3,5,8,12", "fleet.policies.0.targetTracking.target=600,1200,2400,4800"],
    replications: 5,
    slos: ["queueWait.p99<=10m"],
  },
  light: {
    file: resolve(here, "../../scenarios/video-encoding-spike.yaml"),
    sets: [`duration=${scenarioHours}h`, "producers.uploads.traffic.1.spike.at=15m"],
    vary: ["fleet.max=10,20,40,80", "fleet.policies.0.targetTracking.target=1,2,3,6"],
    replications: 5,
    slos: ["queueWait.p99<=10m"],
  },
};
const grid = process.argv[2] ?? "campaign";
if (grid !== "campaign" && grid !== "light") throw new Error(`unknown grid ${grid}: expected campaign or light`);
const request = GRIDS[grid];
const cores = availableParallelism();
const COMPARED = [RESULTS_CSV, RESULTS_JSON, RECOMMENDATION_JSON];

let started = performance.now();
const planned = planSweep(request);
if (!planned.ok) throw new Error(planned.errors.join("\n"));
const plan = planned.plan;
const planSeconds = (performance.now() - started) / 1000;

// CPU seconds spent by the whole machine (user, nice, system, irq and softirq in /proc/stat, in USER_HZ = 100
// ticks), to tell how busy the other processes were during a phase; null where there is no /proc/stat.
function machineCpuSeconds(): number | null {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (user! + nice! + system! + irq! + softirq!) / 100;
  } catch {
    return null;
  }
}
const processCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface Phase {
  seconds: number;
  dir: string;
  runs: number;
  feasibleCells: number;
  cpuSeconds: number;
  otherCpuSeconds: number | null;
}
const dirs: string[] = [];
async function timedSweep(threads: number): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), `sqs-sim-bench-sweep-${threads}-`));
  dirs.push(dir);
  const machineBefore = machineCpuSeconds();
  const cpuBefore = processCpuSeconds();
  started = performance.now();
  // The runs are timed, without the sweep report (`--no-charts`: charts and report.html after the last cell), which
  // costs the same on any number of workers.
  const outcome = await runSweep(plan, { outDir: dir, threads, shard: null, resume: false, report: false });
  const seconds = (performance.now() - started) / 1000;
  // This process's CPU time counts every thread: the workers, and V8's compiler and garbage-collector helpers.
  const cpuSeconds = processCpuSeconds() - cpuBefore;
  const machineAfter = machineCpuSeconds();
  const otherCpuSeconds = machineBefore === null || machineAfter === null ? null : Math.max(0, machineAfter - machineBefore - cpuSeconds);
  if (outcome.status !== "done") throw new Error(`the sweep on ${threads} threads ended ${outcome.status}: ${JSON.stringify(outcome)}`);
  return { seconds, dir, runs: outcome.runs, feasibleCells: outcome.recommendation?.feasibleCells ?? -1, cpuSeconds, otherCpuSeconds };
}

try {
  // One worker first, on this thread (threads 0, as `--workers 1`): it starts as cold as the worker threads do.
  const one = await timedSweep(0);
  const peakRssOneWorkerMB = process.resourceUsage().maxRSS / 1024;
  // All cores: worker threads (`--workers N` with N ≥ 2); on a one-core machine, this thread again.
  const all = await timedSweep(cores >= 2 ? cores : 0);
  const different = COMPARED.filter((name) => !readFileSync(join(one.dir, name)).equals(readFileSync(join(all.dir, name))));
  if (different.length > 0) {
    console.error(`sweep bench: ${different.join(", ")} differ between 1 worker and ${cores} workers; kept in ${one.dir} and ${all.dir}`);
    dirs.length = 0;
    process.exitCode = 1;
  }
  console.log(
    JSON.stringify({
      cells: plan.definition.cells,
      replications: plan.definition.replications,
      runs: all.runs,
      cores,
      scenarioHours,
      planSeconds,
      oneWorkerSeconds: one.seconds,
      allCoresSeconds: all.seconds,
      speedUp: one.seconds / all.seconds,
      msPerRunOneWorker: (one.seconds * 1000) / one.runs,
      runsPerSecondOneWorker: one.runs / one.seconds,
      runsPerSecondAllCores: all.runs / all.seconds,
      identical: different.length === 0 ? 1 : 0,
      feasibleCells: all.feasibleCells,
      // Cores this process kept busy on average (above 1 on one worker: V8's helper threads use another core), and
      // the cores the machine's other processes kept busy meanwhile (-1: unknown), which depress the speed-up.
      oneWorkerCoresUsed: one.cpuSeconds / one.seconds,
      allCoresCoresUsed: all.cpuSeconds / all.seconds,
      otherLoadOneWorker: one.otherCpuSeconds === null ? -1 : one.otherCpuSeconds / one.seconds,
      otherLoadAllCores: all.otherCpuSeconds === null ? -1 : all.otherCpuSeconds / all.seconds,
      peakRssOneWorkerMB,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../src/cli/program.js";
import { loadScenarioFile } from "../src/scenario/index.js";
import { runEstimates } from "../src/sim/preflight.js";

// Preflight's estimates against the truth: each case is a real `sqs-sim run` (charts and report included) in a
// process of its own, whose peak RSS and event count are set beside the estimates made before it ran.
// `node dist/bench/estimate-accuracy.js` prints one line per case; `… all` adds the cases of a few GB (minutes).
const here = dirname(fileURLToPath(import.meta.url));
const scenarios = resolve(here, "../../scenarios");

interface Case {
  file: string;
  sets: string[];
  /** Gigabytes and minutes: only with `all`. */
  large?: boolean;
}

const HIGH = ["limits.maxMemory=64GiB", "limits.maxEvents=100000000000"];
const CASES: Case[] = [
  ...["steady-orders", "fifo-vs-standard", "marketing-campaign-db-writes", "trace-replay", "video-encoding-spike", "two-alarm-step-scaling"]
    .map((name) => ({ file: name, sets: [] })),
  // Workers and instances.
  { file: "steady-orders", sets: ["fleet.instances=100000", "consumers.concurrency=10", "duration=10s"] },
  { file: "steady-orders", sets: ["fleet.instances=1000000", "consumers.concurrency=1", "duration=10s"] },
  { file: "steady-orders", sets: ["fleet.instances=1000000", "consumers.concurrency=10", "duration=10s", ...HIGH], large: true },
  // A backlog: consumers stopped.
  { file: "steady-orders", sets: ["fleet.instances=0", "duration=1000s", "queue.retention=14d", "producers.0.traffic=[{constant: 10000}]", "metrics.period=1h"] },
  { file: "steady-orders", sets: ["fleet.instances=0", "duration=5000s", "queue.retention=14d", "producers.0.traffic=[{constant: 10000}]", "metrics.period=1h", ...HIGH], large: true },
  // The per-period series.
  { file: "steady-orders", sets: ["duration=2d", "metrics.period=1s"] },
  { file: "video-encoding-spike", sets: ["duration=12d", "metrics.period=1s"], large: true },
  // FIFO: groups, deduplication, a throttled producer.
  { file: "fifo-hot-group", sets: ["fleet.instances=0", "queue.deduplicationScope=messageGroup", "queue.throughputLimit=perMessageGroupId", "producers.0.batchSize=10", "duration=1000s", "producers.0.traffic=[{constant: 4000}]", "producers.0.messageGroups={count: 1000000}", "metrics.period=1h"] },
  { file: "fifo-hot-group", sets: ["duration=100s", "producers.0.traffic=[{constant: 40}]", "producers.0.messageGroups={count: 10000000}"] },
  { file: "fifo-hot-group", sets: ["duration=1000s", "producers.0.traffic=[{constant: 10000}]", "producers.0.messageGroups={count: 1000}", ...HIGH], large: true },
];

function child(index: number): void {
  const c = CASES[index]!;
  const out = mkdtempSync(join(tmpdir(), "sqs-sim-estimate-"));
  let events = 0;
  void runCli(["run", join(scenarios, `${c.file}.yaml`), ...c.sets.flatMap((s) => ["--set", s]), "--out", join(out, "run"), "--json"], {
    stdout: (text) => {
      events = (JSON.parse(text) as { engine: { events: number } }).engine.events;
    },
    stderr: (text) => process.stderr.write(text),
    cwd: out,
  }).then((code) => {
    rmSync(out, { recursive: true, force: true });
    console.log(JSON.stringify({ code, events, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}

function parent(all: boolean): void {
  console.log("case | estimated memory | peak RSS | estimate ÷ RSS | estimated events | events | estimate ÷ events");
  CASES.forEach((c, index) => {
    if (c.large === true && !all) return;
    const loaded = loadScenarioFile(join(scenarios, `${c.file}.yaml`), { sets: c.sets });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const estimate = runEstimates(loaded.scenario);
    const answer = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "child", String(index)], { encoding: "utf8" });
    const run = JSON.parse(answer.trim().split("\n").pop()!) as { code: number; events: number; peakRssBytes: number };
    const mb = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;
    console.log([
      `${c.file} ${c.sets.filter((s) => !HIGH.includes(s)).join(" ")}`.trim(),
      mb(estimate.memory.total), mb(run.peakRssBytes), (estimate.memory.total / run.peakRssBytes).toFixed(2),
      Math.round(estimate.events).toLocaleString("en-US"), run.events.toLocaleString("en-US"), (estimate.events / run.events).toFixed(2),
    ].join(" | ") + (run.code === 0 ? "" : ` (exit ${run.code})`));
  });
}

if (process.argv[2] === "child") child(Number(process.argv[3]));
else parent(process.argv[2] === "all");

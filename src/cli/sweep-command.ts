// `sqs-sim sweep` and `sqs-sim merge`: the shell over src/sweep. Reads options, the environment (--shard auto) and
// Ctrl-C; prints progress and the outcome; turns outcomes into exit codes.
import { type Command, InvalidArgumentError } from "commander";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import {
  mergeSweeps,
  NO_OBJECTIVES_TEXT,
  parseConstraints,
  parseSlos,
  planSweep,
  readResultsForRecommend,
  recommendationJson,
  recommendationText,
  RECOMMENDATION_JSON,
  sweepRecommendation,
  COMMON_RANDOM_NUMBERS_TEXT,
  resolveShard,
  runSweep,
  RESULTS_CSV,
  RESULTS_JSON,
  type Shard,
  type ShardEnv,
  SWEEP_REPORT_HTML,
  type SweepProgress,
} from "../sweep/index.js";
import { formatDuration, formatSizeLimit } from "../engine/units.js";
import { OutputWriteError } from "../report/atomic-dir.js";
import { bytesText } from "../sim/estimate-terms.js";
import { architectureSloProblems } from "../sweep/architecture-slos.js";
import { sweepMemoryBytes, workersWithin } from "../sweep/memory.js";
import { sweepMetric } from "../sweep/metrics.js";
import { collect } from "./collect.js";
import { ExitCode } from "./exit-codes.js";
import { processHost } from "./host.js";
import { type CliIo } from "./io.js";
import { redrawIn, warnIfPngsNotDrawn } from "./png-warning.js";
import { asTyped, displayPath, outputLabel } from "./paths.js";
import { printProblems } from "./problems.js";
import { etaSeconds, REDRAW_EVERY_MS, SHOW_AFTER_MS } from "./progress.js";

export interface SweepOptions {
  vary: string[];
  set: string[];
  replications: number;
  seed?: number;
  out?: string;
  workers?: number;
  shard?: string;
  shardCount?: number;
  resume?: boolean;
  quiet?: boolean;
  slo?: string[];
  constraint?: string[];
  /** False with --no-charts. */
  charts?: boolean;
}

export interface MergeOptions {
  out: string;
  quiet?: boolean;
  charts?: boolean;
}

export interface RecommendOptions {
  slo: string[];
  constraint?: string[];
  json?: boolean;
}

/** What the tests replace: the environment for --shard auto, and Ctrl-C (an abort signal instead of SIGINT/SIGTERM). */
export interface SweepDeps {
  env?: ShardEnv;
  /** When given, stands for Ctrl-C and no SIGINT or SIGTERM handler is installed. */
  stop?: AbortSignal;
  /** Called after each cell's file is written. */
  onCellWritten?: (index: number) => void;
}

/** Each worker thread has a heap of its own (a run's memory again), so thousands would exhaust any machine. */
export const MAX_WORKERS = 256;

function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    if (/^\d+$/.test(text) && !Number.isSafeInteger(Number(text))) {
      throw new InvalidArgumentError(`it is above the largest whole number sqs-sim takes, ${Number.MAX_SAFE_INTEGER.toLocaleString("en-US")} (2^53 − 1)`);
    }
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `expected a whole number ≥ ${min}` : `expected a whole number from ${min} to ${max}`);
    }
    return Number(text);
  };
}

/** Adds `sweep` and `merge` to the program; each action reports its exit code through setExitCode. */
export function registerSweepCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void, deps: SweepDeps = {}): void {
  program
    .command("sweep")
    .description(
      "run a scenario over a grid of parameter values, several seeded replications per cell, in parallel; " +
        "writes results.csv and results.json (mean and 95% confidence interval of each metric per cell)",
    )
    .argument("<scenario>", "scenario file (.yaml, .yml or .json)")
    .option(
      "--vary <path=values>",
      "a grid dimension: path=v1,v2,… (values as for --set) or a range a..b/n, e.g. " +
        "queue.visibilityTimeout=10s..120s/6 (repeatable; the first --vary varies slowest)",
      collect,
      [],
    )
    .option("-n, --replications <n>", "seeded runs per cell", wholeNumber(1), 1)
    .option("--seed <n>", "root seed the replications' seeds derive from (default: the scenario's seed)", wholeNumber(0))
    .option("--set <path=value>", "override a scenario key in every cell (repeatable)", collect, [])
    .option("-o, --out <dir>", "output directory (default: reports/<scenario-name>-sweep/)")
    .option(
      "--workers <n>",
      "worker threads (default: up to the number of cores, or this thread alone when the first " +
        "runs show that threads would save less than their start-up); at most 256",
      wholeNumber(1, MAX_WORKERS),
    )
    .option(
      "--shard <i/n|auto>",
      "run only cells with index % n == i (i from 0); auto reads the index from " +
        "JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job)",
    )
    .option("--shard-count <n>", "the number of shards, for --shard auto", wholeNumber(1))
    .option("--resume", "continue the unfinished sweep in the output directory, reusing its finished cells")
    .option(
      "--slo <metric op value>",
      "an objective a cell must meet on the mean over its replications, e.g. " +
        '"queueWait.p99<=60s" or "duplicateProcessing==0", or on one resource of an architecture, e.g. ' +
        '"analytics.queueWait.p99<=60s" (repeatable); adds feasible/robust columns and recommendation.json',
      collect,
      [],
    )
    .option(
      "--constraint <path op value>",
      'a limit on a varied parameter, e.g. "fleet.max<=5" (op one of <=, <, >=, >, =; ' + "repeatable): cells that break it are infeasible",
      collect,
      [],
    )
    .option("--no-charts", "write the results without the sweep report (charts/ and report.html)")
    .option("-q, --quiet", "print nothing unless the sweep fails")
    .action(async (file: string, options: SweepOptions) => {
      setExitCode(await sweepCommand(file, options, io, deps));
    });

  program
    .command("merge")
    .description("join the output directories of a sweep's shards into the directory a single run would have written")
    .argument("<dirs...>", "directories written by `sqs-sim sweep --shard`")
    .requiredOption("-o, --out <dir>", "output directory for the merged sweep")
    .option("--no-charts", "write the results without the sweep report (charts/ and report.html)")
    .option("-q, --quiet", "print nothing unless it fails")
    .action((dirs: string[], options: MergeOptions) => {
      setExitCode(mergeCommand(dirs, options, io));
    });

  program
    .command("recommend")
    .description("name a finished sweep's cheapest feasible cell and its margin to the neighbouring cells, from its results.json")
    .argument("<sweep-dir>", "directory written by `sqs-sim sweep` (or merge)")
    .option("--slo <metric op value>", "an objective, as for sweep (repeatable); replaces the sweep's recorded ones", collect, [])
    .option("--constraint <path op value>", "a limit on a varied parameter, as for sweep (repeatable); replaces the sweep's recorded ones", collect, [])
    .option("--json", "print the recommendation as JSON (the shape of recommendation.json)")
    .action((dir: string, options: RecommendOptions) => {
      setExitCode(recommendCommand(dir, options, io));
    });
}

export function recommendCommand(dir: string, options: RecommendOptions, io: CliIo): ExitCode {
  const path = asTyped(dir, io.cwd);
  const results = readResultsForRecommend(path);
  if (typeof results === "string") {
    io.stderr(`sqs-sim: ${results.replaceAll(path, dir)}\n`);
    return ExitCode.BadInput;
  }
  const { slos, errors } = parseSlos(options.slo.length > 0 ? options.slo : results.slos);
  // An objective on a resource the sweep has no column for would miss in every cell: say so, as the sweep itself does.
  const ownMetrics = results.metrics.filter((name) => sweepMetric(name) === undefined);
  errors.push(...architectureSloProblems(slos, ownMetrics.length > 0 ? ownMetrics : null));
  const given = options.constraint ?? [];
  const parsed = parseConstraints(given.length > 0 ? given : results.constraints, results.vary);
  errors.push(...parsed.errors);
  if (errors.length > 0) {
    printProblems(
      io,
      errors.map((e) => `sqs-sim: ${e}`),
    );
    return ExitCode.BadInput;
  }
  // The same function as the sweep's own report.html: without an objective, no cell is recommended here either.
  const r = sweepRecommendation(results.vary, results.rows, slos, parsed.constraints);
  if (r === null) io.stdout(options.json ? "null\n" : NO_OBJECTIVES_TEXT);
  else io.stdout(options.json ? recommendationJson(r) : recommendationText(r));
  return ExitCode.Ok;
}

export async function sweepCommand(file: string, options: SweepOptions, io: CliIo, deps: SweepDeps = {}): Promise<ExitCode> {
  let shard: Shard | null = null;
  if (options.shard !== undefined) {
    const resolved = resolveShard(options.shard, options.shardCount, deps.env ?? process.env);
    if ("error" in resolved) {
      io.stderr(`sqs-sim: ${resolved.error}\n`);
      return ExitCode.BadInput;
    }
    shard = resolved;
  } else if (options.shardCount !== undefined) {
    io.stderr("sqs-sim: --shard-count goes with --shard auto\n");
    return ExitCode.BadInput;
  }

  const planned = planSweep({
    file: asTyped(file, io.cwd),
    sets: options.set,
    vary: options.vary,
    replications: options.replications,
    seed: options.seed,
    slos: options.slo ?? [],
    constraints: options.constraint ?? [],
    host: processHost(),
  });
  if (!planned.ok) {
    printProblems(io, planned.errors);
    return ExitCode.BadInput;
  }
  const plan = planned.plan;
  const defaultName = `${plan.definition.scenario}-sweep${shard === null ? "" : `-shard-${shard.index}-of-${shard.count}`}`;
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", defaultName);
  // Each worker thread holds a run of its own: the runs at once must fit within limits.maxMemory.
  const { bytes: runBytes, limit: memoryLimit } = plan.runMemory;
  const eachText = `each run needs about ${bytesText(runBytes)}, and limits.maxMemory is ${formatSizeLimit(memoryLimit)}`;
  let workers = options.workers ?? Math.min(availableParallelism(), MAX_WORKERS);
  const fit = workersWithin(runBytes, memoryLimit, workers);
  if (fit < workers) {
    if (options.workers !== undefined) {
      io.stderr(
        `sqs-sim: --workers ${workers}: ${workers} runs at once would need about ${bytesText(sweepMemoryBytes(runBytes, workers))} (${eachText}); ` +
          `use --workers ${fit} or fewer, or raise limits.maxMemory if the machine has the memory\n`,
      );
      return ExitCode.BadInput;
    }
    if (!options.quiet) io.stderr(`sqs-sim: running ${fit === 1 ? "one run" : `${fit} runs`} at once rather than ${workers}: ${eachText}\n`);
    workers = fit;
  }

  const now = io.now ?? (() => performance.now());
  const started = now();
  const bar = new CellProgressBar(io.stderrIsTTY === true && !options.quiet, now, io.stderr);
  const controller = new AbortController();
  // Ctrl-C, or SIGTERM from a job system (Kubernetes deleting or evicting a pod, AWS Batch cancelling a job): stop
  // starting runs and let the running ones finish within the grace period, so that their cells are kept for
  // --resume. Only the first signal is ours: without a listener, the next one ends the process, abandoning the
  // running cells (their files are written whole or not at all, so nothing half-done is left).
  const onSignal = (signal: NodeJS.Signals): void => {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    controller.abort();
    bar.finish();
    io.stderr(
      signal === "SIGINT"
        ? "sqs-sim: stopping: the running cells finish and are kept; Ctrl-C again to abandon them\n"
        : "sqs-sim: stopping on SIGTERM: the running cells finish and are kept; --resume continues\n",
    );
  };
  if (deps.stop === undefined) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  let outcome;
  try {
    outcome = await runSweep(plan, {
      outDir,
      threads: workers === 1 ? 0 : workers,
      // Without --workers, light runs stay on this thread: starting threads would cost more than they save.
      autoThreads: options.workers === undefined,
      shard,
      resume: options.resume === true,
      stop: deps.stop ?? controller.signal,
      onProgress: (p) => bar.update(p),
      onCellWritten: deps.onCellWritten,
      showPath: (path) => displayPath(path, io.cwd),
      onNote: (note) => {
        if (!options.quiet) io.stderr(`sqs-sim: ${note.replaceAll(outDir, displayPath(outDir, io.cwd))}\n`);
      },
      report: options.charts !== false,
    });
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    bar.finish();
  }

  const where = displayPath(outDir, io.cwd);
  switch (outcome.status) {
    case "refused": {
      // The sweep names the directory by its absolute path; say it the way the user typed it. Every refusal here is
      // about the output directory: say which flag (or default) chose it, unless it is --resume's.
      const message = outcome.message.replaceAll(outDir, where);
      io.stderr(`sqs-sim: ${message.startsWith("--resume:") ? "" : outputLabel(options.out)}${message}\n`);
      return ExitCode.BadInput;
    }
    case "failed":
      io.stderr(
        `sqs-sim: ${outcome.cause === "simulation" ? "the simulation failed: " : ""}${outcome.message.replaceAll(outDir, where)}\n` +
          `sqs-sim: ${outcome.cellsDone} of ${outcome.cellsTotal} cells are done and kept in ${where}; --resume continues from them\n`,
      );
      // A limit reached during a run is the scenario's doing (as for `run`): exit 2, which fails a Kubernetes Job
      // through its podFailurePolicy instead of retrying a pod that would reach it again.
      return outcome.cause === "refused" ? ExitCode.BadInput : ExitCode.Failure;
    case "interrupted":
      io.stderr(
        `sqs-sim: interrupted: ${outcome.cellsDone} of ${outcome.cellsTotal} cells are done and kept in ${where}; ` +
          "run the same command with --resume to continue\n",
      );
      return ExitCode.Failure;
    case "done": {
      if (options.quiet) return ExitCode.Ok;
      const seconds = (now() - started) / 1000;
      const d = plan.definition;
      const what =
        shard === null ? `${d.cells} cell${d.cells === 1 ? "" : "s"}` : `shard ${shard.index}/${shard.count}: ${outcome.cellsTotal} of ${d.cells} cells`;
      const reused = outcome.cellsReused > 0 ? ` (${outcome.cellsReused} reused from the earlier run)` : "";
      const used = Math.max(1, outcome.threads);
      const light = outcome.lightRuns;
      const threads = (used === 1 ? "1 worker" : `${used} workers`) + (light ? " (runs too light to pay for starting threads)" : "");
      io.stdout(
        `sweep ${d.scenario}: ${what} × ${d.replications} replication${d.replications === 1 ? "" : "s"}${reused}, ` +
          `${outcome.runs} run${outcome.runs === 1 ? "" : "s"} in ${seconds.toFixed(1)} s on ${threads}\n` +
          (d.cells > 1 ? `  ${COMMON_RANDOM_NUMBERS_TEXT}\n` : "") +
          `  results  ${join(where, RESULTS_CSV)} · ${RESULTS_JSON}${outcome.recommendation === null ? "" : ` · ${RECOMMENDATION_JSON}`}\n` +
          (shard === null && options.charts !== false ? `  report   ${join(where, SWEEP_REPORT_HTML)}\n` : "") +
          (outcome.recommendation === null ? "" : recommendationText(outcome.recommendation)),
      );
      if (shard === null && options.charts !== false) warnIfPngsNotDrawn(io, redrawIn(outDir, io), options.quiet);
      return ExitCode.Ok;
    }
  }
}

function mergeCommand(dirs: string[], options: MergeOptions, io: CliIo): ExitCode {
  const outDir = resolve(io.cwd, options.out);
  const shown = (text: string): string => text.replaceAll(outDir, displayPath(outDir, io.cwd));
  let outcome;
  try {
    outcome = mergeSweeps(
      dirs.map((d) => asTyped(d, io.cwd)),
      outDir,
      options.charts !== false,
    );
  } catch (error) {
    if (!(error instanceof OutputWriteError)) throw error;
    io.stderr(`sqs-sim: ${shown(error.message)}\n`);
    return ExitCode.Failure;
  }
  if (outcome.status === "refused") {
    io.stderr(`sqs-sim: ${shown(outcome.message)}\n`);
    return ExitCode.BadInput;
  }
  if (!options.quiet) for (const note of outcome.notes) io.stderr(`sqs-sim: ${shown(note)}\n`);
  if (!options.quiet) {
    io.stdout(
      `merged ${outcome.parts} part${outcome.parts === 1 ? "" : "s"}: ${outcome.cells} cells → ${join(displayPath(outDir, io.cwd), RESULTS_CSV)} · ${RESULTS_JSON}` +
        `${options.charts !== false ? ` · ${SWEEP_REPORT_HTML}` : ""}\n`,
    );
  }
  if (options.charts !== false) warnIfPngsNotDrawn(io, redrawIn(outDir, io), options.quiet);
  return ExitCode.Ok;
}

const BAR_WIDTH = 30;

/**
 * `[#########---------------------] 12/40 cells  30%  ETA 1 min 05 s`: the bar and percent count replications (cells
 * reused by --resume included), the time left comes from this session's pace.
 */
export function cellProgressLine(p: SweepProgress, elapsedMs: number): string {
  const all = p.tasksReused + p.tasksTotal;
  const fraction = all > 0 ? (p.tasksReused + p.tasksDone) / all : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const eta = etaSeconds(p.tasksTotal > 0 ? p.tasksDone / p.tasksTotal : 1, elapsedMs);
  return `${bar} ${p.cellsDone}/${p.cellsTotal} cells ${percent}  ETA ${eta === null ? "…" : formatDuration(eta, "countdown")}`;
}

// Quiet for the first second and redrawn at most ten times a second, on a terminal only (as `run`'s bar).
class CellProgressBar {
  private readonly startedMs: number;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private drawnLength = 0;

  constructor(
    private readonly isTTY: boolean,
    private readonly now: () => number,
    private readonly write: (text: string) => void,
  ) {
    this.startedMs = now();
  }

  update(p: SweepProgress): void {
    if (!this.isTTY) return;
    const nowMs = this.now();
    const elapsedMs = nowMs - this.startedMs;
    if (elapsedMs < SHOW_AFTER_MS || nowMs - this.lastDrawMs < REDRAW_EVERY_MS) return;
    this.lastDrawMs = nowMs;
    const line = cellProgressLine(p, elapsedMs);
    this.write(`\r${line.padEnd(this.drawnLength)}`);
    this.drawnLength = line.length;
  }

  finish(): void {
    if (this.drawnLength === 0) return;
    this.write(`\r${" ".repeat(this.drawnLength)}\r`);
    this.drawnLength = 0;
  }
}

// Running a planned sweep into its directory: reuse the cells an interrupted run finished (--resume), run the rest
// on the pool, journal each cell as it finishes, and write the results once the last one is done.
import { describeFsError, describePathError, isFsError } from "../report/fs-errors.js";
import { foreignWithin, listEntries, wouldLose } from "../report/owned-dir.js";
import { type CellTask } from "./cell-task.js";
import { cellRecord, type CellRecord } from "./cell-record.js";
import { definitionDifference, type Shard, type SweepDefinition } from "./definition.js";
import { cellSets, describeCell } from "./grid.js";
import { type SweepPlan } from "./plan.js";
import { runTasks, TaskFailedError } from "./pool.js";
import { constraintList } from "./constraint.js";
import { recommendationJson, sweepRecommendation, type Recommendation } from "./recommend.js";
import { sweepReportFiles } from "./report/sweep-report.js";
import { resultRows, resultsCsv, resultsJson, type ResultRow } from "./results.js";
import { sloList } from "./slo.js";
import { replicationSeeds } from "./seeds.js";
import { inShard } from "./shard.js";
import {
  clearRefusal,
  inspectSweepDir,
  readCellFiles,
  removeTemporaryFiles,
  startSweepDir,
  SWEEP_FILE,
  SWEEP_LAYOUT,
  SWEEP_REPORT_ENTRIES,
  writeCellFile,
  writeResultFiles,
} from "./sweep-dir.js";

export interface SweepRunOptions {
  outDir: string;
  /** Worker threads; 0 runs every task on this thread. */
  threads: number;
  /** `threads` is the most: stay on this thread while the runs are too light for threads to pay (pool.ts). */
  autoThreads?: boolean | undefined;
  shard: Shard | null;
  /** Continue the unfinished sweep in outDir (a missing or empty outDir starts a new one). */
  resume: boolean;
  /** Once aborted (Ctrl-C), no new task starts; the running ones finish and their cells are kept. */
  stop?: AbortSignal | undefined;
  onProgress?: ((progress: SweepProgress) => void) | undefined;
  /** How messages show a path (e.g. relative to the working directory); as it is when absent. */
  showPath?: ((path: string) => string) | undefined;
  /** Told what was cleared or recovered of an earlier, killed sweep in outDir (one sentence each). */
  onNote?: ((text: string) => void) | undefined;
  /** Called after each cell's file is written; the tests interrupt a sweep from here. */
  onCellWritten?: ((index: number) => void) | undefined;
  workerUrl?: URL | undefined;
  /** Write the sweep report (charts/*.png and report.html) with the results; default true. A shard never does. */
  report?: boolean | undefined;
}

export interface SweepProgress {
  /** Cells of this sweep (or shard) finished, those reused from an earlier run included. */
  cellsDone: number;
  cellsTotal: number;
  /** Replications run in this session, and how many it has to run. */
  tasksDone: number;
  tasksTotal: number;
  /** Replications of the cells reused from an earlier run (--resume). */
  tasksReused: number;
}

export type SweepOutcome =
  /** `recommendation` is null without --slo, and for a shard (merge writes the whole sweep's). */
  /** `threads`: the worker threads the runs used, 0 when they all ran on this thread; `lightRuns`: they stayed on
   *  this thread because they were timed too light for threads to pay (autoThreads). */
  | {
      status: "done";
      cellsRun: number;
      cellsReused: number;
      cellsTotal: number;
      runs: number;
      threads: number;
      lightRuns: boolean;
      recommendation: Recommendation | null;
    }
  | { status: "interrupted"; cellsDone: number; cellsTotal: number }
  /** The directory cannot be used (exit 2): the message says why. */
  | { status: "refused"; message: string }
  /** A simulation failed, or the directory could not be written (exit 1), or a run's scenario was refused during the
   *  run (`refused`: it reached a limit; exit 2); the finished cells are kept. */
  | { status: "failed"; cause: "simulation" | "write" | "refused"; message: string; cellsDone: number; cellsTotal: number };

export async function runSweep(plan: SweepPlan, options: SweepRunOptions): Promise<SweepOutcome> {
  const { definition } = plan;
  const { outDir, shard } = options;
  const prepared = prepare(plan, options);
  if ("refused" in prepared) return { status: "refused", message: prepared.refused };
  const records = prepared.records;
  const reused = records.length;
  const done = new Set(records.map((r) => r.cell));
  const mine = plan.cells.filter((c) => inShard(c.index, shard));
  const todo = mine.filter((c) => !done.has(c.index));

  const tasks: CellTask[] = [];
  for (const cell of todo) {
    const sets = [...definition.sets, ...cellSets(plan.dimensions, cell)];
    replicationSeeds(definition, cell.key).forEach((seed, replication) => {
      tasks.push({ id: tasks.length, cell: cell.index, replication, seed, sets });
    });
  }

  const pending = new Map<number, { values: (number | null)[][]; left: number }>();
  let tasksDone = 0;
  const tasksReused = reused * definition.replications;
  const report = (): void => options.onProgress?.({ cellsDone: records.length, cellsTotal: mine.length, tasksDone, tasksTotal: tasks.length, tasksReused });
  report();
  const onAnswer = (task: CellTask, values: (number | null)[]): void => {
    let cell = pending.get(task.cell);
    if (cell === undefined) {
      cell = { values: new Array<(number | null)[]>(definition.replications), left: definition.replications };
      pending.set(task.cell, cell);
    }
    cell.values[task.replication] = values;
    tasksDone++;
    if (--cell.left === 0) {
      pending.delete(task.cell);
      const record = cellRecord(definition, task.cell, cell.values);
      writeCellFile(outDir, record);
      records.push(record);
      options.onCellWritten?.(task.cell);
    }
    report();
  };

  let result: "done" | "stopped";
  let threads: number;
  let judgedLight: boolean | undefined;
  try {
    ({ result, threads, judgedLight } = await runTasks(tasks, {
      threads: options.threads,
      auto: options.autoThreads,
      source: plan.source,
      stop: options.stop,
      onAnswer,
      workerUrl: options.workerUrl,
    }));
  } catch (error) {
    if (isFsError(error)) {
      return {
        status: "failed",
        cause: "write",
        message: `cannot write ${outDir}: ${describeFsError(error)}`,
        cellsDone: records.length,
        cellsTotal: mine.length,
      };
    }
    if (!(error instanceof TaskFailedError)) throw error;
    const cell = plan.cells[error.task.cell];
    const where = cell === undefined ? `cell ${error.task.cell}` : describeCell(plan.dimensions, cell);
    return {
      status: "failed",
      cause: error.refused ? "refused" : "simulation",
      message: `${where}, replication ${error.task.replication} (seed ${error.task.seed}): ${error.message}`,
      cellsDone: records.length,
      cellsTotal: mine.length,
    };
  }
  if (result === "stopped") return { status: "interrupted", cellsDone: records.length, cellsTotal: mine.length };
  const rows = resultRows(records, definition, shard === null);
  const recommendation = shard === null ? definitionRecommendation(definition, rows) : null;
  const reportFiles = shard === null && options.report !== false ? sweepReportFiles({ definition, rows, recommendation }) : [];
  try {
    writeResultFiles(
      outDir,
      resultsCsv(definition, rows),
      resultsJson(definition, shard, rows),
      recommendation === null ? null : recommendationJson(recommendation),
      reportFiles,
    );
  } catch (error) {
    if (!isFsError(error)) throw error;
    return {
      status: "failed",
      cause: "write",
      message: `cannot write the results into ${outDir}: ${describeFsError(error)}`,
      cellsDone: records.length,
      cellsTotal: mine.length,
    };
  }
  return {
    status: "done",
    cellsRun: records.length - reused,
    cellsReused: reused,
    cellsTotal: mine.length,
    runs: tasks.length,
    threads,
    lightRuns: judgedLight === true,
    recommendation,
  };
}

/** The recommendation of a whole sweep (recommendation.json, report.html); null without an objective. */
export function definitionRecommendation(definition: SweepDefinition, rows: readonly ResultRow[]): Recommendation | null {
  return sweepRecommendation(definition.vary, rows, sloList(definition.slos), constraintList(definition.constraints, definition.vary));
}

// Decides what to do with the output directory, and returns the finished cells to reuse. File system errors (a
// path that cannot be written) refuse the sweep before any run.
function prepare(plan: SweepPlan, options: SweepRunOptions): { records: CellRecord[] } | { refused: string } {
  try {
    return prepareDir(plan, options);
  } catch (error) {
    if (!isFsError(error)) throw error;
    return { refused: `${options.outDir}: cannot write there: ${describePathError(error, options.outDir, options.showPath)}` };
  }
}

function prepareDir(plan: SweepPlan, options: SweepRunOptions): { records: CellRecord[] } | { refused: string } {
  const { outDir, shard } = options;
  const note = (text: string): void => options.onNote?.(text);
  const state = inspectSweepDir(outDir);
  if (state.kind === "other") return { refused: state.problem };
  if (state.kind === "new" && state.abandoned.length > 0) {
    note(`cleared ${outDir} (${listEntries(state.abandoned)}): a sweep there ended before it had written ${SWEEP_FILE}, so nothing in it could be resumed`);
  }
  if (state.kind === "sweep") {
    const refusal = clearRefusal(outDir, state);
    const same = definitionDifference(state.manifest, plan.definition) === null && shardText(state.manifest.shard) === shardText(shard);
    if (state.cellFiles === 0 && !state.finished && !(options.resume && same)) {
      // An unfinished sweep without a finished cell has nothing to lose: a new sweep (or another --resume) replaces it.
      if (refusal !== null) return { refused: refusal };
      note(`${outDir} held a sweep that ended before finishing any cell; starting this one there`);
    } else if (!options.resume) {
      if (!state.finished) {
        return {
          refused:
            `${outDir} holds an unfinished sweep (${state.cellFiles} of ${state.manifest.shard === null ? state.manifest.cells : "its"} cells done); ` +
            "add --resume to continue it, or choose another directory",
        };
      }
      // A finished sweep is replaced, as `run` replaces an earlier run.
      if (refusal !== null) return { refused: refusal };
    } else {
      const difference = definitionDifference(state.manifest, plan.definition);
      if (difference !== null) return { refused: `--resume: ${outDir} holds another sweep: ${difference}` };
      if (shardText(state.manifest.shard) !== shardText(shard)) {
        return { refused: `--resume: ${outDir} holds ${shardText(state.manifest.shard)}, not ${shardText(shard)}` };
      }
      // The results and the report are written again at the end: nothing of the user's may sit in their places.
      const lost = foreignWithin(state.foreign, [...SWEEP_LAYOUT.files, ...SWEEP_REPORT_ENTRIES]);
      if (lost.length > 0) return { refused: `--resume: ${wouldLose(outDir, lost, "a sweep", "finishing the sweep", "")}` };
      const records = readCellFiles(outDir, plan.definition, shard);
      if ("error" in records) return { refused: `--resume: ${records.error}` };
      const removed = removeTemporaryFiles(outDir);
      if (removed > 0) note(`removed ${removed} temporary file${removed === 1 ? "" : "s"} from ${outDir}, left by an sqs-sim process that ended while writing`);
      return { records };
    }
  }
  startSweepDir(outDir, plan.definition, shard);
  return { records: [] };
}

function shardText(shard: Shard | null): string {
  return shard === null ? "the whole grid" : `shard ${shard.index}/${shard.count}`;
}

// Runs a sweep's tasks, several at a time on worker threads or one by one on this thread. Tasks are handed out in
// list order, and every answer carries its task's id, so the caller can store results by (cell, replication) and
// the finished output does not depend on which worker ran what, or when.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ScenarioRefusedError } from "../sim/simulation-error.js";
import { runCellTask, type CellTask, type SweepSource } from "./cell-task.js";
import { type TaskAnswer } from "./task-answer.js";

export interface PoolOptions {
  /** Worker threads; 0 runs the tasks on this thread (no build needed, and no thread start-up cost). */
  threads: number;
  /** Treat `threads` as the most, and stay on this thread while the runs are too light for threads to pay (see
   *  runTasks). False: exactly min(threads, tasks) threads, as `--workers N` asks. */
  auto?: boolean | undefined;
  /** Milliseconds, for timing the runs (tests replace it). */
  clock?: (() => number) | undefined;
  source: SweepSource;
  /** Once aborted, no further task starts; the running ones finish and are reported. */
  stop?: AbortSignal | undefined;
  /** Called for each finished task, in the order they finish. A throw stops the pool and rejects. */
  onAnswer: (task: CellTask, values: (number | null)[]) => void;
  /** The compiled worker script (default: cellWorkerUrl()). */
  workerUrl?: URL | undefined;
}

/** A task whose simulation failed, or whose scenario was refused during the run (`refused`: a limit reached, exit 2):
 *  the message names the model's error. */
export class TaskFailedError extends Error {
  constructor(
    readonly task: CellTask,
    message: string,
    readonly refused = false,
  ) {
    super(message);
    this.name = "TaskFailedError";
  }
}

/**
 * The compiled worker script. Worker threads load JavaScript, so running from the TypeScript sources (the tests)
 * uses the build in dist/; `npm run build` (which `npm test` runs first) keeps it current. The bundled bin
 * (dist/cli/sqs-sim.mjs) reaches the same dist/src/sweep/cell-worker.js by the second path.
 */
export function cellWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".js") ? new URL("./cell-worker.js", here) : new URL("../../dist/src/sweep/cell-worker.js", here);
}

export interface PoolOutcome {
  /** "stopped" when the stop signal came before the last task started. */
  result: "done" | "stopped";
  /** The worker threads the tasks ran on; 0 when they all ran on this thread. */
  threads: number;
  /** With auto: the runs were timed and judged too light for threads to pay (not merely too few to share). */
  judgedLight?: boolean;
}

/**
 * What a worker thread costs before its first run: it loads the modules and warms up its JIT anew, about a second
 * of wall time on the project's 2-core machine (bench/sweep.ts: 80 runs of 12 ms took 0.97 s on this thread and
 * 1.51 s on 2 threads). Threads are started only when they are expected to save more than this.
 */
export const THREAD_START_COST_S = 1;
/**
 * A run on a cold thread is several times slower than once its JIT has warmed up (a 10 ms run takes about 100 ms
 * first, and 6 or 7 runs to settle), so the estimate waits for PROBE_TASKS runs or PROBE_MS of them, whichever
 * comes first, and uses the mean of the last RECENT_TASKS runs, the very first left out unless it is the only one
 * (a first run of PROBE_MS or more is mostly simulation, not warm-up, so heavy runs switch after one). Light
 * runs reach PROBE_TASKS first, by when their pace has settled.
 */
const PROBE_TASKS = 8;
const PROBE_MS = 500;
const RECENT_TASKS = 4;

/**
 * Runs the tasks. With `auto`, they run on this thread while the remaining ones, at the recent runs' pace, would
 * finish less than THREAD_START_COST_S sooner on the threads; once they would save more, the rest go to the
 * threads. Either way the results are the same. A failed simulation rejects with TaskFailedError once the tasks
 * already running have finished (and been reported).
 */
export async function runTasks(tasks: readonly CellTask[], options: PoolOptions): Promise<PoolOutcome> {
  if (options.threads <= 0) return { result: await runInline(tasks, options), threads: 0 };
  if (options.auto !== true) return { result: await runOnThreads(tasks, options), threads: Math.min(options.threads, tasks.length) };
  const clock = options.clock ?? ((): number => performance.now());
  const timesMs: number[] = [];
  let inlineMs = 0;
  let judgedLight = false;
  for (let i = 0; i < tasks.length; i++) {
    const left = tasks.length - i;
    const threads = Math.min(options.threads, left);
    const probed = timesMs.length > 0 && (i >= PROBE_TASKS || inlineMs >= PROBE_MS);
    if (probed && threads > 1) {
      const recent = timesMs.length === 1 ? timesMs : timesMs.slice(Math.max(1, timesMs.length - RECENT_TASKS));
      const perTaskS = recent.reduce((a, b) => a + b, 0) / recent.length / 1000;
      if (left * perTaskS * (1 - 1 / threads) > THREAD_START_COST_S) {
        return { result: await runOnThreads(tasks.slice(i), options), threads };
      }
      judgedLight = true;
    }
    const started = clock();
    if ((await runOneInline(tasks[i]!, options)) === "stopped") return { result: "stopped", threads: 0 };
    const ms = clock() - started;
    timesMs.push(ms);
    inlineMs += ms;
  }
  return { result: "done", threads: 0, judgedLight };
}

async function runInline(tasks: readonly CellTask[], options: PoolOptions): Promise<"done" | "stopped"> {
  for (const task of tasks) if ((await runOneInline(task, options)) === "stopped") return "stopped";
  return "done";
}

async function runOneInline(task: CellTask, options: PoolOptions): Promise<"ran" | "stopped"> {
  // Yield before each task, so that a Ctrl-C (or any other event) is handled before the next one starts.
  await new Promise((resolve) => setImmediate(resolve));
  if (options.stop?.aborted) return "stopped";
  let values: (number | null)[];
  try {
    values = runCellTask(options.source, task);
  } catch (error) {
    throw new TaskFailedError(task, error instanceof Error ? error.message : String(error), error instanceof ScenarioRefusedError);
  }
  options.onAnswer(task, values);
  return "ran";
}

function runOnThreads(tasks: readonly CellTask[], options: PoolOptions): Promise<"done" | "stopped"> {
  const url = options.workerUrl ?? cellWorkerUrl();
  if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) {
    return Promise.reject(new Error(`the sweep's worker script ${fileURLToPath(url)} is missing; run \`npm run build\``));
  }
  const size = Math.min(options.threads, tasks.length);
  if (size === 0) return Promise.resolve("done");
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const running = new Map<Worker, CellTask>();
    let next = 0;
    let settled = false;
    // A failed simulation stops the dispatching as Ctrl-C does: the running tasks finish, so their cells are kept.
    let failure: TaskFailedError | null = null;

    const settle = (outcome: { result: "done" | "stopped" } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      // Terminate before answering, so the caller never races a worker that is still running a simulation.
      void Promise.all(workers.map((w) => w.terminate())).then(() => {
        if ("error" in outcome) reject(outcome.error);
        else resolve(outcome.result);
      });
    };
    const dispatch = (worker: Worker): void => {
      if (settled) return;
      if (next < tasks.length && !options.stop?.aborted && failure === null) {
        const task = tasks[next++]!;
        running.set(worker, task);
        worker.postMessage(task);
      } else if (running.size === 0) {
        settle(failure !== null ? { error: failure } : { result: next < tasks.length ? "stopped" : "done" });
      }
    };

    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { workerData: options.source });
      workers.push(worker);
      worker.on("message", (answer: TaskAnswer) => {
        const task = running.get(worker);
        running.delete(worker);
        if (task === undefined || task.id !== answer.id) {
          settle({ error: new Error(`a sweep worker answered task ${answer.id}, which it was not running`) });
          return;
        }
        // Of several failures, the first in task order is reported, whatever the timing.
        if (!answer.ok) {
          if (failure === null || task.id < failure.task.id) failure = new TaskFailedError(task, answer.message, answer.refused);
        } else {
          try {
            options.onAnswer(task, answer.values);
          } catch (error) {
            settle({ error });
            return;
          }
        }
        dispatch(worker);
      });
      worker.on("error", (error) => settle({ error }));
      worker.on("exit", (code) => settle({ error: new Error(`a sweep worker stopped unexpectedly (exit code ${code})`) }));
    }
    for (const worker of workers) dispatch(worker);
  });
}

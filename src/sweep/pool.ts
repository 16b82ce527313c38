// Runs a sweep's tasks, several at a time on worker threads or one by one on this thread. Tasks are handed out in
// list order, and every answer carries its task's id, so the caller can store results by (cell, replication) and
// the finished output does not depend on which worker ran what, or when.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runCellTask, type CellTask, type SweepSource } from "./cell-task.js";
import { type TaskAnswer } from "./task-answer.js";

export interface PoolOptions {
  /** Worker threads; 0 runs the tasks on this thread (no build needed, and no thread start-up cost). */
  threads: number;
  source: SweepSource;
  /** Once aborted, no further task starts; the running ones finish and are reported. */
  stop?: AbortSignal | undefined;
  /** Called for each finished task, in the order they finish. A throw stops the pool and rejects. */
  onAnswer: (task: CellTask, values: (number | null)[]) => void;
  /** The compiled worker script (default: cellWorkerUrl()). */
  workerUrl?: URL | undefined;
}

/** A task whose simulation failed: the message names the model's error. */
export class TaskFailedError extends Error {
  constructor(readonly task: CellTask, message: string) {
    super(message);
    this.name = "TaskFailedError";
  }
}

/**
 * The compiled worker script. Worker threads load JavaScript, so running from the TypeScript sources (the tests)
 * uses the build in dist/; `npm run build` (which `npm test` runs first) keeps it current.
 */
export function cellWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".js") ? new URL("./cell-worker.js", here) : new URL("../../dist/src/sweep/cell-worker.js", here);
}

/**
 * Runs the tasks; "stopped" when the stop signal came before the last one started. A failed simulation rejects
 * with TaskFailedError once the tasks already running have finished (and been reported).
 */
export async function runTasks(tasks: readonly CellTask[], options: PoolOptions): Promise<"done" | "stopped"> {
  if (options.threads <= 0) return runInline(tasks, options);
  return runOnThreads(tasks, options);
}

async function runInline(tasks: readonly CellTask[], options: PoolOptions): Promise<"done" | "stopped"> {
  for (const task of tasks) {
    // Yield between tasks, so that a Ctrl-C (or any other event) is handled before the next one starts.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.stop?.aborted) return "stopped";
    let values: (number | null)[];
    try {
      values = runCellTask(options.source, task);
    } catch (error) {
      throw new TaskFailedError(task, error instanceof Error ? error.message : String(error));
    }
    options.onAnswer(task, values);
  }
  return "done";
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
          if (failure === null || task.id < failure.task.id) failure = new TaskFailedError(task, answer.message);
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

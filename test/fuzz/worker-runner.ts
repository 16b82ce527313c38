// In-process fuzzing: every case runs in one long-lived worker thread (no Node start-up per case), with a hang guard
// and a memory guard. The guards are well above any legitimate case; they stop a runaway case instead of letting it
// freeze or exhaust the machine, and are never a performance assertion.
import { Worker } from "node:worker_threads";
import { type Outcome, type Runner } from "./outcome.js";

export interface WorkerGuards {
  /** Wall time after which a case counts as a hang and its thread is stopped. */
  timeoutMs: number;
  /**
   * Growth of the process's resident set during one case above which the case counts as exhausting memory: off-heap
   * memory (a Buffer read from /dev/zero) escapes the heap limit.
   */
  rssGrowthLimitBytes: number;
  /**
   * Resident set at which no further case runs: memory a stopped case held is not always given back to the system,
   * so after a few runaway cases the process must not keep growing (child processes, npm run fuzz, have no such limit).
   */
  rssCeilingBytes: number;
  /** V8 heap of the worker thread. */
  heapLimitMb: number;
}

/** The compiled worker script: worker threads load JavaScript, so the TypeScript tests use dist/ (npm run build:fuzz). */
export function caseWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".js") ? new URL("./case-worker.js", here) : new URL("../../dist/test/fuzz/case-worker.js", here);
}

const RSS_POLL_MS = 20;

/**
 * The guards of npm test's fuzz run (and of npm run fuzz -- --in-process, which replays it). The resident-set guard
 * stops a case well before the heap limit: V8 ends the whole process, not just the thread, when one allocation
 * (an array doubling towards fleet.instances=1e9) overshoots the limit before the thread can be stopped.
 */
export function inProcessGuards(timeoutMs = 60_000): WorkerGuards {
  return { timeoutMs, rssGrowthLimitBytes: 2 ** 30, rssCeilingBytes: 4 * 2 ** 30, heapLimitMb: 3072 };
}

export class WorkerRunner {
  private worker: Worker | undefined;

  /** `script` answers each `{ argv, cwd }` message with an Outcome (case-worker.ts; the oracle's tests pass fakes). */
  constructor(
    private readonly guards: WorkerGuards,
    private readonly script: URL = caseWorkerUrl(),
  ) {}

  // One case at a time on the one thread: fast-check's time limit can abandon a running property and start the
  // next, so calls queue here instead of overlapping.
  private queue: Promise<unknown> = Promise.resolve();

  readonly run: Runner = (argv, cwd, unblock) => {
    const outcome = this.queue.then(() => this.runNow(argv, cwd, unblock));
    this.queue = outcome.catch(() => undefined);
    return outcome;
  };

  private runNow(argv: readonly string[], cwd: string, unblock: () => void): Promise<Outcome> {
    const startRss = process.memoryUsage.rss();
    if (startRss > this.guards.rssCeilingBytes) {
      const mb = Math.round(startRss / 2 ** 20);
      return Promise.resolve({
        exitCode: null,
        memory: `not run: an earlier runaway case left this process at ${mb} MB; use child processes (npm run fuzz)`,
        stdout: "",
        stderr: "",
        prototypeChanges: [],
        wallMs: 0,
      });
    }
    const worker = (this.worker ??= new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.guards.heapLimitMb } }));
    const started = performance.now();
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const finish = (outcome: Omit<Outcome, "wallMs"> & { wallMs?: number }, discardWorker: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poll);
        // Only our own listeners: the Worker keeps its message port going through listeners of its own.
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (discardWorker) {
          // A thread stuck opening a FIFO only sees terminate() once the open returns.
          unblock();
          this.worker = undefined;
          void worker.terminate();
        }
        resolve({ wallMs: performance.now() - started, ...outcome });
      };
      const stopped = (what: Partial<Outcome>): Omit<Outcome, "wallMs"> => ({ exitCode: null, stdout: "", stderr: "", prototypeChanges: [], ...what });
      const timer = setTimeout(() => finish(stopped({ hang: true }), true), this.guards.timeoutMs);
      const poll = setInterval(() => {
        const grown = process.memoryUsage.rss() - startRss;
        if (grown > this.guards.rssGrowthLimitBytes) finish(stopped({ memory: `resident set grew by ${Math.round(grown / 2 ** 20)} MB` }), true);
      }, RSS_POLL_MS);
      // A polluted prototype lives on in the thread's realm: the next case gets a fresh thread.
      const onMessage = (outcome: Outcome): void => finish(outcome, outcome.prototypeChanges.length > 0);
      const onError = (error: Error & { code?: string }): void =>
        finish(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? stopped({ memory: `the worker's ${this.guards.heapLimitMb} MB heap ran out` })
            : stopped({ threw: `the worker thread died: ${error.stack ?? error.message}` }),
          true,
        );
      const onExit = (code: number): void => finish(stopped({ threw: `the worker thread exited with code ${code}` }), true);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage({ argv: [...argv], cwd });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

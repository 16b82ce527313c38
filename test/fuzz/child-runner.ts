// `npm run fuzz`: each case runs as its own process, `node measured-main.js <args>` (sqs-sim itself, plus a report
// of its peak memory), in the sandbox's directory, under a wall-time limit and a memory bound. A case over either is
// killed and reported ("hang", "memory"); the process's peak resident set comes back for the slowest/largest list.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OutputBuffer, type Outcome, type Runner } from "./outcome.js";

export interface ChildLimits {
  timeoutMs: number;
  /** Peak resident set size allowed, in MB: polled while the child runs and checked from its report. */
  rssLimitMb: number;
  /** --max-old-space-size of the child. */
  heapLimitMb: number;
  /** `ulimit -v` of the child, in MB: a backstop should memory grow faster than the poll sees. */
  virtualLimitMb: number;
  /** The script run with the case's arguments: measured-main.js (sqs-sim) unless a test passes a fake. */
  script?: string;
}

const POLL_MS = 50;

function measuredMainPath(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith(".js") ? new URL("./measured-main.js", here) : new URL("../../dist/test/fuzz/measured-main.js", here));
}

/** Resident set of a Linux process in kB, or undefined (gone, or not Linux). */
function residentKb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The shell words that run sqs-sim the way the child runner does (for reproductions). */
export function childCommand(limits: ChildLimits, argv: readonly string[]): string[] {
  return [
    "sh",
    "-c",
    `ulimit -v ${limits.virtualLimitMb * 1024} && exec "$0" "$@"`,
    process.execPath,
    `--max-old-space-size=${limits.heapLimitMb}`,
    limits.script ?? measuredMainPath(),
    ...argv,
  ];
}

export function childRunner(limits: ChildLimits): Runner {
  return (argv, cwd) =>
    new Promise<Outcome>((resolve) => {
      const [command, ...args] = childCommand(limits, argv);
      const started = performance.now();
      const child = spawn(command!, args, { cwd, stdio: ["ignore", "pipe", "pipe", "pipe"] });
      const out = new OutputBuffer();
      const err = new OutputBuffer();
      let report = "";
      let stoppedFor: Partial<Outcome> | undefined;
      let peakKb = 0;
      child.stdout?.setEncoding("utf8").on("data", (t: string) => out.push(t));
      child.stderr?.setEncoding("utf8").on("data", (t: string) => err.push(t));
      (child.stdio[3] as NodeJS.ReadableStream | null)?.setEncoding("utf8").on("data", (t: string) => void (report += t));
      const stop = (why: Partial<Outcome>): void => {
        stoppedFor ??= why;
        child.kill("SIGKILL");
      };
      const timer = setTimeout(() => stop({ hang: true }), limits.timeoutMs);
      const poll = setInterval(() => {
        const kb = child.pid === undefined ? undefined : residentKb(child.pid);
        if (kb !== undefined) peakKb = Math.max(peakKb, kb);
        if (kb !== undefined && kb > limits.rssLimitMb * 1024) stop({ memory: `resident set ${Math.round(kb / 1024)} MB, above ${limits.rssLimitMb} MB` });
      }, POLL_MS);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        clearInterval(poll);
        let measured: { maxRssKb?: number; prototypeChanges?: string[] } = {};
        try {
          measured = JSON.parse(report) as typeof measured;
        } catch {
          // killed, or crashed before it could report
        }
        const maxRssKb = Math.max(measured.maxRssKb ?? 0, peakKb);
        const over =
          stoppedFor === undefined && maxRssKb > limits.rssLimitMb * 1024
            ? { memory: `peak resident set ${Math.round(maxRssKb / 1024)} MB, above ${limits.rssLimitMb} MB` }
            : {};
        resolve({
          exitCode: stoppedFor === undefined ? code : null,
          ...(signal !== null && stoppedFor === undefined ? { signal } : {}),
          ...stoppedFor,
          ...over,
          stdout: out.text(),
          stderr: err.text(),
          prototypeChanges: measured.prototypeChanges ?? [],
          wallMs: performance.now() - started,
          maxRssKb,
        });
      });
    });
}

// What running one command line produced, however it was run (on this thread, in a worker thread, in a child
// process), and the interface every runner offers.

export interface Outcome {
  /** null when the command did not end with an exit code (it threw, hung, ran out of memory, was killed). */
  exitCode: number | null;
  /** The signal that ended a child process. */
  signal?: string;
  /** An exception that came out of runCli (in-process runs), or a crash of the thread running it. */
  threw?: string;
  /** The wall-time guard expired and the command was stopped. */
  hang?: boolean;
  /** The memory bound was exceeded: what was measured. */
  memory?: string;
  stdout: string;
  stderr: string;
  /** Built-in prototypes changed by the command (prototypes.ts). */
  prototypeChanges: string[];
  wallMs: number;
  /** Peak resident set size of a child process, in kB. */
  maxRssKb?: number;
}

/** Runs `sqs-sim <argv>` in `cwd`; `unblock` lets a thread stuck on a FIFO of the sandbox go on. */
export type Runner = (argv: readonly string[], cwd: string, unblock: () => void) => Promise<Outcome>;

/** Output kept per stream: enough to judge every line, never a 20 MB echo held in memory. */
export const KEPT_OUTPUT = 1 << 20;

/** Collects a stream's text up to KEPT_OUTPUT characters, then notes how much more came. */
export class OutputBuffer {
  private parts: string[] = [];
  private kept = 0;
  private dropped = 0;

  push(text: string): void {
    const room = KEPT_OUTPUT - this.kept;
    if (room > 0) {
      const part = text.length <= room ? text : text.slice(0, room);
      this.parts.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, text.length - Math.max(room, 0));
  }

  text(): string {
    const all = this.parts.join("");
    return this.dropped > 0 ? `${all}\n[… ${this.dropped.toLocaleString("en-US")} more characters]` : all;
  }
}

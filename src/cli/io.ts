/** Where the CLI writes: the process's streams in real use, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Whether stderr is a terminal, where a progress bar can redraw itself; absent means it is not. */
  stderrIsTTY?: boolean;
  /** Wall-clock milliseconds for the progress bar's timing; performance.now() when absent. */
  now?: () => number;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    now: () => performance.now(),
  };
}

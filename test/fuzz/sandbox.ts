// A fuzz case's sandbox: a temporary directory holding the files a user might have where they run sqs-sim (notes,
// source code, a folder that happens to hold a summary.json, an earlier run), the case's own scenario and traces,
// and a file beside the working directory. The oracle compares snapshots of all of it.
import { spawnSync } from "node:child_process";
import { closeSync, constants, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../../src/cli/program.js";
import { type CaseFile, type FuzzCase } from "./fuzz-case.js";
import { shippedTraces } from "./seeds.js";
import { snapshot } from "./snapshot.js";

export interface Sandbox {
  /** The directory snapshotted: the working directory and what lies beside it. */
  root: string;
  /** The command's working directory, root/work. */
  work: string;
  /** Paths (relative to root) of the user's files and folders, which no command may change. */
  userOwned: Set<string>;
  /** Lets a thread blocked opening or reading one of the sandbox's FIFOs go on (a hung case). */
  unblock(): void;
  remove(): void;
}

export const WORK = "work";
/** Where the sandbox keeps a real run, which `run --out reports/earlier-run` may replace. */
export const EARLIER_RUN = "reports/earlier-run";

const EARLIER_YAML = "name: earlier\nduration: 2m\nproducers: [{name: p, traffic: [{constant: 2}]}]\n";
let earlierRun: string | undefined;

/** A directory written by a real `sqs-sim run --no-charts`, made once per process and copied into each sandbox. */
async function earlierRunTemplate(): Promise<string> {
  if (earlierRun !== undefined) return earlierRun;
  const dir = mkdtempSync(join(tmpdir(), "sqs-sim-fuzz-template-"));
  writeFileSync(join(dir, "earlier.yaml"), EARLIER_YAML);
  const io = { stdout: () => {}, stderr: (t: string) => void process.stderr.write(t), cwd: dir };
  const code = await runCli(["run", "earlier.yaml", "--out", "run", "--no-charts", "--quiet"], io);
  if (code !== 0) throw new Error(`the fuzzer's earlier run failed with exit ${code}`);
  earlierRun = join(dir, "run");
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return earlierRun;
}

const BINARY = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256));

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Writes the case's scenario; returns FIFOs made. */
function writeCaseFile(work: string, file: CaseFile, fifos: string[]): void {
  const path = join(work, file.path);
  const content = file.content;
  if ("text" in content) write(path, content.text);
  else if ("base64" in content) write(path, Buffer.from(content.base64, "base64"));
  else if (content.special === "directory") mkdirSync(path, { recursive: true });
  else if (content.special === "dev-zero") {
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync("/dev/zero", path);
  } else if (content.special === "fifo") {
    mkdirSync(dirname(path), { recursive: true });
    fifos.push(path);
  }
}

function writeTraces(dir: string, fifos: string[]): void {
  for (const t of shippedTraces()) write(join(dir, t.path), t.text);
  mkdirSync(join(dir, "traces", "a-directory.csv"), { recursive: true });
  symlinkSync("/dev/zero", join(dir, "traces", "dev-zero.csv"));
  writeFileSync(join(dir, "traces", "binary.csv"), BINARY);
  writeFileSync(join(dir, "traces", "empty.csv"), "");
  fifos.push(join(dir, "traces", "fifo.csv"));
}

function relativePaths(root: string, dir: string): string[] {
  const prefix = dir.slice(root.length + 1);
  return [prefix, ...readdirSync(dir, { recursive: true }).map((p) => `${prefix}/${String(p)}`)];
}

export async function createSandbox(c: FuzzCase): Promise<Sandbox> {
  const template = await earlierRunTemplate();
  const root = mkdtempSync(join(tmpdir(), "sqs-sim-fuzz-"));
  const work = join(root, WORK);
  const fifos: string[] = [];
  write(join(root, "outside.txt"), "beside the working directory\n");
  write(join(work, "NOTES.md"), "# my notes\n");
  write(join(work, "src", "main.c"), "int main(void) { return 0; }\n");
  // A folder of the user's that happens to hold a summary.json: not a run directory.
  write(join(work, "data", "summary.json"), '{"mine": true}\n');
  write(join(work, "data", "notes.txt"), "keep me\n");
  mkdirSync(join(work, "empty"));
  writeTraces(work, fifos);
  writeTraces(join(work, "scenarios"), fifos);
  cpSync(template, join(work, EARLIER_RUN), { recursive: true });
  const replaceable = [join(work, EARLIER_RUN)];
  if (c.occupied !== undefined && c.name !== undefined) {
    const occupied = join(work, "reports", c.command === "sweep" ? `${c.name}-sweep` : c.name);
    if (c.occupied === "run") {
      cpSync(template, occupied, { recursive: true });
      replaceable.push(occupied);
    } else write(join(occupied, "mine.txt"), "not a run\n");
  }
  if (c.scenario) writeCaseFile(work, c.scenario, fifos);
  if (fifos.length > 0) {
    const made = spawnSync("mkfifo", fifos);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
  }

  const sqsSimOwned = new Set(replaceable.flatMap((dir) => relativePaths(root, dir)));
  const userOwned = new Set([...snapshot(root).keys()].filter((p) => !sqsSimOwned.has(p)));
  const unblock = (): void => {
    for (const fifo of fifos) {
      try {
        closeSync(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK));
      } catch {
        // gone, or replaced by the case: nothing to unblock
      }
    }
  };
  return {
    root,
    work,
    userOwned,
    unblock,
    remove() {
      unblock();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// What the sweep tests share: a tiny scenario (5 simulated minutes at 3 msg/s, tens of milliseconds a run),
// temporary directories, and a CLI io that captures the output.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { cellWorkerUrl } from "../../src/sweep/index.js";

export const TINY_YAML = `name: tiny
duration: 5m
queue: { visibilityTimeout: 30s, receiveWaitTime: 20s }
producers:
  - name: orders
    traffic: [ { constant: 3 } ]
consumers: { processing: { exponential: { mean: 500ms } } }
fleet: { kind: fixed, instances: 1 }
slo: { maxQueueWait: 5s }
`;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sqs-sim-sweep-"));
}

export function writeTiny(dir: string, text = TINY_YAML, name = "tiny.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function capture(cwd: string, extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd, ...extra };
  return { io, out, err, text: () => out.join(""), errors: () => err.join("") };
}

/** Runs the CLI in-process in dir: its exit code, stdout and stderr. */
export async function cli(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture(dir);
  const code = await runCli(args, c.io);
  return { code, out: c.text(), err: c.errors() };
}

/** Every file under dir (relative path → content; PNGs in base64, byte for byte), to compare whole directories. */
export function readTree(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, readTree(dir, rel));
    else files[rel] = readFileSync(join(dir, rel), rel.endsWith(".png") ? "base64" : "utf8");
  }
  return files;
}

// The source folders a worker thread runs (through dist/).
const WORKER_SOURCES = ["sweep", "sim", "scenario", "engine", "sqs", "sns", "traffic", "consumers", "scaling", "metrics"];

/**
 * Worker threads load the compiled worker from dist/: `npm test` builds it first. A missing or stale build would
 * make the thread results differ from this thread's for no reason in the code, so it stops the tests with a hint.
 */
export function requireBuiltWorker(): void {
  const file = fileURLToPath(cellWorkerUrl());
  if (!existsSync(file)) throw new Error(`${resolve(file)} is missing: run \`npm run build\` before the sweep tests`);
  const builtMs = statSync(file).mtimeMs;
  const src = resolve(import.meta.dirname, "../../src");
  for (const folder of WORKER_SOURCES) {
    for (const name of readdirSync(join(src, folder), { recursive: true, encoding: "utf8" })) {
      if (name.endsWith(".ts") && statSync(join(src, folder, name)).mtimeMs > builtMs) {
        throw new Error(`src/${folder}/${name} is newer than the build in dist/: run \`npm run build\` before the sweep tests`);
      }
    }
  }
}

// What the CLI tests share: an io that captures the output, temporary directories, a small scenario.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { type CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { SMALL_YAML, tempDir as fixtureTempDir } from "../report/saved-run-fixture.js";

export { PNG_SIGNATURE, SMALL_YAML as SMALL } from "../report/saved-run-fixture.js";

/** An io writing into arrays; `extra` adds a terminal or a clock. */
export function capture(cwd: string, extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd, ...extra };
  return { io, out, err };
}

export const tempDir = (): string => fixtureTempDir("sqs-sim-cli-");

/** Runs the CLI in-process with `dir` as its working directory; its exit code and what it printed. */
export async function cliIn(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = capture(dir);
  const code = await runCli(args, io);
  return { code, out: out.join(""), err: err.join("") };
}

export function writeScenario(dir: string, text = SMALL_YAML, name = "small.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const TO_STRING = Object.prototype.toString;

/** After a command: no input reached Object.prototype (no new key, toString intact, a fresh object still empty). */
export function expectObjectPrototypeIntact(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(Object.prototype.toString).toBe(TO_STRING);
  expect(Object.keys({})).toEqual([]);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

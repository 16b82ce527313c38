// What the CLI tests share: an io that captures the output, temporary directories, a small scenario.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CliIo } from "../../src/cli/io.js";
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

export function writeScenario(dir: string, text = SMALL_YAML, name = "small.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

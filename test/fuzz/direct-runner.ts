// Runs a CLI function on this thread, the way the tests call runCli: an io capturing both streams, exceptions and
// prototype changes caught. The worker thread of the in-process fuzz runs cases with it; the oracle's own tests run
// deliberately broken CLIs with it.
import { type CliIo } from "../../src/cli/io.js";
import { OutputBuffer, type Outcome } from "./outcome.js";
import { prototypeChanges, prototypeSnapshot, restorePrototypes } from "./prototypes.js";

export type CliFunction = (argv: readonly string[], io: CliIo) => Promise<number>;

export async function runDirect(cli: CliFunction, argv: readonly string[], cwd: string): Promise<Outcome> {
  const out = new OutputBuffer();
  const err = new OutputBuffer();
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd };
  const before = prototypeSnapshot();
  const started = performance.now();
  let exitCode: number | null = null;
  let threw: string | undefined;
  try {
    exitCode = await cli(argv, io);
  } catch (error) {
    threw = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  }
  const wallMs = performance.now() - started;
  const changes = prototypeChanges(before);
  restorePrototypes(before);
  return { exitCode, ...(threw !== undefined ? { threw } : {}), stdout: out.text(), stderr: err.text(), prototypeChanges: changes, wallMs };
}

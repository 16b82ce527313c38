import { Command, CommanderError, InvalidArgumentError } from "commander";
import { isAbsolute, join, relative, resolve } from "node:path";
import { replaceRefusal, writeDirectoryAtomically } from "../report/atomic-dir.js";
import { runFiles } from "../report/run-files.js";
import { loadDefaultScenario, loadScenarioFile, scenarioJsonSchema, type LoadResult } from "../scenario/index.js";
import { preflight } from "../sim/preflight.js";
import { simulate } from "../sim/simulate.js";
import { ScenarioRefusedError, SimulationError } from "../sim/simulation-error.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo } from "./io.js";
import { terminalSummary } from "./terminal-summary.js";

interface RunOptions {
  out?: string;
  seed?: number;
  set: string[];
  quiet?: boolean;
  json?: boolean;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError("expected a whole number ≥ 0");
  }
  return Number(text);
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Runs the CLI on argv (without node and script) and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const program = new Command()
    .name("sqs-sim")
    .description("Discrete-event simulator of Amazon SQS queues and their consumer fleets")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("run")
    .description("run a scenario (the embedded default scenario when no file is given) and write its reports")
    .argument("[scenario]", "scenario file (.yaml, .yml or .json)")
    .option("-o, --out <dir>", "output directory (default: reports/<scenario-name>/)")
    .option("--seed <n>", "root random seed (overrides the scenario's seed)", parseSeed)
    .option("--set <path=value>", "override a scenario key, e.g. --set queue.visibilityTimeout=60s (repeatable)", collect, [])
    .option("-q, --quiet", "print nothing unless the run fails")
    .option("--json", "print summary.json to stdout instead of the table")
    .action((file: string | undefined, options: RunOptions) => {
      exitCode = runCommand(file, options, io);
    });

  program
    .command("validate")
    .description("check scenario files without running them")
    .argument("<scenario...>", "scenario files")
    .option("--set <path=value>", "apply overrides before checking (repeatable)", collect, [])
    .option("-q, --quiet", "print nothing unless a file is invalid")
    .action((files: string[], options: { set: string[]; quiet?: boolean }) => {
      exitCode = validateCommand(files, options, io);
    });

  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editor completion)")
    .action(() => {
      io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end in a CommanderError with exit code 0; anything else is a usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    io.stderr(`sqs-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.Failure;
  }
  return exitCode;
}

function load(file: string | undefined, sets: string[], seed: number | undefined, io: CliIo): LoadResult {
  const options = { sets, ...(seed !== undefined ? { seed } : {}) };
  return file === undefined ? loadDefaultScenario(options) : loadScenarioFile(asTyped(file, io), options);
}

function runCommand(file: string | undefined, options: RunOptions, io: CliIo): ExitCode {
  const loaded = load(file, options.set, options.seed, io);
  if (!loaded.ok) {
    io.stderr(loaded.errors.join("\n") + "\n");
    return ExitCode.BadInput;
  }
  const scenario = loaded.scenario;
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", scenario.name);
  const refusal = replaceRefusal(outDir);
  if (refusal !== null) {
    io.stderr(`sqs-sim: --out: ${refusal}\n`);
    return ExitCode.BadInput;
  }
  const started = performance.now();
  let result;
  try {
    result = simulate(scenario);
  } catch (error) {
    if (error instanceof ScenarioRefusedError) {
      const source = file ?? "<default scenario>";
      io.stderr(error.message.split("\n").map((line) => `${source}: ${line}`).join("\n") + "\n");
      return ExitCode.BadInput;
    }
    if (error instanceof SimulationError) {
      io.stderr(`sqs-sim: the simulation failed: ${error.message}\n`);
      return ExitCode.Failure;
    }
    throw error;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  writeDirectoryAtomically(outDir, runFiles(result, loaded.resolvedText));
  if (options.json) io.stdout(JSON.stringify(result.summary, null, 2) + "\n");
  else if (!options.quiet) io.stdout(terminalSummary(result.summary, displayPath(outDir, io.cwd), wallSeconds));
  return ExitCode.Ok;
}

function validateCommand(files: string[], options: { set: string[]; quiet?: boolean }, io: CliIo): ExitCode {
  let code: ExitCode = ExitCode.Ok;
  for (const file of files) {
    const loaded = loadScenarioFile(asTyped(file, io), { sets: options.set });
    const problems = loaded.ok ? preflight(loaded.scenario) : [];
    if (loaded.ok && problems.length === 0) {
      if (!options.quiet) io.stdout(`${file}: ok (${loaded.scenario.name})\n`);
    } else if (loaded.ok) {
      io.stderr(problems.map((p) => `${file}: ${p}`).join("\n") + "\n");
      code = ExitCode.BadInput;
    } else {
      io.stderr(loaded.errors.join("\n") + "\n");
      code = ExitCode.BadInput;
    }
  }
  return code;
}

/** The path as the user typed it when it resolves the same from here, so that error messages name it that way. */
function asTyped(file: string, io: CliIo): string {
  if (isAbsolute(file)) return file;
  const absolute = resolve(io.cwd, file);
  return resolve(file) === absolute ? file : absolute;
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

const VERSION = "0.1.0";

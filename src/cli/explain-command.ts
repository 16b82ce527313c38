// `sqs-sim explain`: a scenario's capacity plan from closed forms, with a saved run's values beside it.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { explainScenario } from "../plan/explain.js";
import { explanationText } from "../plan/explain-text.js";
import { explainArchitecture } from "../plan/architecture-explain.js";
import { architectureExplanationText } from "../plan/architecture-explain-text.js";
import { type InstanceTypeVariant } from "../plan/instance-type-figures.js";
import { readSavedRun } from "../report/saved-run.js";
import { DEFAULT_SCENARIO_SOURCE, loadDefaultScenario, loadScenarioFile } from "../scenario/index.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { pairScenarios } from "../sim/architecture-flows.js";
import { type ArchitectureSummary } from "../sim/architecture-result.js";
import { isArchitectureSummary } from "../plan/architecture-simulated.js";
import { checkRun } from "../sim/prepare-run.js";
import { type InputResult, loadInputFile, readInputFile } from "../scenario/load.js";
import { type RunSummary } from "../sim/result.js";
import { ExitCode } from "./exit-codes.js";
import { processHost } from "./host.js";
import { type CliIo } from "./io.js";
import { asTyped, displayPath } from "./paths.js";
import { printProblems } from "./problems.js";
import { validateArchitecture } from "./run-architecture.js";

export interface ExplainCommandOptions {
  set: string[];
  run?: string;
  json?: boolean;
}

/**
 * Whether a run's scenario.json is the scenario being explained: the same resolved JSON that `run` writes, the
 * seed aside (it changes the draws, not the figures, and `run --seed` overrides it).
 */
export function sameScenario(savedJson: string, resolvedText: string): boolean {
  const withoutSeed = (text: string): string | null => {
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
      const { seed: _seed, ...rest } = value as Record<string, unknown>;
      return JSON.stringify(rest);
    } catch {
      return null;
    }
  };
  const saved = withoutSeed(savedJson);
  return saved !== null && saved === withoutSeed(resolvedText);
}

// A saved run's scenario.json, read as any input file is (a FIFO in its place would block explain forever).
function readText(file: string): string | null {
  const read = readInputFile(file);
  return "text" in read ? read.text : null;
}

export function explainCommand(file: string | undefined, options: ExplainCommandOptions, io: CliIo): ExitCode {
  const source = file === undefined ? DEFAULT_SCENARIO_SOURCE : asTyped(file, io.cwd);
  const loaded: InputResult = file === undefined ? loadDefaultScenario({ sets: options.set }, io.cwd) : loadInputFile(source, { sets: options.set });
  if (!loaded.ok) {
    printProblems(io, loaded.errors);
    return ExitCode.BadInput;
  }
  if (loaded.architecture !== undefined) return explainArchitectureCommand(loaded.architecture, loaded.resolvedText, source, file ?? null, options, io);
  const scenario = loaded.scenario;
  // What run would refuse, explain refuses too (a plan of a run that cannot happen would mislead).
  const problems = checkRun(scenario, processHost());
  if (problems.length > 0) {
    printProblems(
      io,
      problems.map((p) => `${source}: ${p}`),
    );
    return ExitCode.BadInput;
  }

  let summary: RunSummary | undefined;
  let runDirectory: string | undefined;
  if (options.run !== undefined) {
    const dir = resolve(io.cwd, options.run);
    const saved = readSavedRun(dir, options.run);
    if (!saved.ok) {
      io.stderr(`sqs-sim: --run: ${saved.error}\n`);
      return ExitCode.BadInput;
    }
    summary = saved.run.summary;
    runDirectory = displayPath(dir, io.cwd);
    if (!sameScenario(readText(join(dir, "scenario.json")) ?? "", loaded.resolvedText)) {
      io.stderr(`sqs-sim: note: ${options.run} ran a different scenario (its scenario.json differs); its values are shown anyway\n`);
    }
  } else {
    // The directory `sqs-sim run` writes by default, when it holds a run of this very scenario.
    const dir = join(io.cwd, "reports", scenario.name);
    const saved = existsSync(dir) ? readText(join(dir, "scenario.json")) : null;
    if (saved !== null && sameScenario(saved, loaded.resolvedText)) {
      const run = readSavedRun(dir, displayPath(dir, io.cwd));
      if (run.ok) {
        summary = run.run.summary;
        runDirectory = displayPath(dir, io.cwd);
      }
    }
  }

  // Each instance type resolved by the loader itself, exactly as a --set fleet.instanceType (or a sweep) would.
  const instanceTypes = Object.keys(scenario.instanceTypes ?? {}).flatMap((name) => {
    const sets = [...options.set, `fleet.instanceType=${name}`];
    const variant = file === undefined ? loadDefaultScenario({ sets }, io.cwd) : loadScenarioFile(source, { sets });
    return variant.ok ? [{ name, scenario: variant.scenario }] : [];
  });
  const explanation = explainScenario(scenario, summary, { ...(runDirectory === undefined ? {} : { runDirectory }), instanceTypes });
  // The suggested sweep names the file as it was typed: the command is run from the same shell.
  io.stdout(options.json ? JSON.stringify(explanation, null, 2) + "\n" : explanationText(explanation, { file: file ?? null, sets: options.set }));
  return ExitCode.Ok;
}

/** explain on the architecture format: each queue–pool pair explained as a single-queue scenario, and the whole. */
function explainArchitectureCommand(
  a: Architecture,
  resolvedText: string,
  source: string,
  file: string | null,
  options: ExplainCommandOptions,
  io: CliIo,
): ExitCode {
  // What run would refuse, explain refuses too.
  const problems = validateArchitecture(a);
  if (problems.length > 0) {
    printProblems(
      io,
      problems.map((p) => `${source}: ${p}`),
    );
    return ExitCode.BadInput;
  }
  let simulated: { summary: ArchitectureSummary; directory: string } | undefined;
  if (options.run !== undefined) {
    const dir = resolve(io.cwd, options.run);
    const saved = readArchitectureRun(dir, options.run);
    if (!saved.ok) {
      io.stderr(`sqs-sim: --run: ${saved.error}\n`);
      return ExitCode.BadInput;
    }
    simulated = { summary: saved.summary, directory: displayPath(dir, io.cwd) };
    if (!sameScenario(readText(join(dir, "scenario.json")) ?? "", resolvedText)) {
      io.stderr(`sqs-sim: note: ${options.run} ran a different scenario (its scenario.json differs); its values are shown anyway\n`);
    }
  } else {
    // The directory `sqs-sim run` writes by default, when it holds a run of this very scenario.
    const dir = join(io.cwd, "reports", a.name);
    const saved = existsSync(dir) ? readText(join(dir, "scenario.json")) : null;
    const run = saved !== null && sameScenario(saved, resolvedText) ? readArchitectureRun(dir, displayPath(dir, io.cwd)) : null;
    if (run?.ok) simulated = { summary: run.summary, directory: displayPath(dir, io.cwd) };
  }
  // Each pool on each instance type, resolved by the loader itself, as a --set of the pool's fleet.instanceType would be.
  const instanceTypes: Record<string, InstanceTypeVariant[]> = {};
  for (const pool of a.consumers) {
    instanceTypes[pool.name] = Object.keys(a.instanceTypes ?? {}).flatMap((name) => {
      const variant = loadInputFile(source, { sets: [...options.set, `consumers.${pool.name}.fleet.instanceType=${name}`] });
      const pair = variant.ok && variant.architecture !== undefined ? pairScenarios(variant.architecture).find((p) => p.pool === pool.name) : undefined;
      return pair === undefined ? [] : [{ name, scenario: pair.scenario }];
    });
  }
  const explanation = explainArchitecture(a, { instanceTypes, ...(simulated === undefined ? {} : { simulated }) });
  io.stdout(options.json ? JSON.stringify(explanation, null, 2) + "\n" : architectureExplanationText(explanation, { file, sets: options.set }));
  return ExitCode.Ok;
}

/** A saved architecture run's summary.json, or why it cannot be read (the directory as the user typed it). */
function readArchitectureRun(dir: string, shownAs: string): { ok: true; summary: ArchitectureSummary } | { ok: false; error: string } {
  if (!existsSync(dir)) return { ok: false, error: `${shownAs}: no such directory` };
  const file = join(dir, "summary.json");
  if (!existsSync(file)) return { ok: false, error: `${shownAs} is not an sqs-sim run directory (it has no summary.json)` };
  const text = readText(file);
  let value: unknown;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    value = null;
  }
  if (!isArchitectureSummary(value)) {
    return { ok: false, error: `${join(shownAs, "summary.json")}: not the summary of an architecture's run (sqs-sim run of a file with queues: [...])` };
  }
  return { ok: true, summary: value };
}

// `sqs-sim compare-platforms <scenario>`: one traffic and one processing model drained by EC2, Lambda and Kubernetes,
// each with its own block from the scenario or its defaults, with the same seed (the producers' streams are named by
// producer, not platform, so each platform sees the same arrivals), and one report over them (report/platforms).
// Every variant is checked before the first is simulated, and the directory is written whole or not at all.
import { type Command, InvalidArgumentError } from "commander";
import { join, resolve } from "node:path";
import { formatDuration } from "../engine/units.js";
import { OutputWriteError, prepareDirectoryWrite } from "../report/atomic-dir.js";
import { PLATFORMS_LAYOUT, REPORT_FILE_NAMES } from "../report/layouts.js";
import { platformRow, shareText } from "../report/platforms/platform-table.js";
import { PLATFORM_LABELS, type PlatformRun, platformsFiles } from "../report/platforms/platforms-files.js";
import { type Platform, PLATFORMS } from "../report/platforms/platform-names.js";
import { runFromDataFiles, SavedRunProblem } from "../report/saved-run.js";
import { runFiles } from "../report/run-files.js";
import { formatUsd } from "../report/summary-tables.js";
import { loadDefaultScenario } from "../scenario/index.js";
import { type LoadResult, loadScenarioFile } from "../scenario/load.js";
import { type Scenario } from "../scenario/schema.js";
import { preflight } from "../sim/preflight.js";
import { type SimulationResult } from "../sim/result.js";
import { simulate } from "../sim/simulate.js";
import { ScenarioRefusedError, SimulationError } from "../sim/simulation-error.js";
import { collect } from "./collect.js";
import { parseSeed } from "./seed-flag.js";
import { ExitCode } from "./exit-codes.js";
import { processHost } from "./host.js";
import { type CliIo } from "./io.js";
import { asTyped, displayPath, outputLabel } from "./paths.js";
import { printProblems } from "./problems.js";
import { ProgressBar } from "./progress.js";
import { redrawIn, warnIfPngsNotDrawn } from "./png-warning.js";

export interface ComparePlatformsOptions {
  platforms: Platform[];
  out?: string;
  seed?: number;
  set: string[];
  quiet?: boolean;
}

/** `--platforms ec2,lambda`: known names, each once, at least two. */
export function parsePlatforms(text: string): Platform[] {
  const names = text.split(",").map((n) => n.trim().toLowerCase());
  const unknown = names.filter((n) => !(PLATFORMS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`${unknown.map((n) => `"${n}"`).join(", ")}: the platforms are ${PLATFORMS.join(", ")}`);
  const unique = [...new Set(names)] as Platform[];
  if (unique.length < 2) throw new InvalidArgumentError("name at least two platforms to compare, e.g. ec2,lambda");
  return PLATFORMS.filter((p) => unique.includes(p));
}

export function registerComparePlatforms(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command("compare-platforms")
    .description(
      "run one scenario's traffic and processing on EC2, Lambda and Kubernetes (each with its block from the scenario, " +
        "or its defaults), with the same seed, and write one report: backlog, capacity, waits and cost on shared charts, " +
        "and a table with the cost per million messages and the share within the SLO",
    )
    .argument("[scenario]", "a single-queue scenario file (.yaml, .yml or .json); the embedded default scenario when none is given")
    .option("--platforms <list>", "the platforms, comma-separated (default: ec2,lambda,kubernetes)", parsePlatforms, [...PLATFORMS])
    .option("-o, --out <dir>", "output directory (default: reports/<scenario-name>-platforms/)")
    .option("--seed <n>", "root random seed (overrides the scenario's seed)", parseSeed)
    .option("--set <path=value>", "override a scenario key on every platform (repeatable)", collect, [])
    .option("-q, --quiet", "print nothing unless it fails")
    .action((file: string | undefined, options: ComparePlatformsOptions) => {
      done(comparePlatformsCommand(file, options, io));
    });
}

interface Variant {
  platform: Platform;
  scenario: Scenario;
  resolvedText: string;
}

/** Each platform's scenario (the file with consumers.platform set), or every problem: the file's own as they are
 *  (it is read once as written first), then each platform's, naming it. */
function loadVariants(file: string | undefined, options: ComparePlatformsOptions, io: CliIo): Variant[] | string[] {
  const source = file ?? "<default scenario>";
  const seed = options.seed !== undefined ? { seed: options.seed } : {};
  const load = (sets: string[]): LoadResult =>
    file === undefined ? loadDefaultScenario({ sets, ...seed }, io.cwd) : loadScenarioFile(asTyped(file, io.cwd), { sets, ...seed });
  const asWritten = load(options.set);
  if (!asWritten.ok) return asWritten.errors;
  const variants: Variant[] = [];
  const problems: string[] = [];
  for (const platform of options.platforms) {
    const loaded = load([...options.set, `consumers.platform=${platform}`]);
    const on = (line: string) => `${line} (on ${platform}: consumers.platform=${platform})`;
    if (!loaded.ok) problems.push(...loaded.errors.map(on));
    else {
      problems.push(...preflight(loaded.scenario, processHost()).map((line) => on(`${source}: ${line}`)));
      variants.push({ platform, scenario: loaded.scenario, resolvedText: loaded.resolvedText });
    }
  }
  return problems.length > 0 ? problems : variants;
}

export function comparePlatformsCommand(file: string | undefined, options: ComparePlatformsOptions, io: CliIo): ExitCode {
  const variants = loadVariants(file, options, io);
  if (typeof variants[0] === "string") {
    printProblems(io, variants as string[]);
    return ExitCode.BadInput;
  }
  const loaded = variants as Variant[];
  const name = loaded[0]!.scenario.name;
  const outDir = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", `${name}-platforms`);
  const prepared = prepareDirectoryWrite(outDir, PLATFORMS_LAYOUT, (path) => displayPath(path, io.cwd));
  if (!prepared.ok) {
    io.stderr(`sqs-sim: ${outputLabel(options.out)}${prepared.problem}\n`);
    return ExitCode.BadInput;
  }
  const output = prepared.write;
  if (!options.quiet) for (const note of output.notes) io.stderr(`sqs-sim: ${note}\n`);
  const runs: PlatformRun[] = [];
  for (const v of loaded) {
    const result = simulateOne(v, options, io);
    if (typeof result === "number") {
      output.abandon();
      return result;
    }
    // The report is drawn from the data files as written (their numbers rounded as the files hold them), so that
    // `sqs-sim report` on the directory draws the same report again.
    const dataFiles = runFiles(result, v.resolvedText);
    const byName = new Map(dataFiles.map((f) => [f.name, String(f.content)]));
    try {
      runs.push({
        platform: v.platform,
        run: runFromDataFiles(
          (name) => byName.get(name)!,
          (name) => `${v.platform}/${name}`,
        ),
        dataFiles,
      });
    } catch (error) {
      if (!(error instanceof SavedRunProblem)) throw error;
      output.abandon();
      io.stderr(`sqs-sim: the ${v.platform} run's files do not read back: ${error.message}\n`);
      return ExitCode.Failure;
    }
  }
  try {
    output.commit(platformsFiles(runs));
  } catch (error) {
    output.abandon();
    if (!(error instanceof OutputWriteError)) throw error;
    io.stderr(`sqs-sim: ${error.message}\n`);
    return ExitCode.Failure;
  }
  if (!options.quiet) io.stdout(terminalTable(runs, displayPath(outDir, io.cwd)));
  warnIfPngsNotDrawn(io, redrawIn(outDir, io), options.quiet);
  return ExitCode.Ok;
}

function simulateOne(v: Variant, options: ComparePlatformsOptions, io: CliIo): SimulationResult | ExitCode {
  const now = io.now ?? (() => performance.now());
  const progress = new ProgressBar({ totalSeconds: v.scenario.duration, isTTY: io.stderrIsTTY === true && !options.quiet, now, write: io.stderr });
  try {
    return simulate(v.scenario, { onProgress: (s) => progress.update(s), host: processHost() });
  } catch (error) {
    if (error instanceof ScenarioRefusedError) {
      printProblems(
        io,
        error.message.split("\n").map((line) => `${v.scenario.name} on ${v.platform}: ${line}`),
      );
      return ExitCode.BadInput;
    }
    if (error instanceof SimulationError) {
      io.stderr(`sqs-sim: the simulation on ${v.platform} failed: ${error.message}\n`);
      return ExitCode.Failure;
    }
    throw error;
  } finally {
    progress.finish();
  }
}

/** One line a platform: its p99 queue wait, what was left waiting and the cost per million processed. */
function terminalTable(runs: readonly PlatformRun[], dir: string): string {
  // The table's own figures (platformRow), so that the terminal and the report say the same.
  const lines = runs.map(({ platform, run }) => {
    const r = platformRow(platform, run);
    const slo = r.sloMissed === null ? "" : `, ${shareText(r.queueWait.count - r.sloMissed, r.queueWait.count)} within the SLO`;
    const perMillion = r.usdPerMillionProcessed === null ? "—" : formatUsd(r.usdPerMillionProcessed);
    return (
      `  ${PLATFORM_LABELS[platform].padEnd(10)} queue wait p99 ${formatDuration(r.queueWait.p99, "rounded")}${slo}, ` +
      `${r.processed.toLocaleString("en-US")} processed, ${r.unfinishedAtEnd.toLocaleString("en-US")} unfinished at the end, ` +
      `${formatUsd(r.cost.totalUsd)} (${perMillion} per million processed)`
    );
  });
  return `${lines.join("\n")}\nreport: ${join(dir, REPORT_FILE_NAMES.html)}\n`;
}

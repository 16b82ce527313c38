import { Command, CommanderError, InvalidArgumentError } from "commander";
import { join } from "node:path";
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { groupThousands } from "../engine/units.js";
import { runData } from "../report/run-data.js";
import { REPORT_FILE_NAMES, reportFiles } from "../report/report-files.js";
import { runFiles } from "../report/run-files.js";
import { loadDefaultScenario } from "../scenario/index.js";
import { scenarioFileJsonSchema } from "../scenario/json-schema.js";
import { type InputResult, loadInputFile } from "../scenario/load.js";
import { scenarioNotes } from "../scenario/notes.js";
import { runArchitecture, validateArchitecture } from "./run-architecture.js";
import { simulateAndWrite } from "./run-steps.js";
import { preflight, runEstimates } from "../sim/preflight.js";
import { checkRun } from "../sim/prepare-run.js";
import { simulate } from "../sim/simulate.js";
import { ExitCode } from "./exit-codes.js";
import { explainCommand, type ExplainCommandOptions } from "./explain-command.js";
import { processHost } from "./host.js";
import { collect } from "./collect.js";
import { parseSeed } from "./seed-flag.js";
import { MAX_TRACE_EVENTS } from "../sqs/message-trace.js";
import { type CliIo } from "./io.js";
import { packageVersion } from "./version.js";
import { asTyped, displayPath } from "./paths.js";
import { printProblems } from "./problems.js";
import { redrawIn, warnIfPngsNotDrawn } from "./png-warning.js";
import { compareCommand, reportCommand, type ReportOptions } from "./report-commands.js";
import { registerSweepCommands } from "./sweep-command.js";
import { registerComparePlatforms } from "./compare-platforms-command.js";
import { registerPlayground } from "./playground-command.js";
import { terminalSummary } from "./terminal-summary.js";
import { growingBacklog } from "../report/backlog-trend.js";
import { shellQuote } from "../plan/suggested-sweep.js";

interface RunOptions {
  out?: string;
  seed?: number;
  set: string[];
  quiet?: boolean;
  json?: boolean;
  /** False with --no-charts. */
  charts: boolean;
  traceMessages?: number;
}

/** The most messages --trace-messages follows: each is a lane in the report's timeline, and a row per event. */
const MAX_TRACED_MESSAGES = 10_000;

function parseTraceCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TRACED_MESSAGES) {
    throw new InvalidArgumentError(`expected a whole number of messages from 1 to ${MAX_TRACED_MESSAGES.toLocaleString("en-US")}`);
  }
  return Number(text);
}

/** Runs the CLI on argv (without node and script) and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const program = new Command()
    .name("sqs-sim")
    .description("Discrete-event simulator of Amazon SQS queues and their consumer fleets")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander quotes a bad option argument whole ("argument '999…' is invalid"); one can be 128 KB long.
      outputError: (text, write) =>
        write(
          text
            .split("\n")
            .map((line) => clip(line, 2 * FLAG_LIMIT))
            .join("\n"),
        ),
    });

  program
    .command("run")
    .description("run a scenario (the embedded default scenario when no file is given) and write its data files, " + "charts, report.html and report.md")
    .argument("[scenario]", "scenario file (.yaml, .yml or .json)")
    .option("-o, --out <dir>", "output directory (default: reports/<scenario-name>/)")
    .option("--seed <n>", "root random seed (overrides the scenario's seed)", parseSeed)
    .option("--set <path=value>", "override a scenario key, e.g. --set queue.visibilityTimeout=60s (repeatable)", collect, [])
    .option("-q, --quiet", "print nothing unless the run fails")
    .option("--json", "print summary.json to stdout instead of the table")
    .option(
      "--trace-messages <n>",
      "write messages.csv: every event of the first N messages the queue accepts (sent, received, visibility expired " +
        "or changed, deleted, delete ignored, dead-lettered, expired), and draw them in the report",
      parseTraceCount,
    )
    .option(
      "--no-charts",
      "write the data files only, without charts/, report.html and report.md (faster, e.g. " + "for sweeps; `sqs-sim report <dir>` adds them later)",
    )
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
    .command("report")
    .description(
      "draw the charts, report.html and report.md of a saved run again, without simulating; given a " +
        "finished sweep's directory, draw its charts and report.html again from its cells",
    )
    .argument("<run-dir>", "a directory written by `sqs-sim run` (or by `sqs-sim sweep` or `merge`)")
    .option(
      "-o, --out <dir>",
      "write a copy of the run with its new report there (default: rewrite the report in <run-dir>; " + "a sweep's report is always drawn in place)",
    )
    .option("-q, --quiet", "print nothing unless it fails")
    .action((dir: string, options: ReportOptions) => {
      exitCode = reportCommand(dir, options, io);
    });

  program
    .command("compare")
    .description("compare saved runs: charts with one line per run, their summaries side by side (report.html, report.md)")
    .argument("<run-dir...>", "two or more directories written by `sqs-sim run`")
    .option("-o, --out <dir>", "output directory (default: reports/compare-<run>-vs-<run>/)")
    .option("-q, --quiet", "print nothing unless it fails")
    .action((dirs: string[], options: ReportOptions) => {
      exitCode = compareCommand(dirs, options, io);
    });

  registerComparePlatforms(program, io, (code) => {
    exitCode = code;
  });

  registerPlayground(program, io, (code) => {
    exitCode = code;
  });

  // `sweep` (a grid of runs, in parallel, sharded) and `merge` (joins the shards): src/cli/sweep-command.ts.
  registerSweepCommands(program, io, (code) => {
    exitCode = code;
  });

  program
    .command("explain")
    .description(
      "the back-of-the-envelope capacity plan of a scenario, without simulating: offered load per traffic " +
        "phase, utilisation, Erlang C waits, the backlog-per-instance target, a visibility timeout and warnings, each with " +
        "its formula; a saved run's values beside them",
    )
    .argument("[scenario]", "scenario file (.yaml, .yml or .json); the embedded default scenario when none is given")
    .option("--set <path=value>", "override a scenario key before explaining (repeatable)", collect, [])
    .option(
      "--run <run-dir>",
      "a saved run whose simulated values stand beside the analytic ones (default: " + "reports/<scenario-name>/ when it ran this scenario)",
    )
    .option("--json", "print the explanation as JSON")
    .action((file: string | undefined, options: ExplainCommandOptions) => {
      exitCode = explainCommand(file, options, io);
    });

  program
    .command("schema")
    .description("print the JSON Schema of scenario files, in either format (for editor completion)")
    .action(() => {
      io.stdout(JSON.stringify(scenarioFileJsonSchema(), null, 2) + "\n");
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

function load(file: string | undefined, sets: string[], seed: number | undefined, io: CliIo): InputResult {
  const options = { sets, ...(seed !== undefined ? { seed } : {}) };
  return file === undefined ? loadDefaultScenario(options, io.cwd) : loadInputFile(asTyped(file, io.cwd), options);
}

function runCommand(file: string | undefined, options: RunOptions, io: CliIo): ExitCode {
  const loaded = load(file, options.set, options.seed, io);
  if (!loaded.ok) {
    printProblems(io, loaded.errors);
    return ExitCode.BadInput;
  }
  const source = file ?? "<default scenario>";
  printNotes(io, source, scenarioNotes(loaded.architecture ?? loaded.scenario), options.quiet);
  if (loaded.architecture !== undefined) {
    if (options.traceMessages !== undefined) {
      io.stderr(
        `sqs-sim: --trace-messages: ${source} is in the architecture format (several queues); message traces follow one queue's messages and take the single-queue format for now\n`,
      );
      return ExitCode.BadInput;
    }
    return runArchitecture(loaded.architecture, loaded.resolvedText, source, options, io);
  }
  const scenario = loaded.scenario;
  // The estimates of memory and time first (cheap); building the world is simulate's, which refuses in turn.
  const problems = preflight(scenario, processHost());
  const eventEstimate = problems.length > 0 ? 0 : runEstimates(scenario).events;
  if (problems.length > 0) {
    printProblems(
      io,
      problems.map((line) => `${source}: ${line}`),
    );
    return ExitCode.BadInput;
  }
  const run = simulateAndWrite(
    {
      name: scenario.name,
      durationSeconds: scenario.duration,
      source,
      simulate: (onProgress) =>
        simulate(scenario, { onProgress, host: processHost(), ...(options.traceMessages !== undefined ? { traceMessages: options.traceMessages } : {}) }),
      files: (result) => [...runFiles(result, loaded.resolvedText), ...(options.charts ? reportFiles(runData(result, scenario, loaded.resolvedText)) : [])],
    },
    options,
    io,
  );
  if (typeof run === "number") return run;
  const { result, outDir, wallSeconds } = run;
  if (result.messageTraceStoppedAtS !== undefined && !options.quiet) {
    io.stderr(
      `sqs-sim: note: --trace-messages: the trace kept its first ${MAX_TRACE_EVENTS.toLocaleString("en-US")} events and stopped at ` +
        `${result.messageTraceStoppedAtS} s; messages.csv holds those (trace fewer messages, or a shorter run, for all of them)\n`,
    );
  }
  const reportPath = options.charts ? displayPath(join(outDir, REPORT_FILE_NAMES.html), io.cwd) : null;
  if (options.json) io.stdout(JSON.stringify(result.summary, null, 2) + "\n");
  else if (!options.quiet) {
    io.stdout(
      terminalSummary(result.summary, displayPath(outDir, io.cwd), wallSeconds, {
        reportFile: reportPath,
        eventEstimate: eventEstimateText(eventEstimate, scenario.limits.maxEvents),
        growing: growingBacklog(result.series, result.summary.durationSeconds),
        explainCommand: explainCommandFor(file, options.set),
      }),
    );
  }
  // After the summary, so that it is the last thing on the terminal.
  if (options.charts) warnIfPngsNotDrawn(io, redrawIn(outDir, io), options.quiet);
  return ExitCode.Ok;
}

/**
 * "up to about 2,500,000 events (limits.maxEvents 100,000,000)": preflight's estimate, an upper bound (it assumes
 * every poll that could be empty is, every alarm that could flip does), rounded to two significant digits.
 */
function eventEstimateText(events: number, maxEvents: number): string {
  const rounded = events < 100 ? Math.ceil(events) : Number(events.toPrecision(2));
  return `up to about ${groupThousands(rounded)} events (limits.maxEvents ${groupThousands(maxEvents)})`;
}

/** `sqs-sim explain <file> --set …` for the run just made, shell-quoted in backquotes; the flags named, not listed, past eight. */
function explainCommandFor(file: string | undefined, sets: readonly string[]): string {
  const words = ["sqs-sim", "explain", ...(file === undefined ? [] : [file])];
  const flags = sets.length <= 8 ? sets.flatMap((s) => ["--set", s]) : [];
  const command = [...words, ...flags].map(shellQuote).join(" ");
  return sets.length > 8 ? `\`${command}\` with the same --set flags` : `\`${command}\``;
}

/** Settings the run will not use, on stderr, so that stdout stays the summary. */
function printNotes(io: CliIo, source: string, notes: readonly string[], quiet: boolean | undefined): void {
  if (quiet) return;
  for (const note of notes) io.stderr(`sqs-sim: note: ${source}: ${note}\n`);
}

function validateCommand(files: string[], options: { set: string[]; quiet?: boolean }, io: CliIo): ExitCode {
  let code: ExitCode = ExitCode.Ok;
  for (const file of files) {
    const loaded = loadInputFile(asTyped(file, io.cwd), { sets: options.set });
    // Everything run checks before its first event, the world built included.
    const problems = !loaded.ok ? [] : loaded.architecture !== undefined ? validateArchitecture(loaded.architecture) : checkRun(loaded.scenario, processHost());
    if (loaded.ok && problems.length === 0) {
      printNotes(io, file, scenarioNotes(loaded.architecture ?? loaded.scenario), options.quiet);
      if (loaded.architecture !== undefined) {
        const a = loaded.architecture;
        const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
        const parts = [count(a.topics.length, "topic"), count(a.queues.length, "queue"), count(a.consumers.length, "pool")];
        if (!options.quiet) io.stdout(`${file}: ok (${a.name}: ${parts.join(", ")})\n`);
        continue;
      }
      const events = runEstimates(loaded.scenario).events;
      if (!options.quiet) io.stdout(`${file}: ok (${loaded.scenario.name}) · ${eventEstimateText(events, loaded.scenario.limits.maxEvents)}\n`);
    } else if (loaded.ok) {
      printProblems(
        io,
        problems.map((p) => `${file}: ${p}`),
      );
      code = ExitCode.BadInput;
    } else {
      printProblems(io, loaded.errors);
      code = ExitCode.BadInput;
    }
  }
  return code;
}

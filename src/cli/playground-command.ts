// `sqs-sim playground [scenario] [--out FILE]` (issue 17, first version): one self-contained HTML file in which the
// simulator runs the scenario in a Web Worker, with play, pause and step. A scenario that would not run is refused
// here (exit 2) rather than in the page; the trace files it replays are put in the page.
import { type Command } from "commander";
import { existsSync, lstatSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomically } from "../report/atomic-file.js";
import { LESSONS } from "../playground/lessons.js";
import { type PageLesson, playgroundHtml } from "../report/playground/playground-page.js";
import { DEFAULT_SCENARIO_YAML } from "../scenario/default-scenario.js";
import { loadDefaultScenario, loadScenarioFile, traceFilesIn } from "../scenario/load.js";
import { validateScenarioText } from "../scenario/validate-text.js";
import { ExitCode } from "./exit-codes.js";
import { packageRoot } from "./package-root.js";
import { type CliIo } from "./io.js";
import { asTyped, displayPath } from "./paths.js";
import { printProblems } from "./problems.js";
import { parseSeed } from "./seed-flag.js";

interface PlaygroundOptions {
  out?: string;
  seed?: number;
}

/** The bundled worker, built by `npm run build` (scripts/build-playground.ts) into the package's dist/playground/. */
const workerFile = (): string => join(packageRoot(), "dist", "playground", "sim-worker.js");

/** The lessons' scenarios, shipped in the package's scenarios/lessons/. */
const lessonsDir = (): string => join(packageRoot(), "scenarios", "lessons");

/** Every lesson with its scenario's text, for the page. */
function pageLessons(): PageLesson[] {
  return LESSONS.map((lesson) => ({ ...lesson, text: readFileSync(join(lessonsDir(), lesson.scenarioFile), "utf8") }));
}

export function registerPlayground(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command("playground")
    .description("write one self-contained HTML page that runs the scenario in your browser, with play, pause and step")
    .argument("[scenario]", "a single-queue scenario file; the embedded default scenario when none is given")
    .option("-o, --out <file>", "the page to write (default: reports/<scenario-name>-playground.html)")
    .option("--seed <n>", "the seed the page starts with (default: the scenario's)", parseSeed)
    .action((file: string | undefined, options: PlaygroundOptions) => {
      done(playgroundCommand(file, options, io));
    });
}

export function playgroundCommand(file: string | undefined, options: PlaygroundOptions, io: CliIo): ExitCode {
  const loaded = file === undefined ? loadDefaultScenario({}, io.cwd) : loadScenarioFile(asTyped(file, io.cwd));
  if (!loaded.ok) {
    printProblems(io, loaded.errors);
    return ExitCode.BadInput;
  }
  const scenario = loaded.scenario;
  if (!existsSync(workerFile())) {
    io.stderr(`sqs-sim: the playground's simulator (${workerFile()}) is missing: run npm run build\n`);
    return ExitCode.Failure;
  }
  const text = file === undefined ? DEFAULT_SCENARIO_YAML : readFileSync(resolve(io.cwd, file), "utf8");
  // The trace files the scenario names go into the page, by the names it writes: the page has no files to read.
  const traces: Record<string, string> = {};
  if (file !== undefined) {
    const onDisk = traceFilesIn(dirname(resolve(io.cwd, file)));
    validateScenarioText(text, file, {
      traces: {
        read: (name) => {
          const read = onDisk.read(name);
          if ("text" in read) traces[name] = read.text;
          return read;
        },
      },
    });
  }
  const outFile = options.out !== undefined ? resolve(io.cwd, options.out) : join(io.cwd, "reports", `${scenario.name}-playground.html`);
  if (existsSync(outFile) && !lstatSync(outFile).isFile()) {
    io.stderr(`sqs-sim: ${options.out !== undefined ? "--out: " : ""}${displayPath(outFile, io.cwd)} exists and is not a file\n`);
    return ExitCode.BadInput;
  }
  try {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileAtomically(outFile, playgroundHtml(text, scenario.name, options.seed ?? scenario.seed, readFileSync(workerFile(), "utf8"), pageLessons(), traces));
  } catch (error) {
    io.stderr(`sqs-sim: cannot write ${displayPath(outFile, io.cwd)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.Failure;
  }
  io.stdout(`playground: ${displayPath(outFile, io.cwd)}\n`);
  return ExitCode.Ok;
}

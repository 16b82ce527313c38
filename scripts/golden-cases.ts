// The golden summaries: summary.json of every shipped scenario and of the embedded default, as `sqs-sim run` writes
// it, kept under test/golden/ and compared byte for byte by test/golden/golden.test.ts. A change that alters a number
// regenerates them with `npm run golden` in the same commit and says why in its message.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { summaryJson } from "../src/report/summary-json.js";
import { loadDefaultScenario, loadScenarioFile } from "../src/scenario/index.js";
import { simulate } from "../src/sim/simulate.js";
import { loadInputFile } from "../src/scenario/load.js";
import { simulateArchitecture } from "../src/sim/simulate-architecture.js";
import { architectureSummaryJson } from "../src/report/architecture-files.js";

export interface GoldenCase {
  /** The golden file's name under test/golden/. */
  file: string;
  /** summary.json of the run, as `sqs-sim run` writes it. */
  summary(): string;
}

export function goldenDir(root: string): string {
  return join(root, "test", "golden");
}

/** One case per scenarios/*.yaml, sorted, one for the embedded default (`npx sqs-sim run`), then architectures/ and lessons/. */
export function goldenCases(root: string): GoldenCase[] {
  const scenarios = join(root, "scenarios");
  const files = readdirSync(scenarios)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const cases: GoldenCase[] = files.map((f) => ({
    file: f.replace(/\.yaml$/, ".summary.json"),
    summary: () => summaryOf(loadScenarioFile(join(scenarios, f))),
  }));
  cases.push({ file: "default.summary.json", summary: () => summaryOf(loadDefaultScenario({}, root)) });
  // The architecture format's scenarios (topics, several queues and pools), under scenarios/architectures/.
  const architectures = join(scenarios, "architectures");
  for (const f of readdirSync(architectures)
    .filter((name) => name.endsWith(".yaml"))
    .sort()) {
    cases.push({ file: f.replace(/\.yaml$/, ".summary.json"), summary: () => architectureSummaryOf(join(architectures, f)) });
  }
  // The playground's lessons (single-queue format), under scenarios/lessons/. Their names repeat the top-level
  // scenarios they are small versions of, so their goldens carry a prefix.
  const lessons = join(scenarios, "lessons");
  for (const f of readdirSync(lessons)
    .filter((name) => name.endsWith(".yaml"))
    .sort()) {
    cases.push({ file: `lessons-${f.replace(/\.yaml$/, ".summary.json")}`, summary: () => summaryOf(loadScenarioFile(join(lessons, f))) });
  }
  return cases;
}

function architectureSummaryOf(file: string): string {
  const loaded = loadInputFile(file);
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  if (loaded.architecture === undefined) throw new Error(`${file} is not in the architecture format`);
  return architectureSummaryJson(simulateArchitecture(loaded.architecture).summary);
}

function summaryOf(loaded: ReturnType<typeof loadScenarioFile>): string {
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return summaryJson(simulate(loaded.scenario).summary);
}

export const projectRoot = resolve(import.meta.dirname, "..");

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenarioText, type LoadOptions, type LoadResult } from "../../src/scenario/index.js";

export const SOURCE = "scenarios/x.yaml";

/** A valid scenario with one producer; `producerFields` and `rest` are YAML lines added to it. */
export function scenarioYaml(rest = "", producerFields = ""): string {
  return [
    "name: minimal",
    "duration: 1h",
    "producers:",
    "  - name: orders",
    "    traffic: [ { constant: 10 } ]",
    ...producerFields
      .split("\n")
      .filter(Boolean)
      .map((l) => `    ${l}`),
    rest,
  ].join("\n");
}

export function parse(text: string, options: LoadOptions = {}, baseDir = "/nonexistent"): LoadResult {
  return parseScenarioText(text, SOURCE, baseDir, options);
}

export function errorsOf(result: LoadResult): string[] {
  return result.ok ? [] : result.errors;
}

export function scenarioOf(result: LoadResult) {
  if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.join("\n")}`);
  return result.scenario;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "sqs-sim-scenario-"));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedTraces = path.resolve(repoRoot, "../shared/traces");

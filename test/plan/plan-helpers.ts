// What the plan tests share: scenarios from YAML text, and figure look-ups that fail loudly.
import { resolve } from "node:path";
import { findFigure, findSection, type Explanation, type Figure } from "../../src/plan/explanation.js";
import { parseScenarioText, type Scenario } from "../../src/scenario/index.js";

const root = resolve(import.meta.dirname, "../..");

/** A validated scenario from YAML text (relative paths resolve from the repository root). */
export function scenarioOf(yaml: string, sets: string[] = []): Scenario {
  const loaded = parseScenarioText(yaml, "test.yaml", root, { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

/** A figure of a section ("processing", "target", ...) or of a phase column ("whole", "phase-2"). */
export function fig(e: Explanation, where: string, key: string): Figure {
  const found = findFigure(findSection(e, where) ?? e.phases.find((p) => p.id === where), key);
  if (found === undefined) throw new Error(`no figure ${key} in ${where}`);
  return found;
}

/** The value of a figure, which must be a number. */
export function val(e: Explanation, where: string, key: string): number {
  const v = fig(e, where, key).value;
  if (v === null) throw new Error(`${where}.${key} is null (${fig(e, where, key).note ?? "no note"})`);
  return v;
}

// What the plan tests share: scenarios from YAML text, and figure look-ups that fail loudly.
import { resolve } from "node:path";
import { findFigure, findSection, type Explanation, type Figure } from "../../src/plan/explanation.js";
import { parseScenarioText, type Scenario } from "../../src/scenario/index.js";

const root = resolve(import.meta.dirname, "../..");

/** AWS's example for 6.17: 50 msg/s of 100 ms on 1-worker instances, an acceptable latency of 10 s (target 100). */
export const AWS_EXAMPLE = `name: aws-example
duration: 1h
producers: [{ name: p, traffic: [{ constant: 50 }] }]
consumers: { concurrency: 1, processing: 100ms, waitTime: 20s }
slo: { maxQueueWait: 10s }
fleet: { kind: asg, min: 1, max: 20, policies: [{ targetTracking: { target: 100 } }] }
`;

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

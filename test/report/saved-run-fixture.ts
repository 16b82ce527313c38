// Small simulated runs, written to temporary run directories the way `sqs-sim run` writes them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeDirectoryAtomically } from "../../src/report/atomic-dir.js";
import { RUN_LAYOUT } from "../../src/report/layouts.js";
import { runData, type RunData } from "../../src/report/run-data.js";
import { runFiles } from "../../src/report/run-files.js";
import { loadScenarioFile, parseScenarioText } from "../../src/scenario/index.js";
import { type SimulationResult } from "../../src/sim/result.js";
import { simulate } from "../../src/sim/simulate.js";

const root = resolve(import.meta.dirname, "../..");

export const SMALL_YAML = `name: small-run
description: Five orders a second into two instances.
duration: 10m
queue: { visibilityTimeout: 30s, receiveWaitTime: 20s }
producers:
  - name: orders
    traffic: [ { constant: 5 } ]
consumers: { processing: { exponential: { mean: 200ms } } }
fleet: { kind: fixed, instances: 2 }
`;

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface SimulatedRun {
  result: SimulationResult;
  scenarioJson: string;
  data: RunData;
}

function fromLoad(loaded: ReturnType<typeof parseScenarioText>): SimulatedRun {
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  const result = simulate(loaded.scenario);
  return { result, scenarioJson: loaded.resolvedText, data: runData(result, loaded.scenario, loaded.resolvedText) };
}

/** A run of scenario text (YAML). */
export function simulateYaml(yaml: string, sets: string[] = []): SimulatedRun {
  return fromLoad(parseScenarioText(yaml, "fixture.yaml", root, { sets }));
}

/** A run with an Auto Scaling group, two alarms, scaling activities, and reasons that need CSV quoting. */
export function simulateAsgRun(): SimulatedRun {
  return fromLoad(loadScenarioFile(join(root, "scenarios", "two-alarm-step-scaling.yaml"), { sets: ["duration=2h"] }));
}

export function tempDir(prefix = "sqs-sim-saved-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes the run's data files (no report) into `dir`, as `sqs-sim run --no-charts` does. */
export function writeRunDir(dir: string, run: SimulatedRun): string {
  writeDirectoryAtomically(dir, runFiles(run.result, run.scenarioJson), RUN_LAYOUT);
  return dir;
}

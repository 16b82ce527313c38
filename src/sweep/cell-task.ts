// One replication of one cell: load the cell's scenario from the sweep's source text and simulate it with the
// derived seed. The worker threads and the in-process runner call this same function, which is why the results do
// not depend on how many workers there are.
import { parseScenarioText } from "../scenario/load.js";
import { type Scenario } from "../scenario/schema.js";
import { simulate } from "../sim/simulate.js";
import { readMetrics } from "./metrics.js";

/** The scenario file as read once by the main thread, so every worker sees the same text. */
export interface SweepSource {
  text: string;
  /** The file name, for messages and to choose YAML or JSON. */
  sourceName: string;
  /** Where trace files are resolved from. */
  baseDir: string;
}

export interface CellTask {
  /** Position in the list of tasks, to match an answer to its question. */
  id: number;
  cell: number;
  replication: number;
  seed: number;
  /** The --set overrides, then the cell's --vary values. */
  sets: string[];
}

/** The cell's scenario; throws with every problem when it does not load (the plan checked it before, so rare). */
export function loadCellScenario(source: SweepSource, sets: readonly string[]): Scenario {
  const loaded = parseScenarioText(source.text, source.sourceName, source.baseDir, { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

/** The run's figures in SWEEP_METRICS order. */
export function runCellTask(source: SweepSource, task: CellTask): (number | null)[] {
  const scenario = loadCellScenario(source, task.sets);
  return readMetrics(simulate(scenario, { seed: task.seed }));
}

// One replication of one cell: load the cell's scenario from the sweep's source text and simulate it with the
// derived seed. The worker threads and the in-process runner call this same function, which is why the results do
// not depend on how many workers there are.
import { type Architecture } from "../scenario/architecture-schema.js";
import { parseInputText } from "../scenario/load.js";
import { type Scenario } from "../scenario/schema.js";
import { simulateArchitecture } from "../sim/simulate-architecture.js";
import { simulate } from "../sim/simulate.js";
import { readArchitectureMetrics } from "./architecture-metrics.js";
import { readMetrics } from "./metrics.js";

/** The scenario file as read once by the main thread, so every worker sees the same text. */
export interface SweepSource {
  text: string;
  /** The file name, for messages and to choose YAML or JSON. */
  sourceName: string;
  /** Where trace files are resolved from. */
  baseDir: string;
  /** An architecture's per-resource metrics (the sweep definition's resourceMetrics); absent for a single queue. */
  resourceMetrics?: string[] | undefined;
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

/** The cell's scenario, in either format; throws with every problem when it does not load (the plan checked it
 *  before, so rare). */
export function loadCellScenario(source: SweepSource, sets: readonly string[]): { scenario: Scenario } | { architecture: Architecture } {
  const loaded = parseInputText(source.text, source.sourceName, source.baseDir, { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.architecture !== undefined ? { architecture: loaded.architecture } : { scenario: loaded.scenario };
}

/** The run's figures in the sweep's metric order (SWEEP_METRICS, then an architecture's per-resource metrics). */
export function runCellTask(source: SweepSource, task: CellTask): (number | null)[] {
  const cell = loadCellScenario(source, task.sets);
  if ("architecture" in cell) return readArchitectureMetrics(simulateArchitecture(cell.architecture, { seed: task.seed }), source.resourceMetrics ?? []);
  return readMetrics(simulate(cell.scenario, { seed: task.seed }));
}

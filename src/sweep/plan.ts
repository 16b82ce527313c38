// Planning a sweep: read the scenario once, expand the grid, and validate every cell's scenario before anything
// runs, so that a bad value in the last cell is an immediate exit 2, not a failure an hour in.
import { createHash } from "node:crypto";
import path from "node:path";
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { parseInputText, readInputFile } from "../scenario/load.js";
import { architectureRunMemoryBytes } from "../sim/architecture-memory.js";
import { type PreflightHost, runMemoryBytes } from "../sim/preflight.js";
import { checkRun } from "../sim/prepare-run.js";
import { checkArchitecture } from "../sim/simulate-architecture.js";
import { architectureMetricNames } from "./architecture-metrics.js";
import { architectureSloProblems } from "./architecture-slos.js";
import { type SweepSource } from "./cell-task.js";
import { SWEEP_FORMAT, type SweepDefinition } from "./definition.js";
import { cellCount, cellCountText, cellSets, describeCell, expandGrid, MAX_CELLS, type Cell } from "./grid.js";
import { parseConstraints } from "./constraint.js";
import { parseSlos } from "./slo.js";
import { parseVaryFlags, type VaryDimension } from "./vary.js";

/** The most replications per cell. */
export const MAX_REPLICATIONS = 10_000;
/** Cells whose errors are printed in full; the rest are counted. */
const CELLS_REPORTED = 5;

export interface SweepRequest {
  /** The scenario file (.yaml, .yml or .json). */
  file: string;
  /** --set overrides, applied before the cell's values. */
  sets: readonly string[];
  /** --vary flags as typed. */
  vary: readonly string[];
  replications: number;
  /** The root seed; the scenario's seed when absent. */
  seed?: number | undefined;
  /** --slo expressions as typed. */
  slos?: readonly string[] | undefined;
  /** --constraint expressions as typed. */
  constraints?: readonly string[] | undefined;
  /** The process the cells will run in, for preflight's heap check (absent: not checked). */
  host?: PreflightHost | undefined;
}

export interface SweepPlan {
  source: SweepSource;
  definition: SweepDefinition;
  dimensions: VaryDimension[];
  cells: Cell[];
  /** The largest cell's estimated peak memory for one run (runMemoryBytes), and the smallest limits.maxMemory of the
   *  cells: a sweep running several at once must fit them within it. */
  runMemory: { bytes: number; limit: number };
}

export type PlanResult = { ok: true; plan: SweepPlan } | { ok: false; errors: string[] };

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export function planSweep(request: SweepRequest): PlanResult {
  if (!Number.isSafeInteger(request.replications) || request.replications < 1 || request.replications > MAX_REPLICATIONS) {
    return { ok: false, errors: [`--replications ${request.replications}: expected a whole number from 1 to ${MAX_REPLICATIONS.toLocaleString("en-US")}`] };
  }
  const { dimensions, errors } = parseVaryFlags(request.vary);
  const parsedSlos = parseSlos(request.slos ?? []);
  errors.push(...parsedSlos.errors);
  // Against the --vary paths (so only when they parsed): a constraint on a path that is not varied is an error.
  const parsedConstraints = errors.length > 0 ? { constraints: [], errors: [] } : parseConstraints(request.constraints ?? [], dimensions);
  errors.push(...parsedConstraints.errors);
  // The first --set of each path, looked up once per dimension (thousands of flags must not cost flags²).
  const setOfPath = new Map<string, string>();
  for (const s of request.sets) {
    const path = s.slice(0, s.indexOf("=")).trim();
    if (!setOfPath.has(path)) setOfPath.set(path, s);
  }
  for (const d of dimensions) {
    const set = setOfPath.get(d.path);
    if (set !== undefined) errors.push(`--vary ${clip(d.path)}: the path is also given by --set ${clip(set, FLAG_LIMIT)}; keep one of them`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const count = cellCount(dimensions);
  if (count > MAX_CELLS) {
    return {
      ok: false,
      errors: [
        `the grid has ${cellCountText(dimensions)} cells, more than the ${MAX_CELLS.toLocaleString("en-US")} a sweep may have; split it into several sweeps`,
      ],
    };
  }

  const file = request.file;
  if (!EXTENSIONS.has(path.extname(file).toLowerCase())) {
    return { ok: false, errors: [`${file}: unknown file type; a scenario file ends in .yaml, .yml or .json`] };
  }
  const read = readInputFile(file);
  if ("errorCode" in read) return { ok: false, errors: [`${file}: cannot read file (${read.errorCode})`] };
  if ("problem" in read) return { ok: false, errors: [`${file}: the file ${read.problem}`] };
  const text = read.text;
  const source: SweepSource = { text, sourceName: file, baseDir: path.dirname(file) };

  const cells = expandGrid(dimensions);
  const hash = createHash("sha256");
  const failures: string[][] = [];
  let failedCells = 0;
  // Problems every cell shares (a bad --set, an unreadable trace) are printed once, without a cell.
  let shared: string[] | null = null;
  let scenarioName = "";
  let scenarioSeed = 0;
  const runMemory = { bytes: 0, limit: Number.POSITIVE_INFINITY };
  // An architecture's per-resource metrics, every cell's (the same resources in each, unless a --vary renames one).
  let resourceMetrics: string[] | null = null;
  for (const cell of cells) {
    const varied = cellSets(dimensions, cell);
    const loaded = parseInputText(text, file, source.baseDir, { sets: [...request.sets, ...varied] });
    // Each cell as run would check it, the world built included: a cell refused here never starts.
    const problems = !loaded.ok
      ? loaded.errors.map((e) => fromVary(e, varied))
      : (loaded.architecture !== undefined ? checkArchitecture(loaded.architecture, request.host) : checkRun(loaded.scenario, request.host)).map(
          (p) => `${file}: ${p}`,
        );
    if (problems.length > 0 || !loaded.ok) {
      if (++failedCells <= CELLS_REPORTED) failures.push(problems.map((p) => `${describeCell(dimensions, cell)}: ${p}`));
      if (cell.index === 0) shared = problems;
      else if (shared !== null && problems.join("\n") !== shared.join("\n")) shared = null;
      continue;
    }
    shared = null;
    const input = loaded.architecture ?? loaded.scenario;
    if (cell.index === 0) {
      scenarioName = input.name;
      scenarioSeed = input.seed;
    }
    if (loaded.architecture !== undefined) {
      resourceMetrics = [...new Set([...(resourceMetrics ?? []), ...architectureMetricNames(loaded.architecture)])];
    }
    const bytes = loaded.architecture !== undefined ? architectureRunMemoryBytes(loaded.architecture) : runMemoryBytes(loaded.scenario);
    runMemory.bytes = Math.max(runMemory.bytes, bytes);
    runMemory.limit = Math.min(runMemory.limit, input.limits.maxMemory);
    // Every cell's validated scenario, without the seed each replication replaces: the sweep's fingerprint.
    hash.update(JSON.stringify({ ...input, seed: 0 })).update("\n");
  }
  if (shared !== null) return { ok: false, errors: shared };
  if (failedCells > 0) {
    const more = failedCells - CELLS_REPORTED;
    const lines = failures.flat();
    if (more > 0) lines.push(`… and ${more} more cell${more === 1 ? "" : "s"} with problems (${failedCells} of ${cells.length})`);
    return { ok: false, errors: lines };
  }
  const sloProblems = architectureSloProblems(parsedSlos.slos, resourceMetrics);
  if (sloProblems.length > 0) return { ok: false, errors: sloProblems };
  if (resourceMetrics !== null) source.resourceMetrics = resourceMetrics;
  const definition: SweepDefinition = {
    format: SWEEP_FORMAT,
    scenario: scenarioName,
    scenarioSha256: hash.digest("hex"),
    sets: [...request.sets],
    rootSeed: request.seed ?? scenarioSeed,
    vary: dimensions,
    replications: request.replications,
    cells: cells.length,
    slos: parsedSlos.slos.map((s) => s.text),
    constraints: parsedConstraints.constraints.map((c) => c.text),
    ...(resourceMetrics === null ? {} : { resourceMetrics }),
  };
  return { ok: true, plan: { source, definition, dimensions, cells, runMemory } };
}

// The loader says "(from --set x=y)" for every override (a long one cut); name the --vary a cell's value came from
// instead.
function fromVary(line: string, varied: readonly string[]): string {
  return line
    .replace(/\(from --set (.*)\)$/, (whole, text: string) => (varied.some((v) => clip(v, FLAG_LIMIT) === text) ? `(from --vary ${text})` : whole))
    .replace(/^--set (\S+?=)/, (whole, text: string) => (varied.some((v) => v.startsWith(text)) ? `--vary ${text}` : whole));
}

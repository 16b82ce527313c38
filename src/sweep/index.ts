// Public API of the sweep folder: plan a grid, run it (or a shard of it), merge parts.
export { parseVary, parseVaryFlags, type VaryDimension } from "./vary.js";
export { expandRange, MAX_RANGE_VALUES } from "./range.js";
export { cellAt, cellKey, cellSets, describeCell, expandGrid, MAX_CELLS, type Cell } from "./grid.js";
export { replicationSeed, replicationSeeds } from "./seeds.js";
export { estimate, type Estimate } from "./stats.js";
export { studentTCdf, studentTQuantile } from "./student-t.js";
export { SWEEP_METRICS, METRIC_NAMES, readMetrics, type SweepMetric } from "./metrics.js";
export { planSweep, MAX_REPLICATIONS, type PlanResult, type SweepPlan, type SweepRequest } from "./plan.js";
export { runSweep, type SweepOutcome, type SweepProgress, type SweepRunOptions } from "./run-sweep.js";
export { mergeSweeps, type MergeOutcome } from "./merge.js";
export { resolveShard, inShard, type ShardEnv } from "./shard.js";
export { type Shard, type SweepDefinition, type SweepManifest } from "./definition.js";
export { type CellRecord } from "./cell-record.js";
export { resultRows, resultsCsv, resultsJson, RESULTS_CSV, RESULTS_JSON, type ResultRow } from "./results.js";
export { CELLS_DIR, SWEEP_FILE } from "./sweep-dir.js";
export { cellWorkerUrl } from "./pool.js";

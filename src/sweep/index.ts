// Public API of the sweep folder: plan a grid, run it (or a shard of it), merge parts.
export { parseVary, parseVaryFlags, type VaryDimension } from "./vary.js";
export { expandRange, MAX_RANGE_VALUES } from "./range.js";
export { cellAt, cellKey, cellSets, describeCell, expandGrid, MAX_CELLS, type Cell } from "./grid.js";
export { COMMON_RANDOM_NUMBERS_TEXT, independentReplicationSeed, replicationSeed, replicationSeeds } from "./seeds.js";
export { estimate, type Estimate } from "./stats.js";
export { studentTCdf, studentTQuantile } from "./student-t.js";
export { SWEEP_METRICS, METRIC_NAMES, readMetrics, type SweepMetric } from "./metrics.js";
export { planSweep, MAX_REPLICATIONS, type PlanResult, type SweepPlan, type SweepRequest } from "./plan.js";
export { definitionRecommendation, runSweep, type SweepOutcome, type SweepProgress, type SweepRunOptions } from "./run-sweep.js";
export { mergeSweeps, type MergeOutcome } from "./merge.js";
export { resolveShard, inShard, type ShardEnv } from "./shard.js";
export { LEGACY_SWEEP_FORMAT, SWEEP_FORMAT, type Shard, type SweepDefinition, type SweepManifest } from "./definition.js";
export type { CellRecord } from "./cell-record.js";
export { resultRows, resultsCsv, resultsJson, RESULTS_CSV, RESULTS_JSON, type ResultRow } from "./results.js";
export { CELLS_DIR, SWEEP_FILE } from "./sweep-dir.js";
export { cellWorkerUrl } from "./pool.js";
export { parseSlo, parseSlos, judge, SLO_METRICS, type Slo, type SloOp, type Verdict } from "./slo.js";
export { paretoFront, type ParetoPoint } from "./pareto.js";
export { parseConstraint, parseConstraints, type Constraint } from "./constraint.js";
export {
  NO_OBJECTIVES_TEXT,
  recommend,
  recommendationJson,
  recommendationText,
  RECOMMENDATION_JSON,
  sweepRecommendation,
  type Recommendation,
  type Neighbour,
  type RecommendRow,
} from "./recommend.js";
export { readResultsForRecommend } from "./read-results.js";
export { sweepReportFiles, SWEEP_CHARTS_DIR, SWEEP_REPORT_HTML } from "./report/sweep-report.js";
export { buildSweepCharts } from "./report/sweep-charts.js";
export type { SweepReportInput } from "./report/sweep-view.js";
export { isSweepDir, redrawSweepReport, type RedrawOutcome } from "./redraw.js";

// Reads a finished sweep's results.json for `sqs-sim recommend`: the --vary lists, the recorded --slo list and the
// rows. A problem comes back as a sentence.
import { join } from "node:path";
import { clip } from "../engine/quote.js";
import { readInputFile } from "../scenario/load.js";
import { type RecommendRow } from "./recommend.js";
import { RESULTS_JSON } from "./results.js";
import { type VaryDimension } from "./vary.js";

export interface SweepResults {
  vary: VaryDimension[];
  slos: string[];
  /** Absent in results.json written before --constraint existed: []. */
  constraints: string[];
  /** The names of its metrics (results.json's sweep.metrics): an architecture's per-resource ones among them. */
  metrics: string[];
  rows: RecommendRow[];
}

export function readResultsForRecommend(dir: string): SweepResults | string {
  const file = join(dir, RESULTS_JSON);
  // Read as a scenario is: a regular file of bounded size (a FIFO named results.json would block forever).
  const read = readInputFile(file);
  if ("errorCode" in read) {
    return read.errorCode === "ENOENT"
      ? `${dir} holds no ${RESULTS_JSON}; give the directory of a finished sweep`
      : `${file}: cannot read it (${read.errorCode})`;
  }
  if ("problem" in read) return `${file}: the file ${read.problem}`;
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (e) {
    return `${file}: cannot read it (${clip(e instanceof Error ? e.message : String(e), 200)})`;
  }
  const v = value as { sweep?: { vary?: unknown; slos?: unknown; constraints?: unknown; metrics?: unknown }; rows?: unknown } | null;
  const vary = v?.sweep?.vary;
  const slos = v?.sweep?.slos ?? [];
  const constraints = v?.sweep?.constraints ?? [];
  const rows = v?.rows;
  const listed = v?.sweep?.metrics;
  const metrics = Array.isArray(listed)
    ? listed.flatMap((m: unknown) => (typeof (m as { name?: unknown } | null)?.name === "string" ? [(m as { name: string }).name] : []))
    : [];
  const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === "string");
  if (!Array.isArray(vary) || !vary.every((d) => typeof d === "object" && d !== null && typeof d.path === "string" && strings(d.values))) {
    return `${file}: not a sweep's results (sweep.vary is missing)`;
  }
  if (!strings(slos)) return `${file}: sweep.slos is not a list of texts`;
  if (!strings(constraints)) return `${file}: sweep.constraints is not a list of texts`;
  if (
    !Array.isArray(rows) ||
    !rows.every((r) => typeof r === "object" && r !== null && typeof r.cell === "number" && typeof r.metrics === "object" && r.metrics !== null)
  ) {
    return `${file}: rows are missing or malformed`;
  }
  return { vary: vary as VaryDimension[], slos, constraints, metrics, rows: rows as RecommendRow[] };
}

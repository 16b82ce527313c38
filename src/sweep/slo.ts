// Service-level objectives over a sweep's figures: `--slo "queueWait.p99<=60s"`. A cell is feasible when the MEAN of
// each named figure over its replications (as rounded in results.csv) meets every objective; it is robust when the
// 95% confidence bound on the unfavourable side meets it too (the upper bound for <= and <, the lower bound for >=
// and >, both bounds for ==).
import { clip, FLAG_LIMIT, quote } from "../engine/quote.js";
import { parseDuration, UnitError } from "../engine/units.js";
import { PATH_PREFIX, RESOURCE_FIGURES, resourceMetric } from "./architecture-metrics.js";
import { allows, type Constraint } from "./constraint.js";
import { QUEUE_WAIT_P99_METRIC, sweepMetric, type SweepMetricKind, TOTAL_COST_METRIC } from "./metrics.js";
import { type MetricEstimate } from "./stats.js";

export type SloOp = "<=" | "<" | ">=" | ">" | "==";

export interface Slo {
  /** As recorded in sweep.json: `<friendly name><op><value as typed>`, without spaces. */
  text: string;
  /** The SWEEP_METRICS name (the results.csv column stem). */
  metric: string;
  op: SloOp;
  /** In the metric's unit (seconds, messages, messages per second, instances, hours, dollars). */
  value: number;
}

/** Friendly name → SWEEP_METRICS name, in the order a message lists them. */
const SLO_NAMES: Readonly<Record<string, string>> = {
  "queueWait.p99": QUEUE_WAIT_P99_METRIC,
  "endToEnd.p99": "end_to_end_p99_s",
  sloBreaches: "slo_breaches_msgs",
  duplicateProcessing: "duplicate_processing_msgs",
  deadLettered: "dead_lettered_msgs",
  expired: "expired_msgs",
  // Messages per second: the peak delete rate, e.g. a database's safe write rate behind the consumers.
  "deleted.perSecond.max": "deleted_per_second_max",
  // Messages still waiting at the end: `waitingAtEnd<=100` asks that the cell (nearly) drained.
  waitingAtEnd: "waiting_at_end_msgs",
  peakInstances: "peak_instances",
  instanceHours: "billed_instance_hours",
  totalCost: TOTAL_COST_METRIC,
};

/**
 * Friendly name → SWEEP_METRICS name and how its value is written (a duration: 60s, 2m; dollars: $1.50; or a plain
 * number: counts, rates, hours), the kind being the metric's own.
 */
export const SLO_METRICS: Readonly<Record<string, { metric: string; kind: SweepMetricKind }>> = Object.fromEntries(
  Object.entries(SLO_NAMES).map(([friendly, metric]) => {
    const known = sweepMetric(metric);
    if (known === undefined) throw new Error(`SLO ${friendly} names ${metric}, which is not a sweep metric`);
    return [friendly, { metric, kind: known.kind }];
  }),
);

/** The figures a resource's --slo may name, for messages: each friendly name once, in RESOURCE_FIGURES order. */
const RESOURCE_FIGURE_NAMES = [...new Set(RESOURCE_FIGURES.map((f) => f.friendly))].join(", ");

const FRIENDLY_OF = new Map(Object.entries(SLO_METRICS).map(([friendly, m]) => [m.metric, friendly]));
// A name is a friendly name, a metric, or in an architecture `<resource>.<figure>`, whose resource may hold -, : and →.
const EXPRESSION = /^\s*([A-Za-z0-9_][^<>=\s]*)\s*(<=|>=|==|<|>|=)\s*(.*?)\s*$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses one --slo expression; a problem comes back as a sentence naming the expression. */
export function parseSlo(text: string): Slo | string {
  const bad = (why: string): string => `--slo ${quote(text, FLAG_LIMIT)}: ${why}`;
  const m = EXPRESSION.exec(text);
  if (m === null) return bad("expected <metric><op><value>, e.g. queueWait.p99<=60s, with op one of <=, <, >=, >, ==");
  const [, name = "", op = "", valueText = ""] = m;
  // Own keys only: `in` would find "toString" or "constructor" on Object.prototype.
  let friendly = Object.hasOwn(SLO_METRICS, name) ? name : FRIENDLY_OF.get(name);
  let known = friendly === undefined || !Object.hasOwn(SLO_METRICS, friendly) ? undefined : SLO_METRICS[friendly];
  if (friendly === undefined || known === undefined) {
    // An architecture's resource (whether the scenario has it is the sweep plan's to check: see architectureSloProblems).
    const own = resourceMetric(name);
    if (own === undefined) {
      const architectureHint = name.includes(".")
        ? `; or, for an architecture, <resource>.<figure> with a figure one of ${RESOURCE_FIGURE_NAMES} (e.g. billing.queueWait.p99)`
        : "";
      return bad(`unknown metric ${clip(name)}; expected one of ${Object.keys(SLO_METRICS).join(", ")}${architectureHint}`);
    }
    const prefix = own.figure.of === "path" ? PATH_PREFIX : "";
    friendly = `${prefix}${own.resource}.${own.figure.friendly}`;
    known = { metric: own.name, kind: own.figure.kind };
  }
  if (op === "=") return bad("= is not an operator; write == for equality");
  if (valueText === "") return bad("the value is missing");
  let value: number;
  if (known.kind === "duration") {
    try {
      value = parseDuration(valueText);
    } catch (e) {
      if (!(e instanceof UnitError)) throw e;
      return bad(`${clip(name)} is a duration: ${e.message}`);
    }
  } else {
    const plain = known.kind === "usd" ? valueText.replace(/^\$\s*/, "") : valueText;
    if (!NUMBER.test(plain)) return bad(`${quote(valueText)} is not a number${known.kind === "usd" ? " of dollars (e.g. 1.50 or $1.50)" : ""}`);
    value = Number(plain);
  }
  if (!Number.isFinite(value)) return bad(`${quote(valueText)} is not a finite number`);
  return { text: `${friendly}${op}${valueText.replace(/\s+/g, "")}`, metric: known.metric, op: op as SloOp, value };
}

/** Parses every --slo flag: the objectives, or one error line per bad expression. A repeated objective is an error. */
export function parseSlos(texts: readonly string[]): { slos: Slo[]; errors: string[] } {
  const slos: Slo[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const slo = parseSlo(text);
    if (typeof slo === "string") errors.push(slo);
    else if (seen.has(slo.text)) errors.push(`--slo ${quote(text, FLAG_LIMIT)}: given twice`);
    else {
      seen.add(slo.text);
      slos.push(slo);
    }
  }
  return { slos, errors };
}

/** Parses objectives already checked (sweep.json, results.json); throws on a bad one. */
export function sloList(texts: readonly string[]): Slo[] {
  const { slos, errors } = parseSlos(texts);
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return slos;
}

export function meets(x: number, op: SloOp, value: number): boolean {
  switch (op) {
    case "<=":
      return x <= value;
    case "<":
      return x < value;
    case ">=":
      return x >= value;
    case ">":
      return x > value;
    case "==":
      return x === value;
  }
}

export interface Verdict {
  /** Every objective (SLO and constraint) met by the mean; null without objectives. */
  feasible: boolean | null;
  /** Every objective met by the whole 95% interval's unfavourable side; null without objectives. */
  robust: boolean | null;
  /** The objectives the mean misses (a missing figure, e.g. sloBreaches without a scenario `slo`, misses), then the
   *  constraints the cell's parameters break, each as `constraint <text>`. */
  failed: string[];
}

/** What a cell's verdict reads: its figures, and its parameters for the constraints. */
export interface Judged {
  metrics: Readonly<Record<string, MetricEstimate | undefined>>;
  parameters?: Readonly<Record<string, string>> | undefined;
}

export function judge(cell: Judged, slos: readonly Slo[], constraints: readonly Constraint[] = []): Verdict {
  if (slos.length === 0 && constraints.length === 0) return { feasible: null, robust: null, failed: [] };
  const { metrics } = cell;
  const failed: string[] = [];
  let robust = true;
  for (const slo of slos) {
    const e = metrics[slo.metric];
    const mean = e?.mean ?? null;
    if (mean === null || !meets(mean, slo.op, slo.value)) {
      failed.push(slo.text);
      robust = false;
      continue;
    }
    const low = e?.ci95Low ?? null;
    const high = e?.ci95High ?? null;
    const bounds = slo.op === "<=" || slo.op === "<" ? [high] : slo.op === ">=" || slo.op === ">" ? [low] : [low, high];
    if (!bounds.every((b) => b !== null && meets(b, slo.op, slo.value))) robust = false;
  }
  // A parameter is what it is in every replication: a broken constraint is infeasible, a kept one as robust as kept.
  for (const c of constraints) {
    const value = cell.parameters?.[c.path];
    if (value === undefined || !allows(c, value)) {
      failed.push(`constraint ${c.text}`);
      robust = false;
    }
  }
  return { feasible: failed.length === 0, robust, failed };
}

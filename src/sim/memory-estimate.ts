import { BASE_BYTES, TRACE_ROW_BYTES } from "../scenario/memory-sizes.js";
import { type Scenario } from "../scenario/schema.js";
import { FIFO_DEDUP_INTERVAL_US } from "../sqs/fifo-limits.js";
import { estimateActivities } from "./activity-estimate.js";
import { type EstimateTerm, termTotal, trafficField } from "./estimate-terms.js";
import { type ScenarioLoad } from "./scenario-load.js";
import { seriesShape } from "./series-shape.js";

// Bytes per thing, measured as peak RSS and heap over runs of several sizes (the report lists them). Each is at or
// above the largest measured, growth slack included: the model keeps its state in typed arrays that grow by
// doubling or by half, and the JS arrays of the series and the instance group grow by half.

// Node's base and a trace row are known to scenario validation too (it refuses a trace file too large to hold before
// reading its rows), so they live in scenario/ and are re-exported here beside the rest.
export { BASE_BYTES, TRACE_ROW_BYTES } from "../scenario/memory-sizes.js";
/** Of BASE_BYTES, on the JavaScript heap. */
const BASE_HEAP_BYTES = 40e6;
/** Worker pool state, the queue's poller state and the worker's pending event (typed arrays). */
const WORKER_BYTES = 320;
/** The instance group's lists per worker and per instance (JS arrays, on the heap). */
const WORKER_HEAP_BYTES = 16;
const INSTANCE_HEAP_BYTES = 400;
/** A standard queue's message: the store's columns and its ring and timer entries (about 56 B measured, before the 4 B send delay column). */
export const MESSAGE_BYTES = 64;
/** A message with a group: FIFO's per-group links and send order, and the order checker's columns besides. */
const GROUPED_MESSAGE_BYTES = 128;
/** A message group: FIFO's group index and the order checker's per-group lists (heap); a Zipf table entry (8 B). */
const GROUP_HEAP_BYTES = 130;
/** A FIFO deduplication id tracked for 5 minutes: ring and table entries, and the id string on the heap. */
const DEDUP_ENTRY_BYTES = 64;
const DEDUP_ID_HEAP_BYTES = 100;
/** A message a throttled FIFO producer holds back (JS arrays and the id string). */
const UNSENT_HEAP_BYTES = 250;
/** A delayed or invisible message's deadline entry (time, slot, token: 16 B in a deque that grows by doubling). */
const DEADLINE_BYTES = 32;
/** A dead-lettered message's expiry entry. */
const DEAD_LETTER_BYTES = 32;
/** Of TRACE_ROW_BYTES, the series kept on the JavaScript heap (two arrays of doubles, growth included). */
const TRACE_ROW_HEAP_BYTES = 24;
/**
 * A row of the activity log (activities.csv): its object and strings, the garbage a busy log leaves between
 * collections, and its lines in activities.csv and the report (2.6 kB a row measured with the report, 1.5 kB without).
 */
const ACTIVITY_ROW_HEAP_BYTES = 3_000;
/** A value of the per-period series: a double in a JS array (8 B, growth and the report's reading of it besides), then
 *  twice its text (the line, then the file). */
const SERIES_VALUE_HEAP_BYTES = 16;
/** One more string object per CSV line. */
const SERIES_ROW_HEAP_BYTES = 48;

export interface MemoryEstimate {
  /** Everything, typed arrays included. */
  terms: EstimateTerm[];
  /** The part held on the JavaScript heap (Node's heap limit applies to it alone). */
  heapTerms: EstimateTerm[];
  total: number;
  heap: number;
}

export function estimateMemory(scenario: Scenario, load: ScenarioLoad): MemoryEstimate {
  const grouped = scenario.queue.type === "fifo" || scenario.producers.some((p) => p.messageGroups !== undefined || p.duplicateSends > 0);
  const fleetField = scenario.fleet.kind === "fixed" ? "fleet.instances" : "fleet.max";
  const series = seriesShape(scenario);
  const seriesValueBytes = SERIES_VALUE_HEAP_BYTES + 2 * series.charsPerValue;
  const heapTerms: EstimateTerm[] = [
    { what: "bytes of Node and the report", count: BASE_HEAP_BYTES, each: 1, field: "" },
    { what: "instances", count: load.instancesMax, each: INSTANCE_HEAP_BYTES, field: fleetField },
    { what: "workers' instance links", count: load.workersMax, each: WORKER_HEAP_BYTES, field: fleetField },
    { what: "series values", count: series.rows * series.columns, each: seriesValueBytes, field: "metrics.period" },
    { what: "series rows", count: series.rows, each: SERIES_ROW_HEAP_BYTES, field: "metrics.period" },
    ...groupTerms(scenario, load),
    ...traceTerms(scenario, TRACE_ROW_HEAP_BYTES),
    { what: "activity rows", count: activityRows(scenario), each: ACTIVITY_ROW_HEAP_BYTES, field: "fleet.policies" },
  ];
  const typedTerms: EstimateTerm[] = [
    { what: "bytes of Node and the report", count: BASE_BYTES - BASE_HEAP_BYTES, each: 1, field: "" },
    { what: "workers", count: load.workersMax, each: WORKER_BYTES, field: fleetField },
    { what: "stored messages", count: load.backlog, each: grouped ? GROUPED_MESSAGE_BYTES : MESSAGE_BYTES, field: "limits.maxStoredMessages" },
    { what: "delayed messages' timers", count: load.delayed, each: DEADLINE_BYTES, field: delayField(scenario) },
    { what: "failed messages' visibility timers", count: load.invisible, each: DEADLINE_BYTES, field: "queue.visibilityTimeout" },
    { what: "dead-lettered messages", count: deadLettered(scenario, load), each: DEAD_LETTER_BYTES, field: "queue.deadLetter.retention" },
    ...traceTerms(scenario, TRACE_ROW_BYTES - TRACE_ROW_HEAP_BYTES),
  ];
  const terms = mergeBase([...heapTerms, ...typedTerms]);
  return { terms, heapTerms, total: termTotal(terms), heap: termTotal(heapTerms) };
}

/** Message groups, FIFO deduplication and a throttled FIFO producer's backlog: none for a plain standard queue. */
function groupTerms(scenario: Scenario, load: ScenarioLoad): EstimateTerm[] {
  const terms: EstimateTerm[] = [];
  scenario.producers.forEach((p, i) => {
    const groups = p.messageGroups?.count ?? 0;
    if (groups > 1) terms.push({ what: "message groups", count: groups, each: GROUP_HEAP_BYTES + 8, field: `producers.${i}.messageGroups.count` });
  });
  if (scenario.queue.type !== "fifo") return terms;
  const sentRate = Math.min(load.peakRate, load.sendCapRate);
  const tracked = sentRate * (FIFO_DEDUP_INTERVAL_US / 1e6);
  terms.push({ what: "tracked deduplication ids", count: tracked, each: DEDUP_ENTRY_BYTES + DEDUP_ID_HEAP_BYTES, field: trafficField(scenario) });
  terms.push({ what: "messages held back by the FIFO send quota", count: load.unsent, each: UNSENT_HEAP_BYTES, field: trafficField(scenario) });
  return terms;
}

/** Alarm transitions and scaling activities, at most (the log stops the run at limits.maxActivities). */
function activityRows(scenario: Scenario): number {
  const a = estimateActivities(scenario);
  return Math.min(a.alarmRows + a.scalingRows, scenario.limits.maxActivities);
}

/** The loaded traces' rows, per producer (a trace scenario loaded without its files has none). */
function traceTerms(scenario: Scenario, each: number): EstimateTerm[] {
  return scenario.producers.flatMap((p, i) => {
    const rows = p.traffic.reduce((sum, shape) => sum + ("trace" in shape ? (shape.trace.series?.startsS.length ?? 0) : 0), 0);
    return rows > 0 ? [{ what: "trace rows", count: rows, each, field: `producers.${i}.traffic` }] : [];
  });
}

/** The field that sets the delays: the queue's, or a producer's own (which overrides it, aws-behaviour 1.6). */
function delayField(scenario: Scenario): string {
  const own = scenario.producers.findIndex((p) => p.delay !== undefined && p.delay > 0);
  return own >= 0 && scenario.queue.type !== "fifo" ? `producers.${own}.delay` : "queue.delay";
}

/** Poison messages end in the dead-letter queue, where each waits for the DLQ's retention period. */
function deadLettered(scenario: Scenario, load: ScenarioLoad): number {
  const dlq = scenario.queue.deadLetter;
  if (dlq === undefined) return 0;
  return Math.min(load.arrivals, load.peakRate * dlq.retention) * scenario.consumers.failures.poison;
}

/** The two base lines (heap and the rest) as one, and a thing's heap and typed-array parts (trace rows) as one. */
function mergeBase(terms: EstimateTerm[]): EstimateTerm[] {
  const base = terms.filter((t) => t.field === "").reduce((sum, t) => sum + t.count * t.each, 0);
  const merged: EstimateTerm[] = [];
  for (const t of terms) {
    if (t.field === "") continue;
    const same = merged.find((m) => m.what === t.what && m.field === t.field && m.count === t.count);
    if (same === undefined) merged.push({ ...t });
    else same.each += t.each;
  }
  return [{ what: "bytes of Node and the report", count: base, each: 1, field: "" }, ...merged];
}

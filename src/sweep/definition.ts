// What identifies a sweep: enough to re-derive every cell, its seeds and its scenario, and to tell whether an
// interrupted sweep (--resume) or a shard (merge) belongs to the same sweep. Written to sweep.json.
import { clip, FLAG_LIMIT } from "../engine/quote.js";
import { resourceSweepMetric } from "./architecture-metrics.js";
import { parseConstraints } from "./constraint.js";
import { parseSlos } from "./slo.js";
import { type VaryDimension } from "./vary.js";

/** Format 2: every cell's replication r runs with the same seed (common random numbers, seeds.ts). */
export const SWEEP_FORMAT = "sqs-sim-sweep/2";
/** Format 1, before common random numbers: each cell's seeds hashed its parameters in. Still read (merge, report),
 *  never resumed or written by a new sweep. */
export const LEGACY_SWEEP_FORMAT = "sqs-sim-sweep/1";
export type SweepFormat = typeof SWEEP_FORMAT | typeof LEGACY_SWEEP_FORMAT;

export interface SweepDefinition {
  format: SweepFormat;
  /** The scenario's name. */
  scenario: string;
  /** SHA-256 over every cell's scenario as validated (defaults applied, trace series included, seed left out), so
   *  that an edited scenario file or trace is noticed wherever the file lives. */
  scenarioSha256: string;
  /** The --set overrides applied before the --vary ones. */
  sets: string[];
  rootSeed: number;
  vary: VaryDimension[];
  replications: number;
  /** The number of cells in the whole grid (a shard runs some of them). */
  cells: number;
  /** The --slo objectives, in canonical form (see slo.ts); they decide results' feasible column, so resume and
   *  merge treat another list as another sweep. Absent in sweep.json written before --slo existed: []. */
  slos: string[];
  /** The --constraint list, in canonical form (see constraint.ts): like the SLOs, it decides the feasible column.
   *  Absent in sweep.json written before --constraint existed: []. */
  constraints: string[];
  /** An architecture's per-resource metrics (`billing.queue_wait_p99_s`, …), after SWEEP_METRICS in results.csv;
   *  absent for a single-queue scenario, whose sweep.json is as it was. */
  resourceMetrics?: string[] | undefined;
}

export interface Shard {
  /** From 0. */
  index: number;
  count: number;
}

/** sweep.json: the definition, and the shard when this directory holds one slice of the grid. */
export interface SweepManifest extends SweepDefinition {
  shard: Shard | null;
}

/** Why two definitions are not the same sweep, or null when they are. Names the first field that differs. */
export function definitionDifference(a: SweepDefinition, b: SweepDefinition): string | null {
  if (a.format !== b.format) {
    if (a.format === LEGACY_SWEEP_FORMAT || b.format === LEGACY_SWEEP_FORMAT) {
      return (
        `one was run by an older sqs-sim (${LEGACY_SWEEP_FORMAT}), whose cells drew independent random numbers; ` +
        "now every cell's replication r shares the same random numbers, so the two cannot be mixed: run the older sweep again, in a new directory"
      );
    }
    return `the format differs (${clip(a.format)} vs ${clip(b.format)})`;
  }
  if (a.scenario !== b.scenario) return `the scenario differs (${clip(a.scenario)} vs ${clip(b.scenario)})`;
  if (JSON.stringify(a.sets) !== JSON.stringify(b.sets)) return `the --set overrides differ (${list(a.sets)} vs ${list(b.sets)})`;
  if (JSON.stringify(a.vary) !== JSON.stringify(b.vary)) return `the --vary lists differ (${varyText(a.vary)} vs ${varyText(b.vary)})`;
  if (a.rootSeed !== b.rootSeed) return `the root seed differs (${a.rootSeed} vs ${b.rootSeed})`;
  if (a.replications !== b.replications) return `the replications differ (${a.replications} vs ${b.replications})`;
  if (a.cells !== b.cells) return `the number of cells differs (${a.cells} vs ${b.cells})`;
  if (JSON.stringify(a.slos) !== JSON.stringify(b.slos)) return `the --slo lists differ (${list(a.slos)} vs ${list(b.slos)})`;
  if (JSON.stringify(a.constraints) !== JSON.stringify(b.constraints))
    return `the --constraint lists differ (${list(a.constraints)} vs ${list(b.constraints)})`;
  if (JSON.stringify(a.resourceMetrics ?? []) !== JSON.stringify(b.resourceMetrics ?? []))
    return `the per-resource metrics differ (${list(a.resourceMetrics ?? [])} vs ${list(b.resourceMetrics ?? [])})`;
  if (a.scenarioSha256 !== b.scenarioSha256) return "the scenario's content differs (the file, a trace or a default changed)";
  return null;
}

/** The definition part of a manifest, in a fixed key order (the order sweep.json is written in). */
export function definitionOf(m: SweepDefinition): SweepDefinition {
  return {
    format: m.format,
    scenario: m.scenario,
    scenarioSha256: m.scenarioSha256,
    sets: m.sets,
    rootSeed: m.rootSeed,
    vary: m.vary.map((d) => ({ path: d.path, values: d.values })),
    replications: m.replications,
    cells: m.cells,
    slos: [...(m.slos ?? [])],
    constraints: [...(m.constraints ?? [])],
    ...(m.resourceMetrics === undefined ? {} : { resourceMetrics: [...m.resourceMetrics] }),
  };
}

/** sweep.json's text: pretty JSON with a final newline, keys in a fixed order. */
export function manifestText(definition: SweepDefinition, shard: Shard | null): string {
  const manifest: SweepManifest = { ...definitionOf(definition), shard: shard === null ? null : { index: shard.index, count: shard.count } };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads sweep.json's parsed content; a problem comes back as a sentence. */
export function parseManifest(value: unknown): SweepManifest | string {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const m = value as Record<string, unknown>;
  if (m["format"] !== SWEEP_FORMAT && m["format"] !== LEGACY_SWEEP_FORMAT)
    return `format is ${clip(String(JSON.stringify(m["format"])))}, expected "${SWEEP_FORMAT}"`;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  const whole = (v: unknown, min: number): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= min;
  if (typeof m["scenario"] !== "string" || typeof m["scenarioSha256"] !== "string") return "scenario or scenarioSha256 is missing";
  if (!strings(m["sets"])) return "sets is not a list of texts";
  if (!whole(m["rootSeed"], 0) || !whole(m["replications"], 1) || !whole(m["cells"], 1)) return "rootSeed, replications or cells is not a whole number";
  const vary = m["vary"];
  if (!Array.isArray(vary) || !vary.every((d) => typeof d === "object" && d !== null && typeof d.path === "string" && strings(d.values))) {
    return "vary is not a list of { path, values }";
  }
  const slos = m["slos"] ?? [];
  if (!strings(slos)) return "slos is not a list of texts";
  const sloErrors = parseSlos(slos).errors;
  if (sloErrors.length > 0) return `slos: ${sloErrors[0]}`;
  const constraints = m["constraints"] ?? [];
  if (!strings(constraints)) return "constraints is not a list of texts";
  const constraintErrors = parseConstraints(constraints, vary as VaryDimension[]).errors;
  if (constraintErrors.length > 0) return `constraints: ${constraintErrors[0]}`;
  const resourceMetrics = m["resourceMetrics"];
  if (resourceMetrics !== undefined) {
    if (!strings(resourceMetrics)) return "resourceMetrics is not a list of texts";
    const unknown = resourceMetrics.find((name) => resourceSweepMetric(name) === undefined);
    if (unknown !== undefined) return `resourceMetrics: ${clip(unknown)} is not a per-resource metric`;
  }
  const shard = m["shard"];
  if (shard !== null && !(typeof shard === "object" && shard !== undefined && whole((shard as Shard).index, 0) && whole((shard as Shard).count, 1))) {
    return "shard is neither null nor { index, count }";
  }
  return { ...definitionOf(m as unknown as SweepDefinition), shard: shard === null ? null : { index: (shard as Shard).index, count: (shard as Shard).count } };
}

// Both cut to a flag's length: thousands of --set flags would otherwise make one message of megabytes.
function list(xs: readonly string[]): string {
  return xs.length === 0 ? "none" : clip(xs.join(" "), FLAG_LIMIT);
}

function varyText(vary: readonly VaryDimension[]): string {
  return vary.length === 0 ? "none" : clip(vary.map((d) => `${d.path}=${d.values.join(",")}`).join(" "), FLAG_LIMIT);
}

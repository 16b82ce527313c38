// The sweep that checks a capacity plan by simulation: fleet sizes around the smallest stable fleet at the peak rate,
// target-tracking targets around the one the acceptable latency implies, and the configured visibility timeout
// beside the one that covers the processing tail. Built from the figures `explain` has already computed, so the
// suggestion and the plan cannot disagree. Pure: figures in, `sqs-sim sweep` arguments out.
import { formatDuration } from "../engine/units.js";
import { type Figure, findFigure, type PhaseColumn, type Section, type SuggestedSweep } from "./explanation.js";
import { num, pct } from "./format.js";
import { type PlanInputs } from "./plan-inputs.js";

/** Seeded runs per cell: enough for a 95% interval that says whether a cell meets its objectives. */
export const SUGGESTED_REPLICATIONS = 5;
/** Fleet sizes tried: S, ⌈1.25 S⌉, ⌈1.5 S⌉, 2 S (topped up with the next whole numbers when S is small), and the
 *  configured size as a baseline. */
export const FLEET_FACTORS = [1, 1.25, 1.5, 2] as const;
/** Targets tried, as multiples of the implied (or configured) one. */
export const TARGET_FACTORS = [0.5, 1, 2] as const;
/**
 * Messages processed twice that the duplicate objective allows, as a share of the run's messages. The covering
 * timeout is 1.5 × the p99.9 of the in-flight time, so fewer than 1 receive in 1,000 outlives it; "== 0" would fail
 * on the rare one that still does (0.27 expected over scenarios/visibility-timeout-too-short.yaml at 130 s) and make
 * the verdict a matter of luck.
 */
export const DUPLICATE_SHARE = 0.001;

/** What the suggestion is chosen from: the plan's figures and the settings they are about. */
export interface SweepBasis {
  fleet: { kind: "fixed"; instances: number } | { kind: "asg"; min: number; max: number; desired: number };
  /** k, workers per instance. */
  workersPerInstance: number;
  /** â, offered load at the whole run's peak rate, workers; null when unbounded. */
  peakLoad: number | null;
  /** S, the smallest stable fleet at the whole run's peak rate (⌊â ÷ k⌋ + 1); 0 without traffic, null when unbounded. */
  peakFleet: number | null;
  /** slo.maxQueueWait, seconds; null without one. */
  acceptableLatency: number | null;
  /** The backlog-per-instance target that latency implies (aws-behaviour 6.17); null without an SLO. */
  impliedTarget: number | null;
  /** The first target-tracking policy on backlogPerInstance; null when there is none. */
  policy: { index: number; target: number } | null;
  /** Further backlogPerInstance target-tracking policies, left as configured. */
  otherPolicies: number;
  /** The scenario's instanceTypes, by name (absent or empty without any). */
  instanceTypes?: string[];
  /** N, the messages expected over the run. */
  messages: number;
  /** queue.duplicateDeliveryRate: copies the queue leaves behind whatever the timeout. */
  duplicateDeliveryRate: number;
  visibility: {
    configured: number;
    /** ⌈p99.9 × safety⌉ of the in-flight time, the explain figure. */
    covering: number;
    /** Share of receives that outlive the configured timeout. */
    expiring: number;
    /** A heartbeat extends visibility while a message is processed: a short timeout is not the problem. */
    heartbeat: boolean;
  };
}

/** The basis from the plan: the whole-run column and the target and visibility sections, as `explain` computed them. */
export function sweepBasis(inputs: PlanInputs, sections: readonly Section[], whole: PhaseColumn): SweepBasis {
  const scenario = inputs.scenario;
  const fleet = scenario.fleet;
  const value = (where: { figures: readonly Figure[] } | undefined, key: string): number | null => findFigure(where, key)?.value ?? null;
  const section = (id: string): Section | undefined => sections.find((s) => s.id === id);
  const policies =
    fleet.kind === "asg"
      ? fleet.policies.flatMap((p, index) =>
          "targetTracking" in p && p.targetTracking.metric === "backlogPerInstance" ? [{ index, target: p.targetTracking.target }] : [],
        )
      : [];
  const visibility = section("visibility");
  return {
    fleet:
      fleet.kind === "fixed"
        ? { kind: "fixed", instances: fleet.instances }
        : { kind: "asg", min: fleet.min, max: fleet.max, desired: fleet.desired ?? fleet.min },
    workersPerInstance: inputs.k,
    peakLoad: value(whole, "load.peak"),
    peakFleet: value(whole, "stableFleet.peak"),
    acceptableLatency: value(section("target"), "target.acceptableLatency"),
    impliedTarget: value(section("target"), "target.backlogPerInstance"),
    policy: policies[0] ?? null,
    otherPolicies: Math.max(0, policies.length - 1),
    instanceTypes: Object.keys(scenario.instanceTypes ?? {}),
    messages: value(section("retries"), "retries.messages") ?? inputs.whole.arrivals,
    duplicateDeliveryRate: scenario.queue.duplicateDeliveryRate,
    visibility: {
      configured: scenario.queue.visibilityTimeout,
      covering: value(visibility, "visibility.recommended") ?? scenario.queue.visibilityTimeout,
      expiring: value(visibility, "visibility.pExpire") ?? 0,
      heartbeat: scenario.consumers.heartbeat !== undefined,
    },
  };
}

/** The suggested sweep of a plan: `sweepBasis` then `suggestSweep`. */
export function suggestedSweep(inputs: PlanInputs, sections: readonly Section[], whole: PhaseColumn): SuggestedSweep | null {
  return suggestSweep(sweepBasis(inputs, sections, whole));
}

/**
 * Fleet sizes from `base`: base, ⌈1.25·base⌉, ⌈1.5·base⌉, 2·base, deduplicated and topped up with the next whole
 * numbers to four (1 gives 1, 2, 3, 4; 2 gives 2, 3, 4, 5).
 */
export function fleetSizes(base: number): number[] {
  const b = Math.max(1, Math.ceil(base));
  const sizes = [...new Set(FLEET_FACTORS.map((f) => Math.ceil(b * f)))];
  while (sizes.length < FLEET_FACTORS.length) sizes.push(sizes[sizes.length - 1]! + 1);
  return sizes;
}

/** Two significant digits: 4.472 → 4.5, 2236 → 2200. */
export function twoDigits(x: number): number {
  return Number(x.toPrecision(2));
}

/** Targets around `around`: ½×, 1×, 2×, each to two significant digits, distinct and above 0. */
export function targetValues(around: number): number[] {
  return [...new Set(TARGET_FACTORS.map((f) => twoDigits(around * f)))].filter((t) => t > 0);
}

function list(values: readonly string[]): string {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`;
}

/**
 * The sweep that checks the plan: fleet size (fleet.instances, or an Auto Scaling group's max, min kept) around the
 * smallest stable fleet at the peak rate; the first backlog-per-instance target around the one the acceptable latency
 * implies (else the configured one); the configured visibility timeout beside the tail-covering one when it is shorter
 * and no heartbeat extends it. At most 5 × 3 × 2 = 30 cells of 5 replications, judged by queueWait.p99 against
 * slo.maxQueueWait and, when the timeout is varied, duplicateProcessing ≤ 1 in 1,000 messages. Null when nothing can
 * be varied (no traffic).
 */
export function suggestSweep(basis: SweepBasis): SuggestedSweep | null {
  const vary: string[] = [];
  const reasons: string[] = [];
  const slos: string[] = [];
  const { fleet, peakFleet: S, workersPerInstance: k } = basis;
  if (S === 0) return null;

  const path = fleet.kind === "fixed" ? "fleet.instances" : "fleet.max";
  const configured = fleet.kind === "fixed" ? fleet.instances : fleet.max;
  if (S === null) {
    reasons.push(`${path} (configured ${configured}) is not varied: the work per message is unbounded, so no fleet is stable`);
  } else {
    // An Auto Scaling group's max cannot go below its min or desired capacity: the sizes start there when S is smaller.
    const floor = fleet.kind === "asg" ? Math.max(fleet.min, fleet.desired) : 0;
    const base = Math.max(S, floor, 1);
    // The configured size goes in too, as the baseline the others are judged against (where it is not already).
    const sizes = fleetSizes(base);
    const baseline = !sizes.includes(configured) && configured >= floor && configured >= 1;
    const tried = baseline ? [...sizes, configured].sort((a, b) => a - b) : sizes;
    vary.push(`${path}=${tried.join(",")}`);
    const load = basis.peakLoad === null ? "" : ` (â = ${num(basis.peakLoad)} workers, ${k} per instance)`;
    const raised =
      base > S && fleet.kind === "asg" ? `, below the group's ${fleet.desired > fleet.min ? `desired capacity (${fleet.desired})` : `min (${fleet.min})`}` : "";
    const kept = fleet.kind === "asg" ? `, min kept at ${fleet.min}` : "";
    reasons.push(
      `${path} (configured ${configured}): the smallest stable fleet at the peak rate is ${S}${load}${raised}: ` +
        `${sizes[0]} to ${sizes[sizes.length - 1]} instances${baseline ? `, and the configured ${configured} as the baseline` : ""}${kept}`,
    );
  }

  if (basis.policy !== null) {
    const { index, target } = basis.policy;
    const implied = basis.impliedTarget;
    const around = implied ?? target;
    const values = targetValues(around);
    vary.push(`fleet.policies.${index}.targetTracking.target=${values.join(",")}`);
    const why =
      implied !== null && basis.acceptableLatency !== null
        ? `the acceptable latency of ${formatDuration(basis.acceptableLatency)} implies a backlog per instance of ${num(implied)} (aws-behaviour 6.17)`
        : "without slo.maxQueueWait there is no implied target, so around the configured one";
    const others =
      basis.otherPolicies > 0 ? `; the other ${basis.otherPolicies === 1 ? "policy stays" : `${basis.otherPolicies} policies stay`} as configured` : "";
    reasons.push(
      `fleet.policies.${index}.targetTracking.target (configured ${target}): ${why}: ` + `half, once and twice that, ${list(values.map(String))}${others}`,
    );
  }

  const v = basis.visibility;
  if (!v.heartbeat && v.configured < v.covering) {
    const configuredText = formatDuration(v.configured);
    vary.push(`queue.visibilityTimeout=${configuredText},${formatDuration(v.covering)}`);
    const allowed = Math.max(1, Math.ceil(basis.messages * (DUPLICATE_SHARE + basis.duplicateDeliveryRate) - 1e-9));
    slos.push(`duplicateProcessing<=${allowed}`);
    const copies = basis.duplicateDeliveryRate > 0 ? `, plus the queue's ${pct(basis.duplicateDeliveryRate)} duplicate deliveries` : "";
    reasons.push(
      `queue.visibilityTimeout: the configured ${configuredText} is below the ${formatDuration(v.covering)} that covers the ` +
        `processing tail (${pct(v.expiring)} of receives outlive it): both, with at most ${allowed} message${allowed === 1 ? "" : "s"} processed twice as an objective ` +
        `(1 in 1,000 of the ${num(basis.messages)} expected${copies})`,
    );
  } else if (v.configured < v.covering) {
    reasons.push(
      `queue.visibilityTimeout is not varied: the configured ${formatDuration(v.configured)} is below the ` +
        `${formatDuration(v.covering)} that covers the processing tail, but the heartbeat extends it while a message is processed`,
    );
  }

  // Instance types change the fleet size that suffices (their S differ), so they are a sweep of their own.
  const types = basis.instanceTypes ?? [];
  if (types.length > 1) {
    reasons.push(
      `instance types are not varied here (each needs its own fleet sizes): add --vary fleet.instanceType=${types.join(",")} ` +
        "with sizes that cover the Instance types section's stable fleets to compare them",
    );
  }

  if (vary.length === 0) return null;
  if (basis.acceptableLatency !== null) slos.unshift(`queueWait.p99<=${formatDuration(basis.acceptableLatency)}`);
  else reasons.push("no slo.maxQueueWait: add one, or an --slo such as 'queueWait.p99<=60s', for the sweep to recommend a cell");
  return { vary, replications: SUGGESTED_REPLICATIONS, slos, reasons };
}

/** The `sqs-sim sweep` arguments: the file, the --set flags whose paths are not varied, the dimensions, -n, the SLOs. */
export function sweepArguments(file: string, sets: readonly string[], sweep: SuggestedSweep): string[] {
  const pathOf = (flag: string): string => flag.slice(0, Math.max(0, flag.indexOf("="))).trim();
  const varied = new Set(sweep.vary.map(pathOf));
  return [
    "sweep",
    file,
    ...sets.filter((s) => !varied.has(pathOf(s))).flatMap((s) => ["--set", s]),
    ...sweep.vary.flatMap((v) => ["--vary", v]),
    "-n",
    String(sweep.replications),
    ...sweep.slos.flatMap((s) => ["--slo", s]),
  ];
}

/** A word as a POSIX shell reads it back: as it is when it holds nothing special, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) && !word.startsWith("=") ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The command as lines to print, shell-quoted, each but the last ending in " \": `sqs-sim sweep <file>`, then one line
 * per --set and --vary, then -n and the SLOs.
 */
export function sweepCommandLines(file: string, sets: readonly string[], sweep: SuggestedSweep): string[] {
  const args = sweepArguments(file, sets, sweep);
  const lines = [["sqs-sim", ...args.slice(0, 2)]];
  const rest = args.slice(2);
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i]!;
    // --slo joins the -n line; every other flag starts its own.
    if (flag === "--slo") lines[lines.length - 1]!.push(flag, rest[i + 1]!);
    else lines.push([flag, rest[i + 1]!]);
  }
  return lines.map((words, i) => words.map(shellQuote).join(" ") + (i < lines.length - 1 ? " \\" : ""));
}

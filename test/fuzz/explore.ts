// A fuzz session that keeps going after a failure: every case of a seeded run is checked, failures are grouped by
// cause (the violated check and its summary), and one case of each group is then shrunk by fast-check, replayed
// from the seed and its path.
import fc from "fast-check";
import { checkCase } from "./check-case.js";
import { argvOf, type FuzzCase } from "./fuzz-case.js";
import { fuzzCase, type GeneratorOptions } from "./generator.js";
import { HOSTILE_SETS, HOSTILE_VARIES, KNOWN_HAZARDS } from "./hostile-flags.js";
import { type Violation } from "./oracle.js";
import { type Runner } from "./outcome.js";

export interface ExploreOptions {
  seed: number;
  runs: number;
  runner: Runner;
  generator: GeneratorOptions;
  /** Time for shrinking one group's case (the run in flight finishes first). */
  shrinkMs: number;
  onCase?: (index: number, failingGroups: number) => void;
  /** Called before each case runs (--verbose). */
  onStart?: (path: string, c: FuzzCase) => void;
  /** Called after each case with its wall time, sandbox included (--verbose). */
  onEnd?: (path: string, ms: number, violations: readonly Violation[]) => void;
}

export interface Failure {
  /** fast-check's path of the case under the session's seed: `--seed S --path P` replays it. */
  path: string;
  fuzzCase: FuzzCase;
  violations: Violation[];
}

export interface Group {
  signature: string;
  violation: Violation;
  count: number;
  first: Failure;
  shrunk?: Failure;
}

export interface Timing {
  path: string;
  command: string;
  wallMs: number;
  maxRssKb?: number;
}

/**
 * A failure's cause for grouping: the check and its summary, and for a hang or exhausted memory (which say nothing
 * more) what the case did: the field it mutated, the hostile --set it used, the odd file it read.
 */
export function signature(v: Violation, c: FuzzCase): string {
  const base = `[${v.check}] ${v.summary}`;
  return v.check === "hang" || v.check === "memory" ? `${base} — ${causeOf(c)}` : base;
}

function causeOf(c: FuzzCase): string {
  if (c.mutation) return `${c.mutation.path.replace(/\.\d+(?=\.|$)/g, ".N")} = ${c.mutation.what.slice(0, 60)}`;
  if (c.origin === "file") return c.seed.replace(/^[^:]*: /, "");
  const hostile = new Set([...KNOWN_HAZARDS, ...HOSTILE_SETS, ...HOSTILE_VARIES]);
  const used = c.flags.filter((f) => hostile.has(f));
  return used.length > 0 ? used.join(" + ").slice(0, 120) : "a valid scenario";
}

/** Runs every case of the seed and groups the failures. */
export async function explore(options: ExploreOptions): Promise<{ groups: Group[]; timings: Timing[] }> {
  const groups = new Map<string, Group>();
  const timings: Timing[] = [];
  let index = 0;
  await fc.check(
    fc.asyncProperty(fuzzCase(options.generator), async (c) => {
      const path = String(index++);
      options.onStart?.(path, c);
      const started = performance.now();
      const { violations, outcome } = await checkCase(c, options.runner);
      options.onEnd?.(path, performance.now() - started, violations);
      if (!outcome.hang && outcome.memory === undefined) {
        timings.push({
          path,
          command: argvOf(c).join(" ").slice(0, 160),
          wallMs: outcome.wallMs,
          ...(outcome.maxRssKb !== undefined ? { maxRssKb: outcome.maxRssKb } : {}),
        });
      }
      for (const v of violations) {
        const key = signature(v, c);
        const group = groups.get(key);
        if (group) group.count++;
        else groups.set(key, { signature: key, violation: v, count: 1, first: { path, fuzzCase: c, violations } });
      }
      options.onCase?.(index, groups.size);
      return true;
    }),
    { seed: options.seed, numRuns: options.runs },
  );
  for (const group of groups.values()) {
    const shrunk = await shrink(options, group.first.path, group.signature);
    if (shrunk) group.shrunk = shrunk;
  }
  return { groups: [...groups.values()].sort((a, b) => b.count - a.count), timings };
}

/** The smallest case fast-check finds, from the one at `path`, that still fails the same way. */
export async function shrink(
  options: Pick<ExploreOptions, "seed" | "runner" | "generator" | "shrinkMs">,
  path: string,
  wanted: string | undefined,
): Promise<Failure | undefined> {
  const fails = (violations: readonly Violation[], c: FuzzCase): boolean => violations.some((v) => wanted === undefined || signature(v, c) === wanted);
  const property = fc.asyncProperty(fuzzCase(options.generator), async (c) => !fails((await checkCase(c, options.runner)).violations, c));
  // The case itself first, without a time limit (a hang takes the whole wall-time limit to show). numRuns 1: with
  // a path, fast-check would otherwise go on to the cases after it.
  const replayed = await fc.check(property, { seed: options.seed, path, numRuns: 1, endOnFailure: true });
  const [original] = replayed.counterexample ?? [];
  if (!replayed.failed || original === undefined) return undefined;
  const details = await fc.check(property, { seed: options.seed, path, numRuns: 1, interruptAfterTimeLimit: options.shrinkMs, markInterruptAsFailure: false });
  const [shrunk] = details.failed && details.counterexample ? details.counterexample : [original];
  // Checked once more, so that the violations printed are this case's own.
  const { violations } = await checkCase(shrunk, options.runner);
  if (fails(violations, shrunk)) return { path: details.failed ? (details.counterexamplePath ?? path) : path, fuzzCase: shrunk, violations };
  return { path, fuzzCase: original, violations: (await checkCase(original, options.runner)).violations };
}

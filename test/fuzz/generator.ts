// The fuzz case generator: valid scenarios (a shipped scenario or the default, shortened, with a few fields set to
// other valid values), single mutations (one field set to a hostile value, in the file or by --set), hostile flags,
// and odd files; each under `run`, `validate`, `explain` or `sweep` with generated flags. Fields come from the
// scenario's JSON Schema (schema-fields.ts), so new fields are fuzzed as soon as the schema has them.
import fc from "fast-check";
import { dirname } from "node:path";
import { type CaseFile, type Command, describeCase, type FuzzCase } from "./fuzz-case.js";
import { HOSTILE_SETS, HOSTILE_VARIES, KNOWN_HAZARDS, OUT_DIRS, SEEDS } from "./hostile-flags.js";
import { oddFile } from "./odd-files.js";
import { type SchemaField, schemaFields } from "./schema-fields.js";
import { seeds, type Seed } from "./seeds.js";
import { setText, toJson, toYaml, type Value, valueAt, withValueAt } from "./serialize.js";
import { hostileValue, ODD_TRACE_FILES, UNKNOWN_KEYS, validValue } from "./values.js";

export interface GeneratorOptions {
  /** `sweep --workers` values to draw from; in-process runs use 1 (a thread of their own would outlive a hang guard). */
  sweepWorkers: readonly number[];
  /**
   * Whether cases may read /dev/zero. readFileSync(…, "utf8") reads in C++ until the end of the file, which
   * /dev/zero never reaches: no worker thread can be stopped there, only a process can be killed.
   */
  devZero: boolean;
}

/** In-process runs (npm test): sweeps on the runner's own thread and nothing a hang guard could not stop. */
export const IN_PROCESS: GeneratorOptions = { sweepWorkers: [1], devZero: false };
/** Child processes (npm run fuzz): anything goes, the process is killed at its limits. */
export const CHILD_PROCESS: GeneratorOptions = { sweepWorkers: [1, 2], devZero: true };

function readsDevZero(c: FuzzCase): boolean {
  const content = c.scenario?.content;
  const text = content && "text" in content ? content.text : "";
  return (
    (content !== undefined && "special" in content && content.special === "dev-zero") ||
    [text, ...c.flags].some((t) => t.includes("/dev/zero") || t.includes("dev-zero.csv"))
  );
}

/** Scenario name pattern (schema.ts); a name outside it is refused, so it names no output directory. */
const NAME = /^[A-Za-z0-9._-]{1,80}$/;

/** Fields of `scenario` a case may change: existing ones, and absent ones whose parent exists. */
function concretePaths(scenario: unknown): { field: SchemaField; path: string[] }[] {
  const out: { field: SchemaField; path: string[] }[] = [];
  for (const field of schemaFields()) {
    let partials: string[][] = [[]];
    for (const part of field.path) {
      const next: string[][] = [];
      for (const p of partials) {
        const here = valueAt(scenario, p);
        if (part === "*") {
          if (Array.isArray(here)) here.forEach((_, i) => next.push([...p, String(i)]));
        } else if (part === "{}") {
          if (typeof here === "object" && here !== null) for (const k of Object.keys(here)) next.push([...p, k]);
        } else if (typeof here === "object" && here !== null && !Array.isArray(here)) next.push([...p, part]);
      }
      partials = next;
    }
    for (const path of partials) out.push({ field, path });
  }
  return out;
}

const DURATIONS: Record<Command, string[]> = { run: ["30s", "1m", "2m", "5m"], validate: ["1m", "1h", "1d"], explain: ["1m", "1h"], sweep: ["30s", "1m"] };

/** A seed shortened so that its runs take well under a second. */
function shortened(seed: Seed, duration: string): Record<string, unknown> {
  return withValueAt(seed.scenario, ["duration"], duration) as Record<string, unknown>;
}

interface Edit {
  path: string[];
  value: Value;
}

/** Applies edits to the scenario or turns them into --set words. */
function place(scenario: unknown, edits: readonly Edit[], via: "file" | "set"): { scenario: unknown; sets: string[] } {
  if (via === "set") return { scenario, sets: edits.map((e) => `${e.path.join(".")}=${setText(e.value)}`) };
  return { scenario: edits.reduce((s, e) => withValueAt(s, e.path, e.value), scenario), sets: [] };
}

function validEdit(scenario: unknown): fc.Arbitrary<Edit | null> {
  const candidates = concretePaths(scenario)
    .filter(({ path }) => valueAt(scenario, path) !== undefined && path[0] !== "duration" && path[0] !== "name")
    .map(({ field, path }) => ({ path, value: validValue(field) }))
    .filter((c): c is { path: string[]; value: fc.Arbitrary<Value> } => c.value !== undefined);
  if (candidates.length === 0) return fc.constant(null);
  return fc.constantFrom(...candidates).chain((c) => c.value.map((value) => ({ path: c.path, value })));
}

type Mutation = Edit & { what: string };

function mutation(scenario: unknown, via: "file" | "set"): fc.Arbitrary<Mutation> {
  const fields = concretePaths(scenario);
  // Fields the scenario has are where its behaviour lives: three times as likely as absent optional ones.
  const present = fields.filter(({ path }) => valueAt(scenario, path) !== undefined);
  const absent = fields.filter(({ path }) => valueAt(scenario, path) === undefined);
  const field = fc.oneof(
    { arbitrary: fc.constantFrom(...present), weight: 3 },
    ...(absent.length > 0 ? [{ arbitrary: fc.constantFrom(...absent), weight: 1 }] : []),
  );
  const hostile = field.chain(({ field, path }) => hostileValue(field, via).map((value): Mutation => ({ path, value, what: describe(value) })));
  const objects = fields.filter(({ field }) => field.kinds.some((k) => k.kind === "object" && k.keys.length > 0));
  const unknownKey = fc
    .tuple(fc.constantFrom(...objects), fc.constantFrom(...UNKNOWN_KEYS))
    .filter(([, key]) => via === "file" || (key.trim() !== "" && !key.includes(".")))
    .map(([{ path }, key]): Mutation => ({ path: [...path, key], value: 1, what: `unknown key ${JSON.stringify(key)}` }));
  const traced = Array.isArray(valueAt(scenario, ["producers", "0", "traffic"]));
  const oddTrace = fc.constantFrom(...ODD_TRACE_FILES).map(
    (file): Mutation => ({
      path: ["producers", "0", "traffic", "0"],
      value: { trace: { file } },
      what: `a trace from ${file}`,
    }),
  );
  return fc.oneof({ arbitrary: hostile, weight: 8 }, { arbitrary: unknownKey, weight: 1 }, ...(traced ? [{ arbitrary: oddTrace, weight: 1 }] : []));
}

function describe(value: Value): string {
  const text = setText(value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
}

function scenarioPath(seed: string, format: "yaml" | "json"): fc.Arbitrary<string> {
  const ext = format === "json" ? "json" : "yaml";
  return fc.constantFrom(
    `scenarios/${seed}.${ext}`,
    `${seed}.${ext}`,
    `scenarios/${seed}.${format === "json" ? "JSON" : "yml"}`,
    `./scenarios/../scenarios/${seed}.${ext}`,
  );
}

function serialise(scenario: unknown, format: "yaml" | "json"): string {
  return format === "json" ? toJson(scenario) : toYaml(scenario);
}

/** The flags of one command (the --set words come separately). */
function commandFlags(
  command: Command,
  scenario: CaseFile | null,
  base: unknown,
  options: GeneratorOptions,
  hostile: boolean,
  vary = true,
): fc.Arbitrary<string[]> {
  const scenarioDir = scenario ? dirname(scenario.path) : ".";
  const outDir = fc.constantFrom(...OUT_DIRS).map((d) => (d === "<scenario-dir>" ? scenarioDir : d));
  const optional = (flag: string, values: fc.Arbitrary<string>, p: number): fc.Arbitrary<string[]> =>
    fc.oneof(
      { arbitrary: fc.constant<string[]>([]), weight: Math.round((1 - p) * 100) },
      { arbitrary: values.map((v) => [flag, v]), weight: Math.round(p * 100) },
    );
  const flag = (word: string, p: number): fc.Arbitrary<string[]> => optional(word, fc.constant(""), p).map((f) => f.slice(0, 1));
  const seed = optional("--seed", fc.constantFrom(...SEEDS.slice(0, hostile ? SEEDS.length : 3)), 0.25);
  switch (command) {
    case "run":
      return fc.tuple(optional("--out", outDir, 0.6), seed, flag("--no-charts", 0.92), flag("--quiet", 0.2), flag("--json", 0.1)).map((f) => f.flat());
    case "validate":
      return flag("--quiet", 0.2);
    case "explain":
      return fc.tuple(optional("--run", outDir, 0.2), flag("--json", 0.3)).map((f) => f.flat());
    case "sweep": {
      const varied = hostile ? fc.constantFrom(...HOSTILE_VARIES) : variedField(base);
      return fc
        .tuple(
          fc.array(varied, { minLength: hostile ? 1 : 0, maxLength: vary ? 2 : 0 }).map((vs) => vs.flatMap((v) => ["--vary", v])),
          fc.constantFrom(
            ["-n", "1"],
            ["-n", "2"],
            [] as string[],
            ...(hostile
              ? [
                  ["-n", "0"],
                  ["-n", "x"],
                  ["-n", "-1"],
                ]
              : []),
          ),
          fc.constantFrom(...options.sweepWorkers).map((w) => ["--workers", String(w)]),
          optional("--out", outDir, 0.4),
          seed,
          flag("--no-charts", 0.9),
          flag("--quiet", 0.2),
        )
        .map((f) => f.flat());
    }
  }
}

/** `path=v1,v2[,v3]`: distinct valid values of one field the scenario has. */
function variedField(base: unknown): fc.Arbitrary<string> {
  return validEdit(base).chain((edit) => {
    if (edit === null) return fc.constant("queue.visibilityTimeout=30s,45s");
    const field = schemaFields().find((f) => f.path.length === edit.path.length && f.path.every((p, i) => p === "*" || p === "{}" || p === edit.path[i]));
    const values = (field && validValue(field)) ?? fc.constant(edit.value);
    // Values a --vary list cannot hold (a comma, a bracket, a range's "..") are dropped rather than filtered out
    // by fast-check, which would search forever for a field with a single valid value.
    const listable = (v: string): boolean => !/[,[\]{}'"]/.test(v) && !v.includes("..");
    return fc.uniqueArray(values.map(setText), { minLength: 1, maxLength: 3 }).map((vs) => {
      const kept = vs.filter(listable);
      return kept.length > 0 ? `${edit.path.join(".")}=${kept.join(",")}` : "queue.visibilityTimeout=30s,45s";
    });
  });
}

/** The file a case runs on; null for the embedded default scenario. */
function scenarioFile(seed: Seed, scenario: unknown, useDefault: boolean): fc.Arbitrary<CaseFile | null> {
  if (useDefault) return fc.constant(null);
  return fc
    .constantFrom<"yaml" | "json">("yaml", "yaml", "json")
    .chain((format) => scenarioPath(seed.name, format).map((path) => ({ path, content: { text: serialise(scenario, format) } })));
}

function nameOf(scenario: unknown, sets: readonly string[]): string | undefined {
  const name = valueAt(scenario, ["name"]);
  if (sets.some((s) => s.split("=")[0]?.trim() === "name")) return undefined;
  return typeof name === "string" && NAME.test(name) && name !== "." && name !== ".." ? name : undefined;
}

const COMMANDS = fc.oneof(
  { arbitrary: fc.constant<Command>("run"), weight: 45 },
  { arbitrary: fc.constant<Command>("validate"), weight: 20 },
  { arbitrary: fc.constant<Command>("explain"), weight: 15 },
  { arbitrary: fc.constant<Command>("sweep"), weight: 20 },
);

/** A generated case; every choice is drawn from fast-check, so a seed (and a path) replays it exactly. */
export function fuzzCase(options: GeneratorOptions): fc.Arbitrary<FuzzCase> {
  const origin = fc.oneof(
    { arbitrary: fc.constant<FuzzCase["origin"]>("valid"), weight: 35 },
    { arbitrary: fc.constant<FuzzCase["origin"]>("mutation"), weight: 40 },
    { arbitrary: fc.constant<FuzzCase["origin"]>("flags"), weight: 12 },
    { arbitrary: fc.constant<FuzzCase["origin"]>("file"), weight: 13 },
  );
  // The kitchen-sink scenarios hold the fields no shipped scenario has: drawn three times as often.
  const seed = fc.oneof(...seeds().map((s) => ({ arbitrary: fc.constant(s), weight: s.name.startsWith("kitchen-sink") ? 3 : 1 })));
  const cases = fc.tuple(origin, seed, COMMANDS).chain(([kind, seed, command]) => {
    // validate and sweep need a file; run and explain take the embedded default when none is given.
    const useDefault = seed.name === "default" && (command === "run" || command === "explain") && kind !== "file";
    return fc.constantFrom(...DURATIONS[command]).chain((duration) => {
      const base = shortened(seed, duration);
      if (kind === "file") return fileCase(seed, base, command, options);
      if (kind === "mutation") return mutationCase(seed, base, command, useDefault, options);
      return validCase(seed, base, command, useDefault, kind === "flags", options);
    });
  });
  // Sometimes the default output directory already exists: an earlier run there may be replaced, a folder of the
  // user's that happens to have that name may not.
  return cases
    .chain((c) =>
      c.name === undefined
        ? fc.constant(c)
        : fc
            .constantFrom<FuzzCase["occupied"]>(undefined, undefined, undefined, undefined, "run", "user")
            .map((occupied) => (occupied ? { ...c, occupied } : c)),
    )
    .filter((c) => options.devZero || !readsDevZero(c))
    .map(printable);
}

/** fast-check prints a failing case with describeCase (a 1 MB value shortened), not as a raw object. */
function printable(c: FuzzCase): FuzzCase {
  return Object.defineProperty({ ...c }, fc.toStringMethod, { value: () => describeCase(c), enumerable: false });
}

function validCase(seed: Seed, base: unknown, command: Command, useDefault: boolean, hostile: boolean, options: GeneratorOptions): fc.Arbitrary<FuzzCase> {
  const via = useDefault ? fc.constant<"set">("set") : fc.constantFrom<"file" | "set">("file", "set");
  const edits = fc.array(validEdit(base), { maxLength: 2 }).map((es) => es.filter((e): e is Edit => e !== null));
  const hostileSet = fc.oneof(fc.constantFrom(...KNOWN_HAZARDS), fc.constantFrom(...HOSTILE_SETS));
  const hostileSets = hostile ? fc.array(hostileSet, { minLength: 1, maxLength: 2 }) : fc.constant([] as string[]);
  return fc.tuple(edits, via, hostileSets).chain(([es, v, extra]) => {
    const placed = place(base, es, v);
    const sets = [...placed.sets, ...extra];
    return scenarioFile(seed, placed.scenario, useDefault).chain((file) =>
      commandFlags(command, file, placed.scenario, options, hostile).map((flags): FuzzCase => {
        const name = nameOf(placed.scenario, sets);
        return {
          origin: hostile ? "flags" : "valid",
          seed: seed.name,
          command,
          scenario: file,
          flags: [...sets.flatMap((s) => ["--set", s]), ...flags],
          ...(name ? { name } : {}),
        };
      }),
    );
  });
}

function mutationCase(seed: Seed, base: unknown, command: Command, useDefault: boolean, options: GeneratorOptions): fc.Arbitrary<FuzzCase> {
  const via = useDefault ? fc.constant<"set">("set") : fc.constantFrom<"file" | "set">("file", "set");
  return via.chain((v) =>
    mutation(base, v).chain((m) => {
      const placed = place(base, [m], v);
      return scenarioFile(seed, placed.scenario, useDefault).chain((file) =>
        // No --vary: the mutation stays the one field changed, so the refusal must name it.
        commandFlags(command, file, placed.scenario, options, false, false).map((flags): FuzzCase => {
          const name = nameOf(placed.scenario, placed.sets);
          return {
            origin: "mutation",
            seed: seed.name,
            command,
            scenario: file,
            flags: [...placed.sets.flatMap((s) => ["--set", s]), ...flags],
            mutation: { path: m.path.join("."), via: v, what: m.what },
            ...(name && m.path[0] !== "name" ? { name } : {}),
          };
        }),
      );
    }),
  );
}

function fileCase(seed: Seed, base: unknown, command: Command, options: GeneratorOptions): fc.Arbitrary<FuzzCase> {
  const name = nameOf(base, []) ?? seed.name;
  return oddFile(base as Record<string, unknown>, name).chain((odd) =>
    commandFlags(command, odd.file, base, options, false).map(
      (flags): FuzzCase => ({
        origin: "file",
        seed: `${seed.name}: ${odd.what}`,
        command,
        scenario: odd.file,
        flags,
        ...(odd.name ? { name: odd.name } : {}),
      }),
    ),
  );
}

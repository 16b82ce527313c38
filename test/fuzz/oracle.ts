// The fuzz oracle: the CLI's contract for any input (issue 11), checked on one case's outcome.
//  1. exit 0 or 2; never 1, a signal, an exception out of runCli, a hang or exhausted memory;
//  2. exit 2 says why in a message naming the file (or the flag), and the field a single mutation changed; no
//     stack frame, JavaScript error name, "[object Object]" or zod "Invalid input", no line over 1,000 characters;
//  3. `validate` refuses exactly what `run` refuses (same scenario, same --set);
//  4. nothing changes outside the output directory the command names, the user's files never, and nothing at
//     all for validate, explain or a refused command;
//  5. the built-in prototypes are left alone.
import { relative, resolve } from "node:path";
import { argvOf, type FuzzCase } from "./fuzz-case.js";
import { type Outcome } from "./outcome.js";
import { WORK } from "./sandbox.js";

export type Check = "exit" | "hang" | "memory" | "message" | "field" | "validate-run" | "files" | "prototype";

export interface Violation {
  check: Check;
  /** What went wrong, in words that stay the same across cases of the same cause (for grouping). */
  summary: string;
  /** This case's specifics: the message, the paths. */
  detail: string;
}

export interface Observation {
  fuzzCase: FuzzCase;
  outcome: Outcome;
  /** Paths (relative to the sandbox root) that existed before the command ran. */
  before: ReadonlySet<string>;
  /** Paths added, removed or changed by the command; null when the sandbox could not be read afterwards. */
  changed: readonly string[] | null;
  userOwned: ReadonlySet<string>;
  /** The command's working directory (messages may name the scenario by its absolute path). */
  work: string;
  /** The same scenario and --set words under `validate`, run first (run cases with a scenario file). */
  validate?: Outcome;
}

export const MAX_LINE = 1000;

/** Text that only a crash, a leaked exception or an unhelpful message puts on the terminal. */
const JUNK: readonly [RegExp, string][] = [
  [/^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m, "a stack frame"],
  [/\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|InternalError|AggregateError)\b/, "a JavaScript error name"],
  [/Cannot read propert/, '"Cannot read properties"'],
  [/undefined is not/, '"undefined is not"'],
  [/is not a function/, '"is not a function"'],
  [/Maximum call stack/, '"Maximum call stack"'],
  [/\[object Object\]/, '"[object Object]"'],
  [/Invalid input/, 'zod\'s generic "Invalid input"'],
];

/** A refusal about a flag (commander's usage errors, --out, --run), not about the scenario. */
/** A refusal of a flag or of the output directory, not of the scenario: validate, which writes nothing, has no part in it. */
function isFlagRefusal(stderr: string): boolean {
  return /^(error: |sqs-sim: --(out|run)\b|sqs-sim: the default output directory )/m.test(stderr);
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf("\n", index) + 1;
  const end = text.indexOf("\n", index);
  const line = text.slice(start, end < 0 ? undefined : end);
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function flagValue(flags: readonly string[], name: string): string | undefined {
  const i = flags.lastIndexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
}

/** How a message names the scenario: as typed, resolved (runs whose cwd is not the process's), or the default. */
function scenarioNames(c: FuzzCase, work: string): string[] {
  return c.scenario ? [c.scenario.path, resolve(work, c.scenario.path)] : ["<default scenario>"];
}

/** How a message names a flag: the flag, or the output directory (given to --out or --run, or the default). */
function flagNames(c: FuzzCase): string[] {
  const dirs = [flagValue(c.flags, "--out"), flagValue(c.flags, "--run")].filter((d): d is string => d !== undefined && d.trim() !== "");
  const byDefault = c.name === undefined ? "reports/" : `reports/${c.command === "sweep" ? `${c.name}-sweep` : c.name}`;
  return ["--set", "--out", "--vary", "--seed", "--run", "--replications", "-n ", "--workers", "--slo", "--shard", ...dirs, byDefault];
}

function checkExit(o: Outcome): Violation[] {
  if (o.hang) return [{ check: "hang", summary: "did not finish within the wall-time limit", detail: `stopped after ${Math.round(o.wallMs)} ms` }];
  if (o.memory !== undefined) return [{ check: "memory", summary: "exceeded the memory bound", detail: o.memory }];
  if (o.threw !== undefined) return [{ check: "exit", summary: `threw out of runCli: ${firstLine(o.threw).replace(/\d+/g, "N")}`, detail: o.threw }];
  if (o.signal !== undefined) return [{ check: "exit", summary: `killed by ${o.signal}`, detail: firstLine(o.stderr) }];
  if (o.exitCode !== 0 && o.exitCode !== 2) {
    return [{ check: "exit", summary: `exit ${o.exitCode}: ${normalise(firstLine(o.stderr))}`, detail: o.stderr }];
  }
  return [];
}

function checkMessages(c: FuzzCase, o: Outcome, work: string): Violation[] {
  const out: Violation[] = [];
  for (const [stream, text] of [
    ["stderr", o.stderr],
    ["stdout", o.stdout],
  ] as const) {
    for (const [pattern, what] of JUNK) {
      const match = pattern.exec(text);
      if (match) out.push({ check: "message", summary: `${stream} shows ${what}`, detail: lineAt(text, match.index) });
    }
  }
  const long = o.stderr.split("\n").find((l) => l.length > MAX_LINE);
  if (long !== undefined)
    out.push({
      check: "message",
      summary: `a stderr line is over ${MAX_LINE} characters`,
      detail: `${long.length.toLocaleString("en-US")} characters: ${long.slice(0, 120)}…`,
    });
  if (o.exitCode !== 2) return out;
  if (o.stderr.trim() === "") return [...out, { check: "message", summary: "exit 2 with nothing on stderr", detail: "" }];
  const aboutScenario = scenarioNames(c, work).some((n) => o.stderr.includes(n));
  if (!aboutScenario && !flagNames(c).some((n) => o.stderr.includes(n)) && !/^error: /m.test(o.stderr)) {
    out.push({ check: "message", summary: "exit 2 without naming the file or the flag", detail: firstLine(o.stderr) });
  }
  // A refusal of the output directory, say, is not about the mutation (which may even be a valid value).
  if (c.mutation && aboutScenario && !isFlagRefusal(o.stderr) && !namesField(o.stderr, c.mutation.path)) {
    out.push({
      check: "field",
      summary: `the refusal does not name the changed field`,
      detail: `${c.mutation.path} (${c.mutation.what}): ${firstLine(o.stderr)}`,
    });
  }
  return out;
}

const PATH_IN_TEXT = /[A-Za-z_$][\w$]*(?:\.[\w$-]*)+/g;

// Fields checked against each other: a bad value in one may be reported at the other (the refusal still says why).
const RELATED: readonly [RegExp, RegExp][] = [
  [/^queue\.maxMessageSize$/, /^producers\.\d+\.messageSize/],
  [/^queue\.type$/, /^(queue\.|producers\.\d+\.delay)/],
  [/^cloudwatch\.period$/, /^fleet\.policies\.\d+\.\w+\.alarm\.period$/],
  [/^fleet\.instanceType$/, /^instanceTypes\./],
  [/^fleet\.kind$/, /^fleet\./],
  [/^fleet\.(min|max|desired)$/, /^fleet\.(min|max|desired)$/],
  // Load that the fleet cannot hold is refused at the limit it would break, whatever field made it.
  [/./, /^limits\.maxStoredMessages$/],
];

function related(a: string, b: string): boolean {
  return RELATED.some(([x, y]) => (x.test(a) && y.test(b)) || (x.test(b) && y.test(a)));
}

/** Whether a message names the field, a field on its way (a parent, a child, a sibling) or one checked with it. */
export function namesField(stderr: string, field: string): boolean {
  // A syntax error is the file's, not a field's: at a line and column, or (JSON without a position) quoted.
  if (/^[^\n:]+:\d+:\d+: /m.test(stderr) || / invalid JSON: /.test(stderr)) return true;
  const parts = field.split(".");
  const parent = parts.slice(0, -1).join(".");
  for (const line of stderr.split("\n")) {
    // The dotted path follows the file name: "<file>: queue.visibilityTimeout: ..." (a file name may hold dots too).
    for (const match of line.matchAll(PATH_IN_TEXT)) {
      // A sentence's full stop is not part of the path (an empty key's is: "queue.: unknown key").
      for (const p of new Set([match[0], match[0].replace(/\.+$/, "")])) {
        if (p === field || p.startsWith(`${field}.`) || (p.includes(".") && field.startsWith(`${p}.`))) return true;
        if (parent !== "" && p.split(".").slice(0, -1).join(".") === parent) return true;
        if (related(field, p)) return true;
      }
    }
    // The field or a parent in the "<file>: <path>: ..." position, a top-level key included ("cloudwatch: ...").
    if (parts.some((_, i) => line.includes(`: ${parts.slice(0, i + 1).join(".")}: `))) return true;
  }
  return false;
}

function checkValidateRun(o: Outcome, v: Outcome | undefined): Violation[] {
  if (v === undefined || (v.exitCode !== 0 && v.exitCode !== 2) || (o.exitCode !== 0 && o.exitCode !== 2)) return [];
  const runRefusesScenario = o.exitCode === 2 && !isFlagRefusal(o.stderr);
  if (v.exitCode === 0 && runRefusesScenario) return [{ check: "validate-run", summary: "validate says ok, run refuses", detail: firstLine(o.stderr) }];
  if (v.exitCode === 2 && o.exitCode === 0) return [{ check: "validate-run", summary: "validate refuses, run accepts", detail: firstLine(v.stderr) }];
  return [];
}

/** The output directory a successful command may write, relative to the sandbox root; undefined: any reports/<x>. */
function outputDir(c: FuzzCase): string | undefined {
  const out = flagValue(c.flags, "--out");
  if (out !== undefined) return relative("/sandbox", resolve("/sandbox", WORK, out));
  if (c.name === undefined) return undefined;
  return `${WORK}/reports/${c.command === "sweep" ? `${c.name}-sweep` : c.name}`;
}

function inside(path: string, dir: string): boolean {
  return dir === "" || path === dir || path.startsWith(`${dir}/`);
}

function checkFiles(obs: Observation): Violation[] {
  const { fuzzCase: c, outcome: o, changed } = obs;
  if (changed === null) return [{ check: "files", summary: "the sandbox could not be read afterwards", detail: "" }];
  if (changed.length === 0) return [];
  const list = (paths: readonly string[]): string => paths.slice(0, 6).join(", ") + (paths.length > 6 ? `, … (${paths.length} in all)` : "");
  const out: Violation[] = [];
  const mine = changed.filter((p) => obs.userOwned.has(p));
  if (mine.length > 0) out.push({ check: "files", summary: `${c.command} changed or removed the user's files`, detail: list(mine) });
  if (c.command === "validate" || c.command === "explain" || o.exitCode !== 0) {
    out.push({ check: "files", summary: `${c.command} with exit ${o.exitCode ?? "none"} changed files`, detail: list(changed) });
    return out;
  }
  const dir = outputDir(c);
  const allowed = (p: string): boolean => {
    if (dir !== undefined) return inside(p, dir) || (dir.startsWith(`${p}/`) && !obs.before.has(p));
    const reports = `${WORK}/reports`;
    return p === reports || p.startsWith(`${reports}/`);
  };
  const outside = changed.filter((p) => !allowed(p));
  if (dir === undefined) {
    const children = new Set(changed.filter((p) => p.startsWith(`${WORK}/reports/`)).map((p) => p.split("/")[2]));
    if (children.size > 1) out.push({ check: "files", summary: `${c.command} wrote more than one directory under reports/`, detail: [...children].join(", ") });
  }
  if (outside.length > 0)
    out.push({ check: "files", summary: `${c.command} wrote outside its output directory`, detail: `${dir ?? `${WORK}/reports/<name>`}: ${list(outside)}` });
  return out;
}

function checkPrototypes(o: Outcome): Violation[] {
  return o.prototypeChanges.length === 0 ? [] : [{ check: "prototype", summary: "changed a built-in prototype", detail: o.prototypeChanges.join(", ") }];
}

export function judge(obs: Observation): Violation[] {
  const { fuzzCase: c, outcome: o, work } = obs;
  const violations = [...checkExit(o), ...checkMessages(c, o, work), ...checkValidateRun(o, obs.validate), ...checkFiles(obs), ...checkPrototypes(o)];
  if (obs.validate) {
    const paired: FuzzCase = { ...c, command: "validate" };
    const own = [...checkExit(obs.validate), ...checkMessages(paired, obs.validate, work), ...checkPrototypes(obs.validate)];
    violations.push(...own.map((v) => ({ ...v, summary: `(validate) ${v.summary}` })));
  }
  return violations;
}

/** Digits, quoted text and temporary paths out, so that cases of the same cause share a summary. */
export function normalise(text: string): string {
  return text
    .replace(/\/tmp\/\S+|\/[\w./-]+\/sqs-sim-fuzz-\S+/g, "<tmp>")
    .replace(/"[^"]*"|'[^']*'/g, "<q>")
    .replace(/\d+(\.\d+)?/g, "N")
    .slice(0, 160);
}

/** One line per violation, for a failure message. */
export function describeViolations(c: FuzzCase, violations: readonly Violation[]): string {
  return [
    `sqs-sim ${argvOf(c).join(" ").slice(0, 300)}`,
    ...violations.map((v) => `  [${v.check}] ${v.summary}${v.detail ? `: ${v.detail.split("\n").slice(0, 8).join("\n      ")}` : ""}`),
  ].join("\n");
}

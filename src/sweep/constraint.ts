// Constraints on a sweep's parameters: `--constraint fleet.max<=5` marks every cell whose fleet.max is above 5 as
// infeasible, whatever its figures. For a limit that is known before anything runs (the database takes 5 instances'
// writes, the budget allows 20 instances), where an SLO would have to be read off a simulated figure.
import { clip, FLAG_LIMIT, quote } from "../engine/quote.js";
import { parseDuration, UnitError } from "../engine/units.js";
import { type VaryDimension } from "./vary.js";

export type ConstraintOp = "<=" | "<" | ">=" | ">" | "=";

export interface Constraint {
  /** As recorded in sweep.json: `<path><op><value>`, without spaces. */
  text: string;
  /** A --vary path, as recorded there. */
  path: string;
  op: ConstraintOp;
  value: string;
}

const EXPRESSION = /^\s*([^<>=\s][^<>=]*?)\s*(<=|>=|==|<|>|=)\s*(.*?)\s*$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A parameter's value as a number to compare: a plain number as it is, a duration in seconds (so `30s` < `2m`), or
 * null when it is neither (an instance type's name, a YAML value), which only `=` compares, as text.
 */
function magnitude(text: string): number | null {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  try {
    return parseDuration(t);
  } catch (e) {
    if (!(e instanceof UnitError)) throw e;
    return null;
  }
}

/** Whether a parameter value meets the constraint (values checked comparable when the constraint was parsed). */
export function allows(c: Constraint, value: string): boolean {
  const x = magnitude(value);
  const limit = magnitude(c.value);
  if (x === null || limit === null) return c.op === "=" && value.trim() === c.value;
  switch (c.op) {
    case "<=":
      return x <= limit;
    case "<":
      return x < limit;
    case ">=":
      return x >= limit;
    case ">":
      return x > limit;
    case "=":
      return x === limit;
  }
}

/** Parses one --constraint against the varied paths; a problem comes back as a sentence naming the expression. */
export function parseConstraint(text: string, vary: readonly VaryDimension[]): Constraint | string {
  const bad = (why: string): string => `--constraint ${quote(text, FLAG_LIMIT)}: ${why}`;
  const m = EXPRESSION.exec(text);
  if (m === null) return bad("expected <path><op><value>, e.g. fleet.max<=5, with op one of <=, <, >=, >, =");
  const [, path = "", opText = "", value = ""] = m;
  const op: ConstraintOp = opText === "==" ? "=" : (opText as ConstraintOp);
  if (value === "") return bad("the value is missing");
  const dimension = vary.find((d) => d.path === path);
  if (dimension === undefined) {
    const varied = vary.length === 0 ? "no path is varied" : `the varied paths: ${clip(vary.map((d) => d.path).join(", "), FLAG_LIMIT)}`;
    return bad(`${clip(path)} is not varied, so the constraint would hold for every cell or none; a constraint applies to a --vary path (${varied})`);
  }
  if (op !== "=") {
    if (magnitude(value) === null) return bad(`${quote(value)} is neither a number nor a duration; only = compares other values`);
    const other = dimension.values.find((v) => magnitude(v) === null);
    if (other !== undefined) return bad(`${clip(path)} takes ${quote(other)}, neither a number nor a duration; only = compares it`);
  }
  return { text: `${path}${op}${value.replace(/\s+/g, "")}`, path, op, value };
}

/** Parses every --constraint: the constraints, or one error line per bad one. A repeated constraint is an error. */
export function parseConstraints(texts: readonly string[], vary: readonly VaryDimension[]): { constraints: Constraint[]; errors: string[] } {
  const constraints: Constraint[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const c = parseConstraint(text, vary);
    if (typeof c === "string") errors.push(c);
    else if (seen.has(c.text)) errors.push(`--constraint ${quote(text, FLAG_LIMIT)}: given twice`);
    else {
      seen.add(c.text);
      constraints.push(c);
    }
  }
  return { constraints, errors };
}

/** Parses constraints already checked (sweep.json, results.json); throws on a bad one. */
export function constraintList(texts: readonly string[], vary: readonly VaryDimension[]): Constraint[] {
  const { constraints, errors } = parseConstraints(texts, vary);
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return constraints;
}

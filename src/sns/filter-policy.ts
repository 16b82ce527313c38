// An SNS subscription filter policy (aws-behaviour 13.16-13.18, 13.21), read from the scenario's plain data
// (`{ eventType: [order_placed] }`) and compiled once into a matcher that runs per published message.
// Scope: MessageAttributes only (13.16, the default). Payload filtering (MessageBody), IP/CIDR matching and wildcards
// are not modelled; a policy that asks for them is refused with a message saying so, never silently accepted.
import { quote } from "../engine/quote.js";
import {
  type AndNode,
  type KeyConditions,
  type ValueTest,
  anythingButPrefixTest,
  anythingButSuffixTest,
  anythingButTest,
  equalsIgnoreCaseTest,
  nodeMatches,
  numericTest,
  prefixTest,
  suffixTest,
} from "./filter-conditions.js";
import { type AttributeLookup } from "./message-attributes.js";

/** At most 5 keys (attribute names) per policy (13.18). Our reading: counted over the whole policy, `$or` included. */
export const MAX_FILTER_POLICY_KEYS = 5;
/** At most 150 combinations: the product of the values per key, summed over `$or` branches (13.18). */
export const MAX_FILTER_POLICY_COMBINATIONS = 150;
/** Numbers in a policy run from -10^9 to 10^9 (13.18). */
export const MAX_FILTER_POLICY_NUMBER = 1e9;

/** Where in the policy a problem is (`["eventType", 0]`), so the scenario loader can prefix the field's path. */
export interface PolicyProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type FilterMatcher = (attributes: AttributeLookup) => boolean;

export type CompiledFilterPolicy =
  | { readonly ok: true; readonly matches: FilterMatcher; readonly keys: readonly string[]; readonly combinations: number }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

const OPERATORS = ["anything-but", "prefix", "suffix", "equals-ignore-case", "numeric", "exists"];
const NOT_MODELLED: Record<string, string> = {
  cidr: "IP address (cidr) matching is not modelled",
  wildcard: "wildcard matching is not modelled",
};
const OR = "$or";

/** Validates a policy and compiles it into a matcher, or returns every problem found. */
export function compileFilterPolicy(policy: unknown, scope: FilterPolicyScope = "MessageAttributes"): CompiledFilterPolicy {
  if (scope === "MessageBody") {
    return { ok: false, problems: [{ path: [], message: "payload filtering (filterPolicyScope MessageBody) is not modelled; filter on message attributes" }] };
  }
  const problems: PolicyProblem[] = [];
  const keys = new Set<string>();
  const node = readNode(policy, [], problems, keys);
  if (problems.length > 0 || node === undefined) return { ok: false, problems };
  if (keys.size > MAX_FILTER_POLICY_KEYS) {
    const names = [...keys].map((k) => quote(k)).join(", ");
    problems.push({ path: [], message: `has ${keys.size} keys (${names}); a filter policy takes at most ${MAX_FILTER_POLICY_KEYS} (aws-behaviour 13.18)` });
  }
  const combinations = node.combinations;
  if (combinations > MAX_FILTER_POLICY_COMBINATIONS) {
    problems.push({
      path: [],
      message: `has ${combinations} combinations (the number of values per key multiplied, $or branches added); at most ${MAX_FILTER_POLICY_COMBINATIONS} (aws-behaviour 13.18)`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const root = node.node;
  return { ok: true, matches: (attributes) => nodeMatches(root, attributes), keys: [...keys], combinations };
}

interface ReadNode {
  node: AndNode;
  combinations: number;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readNode(policy: unknown, path: (string | number)[], problems: PolicyProblem[], keys: Set<string>): ReadNode | undefined {
  if (!isMapping(policy)) {
    problems.push({ path, message: "must be a mapping of attribute names to lists of conditions, e.g. { eventType: [order_placed] }" });
    return undefined;
  }
  const keyConditions: KeyConditions[] = [];
  let combinations = 1;
  let anyOf: AndNode[] = [];
  for (const [key, value] of Object.entries(policy)) {
    if (key === OR) {
      const branches = readOr(value, [...path, OR], problems, keys);
      if (branches !== undefined) {
        anyOf = branches.map((b) => b.node);
        combinations *= branches.reduce((sum, b) => sum + b.combinations, 0);
      }
      continue;
    }
    keys.add(key);
    const conditions = readKey(key, value, [...path, key], problems);
    if (conditions !== undefined) {
      keyConditions.push(conditions.conditions);
      combinations *= conditions.count;
    }
  }
  return { node: { keys: keyConditions, anyOf }, combinations };
}

// `$or` is a list of at least two policies, one of which must match (13.17). AWS reads a `$or` that is not such a list
// as an attribute named "$or"; the model refuses it instead, since a scenario that writes `$or` means the operator.
function readOr(value: unknown, path: (string | number)[], problems: PolicyProblem[], keys: Set<string>): ReadNode[] | undefined {
  if (!Array.isArray(value) || value.length < 2 || !value.every(isMapping)) {
    problems.push({ path, message: 'must be a list of at least two policies, e.g. [ { eventType: [order_placed] }, { amount: [{ numeric: [">", 100] }] } ]' });
    return undefined;
  }
  const branches = value.map((branch, i) => readNode(branch, [...path, i], problems, keys));
  return branches.every((b) => b !== undefined) ? (branches as ReadNode[]) : undefined;
}

interface MutableConditions {
  key: string;
  strings: Set<string>;
  numbers: Set<number>;
  tests: ValueTest[];
  matchesMissing: boolean;
  matchesAnyPresent: boolean;
}

function readKey(key: string, value: unknown, path: (string | number)[], problems: PolicyProblem[]): { conditions: KeyConditions; count: number } | undefined {
  if (isMapping(value)) {
    problems.push({ path, message: "a nested policy is not accepted when filtering on message attributes (aws-behaviour 13.16); give a list of conditions" });
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push({ path, message: `must be a list of conditions, e.g. [${typeof value === "string" ? value : "order_placed"}]` });
    return undefined;
  }
  if (value.length === 0) {
    problems.push({ path, message: "needs at least one condition" });
    return undefined;
  }
  const c: MutableConditions = { key, strings: new Set(), numbers: new Set(), tests: [], matchesMissing: false, matchesAnyPresent: false };
  const before = problems.length;
  value.forEach((condition, i) => readCondition(condition, c, [...path, i], problems));
  if (problems.length > before) return undefined;
  return { conditions: c, count: value.length };
}

function readCondition(condition: unknown, c: MutableConditions, path: (string | number)[], problems: PolicyProblem[]): void {
  const problem = (message: string) => problems.push({ path, message });
  if (typeof condition === "string") {
    c.strings.add(condition);
    return;
  }
  if (typeof condition === "number") {
    const bad = numberProblem(condition);
    if (bad !== undefined) problem(bad);
    else c.numbers.add(condition);
    return;
  }
  if (typeof condition === "boolean" || condition === null) {
    problem(`${String(condition)} as a value is not modelled; quote it ("${String(condition)}") to match the text`);
    return;
  }
  if (Array.isArray(condition)) {
    problem("a condition cannot be a list; list the values directly under the key");
    return;
  }
  const entries = Object.entries(condition as Record<string, unknown>);
  if (entries.length !== 1) {
    problem(`a condition is a value or a one-key operator mapping such as { prefix: order_ }; got ${entries.length} keys`);
    return;
  }
  const [operator, operand] = entries[0]!;
  const notModelled = NOT_MODELLED[operator];
  if (notModelled !== undefined) {
    problem(notModelled);
    return;
  }
  const bad = readOperator(operator, operand, c);
  if (bad !== undefined) problem(bad);
}

/** Adds one operator's test to the key; returns a problem instead when the operand is wrong. */
function readOperator(operator: string, operand: unknown, c: MutableConditions): string | undefined {
  switch (operator) {
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      if (typeof operand !== "string") return `${operator} takes text, e.g. { ${operator}: order_ }; got ${describe(operand)}`;
      c.tests.push(operator === "prefix" ? prefixTest(operand) : operator === "suffix" ? suffixTest(operand) : equalsIgnoreCaseTest(operand));
      return undefined;
    case "exists":
      if (typeof operand !== "boolean") return `exists takes true or false; got ${describe(operand)}`;
      if (operand) c.matchesAnyPresent = true;
      else c.matchesMissing = true;
      return undefined;
    case "anything-but":
      return readAnythingBut(operand, c);
    case "numeric":
      return readNumeric(operand, c);
    default:
      return `unknown operator ${quote(operator)}; known: ${OPERATORS.join(", ")}`;
  }
}

function readAnythingBut(operand: unknown, c: MutableConditions): string | undefined {
  if (isMapping(operand)) {
    const entries = Object.entries(operand);
    const [inner, text] = entries[0] ?? [];
    if (entries.length !== 1 || (inner !== "prefix" && inner !== "suffix")) {
      return "anything-but takes a value, a list of values, { prefix: <text> } or { suffix: <text> }";
    }
    if (typeof text !== "string") return `anything-but's ${inner} takes text; got ${describe(text)}`;
    c.tests.push(inner === "prefix" ? anythingButPrefixTest(text) : anythingButSuffixTest(text));
    return undefined;
  }
  const values = Array.isArray(operand) ? operand : [operand];
  if (values.length === 0) return "anything-but needs at least one value";
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const v of values) {
    if (typeof v === "string") strings.add(v);
    else if (typeof v === "number") {
      const bad = numberProblem(v);
      if (bad !== undefined) return `anything-but: ${bad}`;
      numbers.add(v);
    } else return `anything-but takes text or numbers; got ${describe(v)}`;
  }
  c.tests.push(anythingButTest(strings, numbers));
  return undefined;
}

const LOWER = new Set([">", ">="]);
const UPPER = new Set(["<", "<="]);
const NUMERIC_HINT = 'numeric takes ["=", 5], [">", 0], ["<=", 5] or a range such as [">", 0, "<=", 5]';

// numeric (13.17): one comparison, or a lower and an upper bound, lower first. AWS refuses a range whose bottom is not
// below its top; so does the model.
function readNumeric(operand: unknown, c: MutableConditions): string | undefined {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) return NUMERIC_HINT;
  for (let i = 1; i < operand.length; i += 2) {
    const n = operand[i];
    if (typeof n !== "number") return `${NUMERIC_HINT}; ${describe(n)} is not a number`;
    const bad = numberProblem(n);
    if (bad !== undefined) return `numeric: ${bad}`;
  }
  const [op1, n1, op2, n2] = operand as [unknown, number, unknown, number];
  if (operand.length === 2) {
    if (op1 === "=") c.tests.push(numericTest(n1, true, n1, true));
    else if (op1 === ">" || op1 === ">=") c.tests.push(numericTest(n1, op1 === ">=", Infinity, false));
    else if (op1 === "<" || op1 === "<=") c.tests.push(numericTest(-Infinity, false, n1, op1 === "<="));
    else return `${NUMERIC_HINT}; ${describe(op1)} is not one of =, <, <=, >, >=`;
    return undefined;
  }
  if (!LOWER.has(op1 as string) || !UPPER.has(op2 as string))
    return `a numeric range is a lower bound (> or >=) then an upper bound (< or <=); ${NUMERIC_HINT}`;
  if (!(n1 < n2)) return `a numeric range's lower bound (${n1}) must be below its upper bound (${n2})`;
  c.tests.push(numericTest(n1, op1 === ">=", n2, op2 === "<="));
  return undefined;
}

function numberProblem(n: number): string | undefined {
  if (!Number.isFinite(n)) return `${String(n)} is not a finite number`;
  if (Math.abs(n) > MAX_FILTER_POLICY_NUMBER) return `${n} is outside -1e9 to 1e9, the range SNS compares (aws-behaviour 13.18)`;
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return quote(v);
  return String(v);
}

// The compiled form of one key of a filter policy (aws-behaviour 13.17): what a message's value must be for the key to
// match. Built once per subscription by filter-policy.ts; run once per published message, so a test is a small
// closure over prepared data and allocates nothing.
import { type ArrayElement, type AttributeLookup, type AttributeValue } from "./message-attributes.js";

/** One condition of a key's list, applied to one value (a String, a Number, or one element of a String.Array). */
export type ValueTest = (value: ArrayElement) => boolean;

/** Everything one key asks, OR-ed: exact values, operator tests, and what `exists` says about a missing attribute. */
export interface KeyConditions {
  readonly key: string;
  /** Exact strings (aws-behaviour 13.17 exact match; case-sensitive, 13.18). */
  readonly strings: ReadonlySet<string>;
  /** Exact numbers (13.17 numeric exact). */
  readonly numbers: ReadonlySet<number>;
  readonly tests: readonly ValueTest[];
  /** `{ exists: false }` is among the conditions: a missing attribute matches. */
  readonly matchesMissing: boolean;
  /** `{ exists: true }` is among the conditions: any present attribute matches. */
  readonly matchesAnyPresent: boolean;
}

function valueMatches(c: KeyConditions, v: ArrayElement): boolean {
  if (typeof v === "string") {
    if (c.strings.has(v)) return true;
  } else if (c.numbers.has(v)) return true;
  const tests = c.tests;
  for (let i = 0; i < tests.length; i++) if (tests[i]!(v)) return true;
  return false;
}

/**
 * Whether one key matches a message's attribute. A missing attribute matches only `exists: false`, and only when the
 * message has some attribute: "an empty set of attributes results in the filter not matching" (13.17). A Binary one
 * counts as missing, since SNS ignores Binary attributes (13.16). `exists: true` needs a non-empty value (an empty
 * String or String.Array does not count). A String.Array matches when any element does (13.16).
 */
export function keyMatches(c: KeyConditions, attribute: AttributeValue | undefined, messageHasAttributes: boolean): boolean {
  if (attribute === undefined || attribute.type === "Binary") return c.matchesMissing && messageHasAttributes;
  if (c.matchesAnyPresent && !isEmptyValue(attribute)) return true;
  if (attribute.type !== "String.Array") return valueMatches(c, attribute.value);
  const elements = attribute.value;
  for (let i = 0; i < elements.length; i++) if (valueMatches(c, elements[i]!)) return true;
  return false;
}

function isEmptyValue(attribute: AttributeValue): boolean {
  return (attribute.type === "String" && attribute.value === "") || (attribute.type === "String.Array" && attribute.value.length === 0);
}

/** A policy without `$or`: every key must match (AND across keys, 13.17). */
export interface AndNode {
  readonly keys: readonly KeyConditions[];
  /** The `$or` branches at this level, one of which must match too; empty when there is no `$or`. */
  readonly anyOf: readonly AndNode[];
}

export function nodeMatches(node: AndNode, attributes: AttributeLookup): boolean {
  return nodeMatchesWith(node, attributes, attributes.size > 0);
}

function nodeMatchesWith(node: AndNode, attributes: AttributeLookup, messageHasAttributes: boolean): boolean {
  const keys = node.keys;
  for (let i = 0; i < keys.length; i++) if (!keyMatches(keys[i]!, attributes.get(keys[i]!.key), messageHasAttributes)) return false;
  const anyOf = node.anyOf;
  if (anyOf.length === 0) return true;
  for (let i = 0; i < anyOf.length; i++) if (nodeMatchesWith(anyOf[i]!, attributes, messageHasAttributes)) return true;
  return false;
}

// ---- the operators' tests (13.17) ----------------------------------------------------------------------------------

export const prefixTest =
  (prefix: string): ValueTest =>
  (v) =>
    typeof v === "string" && v.startsWith(prefix);

export const suffixTest =
  (suffix: string): ValueTest =>
  (v) =>
    typeof v === "string" && v.endsWith(suffix);

/**
 * Case-insensitive equality. ASCII letters are folded in place; a text with other characters falls back to
 * toLowerCase (which allocates, but such values are rare in a simulation).
 */
export function equalsIgnoreCaseTest(operand: string): ValueTest {
  const lower = operand.toLowerCase();
  return (v) => {
    if (typeof v !== "string" || v.length !== lower.length) return false;
    for (let i = 0; i < v.length; i++) {
      let c = v.charCodeAt(i);
      if (c >= 0x80) return v.toLowerCase() === lower;
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (c !== lower.charCodeAt(i)) return false;
    }
    return true;
  };
}

/**
 * anything-but a list: a value of a type the list holds that equals none of it. Our reading: a condition compares only
 * values of its own type (strings with strings, numbers with numbers), as exact matching does; AWS does not say what
 * anything-but of strings does with a Number attribute.
 */
export function anythingButTest(strings: ReadonlySet<string>, numbers: ReadonlySet<number>): ValueTest {
  const takesStrings = strings.size > 0;
  const takesNumbers = numbers.size > 0;
  return (v) => (typeof v === "string" ? takesStrings && !strings.has(v) : takesNumbers && !numbers.has(v));
}

export const anythingButPrefixTest =
  (prefix: string): ValueTest =>
  (v) =>
    typeof v === "string" && !v.startsWith(prefix);

export const anythingButSuffixTest =
  (suffix: string): ValueTest =>
  (v) =>
    typeof v === "string" && !v.endsWith(suffix);

/** A numeric range; an open side is ±Infinity. `=` is a range with both ends the same number, both inclusive. */
export function numericTest(lower: number, lowerInclusive: boolean, upper: number, upperInclusive: boolean): ValueTest {
  return (v) => typeof v === "number" && (lowerInclusive ? v >= lower : v > lower) && (upperInclusive ? v <= upper : v < upper);
}

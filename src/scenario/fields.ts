// Reusable zod field builders. Each one accepts the human form (or a bare number), converts units, and checks
// limits itself so the message can quote what the user wrote and name the limit ("13h is above the SQS maximum of
// 12h (43,200 s)"), which zod's generic checks cannot.
import { z } from "zod";
import { clip, quote } from "../engine/quote.js";
import {
  DURATION_PATTERN,
  SIZE_PATTERN,
  UnitError,
  formatBytes,
  formatDuration,
  formatSize,
  groupThousands,
  parseDuration,
  parseSize,
} from "../engine/units.js";
import { secondsToUs } from "../engine/time.js";
import { unknownKeyMessage } from "./suggest.js";

/** Joins the per-key messages of one `unrecognized_keys` issue; errors.ts splits them again (one line per key). */
export const KEY_SEPARATOR = "\u001f";

/** Marks a refused-but-planned value; errors.ts hides unknown-key noise next to such a field. */
export const NOT_SUPPORTED_YET = "not supported yet";

/** A strict object whose unknown-key issue carries a suggestion per key ("did you mean visibilityTimeout?"). */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? iss.keys.map((k) => unknownKeyMessage(k, known)).join(KEY_SEPARATOR) : undefined),
  });
}

/**
 * How a value appears in a message: strings quoted (a long one cut, with its length), null called out (an empty
 * YAML key gives null).
 */
export function describeValue(v: unknown): string {
  if (v === null) return "null (an empty value)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return quote(v);
  return String(v);
}

/** "<value> <problem>" ("5 is not a metric; …"), or "required" when there is no value: zod asks the same function. */
export function aboutValue(input: unknown, problem: string): string {
  return input === undefined ? "required" : `${describeValue(input)} ${problem}`;
}

/** Infinity (YAML .inf, 1e999 in JSON or YAML) and NaN (YAML .nan) are numbers to JavaScript, never to a scenario. */
export function isNonFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && !Number.isFinite(v);
}

/** The message for a number that is not finite. */
export function notFinite(v: number): string {
  return `${String(v)} is not a finite number`;
}

/** "expected <what>, got <value>", for a value of the wrong type (or none, or a number that is not finite). */
export function expectedMessage(input: unknown, what: string): string {
  if (input === undefined) return "required";
  if (isNonFiniteNumber(input)) return notFinite(input);
  return `expected ${what}, got ${describeValue(input)}`;
}

/** Where a limit comes from; "SQS" limits say so in the message, the others are the simulator's own. */
type Authority = "SQS" | "Auto Scaling" | "CloudWatch" | "Lambda" | undefined;

export interface Bounds {
  min?: number;
  max?: number;
  /** `min` itself is refused ("must be more than 0"). */
  minExclusive?: boolean;
  authority?: Authority;
}

interface UnitKind {
  parse: (v: string | number) => number;
  show: (raw: string | number) => string;
  limit: (n: number) => string;
  expected: string;
  pattern: string;
  /** Why a value the model cannot represent is refused, or undefined. */
  unrepresentable?: (n: number, raw: string | number, bounds: Bounds) => string | undefined;
}

/**
 * The longest duration any field takes: 10,000 days, past any run (366 days at most) and any time a message or an
 * instance can take, and short enough that a time in µs stays finite (1e305 s of processing made a busy time of
 * Infinity µs, and a utilisation of NaN) and exact (8.64e14 µs, below 2^53).
 */
export const MAX_DURATION_S = 10_000 * 86_400;

const DURATION: UnitKind = {
  parse: parseDuration,
  show: (raw) => (typeof raw === "number" ? formatDuration(raw, "seconds") : clip(raw.trim())),
  // Limits up to a minute read as AWS states them ("60s", not "1m"); longer ones in their shortest form ("12h").
  limit: (n) => `${n <= 60 && Number.isInteger(n) ? `${n}s` : formatDuration(n)} (${formatDuration(n, "seconds")})`,
  expected: "a duration such as 250ms, 30s, 5m, 6h or 4d",
  pattern: DURATION_PATTERN,
  // Simulated time is whole microseconds (engine/time.ts): a positive duration that rounds to 0 µs would silently
  // become 0, a heartbeat or a period of no length. Every duration field refuses it, whether or not 0 is allowed.
  unrepresentable: (n, raw, bounds) => {
    if (n > MAX_DURATION_S)
      return `${describeValue(raw)} is above the longest duration the simulator takes, ${formatDuration(MAX_DURATION_S)} (${formatDuration(MAX_DURATION_S, "seconds")})`;
    if (!(n > 0 && secondsToUs(n) === 0)) return undefined;
    // Reached only within the bounds, so a minimum is 0 here: inclusive (0 is a value) or exclusive (it is not).
    return `${describeValue(raw)} rounds to 0 µs, the simulator's time step; write ${bounds.minExclusive === true ? "" : "0s, or "}at least 0.000001s (1 µs)`;
  },
};

const SIZE: UnitKind = {
  parse: parseSize,
  show: (raw) => (typeof raw === "number" ? formatBytes(raw) : clip(raw.trim())),
  limit: (n) => `${formatSize(n)} (${formatBytes(n)})`,
  expected: "a size such as 512B, 64KiB or 1MiB",
  pattern: SIZE_PATTERN,
};

function boundsMessage(shown: string, n: number, b: Bounds, limit: (n: number) => string): string | undefined {
  const who = b.authority ? `${b.authority} ` : "";
  if (b.min !== undefined && (b.minExclusive ? n <= b.min : n < b.min)) {
    if (!b.minExclusive) return `${shown} is below the ${who}minimum of ${limit(b.min)}`;
    return `${shown} is too small: it must be more than ${b.min === 0 ? "0" : limit(b.min)}`;
  }
  if (b.max !== undefined && n > b.max) return `${shown} is above the ${who}maximum of ${limit(b.max)}`;
  return undefined;
}

function unitField(kind: UnitKind, bounds: Bounds) {
  return z
    .union([z.string().meta({ pattern: kind.pattern }), z.number()], {
      error: (iss) => expectedMessage(iss.input, kind.expected),
    })
    .transform((raw, ctx) => {
      let n: number;
      try {
        n = kind.parse(raw);
      } catch (e) {
        if (!(e instanceof UnitError)) throw e;
        ctx.addIssue({ code: "custom", message: e.message, input: raw });
        return z.NEVER;
      }
      const problem = boundsMessage(kind.show(raw), n, bounds, kind.limit) ?? kind.unrepresentable?.(n, raw, bounds);
      if (problem !== undefined) {
        ctx.addIssue({ code: "custom", message: problem, input: raw });
        return z.NEVER;
      }
      return n;
    });
}

/** A duration in seconds; accepts "30s", "5m", ... or a bare number of seconds. Negative values are always refused. */
export function duration(bounds: Bounds = {}) {
  return unitField(DURATION, { min: 0, ...bounds });
}

/** A size in bytes; accepts "64KiB", "1MiB", ... or a bare number of bytes. */
export function size(bounds: Bounds = {}) {
  return unitField(SIZE, { min: 0, ...bounds });
}

/** A whole number; `unit` (singular, plural) finishes limit messages ("10 entries per batch"). */
export function integer(bounds: Bounds & { unit?: readonly [string, string] } = {}) {
  let s = z.number();
  const { unit } = bounds;
  const limit = (n: number) => `${groupThousands(n)}${unit ? ` ${n === 1 ? unit[0] : unit[1]}` : ""}`;
  const check = (iss: { input: unknown }) => boundsMessage(describeValue(iss.input), Number(iss.input), bounds, limit);
  // The field's own bounds first, and alone: -1e300 is below the minimum, not also "not a whole number".
  if (bounds.min !== undefined) s = s.min(bounds.min, { error: check, abort: true });
  if (bounds.max !== undefined) s = s.max(bounds.max, { error: check, abort: true });
  return s.int({ error: (iss) => wholeNumberMessage(iss.input) });
}

/**
 * Why a number is not a whole number zod accepts: a fraction, or a whole number past 2^53 − 1, where doubles no
 * longer hold every whole number (9007199254740993 reads as …992), so it is refused as too large, with the limit.
 */
function wholeNumberMessage(input: unknown): string {
  if (typeof input === "number" && Number.isInteger(input)) {
    return `${describeValue(input)} is ${input < 0 ? "below the minimum of -" : "above the maximum of "}${groupThousands(Number.MAX_SAFE_INTEGER)} (2^53 − 1, past which numbers skip whole values)`;
  }
  return `${describeValue(input)} is not a whole number`;
}

/** A probability in [0, 1]. */
export function probability() {
  const error = (iss: { input: unknown }) => `${describeValue(iss.input)} is not a probability: use a number from 0 to 1`;
  return z.number().min(0, { error }).max(1, { error });
}

/** A rate in messages per second (≥ 0). */
export function rate() {
  return z.number().min(0, { error: (iss) => `${describeValue(iss.input)} is negative: a rate in messages per second must be ≥ 0` });
}

/** A plain number ≥ 0 (prices, scale factors). */
export function nonNegative() {
  return z.number().min(0, { error: (iss) => `${describeValue(iss.input)} is negative: it must be ≥ 0` });
}

/**
 * A price in US dollars, ≥ 0 and at most `max`: far above what AWS charges, and low enough that no cost the run adds
 * up (instance-seconds × price, requests × price) can overflow to Infinity, which a summary could not hold.
 */
export function price(max: number, per: string) {
  return nonNegative().max(max, { error: (iss) => `${describeValue(iss.input)} is above the maximum of ${groupThousands(max)} USD ${per}` });
}

/** A factor > 0 and at most `max` (a product of it stays finite). */
export function boundedFactor(max: number) {
  return positive().max(max, { error: (iss) => `${describeValue(iss.input)} is above the maximum of ${groupThousands(max)}` });
}

/** A plain number > 0. */
export function positive() {
  return z.number().gt(0, { error: (iss) => `${describeValue(iss.input)} must be more than 0` });
}

/**
 * An object that takes exactly one of its (all optional) keys, e.g. `{ exponential: { mean: 1s } }`. Written as one
 * strict object rather than a union of one-key objects so that a misspelt key gets "did you mean exponential?" and a
 * wrong nested value gets its own precise path, instead of zod's "no union member matched".
 */
export function oneKeyObject<S extends z.ZodRawShape>(shape: S, what: string) {
  const keys = Object.keys(shape);
  const list = keys.join(", ");
  return strictObject(shape)
    .meta({ minProperties: 1, maxProperties: 1 })
    .superRefine((v, ctx) => {
      // An unknown key already has its own message ("did you mean spike?"); "needs exactly one" would repeat it.
      if (ctx.issues.some((i) => i.code === "unrecognized_keys" && (i.path?.length ?? 0) === 0)) return;
      const present = keys.filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      if (present.length === 0) ctx.addIssue({ code: "custom", message: `${what} needs exactly one of: ${list}` });
      if (present.length > 1) {
        ctx.addIssue({
          code: "custom",
          message: `${what} has ${present.join(" and ")}; it takes exactly one of: ${list}`,
        });
      }
    });
}

/** Output shape of a distribution: one key, numbers in seconds (durations) or bytes (sizes). */
export type Distribution =
  | { constant: number }
  | { exponential: { mean: number } }
  | { uniform: { min: number; max: number } }
  | { lognormal: { median: number; p99: number } }
  | { gamma: { mean: number; cv: number } };

type ValueBuilder = (bounds?: Bounds) => ReturnType<typeof duration>;

// `floor` bounds every value; `positiveBounds` the values that must be above zero (means, medians).
function distributionObject(value: ValueBuilder, floor: Bounds, positiveBounds: Bounds, show: (n: number) => string) {
  const positiveValue = () => value(positiveBounds);
  const uniform = strictObject({ min: value(floor), max: value(floor) }).superRefine((u, ctx) => {
    if (u.min > u.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: `max ${show(u.max)} is below min ${show(u.min)}` });
    }
  });
  const lognormal = strictObject({ median: positiveValue(), p99: positiveValue() }).superRefine((l, ctx) => {
    if (l.p99 < l.median) {
      ctx.addIssue({ code: "custom", path: ["p99"], message: `p99 ${show(l.p99)} is below median ${show(l.median)}` });
    }
  });
  return oneKeyObject(
    {
      constant: value(floor).optional(),
      exponential: strictObject({ mean: positiveValue() }).optional(),
      uniform: uniform.optional(),
      lognormal: lognormal.optional(),
      gamma: strictObject({ mean: positiveValue(), cv: positive() }).optional(),
    },
    "a distribution",
  ).transform((d): Distribution => {
    if (d.constant !== undefined) return { constant: d.constant };
    if (d.exponential) return { exponential: d.exponential };
    if (d.uniform) return { uniform: d.uniform };
    if (d.lognormal) return { lognormal: d.lognormal };
    if (d.gamma) return { gamma: d.gamma };
    // Only reached when parsing already failed (zod still runs transforms after non-fatal issues such as an
    // unknown key); the value is discarded.
    return { constant: 0 };
  });
}

/**
 * A duration distribution. A bare duration means a constant and becomes `{ constant: seconds }`, so every output
 * value has the one-key shape.
 */
export function durationDistribution() {
  return z.union(
    [duration().transform((n): Distribution => ({ constant: n })), distributionObject(duration, {}, { min: 0, minExclusive: true }, formatDuration)],
    { error: (iss) => expectedMessage(iss.input, "a duration (e.g. 1s) or a distribution (e.g. { exponential: { mean: 1s } })") },
  );
}

/** A size distribution; a bare size stays a number of bytes. Every value must be at least 1 B. */
export function sizeDistribution() {
  const floor: Bounds = { min: 1 };
  return z.union([size(floor), distributionObject(size, floor, floor, formatSize)], {
    error: (iss) => expectedMessage(iss.input, "a size (e.g. 2KiB) or a distribution (e.g. { lognormal: { median: 2KiB, p99: 64KiB } })"),
  });
}

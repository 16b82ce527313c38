// Values for one field: valid ones (inside the schema's bounds, and small, so that runs stay fast) and hostile ones
// (a bound and just past it, the wrong type, null, 1e999, a 400-digit number, a tiny or huge duration, a 1 MB
// string, prototype names, deep nesting).
import fc from "fast-check";
import { type FieldKind, type SchemaField } from "./schema-fields.js";
import { raw, type Value } from "./serialize.js";

/** How a value reaches the CLI: in the file, or as `--set` text (one argv word; Linux caps one at 128 KiB). */
export type Channel = "file" | "set";

const DURATIONS: Value[] = ["250ms", "1s", "5s", "30s", "2m", 0.5, 10, "1m30s", " 45s "];
const SIZES: Value[] = [512, "1KiB", "2KiB", "64KiB", "256KiB", "4 KiB"];
/** Strings that are property names of every object. */
export const PROTOTYPE_NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];
/** Files a trace may name that are not CSV files (the sandbox provides each under scenarios/traces/). */
export const ODD_TRACE_FILES = [
  "traces/a-directory.csv",
  "traces/fifo.csv",
  "traces/dev-zero.csv",
  "/dev/zero",
  "traces/binary.csv",
  "traces/empty.csv",
  "traces/missing.csv",
  "../../outside.txt",
  "/",
  ".",
];

function isTraceFile(path: readonly string[]): boolean {
  return path.at(-1) === "file" && path.at(-2) === "trace";
}

function validFor(kind: FieldKind, path: readonly string[]): fc.Arbitrary<Value> | undefined {
  switch (kind.kind) {
    case "duration":
      return fc.constantFrom(...DURATIONS);
    case "size":
      return fc.constantFrom(...SIZES);
    case "integer": {
      const lo = kind.min ?? 0;
      return fc.integer({ min: lo, max: Math.min(kind.max ?? lo + 10, lo + 10) });
    }
    case "number": {
      const lo = kind.min ?? (kind.exclusiveMin !== undefined ? kind.exclusiveMin + 0.01 : 0);
      const hi = Math.min(kind.max ?? lo + 50, lo + 50);
      return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    }
    case "enum":
      return fc.constantFrom(...kind.values);
    case "boolean":
      return fc.boolean();
    case "string":
      if (isTraceFile(path)) return fc.constant("traces/sample-per-minute.csv");
      return kind.pattern !== undefined && kind.pattern.length < 60 ? fc.stringMatching(new RegExp(kind.pattern)) : fc.constantFrom("a", "orders", "m5.large");
    default:
      return undefined;
  }
}

/** A value inside the field's bounds, scaled down so that a run of it is quick; undefined for objects and lists. */
export function validValue(field: SchemaField): fc.Arbitrary<Value> | undefined {
  const options = field.kinds.map((k) => validFor(k, field.path)).filter((a): a is fc.Arbitrary<Value> => a !== undefined);
  return options.length === 0 ? undefined : fc.oneof(...options);
}

function deep(levels: number): Value {
  return raw(`${"[".repeat(levels)}${"]".repeat(levels)}`);
}

/** Every field gets these: wrong types, null, the numeric extremes, giant and nested values. */
function anyFieldHostile(channel: Channel): Value[] {
  const long = channel === "file" ? 1 << 20 : 100_000;
  return [
    null,
    true,
    [],
    {},
    [1, 2],
    { x: 1 },
    "abc",
    "",
    " ",
    raw("9".repeat(400)),
    "9".repeat(400),
    raw(`0.${"0".repeat(399)}1`),
    raw("1e999"),
    raw("-1e999"),
    "1e999",
    raw(".inf"),
    raw(".nan"),
    raw("-.inf"),
    -1,
    -0.5,
    0,
    raw("-0"),
    0.0000001,
    "0.0000001",
    5e-324,
    1e-9,
    1_000_000_000,
    "1000000000",
    1e308,
    9_007_199_254_740_992,
    raw("0x10"),
    raw("1_000"),
    "1,000",
    "x".repeat(long),
    deep(100),
    deep(5000),
    ...PROTOTYPE_NAMES,
  ];
}

function boundaryValues(kind: FieldKind): Value[] {
  switch (kind.kind) {
    case "integer":
    case "number": {
      const out: Value[] = [];
      if (kind.min !== undefined) out.push(kind.min, kind.min - 1, kind.min - 0.5);
      if (kind.max !== undefined) out.push(kind.max, kind.max + 1, kind.max + 0.5);
      if (kind.kind === "number" && kind.exclusiveMin !== undefined) out.push(kind.exclusiveMin, kind.exclusiveMin + 1e-12);
      if (kind.kind === "integer") out.push(1.5, "3");
      return out;
    }
    case "duration":
      return [
        "0s",
        "-1s",
        "0.0000001s",
        "0.0000001",
        "1e-9",
        "1000000000d",
        "1000000000",
        "366d",
        "367d",
        "12h",
        "12h 1s",
        "900",
        "901",
        "1ms",
        "0.5ms",
        "1.5.5s",
        "5 minutes",
        "30S",
        "s",
        "1x",
        "∞",
        raw("1e-9"),
        raw("0.0000001"),
      ];
    case "size":
      return ["0B", "1B", "1023B", "1KiB", "1MiB", "1048577", "1GiB", "1e999", "1.5KiB", "-1KiB", "1 TiB", "1Kb"];
    case "enum":
      return [...kind.values.map((v) => v.toUpperCase()), ...kind.values.map((v) => ` ${v}`), "other"];
    case "boolean":
      return ["true", "yes", 1, 0, "on"];
    case "string":
      return [".", "..", "a/b", "../x", "a b", "\u0000", "é", "a".repeat(81), "a".repeat(80), "x.fifo", "\n"];
    default:
      return [];
  }
}

/** A value meant to be refused (or to be a bound the CLI must still run within its limits). */
export function hostileValue(field: SchemaField, channel: Channel): fc.Arbitrary<Value> {
  // The simulated time at its maximum (366 days) is valid and simply long: a bound the user chose, not a defect.
  const longRun = (v: Value): boolean => field.path.length === 1 && field.path[0] === "duration" && v === "366d";
  const specific = field.kinds.flatMap(boundaryValues).filter((v) => !longRun(v));
  const traces = isTraceFile(field.path) ? ODD_TRACE_FILES : [];
  const general = anyFieldHostile(channel);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(specific.length > 0 ? specific : general)), weight: 4 },
    { arbitrary: fc.constantFrom(...general), weight: 3 },
    ...(traces.length > 0 ? [{ arbitrary: fc.constantFrom(...traces), weight: 6 }] : []),
  );
}

/** Keys that no object of the schema has: a misspelling, a prototype name, an empty or odd key. */
export const UNKNOWN_KEYS = ["visibilityTimout", "extra", "__proto__", "constructor", "toString", "", " ", "a.b", "0", "$ref"];

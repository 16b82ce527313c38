// Turning zod issues into one line per problem: "<file>: <dotted.path>: <message>".
import { type z } from "zod";
import { clip } from "../engine/quote.js";
import { KEY_SEPARATOR, NOT_SUPPORTED_YET, describeValue, expectedMessage } from "./fields.js";

export interface FieldError {
  path: PropertyKey[];
  message: string;
  unknownKey?: boolean;
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  object: "a mapping (key: value)",
  record: "a mapping (key: value)",
  array: "a list",
};

/** Per-parse error map for zod's generic issues; fields with their own messages (fields.ts) take precedence. */
export const errorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      return expectedMessage(iss.input, (Object.hasOwn(EXPECTED, iss.expected) ? EXPECTED[iss.expected] : undefined) ?? iss.expected);
    case "invalid_value":
      return `${describeValue(iss.input)} is not one of: ${iss.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return iss.keys.map(() => "unknown key").join(KEY_SEPARATOR);
    case "too_small":
      if (iss.origin === "array") return `needs at least ${String(iss.minimum)} entries`;
      return `${describeValue(iss.input)} is below the minimum of ${String(iss.minimum)}`;
    case "too_big":
      if (iss.origin === "array") return `has more than ${String(iss.maximum)} entries`;
      return `${describeValue(iss.input)} is above the maximum of ${String(iss.maximum)}`;
    default:
      return undefined;
  }
};

/** Flattens issues (unions resolved to the branch whose type matched, one entry per unknown key). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], base: PropertyKey[] = []): FieldError[] {
  const out: FieldError[] = [];
  for (const iss of issues) {
    const path = [...base, ...iss.path];
    if (iss.code === "unrecognized_keys") {
      const messages = iss.message.split(KEY_SEPARATOR);
      iss.keys.forEach((key, i) => {
        out.push({ path: [...path, key], message: messages[i] ?? "unknown key", unknownKey: true });
      });
    } else if (iss.code === "invalid_union") {
      // A union here is "a bare value or a one-key mapping": report the branch whose type matched the input.
      const matched = iss.errors.find((branch) => !isTypeMismatch(branch));
      if (matched) out.push(...fieldErrors(matched, path));
      else out.push({ path, message: iss.message });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return hideNoiseNextToUnsupported(out);
}

// A branch that refused the value itself (its type, or a literal such as `abrupt` that it is not) did not match; a
// branch that got as far as a key inside the value did, and its message is the precise one.
function isTypeMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every(
    (i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value" || (i.code === "invalid_union" && i.errors.every(isTypeMismatch))),
  );
}

// `queue.type: fifo` or `fleet.kind: asg` usually come with that kind's own keys; "unknown key" for each of them
// would bury the one message that matters.
function hideNoiseNextToUnsupported(errors: FieldError[]): FieldError[] {
  const parents = errors.filter((e) => e.message.includes(NOT_SUPPORTED_YET)).map((e) => dotted(e.path.slice(0, -1)));
  if (parents.length === 0) return errors;
  return errors.filter((e) => !(e.unknownKey && parents.includes(dotted(e.path.slice(0, -1)))));
}

export function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** The dotted path as a message shows it: a key can be any text (an unknown key of 20 MB), so each part is cut. */
export function shownPath(path: readonly PropertyKey[]): string {
  return path.map((p) => clip(String(p))).join(".");
}

/** "<source>: <dotted.path>: <message>", or "<source>: <message>" at the top level. */
export function formatFieldError(source: string, e: FieldError): string {
  const at = e.path.length > 0 ? `${shownPath(e.path)}: ` : "";
  return `${source}: ${at}${e.message}`;
}

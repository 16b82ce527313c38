// What JSON.parse does not say about a scenario: a key given twice (JSON.parse keeps the last one silently, where
// YAML refuses it), nesting too deep to handle, and more values than any scenario needs. One linear pass that tells
// strings, brackets and commas apart; it runs before JSON.parse, so that 20 MB of "1," is refused before it becomes
// ten million values, and stops at the first bound it finds.
import { quote } from "../engine/quote.js";
import { MAX_VALUES, TOO_DEEP, TOO_MANY } from "./shape-limits.js";

export interface JsonProblem {
  line: number;
  col: number;
  message: string;
}

export interface JsonShape {
  /** Where the text went past a bound (nesting or values); the scan stopped there. */
  limit?: JsonProblem;
  /** Each key given twice, with the position of the first; meaningful once JSON.parse has accepted the text. */
  duplicates: JsonProblem[];
}

interface Position {
  line: number;
  col: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The keys given twice, and the first container nested deeper than `maxDepth` or value past `maxValues` (a list,
 * a mapping or a scalar; keys do not count).
 */
export function jsonShape(text: string, maxDepth: number, maxValues = MAX_VALUES): JsonShape {
  const duplicates: JsonProblem[] = [];
  let values = 0;
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Map<string, Position> | null)[] = [];
  let line = 1;
  let lineStart = 0;
  let expectKey = false;
  // The last character that was not white space: a scalar starts where it follows "[", ",", ":" or nothing.
  let previous = "";
  const tooMany = (i: number): JsonShape => ({ limit: { line, col: i - lineStart + 1, message: TOO_MANY }, duplicates });
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c !== " " && c !== "\t" && c !== "\r" && c !== "\n") {
      const scalarStart =
        c !== "{" &&
        c !== "[" &&
        c !== "}" &&
        c !== "]" &&
        c !== "," &&
        c !== ":" &&
        c !== '"' &&
        (previous === "" || previous === "[" || previous === "," || previous === ":");
      if (scalarStart && ++values > maxValues) return tooMany(i);
      previous = c;
    }
    switch (c) {
      case "\n":
        // Valid JSON has newlines only between tokens, never inside a string (text that has one is refused by
        // JSON.parse; until then a position may be a line off).
        line++;
        lineStart = i + 1;
        break;
      case "{":
      case "[":
        if (open.length >= maxDepth) return { limit: { line, col: i - lineStart + 1, message: TOO_DEEP }, duplicates };
        if (++values > maxValues) return tooMany(i);
        open.push(text[i] === "{" ? new Map() : null);
        expectKey = text[i] === "{";
        break;
      case "}":
      case "]":
        open.pop();
        expectKey = false;
        break;
      case ",":
        expectKey = (open[open.length - 1] ?? null) !== null;
        break;
      case '"': {
        const start = i;
        for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
        const keys = open[open.length - 1];
        if (!expectKey || !keys) {
          if (++values > maxValues) return tooMany(start);
          break;
        }
        expectKey = false;
        const raw = text.slice(start + 1, i);
        const key = raw.includes("\\") ? decodeKey(text.slice(start, i + 1)) : raw;
        const at = { line, col: start - lineStart + 1 };
        const first = keys.get(key);
        if (first === undefined) keys.set(key, at);
        else duplicates.push({ ...at, message: `duplicate key ${quote(key)} (also at ${first.line}:${first.col})` });
        break;
      }
      default:
        break;
    }
  }
  return { duplicates };
}

// Escapes decoded as JSON.parse does, so "\u0061" and "a" are the same key. The text may not be valid JSON yet (the
// scan runs first): a bad escape is kept as written, and JSON.parse reports it.
function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}

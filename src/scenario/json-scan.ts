// What JSON.parse does not say about a scenario: a key given twice (JSON.parse keeps the last one silently, where
// YAML refuses it) and nesting too deep to handle. One pass over text that JSON.parse has already accepted, so the
// scan only needs to tell strings, brackets and commas apart; linear in the text.
import { quote } from "../engine/quote.js";
import { TOO_DEEP } from "./nesting.js";

export interface JsonProblem {
  line: number;
  col: number;
  message: string;
}

interface Position {
  line: number;
  col: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Duplicate keys (each with the position of the first), and the first container nested deeper than `maxDepth`. */
export function jsonShapeProblems(text: string, maxDepth: number): JsonProblem[] {
  const problems: JsonProblem[] = [];
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Map<string, Position> | null)[] = [];
  let line = 1;
  let lineStart = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    switch (text[i]) {
      case "\n":
        // Valid JSON has newlines only between tokens, never inside a string.
        line++;
        lineStart = i + 1;
        break;
      case "{":
      case "[":
        if (open.length >= maxDepth) {
          problems.push({ line, col: i - lineStart + 1, message: TOO_DEEP });
          return problems;
        }
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
        if (!expectKey || !keys) break;
        expectKey = false;
        const raw = text.slice(start + 1, i);
        // Escapes decoded as JSON.parse does, so "\u0061" and "a" are the same key.
        const key = raw.includes("\\") ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
        const at = { line, col: start - lineStart + 1 };
        const first = keys.get(key);
        if (first === undefined) keys.set(key, at);
        else problems.push({ ...at, message: `duplicate key ${quote(key)} (also at ${first.line}:${first.col})` });
        break;
      }
      default:
        break;
    }
  }
  return problems;
}

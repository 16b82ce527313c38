// Reading YAML text without letting its nesting reach the yaml library's recursion: at about 1,000 levels of
// brackets its composer overflows the stack, and at about 8,000 V8 aborts the whole process (a RegExp compiled with
// no stack left), which no try/catch can report. The library's CST parser is iterative, so the depth is measured on
// its tokens first, and only text within the bound is composed.
import YAML, { type CST, LineCounter, Parser } from "yaml";
import { clip } from "../engine/quote.js";
import { MAX_NESTING, TOO_DEEP } from "./nesting.js";

/** Where the YAML text nests deeper than `maxDepth` (1-based line and column), or undefined. */
export function yamlTooDeepAt(text: string, maxDepth = MAX_NESTING): { line: number; col: number } | undefined {
  const lines = new LineCounter();
  const stack: [CST.Token, number][] = [];
  for (const token of new Parser(lines.addNewLine).parse(text)) stack.push([token, 0]);
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    const [token, depth] = e;
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth + 1 > maxDepth) return lines.linePos(token.offset);
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/** A --set value: a YAML scalar or flow value, refused (as a sentence) when nested too deep or unreadable. */
export function parseYamlValue(text: string): { value: unknown } | { error: string } {
  if (yamlTooDeepAt(text) !== undefined) return { error: `the value is ${TOO_DEEP}` };
  try {
    return { value: YAML.parse(text) as unknown };
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    return { error: `cannot read the value: ${clip(first, 200)}` };
  }
}

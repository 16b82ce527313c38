// Reading YAML text without letting its shape reach the yaml library unchecked: at about 1,000 levels of brackets
// its composer overflows the stack, at about 8,000 V8 aborts the whole process (a RegExp compiled with no stack
// left), which no try/catch can report, and 10 million small values exhaust the heap. The library's lexer is a
// generator that keeps no tree, so depth and values are counted on its tokens first, stopping at the first excess,
// and only text within both bounds is composed.
import YAML, { CST, Lexer } from "yaml";
import { clip } from "../engine/quote.js";
import { MAX_NESTING, MAX_VALUES, TOO_DEEP, TOO_MANY } from "./shape-limits.js";

export interface YamlShapeProblem {
  line: number;
  col: number;
  message: string;
}

/**
 * The first place where the YAML text nests deeper than `maxDepth` or holds more than `maxValues` values, or
 * undefined. The depth counted is an upper bound: a block collection is known by the column it starts at and its
 * kind, and is taken as closed only when a collection starts left of it (or, for a list, a key at its column).
 */
export function yamlShapeProblem(text: string, maxDepth = MAX_NESTING, maxValues = MAX_VALUES): YamlShapeProblem | undefined {
  const blocks: { col: number; seq: boolean }[] = [];
  let flow = 0;
  let values = 0;
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  let scalarNext = false;
  // Where the node that a following ":" would make a key starts: the first token since a line start or indicator.
  let keyCol = -1;

  const value = (col: number): YamlShapeProblem | undefined => {
    if (++values > maxValues) return { line, col: col + 1, message: TOO_MANY };
    return blocks.length + flow > maxDepth ? { line, col: col + 1, message: TOO_DEEP } : undefined;
  };
  // A block collection starting at col: it ends the ones right of it, or continues the one it is an entry of.
  const openBlock = (col: number, seq: boolean): YamlShapeProblem | undefined => {
    for (let top = blocks.at(-1); top && (top.col > col || (top.col === col && top.seq && !seq)); top = blocks.at(-1)) blocks.pop();
    const top = blocks.at(-1);
    if (top?.col === col && top.seq === seq) return undefined;
    blocks.push({ col, seq });
    return value(col);
  };

  for (const source of new Lexer().lex(text)) {
    // Zero-width markers: a document starts, a flow collection ends early, a scalar's text comes next.
    if (source === CST.DOCUMENT || source === CST.FLOW_END) continue;
    if (source === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    const col = offset - lineStart;
    const type = scalarNext ? "scalar" : CST.tokenType(source);
    scalarNext = false;
    let problem: YamlShapeProblem | undefined;
    switch (type) {
      case "flow-seq-start":
      case "flow-map-start":
        if (keyCol < 0) keyCol = col;
        flow++;
        problem = value(col);
        break;
      case "flow-seq-end":
      case "flow-map-end":
        flow = Math.max(0, flow - 1);
        break;
      case "seq-item-ind":
      case "explicit-key-ind":
        if (flow === 0) problem = openBlock(col, type === "seq-item-ind");
        keyCol = -1;
        break;
      case "map-value-ind":
        // Inside brackets a colon is part of the flow mapping, already counted at its bracket.
        if (flow === 0) problem = openBlock(keyCol < 0 ? col : keyCol, false);
        keyCol = -1;
        break;
      case "doc-start":
      case "doc-end":
        blocks.length = 0;
        flow = 0;
        keyCol = -1;
        break;
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
      case "alias":
        if (keyCol < 0) keyCol = col;
        problem = value(col);
        break;
      case "anchor":
      case "tag":
        if (keyCol < 0) keyCol = col;
        break;
      case "newline":
        keyCol = -1;
        break;
      default:
        break;
    }
    if (problem !== undefined) return problem;
    // A scalar or a newline may span lines: the next token's column counts from the last line start.
    offset += source.length;
    const lastNewline = source.lastIndexOf("\n");
    if (lastNewline >= 0) {
      for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) line++;
      lineStart = offset - source.length + lastNewline + 1;
    }
  }
  return undefined;
}

/** A --set value: a YAML scalar or flow value, refused (as a sentence) when too deep or large, or unreadable. */
export function parseYamlValue(text: string): { value: unknown } | { error: string } {
  const shape = yamlShapeProblem(text);
  if (shape !== undefined) return { error: `the value ${shape.message === TOO_DEEP ? "is" : "has"} ${shape.message}` };
  try {
    return { value: YAML.parse(text) as unknown };
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    return { error: `cannot read the value: ${clip(first, 200)}` };
  }
}

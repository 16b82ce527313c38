// Where a JSON text goes wrong. Node 20's JSON.parse names the position for some errors ("at position 12") but only
// quotes a snippet for others ("Unexpected token '.', ..."hold": .nan}"... is not valid JSON"); a scenario error
// should always say line:col. A small recursive-descent walk of JSON's grammar finds the first offending character;
// it runs only after JSON.parse has failed, on a text whose nesting the shape scan has already bounded.

const WS = new Set([" ", "\t", "\n", "\r"]);
const LITERALS: Record<string, string> = { t: "true", f: "false", n: "null" };

/** The index of the first character that is not valid JSON there (text.length when the text ends too early). */
export function jsonErrorIndex(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = (): void => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const string = (): void => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const digit = (): boolean => i < text.length && text[i]! >= "0" && text[i]! <= "9";
  // Piece by piece, failing where JSON.parse does: after a lone "-", ".", "e".
  const number = (): void => {
    if (text[i] === "-") i++;
    if (!digit()) fail();
    if (text[i] === "0") i++;
    else while (digit()) i++;
    if (text[i] === ".") {
      i++;
      if (!digit()) fail();
      while (digit()) i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!digit()) fail();
      while (digit()) i++;
    }
  };
  // Character by character, failing at the first that differs (as JSON.parse does: "tru0" fails at the 0).
  const literal = (word: string): void => {
    for (const expected of word) {
      if (text[i] !== expected) fail();
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") members("}", true);
    else if (c === "[") members("]", false);
    else if (c === '"') string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else if (c !== undefined && Object.hasOwn(LITERALS, c)) literal(LITERALS[c]!);
    else fail();
  };
  const members = (close: string, keyed: boolean): void => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (keyed) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
      }
      value();
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail();
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === "number") return Math.min(at, text.length);
    throw at;
  }
  return text.length;
}

// Reading back the CSV files sqs-sim writes (timeseries.csv, activities.csv): RFC 4180, the format they are
// written in, so that a reason holding a comma, a quote or a line break comes back as it was.

export type CsvRecords =
  | { ok: true; records: string[][]; /** The line each record starts on (1-based), for error messages. */ lines: number[] }
  | { ok: false; line: number; problem: string };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Records of an RFC 4180 text; a final line break ends the last record (it does not start an empty one). */
export function parseCsvRecords(text: string): CsvRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = (): void => {
    records.push(record);
    lines.push(recordLine);
    record = [];
  };
  while (i < text.length) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      // Quoted: runs to the next quote that is not doubled; may span lines.
      let value = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) return { ok: false, line: recordLine, problem: "a quoted field is never closed" };
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          i = close + 1;
          break;
        }
        value += '"';
        from = close + 2;
      }
      line += countLineBreaks(value);
      field = value;
      const next = text.charCodeAt(i);
      if (i < text.length && next !== COMMA && next !== LF && next !== CR) {
        return { ok: false, line, problem: "text after the closing quote of a quoted field" };
      }
    } else {
      const start = i;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) return { ok: false, line, problem: "a quote inside a field that does not start with one" };
        i++;
      }
      field = text.slice(start, i);
    }
    record.push(field);
    if (i >= text.length) break;
    const separator = text.charCodeAt(i);
    i++;
    if (separator === COMMA) {
      if (i >= text.length) record.push(""); // "a," ends with an empty field
      continue;
    }
    if (separator === CR && text.charCodeAt(i) === LF) i++;
    endRecord();
    line++;
    recordLine = line;
  }
  if (record.length > 0) endRecord();
  return { ok: true, records, lines };
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

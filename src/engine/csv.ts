// CSV, RFC 4180: the one reader and the one writer. sqs-sim writes timeseries.csv, activities.csv and results.csv
// with `csvField`, and reads them back (saved runs) and users' traffic traces with `csvRows`, so that a field
// holding a comma, a quote or a line break comes back as it was, with \n or \r\n line ends.

/** A record and the line it starts on (1-based), or the first syntax problem (reading stops there). */
export type CsvRow = { line: number; fields: string[] } | { line: number; problem: string };

export type CsvRecords =
  | { ok: true; records: string[][] /** The line each record starts on (1-based), for error messages. */; lines: number[] }
  | { ok: false; line: number; problem: string };

export interface CsvReadOptions {
  /**
   * Allow spaces and tabs between a quoted field and its commas (`time, "count"`), as a hand-written file has them;
   * RFC 4180 counts them as part of the field, where they would make the quote a stray one.
   */
  spacesAroundQuotes?: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BOM = 0xfeff;

/**
 * The records of a CSV text one at a time (a trace of millions of rows is never held as millions of field lists at
 * once). A final line break ends the last record (it does not start an empty one); a leading byte-order mark is
 * skipped.
 */
export function* csvRows(text: string, options: CsvReadOptions = {}): Generator<CsvRow, void, undefined> {
  const lenient = options.spacesAroundQuotes === true;
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  while (i < text.length) {
    let field: string;
    const quoteAt = lenient ? afterBlanks(text, i) : i;
    if (text.charCodeAt(quoteAt) === QUOTE) {
      // Quoted: runs to the next quote that is not doubled; may span lines.
      let value = "";
      let from = quoteAt + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) {
          yield { line: recordLine, problem: "a quoted field is never closed" };
          return;
        }
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
      if (lenient) i = afterBlanks(text, i);
      const next = text.charCodeAt(i);
      if (i < text.length && next !== COMMA && next !== LF && next !== CR) {
        yield { line, problem: "text after the closing quote of a quoted field" };
        return;
      }
    } else {
      const from = i; // spaces before an unquoted field are part of it
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) {
          yield { line, problem: "a quote inside a field that does not start with one" };
          return;
        }
        i++;
      }
      field = text.slice(from, i);
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
    yield { line: recordLine, fields: record };
    record = [];
    line++;
    recordLine = line;
  }
  if (record.length > 0) yield { line: recordLine, fields: record };
}

/** All the records of a CSV text, or its first syntax problem. */
export function parseCsvRecords(text: string, options: CsvReadOptions = {}): CsvRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  for (const row of csvRows(text, options)) {
    if ("problem" in row) return { ok: false, line: row.line, problem: row.problem };
    records.push(row.fields);
    lines.push(row.line);
  }
  return { ok: true, records, lines };
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function afterBlanks(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
  return i;
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

import { describe, expect, it } from "vitest";
import { type Activity } from "../../src/metrics/activity-log.js";
import { activitiesCsv } from "../../src/report/activities-csv.js";
import { csvField, csvRows, parseCsvRecords } from "../../src/engine/csv.js";

function records(text: string): string[][] {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) throw new Error(`line ${parsed.line}: ${parsed.problem}`);
  return parsed.records;
}

describe("parseCsvRecords: the one CSV reader (RFC 4180, as the run's CSV files are written)", () => {
  it("splits on commas and line breaks; a final line break does not start an empty record", () => {
    expect(records("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(records("a,b\r\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(records("")).toEqual([]);
  });

  it("keeps empty fields, at the end of a line too", () => {
    expect(records("a,,c\n,\n1,\n")).toEqual([
      ["a", "", "c"],
      ["", ""],
      ["1", ""],
    ]);
    expect(records("x,")).toEqual([["x", ""]]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks, and counts lines across them", () => {
    const parsed = parseCsvRecords('h1,h2\n"a, b","say ""hi"""\n"two\nlines",x\nlast,"",\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        ["h1", "h2"],
        ["a, b", 'say "hi"'],
        ["two\nlines", "x"],
        ["last", "", ""],
      ],
      lines: [1, 2, 3, 5],
    });
  });

  it("names the line of a quote left open, text after a closing quote, and a stray quote", () => {
    expect(parseCsvRecords('a\nb\n"open\nstill open')).toEqual({ ok: false, line: 3, problem: "a quoted field is never closed" });
    expect(parseCsvRecords('a\n"x"y,z')).toEqual({ ok: false, line: 2, problem: "text after the closing quote of a quoted field" });
    expect(parseCsvRecords('a\nb\nab"c')).toEqual({ ok: false, line: 3, problem: "a quote inside a field that does not start with one" });
  });

  it("reads back what activitiesCsv writes, whatever the reason holds", () => {
    const activities: Activity[] = [
      { timeS: 60.000001, kind: "scaling", source: 'Step, "1"', before: "2", after: "5", reason: 'line one\nline two, with "quotes"' },
      { timeS: 120, kind: "alarm", source: "AlarmHigh", before: "OK", after: "ALARM", reason: "\r\nstarts with a break" },
    ];
    const [header, ...rows] = records(activitiesCsv(activities));
    expect(header).toEqual(["time_s", "kind", "source", "before", "after", "reason"]);
    expect(rows).toEqual(activities.map((a) => [String(a.timeS), a.kind, a.source, a.before, a.after, a.reason]));
  });
});

describe("the CSV reader on CRLF files, a byte-order mark, and hand-written spaces", () => {
  it("reads CRLF line ends, inside quoted fields too, and counts those lines", () => {
    const parsed = parseCsvRecords('h1,h2\r\n"a\r\nb","c ""d"""\r\nx,\r\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        ["h1", "h2"],
        ["a\r\nb", 'c "d"'],
        ["x", ""],
      ],
      lines: [1, 2, 4],
    });
  });

  it("skips a leading byte-order mark", () => {
    expect(records("\uFEFFtime,count\n0,1\n")).toEqual([
      ["time", "count"],
      ["0", "1"],
    ]);
  });

  it("allows spaces around a quoted field only when asked (RFC 4180 counts them as part of the field)", () => {
    const text = 'time, "count" \n0,  "1"\t\n';
    expect(parseCsvRecords(text)).toEqual({ ok: false, line: 1, problem: "a quote inside a field that does not start with one" });
    expect(parseCsvRecords(text, { spacesAroundQuotes: true })).toEqual({
      ok: true,
      records: [
        ["time", "count"],
        ["0", "1"],
      ],
      lines: [1, 2],
    });
    expect(records(" a , b ")).toEqual([[" a ", " b "]]); // unquoted: the spaces are the field's
  });

  it("yields one record at a time and stops at the first problem", () => {
    const rows = [...csvRows('a\nb\n"c\nd')];
    expect(rows).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["b"] },
      { line: 3, problem: "a quoted field is never closed" },
    ]);
  });
});

describe("csvField: the one CSV writer", () => {
  it("quotes a field with a comma, a quote or a line break, doubling its quotes, and leaves others alone", () => {
    expect(["plain", "a,b", 'say "hi"', "two\nlines", "cr\r", ""].map(csvField)).toEqual(["plain", '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"', ""]);
  });

  it("round-trips through the reader", () => {
    const fields = ["a", "b, c", '"q"', "x\r\ny", ""];
    expect(records(fields.map(csvField).join(",") + "\r\n")).toEqual([fields]);
  });
});

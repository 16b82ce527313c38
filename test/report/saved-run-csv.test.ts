import { describe, expect, it } from "vitest";
import { type Activity } from "../../src/metrics/activity-log.js";
import { activitiesCsv } from "../../src/report/activities-csv.js";
import { parseCsvRecords } from "../../src/report/csv-records.js";

function records(text: string): string[][] {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) throw new Error(`line ${parsed.line}: ${parsed.problem}`);
  return parsed.records;
}

describe("parseCsvRecords (RFC 4180, as the run's CSV files are written)", () => {
  it("splits on commas and line breaks; a final line break does not start an empty record", () => {
    expect(records("a,b,c\n1,2,3\n")).toEqual([["a", "b", "c"], ["1", "2", "3"]]);
    expect(records("a,b\r\n1,2")).toEqual([["a", "b"], ["1", "2"]]);
    expect(records("")).toEqual([]);
  });

  it("keeps empty fields, at the end of a line too", () => {
    expect(records("a,,c\n,\n1,\n")).toEqual([["a", "", "c"], ["", ""], ["1", ""]]);
    expect(records("x,")).toEqual([["x", ""]]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks, and counts lines across them", () => {
    const parsed = parseCsvRecords('h1,h2\n"a, b","say ""hi"""\n"two\nlines",x\nlast,"",\n');
    expect(parsed).toEqual({
      ok: true,
      records: [["h1", "h2"], ["a, b", 'say "hi"'], ["two\nlines", "x"], ["last", "", ""]],
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
      { timeS: 60.000001, kind: "scaling", source: "Step, \"1\"", before: "2", after: "5", reason: "line one\nline two, with \"quotes\"" },
      { timeS: 120, kind: "alarm", source: "AlarmHigh", before: "OK", after: "ALARM", reason: "\r\nstarts with a break" },
    ];
    const [header, ...rows] = records(activitiesCsv(activities));
    expect(header).toEqual(["time_s", "kind", "source", "before", "after", "reason"]);
    expect(rows).toEqual(activities.map((a) => [String(a.timeS), a.kind, a.source, a.before, a.after, a.reason]));
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, parseTraceCsv, type TraceSeries } from "../../src/scenario/index.js";
import { errorsOf, repoRoot, scenarioOf, scenarioYaml, sharedTraces, tempDir, writeFiles } from "./helpers.js";

function seriesOf(text: string, options: Parameters<typeof parseTraceCsv>[1] = {}): TraceSeries {
  const result = parseTraceCsv(text, options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.series;
}

describe("parseTraceCsv", () => {
  it("spreads each count over its interval; the last interval is as long as the previous one", () => {
    expect(seriesOf("t,n\n0,60\n60,120\n120,30\n")).toEqual({ startsS: [0, 60, 120], ratesPerS: [1, 2, 0.5], endS: 180 });
  });

  it("uneven intervals give each row its own length", () => {
    expect(seriesOf("t,n\n10,10\n20,40\n60,8\n")).toEqual({ startsS: [0, 10, 50], ratesPerS: [1, 1, 0.2], endS: 90 });
  });

  it("reads ISO-8601 timestamps as seconds from the first row", () => {
    const text = "timestamp,requests\n1995-07-01T00:00:00-04:00,60\n1995-07-01T00:01:00-04:00,120\n1995-07-01T00:03:00-04:00,30\n";
    expect(seriesOf(text)).toEqual({ startsS: [0, 60, 180], ratesPerS: [1, 1, 0.25], endS: 300 });
  });

  it("reads RFC 4180 like the run's own CSV files: CRLF, quoted fields (a comma, a line break), spaces around quotes", () => {
    expect(seriesOf('"t", "n" \r\n0,60\r\n60,"120"\r\n')).toEqual({ startsS: [0, 60], ratesPerS: [1, 2], endS: 120 });
    const text = '"time\n(s)","count, msgs"\n0,60\n60,120\n';
    expect(seriesOf(text, { timeColumn: "time\n(s)", countColumn: "count, msgs" }).ratesPerS).toEqual([1, 2]);
  });

  it("names the line of a quote left open, where it read the rest of the file as one field", () => {
    expect(parseTraceCsv('t,n\n0,60\n60,"120\n120,30\n')).toEqual({
      ok: false,
      problems: [{ line: 3, message: "a quoted field is never closed" }],
    });
  });

  it("timestamps without a zone are read as UTC, so a DST change does not bend the series", () => {
    expect(seriesOf("ts,n\n2024-03-10 01:59:00,60\n2024-03-10 02:00:00,60\n").startsS).toEqual([0, 60]);
  });

  it("scale multiplies every count", () => {
    expect(seriesOf("t,n\n0,60\n60,120\n", { scale: 0.5 }).ratesPerS).toEqual([0.5, 1]);
  });

  it("columns can be chosen by name", () => {
    const text = "host,count,time\na,6,0\nb,12,10\n";
    expect(seriesOf(text, { timeColumn: "time", countColumn: "count" })).toEqual({ startsS: [0, 10], ratesPerS: [0.6, 1.2], endS: 20 });
  });

  it("blank lines, CRLF line ends and quoted fields are accepted", () => {
    expect(seriesOf('"t","n"\r\n\r\n0,"6"\r\n10,3\r\n\r\n')).toEqual({ startsS: [0, 10], ratesPerS: [0.6, 0.3], endS: 20 });
  });

  it("bad rows are reported with their 1-based line numbers, all of them", () => {
    const result = parseTraceCsv("t,n\n0,1\n\n60,abc\n120,-2\n60,1\n60,2\nxyz,1\n180,\n");
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 4, message: 'count "abc" is not a number' },
        { line: 5, message: "count -2 is negative" },
        { line: 7, message: "time 60 is not after the previous row's 60: times must increase" },
        { line: 8, message: 'time "xyz" is not a number (the first row\'s time is a number of seconds)' },
        { line: 9, message: 'no value for column "n"' },
      ],
    });
  });

  it("a timestamp trace refuses a numeric time later on", () => {
    expect(parseTraceCsv("ts,n\n2024-01-01T00:00:00Z,1\n60,1\n")).toEqual({
      ok: false,
      problems: [{ line: 3, message: 'time "60" is not an ISO-8601 timestamp (the first row\'s time is a timestamp)' }],
    });
  });

  it("a missing named column lists the header", () => {
    expect(parseTraceCsv("timestamp,requests\n0,1\n", { timeColumn: "ts" })).toEqual({
      ok: false,
      problems: [{ line: 1, field: "timeColumn", message: 'no column named "ts"; the header has: timestamp, requests' }],
    });
  });

  it("a trace needs at least two rows to know its interval", () => {
    expect(parseTraceCsv("t,n\n0,5\n")).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("at least 2") }] });
    expect(parseTraceCsv("")).toMatchObject({ ok: false });
  });

  it("stops listing after 20 bad rows and counts the rest", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},x`).join("\n");
    const result = parseTraceCsv(`t,n\n${rows}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(21);
      expect(result.problems[20]).toEqual({ message: "... and 10 more bad rows" });
    }
  });
});

describe("traces through the loader", () => {
  const withTrace = (trace: string) => scenarioYaml().replace("{ constant: 10 }", `{ constant: 1 }, { trace: ${trace} }`);

  it("attaches the series to the trace shape, resolving the file relative to the scenario", () => {
    const dir = tempDir();
    writeFiles(dir, { "scenarios/traces/a.csv": "t,n\n0,60\n60,120\n", "scenarios/x.yaml": withTrace("{ file: traces/a.csv, scale: 2 }") });
    const shape = scenarioOf(loadScenarioFile(path.join(dir, "scenarios/x.yaml"))).producers[0]?.traffic[1];
    expect(shape).toEqual({
      trace: { file: "traces/a.csv", scale: 2, loop: false, series: { startsS: [0, 60], ratesPerS: [2, 4], endS: 120 } },
    });
  });

  it("a bad row names the scenario field, the trace file and the line", () => {
    const dir = tempDir();
    const good = Array.from({ length: 15 }, (_, i) => `${i * 60},5`).join("\n");
    const file = path.join(dir, "scenarios/x.yaml");
    writeFiles(dir, { "scenarios/traces/a.csv": `t,count\n${good}\n900,abc\n`, "scenarios/x.yaml": withTrace("{ file: traces/a.csv }") });
    expect(errorsOf(loadScenarioFile(file))).toEqual([`${file}: producers.0.traffic.1.trace.file: traces/a.csv:17: count "abc" is not a number`]);
  });

  it("a missing trace file and a missing column are reported at their fields", () => {
    const dir = tempDir();
    const file = path.join(dir, "x.yaml");
    writeFiles(dir, {
      "b.csv": "time,n\n0,1\n1,1\n",
      "x.yaml": `${withTrace("{ file: missing.csv }")}\n  - name: other\n    traffic: [ { trace: { file: b.csv, countColumn: count } } ]\n`,
    });
    expect(errorsOf(loadScenarioFile(file))).toEqual([
      `${file}: producers.0.traffic.1.trace.file: cannot read missing.csv (ENOENT)`,
      `${file}: producers.1.traffic.0.trace.countColumn: b.csv:1: no column named "count"; the header has: time, n`,
    ]);
  });
});

describe("a trace's memory", () => {
  const withTrace = (trace: string, rest = "") => scenarioYaml(rest).replace("{ constant: 10 }", `{ constant: 1 }, { trace: ${trace} }`);
  // 300,000 rows: 60 MB to read and replay at 200 B a row, besides 200 MB for Node.
  const rows = `t,n\n${Array.from({ length: 300_000 }, (_, i) => `${i},1`).join("\n")}\n`;

  it("a trace that would take more than limits.maxMemory to read is refused before it is parsed", () => {
    const dir = tempDir();
    const file = path.join(dir, "x.yaml");
    // A bad last row: had the file been parsed, that row's problem would be the message.
    writeFiles(dir, { "t.csv": `${rows}300000,abc\n`, "x.yaml": withTrace("{ file: t.csv }", "limits: { maxMemory: 250MB }") });
    expect(errorsOf(loadScenarioFile(file))).toEqual([
      `${file}: producers.0.traffic.1.trace.file: t.csv has 300,002 lines, which would take about 260 MB to read and replay ` +
        "(200 B a row, besides Node itself), above limits.maxMemory of 250MB (250,000,000 B); raise limits.maxMemory if " +
        "the machine has it, or use a shorter trace",
    ]);
    expect(errorsOf(loadScenarioFile(file, { sets: ["limits.maxMemory=300MB"] }))).toEqual([
      `${file}: producers.0.traffic.1.trace.file: t.csv:300002: count "abc" is not a number`,
    ]);
  });

  it("the rows of the traces loaded before count too", () => {
    const dir = tempDir();
    const file = path.join(dir, "x.yaml");
    writeFiles(dir, { "t.csv": rows, "x.yaml": withTrace("{ file: t.csv } }, { trace: { file: t.csv }", "limits: { maxMemory: 300MB }") });
    expect(errorsOf(loadScenarioFile(file))).toEqual([
      expect.stringMatching(
        /^\S+: producers\.0\.traffic\.2\.trace\.file: t\.csv has 300,001 lines, which would take about 320 MB to read and replay with the 300,000 rows of the traces before it/,
      ),
    ]);
  });
});

describe("real traces", () => {
  // The NASA trace ships under scenarios/traces/, so these run on every clone; the Twitter trace is only beside
  // the repository (../shared/traces/) and its test skips without it.
  const twitter = path.join(sharedTraces, "twitter-3-days-per-minute.csv");
  const nasa = path.join(repoRoot, "scenarios", "traces", "nasa-kennedy-1995-07-per-minute.csv");

  it.skipIf(!fs.existsSync(twitter))("the twitter trace yields 4320 intervals of 60 s", () => {
    const s = seriesOf(fs.readFileSync(twitter, "utf8"));
    expect(s.startsS).toHaveLength(4_320);
    expect(s.endS).toBe(4_320 * 60);
    expect(s.startsS.every((t, i) => t === i * 60)).toBe(true);
    expect(s.ratesPerS[0]).toBeCloseTo(2_769 / 60, 10);
  });

  it("the shipped NASA trace (ISO timestamps, −04:00) yields 28 days of minutes", () => {
    const s = seriesOf(fs.readFileSync(nasa, "utf8"), { timeColumn: "timestamp", countColumn: "requests" });
    expect(s.startsS).toHaveLength(40_320);
    expect(s.endS).toBe(28 * 86_400);
    expect(Math.max(...s.ratesPerS)).toBeCloseTo(409 / 60, 10);
  });

  it("a scenario can name a trace elsewhere by relative path", () => {
    const dir = tempDir();
    const rel = path.relative(dir, nasa);
    const trace = `{ trace: { file: ${JSON.stringify(rel)}, timeColumn: timestamp, countColumn: requests, scale: 0.1 } }`;
    writeFiles(dir, { "x.yaml": scenarioYaml().replace("{ constant: 10 }", trace) });
    const shape = scenarioOf(loadScenarioFile(path.join(dir, "x.yaml"))).producers[0]?.traffic[0];
    expect(shape && "trace" in shape ? shape.trace.series?.startsS.length : 0).toBe(40_320);
  });
});

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSavedRun } from "../../src/report/saved-run.js";
import { formatNumber } from "../../src/report/timeseries-csv.js";
import { SMALL_YAML, simulateAsgRun, simulateYaml, tempDir, writeRunDir } from "./saved-run-fixture.js";

function readOk(dir: string) {
  const saved = readSavedRun(dir);
  if (!saved.ok) throw new Error(saved.error);
  return saved.run;
}

function readError(dir: string): string {
  const saved = readSavedRun(dir);
  if (saved.ok) throw new Error(`${dir} read without an error`);
  return saved.error;
}

describe("readSavedRun: a run directory read back without simulating", () => {
  const run = simulateAsgRun();
  const dir = writeRunDir(join(tempDir(), "asg"), run);
  const saved = readOk(dir);

  it("gives back the in-memory summary, histograms, activities and report context exactly", () => {
    expect(run.data.activities.length).toBeGreaterThan(5);
    expect(run.data.activities.some((a) => a.reason.includes(","))).toBe(true); // quoted in the CSV
    expect(saved.summary).toEqual(run.data.summary);
    expect(saved.histograms).toEqual(run.data.histograms);
    expect(saved.activities).toEqual(run.data.activities);
    expect(saved.context).toEqual(run.data.context);
    expect(saved.context.policies).toHaveLength(2);
  });

  it("gives back every series column with its unit and description, the fleet and alarm columns included", () => {
    expect(saved.series.periodSeconds).toBe(run.data.series.periodSeconds);
    // Exactly equal: the descriptions saved-run.ts knows for simulate()'s extra columns must stay in step with it.
    expect(saved.series.columns).toEqual(run.data.series.columns);
    expect(saved.series.columns.map((c) => c.name)).toContain("alarm_StepScaling-1-Alarm_state");
  });

  it("gives back the series values as timeseries.csv keeps them: integers exactly, others to 6 decimals, NaN as NaN", () => {
    // timeseries.csv rounds non-integers to the microsecond (6 decimals) and writes NaN as an empty field, so the
    // values read back equal the in-memory ones rounded that way, not the unrounded doubles.
    const rounded = run.data.series.values.map((column) => column.map((x) => (Number.isFinite(x) ? Number(formatNumber(x)) : Number.NaN)));
    expect(saved.series.values).toEqual(rounded);
    const backlog = saved.series.values[saved.series.columns.findIndex((c) => c.name === "backlog_per_instance_msgs")]!;
    expect(backlog.some((v) => Number.isNaN(v))).toBe(true);
    expect(backlog.some((v) => v > 0)).toBe(true);
  });
});

describe("readSavedRun: what is wrong with a directory that is not a good run", () => {
  const small = simulateYaml(SMALL_YAML);

  function goodDir(): string {
    return writeRunDir(join(tempDir(), "run"), small);
  }

  function edit(dir: string, file: string, change: (text: string) => string): void {
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
  }

  it("a fixed-fleet run reads back too, with only the header in activities.csv", () => {
    const run = readOk(goodDir());
    expect(run.activities).toEqual([]);
    expect(run.context.fleetKind).toBe("fixed");
    expect(run.context.description).toBe("Five orders a second into two instances.");
  });

  it("names a directory that does not exist, and one without summary.json as not a run directory", () => {
    const parent = tempDir();
    expect(readError(join(parent, "nope"))).toBe(`${join(parent, "nope")}: no such directory`);
    writeFileSync(join(parent, "notes.txt"), "mine");
    expect(readError(parent)).toBe(`${parent} is not an sqs-sim run directory (it has no summary.json)`);
    expect(readError(join(parent, "notes.txt"))).toBe(`${join(parent, "notes.txt")} is not a directory`);
  });

  it("names a missing data file", () => {
    const dir = goodDir();
    rmSync(join(dir, "activities.csv"));
    expect(readError(dir)).toMatch(new RegExp(`^${escapeRegExp(join(dir, "activities.csv"))}: missing; the run directory is incomplete`));
  });

  it("names a file that is not JSON, and a JSON file without the keys a report needs", () => {
    const dir = goodDir();
    edit(dir, "summary.json", (t) => t.slice(0, 40));
    expect(readError(dir)).toMatch(new RegExp(`^${escapeRegExp(join(dir, "summary.json"))}: not valid JSON`));
    const other = goodDir();
    edit(other, "scenario.json", (t) => JSON.stringify({ ...JSON.parse(t), duration: -5 }));
    expect(readError(other)).toMatch(new RegExp(`^${escapeRegExp(join(other, "scenario.json"))}: not a valid scenario \\(duration: `));
  });

  it("refuses a timeseries.csv cut short, or missing a column the charts read", () => {
    const cut = goodDir();
    edit(cut, "timeseries.csv", (t) => t.split("\n").slice(0, 10).join("\n") + "\n");
    expect(readError(cut)).toMatch(/timeseries\.csv: 9 rows, where the run's duration and metric period make \d+ \(cut short\?\)$/);
    const narrow = goodDir();
    edit(narrow, "timeseries.csv", (t) =>
      t
        .split("\n")
        .map((line) => line.split(",").slice(0, 3).join(","))
        .join("\n"),
    );
    expect(readError(narrow)).toMatch(/timeseries\.csv: columns missing: ApproximateNumberOfMessagesDelayed_msgs, /);
  });

  it("names the CSV line with a value that is not a number, or with the wrong number of fields", () => {
    const dir = goodDir();
    edit(dir, "timeseries.csv", (t) =>
      t
        .split("\n")
        .map((line, i) => (i === 2 ? line.replace(/^\d+,/, "12x,") : line))
        .join("\n"),
    );
    expect(readError(dir)).toBe(`${join(dir, "timeseries.csv")}: line 3: time_s: "12x" is not a number`);
    const short = goodDir();
    edit(short, "timeseries.csv", (t) =>
      t
        .split("\n")
        .map((line, i) => (i === 4 ? "240,1" : line))
        .join("\n"),
    );
    expect(readError(short)).toMatch(/timeseries\.csv: line 5: 2 fields where the header has \d+$/);
  });

  it("names an activities.csv line with an unclosed quote or an unknown kind", () => {
    const dir = goodDir();
    edit(dir, "activities.csv", (t) => t + '60,scaling,TargetTracking-1,2,4,"never closed\n');
    expect(readError(dir)).toBe(`${join(dir, "activities.csv")}: line 2: a quoted field is never closed`);
    const kind = goodDir();
    edit(kind, "activities.csv", (t) => t + "60,launch,x,1,2,why\n");
    expect(readError(kind)).toBe(`${join(kind, "activities.csv")}: line 2: kind "launch" is neither scaling nor alarm`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

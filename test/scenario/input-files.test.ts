// Scenario and trace files are regular files of bounded size, read with a bound: a FIFO, a device, a directory, a
// huge or growing file is refused naming the field and the limit; a trace that is not a trace is quoted sparingly.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { MAX_INPUT_FILE_BYTES, readInputFile } from "../../src/scenario/load.js";
import { errorsOf, repoRoot, scenarioOf, scenarioYaml, tempDir, writeFiles } from "./helpers.js";

const withTrace = (file: string, extra = "") =>
  scenarioYaml("", `traffic: [ { trace: { file: ${JSON.stringify(file)}${extra} } } ]`).replace("    traffic: [ { constant: 10 } ]\n", "");
const AT = "producers.0.traffic.0.trace.file";
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

function scenarioWithTrace(trace: string, extra = ""): string {
  const dir = tempDir();
  writeFiles(dir, { "x.yaml": withTrace(trace, extra) });
  return path.join(dir, "x.yaml");
}

describe("trace files", () => {
  it("a trace that is a device (/dev/zero grew to 8.9 GB in a minute) is refused at once", () => {
    const file = scenarioWithTrace("/dev/zero");
    expect(errorsOf(loadScenarioFile(file))).toEqual([`${file}: ${AT}: /dev/zero is a device, not a regular file`]);
  });

  it("a trace that is a directory is refused as one", () => {
    const file = scenarioWithTrace(".");
    expect(errorsOf(loadScenarioFile(file))).toEqual([`${file}: ${AT}: . is a directory, not a regular file`]);
  });

  it.skipIf(!hasMkfifo)("a trace or a scenario that is a FIFO is refused without waiting for a writer (it blocked forever)", () => {
    const file = scenarioWithTrace("pipe.csv");
    const dir = path.dirname(file);
    expect(spawnSync("mkfifo", [path.join(dir, "pipe.csv"), path.join(dir, "pipe.yaml")]).status).toBe(0);
    // In a child process, so that the old behaviour (blocking in readFileSync) fails the test instead of hanging it.
    const cli = path.join(repoRoot, "dist/src/cli/main.js");
    const run = spawnSync(process.execPath, [cli, "validate", file, path.join(dir, "pipe.yaml")], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe(
      `${file}: ${AT}: pipe.csv is a FIFO (named pipe), not a regular file\n` +
        `${path.join(dir, "pipe.yaml")}: the file is a FIFO (named pipe), not a regular file\n`,
    );
    expect(run.status).toBe(2);
    const sweep = spawnSync(process.execPath, [cli, "sweep", path.join(dir, "pipe.yaml"), "--out", path.join(dir, "o")], { encoding: "utf8", timeout: 60_000 });
    expect([sweep.status, sweep.stderr]).toEqual([2, `${path.join(dir, "pipe.yaml")}: the file is a FIFO (named pipe), not a regular file\n`]);
  });

  it("a trace larger than 64 MiB is refused naming the limit, without reading it", () => {
    const file = scenarioWithTrace("huge.csv");
    const fd = fs.openSync(path.join(path.dirname(file), "huge.csv"), "w");
    fs.ftruncateSync(fd, MAX_INPUT_FILE_BYTES + 1); // sparse: no 64 MiB written to disk
    fs.closeSync(fd);
    expect(errorsOf(loadScenarioFile(file))).toEqual([`${file}: ${AT}: huge.csv is larger than the limit of 64MiB (67,108,864 B)`]);
  });

  it.skipIf(!fs.existsSync("/proc/self/status"))("a file whose size says 0 but that has more is read only up to the limit", () => {
    expect(fs.statSync("/proc/self/status").size).toBe(0);
    expect(readInputFile("/proc/self/status", 16)).toEqual({ problem: "is larger than the limit of 16B (16 B)" });
    expect(readInputFile("/proc/self/status")).toMatchObject({ text: expect.stringContaining("Name:") });
  });

  it("a file that is not a trace is quoted by a short excerpt, never a whole line", () => {
    const secret = `root:${"s3cret".repeat(20)}:0:0:root:/root:/bin/bash`;
    const file = scenarioWithTrace("passwd", ", timeColumn: ts");
    writeFiles(path.dirname(file), { passwd: `${secret}\n${secret}\n${secret}\n` });
    const errors = errorsOf(loadScenarioFile(file));
    expect(errors).toEqual([
      `${file}: producers.0.traffic.0.trace.timeColumn: passwd:1: no column named "ts"; the header has: root:s3crets3crets3crets… (${secret.length} characters)`,
    ]);
    const other = scenarioWithTrace("passwd");
    writeFiles(path.dirname(other), { passwd: `a,b\n${secret},1\n0,${secret}\n` });
    for (const line of errorsOf(loadScenarioFile(other))) expect(line).not.toContain("s3cret".repeat(5));
  });

  it("counts and times too large to be numbers are refused at their line", () => {
    const huge = "9".repeat(400);
    const file = scenarioWithTrace("t.csv");
    writeFiles(path.dirname(file), { "t.csv": `t,n\n0,${huge}\n${huge},1\n` });
    expect(errorsOf(loadScenarioFile(file))).toEqual([
      `${file}: ${AT}: t.csv:2: count ${"9".repeat(24)}… (400 characters) is too large to be a number`,
      `${file}: ${AT}: t.csv:3: time ${"9".repeat(24)}… (400 characters) is too large to be a number`,
    ]);
    // Each number is finite; a count of 1e300 over 1e-300 s is not.
    writeFiles(path.dirname(file), { "t.csv": `t,n\n0,${"9".repeat(300)}\n1e-300,1\n1,1\n` });
    expect(errorsOf(loadScenarioFile(file))).toEqual([
      `${file}: ${AT}: t.csv:2: the rate (count × scale ÷ interval) or the time span is too large to be a number`,
    ]);
  });

  it("the shipped trace still loads", () => {
    const scenario = scenarioOf(loadScenarioFile(path.join(repoRoot, "scenarios", "trace-replay.yaml")));
    expect(scenario.producers.length).toBeGreaterThan(0);
  });
});

describe("scenario files", () => {
  it.skipIf(!hasMkfifo)("explain does not wait on a FIFO where a saved run's scenario.json would be", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "reports", "steady-orders"), { recursive: true });
    expect(spawnSync("mkfifo", [path.join(dir, "reports", "steady-orders", "scenario.json")]).status).toBe(0);
    const cli = path.join(repoRoot, "dist/src/cli/main.js");
    const run = spawnSync(process.execPath, [cli, "explain", path.join(repoRoot, "scenarios", "steady-orders.yaml")], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect([run.status, run.stderr]).toEqual([0, ""]);
  });

  it("a scenario that is a directory or a device is refused naming it", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "d.yaml"));
    expect(errorsOf(loadScenarioFile(path.join(dir, "d.yaml")))).toEqual([`${path.join(dir, "d.yaml")}: the file is a directory, not a regular file`]);
    fs.symlinkSync("/dev/zero", path.join(dir, "zero.yaml"));
    expect(errorsOf(loadScenarioFile(path.join(dir, "zero.yaml")))).toEqual([`${path.join(dir, "zero.yaml")}: the file is a device, not a regular file`]);
  });
});

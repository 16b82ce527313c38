// Files read back from a run or sweep directory are regular files read with a bound: a FIFO or a device put in a
// saved file's place is refused at once (it blocked `report`, `compare` and `--resume` forever before).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { capture, tempDir, writeScenario } from "./cli-helpers.js";

const CLI = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

/** The CLI in a child process, killed after 20 s (a blocked read would never end in this process). */
function child(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", timeout: 20_000, killSignal: "SIGKILL" });
  return { code: result.status, signal: result.signal, err: result.stderr };
}

describe("saved files that are not regular files", () => {
  it("report and compare refuse a run whose timeseries.csv is a FIFO, with exit 2 naming it", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    for (const run of ["a", "b"]) expect(await runCli(["run", file, "--out", run, "-q", "--no-charts"], capture(dir).io)).toBe(0);
    rmSync(join(dir, "b", "timeseries.csv"));
    spawnSync("mkfifo", [join(dir, "b", "timeseries.csv")]);
    const report = child(dir, ["report", "b"]);
    expect(report.signal).toBeNull();
    expect(report.code).toBe(2);
    expect(report.err).toBe("sqs-sim: b/timeseries.csv is a FIFO (named pipe), not a regular file\n");
    const compare = child(dir, ["compare", "a", "b", "--out", "cmp"]);
    expect(compare.code).toBe(2);
    expect(compare.err).toBe("sqs-sim: b/timeseries.csv is a FIFO (named pipe), not a regular file\n");
  });

  it("sweep --resume refuses a cell file that is a FIFO, with exit 2 naming it", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect(await runCli(["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "s", "-q", "--no-charts"], capture(dir).io)).toBe(0);
    rmSync(join(dir, "s", "results.json"));
    rmSync(join(dir, "s", "cells", "000001.json"));
    spawnSync("mkfifo", [join(dir, "s", "cells", "000001.json")]);
    const resumed = child(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "s", "--resume"]);
    expect(resumed.signal).toBeNull();
    expect(resumed.code).toBe(2);
    expect(resumed.err).toMatch(/^sqs-sim: --resume: s\/cells\/000001\.json: cannot read it \(it is a FIFO \(named pipe\), not a regular file\)\n$/);
  });
});

describe("sweep --workers", () => {
  it("is at most 256: each worker thread holds a run's memory again", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    expect(await runCli(["sweep", writeScenario(dir), "--vary", "fleet.instances=1,2", "--workers", "100000"], io)).toBe(2);
    expect(err.join("")).toBe("error: option '--workers <n>' argument '100000' is invalid. expected a whole number from 1 to 256\n");
  });
});

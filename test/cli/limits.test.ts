// Limits reached during a run are the scenario's doing: exit 2 naming the limit, not exit 1 ("the simulation failed").
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { capture, SMALL, tempDir, writeScenario } from "./cli-helpers.js";

describe("limits reached during a run end it with exit 2 naming the limit, not exit 1", () => {
  it("limits.maxEvents stops the run, naming the simulated time, and writes nothing", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const { io, out, err } = capture(dir);
    expect(await runCli(["run", file, "--out", "o", "--set", "limits.maxEvents=500"], io)).toBe(2);
    expect(out.join("")).toBe("");
    expect(err.join("")).toMatch(new RegExp(`^${file}: limits\\.maxEvents: the run reached 500 events at simulated time \\d+\\.\\d{6} s; raise limits\\.maxEvents to let it finish\\n$`));
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it("limits.maxStoredMessages holds as written below the store's first chunk of 1,024 messages", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    // Five orders a second into two instances: a handful of messages at once, within the estimate's 0 backlog but
    // above a limit of 2 (before, the store's first chunk let it hold 1,024 whatever the limit).
    expect(await runCli(["run", writeScenario(dir, SMALL), "--out", "o", "--set", "limits.maxStoredMessages=2"], io)).toBe(2);
    expect(err.join("")).toMatch(/small\.yaml: limits\.maxStoredMessages: the queue reached 2 messages at simulated time \d+\.\d{6} s, more than the estimate before the run; raise limits\.maxStoredMessages/);
    expect(existsSync(join(dir, "o"))).toBe(false);
    expect(await runCli(["run", writeScenario(dir, SMALL), "--out", "o", "--quiet", "--set", "limits.maxStoredMessages=1024"], io)).toBe(0);
  });
});

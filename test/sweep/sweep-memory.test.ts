// A sweep's worker threads each hold a run: together they must fit within limits.maxMemory.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { BASE_BYTES } from "../../src/sim/memory-estimate.js";
import { sweepMemoryBytes, workersWithin } from "../../src/sweep/memory.js";
import { planSweep } from "../../src/sweep/plan.js";
import { capture, tempDir, writeTiny } from "./helpers.js";

describe("sweepMemoryBytes and workersWithin", () => {
  it("count Node once and each thread's run and isolate again", () => {
    const run = BASE_BYTES + 300e6;
    expect(sweepMemoryBytes(run, 1)).toBe(run);
    expect(sweepMemoryBytes(run, 4)).toBe(BASE_BYTES + 4 * 350e6);
    expect(workersWithin(run, BASE_BYTES + 4 * 350e6, 8)).toBe(4);
    expect(workersWithin(run, BASE_BYTES + 4 * 350e6 - 1, 8)).toBe(3);
    expect(workersWithin(run, 1, 8)).toBe(1);
  });
});

describe("sqs-sim sweep and limits.maxMemory", () => {
  it("--workers beyond what fits is refused with exit 2; without --workers the sweep runs fewer at once and says so", async () => {
    const dir = tempDir();
    const file = writeTiny(dir);
    const planned = planSweep({ file, sets: [], vary: ["fleet.instances=1,2"], replications: 1 });
    if (!planned.ok) throw new Error(planned.errors.join("\n"));
    // Room for one run, not two.
    const limit = `limits.maxMemory=${Math.ceil(planned.plan.runMemory.bytes) + 1000}`;
    const refused = capture(dir);
    expect(await runCli(["sweep", file, "--vary", "fleet.instances=1,2", "--set", limit, "--workers", "2", "--out", "a"], refused.io)).toBe(2);
    expect(refused.err.join("")).toMatch(
      /^sqs-sim: --workers 2: 2 runs at once would need about [\d.]+ MB \(each run needs about [\d.]+ MB, and limits\.maxMemory is [\d,]+ B\); use --workers 1 or fewer/,
    );
    const capped = capture(dir);
    expect(await runCli(["sweep", file, "--vary", "fleet.instances=1,2", "--set", limit, "--out", "b", "--no-charts"], capped.io)).toBe(0);
    // Without --workers a sweep would take every core (one here would have nothing to cap).
    const expected = availableParallelism() > 1 ? /^sqs-sim: running one run at once rather than \d+: each run needs about .*\n$/ : /^$/;
    expect(capped.err.join("")).toMatch(expected);
  });
});

// SIGTERM, as a job system sends it (Kubernetes deleting or evicting a pod, AWS Batch cancelling a job), stops a
// sweep as the first Ctrl-C does: no new run starts, the finished cells stay, exit 1, and --resume finishes the rest.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { requireBuiltWorker, tempDir, writeTiny } from "./helpers.js";

const CLI = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));
// 24 cells × 2 replications of a 3-hour scenario: several seconds on one worker, so a signal lands mid-sweep.
const ARGS = ["--set", "duration=3h", "--vary", "fleet.instances=1..8/8", "--vary", "consumers.concurrency=1,2,4", "-n", "2", "--workers", "1", "--out", "s"];

function sweep(dir: string, file: string, extra: string[], signalWhenCells?: number) {
  return new Promise<{ code: number | null; err: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, "sweep", file, ...ARGS, ...extra], { cwd: dir });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer =
      signalWhenCells === undefined
        ? undefined
        : setInterval(() => {
            const cells = join(dir, "s", "cells");
            if (existsSync(cells) && readdirSync(cells).filter((n) => n.endsWith(".json")).length >= signalWhenCells) {
              clearInterval(timer);
              child.kill("SIGTERM");
            }
          }, 20);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, err });
    });
  });
}

describe("a sweep sent SIGTERM", () => {
  it("keeps its finished cells, exits 1 saying so, and --resume completes it", async () => {
    requireBuiltWorker();
    const dir = tempDir();
    const file = writeTiny(dir);
    const stopped = await sweep(dir, file, [], 2);
    expect(stopped.code).toBe(1);
    expect(stopped.err).toContain("sqs-sim: stopping on SIGTERM: the running cells finish and are kept; --resume continues\n");
    const kept = readdirSync(join(dir, "s", "cells")).length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(24);
    expect(existsSync(join(dir, "s", "results.csv"))).toBe(false);
    const resumed = await sweep(dir, file, ["--resume", "-q"]);
    expect(resumed).toEqual({ code: 0, err: "" });
    expect(readdirSync(join(dir, "s", "cells"))).toHaveLength(24);
    expect(existsSync(join(dir, "s", "results.csv"))).toBe(true);
  }, 60_000);
});

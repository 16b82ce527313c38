// Issue 12 §8: every cell of a sweep sees the same random numbers in replication r, so a parameter that does not bind
// gives identical figures; a sweep directory of an older sqs-sim (independent numbers per cell) is not mixed in.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CellRecord, independentReplicationSeed, replicationSeed } from "../../src/sweep/index.js";
import { cli, requireBuiltWorker, tempDir, writeTiny } from "./helpers.js";

// An Auto Scaling group that 3 msg/s never pushes past 2 instances: fleet.max 4, 6 and 8 are never reached.
const GROUP_YAML = `name: group
duration: 10m
queue: { visibilityTimeout: 30s, receiveWaitTime: 20s }
producers:
  - name: orders
    traffic: [ { constant: 3 } ]
consumers: { processing: { exponential: { mean: 300ms } } }
fleet:
  kind: asg
  min: 2
  max: 4
  launchTime: 30s
  policies:
    - targetTracking: { metric: backlogPerInstance, target: 100 }
`;

const cellFile = (dir: string, cell: number): CellRecord => JSON.parse(readFileSync(join(dir, "cells", `${String(cell).padStart(6, "0")}.json`), "utf8"));

describe("common random numbers across a sweep's cells", () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    requireBuiltWorker();
    dir = tempDir();
    file = writeTiny(dir, GROUP_YAML, "group.yaml");
    const run = await cli(dir, ["sweep", file, "--vary", "fleet.max=4,6,8", "-n", "3", "--seed", "11", "--workers", "1", "--out", "s"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
  });

  it("gives replication r of every cell the same seed, a function of the root seed and r alone", () => {
    const seeds = [0, 1, 2].map((cell) => cellFile(join(dir, "s"), cell).seeds);
    expect(seeds[0]).toEqual([0, 1, 2].map((r) => replicationSeed(11, r)));
    expect(seeds[1]).toEqual(seeds[0]);
    expect(seeds[2]).toEqual(seeds[0]);
    expect(new Set(seeds[0]).size).toBe(3); // the replications still differ from one another
  });

  it("gives byte-identical figures to cells whose parameter never binds (fleet.max never reached)", () => {
    const cells = [0, 1, 2].map((cell) => cellFile(join(dir, "s"), cell));
    expect(Math.max(...cells.flatMap((c) => c.metrics["peak_instances"]!.map(Number)))).toBeLessThan(4);
    expect(JSON.stringify(cells[1]!.metrics)).toBe(JSON.stringify(cells[0]!.metrics));
    expect(JSON.stringify(cells[2]!.metrics)).toBe(JSON.stringify(cells[0]!.metrics));
    // …while the replications are not copies of one another.
    expect(new Set(cells[0]!.metrics["queue_wait_p99_s"]).size).toBeGreaterThan(1);
  });

  it("says so in the report and on the terminal", async () => {
    expect(readFileSync(join(dir, "s", "report.html"), "utf8")).toContain(
      "Cells share random numbers: replication r of every cell ran with the same seed, so a difference between cells is the parameters&#39; doing, not chance.",
    );
    expect(JSON.parse(readFileSync(join(dir, "s", "results.json"), "utf8")).sweep.randomNumbers).toBe("common");
  });

  it("`sqs-sim run --set … --seed <seed>` gives a cell's replication exactly", async () => {
    const record = cellFile(join(dir, "s"), 2);
    const run = await cli(dir, ["run", file, "--set", "fleet.max=8", "--seed", String(record.seeds[1]), "--out", "one", "-q"]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "one", "summary.json"), "utf8"));
    expect(summary.latency.queueWait.p99).toBe(record.metrics["queue_wait_p99_s"]![1]);
    expect(summary.cost.totalUsd).toBe(record.metrics["total_cost_usd"]![1]);
  });
});

describe("a sweep directory of an older sqs-sim (sqs-sim-sweep/1, independent numbers per cell)", () => {
  // What an older sqs-sim wrote: the same cells, format 1, each cell's seeds hashed with its key.
  function makeLegacy(dir: string, name: string): void {
    const manifestFile = join(dir, name, "sweep.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    delete manifest.constraints;
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, format: "sqs-sim-sweep/1" }, null, 2) + "\n");
    for (const cell of [0, 1]) {
      const record = cellFile(join(dir, name), cell);
      const seeds = record.seeds.map((_, r) => independentReplicationSeed(manifest.rootSeed, record.key, r));
      writeFileSync(join(dir, name, "cells", `${String(cell).padStart(6, "0")}.json`), JSON.stringify({ ...record, seeds }) + "\n");
    }
  }

  it("is refused by --resume with the reason, replaced by a new sweep, and its report redrawn as what it is", async () => {
    requireBuiltWorker();
    const dir = tempDir();
    const file = writeTiny(dir);
    const args = ["sweep", file, "--vary", "fleet.instances=1,2", "-n", "2", "--seed", "5", "--workers", "1"];
    expect((await cli(dir, [...args, "--out", "old", "-q"])).code).toBe(0);
    makeLegacy(dir, "old");

    const redraw = await cli(dir, ["report", "old"]);
    expect(redraw.err).toBe("");
    expect(redraw.code).toBe(0);
    expect(readFileSync(join(dir, "old", "report.html"), "utf8")).toContain("Each cell drew its own random numbers (a sweep of an older sqs-sim)");

    const resumed = await cli(dir, [...args, "--out", "old", "--resume"]);
    expect(resumed.code).toBe(2);
    expect(resumed.err).toBe(
      "sqs-sim: --resume: old holds another sweep: one was run by an older sqs-sim (sqs-sim-sweep/1), whose cells drew " +
        "independent random numbers; now every cell's replication r shares the same random numbers, so the two cannot be mixed: run the older sweep again, in a new directory\n",
    );

    const again = await cli(dir, [...args, "--out", "old", "-q"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "old", "sweep.json"), "utf8")).format).toBe("sqs-sim-sweep/2");
  });
});

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { sweepCommand, type SweepOptions } from "../../src/cli/sweep-command.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { simulate } from "../../src/sim/simulate.js";
import { cellAt, cellSets, type CellRecord, readMetrics, type ResultRow, replicationSeed } from "../../src/sweep/index.js";
import { capture, cli, readTree, requireBuiltWorker, tempDir, writeTiny } from "./helpers.js";

// 6 cells (2 × 3) × 2 replications of a 5-minute scenario: a few tenths of a second on one core.
const GRID = ["--vary", "fleet.instances=1,2", "--vary", "queue.visibilityTimeout=5s..15s/3", "--replications", "2", "--seed", "7"];
const OPTIONS: SweepOptions = { vary: ["fleet.instances=1,2", "queue.visibilityTimeout=5s..15s/3"], set: [], replications: 2, seed: 7 };

describe("sqs-sim sweep", () => {
  let dir: string;
  let file: string;
  let whole: Record<string, string>;

  beforeAll(async () => {
    requireBuiltWorker();
    dir = tempDir();
    file = writeTiny(dir);
    const run = await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--out", "whole"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    whole = readTree(join(dir, "whole"));
  });

  it("writes sweep.json, one file per cell, results.csv and results.json, and prints where", async () => {
    expect(Object.keys(whole)).toEqual([
      "cells/000000.json",
      "cells/000001.json",
      "cells/000002.json",
      "cells/000003.json",
      "cells/000004.json",
      "cells/000005.json",
      "charts/cost-vs-p99.png",
      "charts/heatmap-queue-wait-p99.png",
      "charts/heatmap-total-cost.png",
      "report.html",
      "results.csv",
      "results.json",
      "sweep.json",
    ]);
    const csv = whole["results.csv"]!.split("\n");
    expect(csv[0]).toBe(
      "cell,fleet.instances,queue.visibilityTimeout," +
        "queue_wait_p99_s_mean,queue_wait_p99_s_ci95_low,queue_wait_p99_s_ci95_high," +
        "end_to_end_p99_s_mean,end_to_end_p99_s_ci95_low,end_to_end_p99_s_ci95_high," +
        "slo_breaches_msgs_mean,slo_breaches_msgs_ci95_low,slo_breaches_msgs_ci95_high," +
        "duplicate_processing_msgs_mean,duplicate_processing_msgs_ci95_low,duplicate_processing_msgs_ci95_high," +
        "dead_lettered_msgs_mean,dead_lettered_msgs_ci95_low,dead_lettered_msgs_ci95_high," +
        "peak_instances_mean,peak_instances_ci95_low,peak_instances_ci95_high," +
        "billed_instance_hours_mean,billed_instance_hours_ci95_low,billed_instance_hours_ci95_high," +
        "total_cost_usd_mean,total_cost_usd_ci95_low,total_cost_usd_ci95_high," +
        "expired_msgs_mean,expired_msgs_ci95_low,expired_msgs_ci95_high," +
        "deleted_per_second_max_mean,deleted_per_second_max_ci95_low,deleted_per_second_max_ci95_high,waiting_at_end_msgs_mean,waiting_at_end_msgs_ci95_low,waiting_at_end_msgs_ci95_high,replications,feasible,robust,pareto",
    );
    expect(csv.slice(1, -1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["0,1,5s", "1,1,10s", "2,1,15s", "3,2,5s", "4,2,10s", "5,2,15s"]);
    expect(csv.slice(1, -1).every((l) => /,2,,,(true|false)$/.test(l))).toBe(true); // no --slo: feasible and robust empty
    expect(csv.at(-1)).toBe("");
    for (const line of csv.slice(1, -1)) for (const field of line.split(",").slice(3, -3)) expect(field).toMatch(/^-?\d+(\.\d{1,6})?$/);
    const json = JSON.parse(whole["results.json"]!);
    expect(json.sweep).toMatchObject({ scenario: "tiny", rootSeed: 7, replications: 2, cells: 6, sets: [] });
    expect(json.sweep.vary).toEqual([
      { path: "fleet.instances", values: ["1", "2"] },
      { path: "queue.visibilityTimeout", values: ["5s", "10s", "15s"] },
    ]);
    expect(json.rows[3].parameters).toEqual({ "fleet.instances": "2", "queue.visibilityTimeout": "5s" });
    expect(json.rows[3].metrics.peak_instances).toEqual({ mean: 2, ci95Low: 2, ci95High: 2, values: [2, 2] });
  });

  it("a cell re-run alone with simulate and its derived seed gives the numbers of its row", async () => {
    const rows = JSON.parse(whole["results.json"]!).rows as ResultRow[];
    const dims = [
      { path: "fleet.instances", values: ["1", "2"] },
      { path: "queue.visibilityTimeout", values: ["5s", "10s", "15s"] },
    ];
    const cell = cellAt(dims, 4);
    const record = JSON.parse(whole["cells/000004.json"]!) as CellRecord;
    const loaded = loadScenarioFile(file, { sets: cellSets(dims, cell) });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    for (const r of [0, 1]) {
      const seed = replicationSeed(7, r);
      expect(rows[4]!.seeds[r]).toBe(seed);
      const alone = readMetrics(simulate(loaded.scenario, { seed }));
      expect(Object.values(record.metrics).map((values) => values[r])).toEqual(alone);
    }
    expect(rows[4]!.metrics["queue_wait_p99_s"]!.values).toEqual(record.metrics["queue_wait_p99_s"]!.map((v) => Number(v!.toFixed(6))));
  });

  it("adding a value to a list leaves the other cells' numbers as they were (seeds follow values, not indexes)", async () => {
    const run = await cli(dir, [
      "sweep",
      file,
      ...GRID.slice(0, 3),
      "queue.visibilityTimeout=1s,5s..15s/3",
      ...GRID.slice(4),
      "--workers",
      "1",
      "--out",
      "longer",
      "-q",
    ]);
    expect(run.code).toBe(0);
    const before = JSON.parse(whole["results.json"]!).rows as ResultRow[];
    const after = JSON.parse(readFileSync(join(dir, "longer", "results.json"), "utf8")).rows as ResultRow[];
    expect(after).toHaveLength(8);
    for (const row of before) {
      const same = after.find((a) => JSON.stringify(a.parameters) === JSON.stringify(row.parameters));
      expect({ ...same, cell: row.cell }).toEqual(row);
    }
  });

  it("results are byte-identical with 1 worker (this thread) and 3 worker threads", async () => {
    const run = await cli(dir, ["sweep", file, ...GRID, "--workers", "3", "--out", "threads"]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^sweep tiny: 6 cells × 2 replications, 12 runs in [\d.]+ s on 3 workers\n {2}cells share random numbers: replication r of every cell ran with the same seed, so a difference between cells is the parameters' doing, not chance\n {2}results {2}threads\/results\.csv · results\.json\n {2}report {3}threads\/report\.html\n$/,
    );
    expect(readTree(join(dir, "threads"))).toEqual(whole);
  });

  it("shards 0/3, 1/3 and 2/3 merged give the whole run's directory byte for byte", async () => {
    for (const i of [0, 1, 2]) {
      const run = await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--shard", `${i}/3`, "-q"]);
      expect(run.code).toBe(0);
    }
    const parts = [0, 1, 2].map((i) => join("reports", `tiny-sweep-shard-${i}-of-3`));
    const shard1 = readTree(join(dir, parts[1]!));
    expect(Object.keys(shard1)).toEqual(["cells/000001.json", "cells/000004.json", "results.csv", "results.json", "sweep.json"]);
    expect(JSON.parse(shard1["sweep.json"]!).shard).toEqual({ index: 1, count: 3 });
    expect(
      shard1["results.csv"]!.split("\n")
        .slice(1, -1)
        .map((l) => l.split(",")[0]),
    ).toEqual(["1", "4"]);

    const merged = await cli(dir, ["merge", ...parts.reverse(), "--out", "merged"]);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe("merged 3 parts: 6 cells → merged/results.csv · results.json · report.html\n");
    const tree = readTree(join(dir, "merged"));
    expect(tree["results.csv"]).toBe(whole["results.csv"]);
    expect(tree).toEqual(whole);
  });

  it("merge refuses parts that miss a cell, hold a cell twice, or belong to different sweeps", async () => {
    for (const i of [0, 1]) expect((await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--shard", `${i}/2`, "-q", "--out", `half${i}`])).code).toBe(0);
    const missing = await cli(dir, ["merge", "half0", "--out", "m1"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("sqs-sim: 3 of the 6 cells are in no part (cells 1, 3, 5); merge needs every shard of the sweep\n");
    const twice = await cli(dir, ["merge", "half0", "half1", "whole", "--out", "m2"]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/^sqs-sim: cell 0 is in both \S*half0 and \S*whole; each cell must come from exactly one part\n$/);
    const other = await cli(dir, ["sweep", file, ...GRID.slice(0, -1), "8", "--workers", "1", "--shard", "1/2", "-q", "--out", "other1"]);
    expect(other.code).toBe(0);
    const mixed = await cli(dir, ["merge", "half0", "other1", "--out", "m3"]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/other1 and \S*half0 are parts of different sweeps: the root seed differs \(7 vs 8\)\n$/);
    expect(existsSync(join(dir, "m1")) || existsSync(join(dir, "m2")) || existsSync(join(dir, "m3"))).toBe(false);
    expect((await cli(dir, ["merge", "half0", "half1", "--out", "m4"])).code).toBe(0);
    expect(readTree(join(dir, "m4"))).toEqual(whole);
  });

  it("an interrupted sweep keeps its finished cells, and --resume completes it to the same files as a whole run", async () => {
    const stop = new AbortController();
    const written: number[] = [];
    const c = capture(dir);
    const onCellWritten = (index: number): void => {
      written.push(index);
      if (written.length === 2) stop.abort(); // Ctrl-C after the second cell
    };
    const code = await sweepCommand(file, { ...OPTIONS, workers: 2, out: "resumed" }, c.io, { stop: stop.signal, onCellWritten });
    expect(code).toBe(1);
    const kept = readdirSync(join(dir, "resumed", "cells"));
    // The cells that were running when Ctrl-C came finish too (at most one per worker).
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);
    expect(c.errors()).toBe(`sqs-sim: interrupted: ${kept.length} of 6 cells are done and kept in resumed; run the same command with --resume to continue\n`);
    expect(existsSync(join(dir, "resumed", "results.csv"))).toBe(false);
    for (const name of kept) expect(readFileSync(join(dir, "resumed", "cells", name), "utf8")).toBe(whole[`cells/${name}`]);

    const again = await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--out", "resumed"]);
    expect(again.code).toBe(2);
    expect(again.err).toBe(
      `sqs-sim: --out: resumed holds an unfinished sweep (${kept.length} of 6 cells done); add --resume to continue it, or choose another directory\n`,
    );

    const resumed = await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--out", "resumed", "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(`(${kept.length} reused from the earlier run), ${(6 - kept.length) * 2} runs in`);
    expect(readTree(join(dir, "resumed"))).toEqual(whole);
  });

  it("--resume reruns the cells whose files are gone (a crash before they were written)", async () => {
    const copy = await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--out", "crashed", "-q"]);
    expect(copy.code).toBe(0);
    for (const name of ["results.csv", "results.json", "cells/000002.json", "cells/000005.json"]) rmSync(join(dir, "crashed", name));
    // What writeFileAtomically leaves when killed between writing and renaming (an older sqs-sim's name, and this one's).
    writeFileSync(join(dir, "crashed", "cells", ".000005.json.tmp-1-x"), "{half");
    writeFileSync(join(dir, "crashed", ".results.csv.tmp-pod-7-0a1b2c3d"), "cell,");
    const resumed = await cli(dir, ["sweep", file, ...GRID, "--workers", "1", "--out", "crashed", "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toBe("sqs-sim: removed 2 temporary files from crashed, left by an sqs-sim process that ended while writing\n");
    expect(readTree(join(dir, "crashed"))).toEqual(whole);
  });

  it("--resume refuses a directory holding another sweep, or a cell file that does not fit", async () => {
    const other = await cli(dir, ["sweep", file, ...GRID.slice(0, 3), "queue.visibilityTimeout=5s,10s", ...GRID.slice(4), "--out", "whole", "--resume"]);
    expect(other.code).toBe(2);
    expect(other.err).toBe(
      "sqs-sim: --resume: whole holds another sweep: the --vary lists differ " +
        "(fleet.instances=1,2 queue.visibilityTimeout=5s,10s,15s vs fleet.instances=1,2 queue.visibilityTimeout=5s,10s)\n",
    );
    const edited = writeTiny(dir, readFileSync(file, "utf8").replace("constant: 3", "constant: 4"), "edited.yaml");
    const changed = await cli(dir, ["sweep", edited, ...GRID, "--out", "whole", "--resume"]);
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/holds another sweep: the scenario's content differs \(the file, a trace or a default changed\)\n$/);
  });

  it("refuses a directory it did not write, and replaces a finished sweep", async () => {
    writeFileSync(join(dir, "notes.txt"), "mine");
    const refused = await cli(dir, ["sweep", file, ...GRID, "--out", "."]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/is not a sweep directory \(it has no sweep\.json\); choose a new or empty directory/);
    expect((await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "again", "-q"])).code).toBe(0);
    const replaced = await cli(dir, ["sweep", file, "--vary", "fleet.instances=3", "--workers", "1", "--out", "again", "-q"]);
    expect(replaced.code).toBe(0);
    expect(readdirSync(join(dir, "again", "cells"))).toEqual(["000000.json"]);
    expect(JSON.parse(readFileSync(join(dir, "again", "results.json"), "utf8")).rows[0].parameters).toEqual({ "fleet.instances": "3" });
    // A file of the user's inside a sweep directory: the sweep may be resumed, never cleared.
    writeFileSync(join(dir, "again", "notes.txt"), "mine");
    const cleared = await cli(dir, ["sweep", file, "--vary", "fleet.instances=4", "--workers", "1", "--out", "again", "-q"]);
    expect(cleared.code).toBe(2);
    expect(cleared.err).toBe(
      "sqs-sim: --out: again holds notes.txt, which a sweep does not write, and starting a new sweep there would lose it; " +
        "move it out or choose a new or empty directory, so that nothing of yours is replaced\n",
    );
    expect((await cli(dir, ["sweep", file, "--vary", "fleet.instances=3", "--workers", "1", "--out", "again", "-q", "--resume"])).code).toBe(0);
  });

  it("checks every cell's scenario before running any, naming the cell and the field (exit 2)", async () => {
    const run = await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--vary", "queue.visibilityTimeout=30s,13h", "--out", "bad"]);
    expect(run.code).toBe(2);
    const line = (cell: string): string =>
      `${cell}: ${file}: queue.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s) (from --vary queue.visibilityTimeout=13h)`;
    expect(run.err).toBe(
      `${line("cell 1 (fleet.instances=1, queue.visibilityTimeout=13h)")}\n${line("cell 3 (fleet.instances=2, queue.visibilityTimeout=13h)")}\n`,
    );
    expect(existsSync(join(dir, "bad"))).toBe(false);

    // A problem every cell shares is printed once, without a cell.
    const shared = await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--set", "queue.visibilityTimeout=13h", "--out", "bad"]);
    expect(shared.code).toBe(2);
    expect(shared.err).toBe(`${file}: queue.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s) (from --set queue.visibilityTimeout=13h)\n`);
  });

  it("usage errors are exit 2: a bad --vary, --replications 0, a bad --shard, a path in both --set and --vary", async () => {
    const cases: [string[], string][] = [
      [["--vary", "fleet.instances=1..3"], "--vary fleet.instances: 1..3: a range needs its number of values after a slash, e.g. 1..3/5\n"],
      [["--replications", "0"], "error: option '-n, --replications <n>' argument '0' is invalid. expected a whole number ≥ 1\n"],
      [["--shard", "3/3"], "sqs-sim: --shard 3/3: shard 3 does not exist in 3 shards (indexes run from 0 to 2)\n"],
      [["--shard-count", "3"], "sqs-sim: --shard-count goes with --shard auto\n"],
      [
        ["--set", "fleet.instances=2", "--vary", "fleet.instances=1,3"],
        "--vary fleet.instances: the path is also given by --set fleet.instances=2; keep one of them\n",
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(dir, ["sweep", file, ...args]);
      expect(run.code).toBe(2);
      expect(run.err).toBe(message);
    }
  });

  it("--shard auto reads a Kubernetes Indexed Job's JOB_COMPLETION_INDEX and writes its part under the default name", async () => {
    const c = capture(dir);
    const code = await sweepCommand(file, { ...OPTIONS, workers: 1, shard: "auto/3", quiet: true }, c.io, { env: { JOB_COMPLETION_INDEX: "1" } });
    expect(code).toBe(0);
    const lines = whole["results.csv"]!.split("\n");
    const part = readFileSync(join(dir, "reports", "tiny-sweep-shard-1-of-3", "results.csv"), "utf8");
    // The header, cells 1 and 4; a shard leaves the pareto column (the last) empty: the front needs the whole grid.
    const noPareto = (line: string): string => line.replace(/,(true|false)$/, ",");
    expect(part).toBe([lines[0], noPareto(lines[2]!), noPareto(lines[5]!), ""].join("\n"));
    const none = capture(dir);
    expect(await sweepCommand(file, { ...OPTIONS, shard: "auto" }, none.io, { env: {} })).toBe(2);
    expect(none.errors()).toMatch(/^sqs-sim: --shard auto: neither JOB_COMPLETION_INDEX/);
  });

  it("on a terminal a sweep that lasts over a second draws cells done and the ETA, and clears the line at the end", async () => {
    let clock = 0;
    const c = capture(dir, { stderrIsTTY: true, now: () => (clock += 400) });
    expect(await runCli(["sweep", file, ...GRID, "--workers", "1", "--out", "bar"], c.io)).toBe(0);
    const bar = c.errors();
    expect(bar).toMatch(/^\r\[#*-*\] \d\/6 cells +\d+% {2}ETA /);
    expect(bar).toMatch(/\r {20,}\r$/);
    expect(bar.replace(/\r[^\r]*/g, "")).toBe("");
  });
});

describe("a sweep one of whose runs reaches a limit", () => {
  it.each([1, 2])("with %i worker(s): exit 2 (as for run) naming the cell, replication, seed and limit; the finished cells are kept", async (workers) => {
    requireBuiltWorker();
    const dir = tempDir();
    const file = writeTiny(dir);
    const c = capture(dir);
    // Short polls sample the queue (aws-behaviour 2.4) and come back empty more often than the plan's estimate of
    // about 2,100 events counts: 2,500 passes the plan and is reached during the run.
    const code = await runCli(
      ["sweep", file, "--set", "consumers.waitTime=0s", "--vary", "limits.maxEvents=100000000,2500", "-n", "2", "--workers", String(workers), "--out", "o"],
      c.io,
    );
    expect(code).toBe(2);
    expect(c.errors()).toMatch(
      /^sqs-sim: cell 1 \(limits\.maxEvents=2500\), replication \d \(seed \d+\): limits\.maxEvents: the run reached 2,500 events at simulated time .*\n/,
    );
    expect(c.errors()).toMatch(/\nsqs-sim: 1 of 2 cells are done and kept in o; --resume continues from them\n$/);
    expect(readdirSync(join(dir, "o", "cells"))).toEqual(["000000.json"]);
    expect(existsSync(join(dir, "o", "results.csv"))).toBe(false);
  });
});

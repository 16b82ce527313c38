// Issue 11: `--out` never loses a user's files, paths that cannot be written fail before simulating, and what a
// killed process leaves beside or inside an output directory is recovered or cleared by the next command.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { tagFor } from "../../src/report/writer-tag.js";
import { readTree } from "../sweep/helpers.js";
import { capture, cliIn, tempDir, writeScenario } from "./cli-helpers.js";

const CLI = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

/** The id of a process that has ended (so that its debris counts as abandoned). */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

const cli = cliIn;

describe("run --out and a directory of the user's", () => {
  it("refuses a folder holding summary.json beside the user's own files, naming them, and changes nothing", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const mine = join(dir, "project");
    // A summary.json an earlier sqs-sim run wrote, so the folder passes as a run directory but for the rest.
    expect((await cli(dir, ["run", file, "--out", "project", "-q", "--no-charts"])).code).toBe(0);
    mkdirSync(join(mine, "src"));
    writeFileSync(join(mine, "src", "main.c"), "int main(void) { return 0; }\n");
    writeFileSync(join(mine, "NOTES.md"), "mine\n");
    const before = readTree(mine);
    const refused = await cli(dir, ["run", file, "--out", "project", "--no-charts"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      "sqs-sim: --out: project holds NOTES.md and src/, which a run does not write, and replacing project would lose them; " +
        "move them out or choose a new or empty directory, so that nothing of yours is replaced\n",
    );
    expect(readTree(mine)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(["project", "small.yaml"]);
  });

  it("`--out .` in the user's folder holding a summary.json is refused; in an empty folder it fills it in place", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    writeFileSync(join(dir, "summary.json"), JSON.stringify({ messages: {}, requests: {}, latency: {}, consumers: {}, fleet: {}, cost: {} }));
    const refused = await cli(dir, ["run", file, "--out", ".", "--no-charts"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("holds small.yaml, which a run does not write");
    expect(readdirSync(dir).sort()).toEqual(["small.yaml", "summary.json"]);

    const empty = join(dir, "here");
    mkdirSync(empty);
    const inode = statSync(empty).ino;
    const { io } = capture(empty);
    expect(await runCli(["run", file, "--out", ".", "-q", "--no-charts"], io)).toBe(0);
    // The same directory, not one put in its place: a shell standing in it still sees the files.
    expect(statSync(empty).ino).toBe(inode);
    expect(readdirSync(empty).sort()).toEqual(["activities.csv", "latency-histograms.json", "scenario.json", "summary.json", "timeseries.csv"]);
  });

  it("refuses a folder with only files of a run's names but no summary.json sqs-sim wrote (the user's own report.html)", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    mkdirSync(join(dir, "site", "charts"), { recursive: true });
    writeFileSync(join(dir, "site", "report.html"), "<h1>my page</h1>");
    writeFileSync(join(dir, "site", "charts", "logo.png"), "png");
    writeFileSync(join(dir, "site", "summary.json"), '{"mine": true}');
    const refused = await cli(dir, ["run", file, "--out", "site"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("site exists and is not an sqs-sim run directory (it has no summary.json that sqs-sim wrote)");
    expect(readFileSync(join(dir, "site", "report.html"), "utf8")).toBe("<h1>my page</h1>");
  });

  it("refuses a run directory with a file of the user's in charts/, and a symbolic link as --out", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect((await cli(dir, ["run", file, "--out", "run", "-q"])).code).toBe(0);
    writeFileSync(join(dir, "run", "charts", "notes.txt"), "mine");
    const refused = await cli(dir, ["run", file, "--out", "run", "-q"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("run holds charts/notes.txt, which a run does not write");
    spawnSync("ln", ["-s", "run", join(dir, "link")]);
    const linked = await cli(dir, ["run", file, "--out", "link", "-q"]);
    expect(linked.code).toBe(2);
    expect(linked.err).toBe(
      "sqs-sim: --out: link is a symbolic link; give the directory itself; choose a new or empty directory, so that nothing of yours is replaced\n",
    );
  });
});

describe("an --out that cannot be written fails before simulating, with exit 2", () => {
  it("a 235-character name is written (the staging name stays short); a 300-character one is refused up front", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const long = "r".repeat(235);
    const ok = await cli(dir, ["run", file, "--out", long, "-q", "--no-charts"]);
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, long, "summary.json"))).toBe(true);
    const tooLong = "t".repeat(300);
    const refused = await cli(dir, ["run", file, "--out", join("new", tooLong), "--no-charts"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`sqs-sim: --out: new/${tooLong}: cannot write there: the path or a name in it is too long for the file system (ENAMETOOLONG)\n`);
    // The folder made for it is gone again: a refused command changes nothing.
    expect(readdirSync(dir).sort()).toEqual([long, "small.yaml"].sort());
  });

  it("a path through a file is refused, naming the cause; a compare and a sweep likewise", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    writeFileSync(join(dir, "plain.txt"), "x");
    const run = await cli(dir, ["run", file, "--out", "plain.txt/run", "--no-charts"]);
    expect(run.code).toBe(2);
    expect(run.err).toBe("sqs-sim: --out: plain.txt/run: cannot write there: plain.txt is a file, not a directory (EEXIST)\n");
    const sweep = await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "plain.txt/sweep"]);
    expect(sweep.code).toBe(2);
    expect(sweep.err).toBe("sqs-sim: --out: plain.txt/sweep: cannot write there: plain.txt is a file, not a directory (ENOTDIR)\n");
    for (const run of ["a", "b"]) expect((await cli(dir, ["run", file, "--out", run, "-q", "--no-charts"])).code).toBe(0);
    const compare = await cli(dir, ["compare", "a", "b", "--out", "plain.txt/cmp"]);
    expect(compare.code).toBe(2);
    expect(compare.err).toBe("sqs-sim: --out: plain.txt/cmp: cannot write there: plain.txt is a file, not a directory (EEXIST)\n");
  });
});

describe("debris of a killed process", () => {
  it("run: a staging directory is removed, an earlier run moved aside is put back when the output is missing", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect((await cli(dir, ["run", file, "--out", "out", "-q", "--no-charts"])).code).toBe(0);
    const original = readTree(join(dir, "out"));
    const pid = endedPid();
    // Killed between the two renames of a swap: the run is aside, the new one half-written beside it.
    const aside = `.out.previous-${tagFor(pid)}`;
    const partial = `.out.partial-${tagFor(pid)}`;
    spawnSync("mv", [join(dir, "out"), join(dir, aside)]);
    mkdirSync(join(dir, partial));
    writeFileSync(join(dir, partial, "summary.json"), "{half");
    const report = await cli(dir, ["run", file, "--out", "out", "--no-charts", "--set", "fleet.instances=3"]);
    expect(report.code).toBe(0);
    expect(report.err).toBe(
      `sqs-sim: removed ${partial}, the unfinished output of an sqs-sim process that ended while writing it\n` +
        `sqs-sim: restored out from ${aside}: an sqs-sim process ended while replacing it\n`,
    );
    expect(readdirSync(dir).sort()).toEqual(["out", "small.yaml"]);
    expect(readTree(join(dir, "out"))).not.toEqual(original);
  });

  it("a run killed with SIGKILL while simulating leaves its staging directory; the next run removes it and says so", async () => {
    const dir = tempDir();
    // Long enough to be killed mid-run: the staging directory is made before the simulation starts.
    const file = writeScenario(
      dir,
      "name: long\nduration: 30d\nqueue: { receiveWaitTime: 20s }\nproducers: [ { name: p, traffic: [ { constant: 50 } ] } ]\nfleet: { instances: 60 }\n",
    );
    const child = spawn(process.execPath, [CLI, "run", file, "--out", "out", "-q"], { cwd: dir, stdio: "ignore" });
    const staging = await new Promise<string>((done, fail) => {
      const poll = setInterval(() => {
        const found = readdirSync(dir).find((name) => name.startsWith(".out.partial-"));
        if (found !== undefined) {
          clearInterval(poll);
          child.kill("SIGKILL");
          done(found);
        }
      }, 20);
      child.on("exit", () => {
        clearInterval(poll);
        fail(new Error("the run ended before it was killed"));
      });
    });
    await new Promise((done) => child.on("close", done));
    expect(readdirSync(dir).sort()).toEqual([staging, "small.yaml"]);
    const again = await cli(dir, ["run", writeScenario(dir), "--out", "out", "--no-charts"]);
    expect(again.code).toBe(0);
    expect(again.err).toBe(`sqs-sim: removed ${staging}, the unfinished output of an sqs-sim process that ended while writing it\n`);
    expect(readdirSync(dir).sort()).toEqual(["out", "small.yaml"]);
  });

  it("leaves alone what a running process is writing", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const live = `.out.partial-${tagFor(process.ppid)}`;
    mkdirSync(join(dir, live));
    expect((await cli(dir, ["run", file, "--out", "out", "-q", "--no-charts"])).code).toBe(0);
    expect(existsSync(join(dir, live))).toBe(true);
  });

  it("sweep: a start killed before sweep.json (cells/ and a temporary file) is cleared by a re-run and by --resume", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    for (const args of [[], ["--resume"]]) {
      const out = `killed${args.length}`;
      mkdirSync(join(dir, out, "cells"), { recursive: true });
      writeFileSync(join(dir, out, ".sweep.json.tmp-4242-abc123"), '{"ha');
      const again = await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", out, ...args]);
      expect(again.err).toBe(
        `sqs-sim: cleared ${out} (.sweep.json.tmp-4242-abc123 and cells/): a sweep there ended before it had written sweep.json, so nothing in it could be resumed\n`,
      );
      expect(again.code).toBe(0);
      expect(readdirSync(join(dir, out)).sort()).toEqual(["charts", "cells", "report.html", "results.csv", "results.json", "sweep.json"].sort());
    }
  });

  it("sweep: an unfinished sweep without a finished cell is replaced by a new sweep; one with cells still needs --resume", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect((await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "s", "-q", "--no-charts"])).code).toBe(0);
    // Killed after writing sweep.json, before its first cell.
    spawnSync("rm", ["-r", join(dir, "s", "cells"), join(dir, "s", "results.json"), join(dir, "s", "results.csv")]);
    const other = await cli(dir, ["sweep", file, "--vary", "fleet.instances=3", "--workers", "1", "--out", "s", "--no-charts"]);
    expect(other.err).toBe("sqs-sim: s held a sweep that ended before finishing any cell; starting this one there\n");
    expect(other.code).toBe(0);
    spawnSync("rm", [join(dir, "s", "results.json")]);
    const refused = await cli(dir, ["sweep", file, "--vary", "fleet.instances=4", "--workers", "1", "--out", "s", "--no-charts"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("s holds an unfinished sweep (1 of 1 cells done); add --resume");
  });

  it("merge refuses an --out of the user's (a summary.json folder, a sweep with notes in cells/)", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    for (const i of [0, 1]) {
      expect((await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--shard", `${i}/2`, "--out", `p${i}`, "-q"])).code).toBe(0);
    }
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine", "summary.json"), "{}");
    const mine = await cli(dir, ["merge", "p0", "p1", "--out", "mine"]);
    expect(mine.code).toBe(2);
    expect(mine.err).toContain("mine exists and is not a sweep directory");
    expect((await cli(dir, ["merge", "p0", "p1", "--out", "whole", "-q", "--no-charts"])).code).toBe(0);
    writeFileSync(join(dir, "whole", "cells", "notes.txt"), "mine");
    const notes = await cli(dir, ["merge", "p0", "p1", "--out", "whole"]);
    expect(notes.code).toBe(2);
    expect(notes.err).toContain("whole holds cells/notes.txt, which a sweep does not write");
    expect(readFileSync(join(dir, "whole", "cells", "notes.txt"), "utf8")).toBe("mine");
  });
});

/** Whether this machine lets the tests mount a tmpfs (root in a sandbox that allows it). */
function canMount(): boolean {
  const probe = tempDir();
  if (spawnSync("mount", ["-t", "tmpfs", "none", probe]).status !== 0) return false;
  spawnSync("umount", [probe]);
  return true;
}

describe("review findings", () => {
  it("report <sweep-dir> and sweep --resume refuse a sweep whose charts/ holds the user's files, and keep them", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect((await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "s", "-q"])).code).toBe(0);
    writeFileSync(join(dir, "s", "charts", "notes.txt"), "mine");
    const report = await cli(dir, ["report", "s"]);
    expect(report.code).toBe(2);
    expect(report.err).toBe("sqs-sim: s holds charts/notes.txt, which a sweep does not write, and drawing its report again would lose it; move it out\n");
    spawnSync("rm", [join(dir, "s", "results.json")]);
    const resumed = await cli(dir, ["sweep", file, "--vary", "fleet.instances=1,2", "--workers", "1", "--out", "s", "--resume", "--no-charts"]);
    expect(resumed.code).toBe(2);
    expect(resumed.err).toBe("sqs-sim: --resume: s holds charts/notes.txt, which a sweep does not write, and finishing the sweep would lose it; move it out\n");
    expect(readFileSync(join(dir, "s", "charts", "notes.txt"), "utf8")).toBe("mine");
  });

  it("report through a symbolic link to a run checks the run it leads to", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect((await cli(dir, ["run", file, "--out", "run", "-q"])).code).toBe(0);
    spawnSync("ln", ["-s", "run", join(dir, "link")]);
    writeFileSync(join(dir, "run", "charts", "mine.txt"), "mine");
    const report = await cli(dir, ["report", "link"]);
    expect(report.code).toBe(2);
    expect(report.err).toContain("link holds charts/mine.txt, which a run does not write");
    expect(readFileSync(join(dir, "run", "charts", "mine.txt"), "utf8")).toBe("mine");
    spawnSync("rm", [join(dir, "run", "charts", "mine.txt")]);
    expect((await cli(dir, ["report", "link", "-q"])).code).toBe(0);
  });

  it("temporary-looking names that are not sqs-sim's (.notes.tmp-draft, .backup.tmp-2024/) are the user's: refused, never removed", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    expect((await cli(dir, ["run", file, "--out", "run", "-q", "--no-charts"])).code).toBe(0);
    writeFileSync(join(dir, "run", ".notes.tmp-draft"), "mine");
    mkdirSync(join(dir, "run", ".backup.tmp-2024"));
    const refused = await cli(dir, ["run", file, "--out", "run", "--no-charts"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("run holds .backup.tmp-2024/ and .notes.tmp-draft, which a run does not write");
    expect(readFileSync(join(dir, "run", ".notes.tmp-draft"), "utf8")).toBe("mine");
  });

  it.skipIf(!canMount())("an --out that is a mount point (a container's volume) is written in place, empty or holding an earlier run", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    mkdirSync(join(dir, "volume"));
    expect(spawnSync("mount", ["-t", "tmpfs", "none", join(dir, "volume")]).status).toBe(0);
    try {
      for (const instances of ["1", "2"]) {
        const run = await cli(dir, ["run", file, "--out", "volume", "--set", `fleet.instances=${instances}`, "-q"]);
        expect(run.err).toBe("");
        expect(run.code).toBe(0);
        expect(JSON.parse(readFileSync(join(dir, "volume", "scenario.json"), "utf8")).fleet.instances).toBe(Number(instances));
        expect(readdirSync(join(dir, "volume")).filter((name) => name.startsWith("."))).toEqual([]);
      }
      for (const run of ["a", "b"]) expect((await cli(dir, ["run", file, "--out", run, "-q", "--no-charts"])).code).toBe(0);
      spawnSync("sh", ["-c", `rm -r ${join(dir, "volume")}/*`]);
      expect((await cli(dir, ["compare", "a", "b", "--out", "volume", "-q"])).code).toBe(0);
      expect((await cli(dir, ["compare", "a", "b", "--out", "volume", "-q"])).code).toBe(0);
      expect(existsSync(join(dir, "volume", "comparison.json"))).toBe(true);
    } finally {
      spawnSync("umount", [join(dir, "volume")]);
    }
  });

  it("an in-place replacement killed after moving the earlier run aside is put back by the next command", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const out = join(dir, "out");
    mkdirSync(out);
    expect((await cli(dir, ["run", file, "--out", "out", "-q", "--no-charts"])).code).toBe(0);
    const original = readTree(out);
    // What prepareInPlace leaves when killed between moving the earlier run aside and moving the new one in.
    const tag = tagFor(endedPid());
    const aside = `.sqs-sim-previous.tmp-${tag}`;
    mkdirSync(join(out, aside));
    for (const name of readdirSync(out).filter((n) => !n.startsWith("."))) spawnSync("mv", [join(out, name), join(out, aside, name)]);
    mkdirSync(join(out, `.sqs-sim-partial.tmp-${tag}`));
    // `report` writes the run directory too, so it is the next command that recovers it.
    const report = await cli(dir, ["report", "out", "--quiet"]);
    expect(report.code).toBe(0);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(original["summary.json"]);
    for (const name of [aside, `.sqs-sim-partial.tmp-${tag}`]) mkdirSync(join(out, name));
    spawnSync("sh", ["-c", `mv ${out}/*.json ${out}/*.csv ${join(out, aside)}/`]);
    const again = await cli(dir, ["run", file, "--out", "out", "--no-charts", "--set", "fleet.instances=3"]);
    expect(again.code).toBe(0);
    expect(again.err).toBe(
      `sqs-sim: removed out/.sqs-sim-partial.tmp-${tag}, left by an sqs-sim process that ended while writing it\n` +
        `sqs-sim: restored out from out/${aside}: an sqs-sim process ended while replacing it\n`,
    );
    expect(JSON.parse(readFileSync(join(out, "scenario.json"), "utf8")).fleet.instances).toBe(3);
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  });
});

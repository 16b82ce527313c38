// The write of an output directory: a failed commit leaves the target as it was; entries replaced in place keep the
// user's other files; a target's name of any legal length gets staging names the file system takes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputWriteError, prepareDirectoryWrite, replaceEntries } from "../../src/report/atomic-dir.js";
import { RUN_LAYOUT } from "../../src/report/layouts.js";
import { tempDir } from "./saved-run-fixture.js";

const SUMMARY = JSON.stringify({ messages: {}, requests: {}, latency: {}, consumers: {}, fleet: {}, cost: {} });

describe("prepareDirectoryWrite", () => {
  it("a commit that fails part-way leaves the earlier run as it was and no staging directory", () => {
    const parent = tempDir();
    const target = join(parent, "run");
    mkdirSync(target);
    writeFileSync(join(target, "summary.json"), SUMMARY);
    const prepared = prepareDirectoryWrite(target, RUN_LAYOUT);
    if (!prepared.ok) throw new Error(prepared.problem);
    // "report.md" as a file, then as a folder: the second write fails inside the staging directory.
    let thrown: unknown;
    try {
      prepared.write.commit([
        { name: "summary.json", content: "{}" },
        { name: "report.md", content: "x" },
        { name: "report.md/inner", content: "y" },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputWriteError);
    expect((thrown as Error).message).toMatch(/^cannot write .*run: .*\((ENOTDIR|EEXIST)\); it is unchanged$/);
    expect(readdirSync(parent)).toEqual(["run"]);
    expect(readFileSync(join(target, "summary.json"), "utf8")).toBe(SUMMARY);
  });

  it("abandon removes the staging directory and the folders made for the target", () => {
    const parent = tempDir();
    const prepared = prepareDirectoryWrite(join(parent, "a", "b", "run"), RUN_LAYOUT);
    if (!prepared.ok) throw new Error(prepared.problem);
    expect(readdirSync(join(parent, "a", "b"))[0]).toMatch(/^\.run\.partial-/);
    prepared.write.abandon();
    expect(readdirSync(parent)).toEqual([]);
  });

  it("a 255-byte name (the most a file system takes) gets staging names within the limit", () => {
    const parent = tempDir();
    const name = "é".repeat(127) + "x";
    const prepared = prepareDirectoryWrite(join(parent, name), RUN_LAYOUT);
    if (!prepared.ok) throw new Error(prepared.problem);
    prepared.write.commit([{ name: "summary.json", content: SUMMARY }]);
    expect(readdirSync(parent)).toEqual([name]);
  });
});

describe("replaceEntries", () => {
  it("replaces the named entries each whole, removes one with no files, and leaves everything else", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "charts"));
    writeFileSync(join(dir, "charts", "retired.png"), "old");
    writeFileSync(join(dir, "report.md"), "old");
    writeFileSync(join(dir, "notes.txt"), "mine");
    replaceEntries(
      dir,
      ["charts", "report.html", "report.md"],
      [
        { name: "charts/queue.png", content: "new" },
        { name: "report.html", content: "<p>new</p>" },
      ],
    );
    expect(readdirSync(dir).sort()).toEqual(["charts", "notes.txt", "report.html"]);
    expect(readdirSync(join(dir, "charts"))).toEqual(["queue.png"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(join(dir, "report.md"))).toBe(false);
  });
});

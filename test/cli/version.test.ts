// `sqs-sim --version` is package.json's version, wherever the package is: here a copy of dist/ under a package.json
// of another version (npm test builds dist/ first).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("sqs-sim --version", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sqs-sim-version-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("prints package.json's version, not one written into the code", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ ...pkg, version: "9.8.7-test" }));
    cpSync(path.join(ROOT, "dist/src"), path.join(tmp, "dist/src"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"));
    const copy = spawnSync(process.execPath, [path.join(tmp, "dist/src/cli/main.js"), "--version"], { encoding: "utf8" });
    expect(copy.stdout).toBe("9.8.7-test\n");
    const here = spawnSync(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "--version"], { encoding: "utf8" });
    expect(here.stdout).toBe(`${pkg.version}\n`);
  });
});

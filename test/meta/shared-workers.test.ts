// vitest.config.ts runs test files without isolation: the files of one worker share its modules and its process.
// That holds only while no test changes what the files after it see: this check refuses the ways a test could.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const TEST = fileURLToPath(new URL("../", import.meta.url));
const THIS_FILE = "meta/shared-workers.test.ts";

/** What leaks from one test file into the next in a shared worker. */
const LEAKS: [RegExp, string][] = [
  [/\bvi\.(?:do)?mock\s*\(/, "mocks a module (vi.mock)"],
  [/\bvi\.stub(?:Global|Env)\s*\(/, "stubs a global or the environment (vi.stubGlobal, vi.stubEnv)"],
  [/\bvi\.useFakeTimers\s*\(/, "fakes the timers (vi.useFakeTimers)"],
  [/\bprocess\.chdir\s*\(/, "changes the working directory (process.chdir)"],
  [/\bprocess\.env(?:\.\w+|\[[^\]]+\])\s*=(?!=)/, "sets an environment variable (process.env.X = …)"],
  [/\bdelete\s+process\.env\b/, "deletes an environment variable"],
];

/** What one file's text does that would leak, for the test files a worker runs in-process (children are their own). */
function leaksIn(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return LEAKS.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
}

describe("test files leave their worker as they found it", () => {
  it("finds each kind of leak (the check itself)", () => {
    expect(leaksIn('vi.mock("../src/x.js");')).toEqual(["mocks a module (vi.mock)"]);
    expect(leaksIn("vi.stubEnv('TZ', 'UTC'); vi.useFakeTimers();")).toEqual([
      "stubs a global or the environment (vi.stubGlobal, vi.stubEnv)",
      "fakes the timers (vi.useFakeTimers)",
    ]);
    expect(leaksIn('process.env.CI = "1";')).toEqual(["sets an environment variable (process.env.X = …)"]);
    expect(leaksIn('process.env["CI"] = "1";')).toEqual(["sets an environment variable (process.env.X = …)"]);
    expect(leaksIn("process.chdir('/tmp');")).toEqual(["changes the working directory (process.chdir)"]);
    // Reading is fine, and so is passing an environment to a child process.
    expect(leaksIn('if (process.env.CI === "true") {}\nspawn("node", [], { env: { ...process.env, CI: "1" } });')).toEqual([]);
    expect(leaksIn("// vi.mock is not used here")).toEqual([]);
  });

  it("no test file mocks modules, stubs globals, fakes timers, sets the environment or changes directory", () => {
    const files = readdirSync(TEST, { recursive: true, encoding: "utf8" })
      .map((f) => f.split(path.sep).join("/"))
      .filter((f) => f.endsWith(".ts") && f !== THIS_FILE && !f.startsWith("fixtures/"));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => leaksIn(readFileSync(path.join(TEST, f), "utf8")).map((what) => `test/${f} ${what}`));
    expect(found).toEqual([]);
  });
});

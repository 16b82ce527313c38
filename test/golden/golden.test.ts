// Golden summaries: every shipped scenario's summary.json, and the embedded default's, byte for byte. A failure here
// means a number changed: if on purpose, `npm run golden` rewrites them and the commit says why.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { goldenCases, goldenDir } from "../../scripts/golden-cases.js";

const root = resolve(import.meta.dirname, "../..");
const dir = goldenDir(root);
const cases = goldenCases(root);

describe("golden summaries (npm run golden rewrites them)", () => {
  it("there is one golden file per shipped scenario and the default, and no other", () => {
    const present = readdirSync(dir)
      .filter((f) => f.endsWith(".summary.json"))
      .sort();
    expect(present).toEqual(cases.map((c) => c.file).sort());
  });

  for (const c of cases) {
    it(`${c.file} is unchanged`, () => {
      const path = join(dir, c.file);
      expect(existsSync(path), `${path} is missing: run npm run golden`).toBe(true);
      expect(c.summary()).toBe(readFileSync(path, "utf8"));
    });
  }
});

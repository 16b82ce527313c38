// Every numeric field of the scenario, found by walking its JSON Schema, refuses a value that is not a finite number
// — a digit string too long for a double, 1e999, YAML's .inf and .nan — with exit 2 and a line naming that field.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { BASE, isNumeric, MAP_KEY, scenarioFields } from "../scenario/schema-walk.js";
import { capture, expectObjectPrototypeIntact, tempDir } from "./cli-helpers.js";

const FIELDS = scenarioFields(isNumeric);
const HUGE = "1" + "0".repeat(400);
const PLACEHOLDER = "@@BAD@@";

async function validate(dir: string, json: string, sets: string[] = []) {
  const file = join(dir, "walk.json");
  writeFileSync(file, json);
  const { io, err } = capture(dir);
  const code = await runCli(["validate", file, ...sets.flatMap((s) => ["--set", s])], io);
  return { code, lines: err.join("").split("\n"), file };
}

const refusedNaming = (code: number, lines: string[], at: string): boolean => code === 2 && lines.some((l) => l.startsWith(at));

describe("numbers that are not finite, in every numeric field", () => {
  it("the walk finds the numeric fields of every part of the scenario", () => {
    const paths = FIELDS.map((f) => f.path.join("."));
    expect(paths.length).toBeGreaterThan(80);
    for (const p of [
      "duration",
      "seed",
      "consumers.heartbeat.every",
      "producers.0.traffic.0.step.at",
      "fleet.min",
      "fleet.policies.0.stepScaling.steps.0.lower",
      `instanceTypes.${MAP_KEY}.hourlyUsd`,
      "slo.maxQueueWait",
      "consumers.processing.gamma.cv",
      "producers.0.messageSize",
    ])
      expect(paths).toContain(p);
  });

  it.each([
    ["a 400-digit string", (json: string) => json.replaceAll(PLACEHOLDER, HUGE)],
    ["1e999 in JSON", (json: string) => json.replaceAll(`"${PLACEHOLDER}"`, "1e999")],
  ])("%s is refused, naming the field, without echoing the whole value", async (_what, substitute) => {
    const dir = tempDir();
    const missed: string[] = [];
    for (const field of FIELDS) {
      const { code, lines, file } = await validate(dir, substitute(JSON.stringify(field.make(PLACEHOLDER))));
      if (!refusedNaming(code, lines, `${file}: ${field.path.join(".")}: `)) missed.push(`${field.path.join(".")} (exit ${code}): ${lines[0] ?? ""}`);
      expect(lines.join("\n")).not.toContain("0".repeat(100));
    }
    expect(missed).toEqual([]);
    expectObjectPrototypeIntact();
  });

  it.each(["1e999", ".inf", "-.inf", ".nan"])("--set <field>=%s is refused, naming the field", async (value) => {
    const dir = tempDir();
    const missed: string[] = [];
    for (const field of FIELDS) {
      const { code, lines, file } = await validate(dir, JSON.stringify(field.make(1)), [`${field.path.join(".")}=${value}`]);
      if (!refusedNaming(code, lines, `${file}: ${field.path.join(".")}: `)) missed.push(`${field.path.join(".")} (exit ${code}): ${lines[0] ?? ""}`);
    }
    expect(missed).toEqual([]);
    expectObjectPrototypeIntact();
  });
});

describe("numbers on the command line", () => {
  it.each([
    [["run", "--seed", "1e999"]],
    [["run", "--seed", "9".repeat(400)]],
    [["sweep", "-n", "1e999"]],
    [["sweep", "--workers", "9".repeat(400)]],
    [["sweep", "--seed", "Infinity"]],
    [["sweep", "--slo", `queueWait.p99<=${"9".repeat(400)}s`]],
    [["sweep", "--slo", "totalCost<=1e999"]],
    [["sweep", "--vary", `fleet.instances=1..${"9".repeat(400)}/3`]],
  ])("%j is refused with exit 2, quoting at most a few hundred characters of it", async (args) => {
    const dir = tempDir();
    const file = join(dir, "walk.json");
    writeFileSync(file, JSON.stringify(BASE));
    const [command = "", ...rest] = args;
    const { io, err } = capture(dir);
    expect(await runCli([command, file, ...rest, "--out", join(dir, "o")], io)).toBe(2);
    for (const line of err.join("").split("\n")) expect(line.length).toBeLessThan(450);
    expectObjectPrototypeIntact();
  });
});

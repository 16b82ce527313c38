// Every numeric field of the scenario, found by walking its JSON Schema, refuses a value that is not a finite number
// — a digit string too long for a double, 1e999, YAML's .inf and .nan — with exit 2 and a line naming that field.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { scenarioJsonSchema } from "../../src/scenario/index.js";
import { capture, expectObjectPrototypeIntact, tempDir } from "./cli-helpers.js";

type Schema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
};

interface Leaf {
  path: (string | number)[];
  /** The value of the subtree holding the leaf, with `bad` at the leaf and every required sibling filled in. */
  make: (bad: unknown) => unknown;
}

const isNumeric = (s: Schema): boolean =>
  s.type === "number" || s.type === "integer" || (s.anyOf ?? []).some((b) => b.type === "number");

// A plausible value for a required sibling; it need not pass every check (other lines may appear beside the one
// the test looks for), only let the parse reach the leaf.
function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.[0]) return sample(branches[0]);
  switch (s.type) {
    case "integer":
    case "number":
      return Math.max(1, s.minimum ?? 1);
    case "string":
      return s.pattern?.includes("ms|s|m|h|d") ? "1s" : "x";
    case "boolean":
      return false;
    case "array":
      return s.items ? [sample(s.items)] : [];
    case "object":
      return requiredOf(s, "");
    default:
      return null;
  }
}

function requiredOf(s: Schema, except: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of s.required ?? []) {
    const prop = s.properties?.[key];
    if (key !== except && prop) out[key] = sample(prop);
  }
  return out;
}

function leaves(s: Schema): Leaf[] {
  if (isNumeric(s)) return [{ path: [], make: (bad) => bad }];
  const out: Leaf[] = [];
  for (const branch of s.anyOf ?? s.oneOf ?? []) out.push(...leaves(branch));
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    for (const leaf of leaves(prop)) {
      out.push({ path: [key, ...leaf.path], make: (bad) => ({ ...requiredOf(s, key), [key]: leaf.make(bad) }) });
    }
  }
  if (s.items) for (const leaf of leaves(s.items)) out.push({ path: [0, ...leaf.path], make: (bad) => [leaf.make(bad)] });
  if (typeof s.additionalProperties === "object") {
    for (const leaf of leaves(s.additionalProperties)) {
      out.push({ path: ["big", ...leaf.path], make: (bad) => ({ "big": leaf.make(bad) }) });
    }
  }
  return out;
}

const BASE = { name: "walk", duration: "10m", producers: [{ name: "orders", traffic: [{ constant: 5 }] }] };

// The top level: each field's subtree replaces that key of a valid scenario.
function numericFields(): Leaf[] {
  const root = scenarioJsonSchema() as Schema;
  const seen = new Set<string>();
  const out: Leaf[] = [];
  for (const leaf of leaves({ ...root, required: [] })) {
    const key = leaf.path.join(".");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: leaf.path, make: (bad) => ({ ...BASE, ...(leaf.make(bad) as object) }) });
  }
  return out;
}

const FIELDS = numericFields();
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
    for (const p of ["duration", "seed", "consumers.heartbeat.every", "producers.0.traffic.0.step.at", "fleet.min",
      "fleet.policies.0.stepScaling.steps.0.lower", "instanceTypes.big.hourlyUsd", "slo.maxQueueWait",
      "consumers.processing.gamma.cv", "producers.0.messageSize"]) expect(paths).toContain(p);
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

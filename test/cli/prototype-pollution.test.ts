// Names a user types (a --set or --vary path, an instance type, a unit, an SLO metric) never reach Object.prototype:
// not by writing to it, not by finding its members ("constructor", "toString") where a scenario's own name belongs.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { parseSlo } from "../../src/sweep/index.js";
import { expandRange } from "../../src/sweep/range.js";
import { capture, expectObjectPrototypeIntact, tempDir, writeScenario } from "./cli-helpers.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const STEADY = join(repoRoot, "scenarios", "steady-orders.yaml");

async function cli(args: string[]) {
  const { io, err } = capture(tempDir());
  const code = await runCli(args, io);
  return { code, err: err.join("") };
}

afterEach(() => {
  // Whatever a test did, the next one starts from an intact Object.prototype (and this one is checked again).
  expectObjectPrototypeIntact();
});

describe("--set, --vary and explain --set paths", () => {
  it.each([
    ["__proto__ .toString=1", '"__proto__" cannot be set'],
    [" __proto__.polluted=1", '"__proto__" cannot be set'],
    ["queue.__proto__ .x=1", '"__proto__" cannot be set'],
    ["queue. constructor .prototype.x=1", '"constructor" cannot be set'],
    ["producers.0.prototype =1", '"prototype" cannot be set'],
  ])("validate --set %j is refused after trimming the parts", async (set, message) => {
    const { code, err } = await cli(["validate", STEADY, "--set", set]);
    expect(code).toBe(2);
    expect(err).toBe(`--set ${set}: ${message}\n`);
  });

  it("a path through a name Object.prototype has (toString) makes a key of the scenario's own: an unknown key", async () => {
    const { code, err } = await cli(["validate", STEADY, "--set", "queue.toString.x=1", "--set", "valueOf.y=2"]);
    expect(code).toBe(2);
    expect(err).toContain("steady-orders.yaml: queue.toString: unknown key");
    expect(err).toContain("steady-orders.yaml: valueOf: unknown key");
    expect(err).not.toContain("function");
  });

  it("explain --set refuses the same paths", async () => {
    const { code, err } = await cli(["explain", STEADY, "--set", "__proto__ .polluted=1"]);
    expect(code).toBe(2);
    expect(err).toBe('--set __proto__ .polluted=1: "__proto__" cannot be set\n');
  });

  it("sweep --vary refuses the same paths, before any cell runs", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    const code = await runCli(["sweep", STEADY, "--vary", "__proto__ .toString=1,2", "--out", "o"], io);
    expect(code).toBe(2);
    expect(err.join("")).toBe('--vary __proto__ .toString=1: "__proto__" cannot be set\n');
  });
});

describe("names looked up in the scenario's own maps", () => {
  const withTypes = (instanceType: string, types = "m5.large: { hourlyUsd: 0.096 }") => `name: typed
duration: 10m
producers:
  - name: orders
    traffic: [ { constant: 5 } ]
fleet: { kind: fixed, instances: 2, instanceType: ${instanceType} }
instanceTypes: { ${types} }
`;

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])(
    "fleet.instanceType: %s is not in instanceTypes (it used to run with NaN costs)",
    async (name) => {
      const dir = tempDir();
      const { code, err } = await cli(["validate", writeScenario(dir, withTypes(name))]);
      expect(code).toBe(2);
      expect(err).toContain(`fleet.instanceType: "${name}" is not in instanceTypes; use one of m5.large`);
    },
  );

  it.each(["__proto__", "constructor", "prototype"])("an instance type named %s in YAML is refused", async (name) => {
    const dir = tempDir();
    const { code, err } = await cli(["validate", writeScenario(dir, withTypes(name, `${name}: { hourlyUsd: 1 }`))]);
    expect(code).toBe(2);
    expect(err).toContain(`instanceTypes.${name}: "${name}" cannot name an instance type (__proto__, constructor and prototype are reserved)`);
  });

  it("an instance type named __proto__ in JSON (an own key after JSON.parse) is refused", async () => {
    const dir = tempDir();
    const file = join(dir, "typed.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "typed",
        duration: "10m",
        producers: [{ name: "orders", traffic: [{ constant: 5 }] }],
        fleet: { kind: "fixed", instances: 2, instanceType: "__proto__" },
      }).replace(/}$/, ', "instanceTypes": { "__proto__": { "hourlyUsd": 1 } } }'),
    );
    const { code, err } = await cli(["run", file, "--out", join(dir, "out")]);
    expect(code).toBe(2);
    expect(err).toContain(`typed.json: instanceTypes.__proto__: "__proto__" cannot name an instance type`);
  });

  it.each(["toString", "constructor", "__proto__", "hasOwnProperty"])("--slo %s<=1 names an unknown metric", (name) => {
    expect(parseSlo(`${name}<=1`)).toMatch(new RegExp(`^--slo "${name}<=1": unknown metric ${name}; expected one of queueWait.p99,`));
  });
});

describe("sweep ranges", () => {
  it("refuse ends that are not finite numbers, or whose values overflow", () => {
    const huge = "9".repeat(400);
    expect(expandRange(`1..${huge}/3`)).toEqual({ error: `1..${"9".repeat(57)}… (405 characters): the values are too large to be numbers` });
    expect(expandRange(`-${"9".repeat(308)}..${"9".repeat(308)}/3`)).toMatchObject({ error: expect.stringContaining("too large to be numbers") });
    expect(expandRange(`1s..${huge}s/3`)).toMatchObject({ error: expect.stringContaining("is too large to be a duration") });
  });
});

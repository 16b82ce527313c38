// The fuzz generator: fields read from the scenario's JSON Schema, cases replayable from a seed, and a seeded
// sample that reaches every kind of case the brief of issue 11 lists.
import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../src/scenario/index.js";
import { argvOf, type FuzzCase } from "./fuzz-case.js";
import { CHILD_PROCESS, fuzzCase, IN_PROCESS } from "./generator.js";
import { OUT_DIRS } from "./hostile-flags.js";
import { schemaFields } from "./schema-fields.js";
import { repoRoot, seeds } from "./seeds.js";
import { toYaml } from "./serialize.js";

const sample = (seed: number, numRuns: number, options = CHILD_PROCESS): FuzzCase[] => fc.sample(fuzzCase(options), { seed, numRuns });

describe("the fuzz generator", () => {
  it("reads every field, its kind and its bounds from the scenario's JSON Schema", () => {
    const kinds = new Map(schemaFields().map((f) => [f.path.join("."), f.kinds]));
    expect(kinds.get("queue.visibilityTimeout")).toEqual([{ kind: "duration" }]);
    expect(kinds.get("queue.maxMessageSize")).toEqual([{ kind: "size" }]);
    expect(kinds.get("queue.deadLetter.maxReceiveCount")).toEqual([{ kind: "integer", min: 1, max: 1000 }]);
    expect(kinds.get("producers.*.traffic.*.constant")).toEqual([{ kind: "number", min: 0 }]);
    expect(kinds.get("consumers.heartbeat.every")).toEqual([{ kind: "duration" }]);
    expect(kinds.get("fleet.instances")).toEqual([{ kind: "integer", min: 0, max: Number.MAX_SAFE_INTEGER }]);
    expect(kinds.get("instanceTypes.{}.hourlyUsd")).toEqual([{ kind: "number", min: 0, max: 1000 }]);
    expect(schemaFields().length).toBeGreaterThan(150);
  });

  it("starts from valid scenarios: the shipped ones, the default, and two that use every optional part", () => {
    const names = seeds().map((s) => s.name);
    expect(names).toContain("default");
    expect(names).toContain("kitchen-sink");
    expect(names.length).toBeGreaterThanOrEqual(16);
    for (const seed of seeds()) {
      const loaded = parseScenarioText(toYaml(seed.scenario), `${seed.name}.yaml`, join(repoRoot(), "scenarios"));
      expect(loaded.ok ? [] : loaded.errors, seed.name).toEqual([]);
    }
  });

  it("gives the same cases for the same seed, and other cases for another", () => {
    const json = (cases: FuzzCase[]): string => JSON.stringify(cases);
    expect(json(sample(5, 30))).toBe(json(sample(5, 30)));
    expect(json(sample(6, 30))).not.toBe(json(sample(5, 30)));
  });

  it("reaches every kind of case: valid, one hostile field, hostile flags, odd files; every command and flag", () => {
    const cases = sample(1, 2000);
    const argvs = cases.map((c) => argvOf(c).join(" "));
    const origins = new Set(cases.map((c) => c.origin));
    expect([...origins].sort()).toEqual(["file", "flags", "mutation", "valid"]);
    expect(new Set(cases.map((c) => c.command))).toEqual(new Set(["run", "validate", "explain", "sweep"]));
    const mutated = new Set(cases.flatMap((c) => (c.mutation ? [c.mutation.path.replace(/\.\d+/g, ".*")] : [])));
    expect(mutated.size).toBeGreaterThan(80);
    // Parts only the kitchen-sink scenarios have, and a hazard of the manual pass.
    for (const part of ["consumers.heartbeat.", ".diurnal.", ".scheduled.", "instanceTypes.", "queue.highThroughputPartitions"]) {
      expect(
        [...mutated].some((p) => p.includes(part)),
        part,
      ).toBe(true);
    }
    expect(argvs.some((a) => a.includes("consumers.heartbeat={every: 0.0000001"))).toBe(true);
    for (const section of ["queue", "producers", "consumers", "fleet", "cloudwatch", "metrics", "limits"]) {
      expect(
        [...mutated].some((p) => p.startsWith(`${section}.`)),
        section,
      ).toBe(true);
    }
    expect(cases.some((c) => c.mutation?.via === "set") && cases.some((c) => c.mutation?.via === "file")).toBe(true);
    expect(cases.some((c) => c.scenario === null)).toBe(true); // the embedded default
    expect(cases.some((c) => c.scenario?.path.endsWith(".json")) && cases.some((c) => c.scenario?.path.endsWith(".yaml"))).toBe(true);
    const odd = new Set(cases.filter((c) => c.origin === "file").map((c) => c.seed.replace(/^[^:]*: /, "")));
    for (const what of [
      "an empty file",
      "JSON with duplicate keys",
      "JSON nested 5,000 levels",
      "YAML aliases, 10^9 nodes",
      "a byte-order mark (YAML)",
      "a FIFO",
      "a directory",
      "a link to /dev/zero",
    ]) {
      expect(odd, what).toContain(what);
    }
    expect(argvs.some((a) => a.startsWith("run") && !a.includes("--no-charts"))).toBe(true);
    expect(argvs.some((a) => a.startsWith("sweep") && a.includes("--vary"))).toBe(true);
    expect(argvs.some((a) => a.includes("--set __proto__ .x=1"))).toBe(true);
    expect(argvs.some((a) => a.includes("traces/fifo.csv"))).toBe(true);
    for (const out of OUT_DIRS.filter((d) => d !== "<scenario-dir>"))
      expect(
        argvs.some((a) => a.includes(`--out ${out}`)),
        out,
      ).toBe(true);
  });

  it("leaves /dev/zero out of in-process cases: no thread can be stopped in that read", () => {
    const cases = sample(1, 1500, IN_PROCESS);
    expect(cases.some((c) => JSON.stringify(c).includes("dev-zero") || JSON.stringify(c).includes("/dev/zero"))).toBe(false);
    expect(cases.some((c) => argvOf(c).join(" ").includes("--workers 2"))).toBe(false);
  });
});

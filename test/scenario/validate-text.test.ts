// Scenario validation without a file system: the caller hands in trace files (a browser's uploads, a test's strings).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadScenarioFile, validateScenarioText } from "../../src/scenario/index.js";
import { simulate } from "../../src/sim/simulate.js";

const SCENARIOS = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const TRACE_SCENARIO = readFileSync(`${SCENARIOS}trace-replay.yaml`, "utf8");
const TRACE_CSV = readFileSync(`${SCENARIOS}traces/sample-per-minute.csv`, "utf8");

describe("validateScenarioText", () => {
  it("reads the traces a scenario names through the reader it is given, and simulates as the file on disk does", () => {
    const asked: string[] = [];
    const traces = { read: (file: string) => (asked.push(file), file === "traces/sample-per-minute.csv" ? { text: TRACE_CSV } : { errorCode: "ENOENT" }) };
    const inMemory = validateScenarioText(TRACE_SCENARIO, "trace-replay.yaml", { traces, sets: ["duration=20m"] });
    const onDisk = loadScenarioFile(`${SCENARIOS}trace-replay.yaml`, { sets: ["duration=20m"] });
    if (!inMemory.ok || !onDisk.ok) throw new Error(JSON.stringify([inMemory, onDisk]));
    expect(asked).toEqual(["traces/sample-per-minute.csv"]);
    expect(JSON.stringify(simulate(inMemory.scenario).summary)).toBe(JSON.stringify(simulate(onDisk.scenario).summary));
    // Without a resolver the trace path is written as the scenario names it; on disk, made absolute.
    expect(JSON.parse(inMemory.resolvedText).producers[0].traffic[0].trace.file).toBe("traces/sample-per-minute.csv");
    expect(JSON.parse(onDisk.resolvedText).producers[0].traffic[0].trace.file).toBe(`${SCENARIOS}traces/sample-per-minute.csv`);
  });

  it("refuses a trace it was given no way to read, naming the field", () => {
    const result = validateScenarioText(TRACE_SCENARIO, "trace-replay.yaml");
    expect(result).toEqual({
      ok: false,
      errors: ["trace-replay.yaml: producers.0.traffic.0.trace.file: cannot read traces/sample-per-minute.csv (no trace files given to read it from)"],
    });
  });

  it("tells JSON from YAML by the source name, as loading a file does", () => {
    const yamlText = readFileSync(`${SCENARIOS}steady-orders.yaml`, "utf8");
    const jsonText = JSON.stringify(parse(yamlText));
    expect(validateScenarioText(jsonText, "steady-orders.json").ok).toBe(true);
    expect(validateScenarioText(yamlText, "steady-orders.yaml").ok).toBe(true);
    expect(validateScenarioText(yamlText, "pasted text").ok).toBe(true);
    expect(validateScenarioText(yamlText, "steady-orders.JSON").ok).toBe(false);
  });
});

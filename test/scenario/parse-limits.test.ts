// Limits the parsers themselves do not keep: nesting deep enough to overflow a stack (JSON, YAML, --set values,
// YAML aliases), and JSON keys given twice.
import { describe, expect, it } from "vitest";
import { applySets, parseSet, parseScenarioText } from "../../src/scenario/index.js";
import { jsonShape } from "../../src/scenario/json-scan.js";
import { MAX_NESTING, MAX_VALUES, TOO_DEEP, TOO_MANY } from "../../src/scenario/shape-limits.js";
import { yamlShapeProblem } from "../../src/scenario/yaml-text.js";
import { errorsOf, scenarioOf, scenarioYaml } from "./helpers.js";

const nested = (n: number): string => "[".repeat(n) + "]".repeat(n);
const JSON_SOURCE = "scenarios/x.json";
const YAML_SOURCE = "scenarios/x.yaml";
const parseJson = (text: string) => parseScenarioText(text, JSON_SOURCE, "/nonexistent");
const parseYaml = (text: string, sets: string[] = []) => parseScenarioText(text, YAML_SOURCE, "/nonexistent", { sets });

const VALID_JSON_HEAD = '{ "name": "x", "duration": "1h", "producers": [ { "name": "o", "traffic": [ { "constant": 1 } ] } ]';

describe("nesting depth", () => {
  it(`allows ${MAX_NESTING} levels and refuses ${MAX_NESTING + 1}, in JSON and in YAML`, () => {
    expect(jsonShape(nested(MAX_NESTING), MAX_NESTING)).toEqual({ duplicates: [] });
    expect(jsonShape(nested(MAX_NESTING + 1), MAX_NESTING)).toEqual({ limit: { line: 1, col: MAX_NESTING + 1, message: TOO_DEEP }, duplicates: [] });
    expect(yamlShapeProblem(nested(MAX_NESTING))).toBeUndefined();
    expect(yamlShapeProblem(nested(MAX_NESTING + 1))).toEqual({ line: 1, col: MAX_NESTING + 1, message: TOO_DEEP });
  });

  it("a JSON file nested 5,000 deep is refused with its name and line:col (it overflowed the stack: exit 1)", () => {
    expect(errorsOf(parseJson(nested(5000)))).toEqual([`${JSON_SOURCE}:1:65: nested more than 64 levels deep; a scenario needs far fewer`]);
    expect(errorsOf(parseJson(`${VALID_JSON_HEAD},\n  "description": ${nested(5000)} }`))).toEqual([`${JSON_SOURCE}:2:81: ${TOO_DEEP}`]);
  });

  it("YAML nested 5,000 and 100,000 deep (flow and block) is refused before the yaml library recurses", () => {
    expect(errorsOf(parseYaml(nested(5000)))).toEqual([`${YAML_SOURCE}:1:65: ${TOO_DEEP}`]);
    // At this depth the yaml library aborted the process (V8: RegExpCompiler allocation failed).
    expect(errorsOf(parseYaml(scenarioYaml(`description: ${nested(100_000)}`)))).toEqual([`${YAML_SOURCE}:6:77: ${TOO_DEEP}`]);
    expect(errorsOf(parseYaml(`${"- ".repeat(5000)}1\n`))).toEqual([`${YAML_SOURCE}:1:129: ${TOO_DEEP}`]);
  });

  it("YAML aliases that nest deeper than the text does are refused, a value inside itself too", () => {
    // Each anchor is 40 levels around the previous one: three of them make 120 levels from 40 brackets deep of text.
    const anchors = Array.from({ length: 3 }, (_, i) => `a${i}: &a${i} ${"[".repeat(40)}${i === 0 ? "1" : `*a${i - 1}`}${"]".repeat(40)}`);
    expect(errorsOf(parseYaml(`${anchors.join("\n")}\n`))).toEqual([`${YAML_SOURCE}: a2.0.0.0.0.0.…: ${TOO_DEEP} (through aliases)`]);
    expect(errorsOf(parseYaml(scenarioYaml("description: &d [*d]")))).toEqual([`${YAML_SOURCE}: description.0.0.0.0.0.…: ${TOO_DEEP} (through aliases)`]);
  });

  it("a --set value or path nesting past the bound is refused, naming the --set", () => {
    expect(parseSet(`description=${nested(5000)}`)).toEqual({ error: `--set description=${"[".repeat(188)}… (10,012 characters): the value is ${TOO_DEEP}` });
    // The yaml library aborted the process on this one.
    expect(parseSet(`description=${nested(100_000)}`)).toMatchObject({ error: expect.stringContaining(`: the value is ${TOO_DEEP}`) });
    expect(parseSet(`description=${nested(MAX_NESTING)}`)).toEqual({ error: `--set description=${nested(MAX_NESTING)}: the value would be ${TOO_DEEP}` });
    expect(parseSet(`description=${nested(MAX_NESTING - 1)}`)).toMatchObject({ path: ["description"] });
    const longPath = Array.from({ length: 100 }, (_, i) => `k${i}`).join(".");
    expect(parseSet(`${longPath}=1`)).toMatchObject({ error: expect.stringContaining(`: the path has more than ${MAX_NESTING} parts`) });
    expect(errorsOf(parseYaml(scenarioYaml(), [`description=${nested(5000)}`]))).toHaveLength(1);
    expect(applySets({}, [`x=${nested(5000)}`]).errors).toHaveLength(1);
  });
});

describe("number of values", () => {
  // 20 MB of "1," (ten million values) ran the yaml library out of memory (abort after 106 s); 100,000 is far more
  // than any scenario holds.
  const many = (n: number): string => `[${"1,".repeat(n - 2)}1]`;

  it(`allows ${MAX_VALUES.toLocaleString("en-US")} values in YAML and JSON and refuses more, where the excess is`, () => {
    expect(yamlShapeProblem(many(MAX_VALUES))).toBeUndefined();
    expect(yamlShapeProblem(many(MAX_VALUES + 1))).toEqual({ line: 1, col: 2 * MAX_VALUES, message: TOO_MANY });
    expect(jsonShape(many(MAX_VALUES), MAX_NESTING)).toEqual({ duplicates: [] });
    expect(jsonShape(many(MAX_VALUES + 1), MAX_NESTING).limit).toEqual({ line: 1, col: 2 * MAX_VALUES, message: TOO_MANY });
  });

  it("a scenario file with ten million values is refused before it is parsed", () => {
    const wide = many(10_000_000);
    expect(errorsOf(parseYaml(scenarioYaml(`description: ${wide}`)))).toEqual([`${YAML_SOURCE}:6:199981: ${TOO_MANY}`]);
    expect(errorsOf(parseJson(`${VALID_JSON_HEAD}, "description": ${wide} }`))).toEqual([`${JSON_SOURCE}:1:200098: ${TOO_MANY}`]);
    expect(parseSet(`description=${many(200_000)}`)).toMatchObject({ error: expect.stringContaining(`: the value has ${TOO_MANY}`) });
  });
});

describe("JSON keys given twice", () => {
  it("are refused with the key and both positions, at any depth, as YAML's are", () => {
    const text = `{
  "duration": "1h",
  "name": "x",
    "duration": "2h",
  "producers": [ { "name": "o", "traffic": [ { "constant": 1, "constant": 2 } ] } ]
}`;
    expect(errorsOf(parseJson(text))).toEqual([
      `${JSON_SOURCE}:4:5: duplicate key "duration" (also at 2:3)`,
      `${JSON_SOURCE}:5:63: duplicate key "constant" (also at 5:48)`,
    ]);
  });

  it("compare keys as JSON.parse decodes them, and keep objects apart", () => {
    expect(jsonShape('{"a": 1, "\\u0061": 2}', MAX_NESTING).duplicates).toEqual([{ line: 1, col: 10, message: 'duplicate key "a" (also at 1:2)' }]);
    expect(jsonShape('{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": "a", "d": ["a", "a"]}', MAX_NESTING).duplicates).toEqual([]);
    expect(jsonShape('{"a\\"b": 1, "a\\"b": 2}', MAX_NESTING).duplicates).toEqual([{ line: 1, col: 13, message: 'duplicate key "a\\"b" (also at 1:2)' }]);
  });

  it("a valid JSON scenario still loads", () => {
    expect(scenarioOf(parseJson(`${VALID_JSON_HEAD} }`)).name).toBe("x");
  });
});

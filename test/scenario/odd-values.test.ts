// Every field, given a value of the wrong shape (null, a list, a mapping, a number, text, an empty mapping, an
// unknown key…), gets a plain message naming it: never a throw, never "undefined is not…" or a library's words.
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../src/scenario/index.js";
import { scenarioFields } from "./schema-walk.js";
import { SOURCE, errorsOf, parse, scenarioYaml } from "./helpers.js";

const ODD = [null, [], "x", "", 5, -1, true, {}, { foo: 1 }, [null], [[]], [{ foo: 1 }]];
// Words of zod's or JavaScript's own messages, and of messages built from a value that is not there.
const LIBRARY_WORDS = /undefined|Invalid input|Invalid key|Cannot read|is not a function|received|expected record|\[object Object\]|unreachable/;

describe("odd values in every field", () => {
  it("each field, given each odd value, is refused or accepted without a throw and in plain words", () => {
    const fields = scenarioFields();
    expect(fields.length).toBeGreaterThan(150);
    const bad: string[] = [];
    for (const field of fields) {
      for (const value of ODD) {
        const at = `${field.path.join(".")} = ${JSON.stringify(value)}`;
        try {
          const result = parseScenarioText(JSON.stringify(field.make(value)), "x.json", "/nonexistent");
          for (const line of errorsOf(result)) if (LIBRARY_WORDS.test(line)) bad.push(`${at}: ${line}`);
        } catch (e) {
          bad.push(`${at}: threw ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it.each([
    ["fleet: []", "fleet: expected a mapping such as { kind: fixed, instances: 2 }, got a list"],
    ["fleet: asg", 'fleet: expected a mapping such as { kind: fixed, instances: 2 }, got "asg"'],
    ["fleet:", "fleet: expected a mapping such as { kind: fixed, instances: 2 }, got null (an empty value)"],
    ["fleet: { kind: null }", "fleet.kind: null (an empty value) is not a fleet kind; use fixed or asg"],
    [
      "fleet: { kind: asg, max: 2, policies: [ { foo: 1 } ] }",
      "fleet.policies.0.foo: unknown key (expected one of: targetTracking, stepScaling, simpleScaling, scheduled)",
    ],
    [
      "fleet: { kind: asg, max: 2, policies: [ { stepScaling: { alarm: { threshold: 1 }, steps: [ { adjustment: 1 } ] } } ] }",
      "fleet.policies.0.stepScaling.alarm.metric: required",
    ],
    ["fleet: { kind: asg, max: 2, termination: { drain: 5 } }", "fleet.termination.drain: expected a mapping (key: value), got 5"],
    [
      "fleet: { kind: asg, max: 2, termination: drained }",
      'fleet.termination: "drained" is not a termination mode; use abrupt, drain, or { drain: { timeout: 5m } }',
    ],
    ["fleet: { kind: asg, max: 2, initialState: warm }", 'fleet.initialState: "warm" is not an initial state; use running or launching'],
    [
      "cloudwatch: { targetTracking: { scaleIn: { thresholdRatio: 0 } } }",
      "cloudwatch.targetTracking.scaleIn.thresholdRatio: 0 must be more than 0 (AlarmLow's threshold is this fraction of the target)",
    ],
    [
      "cloudwatch: { targetTracking: { scaleIn: { thresholdRatio: 1.1 } } }",
      "cloudwatch.targetTracking.scaleIn.thresholdRatio: 1.1 is above 1: AlarmLow's threshold cannot be above the target",
    ],
    [
      "fleet: { kind: asg, max: 2, policies: [ { targetTracking: { target: 5, metric: { messagesPerInstance: { include: [visible, inflight] } } } } ] }",
      'fleet.policies.0.targetTracking.metric.messagesPerInstance.include.1: "inflight" is not a message count; use visible, notVisible, delayed',
    ],
    [
      "fleet: { kind: asg, max: 2, policies: [ { targetTracking: { target: 5, metric: { messagesPerInstance: { include: [visible, visible] } } } } ] }",
      "fleet.policies.0.targetTracking.metric.messagesPerInstance.include: names a message count twice",
    ],
    [
      "fleet: { kind: asg, max: 2, policies: [ { targetTracking: { target: 5, metric: cpu } } ] }",
      'fleet.policies.0.targetTracking.metric: "cpu" is not a target tracking metric; use backlogPerInstance, approximateNumberOfMessagesVisible or { messagesPerInstance: { include: [visible, notVisible] } }',
    ],
    ["instanceTypes: 5", "instanceTypes: expected a mapping (key: value), got 5"],
  ])("%s → %s", (yaml, message) => {
    expect(errorsOf(parse(scenarioYaml(yaml)))[0]).toBe(`${SOURCE}: ${message}`);
  });

  it("a traffic step without a rate, and a group distribution that is not one", () => {
    const stepWithoutRate = "name: x\nduration: 1h\nproducers: [ { name: o, traffic: [ { step: { at: 1s } } ] } ]\n";
    expect(errorsOf(parse(stepWithoutRate))).toEqual([`${SOURCE}: producers.0.traffic.0.step.rate: required`]);
    expect(errorsOf(parse(scenarioYaml("", "messageGroups: { count: 2, distribution: { zipf: 5 } }")))).toEqual([
      `${SOURCE}: producers.0.messageGroups.distribution.zipf: expected a mapping (key: value), got 5`,
    ]);
    expect(errorsOf(parse(scenarioYaml("", "messageGroups: { count: 2, distribution: 5 }")))).toEqual([
      `${SOURCE}: producers.0.messageGroups.distribution: 5 is not a group distribution; use uniform or { zipf: { s: 1.1 } }`,
    ]);
  });
});

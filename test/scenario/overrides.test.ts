import { describe, expect, it } from "vitest";
import { applySets, parseSet } from "../../src/scenario/index.js";
import { SOURCE, errorsOf, parse, scenarioOf, scenarioYaml } from "./helpers.js";

describe("parseSet", () => {
  it("reads the value as a YAML scalar or flow value", () => {
    expect(parseSet("fleet.instances=5")).toEqual({ path: ["fleet", "instances"], value: 5 });
    expect(parseSet("queue.visibilityTimeout=60s")).toEqual({ path: ["queue", "visibilityTimeout"], value: "60s" });
    expect(parseSet("consumers.processing={ exponential: { mean: 2s } }")).toEqual({
      path: ["consumers", "processing"],
      value: { exponential: { mean: "2s" } },
    });
    expect(parseSet("queue.deadLetter=null")).toEqual({ path: ["queue", "deadLetter"], value: null });
  });

  it("splits at the first = so values may contain =", () => {
    expect(parseSet("description=a=b")).toEqual({ path: ["description"], value: "a=b" });
  });

  it.each([
    ["foo", "--set foo: expected path=value"],
    ["=5", "--set =5: expected path=value"],
    ["queue..delay=1s", "--set queue..delay=1s: expected path=value (the path has an empty part)"],
    ["__proto__.x=1", '--set __proto__.x=1: "__proto__" cannot be set'],
  ])("a malformed --set %j is an error line", (text, message) => {
    expect(parseSet(text)).toEqual({ error: message });
  });
});

describe("applySets", () => {
  it("does not modify the object it is given", () => {
    const raw = { fleet: { instances: 1 } };
    const { value } = applySets(raw, ["fleet.instances=4"]);
    expect(value).toEqual({ fleet: { instances: 4 } });
    expect(raw.fleet.instances).toBe(1);
  });

  it("creates missing objects, and a list when the next part is an index", () => {
    expect(applySets({}, ["queue.deadLetter.maxReceiveCount=3", "producers.0.name=a"]).value).toEqual({
      queue: { deadLetter: { maxReceiveCount: 3 } },
      producers: [{ name: "a" }],
    });
  });

  it("an index past the end of a list is an error", () => {
    expect(applySets({ producers: [{ name: "a" }] }, ["producers.3.name=b"]).errors).toEqual([
      "--set producers.3.name=b: index 3 is past the end of producers (1 entries)",
    ]);
  });

  it("setting inside a scalar is an error naming the scalar", () => {
    expect(applySets({ queue: { type: "standard" } }, ["queue.type.x=1"]).errors).toEqual([
      '--set queue.type.x=1: queue.type is "standard", so it has no x inside',
    ]);
  });
});

describe("--set through the loader", () => {
  it("overrides numbers, strings and objects before validation", () => {
    const s = scenarioOf(
      parse(scenarioYaml(), {
        sets: ["fleet.instances=5", "queue.visibilityTimeout=60s", "consumers.processing={ exponential: { mean: 2s } }", "producers.0.traffic.0.constant=100"],
      }),
    );
    expect(s.fleet).toMatchObject({ kind: "fixed", instances: 5 });
    expect(s.queue.visibilityTimeout).toBe(60);
    expect(s.consumers.processing).toEqual({ exponential: { mean: 2 } });
    expect(s.producers[0]?.traffic).toEqual([{ constant: 100 }]);
  });

  it("a list entry can be chosen by its name", () => {
    expect(scenarioOf(parse(scenarioYaml(), { sets: ["producers.orders.batchSize=10"] })).producers[0]?.batchSize).toBe(10);
    expect(errorsOf(parse(scenarioYaml(), { sets: ["producers.billing.batchSize=10"] }))).toEqual([
      '--set producers.billing.batchSize=10: producers has no entry named "billing" (its entries: orders)',
    ]);
  });

  it("later overrides win", () => {
    expect(scenarioOf(parse(scenarioYaml(), { sets: ["seed=2", "seed=3"] })).seed).toBe(3);
  });

  it("an invalid overridden value is reported like a file value, marked with its --set", () => {
    expect(errorsOf(parse(scenarioYaml(), { sets: ["queue.visibilityTimeout=13h"] }))).toEqual([
      `${SOURCE}: queue.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s) (from --set queue.visibilityTimeout=13h)`,
    ]);
  });

  it("a malformed --set stops the load with its error", () => {
    expect(errorsOf(parse(scenarioYaml(), { sets: ["foo"] }))).toEqual(["--set foo: expected path=value"]);
  });

  it("--seed applies after --set", () => {
    expect(scenarioOf(parse(scenarioYaml(), { sets: ["seed=5"], seed: 6 })).seed).toBe(6);
  });

  it("--set path=null removes the key so that its default applies (no dead-letter queue)", () => {
    const r = applySets({ name: "x", queue: { deadLetter: { maxReceiveCount: 3 }, delay: "5s" } }, ["queue.deadLetter=null", "queue.delay="]);
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ name: "x", queue: {} });
  });
});

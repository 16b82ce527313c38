import { describe, expect, it } from "vitest";
import { cellAt, cellKey, cellSets, expandGrid, expandRange, parseVary, parseVaryFlags, planSweep } from "../../src/sweep/index.js";

/** The values of a --vary that parses (a parse error fails the test with its message). */
function valuesOf(text: string): string[] {
  const dimension = parseVary(text);
  if ("error" in dimension) throw new Error(dimension.error);
  return dimension.values;
}

describe("parseVary", () => {
  it("parseVary splits a list at commas and keeps each value's text as --set would read it", () => {
    expect(parseVary("queue.visibilityTimeout=30s, 60s,2m")).toEqual({ path: "queue.visibilityTimeout", values: ["30s", "60s", "2m"] });
    expect(parseVary("producers.orders.batchSize=1,10")).toEqual({ path: "producers.orders.batchSize", values: ["1", "10"] });
  });

  it("parseVary keeps commas inside YAML flow values, brackets and quotes", () => {
    expect(valuesOf("consumers.processing={exponential: {mean: 1s}},{lognormal: {median: 1s, p99: 5s}}")).toEqual([
      "{exponential: {mean: 1s}}",
      "{lognormal: {median: 1s, p99: 5s}}",
    ]);
    expect(valuesOf("producers.0.traffic=[{constant: 5}, {constant: 1}],[{constant: 10}]")).toEqual(["[{constant: 5}, {constant: 1}]", "[{constant: 10}]"]);
    expect(valuesOf(`description="a, b",'c, d'`)).toEqual([`"a, b"`, `'c, d'`]);
  });

  it("parseVary expands ranges among listed values", () => {
    expect(valuesOf("fleet.instances=1,2..8/4")).toEqual(["1", "2", "4", "6", "8"]);
  });

  it.each([
    ["queue.visibilityTimeout", "--vary queue.visibilityTimeout: expected path=value,value,… (e.g. queue.visibilityTimeout=30s,60s)"],
    ["=1,2", "--vary =1,2: expected path=value,value,… (e.g. queue.visibilityTimeout=30s,60s)"],
    ["fleet.instances=1,,2", "--vary fleet.instances=1,,2: an empty value (two commas in a row, or one at an end)"],
    ["fleet.instances=1,2,", "--vary fleet.instances=1,2,: an empty value (two commas in a row, or one at an end)"],
    ["fleet.instances=1,2,1", "--vary fleet.instances: 1 is listed twice (after expanding ranges); each value must appear once"],
    ["fleet.instances=1..4/4,2", "--vary fleet.instances: 2 is listed twice (after expanding ranges); each value must appear once"],
    ["queue..x=1", "--vary queue..x=1: expected path=value (the path has an empty part)"],
    ["__proto__.x=1", '--vary __proto__.x=1: "__proto__" cannot be set'],
    ["consumers.processing={a: 1", "--vary consumers.processing={a: 1: a { is never closed"],
    ["seed=1,2", "--vary seed: the seed is not a parameter; use --seed for the root seed (each replication derives its own)"],
    ["fleet.instances=1..8", "--vary fleet.instances: 1..8: a range needs its number of values after a slash, e.g. 1..8/5"],
  ])("parseVary(%j) is refused with a message naming the flag", (text, error) => {
    expect(parseVary(text)).toEqual({ error });
  });

  it("parseVaryFlags refuses a path varied twice and collects every problem", () => {
    const result = parseVaryFlags(["fleet.instances=1,2", "fleet.instances=3", "x=1,1"]);
    expect(result.dimensions).toEqual([{ path: "fleet.instances", values: ["1", "2"] }]);
    expect(result.errors).toEqual([
      "--vary fleet.instances: the path is varied twice; list all its values in one --vary",
      "--vary x: 1 is listed twice (after expanding ranges); each value must appear once",
    ]);
  });
});

describe("expandRange", () => {
  it("expandRange gives n evenly spaced plain numbers, both ends included, integers when the step is whole", () => {
    expect(expandRange("1..8/8")).toEqual({ values: ["1", "2", "3", "4", "5", "6", "7", "8"] });
    expect(expandRange("10..1/4")).toEqual({ values: ["10", "7", "4", "1"] });
    expect(expandRange("-2..2/3")).toEqual({ values: ["-2", "0", "2"] });
  });

  it("expandRange rounds fractional steps to 6 decimals and ends exactly on b", () => {
    expect(expandRange("0.1..0.5/5")).toEqual({ values: ["0.1", "0.2", "0.3", "0.4", "0.5"] });
    expect(expandRange("1..2/4")).toEqual({ values: ["1", "1.333333", "1.666667", "2"] });
    expect(expandRange("1..10/5")).toEqual({ values: ["1", "3.25", "5.5", "7.75", "10"] });
  });

  it("expandRange keeps the unit of durations written in the same unit", () => {
    expect(expandRange("10s..120s/6")).toEqual({ values: ["10s", "32s", "54s", "76s", "98s", "120s"] });
    expect(expandRange("100ms..500ms/3")).toEqual({ values: ["100ms", "300ms", "500ms"] });
    expect(expandRange("1m..2m/4")).toEqual({ values: ["1m", "1.333333m", "1.666667m", "2m"] });
  });

  it("expandRange writes durations in seconds when the ends use different units", () => {
    expect(expandRange("30s..2m/4")).toEqual({ values: ["30s", "60s", "90s", "120s"] });
    expect(expandRange("500ms..2s/4")).toEqual({ values: ["0.5s", "1s", "1.5s", "2s"] });
  });

  it.each([
    ["1..8/1", "1..8/1: a range needs at least 2 values; write a single value as it is"],
    ["1..8/x", '1..8/x: the number of values after the slash must be a whole number, got "x"'],
    ["1..8/20000", "1..8/20000: 20000 values is more than the 10,000 a range may have"],
    ["1..8s/4", "1..8s/4: both ends need a unit (10s..2m/6) or neither (1..8/8)"],
    ["1KiB..4KiB/4", "1KiB..4KiB/4: 1KiB is not a duration (ms, s, m, h, d); a range takes numbers or durations, list other values one by one"],
    ["-1s..4s/2", '-1s..4s/2: "-1s" is negative; a duration cannot be negative'],
    ["a..b/2", "a..b/2: expected a range as a..b/n, e.g. 10s..120s/6 or 1..8/8"],
  ])("expandRange(%j) is refused: %s", (text, error) => {
    expect(expandRange(text)).toEqual({ error });
  });
});

describe("the grid", () => {
  const dims = [
    { path: "fleet.instances", values: ["1", "2"] },
    { path: "queue.visibilityTimeout", values: ["10s", "20s", "30s"] },
  ];

  it("expandGrid is the product in flag order, the first --vary slowest, indexed from 0", () => {
    const cells = expandGrid(dims);
    expect(cells.map((c) => [c.index, ...c.values])).toEqual([
      [0, "1", "10s"],
      [1, "1", "20s"],
      [2, "1", "30s"],
      [3, "2", "10s"],
      [4, "2", "20s"],
      [5, "2", "30s"],
    ]);
    expect(cells[4]).toEqual(cellAt(dims, 4));
    expect(cellSets(dims, cells[4]!)).toEqual(["fleet.instances=2", "queue.visibilityTimeout=20s"]);
  });

  it("a sweep without --vary has one cell with no parameters", () => {
    expect(expandGrid([])).toEqual([{ index: 0, values: [], key: "[]" }]);
  });

  it("cellKey depends on the values, not on the index, the other values in the lists, or the flags' order", () => {
    const key = cellAt(dims, 4).key;
    const longer = [
      { path: "fleet.instances", values: ["0", "1", "2", "3"] },
      { path: "queue.visibilityTimeout", values: ["5s", "10s", "20s", "30s"] },
    ];
    const moved = expandGrid(longer).find((c) => c.values[0] === "2" && c.values[1] === "20s");
    expect(moved?.index).toBe(10);
    expect(moved?.key).toBe(key);
    expect(cellKey([...dims].reverse(), ["20s", "2"])).toBe(key);
  });
});

describe("the grid's size", () => {
  it("a grid too large for a double is counted by its power of ten, not as ∞", () => {
    const vary = Array.from({ length: 10_000 }, (_, i) => `p${i}=1,2`);
    expect(planSweep({ file: "x.yaml", sets: [], vary, replications: 1 })).toEqual({
      ok: false,
      errors: ["the grid has more than 10^3010 cells, more than the 100,000 a sweep may have; split it into several sweeps"],
    });
    const some = planSweep({ file: "x.yaml", sets: [], vary: vary.slice(0, 30), replications: 1 });
    expect(some.ok ? [] : some.errors).toEqual(["the grid has 1,073,741,824 cells, more than the 100,000 a sweep may have; split it into several sweeps"]);
  });
});

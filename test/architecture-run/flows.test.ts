// The rates an architecture's queues receive before a run (architecture-flows.ts): what preflight and explain use.
import { describe, expect, it } from "vitest";
import { architectureFlowParts, pairScenarios, spectralRadius, unboundedEmitCycle } from "../../src/sim/architecture-flows.js";
import { architecture } from "./helpers.js";

const PIPE = `name: pipe
duration: 10m
producers: [ { name: up, send: a, traffic: [ { constant: 4 } ], messageSize: 1KiB } ]
queues: [ { name: a }, { name: b } ]
consumers:
  - { name: pa, queue: a, emit: [ { send: b, count: 2, messageSize: 4KiB } ] }
  - { name: pb, queue: b }
`;

describe("flows", () => {
  it("split what producers bring a queue from what emit rules send it", () => {
    const { direct, emitted } = architectureFlowParts(architecture(PIPE));
    expect(direct).toEqual([[1], [0]]);
    expect(emitted).toEqual([[0], [2]]);
  });

  it("describe a downstream pair with the emit rule's size and rate, not the first producer's", () => {
    const b = pairScenarios(architecture(PIPE)).find((p) => p.queue === "b")!.scenario;
    expect(b.producers.map((p) => [p.name, p.messageSize, p.traffic])).toEqual([["up (emitted)", 4096, [{ constant: 8 }]]]);
  });

  it("refuse to sum a cycle that grows without bound", () => {
    const loop = architecture(PIPE.replace("  - { name: pb, queue: b }", "  - { name: pb, queue: b, emit: [ { send: a, share: 0.5 } ] }"));
    expect(unboundedEmitCycle(loop)).toEqual(["a", "b", "a"]);
    expect(() => architectureFlowParts(loop)).toThrow("the emit rules make a cycle (a → b → a) that grows without bound");
  });

  it("a cycle whose messages die out sums to its geometric series", () => {
    const dying = architecture(
      PIPE.replace("count: 2", "count: 1").replace("  - { name: pb, queue: b }", "  - { name: pb, queue: b, emit: [ { send: a, share: 0.5 } ] }"),
    );
    const { direct, emitted } = architectureFlowParts(dying);
    // a gets 1 + 0.5 + 0.25 + … = 2 per produced message, b as many.
    expect(direct[0]![0]! + emitted[0]![0]!).toBeCloseTo(2, 9);
    expect(emitted[1]![0]!).toBeCloseTo(2, 9);
  });
});

describe("spectralRadius", () => {
  it("is the growth per round of a non-negative matrix", () => {
    expect(spectralRadius([[0]])).toBe(0);
    expect(spectralRadius([[0.5]])).toBeCloseTo(0.5, 9);
    expect(
      spectralRadius([
        [0, 2],
        [0.5, 0],
      ]),
    ).toBeCloseTo(1, 9);
    expect(
      spectralRadius([
        [0, 0],
        [3, 0],
      ]),
    ).toBe(0);
  });
});

describe("unboundedEmitCycle", () => {
  it("names the growing cycle, not a dying one listed before it", () => {
    const a = architecture(`name: two-cycles
duration: 1m
producers: [ { name: p, send: a, traffic: [ { constant: 1 } ] }, { name: r, send: c, traffic: [ { constant: 1 } ] } ]
queues: [ { name: a }, { name: b }, { name: c }, { name: d } ]
consumers:
  - { name: pa, queue: a, emit: [ { send: b, share: 0.5 } ] }
  - { name: pb, queue: b, emit: [ { send: a } ] }
  - { name: pc, queue: c, emit: [ { send: d, count: 2 } ] }
  - { name: pd, queue: d, emit: [ { send: c } ] }
`);
    expect(unboundedEmitCycle(a)).toEqual(["c", "d", "c"]);
  });

  it("finds a self-loop that does not die out, and passes one that does", () => {
    const loop = (share: number) =>
      architecture(`name: self
duration: 1m
producers: [ { name: p, send: a, traffic: [ { constant: 1 } ] } ]
queues: [ { name: a } ]
consumers: [ { name: pa, queue: a, emit: [ { send: a, share: ${share} } ] } ]
`);
    expect(unboundedEmitCycle(loop(1))).toEqual(["a", "a"]);
    expect(unboundedEmitCycle(loop(0.99))).toBeNull();
  });
});

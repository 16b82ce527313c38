// jsonErrorIndex finds where a JSON text goes wrong: where Node names the position, it names the same one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorIndex } from "../../src/scenario/json-position.js";
import { parseScenarioText } from "../../src/scenario/load.js";

const SCENARIO = JSON.stringify(
  {
    name: "j",
    duration: "1h",
    queue: { visibilityTimeout: "30s", deadLetter: { maxReceiveCount: 5 } },
    producers: [{ name: "p", traffic: [{ constant: 2.5 }, { spike: { at: "10m", peak: 40, rise: "1m", hold: "2m", fall: "1m" } }] }],
    consumers: { processing: { lognormal: { median: "200ms", p99: "2s" } }, failures: { transient: 0.01 } },
    fleet: { kind: "fixed", instances: 3 },
    description: 'tab\\t "quoted" \u00e9',
  },
  null,
  2,
);

describe("jsonErrorIndex", () => {
  it("agrees with JSON.parse wherever Node names the position, on single-character edits of a scenario", () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.nat(SCENARIO.length - 1), fc.constantFrom("", ".", "}", "]", ",", ":", '"', "x", "0", "\n", "-", "\u0001"), (at, put) => {
        const text = SCENARIO.slice(0, at) + put + SCENARIO.slice(at + 1);
        let message: string | null = null;
        try {
          JSON.parse(text);
        } catch (e) {
          message = (e as Error).message;
        }
        if (message === null) return;
        const pos = /at position (\d+)/.exec(message);
        if (pos !== null) {
          compared++;
          expect(jsonErrorIndex(text)).toBe(Number(pos[1]));
        } else {
          expect(jsonErrorIndex(text)).toBeLessThanOrEqual(text.length);
        }
      }),
      { seed: 7, numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it("a scenario error always says line:col, and quotes none of the file", () => {
    const text = '{\n  "name": "x",\n  "duration": "1m",\n  "producers": [ { "name": "p", "traffic": [ { "spike": { "at": "1m", "hold": .nan } } ] } ]\n}\n';
    const loaded = parseScenarioText(text, "s.json", "/");
    expect(loaded.ok).toBe(false);
    const col = text.split("\n")[3]!.indexOf(".nan") + 1;
    expect(!loaded.ok && loaded.errors).toEqual([`s.json:4:${col}: invalid JSON: Unexpected token '.'`]);
  });
});

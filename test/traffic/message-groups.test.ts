// MessageGroupId draws: uniform spreads evenly; Zipf makes group 0 hot, with the share 1/(k+1)^s normalised.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/engine/random.js";
import { groupPicker, MAX_ZIPF_GROUPS } from "../../src/traffic/message-groups.js";

const N = 200_000;

function shares(pick: () => number, count: number): number[] {
  const hits = new Array<number>(count).fill(0);
  for (let i = 0; i < N; i++) hits[pick()]!++;
  return hits.map((h) => h / N);
}

/** Four standard errors of a share p estimated from N draws. */
const tolerance = (p: number): number => 4 * Math.sqrt((p * (1 - p)) / N);

describe("groupPicker", () => {
  it("uniform: each of 10 groups gets a tenth, within 4 standard errors", () => {
    for (const share of shares(groupPicker(10, "uniform", randomStream(1, "t")), 10)) {
      expect(Math.abs(share - 0.1)).toBeLessThan(tolerance(0.1));
    }
  });

  it("zipf s = 1.5 over 200 groups: group k gets (k+1)^-1.5 / H, within 4 standard errors", () => {
    const got = shares(groupPicker(200, { zipf: { s: 1.5 } }, randomStream(2, "t")), 200);
    let h = 0;
    for (let k = 0; k < 200; k++) h += 1 / (k + 1) ** 1.5;
    for (const k of [0, 1, 2, 9, 99]) {
      const p = 1 / (k + 1) ** 1.5 / h;
      expect(Math.abs(got[k]! - p)).toBeLessThan(tolerance(p));
    }
    expect(got[0]).toBeGreaterThan(0.35); // the hot group
  });

  it("one group always gives group 0; a Zipf table past the limit is refused", () => {
    const one = groupPicker(1, { zipf: { s: 2 } }, randomStream(3, "t"));
    expect([one(), one(), one()]).toEqual([0, 0, 0]);
    expect(() => groupPicker(MAX_ZIPF_GROUPS + 1, { zipf: { s: 1 } }, randomStream(3, "t"))).toThrow(/above the 1,000,000 supported/);
  });
});

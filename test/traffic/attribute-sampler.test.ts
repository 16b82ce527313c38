import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/engine/random.js";
import { compileFilterPolicy } from "../../src/sns/filter-policy.js";
import { AttributeSampler } from "../../src/traffic/attribute-sampler.js";

const EVENTS = { eventType: { order_placed: 0.3, order_updated: 0.6, order_cancelled: 0.1 } };

describe("message attributes drawn per message (for SNS filter policies)", () => {
  it("draws each value with its probability, within four standard errors over 100,000 messages", () => {
    const sampler = new AttributeSampler(EVENTS, randomStream(3, "test/attributes"));
    const n = 100_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const value = sampler.lookup(sampler.draw()).get("eventType");
      const text = value?.type === "String" ? value.value : "?";
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    for (const [value, p] of Object.entries(EVENTS.eventType)) {
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(counts.get(value)! / n - p)).toBeLessThan(4 * se);
    }
    expect([...counts.keys()].sort()).toEqual(["order_cancelled", "order_placed", "order_updated"]);
  });

  it("draws keys independently: the joint share of two values is the product of their probabilities", () => {
    const sampler = new AttributeSampler({ a: { x: 0.5, y: 0.5 }, b: { u: 0.2, v: 0.8 } }, randomStream(4, "test/attributes"));
    expect(sampler.combinations).toBe(4);
    const n = 100_000;
    let xv = 0;
    for (let i = 0; i < n; i++) {
      const l = sampler.lookup(sampler.draw());
      const a = l.get("a");
      const b = l.get("b");
      if (a?.type === "String" && a.value === "x" && b?.type === "String" && b.value === "v") xv++;
    }
    const p = 0.5 * 0.8;
    expect(Math.abs(xv / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it("builds each combination's lookup once and shares it; the same seed draws the same sequence", () => {
    const one = new AttributeSampler(EVENTS, randomStream(5, "test/attributes"));
    const two = new AttributeSampler(EVENTS, randomStream(5, "test/attributes"));
    const a = Array.from({ length: 50 }, () => one.draw());
    const b = Array.from({ length: 50 }, () => two.draw());
    expect(a).toEqual(b);
    expect(one.lookup(a[0]!)).toBe(one.lookup(a[0]!));
    expect(new Set(a.map((i) => one.lookup(i))).size).toBeLessThanOrEqual(3);
  });

  it("feeds a filter policy: the share delivered is the share of matching values", () => {
    const sampler = new AttributeSampler(EVENTS, randomStream(6, "test/attributes"));
    const policy = compileFilterPolicy({ eventType: [{ "anything-but": ["order_updated"] }] });
    if (!policy.ok) throw new Error(JSON.stringify(policy.problems));
    const n = 100_000;
    let matched = 0;
    for (let i = 0; i < n; i++) if (policy.matches(sampler.lookup(sampler.draw()))) matched++;
    // The exact share (placed 0.3 + cancelled 0.1), from the distributions and the policy.
    const p = sampler.shareMatching(policy.matches);
    expect(p).toBeCloseTo(0.4, 12);
    expect(Math.abs(matched / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it("never draws a value of probability 0, even where the others' sum rounds short of 1 and the draw is just below 1", () => {
    // 0.7 + 0.2 + 0.1 is 0.9999999999999999 in doubles: a uniform draw above it must not fall to "never".
    const draws = [1 - 2 ** -53, 0, 0.75];
    const sampler = new AttributeSampler({ k: { a: 0.7, b: 0.2, c: 0.1, never: 0 } }, () => draws.shift()!);
    const drawn = [0, 1, 2].map(() => {
      const v = sampler.lookup(sampler.draw()).get("k");
      return v?.type === "String" ? v.value : "?";
    });
    expect(drawn).toEqual(["c", "a", "b"]);
  });

  it("gives the exact share a policy matches, over every combination of values", () => {
    const sampler = new AttributeSampler({ kind: { order: 0.5, refund: 0.3, other: 0.2 }, region: { eu: 0.25, us: 0.75 } }, randomStream(1, "test/attributes"));
    const policy = compileFilterPolicy({ $or: [{ kind: ["refund"] }, { kind: ["order"], region: ["eu"] }] });
    if (!policy.ok) throw new Error(JSON.stringify(policy.problems));
    // refund (0.3, any region) or order in eu (0.5 × 0.25).
    expect(sampler.shareMatching(policy.matches)).toBeCloseTo(0.3 + 0.5 * 0.25, 12);
    expect(sampler.shareMatching(() => true)).toBeCloseTo(1, 12);
    expect(sampler.shareMatching(() => false)).toBe(0);
    expect(() => sampler.shareMatching(() => true, 5)).toThrow("6 combinations of attribute values, more than 5 to sum over");
  });

  it("refuses probabilities that do not add up to 1 or are negative, naming the key", () => {
    const random = randomStream(1, "x");
    expect(() => new AttributeSampler({ kind: { a: 0.5, b: 0.4 } }, random)).toThrow(
      "attributes.kind: the probabilities must be at least 0 and add up to 1 (they add up to 0.9)",
    );
    expect(() => new AttributeSampler({ kind: { a: 1.5, b: -0.5 } }, random)).toThrow("attributes.kind");
  });
});

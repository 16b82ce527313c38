import { describe, expect, it } from "vitest";
import { clip, quote } from "../../src/engine/quote.js";

describe("quote and clip", () => {
  it("quote shows a short text whole, in JSON quotes", () => {
    expect(quote("30 sec")).toBe('"30 sec"');
    expect(quote("a\nb")).toBe('"a\\nb"');
  });

  it("quote cuts a long text after 60 characters and says how long it was", () => {
    const text = "x".repeat(20 * 1024 * 1024);
    expect(quote(text)).toBe(`"${"x".repeat(60)}…" (20,971,520 characters)`);
    expect(quote("abcdef", 3)).toBe('"abc…" (6 characters)');
  });

  it("clip shows the text as typed, cut the same way, control characters escaped so a message stays one line", () => {
    expect(clip("queue.delay=5s")).toBe("queue.delay=5s");
    expect(clip("a\nb\u0000")).toBe("a\\nb\\u0000");
    expect(clip("y".repeat(1000))).toBe(`${"y".repeat(60)}… (1,000 characters)`);
  });

  it("does not cut a surrogate pair in half", () => {
    expect(quote("ab😀cd", 3)).toBe('"ab…" (6 characters)');
  });
});

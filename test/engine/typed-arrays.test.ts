import { describe, expect, it } from "vitest";
import { grown, unwrappedRing } from "../../src/engine/typed-arrays.js";

describe("typed-array growth", () => {
  it("grown(array, capacity) keeps the type and the contents and zero-fills the new tail", () => {
    const a = grown(Uint16Array.from([1, 2, 3]), 6);
    expect(a).toBeInstanceOf(Uint16Array);
    expect([...a]).toEqual([1, 2, 3, 0, 0, 0]);
  });

  it("unwrappedRing puts a wrapped ring's elements in order at the start of the new array", () => {
    // Capacity 8, head at 6, five elements: 6, 7, then 0, 1, 2.
    const ring = Int32Array.from([12, 13, 14, 0, 0, 0, 10, 11]);
    expect([...unwrappedRing(ring, 6, 5, 16)]).toEqual([10, 11, 12, 13, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("unwrappedRing of a ring that does not wrap copies the run from head", () => {
    const ring = Float64Array.from([0, 1.5, 2.5, 0]);
    expect([...unwrappedRing(ring, 1, 2, 8)]).toEqual([1.5, 2.5, 0, 0, 0, 0, 0, 0]);
  });
});

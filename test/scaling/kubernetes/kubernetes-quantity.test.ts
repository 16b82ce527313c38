// Kubernetes quantities for a pod's requests and a node's allocatable (aws-behaviour 9.18): the forms Kubernetes
// accepts for cpu and memory, held as whole millicores and bytes, and a plain reason for anything else.
import { describe, expect, it } from "vitest";
import { parseCpu, parseMemory, showBytes, showMillicores } from "../../../src/scenario/kubernetes-quantity.js";

describe("parseCpu", () => {
  it("reads millicores and cores, as strings or numbers", () => {
    expect(["500m", "0.5", 0.5, 1, "2", "1930m", ".25", " 250m "].map(parseCpu)).toEqual([500, 500, 500, 1000, 2000, 1930, 250, 250]);
  });

  it("refuses what is not a cpu quantity, naming the accepted forms, and anything finer than 1m", () => {
    expect(parseCpu("500Mi")).toBe('"500Mi" is not a cpu quantity; use cores or millicores, such as "500m", "0.5", 1 or "2"');
    expect(parseCpu(-1)).toMatch(/^-1 is not a cpu quantity/);
    expect(parseCpu("0")).toBe('"0" is too small: a cpu request must be more than 0');
    expect(parseCpu("0.5m")).toBe('"0.5m" is finer than Kubernetes\' cpu precision of 1m (0.001 cores)');
    expect(parseCpu(0.0001)).toMatch(/finer than Kubernetes' cpu precision/);
    expect(parseCpu(Infinity)).toBe("Infinity is not a finite number");
  });
});

describe("parseMemory", () => {
  it("reads bytes and binary or decimal suffixes", () => {
    expect(["512Mi", "1Gi", "512M", 536870912, "1.5Gi", "64Ki", "2k"].map(parseMemory)).toEqual([
      512 * 2 ** 20,
      2 ** 30,
      512e6,
      536870912,
      1.5 * 2 ** 30,
      65536,
      2000,
    ]);
  });

  it("refuses '512m' (milli-bytes to Kubernetes) with the likely meaning, and other forms naming the accepted ones", () => {
    expect(parseMemory("512m")).toBe('"512m" is 512 thousandths of a byte to Kubernetes (m is milli); write 512Mi or 512M');
    expect(parseMemory("512MB")).toBe(
      '"512MB" is not a memory quantity; use bytes, or a number with Ki, Mi, Gi, Ti (powers of 1024) or k, M, G, T (powers of 1000), such as "512Mi", "1Gi" or "512M"',
    );
    expect(parseMemory(0)).toBe("0 is too small: a memory figure must be at least 1 byte");
  });
});

describe("showing quantities in messages", () => {
  it("writes cpu as cores or millicores and memory in the largest whole binary unit", () => {
    expect([showMillicores(2000), showMillicores(500)]).toEqual(["2", "500m"]);
    expect([showBytes(2 ** 30), showBytes(512 * 2 ** 20), showBytes(1000)]).toEqual(["1Gi", "512Mi", "1000"]);
  });
});

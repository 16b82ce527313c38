import { describe, expect, it } from "vitest";
import { UnitError, formatBytes, formatDuration, formatSize, parseDuration, parseSize } from "../../src/engine/units.js";

describe("parseDuration", () => {
  it.each([
    ["250ms", 0.25],
    ["30s", 30],
    ["5m", 300],
    ["6h", 21_600],
    ["4d", 345_600],
    ["1.5s", 1.5],
    ["0s", 0],
    ["2m30s", 150],
    ["1h30m", 5_400],
    ["1d12h", 129_600],
    [" 30s ", 30],
    ["5 m", 300],
    ["0.1s", 0.1],
  ] as const)("parseDuration(%j) is %d seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it("parseDuration(number) is that many seconds", () => {
    expect(parseDuration(42)).toBe(42);
    expect(parseDuration(0.5)).toBe(0.5);
  });

  it("parseDuration of a bare numeric string reads seconds", () => {
    expect(parseDuration("30")).toBe(30);
  });

  it("parseDuration refuses an unknown unit and suggests the right one", () => {
    expect(() => parseDuration("30 sec")).toThrow(UnitError);
    expect(() => parseDuration("30 sec")).toThrow('"30 sec" is not a duration (did you mean 30s?); write e.g. 250ms, 30s, 5m, 6h, 4d');
    expect(() => parseDuration("2 hours")).toThrow("did you mean 2h?");
  });

  it.each(["abc", "", "1w", "s", "30s2m", "1m1m", "--5s"])("parseDuration(%j) throws a UnitError", (text) => {
    expect(() => parseDuration(text)).toThrow(UnitError);
  });

  it("parseDuration refuses negative durations", () => {
    expect(() => parseDuration("-5s")).toThrow("cannot be negative");
    expect(() => parseDuration(-1)).toThrow("cannot be negative");
  });

  it("parseDuration refuses NaN and Infinity", () => {
    expect(() => parseDuration(Number.NaN)).toThrow(UnitError);
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow(UnitError);
  });

  it("parseDuration refuses a text that reads as Infinity, quoting only its start", () => {
    // 310 digits: 1e309 is past the largest double (about 1.8e308); 1e308 still reads as a number.
    const digits = "1" + "0".repeat(309);
    expect(() => parseDuration(digits)).toThrow(`"${digits.slice(0, 60)}…" (310 characters) is too large to be a duration`);
    expect(() => parseDuration(`${digits}s`)).toThrow("is too large to be a duration");
    // Each part is finite; their sum is not.
    const days = "15" + "0".repeat(302);
    const hours = "15" + "0".repeat(303);
    expect(() => parseDuration(`${days}d${hours}h`)).toThrow("is too large to be a duration");
    expect(parseDuration("1" + "0".repeat(300))).toBe(1e300);
  });

  it("parseDuration looks units and their aliases up as its own, not Object.prototype's", () => {
    expect(() => parseDuration("5constructor")).toThrow('"5constructor" is not a duration; write e.g.');
    expect(() => parseDuration("5toString")).toThrow('"5toString" is not a duration; write e.g.');
    expect(() => parseDuration("5constructor")).not.toThrow("function");
  });
});

describe("parseSize", () => {
  it.each([
    ["512B", 512],
    ["64KiB", 65_536],
    ["256KiB", 262_144],
    ["1MiB", 1_048_576],
    ["1GiB", 1_073_741_824],
    ["2KB", 2_000],
    ["1MB", 1_000_000],
    ["1.5KiB", 1_536],
    ["2 kib", 2_048],
    ["100", 100],
  ] as const)("parseSize(%j) is %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it("parseSize(number) is that many bytes", () => {
    expect(parseSize(2048)).toBe(2048);
  });

  it("parseSize refuses a fraction of a byte", () => {
    expect(() => parseSize("1.3KiB")).toThrow('"1.3KiB" is 1331.2 bytes; a size must be a whole number of bytes');
    expect(() => parseSize(1.5)).toThrow(UnitError);
  });

  it.each(["2 kilobytes", "1K", "abc", "", "-1B"])("parseSize(%j) throws a UnitError", (text) => {
    expect(() => parseSize(text)).toThrow(UnitError);
  });

  it("parseSize refuses a size that reads as Infinity and units found on Object.prototype", () => {
    expect(() => parseSize("1" + "0".repeat(400))).toThrow("(401 characters) is too large to be a size");
    expect(() => parseSize(`${"9".repeat(300)}GiB`)).toThrow("is too large to be a size");
    expect(() => parseSize("1constructor")).toThrow('"1constructor" is not a size; write e.g.');
    expect(() => parseSize("1toString")).toThrow('"1toString" is not a size; write e.g.');
  });

  it("parseSize explains the unit families in its message", () => {
    expect(() => parseSize("2 kilobytes")).toThrow("KiB/MiB/GiB are 1024-based; KB/MB/GB are 1000-based");
  });
});

describe("formatDuration", () => {
  it.each([
    [43_200, "12h"],
    [0.25, "250ms"],
    [90, "90s"],
    [60, "1m"],
    [150, "150s"],
    [5_400, "90m"],
    [86_400, "1d"],
    [1.5, "1.5s"],
    [0.1, "100ms"],
    [0, "0s"],
    [0.0005, "0.5ms"],
    [1_209_600, "14d"],
    [129_600, "36h"],
  ] as const)("formatDuration(%d) is %j", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("formatDuration output parses back to the same number", () => {
    for (const s of [0.001, 0.2, 1, 7, 59, 61, 3_599, 3_601, 12_345.678, 31_622_400]) {
      expect(parseDuration(formatDuration(s))).toBe(s);
    }
  });
});

describe('formatDuration(…, "seconds"), formatSize, formatBytes', () => {
  it("formatDuration(…, \"seconds\") groups thousands: 43200 is '43,200 s'", () => {
    expect(formatDuration(43_200, "seconds")).toBe("43,200 s");
    expect(formatDuration(60, "seconds")).toBe("60 s");
    expect(formatDuration(1_209_600, "seconds")).toBe("1,209,600 s");
  });

  it("formatSize uses the shortest exact binary unit", () => {
    expect(formatSize(262_144)).toBe("256KiB");
    expect(formatSize(1_048_576)).toBe("1MiB");
    expect(formatSize(1_000)).toBe("1000B");
    expect(formatSize(2_048)).toBe("2KiB");
  });

  it("formatBytes groups thousands: 1048576 is '1,048,576 B'", () => {
    expect(formatBytes(1_048_576)).toBe("1,048,576 B");
  });
});

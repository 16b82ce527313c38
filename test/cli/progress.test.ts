import { describe, expect, it } from "vitest";
import { etaSeconds, ProgressBar, progressLine } from "../../src/cli/progress.js";
import { formatDuration } from "../../src/engine/units.js";

/** A bar on a fake clock: `at(ms, simulatedSeconds)` moves the clock and reports progress. */
function fakeBar(isTTY: boolean, totalSeconds = 3600) {
  let clock = 5_000; // any start: only differences count
  const writes: string[] = [];
  const bar = new ProgressBar({ totalSeconds, isTTY, now: () => clock, write: (t) => void writes.push(t) });
  const start = clock;
  return {
    bar,
    writes,
    at(ms: number, simulatedSeconds: number): void {
      clock = start + ms;
      bar.update(simulatedSeconds);
    },
  };
}

describe("the progress bar", () => {
  it("draws nothing when stderr is not a terminal, however long the run", () => {
    const f = fakeBar(false);
    for (let ms = 0; ms <= 60_000; ms += 500) f.at(ms, ms / 20);
    f.bar.finish();
    expect(f.writes).toEqual([]);
  });

  it("stays silent for the first second, so that a short run prints nothing at all", () => {
    const f = fakeBar(true);
    for (let ms = 0; ms < 1000; ms += 50) f.at(ms, ms);
    f.bar.finish();
    expect(f.writes).toEqual([]);
  });

  it("after a second, redraws the line with \\r: simulated time of the total, percent and time left", () => {
    const f = fakeBar(true);
    f.at(2000, 900); // a quarter of the hour in 2 s: 6 s to go at that pace
    expect(f.writes).toEqual([`\r[########----------------------] 15.0 min / 60.0 min  25%  ETA 6 s`]);
  });

  it("redraws at most every 100 ms however often the simulation reports", () => {
    const f = fakeBar(true);
    for (let ms = 1000; ms < 2000; ms += 10) f.at(ms, ms);
    expect(f.writes).toHaveLength(10);
    expect(f.writes.every((w) => w.startsWith("\r["))).toBe(true);
  });

  it("pads a shorter line over a longer one, and finish() blanks the line and returns to its start", () => {
    const f = fakeBar(true);
    f.at(1000, 1); // 1 s of 3600 s in 1 s: ETA about an hour
    f.at(1200, 3599);
    const [first, second] = f.writes;
    expect(first).toContain("ETA 59 min 59 s");
    expect(second!.length).toBe(first!.length);
    expect(second).toMatch(/ETA <1 s +$/);
    f.bar.finish();
    // Blanks what is visible: the second line without its padding (the padding is blank already).
    expect(f.writes[2]).toBe(`\r${" ".repeat(second!.trimEnd().length - 1)}\r`);
    f.bar.finish(); // a second finish has nothing left to clear
    expect(f.writes).toHaveLength(3);
  });
});

describe("progress arithmetic", () => {
  it("the time left is the time so far scaled by the share still to go", () => {
    expect(etaSeconds(0.25, 2000)).toBe(6);
    expect(etaSeconds(0.5, 10_000)).toBe(10);
    expect(etaSeconds(1, 10_000)).toBe(0);
    expect(etaSeconds(0, 10_000)).toBeNull();
  });

  it("before any simulated time the ETA is unknown; beyond the total the bar stays full", () => {
    expect(progressLine(0, 600, 1500)).toBe("[------------------------------] 0 s / 10.0 min   0%  ETA …");
    expect(progressLine(700, 600, 1500)).toMatch(/^\[#{30}\] .* 100% {2}ETA <1 s$/);
  });

  it("formats a countdown in whole seconds, minutes and hours", () => {
    expect(formatDuration(0.4, "countdown")).toBe("<1 s");
    expect(formatDuration(42.4, "countdown")).toBe("42 s");
    expect(formatDuration(185, "countdown")).toBe("3 min 05 s");
    expect(formatDuration(4800, "countdown")).toBe("1 h 20 min");
  });
});

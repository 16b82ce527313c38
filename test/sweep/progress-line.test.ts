import { describe, expect, it } from "vitest";
import { cellProgressLine } from "../../src/cli/sweep-command.js";

describe("cellProgressLine", () => {
  it("cellProgressLine counts cells reused by --resume in the bar and takes the time left from this session's pace", () => {
    // 40 cells × 2 replications; 10 cells reused, 30 replications of this session done of 60, in 5 s.
    const line = cellProgressLine({ cellsDone: 25, cellsTotal: 40, tasksDone: 30, tasksTotal: 60, tasksReused: 20 }, 5000);
    expect(line).toBe(`[${"#".repeat(19)}${"-".repeat(11)}] 25/40 cells  62%  ETA 5 s`);
  });

  it("cellProgressLine shows … for the time left before the first replication ends", () => {
    expect(cellProgressLine({ cellsDone: 0, cellsTotal: 6, tasksDone: 0, tasksTotal: 12, tasksReused: 0 }, 1500)).toBe(
      `[${"-".repeat(30)}] 0/6 cells   0%  ETA …`,
    );
  });
});

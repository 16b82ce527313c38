import { describe, expect, it } from "vitest";
import { LogHistogram } from "../../src/metrics/log-histogram.js";

function histogram(finished: readonly number[], censored: readonly number[] = []): LogHistogram {
  const h = new LogHistogram(10);
  for (const v of finished) h.record(v);
  for (const v of censored) h.recordCensored(v);
  return h;
}

describe("LogHistogram.recordCensored (a wait the run did not see end)", () => {
  it("counts a censored value in the count, the percentiles, the mean, the max and the values above the threshold", () => {
    const h = histogram([1, 2, 3], [50]);
    const s = h.summary();
    expect(s.count).toBe(4);
    expect(s.censored).toBe(1);
    expect(s.mean).toBeCloseTo(14, 10);
    expect(s.max).toBe(50);
    expect(h.above).toBe(1);
  });

  it("with nothing censored, nothing is a lower bound", () => {
    expect(histogram([1, 2, 3]).summary().lowerBound).toEqual([]);
  });

  it("marks the max when it is a censored value, and the mean when censored values make more than 0.5% of the sum", () => {
    const finished = Array.from({ length: 1000 }, (_, i) => 1 + i / 1000);
    expect(histogram(finished, [100]).summary().lowerBound).toEqual(["mean", "max"]);
  });

  it("a few young censored values among many finished ones mark nothing (they cannot move a figure at its precision)", () => {
    const finished = Array.from({ length: 100_000 }, (_, i) => 0.1 + (i % 1000) / 1000);
    const s = histogram([...finished, 30], [0.2, 0.3]).summary();
    expect(s.censored).toBe(2);
    expect(s.lowerBound).toEqual([]);
  });

  it("marks the percentiles that censored values below them could pass: a never-draining backlog moves them all", () => {
    // Messages still waiting at every age from 0 up (a backlog that grew all along), among finished ones: each
    // percentile has censored values below it that could pass it.
    const finished = Array.from({ length: 100 }, (_, i) => 1 + i / 100);
    const censored = Array.from({ length: 100 }, (_, i) => 0.5 + i / 20);
    expect(histogram(finished, censored).summary().lowerBound).toEqual(["mean", "p50", "p90", "p99", "max"]);
  });

  it("censored values all above a percentile's rank leave it exact: the median of 100 finished and 100 later ones", () => {
    const finished = Array.from({ length: 100 }, (_, i) => 1 + i / 100);
    const censored = Array.from({ length: 100 }, (_, i) => 5 + i);
    expect(histogram(finished, censored).summary().lowerBound).toEqual(["mean", "p90", "p99", "max"]);
  });

  it("a censored tail above p90 leaves p50 exact and makes p90 and p99 lower bounds", () => {
    const finished = Array.from({ length: 900 }, (_, i) => 1 + i / 900);
    const censored = Array.from({ length: 100 }, (_, i) => 3 + i / 100);
    // The 100 censored values sit above rank 899: moving them up moves p99 (rank 989) and p90's rank (899) sits on
    // the last finished value, so it stays; p50 stays.
    const marked = histogram(finished, censored).summary().lowerBound;
    expect(marked).toContain("p99");
    expect(marked).not.toContain("p50");
    expect(marked).toContain("max");
  });
});

describe("RepeatRecorder (runs of equal values added at once)", () => {
  it("gives the same histogram as recording each value, in any pattern of repeats", async () => {
    const { RepeatRecorder } = await import("../../src/metrics/repeat-recorder.js");
    const values = [0.0025, 0.0025, 0.0025, 0.2, 0.0025, 0.0025, 1.5, 1.5, 0.0025];
    const direct = new LogHistogram(0.1);
    for (const v of values) direct.record(v);
    const viaRuns = new LogHistogram(0.1);
    const recorder = new RepeatRecorder(viaRuns);
    for (const v of values) recorder.record(v);
    expect(viaRuns.count).toBe(8); // the last run (one 0.0025) is still held back
    recorder.flush();
    expect([viaRuns.count, viaRuns.above, viaRuns.min, viaRuns.max]).toEqual([direct.count, direct.above, direct.min, direct.max]);
    expect(viaRuns.sum).toBeCloseTo(direct.sum, 12);
    expect(Array.from(viaRuns.counts)).toEqual(Array.from(direct.counts));
  });
});

describe("lowerBound leaves alone a percentile no waiting message has reached (review of issue 12)", () => {
  it("7 jobs in progress for at most 193 s do not mark a p99 of about 680 s, though they could pass its rank", () => {
    // A sparse tail (600 s, 620 s, … 1,180 s): 7 values moved past p99's rank would move it by several buckets.
    const finished = Array.from({ length: 1200 }, (_, i) => (i < 1170 ? 10 + i / 10 : 600 + 20 * (i - 1170)));
    const s = histogram(finished, [50, 80, 100, 120, 150, 180, 193]).summary();
    expect(s.p99).toBeGreaterThan(600);
    expect(s.lowerBound).not.toContain("p99");
    expect(s.lowerBound).not.toContain("max");
  });
});

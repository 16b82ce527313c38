import { describe, expect, it } from "vitest";
import { inShard, resolveShard } from "../../src/sweep/index.js";

describe("resolveShard", () => {
  it("resolveShard reads i/n, with i from 0", () => {
    expect(resolveShard("0/3", undefined, {})).toEqual({ index: 0, count: 3 });
    expect(resolveShard("2/3", 3, {})).toEqual({ index: 2, count: 3 });
  });

  it.each([
    ["3/3", undefined, "--shard 3/3: shard 3 does not exist in 3 shards (indexes run from 0 to 2)"],
    ["0/0", undefined, "--shard 0/0: the number of shards must be at least 1"],
    ["1of3", undefined, "--shard 1of3: expected i/n (e.g. 0/4; i counts from 0), auto or auto/n"],
    ["1/3", 4, "--shard 1/3 and --shard-count 4 disagree on the number of shards"],
  ])("resolveShard(%j, %j) is refused", (spec, count, error) => {
    expect(resolveShard(spec, count, {})).toEqual({ error });
  });

  it("--shard auto takes a Kubernetes Indexed Job's JOB_COMPLETION_INDEX with the count from auto/n or --shard-count", () => {
    expect(resolveShard("auto/4", undefined, { JOB_COMPLETION_INDEX: "2" })).toEqual({ index: 2, count: 4 });
    expect(resolveShard("auto", 4, { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, count: 4 });
    expect(resolveShard("auto", undefined, { JOB_COMPLETION_INDEX: "1" })).toEqual({
      error: "--shard auto: JOB_COMPLETION_INDEX gives the index, but the number of shards is unknown; give it as --shard auto/<n> or --shard-count <n>",
    });
    expect(resolveShard("auto/4", undefined, { JOB_COMPLETION_INDEX: "4" })).toEqual({
      error: "--shard auto/4 (JOB_COMPLETION_INDEX=4): shard 4 does not exist in 4 shards (indexes run from 0 to 3)",
    });
  });

  it("--shard auto takes an AWS Batch array job's index, and its size when AWS_BATCH_JOB_ARRAY_SIZE is set", () => {
    expect(resolveShard("auto", undefined, { AWS_BATCH_JOB_ARRAY_INDEX: "5", AWS_BATCH_JOB_ARRAY_SIZE: "10" })).toEqual({ index: 5, count: 10 });
    expect(resolveShard("auto", 10, { AWS_BATCH_JOB_ARRAY_INDEX: "5" })).toEqual({ index: 5, count: 10 });
    expect(resolveShard("auto/8", undefined, { AWS_BATCH_JOB_ARRAY_INDEX: "5", AWS_BATCH_JOB_ARRAY_SIZE: "10" })).toEqual({
      error: "--shard auto/8 and AWS_BATCH_JOB_ARRAY_SIZE=10 disagree on the number of shards",
    });
  });

  it("--shard auto without either variable says which ones it looked for", () => {
    expect(resolveShard("auto/3", undefined, {})).toEqual({
      error:
        "--shard auto: neither JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) nor AWS_BATCH_JOB_ARRAY_INDEX (an AWS Batch array job) is set; give the shard as i/n instead",
    });
    expect(resolveShard("auto/3", undefined, { JOB_COMPLETION_INDEX: "x" })).toEqual({ error: 'JOB_COMPLETION_INDEX is "x", not a whole number' });
  });

  it("inShard takes the cells whose index is i modulo n; the shards cover every cell once", () => {
    const owners = Array.from({ length: 10 }, (_, cell) => [0, 1, 2].filter((i) => inShard(cell, { index: i, count: 3 })));
    expect(owners).toEqual([[0], [1], [2], [0], [1], [2], [0], [1], [2], [0]]);
    expect(inShard(7, null)).toBe(true);
  });
});

// The CLI on a Lambda pool: the terminal line, and settings the platform does not use named on stderr, never refused.
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { capture, tempDir, writeScenario } from "../cli/cli-helpers.js";

const ASG_PAIR = `name: pair
duration: 10m
queue: { visibilityTimeout: 2m }
producers: [ { name: p, traffic: [ { constant: 20 } ] } ]
consumers:
  batchSize: 10
  processing: { constant: 100ms }
  lambda: { maximumConcurrency: 10, timeout: 30s }
fleet: { kind: asg, min: 1, max: 5 }
`;

describe("sqs-sim on a Lambda pool", () => {
  it("--set consumers.platform=lambda turns an EC2 scenario into its Lambda twin, naming what it leaves unused", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, ASG_PAIR, "pair.yaml");
    const ec2 = capture(dir);
    expect(await runCli(["validate", file], ec2.io)).toBe(0);
    expect(ec2.err.join("")).toBe(`sqs-sim: note: ${file}: consumers.lambda is not used: consumers.platform is ec2 (set it to lambda to use it)\n`);
    const lambda = capture(dir);
    expect(await runCli(["run", file, "--set", "consumers.platform=lambda", "--out", "o", "--no-charts"], lambda.io)).toBe(0);
    const err = lambda.err.join("");
    expect(err).toContain(`sqs-sim: note: ${file}: fleet is not used: consumers.platform is lambda`);
    expect(err).toContain(`sqs-sim: note: ${file}: consumers.batchSize is not used by a Lambda pool`);
    expect(lambda.out.join("")).toMatch(
      /\n {2}consumers {3}lambda [\d,]+ invocations \(none throttled, \d+ cold starts\) · concurrency peak \d+, mean [\d.]+ · concurrent batches up to \d+\n/,
    );
    const quiet = capture(dir);
    expect(await runCli(["validate", file, "--quiet"], quiet.io)).toBe(0);
    expect(quiet.err.join("")).toBe("");
  });
});

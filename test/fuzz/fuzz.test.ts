// The CLI's contract (issue 11) checked on generated input: a fixed seed and a fixed number of cases, run in-process
// (one worker thread, no Node start-up per case). `npm run fuzz` runs many more, each in a child process with time
// and memory limits. Needs the fuzzer's build in dist/ (npm test runs npm run build:fuzz first): the worker thread
// loads JavaScript.
import fc from "fast-check";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, it } from "vitest";
import { checkCase } from "./check-case.js";
import { fuzzCase, IN_PROCESS } from "./generator.js";
import { describeViolations } from "./oracle.js";
import { caseWorkerUrl, inProcessGuards, WorkerRunner } from "./worker-runner.js";

const SEED = 11;
const CASES = 400;

// Guards against a runaway case, far above any legitimate one (each takes well under a second): never a
// performance assertion.
const runner = new WorkerRunner(inProcessGuards());
afterAll(() => runner.close());

describe("fuzzing the CLI against its contract", () => {
  it(`${CASES} generated scenarios and command lines (seed ${SEED}) each end in exit 0 or 2, with a message naming the file and ` +
    "the field, validate agreeing with run, nothing changed outside the output directory and no prototype touched", async () => {
    if (!existsSync(fileURLToPath(caseWorkerUrl()))) throw new Error("dist/test/fuzz/case-worker.js is missing: run npm run build:fuzz");
    // endOnFailure: no shrinking here (each step is a run); the message says how to shrink the case.
    let path = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(IN_PROCESS), async (c) => {
        const { violations } = await checkCase(c, runner.run);
        if (violations.length > 0) {
          throw new Error(`${describeViolations(c, violations)}\nreplay and shrink it: npm run fuzz -- --in-process --seed ${SEED} --path ${path}`);
        }
        path++;
      }),
      { seed: SEED, numRuns: CASES, endOnFailure: true },
    );
  }, 600_000);
});

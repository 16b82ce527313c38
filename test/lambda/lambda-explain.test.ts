// `sqs-sim explain` on a Lambda pool (aws-behaviour §8): Little's law for the concurrency, the mapping's ramp to it,
// the caps, AWS's visibility-timeout and redrive advice, and the reserved-concurrency trap, each against hand figures.
import { describe, expect, it } from "vitest";
import { findFigure, findSection } from "../../src/plan/explanation.js";
import { explainScenario } from "../../src/plan/explain.js";
import { explanationText } from "../../src/plan/explain-text.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";

function scenario(lambda: Record<string, unknown>, queue: Record<string, unknown> = { visibilityTimeout: "3m" }, rate = 100) {
  return ScenarioSchema.parse({
    name: "lx",
    duration: "30m",
    queue,
    producers: [{ name: "p", traffic: [{ constant: rate }] }],
    consumers: { platform: "lambda", processing: { constant: "200ms" }, lambda: { timeout: "30s", ...lambda } },
  });
}

describe("explain for a Lambda pool", () => {
  it("needs λ × W concurrent invocations and reaches them in whole 10-second steps of the mapping's rule", () => {
    const e = explainScenario(scenario({}));
    expect(e.fleet).toEqual({ kind: "lambda", minInstances: 5, maxInstances: 1000, workersPerInstance: 1 });
    const whole = e.phases[0]!;
    // 100 msg/s × 200 ms = 20; from 5 at 50 a step: one step.
    expect(findFigure(whole, "lambda.concurrencyNeeded")!.value).toBe(20);
    expect(findFigure(whole, "lambda.timeToConcurrency")!.value).toBe(10);
    const old = explainScenario(scenario({ scalingRules: "2022" }));
    // 10 a step under the 2022 rules: 2 steps.
    expect(findFigure(old.phases[0], "lambda.timeToConcurrency")!.value).toBe(20);
    expect(findFigure(findSection(e, "lambda"), "lambda.mappingCap")!.value).toBe(1250);
    expect(e.warnings).toEqual([]);
  });

  it("costs the function's GB-seconds and requests at the mean rate", () => {
    // With a window, full batches: 100 msg/s × 3600 × 0.2 s × 1 GB × $0.0000166667 + 36,000 invocations × $0.2 per million.
    const full = explainScenario(scenario({ memory: 1024, batchSize: 10, maximumBatchingWindow: "1s" }));
    expect(findFigure(full.phases[0], "lambda.costPerHour")!.value).toBeCloseTo(100 * 3600 * 0.2 * 0.0000166667 + 36_000 * 0.2e-6, 4);
    // Without one, about one message an invocation: 360,000 invocations an hour.
    const single = explainScenario(scenario({ memory: 1024, batchSize: 10 }));
    expect(findFigure(single.phases[0], "lambda.costPerHour")!.value).toBeCloseTo(100 * 3600 * 0.2 * 0.0000166667 + 360_000 * 0.2e-6, 4);
  });

  it("on FIFO, no more concurrency than message groups (8.12)", () => {
    const s = ScenarioSchema.parse({
      name: "lx",
      duration: "30m",
      queue: { type: "fifo", name: "q.fifo", visibilityTimeout: "3m" },
      producers: [{ name: "p", traffic: [{ constant: 100 }], messageGroups: { count: 2 } }],
      consumers: { platform: "lambda", processing: { constant: "200ms" }, lambda: { timeout: "30s" } },
    });
    const e = explainScenario(s);
    expect(e.fleet.maxInstances).toBe(2);
    expect(e.fleet.minInstances).toBe(2);
    expect(findFigure(e.phases[0], "lambda.timeToConcurrency")!.value).toBeNull();
    expect(e.warnings.map((w) => `${w.id} ${w.path}`)).toEqual(["lambda-cannot-keep-up producers"]);
  });

  it("with reserved concurrency 1, says that maximumConcurrency cannot help (its minimum is 2)", () => {
    const e = explainScenario(scenario({ reservedConcurrency: 1 }));
    const trap = e.warnings.find((w) => w.id === "lambda-reserved-below-pollers")!;
    expect(trap.path).toBe("consumers.lambda.reservedConcurrency");
    expect(trap.message).toContain("maximumConcurrency cannot go below 2");
    expect(trap.message).toContain("wait out visibility timeouts");
    expect(e.fleet).toMatchObject({ minInstances: 1, maxInstances: 1 });
  });

  it("warns of a visibility timeout below 6 × the function timeout (8.9) and a maxReceiveCount below 5 (8.10)", () => {
    const e = explainScenario(scenario({}, { visibilityTimeout: "60s", deadLetter: { maxReceiveCount: 3 } }));
    expect(e.warnings.map((w) => `${w.id} ${w.path}`)).toEqual([
      "lambda-visibility-below-advice queue.visibilityTimeout",
      "lambda-max-receive-count-low queue.deadLetter.maxReceiveCount",
    ]);
    expect(findFigure(findSection(e, "visibility"), "lambda.visibilityAdvice")!.value).toBe(180);
  });

  it("warns of the reserved-concurrency trap, and of a load above what the mapping and the function allow", () => {
    const trap = explainScenario(scenario({ reservedConcurrency: 10 }));
    expect(trap.warnings.map((w) => w.id)).toEqual(["lambda-reserved-below-pollers", "lambda-cannot-keep-up"]);
    expect(trap.warnings[0]!.message).toContain("set maximumConcurrency to 10 or less");
    expect(findFigure(trap.phases[0], "lambda.timeToConcurrency")!.value).toBeNull();
    // MaximumConcurrency at or below the reservation: no trap, but 10 still cannot carry 20.
    const capped = explainScenario(scenario({ reservedConcurrency: 10, maximumConcurrency: 10 }));
    expect(capped.warnings.map((w) => w.id)).toEqual(["lambda-cannot-keep-up"]);
    expect(explanationText(capped)).toContain("Lambda function, 5–10 concurrent invocations");
  });

  it("puts a run's mean concurrency beside the estimate, and no simulated figure beside the ramp", () => {
    const s = scenario({});
    const e = explainScenario(s, simulate(s).summary);
    const mean = findFigure(e.phases[0], "lambda.meanConcurrency")!;
    expect(mean.value).toBe(20);
    // 100 msg/s of 200 ms for 30 minutes: Little's law holds for the run's mean (the first 10 s ramp aside).
    expect(Math.abs(mean.simulated! - 20)).toBeLessThan(0.5);
    // The run's time to its peak is not the ramp's time to the needed concurrency: not shown beside it.
    expect(findFigure(e.phases[0], "lambda.timeToConcurrency")!.simulated).toBeUndefined();
  });

  it("in provisioned mode: starts at min × 10, adds 1,000 a minute, bills the pollers, and sweeps provisionedPollers.max (8.6)", () => {
    const e = explainScenario(
      scenario({ provisionedPollers: { min: 2, max: 200, hourlyUsd: 0.1 }, accountConcurrency: 5000 }, { visibilityTimeout: "3m" }, 3000),
    );
    expect(e.fleet).toEqual({ kind: "lambda", minInstances: 20, maxInstances: 2000, workersPerInstance: 1 });
    const whole = e.phases[0]!;
    // 3,000 msg/s × 200 ms = 600: from 20 at 1,000 a minute (166.7 a 10 s step), 4 steps.
    expect(findFigure(whole, "lambda.concurrencyNeeded")!.value).toBe(600);
    expect(findFigure(whole, "lambda.timeToConcurrency")!.value).toBe(40);
    // 600 concurrent invocations are 60 pollers at $0.1 an hour, on top of the function's own cost.
    const cost = findFigure(whole, "lambda.costPerHour")!.value!;
    expect(cost).toBeCloseTo(3000 * 3600 * 0.2 * 0.125 * 0.0000166667 + 3000 * 3600 * 0.2e-6 + 60 * 0.1, 3);
    expect(e.sweep!.vary).toEqual(["consumers.lambda.provisionedPollers.max=30,60,120"]);
  });

  it("in provisioned mode, the trap's advice names the provisioned pollers, and a short maximum names provisionedPollers.max", () => {
    const trap = explainScenario(
      scenario({ provisionedPollers: { min: 2, max: 10, hourlyUsd: 0.1 }, reservedConcurrency: 5 }, { visibilityTimeout: "3m" }, 10),
    );
    const w = trap.warnings.find((x) => x.id === "lambda-reserved-below-pollers")!;
    expect(w.path).toBe("consumers.lambda.provisionedPollers");
    expect(w.message).toContain("their minimum alone runs 20");
    expect(w.message).not.toContain("maximumConcurrency");
    const short = explainScenario(scenario({ provisionedPollers: { min: 2, max: 5, hourlyUsd: 0.1 } }, { visibilityTimeout: "3m" }, 1000));
    expect(short.warnings.map((x) => `${x.id} ${x.path}`)).toContain("lambda-cannot-keep-up consumers.lambda.provisionedPollers.max");
    // The pollers billed never exceed the maximum: 5 pollers at $0.1 an hour in the cost.
    const cost = findFigure(short.phases[0], "lambda.costPerHour")!.value!;
    expect(cost).toBeCloseTo(1000 * 3600 * 0.2 * 0.125 * 0.0000166667 + 1000 * 3600 * 0.2e-6 + 5 * 0.1, 3);
  });
});

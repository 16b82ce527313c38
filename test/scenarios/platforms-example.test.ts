// platforms-on-a-trace.yaml (issue 16) teaches what its description says: one day of the NASA trace drained by
// EC2, Lambda and Kubernetes, checked on the three runs compare-platforms makes.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { type RunSummary } from "../../src/sim/result.js";
import { simulate } from "../../src/sim/simulate.js";

const root = resolve(import.meta.dirname, "../..");
const file = join(root, "scenarios", "platforms-on-a-trace.yaml");

function on(platform: string): RunSummary {
  const loaded = loadScenarioFile(file, { sets: [`consumers.platform=${platform}`] });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return simulate(loaded.scenario).summary;
}

describe("platforms-on-a-trace.yaml", () => {
  it("EC2's group swings and waits; Lambda and KEDA keep the wait under a second; EC2 costs the most", { timeout: 120_000 }, () => {
    const [ec2, lambda] = [on("ec2"), on("lambda")];
    // The file runs Kubernetes: its run is the golden summary, which test/golden holds to the model byte for byte.
    const kubernetes = JSON.parse(readFileSync(join(root, "test", "golden", "platforms-on-a-trace.summary.json"), "utf8")) as RunSummary;
    expect(kubernetes.fleet.kind).toBe("kubernetes");
    // The same arrivals on every platform.
    expect(lambda.producers.produced).toBe(ec2.producers.produced);
    expect(kubernetes.producers.produced).toBe(ec2.producers.produced);
    // The group swings between its minimum and its maximum of 80 (target tracking on a minute-old metric) and waits.
    expect(ec2.fleet.peakInService).toBe(80);
    expect(ec2.fleet.minInService).toBe(2);
    expect(ec2.latency.queueWait.p99).toBeGreaterThan(10);
    expect(ec2.slo!.fractionOverMaxQueueWait).toBeGreaterThan(0.001);
    // KEDA's count asks for a pod per 5 messages at once: on bursts the pool reaches its 80 pods and 20 nodes.
    expect(kubernetes.kubernetes!.peakReplicas).toBe(80);
    expect(kubernetes.kubernetes!.peakNodes).toBe(20);
    for (const fast of [lambda, kubernetes]) {
      expect(fast.latency.queueWait.p99).toBeLessThan(1);
      expect(fast.slo!.fractionOverMaxQueueWait).toBeLessThan(0.0001);
    }
    // EC2 pays for the swings; Kubernetes' nodes cost more than Lambda's invocations here.
    expect(ec2.cost.totalUsd).toBeGreaterThan(kubernetes.cost.totalUsd);
    expect(kubernetes.cost.totalUsd).toBeGreaterThan(lambda.cost.totalUsd);
  });
});

// A Lambda pool end to end (issue 15, aws-behaviour §8): the mapping's scaling ramp under each rule set, its caps, the
// idle floor, the reserved-concurrency trap against MaximumConcurrency, partial batch response, the batching window
// on a quiet queue, the bill, conservation and determinism.
import { describe, expect, it } from "vitest";
import { type ScenarioInput, ScenarioSchema } from "../../src/scenario/schema.js";
import { prepareRun } from "../../src/sim/prepare-run.js";
import { simulate } from "../../src/sim/simulate.js";
import { type RunSummary } from "../../src/sim/result.js";
import { LAMBDA_GB_SECOND_USD } from "../../src/sim/build-lambda.js";

type Lambda = NonNullable<NonNullable<ScenarioInput["consumers"]>["lambda"]>;

function scenario(over: {
  lambda?: Lambda;
  rate?: number;
  traffic?: unknown[];
  duration?: string;
  processing?: unknown;
  failures?: unknown;
  queue?: unknown;
  arrivals?: string;
  producer?: Record<string, unknown>;
}) {
  return ScenarioSchema.parse({
    name: "lambda-test",
    duration: over.duration ?? "10m",
    queue: over.queue ?? { visibilityTimeout: "15m" },
    producers: [{ name: "p", traffic: over.traffic ?? [{ constant: over.rate ?? 10 }], arrivals: over.arrivals ?? "poisson", ...over.producer }],
    consumers: {
      platform: "lambda",
      processing: over.processing ?? { constant: "100ms" },
      failures: over.failures ?? {},
      lambda: { timeout: "30s", coldStart: { constant: "0s" }, ...over.lambda },
    },
  });
}

function run(s: ReturnType<typeof scenario>): RunSummary {
  return simulate(s).summary;
}

/** The mapping's pollers (desired concurrency) at each whole minute from 0 to `minutes`. */
function pollersEachMinute(s: ReturnType<typeof scenario>, minutes: number): number[] {
  const prepared = prepareRun(s, s.seed);
  if (!prepared.ok) throw new Error(prepared.problems.join("; "));
  const { kernel, pools } = prepared.world;
  const counts: number[] = [];
  for (let m = 0; m <= minutes; m++) {
    kernel.runUntil(m * 60e6);
    counts.push(pools[0]!.capacity.desired);
  }
  return counts;
}

function conserved(s: RunSummary): void {
  const m = s.messages;
  expect(m.sent).toBe(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
}

describe("the event source mapping's scaling (aws-behaviour 8.2-8.5)", () => {
  // A backlog that never clears: 5,000 msg/s against pollers that take 10 messages a second each at most.
  const backlog = { rate: 5_000, duration: "7m", processing: { constant: "1s" }, queue: { visibilityTimeout: "12h" } };

  it("from 2023-11: 5 concurrent invocations, then 300 more each minute while messages wait, to 1,250", () => {
    const s = scenario({ ...backlog, lambda: { accountConcurrency: 5_000 } });
    expect(pollersEachMinute(s, 7)).toEqual([5, 305, 605, 905, 1205, 1250, 1250, 1250]);
  });

  it("before 2023-11: 60 more each minute, to 1,000", () => {
    const s = scenario({ ...backlog, duration: "20m", lambda: { accountConcurrency: 5_000, scalingRules: "2022" } });
    const counts = pollersEachMinute(s, 18);
    expect(counts.slice(0, 6)).toEqual([5, 65, 125, 185, 245, 305]);
    expect(counts[16]).toBe(965);
    expect(counts[17]).toBe(1000);
    expect(counts[18]).toBe(1000);
  });

  it("MaximumConcurrency caps the pollers, and with it nothing is throttled", () => {
    const s = scenario({ ...backlog, duration: "3m", lambda: { maximumConcurrency: 100, reservedConcurrency: 100 } });
    expect(pollersEachMinute(s, 3)).toEqual([5, 100, 100, 100]);
    const summary = run(s);
    expect(summary.lambda!.throttledInvocations).toBe(0);
    expect(summary.lambda!.peakConcurrency).toBe(100);
  });

  it("the account's concurrency throttles what the mapping asks beyond it, and the mapping backs off (8.14)", () => {
    const s = scenario({ ...backlog, duration: "3m", lambda: { accountConcurrency: 200 } });
    const summary = run(s);
    expect(summary.lambda!.peakConcurrency).toBe(200);
    expect(summary.lambda!.throttledInvocations).toBeGreaterThan(0);
    expect(summary.lambda!.peakPollers).toBeGreaterThan(200);
    expect(summary.lambda!.peakPollers).toBeLessThan(1250);
  });

  it("a quiet queue falls back to 2 pollers a minute after its last message, but not below 5 with MaximumConcurrency set (8.4)", () => {
    // Messages for the first 2 minutes, then none.
    const quiet = { duration: "6m", arrivals: "uniform", traffic: [{ spike: { at: "0s", peak: 2, hold: "2m" } }] };
    const counts = pollersEachMinute(scenario(quiet), 6);
    expect(counts.slice(0, 3)).toEqual([5, 5, 5]);
    expect(counts.slice(4)).toEqual([2, 2, 2]);
    expect(pollersEachMinute(scenario({ ...quiet, lambda: { maximumConcurrency: 50 } }), 6)).toEqual([5, 5, 5, 5, 5, 5, 5]);
    // A message after the quiet minute brings the mapping back to 5 at its next step.
    const back = pollersEachMinute(
      scenario({ ...quiet, traffic: [{ spike: { at: "0s", peak: 2, hold: "1m" } }, { spike: { at: "4m", peak: 2, hold: "2m" } }] }),
      6,
    );
    expect(back[3]).toBe(2);
    expect(back[5]).toBe(5);
  });

  it("a steady load well within its pollers falls back, keeping twice the invocations running (8.4)", () => {
    // 50 msg/s of 50 ms need 2.5 invocations; start the mapping higher with a burst, then watch it come down.
    const s = scenario({
      duration: "10m",
      processing: { constant: "50ms" },
      traffic: [{ constant: 50 }, { spike: { at: "0s", peak: 2_000, hold: "30s" } }],
      lambda: { maximumConcurrency: 100 },
    });
    const counts = pollersEachMinute(s, 10);
    expect(Math.max(...counts)).toBeGreaterThan(20);
    expect(counts.slice(-3).every((c) => c >= 5 && c <= 10)).toBe(true);
  });

  it("falling back never adds pollers, even when more than half of them are busy (8.4)", () => {
    // Rare, minute-long jobs: receives come back empty while most pollers are busy.
    const s = scenario({
      rate: 0.06,
      duration: "2h",
      processing: { constant: "60s" },
      queue: { visibilityTimeout: "10m" },
      lambda: { batchSize: 1, timeout: "90s" },
    });
    const result = simulate(s);
    const growingFallBacks = result.activities.filter((a) => a.reason.includes("falling back") && Number(a.after) > Number(a.before));
    expect(growingFallBacks).toEqual([]);
    expect(result.activities.some((a) => a.reason.includes("falling back"))).toBe(true);
  });

  it("failures slow the scaling only when most invocations fail (8.14): 1% of messages failing still reaches the load", () => {
    const load = { rate: 500, duration: "15m", processing: { constant: "200ms" }, queue: { visibilityTimeout: "5m" } };
    const s = run(scenario({ ...load, failures: { transient: 0.01 } }));
    // 500 msg/s of 200 ms each need 100 invocations running.
    expect(s.lambda!.meanConcurrency).toBeGreaterThan(95);
    expect(s.messages.remaining.visible).toBeLessThan(1_000);
    // A function failing nearly every batch does not grow past the 5 pollers it started with.
    const failing = run(scenario({ ...load, failures: { transient: 0.9 } }));
    expect(failing.lambda!.peakPollers).toBe(5);
  });
});

describe("the reserved-concurrency trap (aws-behaviour 8.13, 12.11)", () => {
  // A spike the function cannot keep up with, healthy messages only, maxReceiveCount 3.
  const spike = {
    rate: 200,
    duration: "15m",
    processing: { constant: "200ms" },
    queue: { visibilityTimeout: "30s", deadLetter: { maxReceiveCount: 3 } },
  };

  it("reserved concurrency 5 throttles the mapping's extra pollers: healthy messages reach the dead-letter queue", () => {
    const s = run(scenario({ ...spike, lambda: { reservedConcurrency: 5 } }));
    expect(s.lambda!.throttledInvocations).toBeGreaterThan(100);
    expect(s.messages.deadLettered).toBeGreaterThan(100);
    expect(s.lambda!.peakConcurrency).toBe(5);
    expect(s.consumers.failedAttempts).toBe(0);
    conserved(s);
  });

  it("MaximumConcurrency 5 instead: the same concurrency, nothing throttled, nothing dead-lettered", () => {
    const s = run(scenario({ ...spike, lambda: { maximumConcurrency: 5, reservedConcurrency: 5 } }));
    expect(s.lambda!.throttledInvocations).toBe(0);
    expect(s.messages.deadLettered).toBe(0);
    expect(s.lambda!.peakConcurrency).toBe(5);
    conserved(s);
  });
});

describe("batches", () => {
  it("partial batch response returns only the failed messages (8.11); without it a failure returns the whole batch", () => {
    // A 1 s window at 50 msg/s fills batches of 10.
    const base = { rate: 50, duration: "20m", failures: { transient: 0.1 }, queue: { visibilityTimeout: "30s" } };
    const partial = run(scenario({ ...base, lambda: { reportBatchItemFailures: true, maximumBatchingWindow: "1s" } }));
    const whole = run(scenario({ ...base, lambda: { maximumBatchingWindow: "1s" } }));
    expect(whole.lambda!.invocations).toBeLessThan(whole.messages.received / 8);
    expect(partial.lambda!.failedInvocations).toBe(0);
    expect(whole.lambda!.failedInvocations).toBeGreaterThan(0);
    // A message fails 10% of its attempts: with partial response about 1/9 of messages come back per success; whole
    // batches of 10 fail 65% of the time, so far more come back.
    expect(whole.messages.redelivered).toBeGreaterThan(3 * partial.messages.redelivered);
    const attempts = partial.consumers.processed + partial.consumers.failedAttempts;
    const share = partial.consumers.failedAttempts / attempts;
    const se = Math.sqrt((0.1 * 0.9) / attempts);
    expect(Math.abs(share - 0.1)).toBeLessThan(4 * se);
    conserved(partial);
    conserved(whole);
  });

  it("a batching window on a quiet queue holds a batch until a long poll returns after it (8.8)", () => {
    const quiet = { rate: 0.05, duration: "6h", processing: { constant: "100ms" }, lambda: { batchSize: 100 } };
    const none = run(scenario({ ...quiet, lambda: { ...quiet.lambda, batchSize: 10 } }));
    const windowed = run(scenario({ ...quiet, lambda: { ...quiet.lambda, maximumBatchingWindow: "5s" } }));
    // Without a window each message is invoked as it is received: end to end is its processing.
    expect(none.latency.endToEnd.mean).toBeLessThan(0.15);
    // With one, a lone message waits out the window, and on a quiet queue up to 20 s in all.
    expect(windowed.latency.endToEnd.mean).toBeGreaterThan(5);
    // (Plus the send's half round trip and the batch's processing: a message joining at the last moment adds its own.)
    expect(windowed.latency.endToEnd.max).toBeLessThanOrEqual(20.5);
    expect(windowed.lambda!.invocations).toBeLessThan(none.lambda!.invocations);
  });
});

describe("queue rules the mapping meets", () => {
  it("window + function timeout above the visibility timeout: the mapping keeps its batch invisible (8.9), nothing is received twice", () => {
    const s = run(
      scenario({
        rate: 20,
        duration: "30m",
        processing: { constant: "10ms" },
        queue: { visibilityTimeout: "30s" },
        lambda: { batchSize: 10_000, maximumBatchingWindow: "60s", timeout: "30s" },
      }),
    );
    expect(s.messages.redelivered).toBe(0);
    expect(s.messages.duplicateProcessing).toBe(0);
    expect(s.consumers.deletesWithoutEffect).toBe(0);
    // Each of the 5 pollers gathers for its 60 s window: about 30 batches each in 30 minutes.
    expect(s.lambda!.invocations).toBeLessThanOrEqual(5 * 30 + 5);
    expect(s.lambda!.peakPollers).toBe(5);
  });

  it("FIFO: a group's messages held past the 6 MB cut never overtake its failures (8.7, 8.12)", () => {
    const fifo = {
      duration: "20m",
      rate: 20,
      processing: { constant: "10ms" },
      failures: { transient: 0.1 },
      queue: { type: "fifo", name: "q.fifo", visibilityTimeout: "30s", maxMessageSize: "1MiB" },
      producer: { messageSize: "900KiB", messageGroups: { count: 2 } },
    };
    for (const reportBatchItemFailures of [true, false]) {
      const s = run(scenario({ ...fifo, lambda: { batchSize: 10, maximumBatchingWindow: "2s", reportBatchItemFailures } }));
      expect(s.fifo!.processedOutOfOrder).toBe(0);
      expect(s.fifo!.orderViolations).toBe(0);
      expect(s.messages.deleted).toBeGreaterThan(100);
      conserved(s);
    }
  });

  it("FIFO: a throttled batch's groups are let go from what the poller holds, so they never overtake it (8.12, 8.13)", () => {
    const s = run(
      scenario({
        duration: "20m",
        rate: 40,
        processing: { constant: "10ms" },
        queue: { type: "fifo", name: "q.fifo", visibilityTimeout: "30s", maxMessageSize: "1MiB" },
        producer: { messageSize: "900KiB", messageGroups: { count: 20 } },
        lambda: { batchSize: 10, maximumBatchingWindow: "2s", reservedConcurrency: 3 },
      }),
    );
    expect(s.lambda!.throttledInvocations).toBeGreaterThan(100);
    expect(s.fifo!.processedOutOfOrder).toBe(0);
    conserved(s);
  });

  it("FIFO: concurrency grows no further than the groups holding messages (8.12)", () => {
    const s = run(
      scenario({
        duration: "20m",
        rate: 20,
        processing: { constant: "10ms" },
        queue: { type: "fifo", name: "q.fifo" },
        producer: { messageGroups: { count: 2 } },
      }),
    );
    expect(s.lambda!.peakPollers).toBe(5);
    expect(s.lambda!.peakConcurrency).toBeLessThanOrEqual(2);
  });

  it("FIFO: the mapping's receives and deletes are held to the queue's API quota (3.10)", () => {
    const s = run(
      scenario({
        duration: "5m",
        rate: 2_500,
        processing: { constant: "1ms" },
        queue: { type: "fifo", name: "q.fifo" },
        producer: { messageGroups: { count: 5_000 }, batchSize: 10 },
        lambda: { batchSize: 1, timeout: "10s" },
      }),
    );
    expect(s.fifo!.throttledReceives).toBeGreaterThan(0);
    // Normal throughput: 300 receive calls a second at most, each taking one message here.
    expect(s.messages.received).toBeLessThanOrEqual(300 * 300 + 300);
    conserved(s);
  });
});

describe("the bill (aws-behaviour 10.5)", () => {
  it("a request per invocation and GB-seconds of duration, rounded up to the millisecond", () => {
    // Uniform arrivals of 1 msg/s, batch 1, 500 ms each at 1,024 MB: every invocation bills 0.5 GB-s.
    const s = run(scenario({ rate: 1, arrivals: "uniform", duration: "10m", processing: { constant: "500ms" }, lambda: { batchSize: 1, memory: 1024 } }));
    const l = s.lambda!;
    expect(l.invocations).toBe(s.messages.deleted);
    expect(l.gbSeconds).toBeCloseTo(l.invocations * 0.5, 6);
    expect(l.requestsUsd).toBeCloseTo((l.invocations * 0.2) / 1e6, 5);
    // (Each figure is rounded to 6 decimals on its own.)
    expect(l.durationUsd).toBeCloseTo(l.gbSeconds * LAMBDA_GB_SECOND_USD.x86_64, 5);
    expect(s.cost.computeUsd).toBeCloseTo(l.requestsUsd + l.durationUsd, 5);
    // 0.4 ms of work bills 1 ms; at 128 MB (the default) that is 1/8,000 GB-s an invocation.
    const tiny = run(
      scenario({ rate: 1, arrivals: "uniform", duration: "10m", processing: { constant: "0.4ms" }, lambda: { batchSize: 1, architecture: "arm64" } }),
    ).lambda!;
    expect(tiny.gbSeconds).toBeCloseTo(tiny.invocations / 8_000, 6);
    expect(tiny.durationUsd).toBeCloseTo(tiny.gbSeconds * LAMBDA_GB_SECOND_USD.arm64, 5);
  });

  it("cold starts: one per new execution environment, reused while warm, added to the duration", () => {
    const s = run(
      scenario({
        rate: 1,
        arrivals: "uniform",
        duration: "30m",
        processing: { constant: "100ms" },
        lambda: { batchSize: 1, coldStart: { constant: "500ms" } },
      }),
    );
    // One message a second, 100 ms each (600 ms the first): one environment does it all.
    expect(s.lambda!.coldStarts).toBe(1);
    expect(s.lambda!.gbSeconds).toBeCloseTo(((s.lambda!.invocations * 0.1 + 0.5) * 128) / 1024, 4);
    // A cold start of 1.5 s makes the first invocation overlap the second message's: a second environment.
    const overlap = run(
      scenario({ rate: 1, arrivals: "uniform", duration: "30m", processing: { constant: "100ms" }, lambda: { batchSize: 1, coldStart: { constant: "1.5s" } } }),
    );
    expect(overlap.lambda!.coldStarts).toBe(2);
  });

  it("the function timeout stops an invocation and fails its batch (8.15)", () => {
    const s = run(
      scenario({
        rate: 2,
        duration: "10m",
        processing: { constant: "2s" },
        queue: { visibilityTimeout: "30s", deadLetter: { maxReceiveCount: 2 } },
        lambda: { batchSize: 1, timeout: "1s" },
      }),
    );
    expect(s.lambda!.timeouts).toBe(s.lambda!.invocations);
    expect(s.messages.deleted).toBe(0);
    expect(s.messages.deadLettered).toBeGreaterThan(0);
    // Each bills its 1 s to the timeout; those still running at the end count their part so far.
    const l = s.lambda!;
    expect(l.gbSeconds).toBeLessThanOrEqual((l.invocations * 128) / 1024);
    expect(l.gbSeconds).toBeGreaterThan(((l.invocations - l.peakConcurrency) * 128) / 1024);
  });
});

it("the same scenario and seed give the same summary", () => {
  const s = scenario({
    rate: 100,
    duration: "10m",
    failures: { transient: 0.05 },
    processing: { lognormal: { median: "50ms", p99: "1s" } },
    lambda: { reservedConcurrency: 20 },
  });
  expect(JSON.stringify(run(s))).toBe(JSON.stringify(run(s)));
  conserved(run(s));
});

describe("activities.csv", () => {
  it("logs the start, and the first step of each run of growth or decline of the mapping", () => {
    const result = simulate(
      scenario({ rate: 200, duration: "15m", processing: { constant: "200ms" }, queue: { visibilityTimeout: "30s" }, lambda: { reservedConcurrency: 5 } }),
    );
    const steps = result.activities.filter((a) => a.kind === "scaling").map((a) => `${a.before}→${a.after}`);
    expect(steps[0]).toBe("0→5");
    expect(steps[1]).toBe("5→55");
    expect(steps[2]).toBe("55→5");
  });
});

describe("timeseries.csv and the report", () => {
  it("the Lambda columns add up to the summary's figures, and the fleet chart becomes a concurrency chart", async () => {
    const s = scenario({
      rate: 200,
      duration: "15m",
      processing: { constant: "200ms" },
      queue: { visibilityTimeout: "30s" },
      lambda: { reservedConcurrency: 5 },
    });
    const result = simulate(s);
    const column = (name: string) => result.series.values[result.series.columns.findIndex((c) => c.name === name)]!;
    const sum = (name: string) => column(name).reduce((a, b) => a + b, 0);
    const l = result.summary.lambda!;
    expect(sum("lambda_invocations")).toBe(l.invocations);
    expect(sum("lambda_throttles")).toBe(l.throttledInvocations);
    expect(sum("lambda_cold_starts")).toBe(l.coldStarts);
    expect(Math.max(...column("lambda_pollers"))).toBe(l.peakPollers);
    // Each period's mean concurrency × its length adds up to the run's execution time.
    const periodS = s.metrics.period;
    expect(sum("lambda_concurrency") * periodS).toBeCloseTo(l.meanConcurrency * s.duration, 3);
    const { buildCharts } = await import("../../src/report/charts/index.js");
    const { runData } = await import("../../src/report/run-data.js");
    const charts = buildCharts(runData(result, s, "{}"));
    const fleet = charts.find((c) => c.id === "fleet")!;
    expect(fleet.title).toBe("Lambda concurrency");
    const labels = (fleet.config.data.datasets as { label: string }[]).map((d) => d.label);
    expect(labels).toEqual([
      "pollers (the most in each period)",
      "concurrency (mean invocations running)",
      expect.stringMatching(/^throttled \(\d+ periods\)$/),
    ]);
  });
});

describe("provisioned mode (aws-behaviour 8.6)", () => {
  const provisioned = (p: Record<string, unknown>) => ({ provisionedPollers: { hourlyUsd: 0.1, ...p }, accountConcurrency: 20_000 });

  it("starts at the minimum pollers' concurrency and adds up to 1,000 a minute while messages wait, to the maximum", () => {
    const s = scenario({
      rate: 20_000,
      duration: "7m",
      processing: { constant: "1s" },
      queue: { visibilityTimeout: "12h" },
      lambda: provisioned({ min: 2, max: 500 }),
    });
    // 2 pollers × 10 = 20; +1,000 a minute (the 10 s steps carry the sixths over); 500 × 10 = 5,000 at most.
    expect(pollersEachMinute(s, 7)).toEqual([20, 1020, 2020, 3020, 4020, 5000, 5000, 5000]);
  });

  it("keeps its minimum on a quiet queue (no fall to 2), and bills every event poller-hour", () => {
    const s = run(scenario({ rate: 0.01, duration: "2h", lambda: provisioned({ min: 3, max: 10, hourlyUsd: 0.5 }) }));
    const l = s.lambda!;
    expect(l.peakPollers).toBe(30);
    expect(s.fleet.minInService).toBe(30);
    expect(l.eventPollerHours).toBeCloseTo(3 * 2, 6);
    expect(l.eventPollersUsd).toBeCloseTo(3 * 2 * 0.5, 6);
    expect(s.cost.computeUsd).toBeCloseTo(l.requestsUsd + l.durationUsd + l.eventPollersUsd!, 5);
  });

  it("reaches a spike's concurrency beyond the default mode's 1,250", () => {
    const spike = { rate: 3_000, duration: "10m", processing: { constant: "500ms" }, queue: { visibilityTimeout: "3m" } };
    const prov = run(scenario({ ...spike, lambda: provisioned({ min: 2, max: 200 }) }));
    const standard = run(scenario({ ...spike, lambda: { accountConcurrency: 20_000 } }));
    expect(prov.lambda!.peakConcurrency).toBeGreaterThan(1_250);
    expect(standard.lambda!.peakConcurrency).toBeLessThanOrEqual(1_250);
    expect(prov.latency.queueWait.p99).toBeLessThan(standard.latency.queueWait.p99);
  });
});

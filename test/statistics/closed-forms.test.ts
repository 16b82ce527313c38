import { describe, expect, it } from "vitest";
import { columnValues } from "../../src/metrics/period-series.js";
import { ScenarioSchema } from "../../src/scenario/schema.js";
import { simulate } from "../../src/sim/simulate.js";
import { batchMeans, mmcMeanWait, pollaczekKhinchineWait } from "./queueing-formulas.js";

/**
 * Statistical checks against closed forms. Each run is long (tens of simulated hours) and cut into one-hour
 * batches; the tolerance is Z standard errors of the batch means, so it shrinks with the sample size and is never
 * widened to make a test pass. Each test also asserts the tolerance is tight (a few percent of the expected value),
 * so a model that is off by more cannot pass.
 */
const Z = 4;
const HOUR = 3600;

function idealQueue(extra: { fleet: number; lambda: number; processing: unknown; hours: number; seed?: number }) {
  return ScenarioSchema.parse({
    name: "closed-form",
    duration: `${extra.hours}h`,
    seed: extra.seed ?? 7,
    // No network time, no redelivery, long polling: the queue is a pure FIFO waiting line.
    queue: { apiLatency: "0ms", visibilityTimeout: "12h", receiveWaitTime: "20s" },
    producers: [{ name: "arrivals", traffic: [{ constant: extra.lambda }], arrivals: "poisson" }],
    consumers: { concurrency: 1, batchSize: 1, processing: extra.processing },
    fleet: { kind: "fixed", instances: extra.fleet },
    metrics: { period: "1h" },
  });
}

/** Per-hour mean queue wait and first-receive counts, without the first (start-up) hour. */
function hourlyWaits(result: ReturnType<typeof simulate>) {
  const means = columnValues(result.series, "queue_wait_mean_s").slice(1);
  const counts = columnValues(result.series, "NumberOfMessagesReceived_msgs").slice(1);
  return batchMeans(means, counts);
}

describe("queue wait against closed forms", () => {
  it("c single-worker instances with Poisson arrivals and exponential processing match Erlang C (M/M/4, ρ = 0.8)", () => {
    const c = 4;
    const mu = 1;
    const lambda = 3.2;
    const result = simulate(idealQueue({ fleet: c, lambda, processing: { exponential: { mean: "1s" } }, hours: 100 }));
    expect(result.summary.messages.redelivered).toBe(0);
    const expected = mmcMeanWait(c, lambda, mu);
    const est = hourlyWaits(result);
    const tolerance = Z * est.standardError;
    expect(tolerance).toBeLessThan(0.06 * expected);
    expect(Math.abs(est.mean - expected)).toBeLessThanOrEqual(tolerance);
  });

  it("one worker with constant processing matches Pollaczek–Khinchine (M/D/1, ρ = 0.7)", () => {
    const lambda = 0.7;
    const service = 1;
    const result = simulate(idealQueue({ fleet: 1, lambda, processing: { constant: "1s" }, hours: 120 }));
    const expected = pollaczekKhinchineWait(lambda, service, service * service);
    const est = hourlyWaits(result);
    const tolerance = Z * est.standardError;
    expect(tolerance).toBeLessThan(0.06 * expected);
    expect(Math.abs(est.mean - expected)).toBeLessThanOrEqual(tolerance);
  });

  it("one worker with exponential processing matches M/M/1 (ρ = 0.5)", () => {
    const result = simulate(idealQueue({ fleet: 1, lambda: 0.5, processing: { exponential: { mean: "1s" } }, hours: 80, seed: 3 }));
    const expected = mmcMeanWait(1, 0.5, 1);
    const est = hourlyWaits(result);
    const tolerance = Z * est.standardError;
    expect(tolerance).toBeLessThan(0.06 * expected);
    expect(Math.abs(est.mean - expected)).toBeLessThanOrEqual(tolerance);
  });
});

describe("Little's law on the period series", () => {
  it("time-average messages in queue equals arrival rate × mean time in queue, up to the run's boundary terms", () => {
    const hours = 30;
    const result = simulate(idealQueue({ fleet: 4, lambda: 3.2, processing: { exponential: { mean: "1s" } }, hours }));
    const s = result.summary;
    const T = hours * HOUR;
    // L from the series: each row holds the time-average over its period, and the periods are equal.
    const rows = columnValues(result.series, "mean_messages_in_queue_msgs");
    const L = rows.reduce((a, b) => a + b, 0) / rows.length;
    const lambda = s.messages.sent / T;
    const W = s.latency.endToEnd.mean;
    // Every message leaves by a delete here, so ∫N dt = Σ sojourns of deleted messages + the time the ones still
    // queued at the end have spent. The latter, and the rounding of W to 1 µs, bound the difference.
    const left = s.messages.remaining.visible + s.messages.remaining.inFlight;
    const boundary = (left * s.latency.endToEnd.max) / T + lambda * 1e-6;
    expect(s.messages.deleted + left).toBe(s.messages.sent);
    expect(Math.abs(L - lambda * W)).toBeLessThanOrEqual(boundary + 1e-9);
    // And both agree with M/M/4's L = λ (Wq + 1/μ) within the batch-means tolerance of the wait.
    const est = hourlyWaits(result);
    const expectedL = 3.2 * (mmcMeanWait(4, 3.2, 1) + 1);
    expect(Math.abs(L - expectedL)).toBeLessThan(0.05 * expectedL);
    expect(est.batches).toBe(hours - 1);
  });
});

// The grouped producer's send loop: batch windows, throttled calls and their backoff, nothing left behind.
import { describe, expect, it } from "vitest";
import { Kernel } from "../../src/engine/kernel.js";
import { randomStream } from "../../src/engine/random.js";
import { RequestCounters } from "../../src/sqs/request-counters.js";
import { GroupedProducer, type GroupedSendTarget, SendOutcome } from "../../src/traffic/grouped-producer.js";
import { buildRate } from "../../src/traffic/rate.js";

/** Runs one producer against a target that refuses send calls while `throttledUntilUs`, then accepts all. */
function run(o: { rate: number; forS: number; batchSize: number; windowUs: number; throttledUntilUs: number; seed: number }) {
  const kernel = new Kernel();
  const events = kernel.events;
  const ARRIVAL = kernel.register("grouped producer arrival", (_t, _a, now) => producer.onArrival(now));
  const RETRY = kernel.register("grouped producer retry", (_t, arg, now) => producer.onRetry(arg, now));
  const RESEND = kernel.register("grouped producer duplicate send", (_t, _a, now) => producer.onResend(now));
  const sent: number[] = [];
  const target: GroupedSendTarget = {
    requests: new RequestCounters(),
    trySendCall: (_group, nowUs) => nowUs >= o.throttledUntilUs,
    send: (nowUs) => {
      sent.push(nowUs);
      return SendOutcome.Accepted;
    },
  };
  const producer = new GroupedProducer(
    {
      name: "p",
      rate: buildRate([{ step: { at: 0, rate: o.rate } }, { step: { at: o.forS, rate: -o.rate } }]),
      poisson: false,
      batchSize: o.batchSize,
      batchWindowUs: o.windowUs,
      sizeBytes: () => 100,
      horizonS: 3600,
      apiLatencyUs: 0,
      poisonProbability: 0,
      pickGroup: () => 0,
      deduplicationId: (b) => b,
      duplicateSends: 0,
      duplicateSendDelayUs: 1_000_000,
    },
    target,
    events,
    { arrival: ARRIVAL, retry: RETRY, resend: RESEND },
    0,
    {
      arrivals: randomStream(o.seed, "a"),
      poison: randomStream(o.seed, "p"),
      retries: randomStream(o.seed, "r"),
      duplicates: randomStream(o.seed, "d"),
    },
  );
  producer.start();
  kernel.runUntil(3_600_000_000);
  return { producer, sent };
}

describe("GroupedProducer", () => {
  it("sends everything once arrivals stop, even when a batch-window timer falls inside a throttled call's backoff", () => {
    // Regression: the window timer fired during the backoff and re-armed nothing, stranding the batch for good.
    for (let seed = 1; seed <= 40; seed++) {
      const { producer, sent } = run({ rate: 20, forS: 0.5, batchSize: 10, windowUs: 500_000, throttledUntilUs: 520_000, seed });
      expect(producer.unsent, `seed ${seed}`).toBe(0);
      expect(sent.length).toBe(producer.produced);
    }
  });

  it("counts each throttled call and backs off: sends resume only after the throttling ends", () => {
    const { producer, sent } = run({ rate: 10, forS: 2, batchSize: 1, windowUs: 0, throttledUntilUs: 5_000_000, seed: 7 });
    expect(producer.throttledCalls).toBeGreaterThan(0);
    expect(Math.min(...sent)).toBeGreaterThanOrEqual(5_000_000);
    expect(producer.unsent).toBe(0);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });
});

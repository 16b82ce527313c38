import { describe, expect, it } from "vitest";
import { type WorkerPool } from "../../src/consumers/worker-pool.js";
import { PHASE_COUNT, PHASE_NAMES, Phase } from "../../src/engine/phases.js";
import { columnValues, rowCount } from "../../src/metrics/period-series.js";
import { PeriodSampler } from "../../src/sim/period-sampler.js";
import { Harness, Kind, S } from "../sqs/harness.js";

/** The documented order (src/engine/phases.ts): each phase runs before the next at the same instant. */
const ORDER = ["Delete", "QueueTimers", "Send", "Receive", "CapacityChange", "MetricSample", "ScalingDecision"] as const;

describe("Phase order (numeric)", () => {
  it("lists exactly the documented phases, each with its name in PHASE_NAMES, all below PHASE_COUNT", () => {
    expect(Object.keys(Phase)).toEqual([...ORDER]);
    for (const name of ORDER) {
      expect(PHASE_NAMES[Phase[name]]).toBe(name);
      expect(Number.isInteger(Phase[name])).toBe(true);
      expect(Phase[name]).toBeGreaterThanOrEqual(0);
      expect(Phase[name]).toBeLessThan(PHASE_COUNT);
    }
  });

  for (let i = 0; i + 1 < ORDER.length; i++) {
    const a = ORDER[i]!;
    const b = ORDER[i + 1]!;
    it(`${a} < ${b}`, () => {
      expect(Phase[a]).toBeLessThan(Phase[b]);
    });
  }
});

describe("Phase order (consequences at one instant)", () => {
  it("Delete before QueueTimers: a delete at the instant the visibility timeout ends succeeds, and no waiting poller gets the message", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const m = h.receiveOne(0);
    h.runUntil(15 * S);
    h.receive(1, 1, 20 * S); // waits until 35 s
    let deleted: boolean | null = null;
    h.at(30 * S, Phase.Delete, () => (deleted = h.delete(m)));
    h.runUntil(35 * S);
    expect(deleted).toBe(true);
    expect(h.queue.deleted).toBe(1);
    expect(h.queue.redelivered).toBe(0);
    expect(h.empties).toEqual([{ pollerId: 1, nowUs: 35 * S }]);
  });

  it("Delete before QueueTimers: a WorkerPool delete due at the visibility deadline wins over the expiry", () => {
    const h = new Harness({ visibilityTimeoutUs: 10 * S }, { pool: { processingS: () => 10, waitUs: 20 * S } });
    h.send();
    h.pool!.addWorker(0);
    h.pool!.addWorker(0);
    h.runUntil(60 * S);
    expect(h.queue.deleted).toBe(1);
    expect(h.queue.redelivered).toBe(0);
    expect(h.pool!.deletesWithoutEffect).toBe(0);
    const finish = h.trace.find((e) => e.kind === Kind.WorkerFinish)!;
    expect(finish).toEqual({ timeUs: 10 * S, phase: Phase.Delete, kind: Kind.WorkerFinish });
  });

  it("QueueTimers before Send: a message whose visibility ends at t is ahead of a message sent at t", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const first = h.receiveOne();
    h.at(30 * S, Phase.Send, () => h.send());
    h.runUntil(30 * S);
    expect(h.queue.visible).toBe(2);
    const next = h.receiveOne();
    expect(next.slot).toBe(first.slot);
    expect(h.receiveCount(next)).toBe(2);
  });

  it("QueueTimers before Send: a long poll whose wait ends at t answers empty before a message sent at t arrives", () => {
    const h = new Harness();
    h.receive(0, 1, 20 * S);
    h.at(20 * S, Phase.Send, () => h.send());
    h.runUntil(20 * S);
    expect(h.empties).toEqual([{ pollerId: 0, nowUs: 20 * S }]);
    expect(h.deliveries).toHaveLength(0);
    expect(h.queue.visible).toBe(1);
  });

  it("Send before Receive: a send and a receive at the same instant — the receive sees the message", () => {
    const h = new Harness();
    let got = -1;
    // Scheduled receive first, send second: phases, not scheduling order, decide.
    h.at(5 * S, Phase.Receive, () => (got = h.receive(0, 10, 0)!.length));
    h.at(5 * S, Phase.Send, () => h.send());
    h.runUntil(5 * S);
    expect(got).toBe(1);
    expect(h.queue.requests.emptyReceive).toBe(0);
  });

  it("Receive before CapacityChange: a fleet change at t sees the messages taken by receives at t", () => {
    const h = new Harness();
    for (let i = 0; i < 3; i++) h.send();
    let seen: [number, number] | null = null;
    h.at(7 * S, Phase.CapacityChange, () => (seen = [h.queue.visible, h.queue.inFlight]));
    h.at(7 * S, Phase.Receive, () => h.receive(0, 2, 0));
    h.runUntil(7 * S);
    expect(seen).toEqual([1, 2]);
  });

  it("Receive and CapacityChange before MetricSample: a sample at t sees this instant's receives and instance count", () => {
    const h = new Harness();
    for (let i = 0; i < 3; i++) h.send();
    let instances = 1;
    const sampler = new PeriodSampler(
      60,
      h.queue,
      { queueWait: h.queueWait, endToEnd: h.endToEnd },
      { processing: 0 } as unknown as WorkerPool,
      () => instances,
    );
    h.at(60 * S, Phase.MetricSample, () => sampler.sample(60 * S));
    h.at(60 * S, Phase.CapacityChange, () => (instances = 4));
    h.at(60 * S, Phase.Receive, () => h.receive(0, 2, 0));
    h.runUntil(60 * S);
    expect(columnValues(sampler.series, "instances")).toEqual([4]);
    expect(columnValues(sampler.series, "ApproximateNumberOfMessagesNotVisible_msgs")).toEqual([2]);
    expect(columnValues(sampler.series, "ApproximateNumberOfMessagesVisible_msgs")).toEqual([1]);
    expect(columnValues(sampler.series, "NumberOfMessagesReceived_msgs")).toEqual([2]);
  });

  it("MetricSample before ScalingDecision: a decision at t reads the sample taken at t", () => {
    const h = new Harness();
    h.send();
    const sampler = new PeriodSampler(60, h.queue, { queueWait: h.queueWait, endToEnd: h.endToEnd }, { processing: 0 } as unknown as WorkerPool, () => 1);
    let read: number | null = null;
    h.at(60 * S, Phase.ScalingDecision, () => {
      read = rowCount(sampler.series) === 1 ? columnValues(sampler.series, "ApproximateNumberOfMessagesVisible_msgs")[0]! : null;
    });
    h.at(60 * S, Phase.MetricSample, () => sampler.sample(60 * S));
    h.runUntil(60 * S);
    expect(read).toBe(1);
  });

  it("components schedule their events in the phases the order assumes", () => {
    const h = new Harness(
      { visibilityTimeoutUs: 5 * S },
      { pool: { processingS: () => 30, waitUs: 20 * S, apiLatencyUs: 2_000, heartbeat: { everyUs: 2 * S, extendByUs: 5 * S } } },
    );
    h.send();
    h.pool!.addWorker(0);
    h.runUntil(40 * S);
    const phaseOf = (kind: number) => new Set(h.trace.filter((e) => e.kind === kind).map((e) => e.phase));
    expect(phaseOf(Kind.QueueTimer)).toEqual(new Set([Phase.QueueTimers]));
    expect(phaseOf(Kind.WorkerReceive)).toEqual(new Set([Phase.Receive]));
    expect(phaseOf(Kind.WorkerFinish)).toEqual(new Set([Phase.Delete]));
    expect(phaseOf(Kind.WorkerHeartbeat)).toEqual(new Set([Phase.Delete]));
  });

  it("a heartbeat that reaches SQS at the very instant the visibility timeout ends keeps the message in flight", () => {
    // apiLatency 0, visibility 20 s, heartbeat every 20 s: each extension lands exactly on the deadline.
    const h = new Harness(
      { visibilityTimeoutUs: 20 * S },
      { pool: { processingS: () => 90, waitUs: 20 * S, apiLatencyUs: 0, heartbeat: { everyUs: 20 * S, extendByUs: 20 * S } } },
    );
    h.send();
    h.pool!.addWorker(0);
    h.runUntil(100 * S);
    expect(h.queue.redelivered).toBe(0);
    expect(h.queue.deleted).toBe(1);
  });
});

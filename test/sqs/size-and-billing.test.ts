import { describe, expect, it } from "vitest";
import { RequestCounters } from "../../src/sqs/request-counters.js";
import { Harness, S } from "./harness.js";
import { conservationGap, run, scenario } from "./scenarios.js";

const KiB = 1_024;

describe("message size limit (aws-behaviour 1.10)", () => {
  it("a send above maxMessageSize returns false and counts rejected, not sent", () => {
    const h = new Harness({ maxMessageSizeBytes: 256 * KiB });
    expect(h.send(256 * KiB + 1)).toBe(false);
    expect(h.queue.rejected).toBe(1);
    expect(h.queue.sent).toBe(0);
    expect(h.queue.visible).toBe(0);
    expect(h.queue.store.live).toBe(0);
    expect(h.conserved()).toBe(true);
  });

  it("a send of exactly maxMessageSize is accepted", () => {
    const h = new Harness({ maxMessageSizeBytes: 256 * KiB });
    expect(h.send(256 * KiB)).toBe(true);
    expect(h.queue.sent).toBe(1);
    expect(h.queue.sentBytes).toBe(256 * KiB);
    expect(h.queue.rejected).toBe(0);
  });

  it("via simulate, sizes straddling the limit give rejections, and sent + rejected = produced", () => {
    const r = run(
      scenario({
        queue: { maxMessageSize: "4KiB" },
        producers: [{ name: "p", traffic: [{ constant: 5 }], messageSize: { uniform: { min: "1KiB", max: "8KiB" } } }],
      }),
    );
    const m = r.summary.messages;
    expect(m.rejected).toBeGreaterThan(0);
    expect(m.sent).toBeGreaterThan(0);
    expect(m.sent + m.rejected).toBe(m.produced);
    // About 4/7 of uniform(1, 8) KiB lies above 4 KiB.
    const share = m.rejected / m.produced;
    const se = Math.sqrt(((4 / 7) * (3 / 7)) / m.produced);
    expect(Math.abs(share - 4 / 7)).toBeLessThan(5 * se);
    expect(conservationGap(r)).toBe(0);
  });
});

describe("request accounting (aws-behaviour 10.1-10.4)", () => {
  it.each([
    [0, 1],
    [1, 1],
    [64 * KiB, 1],
    [64 * KiB + 1, 2],
    [65 * KiB, 2],
    [100 * KiB, 2],
    [128 * KiB, 2],
    [256 * KiB, 4],
    [1_024 * KiB, 16],
  ])("a call carrying %i bytes bills %i request(s): one per 64 KiB chunk", (bytes, billed) => {
    const c = new RequestCounters();
    c.bill(bytes);
    expect(c.billable).toBe(billed);
  });

  it("an empty receive bills 1 request and is counted as an empty receive", () => {
    const h = new Harness();
    expect(h.receive(0, 10, 0)).toEqual([]);
    expect(h.queue.requests.receive).toBe(1);
    expect(h.queue.requests.emptyReceive).toBe(1);
    expect(h.queue.requests.billable).toBe(1);
  });

  it("a long poll that ends empty bills 1 request when its wait ends", () => {
    const h = new Harness();
    h.receive(0, 10, 20 * S);
    expect(h.queue.requests.billable).toBe(0);
    h.runUntil(20 * S);
    expect(h.queue.requests.emptyReceive).toBe(1);
    expect(h.queue.requests.billable).toBe(1);
  });

  it("a receive bills one request per 64 KiB chunk of the messages it returns", () => {
    const h = new Harness();
    for (let i = 0; i < 10; i++) h.send(10 * KiB);
    h.receive(0, 10, 0);
    expect(h.queue.requests.billable).toBe(2); // 100 KiB
  });

  for (const [size, perSend] of [
    ["100KiB", 2],
    ["64KiB", 1],
    ["65KiB", 2],
    ["2KiB", 1],
  ] as const) {
    it(`via simulate, every SendMessage of ${size} bills ${perSend} request(s)`, () => {
      const r = run(
        scenario({
          duration: "1m",
          producers: [{ name: "p", traffic: [{ constant: 2 }], arrivals: "uniform", messageSize: size }],
          fleet: { instances: 0 },
        }),
      );
      const q = r.summary.requests;
      expect(q.send).toBe(r.summary.messages.sent);
      expect(q.send).toBeGreaterThan(100);
      expect(q.billable).toBe(perSend * q.send);
    });
  }

  it("via simulate, a SendMessageBatch of 10 small messages bills 1 request", () => {
    const r = run(
      scenario({
        duration: "1m",
        producers: [{ name: "p", traffic: [{ constant: 100 }], arrivals: "uniform", batchSize: 10, batchWindow: "1s", messageSize: "2KiB" }],
        fleet: { instances: 0 },
      }),
    );
    const m = r.summary.messages;
    const q = r.summary.requests;
    expect(m.sent).toBe(10 * q.send);
    expect(q.send).toBe(Math.floor(m.produced / 10));
    expect(q.billable).toBe(q.send);
  });

  it("via simulate, a SendMessageBatch of 10 × 10 KiB (100 KiB in all) bills 2 requests", () => {
    const r = run(
      scenario({
        duration: "1m",
        producers: [{ name: "p", traffic: [{ constant: 100 }], arrivals: "uniform", batchSize: 10, batchWindow: "1s", messageSize: "10KiB" }],
        fleet: { instances: 0 },
      }),
    );
    const q = r.summary.requests;
    expect(r.summary.messages.sent).toBe(10 * q.send);
    expect(q.billable).toBe(2 * q.send);
  });

  it("via simulate, billable requests add up sends, receives (empty ones included), deletes and visibility changes", () => {
    const r = run(
      scenario({
        consumers: { concurrency: 2, batchSize: 1, waitTime: "0s", processing: { constant: "50ms" }, heartbeat: { every: "20ms", extendBy: "30s" } },
      }),
    );
    const q = r.summary.requests;
    // Messages are 2 KiB and batches of 1: every call is one request.
    expect(q.billable).toBe(q.send + q.receive + q.delete + q.changeVisibility);
    expect(q.emptyReceive).toBeGreaterThan(0);
    expect(q.changeVisibility).toBeGreaterThan(0);
  });

  it("summary cost: sqsUsd = billable / 1e6 × price per million, computeUsd = instances × duration / 3600 × hourly", () => {
    const r = run(
      scenario({
        duration: "10m",
        fleet: { instances: 3 },
        cost: { instanceHourlyUsd: 0.5, sqsPerMillionRequestsUsd: 0.4 },
      }),
    );
    const s = r.summary;
    const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
    expect(s.cost.sqsUsd).toBe(round6((s.requests.billable / 1e6) * 0.4));
    expect(s.cost.computeUsd).toBe(round6(((3 * 600) / 3_600) * 0.5));
    expect(s.cost.computeUsd).toBe(0.25);
    expect(s.cost.totalUsd).toBeCloseTo(s.cost.sqsUsd + s.cost.computeUsd, 6);
    expect(s.fleet.instanceSeconds).toBe(1_800);
  });

  it("summary cost: an instance is billed at least 60 s (aws-behaviour 10.6)", () => {
    const r = run(scenario({ duration: "30s", fleet: { instances: 2 }, cost: { instanceHourlyUsd: 3.6, sqsPerMillionRequestsUsd: 0.4 } }));
    expect(r.summary.fleet.billedInstanceSeconds).toBe(120);
    expect(r.summary.cost.computeUsd).toBe(0.12);
  });
});

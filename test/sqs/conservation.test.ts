import { describe, expect, it } from "vitest";
import { rowCount } from "../../src/metrics/period-series.js";
import { type ScenarioInput } from "../../src/scenario/schema.js";
import { type SimulationResult } from "../../src/sim/result.js";
import { column, conservationGap, run, scenario } from "./scenarios.js";

/** Varied small runs: every feature that adds or removes messages, alone and together. */
const VARIED: Record<string, ScenarioInput> = {
  "transient failures with a DLQ": scenario({
    queue: { visibilityTimeout: "5s", deadLetter: { maxReceiveCount: 2, retention: "60s" } },
    consumers: { concurrency: 3, waitTime: "20s", processing: { exponential: { mean: "200ms" } }, failures: { transient: 0.3 } },
  }),
  "poison messages, DLQ retention shorter than the run": scenario({
    queue: { visibilityTimeout: "3s", deadLetter: { maxReceiveCount: 3, retention: "60s" } },
    consumers: { concurrency: 3, waitTime: "5s", processing: { constant: "100ms" }, failures: { poison: 0.2 } },
  }),
  "queue delay and per-message delay": scenario({
    queue: { delay: "30s" },
    producers: [
      { name: "a", traffic: [{ constant: 3 }] },
      { name: "b", traffic: [{ constant: 2 }], delay: "7s" },
    ],
  }),
  duplicates: scenario({
    queue: { duplicateDeliveryRate: 0.2 },
    consumers: { concurrency: 2, batchSize: 5, waitTime: "20s", processing: { exponential: { mean: "50ms" } } },
  }),
  "short polling with the default sample fraction": scenario({
    consumers: { concurrency: 2, waitTime: "0s", processing: { constant: "100ms" } },
  }),
  "retention shorter than the run, overloaded consumers": scenario({
    queue: { retention: "60s" },
    producers: [{ name: "p", traffic: [{ constant: 10 }] }],
    consumers: { concurrency: 1, waitTime: "1s", processing: { constant: "500ms" } },
  }),
  "in-flight limit with short polls": scenario({
    queue: { inFlightLimit: 3, shortPollServers: 1 },
    consumers: { concurrency: 6, waitTime: "0s", processing: { exponential: { mean: "1s" } } },
  }),
  "no consumers at all": scenario({ queue: { retention: "90s" }, fleet: { instances: 0 } }),
  "everything at once": scenario({
    duration: "4m",
    queue: {
      visibilityTimeout: "2s",
      retention: "90s",
      delay: "5s",
      duplicateDeliveryRate: 0.1,
      shortPollServers: 20,
      inFlightLimit: 20,
      deadLetter: { maxReceiveCount: 2, retention: "2m" },
    },
    producers: [
      { name: "batched", traffic: [{ constant: 8 }], batchSize: 10, batchWindow: "500ms", messageSize: { lognormal: { median: "2KiB", p99: "200KiB" } } },
      { name: "spiky", traffic: [{ spike: { at: "30s", peak: 20, rise: "10s", hold: "20s", fall: "10s" } }], delay: "0s" },
    ],
    consumers: {
      concurrency: 3,
      batchSize: 10,
      waitTime: "0s",
      processing: { lognormal: { median: "200ms", p99: "4s" } },
      failures: { transient: 0.1, poison: 0.05 },
      heartbeat: { every: "1s", extendBy: "2s" },
    },
    metrics: { period: "10s" },
  }),
};

function cumulative(values: number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

function checkSeries(r: SimulationResult): void {
  const sent = cumulative(column(r, "NumberOfMessagesSent_msgs"));
  const deleted = cumulative(column(r, "deleted_msgs"));
  const dead = cumulative(column(r, "dead_lettered_msgs"));
  const expired = cumulative(column(r, "expired_msgs"));
  const visible = column(r, "ApproximateNumberOfMessagesVisible_msgs");
  const notVisible = column(r, "ApproximateNumberOfMessagesNotVisible_msgs");
  const delayed = column(r, "ApproximateNumberOfMessagesDelayed_msgs");
  const rows = rowCount(r.series);
  expect(rows).toBeGreaterThan(1);
  for (let i = 0; i < rows; i++) {
    const gap = sent[i]! - (deleted[i]! + dead[i]! + expired[i]! + visible[i]! + notVisible[i]! + delayed[i]!);
    if (gap !== 0) expect.fail(`row ${i} (t = ${column(r, "time_s")[i]} s): sent − accounted = ${gap}`);
  }
  // The last row is taken at the end of the run: its cumulative sums are the summary's totals.
  const m = r.summary.messages;
  expect([sent.at(-1), deleted.at(-1), dead.at(-1), expired.at(-1)]).toEqual([m.sent, m.deleted, m.deadLettered, m.expired]);
  expect([visible.at(-1), notVisible.at(-1), delayed.at(-1)]).toEqual([m.remaining.visible, m.remaining.inFlight, m.remaining.delayed]);
  expect(column(r, "time_s").at(-1)).toBe(r.summary.durationSeconds);
}

describe("conservation of messages: sent = deleted + dead-lettered + expired + visible + in flight + delayed", () => {
  for (const [name, input] of Object.entries(VARIED)) {
    it(`holds exactly at the end and at every period row: ${name}`, () => {
      const r = run(input);
      expect(r.summary.messages.sent).toBeGreaterThan(0);
      expect(conservationGap(r)).toBe(0);
      checkSeries(r);
    });
  }

  it("the varied runs do exercise what they are named for", () => {
    const m = (name: string) => run(VARIED[name]!).summary;
    expect(m("transient failures with a DLQ").messages.deadLettered).toBeGreaterThan(0);
    expect(m("poison messages, DLQ retention shorter than the run").deadLetterQueue!.expired).toBeGreaterThan(0);
    expect(m("duplicates").messages.duplicateDeliveries).toBeGreaterThan(0);
    expect(m("short polling with the default sample fraction").requests.emptyReceive).toBeGreaterThan(0);
    expect(m("retention shorter than the run, overloaded consumers").messages.expired).toBeGreaterThan(0);
    expect(m("in-flight limit with short polls").requests.overLimit).toBeGreaterThan(0);
    const all = m("everything at once");
    expect(all.messages.rejected).toBe(0);
    expect(all.messages.deadLettered).toBeGreaterThan(0);
    expect(all.messages.expired).toBeGreaterThan(0);
    expect(all.messages.duplicateDeliveries).toBeGreaterThan(0);
    expect(all.messages.redelivered).toBeGreaterThan(0);
    expect(all.requests.changeVisibility).toBeGreaterThan(0);
  });
});

describe("determinism (DESIGN: randomness)", () => {
  const input = VARIED["everything at once"]!;

  it("the same scenario and seed give a byte-identical summary and series", () => {
    const a = run(input);
    const b = run(input);
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
    expect(JSON.stringify(a.series)).toBe(JSON.stringify(b.series));
    expect(JSON.stringify(a.histograms)).toBe(JSON.stringify(b.histograms));
  });

  it("a different seed gives a different run", () => {
    const a = run(input, 1);
    const b = run(input, 2);
    expect(JSON.stringify(a.summary)).not.toBe(JSON.stringify(b.summary));
    expect(a.summary.messages.sent === b.summary.messages.sent && a.summary.latency.endToEnd.mean === b.summary.latency.endToEnd.mean).toBe(false);
  });

  it("the seed option and the scenario's seed field give the same run", () => {
    const viaOption = run(input, 42);
    const viaField = run({ ...input, seed: 42 });
    expect(JSON.stringify(viaOption.summary)).toBe(JSON.stringify(viaField.summary));
  });

  it("adding consumers does not change the arrivals (each component has its own random stream)", () => {
    const base = scenario({ duration: "3m" });
    const one = run({ ...base, fleet: { instances: 1 } });
    const three = run({ ...base, fleet: { instances: 3 } });
    expect(three.summary.messages.produced).toBe(one.summary.messages.produced);
    expect(column(three, "NumberOfMessagesSent_msgs")).toEqual(column(one, "NumberOfMessagesSent_msgs"));
  });
});

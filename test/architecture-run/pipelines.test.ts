// Pipelines: a pool's successes emit messages downstream; every emitted message is accounted for, a chain's end to
// end runs from the first production, and a cycle that would grow without bound is refused before the run.
import { describe, expect, it } from "vitest";
import { architecturePreflight } from "../../src/sim/architecture-preflight.js";
import { architecture, remaining, run } from "./helpers.js";

const PIPELINE = `name: video
duration: 20m
producers:
  - name: uploads
    send: videos
    traffic: [ { constant: 5 } ]
queues:
  - name: videos
  - name: thumbnails
  - name: audit
consumers:
  - name: encoders
    queue: videos
    processing: 200ms
    fleet: { instances: 2 }
    concurrency: 2
    emit:
      - { send: thumbnails, count: 3 }
      - { send: audit, at: processingEnd, share: 0.5 }
  - name: thumbnailers
    queue: thumbnails
    batchSize: 10
    processing: 10ms
    fleet: { instances: 1 }
`;

describe("a two-stage pipeline", () => {
  const s = run(PIPELINE).summary;
  const encoders = s.consumers.encoders!;

  it("emits count × processed messages downstream, each one arriving or still on its way", () => {
    const thumbnails = s.queues.thumbnails!.messages.sent;
    const audit = s.queues.audit!.messages.sent;
    expect(encoders.consumers.processed).toBeGreaterThan(5_000);
    expect(encoders.emitRefused).toBe(0);
    // Sent after the delete's response: the last ones may still be on their way at the end.
    expect(thumbnails + encoders.emitInTransitAtEnd).toBe(3 * encoders.consumers.processed);
    expect(encoders.emitted).toBe(thumbnails + audit);
    // share 0.5: a binomial count, within 4 standard errors.
    const n = encoders.consumers.processed;
    expect(Math.abs(audit - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });

  it("accounts for every message of every queue", () => {
    for (const [name, q] of Object.entries(s.queues)) {
      expect(q.messages.deleted + q.messages.deadLettered + q.messages.expired + remaining(q), name).toBe(q.messages.sent);
    }
  });

  it("measures the second stage from the upload: its chain takes longer than the first stage's", () => {
    const first = s.paths["uploads→videos→encoders"]!.endToEnd;
    const second = s.paths["uploads→videos→encoders→thumbnails→thumbnailers"]!.endToEnd;
    expect(second.count).toBe(s.queues.thumbnails!.messages.deleted + remaining(s.queues.thumbnails!));
    // Processing alone is 200 ms in the first stage, 10 ms in the second (constant).
    expect(first.p50).toBeGreaterThanOrEqual(0.2);
    expect(second.p50).toBeGreaterThan(first.p50);
    expect(s.queues.thumbnails!.latency.endToEnd.p50).toBeGreaterThan(first.p50);
  });
});

describe("a cycle of emit", () => {
  const cycle = (share: number) => `name: loop
duration: 5m
producers: [ { name: p, send: a, traffic: [ { constant: 1 } ] } ]
queues: [ { name: a }, { name: b } ]
consumers:
  - { name: pa, queue: a, processing: 10ms, emit: [ { send: b, share: ${share} } ] }
  - { name: pb, queue: b, processing: 10ms, emit: [ { send: a } ] }
`;

  it("is refused when each message makes one or more each time round", () => {
    expect(architecturePreflight(architecture(cycle(1)))).toEqual([
      "consumers: the emit rules make a cycle (a → b → a) in which each message makes one or more on average each time round, so the run would grow without bound; lower a count or a share on the cycle below 1 in all",
    ]);
  });

  it("runs when messages die out going round, the paths of each round told apart", () => {
    const s = run(cycle(0.5)).summary;
    expect(s.queues.a!.messages.sent).toBeGreaterThan(s.producers.p!.produced);
    expect(s.paths["p→a→pa→b→pb→a→pa"]).toBeDefined();
  });
});

describe("per batch", () => {
  it("emits once per received batch that had a success", () => {
    const s = run(`name: batches
duration: 10m
producers: [ { name: p, send: a, traffic: [ { constant: 50 } ], batchSize: 10, batchWindow: 1s } ]
queues: [ { name: a, receiveWaitTime: 20s }, { name: b } ]
consumers:
  - { name: pa, queue: a, batchSize: 10, processing: 1ms, emit: [ { send: b, per: batch } ] }
`).summary;
    const pa = s.consumers.pa!;
    const batches = s.queues.a!.requests.delete;
    expect(s.queues.b!.messages.sent + pa.emitInTransitAtEnd).toBe(batches);
    expect(batches).toBeLessThan(pa.consumers.processed / 2);
  });
});

describe("activities of several pools", () => {
  it("name each pool and the queue its alarms watch", () => {
    const result = run(`name: two-groups
duration: 20m
producers: [ { name: p, send: a, traffic: [ { constant: 30 } ] } ]
queues: [ { name: a }, { name: b } ]
consumers:
  - name: pa
    queue: a
    processing: 200ms
    fleet: { kind: asg, min: 1, max: 5, policies: [ { targetTracking: { metric: backlogPerInstance, target: 5 } } ] }
    emit: [ { send: b } ]
  - name: pb
    queue: b
    processing: 200ms
    fleet: { kind: asg, min: 1, max: 5, policies: [ { targetTracking: { metric: backlogPerInstance, target: 5 } } ] }
`);
    const sources = new Set(result.activities.map((a) => a.source));
    expect(sources).toContain("pa[a]/TargetTracking-1-AlarmHigh");
    expect(sources).toContain("pb[b]/TargetTracking-1-AlarmHigh");
    expect([...sources].every((s) => s.startsWith("pa[a]/") || s.startsWith("pb[b]/"))).toBe(true);
  });
});

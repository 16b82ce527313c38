import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";
import { PHASE_COUNT, Phase } from "../../src/engine/phases.js";
import { randomStream } from "../../src/engine/random.js";

interface Ev {
  timeUs: number;
  phase: number;
  seq: number;
}

/** A sorted reference: binary insertion keeps it ordered by (time, phase, seq) in O(log n) comparisons. */
function insertSorted(list: Ev[], ev: Ev): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byTimePhaseSeq(list[mid]!, ev) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, ev);
}

function drain(q: EventQueue): Ev[] {
  const out: Ev[] = [];
  while (q.pop()) out.push({ timeUs: q.timeUs, phase: q.phase, seq: q.arg });
  return out;
}

function byTimePhaseSeq(a: Ev, b: Ev): number {
  return a.timeUs - b.timeUs || a.phase - b.phase || a.seq - b.seq;
}

describe("EventQueue", () => {
  it("pop() on an empty queue returns false", () => {
    const q = new EventQueue(4);
    expect(q.pop()).toBe(false);
    expect(q.size).toBe(0);
  });

  it("orders 10,000 random events by time, then phase, then scheduling order, across growth", () => {
    const u = randomStream(1, "test/event-queue");
    const q = new EventQueue(2);
    const pushed: Ev[] = [];
    for (let seq = 0; seq < 10_000; seq++) {
      // Few distinct times and phases, so that many events tie on (time, phase).
      const timeUs = Math.floor(u() * 200) * 1_000;
      const phase = Math.floor(u() * 7);
      q.push(timeUs, phase, seq % 7, seq, seq);
      pushed.push({ timeUs, phase, seq });
    }
    expect(q.size).toBe(10_000);
    const popped = drain(q);
    expect(popped).toEqual([...pushed].sort(byTimePhaseSeq));
    expect(q.size).toBe(0);
  });

  it("keeps kind, target and arg with their event", () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 100; i++) q.push(1_000 - i, Phase.Send, i % 200, 3 * i, i + 0.5);
    let expected = 99;
    while (q.pop()) {
      expect([q.timeUs, q.phase, q.kind, q.target, q.arg]).toEqual([1_000 - expected, Phase.Send, expected % 200, 3 * expected, expected + 0.5]);
      expected--;
    }
  });

  it("stays ordered when pushes and pops interleave, as in a run (pushes never before the current time)", () => {
    const u = randomStream(2, "test/event-queue-interleaved");
    const q = new EventQueue(4);
    const reference: Ev[] = [];
    let seq = 0;
    let now = 0;
    for (let step = 0; step < 20_000; step++) {
      if (reference.length === 0 || u() < 0.55) {
        const ev = { timeUs: now + Math.floor(u() * 50), phase: Math.floor(u() * PHASE_COUNT), seq: seq++ };
        q.push(ev.timeUs, ev.phase, 0, 0, ev.seq);
        insertSorted(reference, ev);
      } else {
        const want = reference.shift()!;
        expect(q.pop()).toBe(true);
        if (q.timeUs !== want.timeUs || q.phase !== want.phase || q.arg !== want.seq) {
          expect.fail(`step ${step}: popped (${q.timeUs}, ${q.phase}, #${q.arg}), expected (${want.timeUs}, ${want.phase}, #${want.seq})`);
        }
        now = want.timeUs;
      }
    }
    expect(drain(q)).toEqual(reference);
  });

  it("events pushed to lanes keep the same (time, phase, scheduling) order as heap events, even out of lane order", () => {
    const u = randomStream(3, "test/event-queue-lanes");
    const q = new EventQueue(4);
    const lanes = [q.addLane(), q.addLane(), q.addLane()];
    const reference: Ev[] = [];
    let seq = 0;
    let now = 0;
    for (let step = 0; step < 20_000; step++) {
      if (reference.length === 0 || u() < 0.55) {
        // Mostly increasing times per lane, sometimes one that goes back (it must still come out in order).
        const ev = { timeUs: now + Math.floor(u() * 30), phase: Math.floor(u() * PHASE_COUNT), seq: seq++ };
        const r = u();
        if (r < 0.25) q.push(ev.timeUs, ev.phase, 0, 0, ev.seq);
        else q.pushLane(lanes[Math.floor((r - 0.25) * 4)]!, ev.timeUs, ev.phase, 0, 0, ev.seq);
        insertSorted(reference, ev);
      } else {
        const want = reference.shift()!;
        expect(q.pop()).toBe(true);
        if (q.timeUs !== want.timeUs || q.phase !== want.phase || q.arg !== want.seq) {
          expect.fail(`step ${step}: popped (${q.timeUs}, ${q.phase}, #${q.arg}), expected (${want.timeUs}, ${want.phase}, #${want.seq})`);
        }
        now = want.timeUs;
      }
    }
    expect(q.size).toBe(reference.length);
    expect(drain(q)).toEqual(reference);
  });

  it("an event at an earlier phase of the same instant pops first whatever the push order", () => {
    const q = new EventQueue(4);
    q.push(5, Phase.ScalingDecision, 0, 0, 6);
    q.push(5, Phase.Receive, 0, 0, 3);
    q.push(5, Phase.Delete, 0, 0, 0);
    q.push(4, Phase.ScalingDecision, 0, 0, -1);
    q.push(5, Phase.QueueTimers, 0, 0, 1);
    expect(drain(q).map((e) => e.seq)).toEqual([-1, 0, 1, 3, 6]);
  });

  it("keeps exact times and phases up to the longest run a scenario allows (366 days)", () => {
    const q = new EventQueue(4);
    const t = 366 * 86_400 * 1_000_000;
    q.push(t + 1, Phase.Delete, 0, 0, 3);
    q.push(t, Phase.ScalingDecision, 0, 0, 2);
    q.push(t, Phase.Delete, 0, 0, 1);
    const out = drain(q);
    expect(out).toEqual([
      { timeUs: t, phase: Phase.Delete, seq: 1 },
      { timeUs: t, phase: Phase.ScalingDecision, seq: 2 },
      { timeUs: t + 1, phase: Phase.Delete, seq: 3 },
    ]);
  });
});

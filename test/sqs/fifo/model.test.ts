import { describe, expect, it } from "vitest";
import { randomStream, type Uniform } from "../../../src/engine/random.js";
import { MAX_VISIBILITY_US } from "../../../src/sqs/limits.js";
import { type FifoQueueConfig } from "../../../src/sqs/fifo-queue.js";
import { FIFO_DEFAULTS, FifoHarness, FifoSendOutcome, S, type Got } from "./fifo-harness.js";

const enum St {
  Delayed,
  Visible,
  InFlight,
  Gone,
}

interface ModelMessage {
  group: number;
  seq: number;
  sentUs: number;
  state: St;
  deadlineUs: number;
  receipt: number;
  receives: number;
  callUs: number;
}

/**
 * A deliberately naive FIFO queue: plain arrays, everything recomputed by scanning in send order, the rules of
 * aws-behaviour §3 written as directly as possible. The real queue must agree with it call for call.
 */
class NaiveFifo {
  private msgs: ModelMessage[] = [];
  private readonly nextSeq = new Map<number, number>();
  private readonly firstSeen = new Map<string, number>();
  private nextReceipt = 1;
  sent = 0;
  deduplicated = 0;
  deleted = 0;
  expired = 0;
  deadLettered = 0;

  constructor(private readonly c: FifoQueueConfig) {}

  advance(nowUs: number): void {
    for (const m of this.msgs) {
      if (m.state === St.Gone) continue;
      if (m.sentUs + this.c.retentionUs <= nowUs) {
        m.state = St.Gone;
        this.expired++;
      } else if (m.state === St.Delayed && m.sentUs + this.c.delayUs <= nowUs) m.state = St.Visible;
      else if (m.state === St.InFlight && m.deadlineUs <= nowUs) m.state = St.Visible;
    }
    if (this.msgs.length > 2_000) this.msgs = this.msgs.filter((m) => m.state !== St.Gone);
  }

  send(nowUs: number, group: number, id: string): FifoSendOutcome {
    this.advance(nowUs);
    const first = this.firstSeen.get(id);
    if (first !== undefined && nowUs - first < this.c.deduplication.intervalUs) {
      this.deduplicated++;
      return FifoSendOutcome.Deduplicated;
    }
    this.firstSeen.set(id, nowUs);
    const seq = this.nextSeq.get(group) ?? 0;
    this.nextSeq.set(group, seq + 1);
    const state = this.c.delayUs > 0 ? St.Delayed : St.Visible;
    this.msgs.push({ group, seq, sentUs: nowUs, state, deadlineUs: 0, receipt: 0, receives: 0, callUs: 0 });
    this.sent++;
    return FifoSendOutcome.Accepted;
  }

  receive(nowUs: number, max: number): ModelMessage[] {
    this.advance(nowUs);
    const out: ModelMessage[] = [];
    const dlq = this.c.deadLetter;
    while (out.length < Math.min(max, 10) && this.count(St.InFlight) < this.c.inFlightLimit) {
      const stored = this.msgs.filter((m) => m.state !== St.Gone);
      const busy = new Set(stored.filter((m) => m.state === St.InFlight).map((m) => m.group));
      const seen = new Set<number>();
      let pick = -1;
      for (let i = 0; i < stored.length && i < this.c.scanWindow; i++) {
        const m = stored[i]!;
        if (seen.has(m.group)) continue; // not the head of its group
        seen.add(m.group);
        if (!busy.has(m.group) && m.state === St.Visible) {
          pick = m.group;
          break;
        }
      }
      if (pick < 0) break;
      for (const m of stored) {
        if (m.group !== pick) continue;
        if (m.state !== St.Visible || out.length >= Math.min(max, 10) || this.count(St.InFlight) >= this.c.inFlightLimit) break;
        if (dlq !== null && m.receives >= dlq.maxReceiveCount) {
          m.state = St.Gone;
          this.deadLettered++;
          continue;
        }
        m.receives++;
        m.state = St.InFlight;
        m.receipt = this.nextReceipt++;
        m.deadlineUs = nowUs + this.c.visibilityTimeoutUs;
        m.callUs = nowUs;
        out.push(m);
      }
    }
    return out;
  }

  delete(nowUs: number, m: ModelMessage, receipt: number): boolean {
    this.advance(nowUs);
    if (m.state !== St.InFlight || m.receipt !== receipt) return false;
    m.state = St.Gone;
    this.deleted++;
    return true;
  }

  changeVisibility(nowUs: number, m: ModelMessage, receipt: number, timeoutUs: number): boolean {
    this.advance(nowUs);
    if (m.state !== St.InFlight || m.receipt !== receipt) return false;
    if (nowUs + timeoutUs > m.callUs + MAX_VISIBILITY_US) return false;
    if (timeoutUs === 0) m.state = St.Visible;
    else m.deadlineUs = nowUs + timeoutUs;
    return true;
  }

  count(state: St): number {
    return this.msgs.filter((m) => m.state === state).length;
  }

  groupsWith(pred: (m: ModelMessage) => boolean): number {
    return new Set(this.msgs.filter(pred).map((m) => m.group)).size;
  }
}

interface Holding {
  got: Got;
  model: ModelMessage;
  receipt: number;
}

function pick<T>(rnd: Uniform, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function randomConfig(rnd: Uniform): Partial<FifoQueueConfig> {
  return {
    visibilityTimeoutUs: pick(rnd, [2, 5, 20]) * S,
    retentionUs: pick(rnd, [60, 120, 600]) * S,
    delayUs: pick(rnd, [0, 0, 3]) * S,
    inFlightLimit: pick(rnd, [4, 12, 120_000]),
    scanWindow: pick(rnd, [3, 5, 9, 120_000]),
    deadLetter: pick(rnd, [null, { maxReceiveCount: 2, retentionUs: 90 * S }, { maxReceiveCount: 3, retentionUs: 600 * S }]),
    deduplication: { scope: "queue", intervalUs: 30 * S },
  };
}

/** Runs random traffic against the queue and the naive model; returns the number of deliveries checked. */
function runAgainstModel(seed: number, steps: number): number {
  const rnd = randomStream(seed, "fifo-model");
  const config = randomConfig(rnd);
  const h = new FifoHarness(config);
  const model = new NaiveFifo({ ...FIFO_DEFAULTS, ...config });
  const groups = 1 + Math.floor(rnd() * 12);
  const holdings: Holding[] = [];
  // Independent order check: per group, the sequence numbers that have left the queue.
  const endedSeqs = new Map<number, Set<number>>();
  const lowestLive = new Map<number, number>();
  h.queue.setEndListener({
    onMessageEnded: (slot) => {
      const g = h.queue.groupOf(slot);
      if (!endedSeqs.has(g)) endedSeqs.set(g, new Set());
      endedSeqs.get(g)!.add(h.queue.sequenceOf(slot));
    },
  });
  let nowUs = 0;
  let deliveries = 0;
  const ids: string[] = [];

  const release = (k: number): Holding => {
    const [held] = holdings.splice(k, 1);
    h.queue.release(held!.got.slot);
    return held!;
  };

  for (let step = 0; step < steps; step++) {
    nowUs += rnd() < 0.3 ? 0 : Math.floor(rnd() * S);
    h.runUntil(nowUs);
    model.advance(nowUs);
    const r = rnd();
    if (r < 0.35) {
      const g = Math.floor(rnd() * groups);
      const id = ids.length > 0 && rnd() < 0.05 ? pick(rnd, ids) : `m${step}`;
      ids.push(id);
      if (ids.length > 50) ids.shift();
      expect(h.send(g, id)).toBe(model.send(nowUs, g, id));
    } else if (r < 0.6) {
      const max = 1 + Math.floor(rnd() * 10);
      const got = h.receive(0, max, 0)!;
      const want = model.receive(nowUs, max);
      expect(got.map((m) => [m.group, m.seq])).toEqual(want.map((m) => [m.group, m.seq]));
      // No delivery overtakes an earlier message of its group that is still in the queue.
      const inBatch = new Map<number, Set<number>>();
      for (const m of got) {
        const ended = endedSeqs.get(m.group) ?? new Set<number>();
        const batch = inBatch.get(m.group) ?? new Set<number>();
        let low = lowestLive.get(m.group) ?? 0;
        while (ended.has(low)) low++;
        lowestLive.set(m.group, low);
        for (let s = low; s < m.seq; s++) {
          if (!ended.has(s) && !batch.has(s)) expect.fail(`group ${m.group}: seq ${m.seq} delivered before undeleted seq ${s}`);
        }
        batch.add(m.seq);
        inBatch.set(m.group, batch);
      }
      got.forEach((m, i) => holdings.push({ got: m, model: want[i]!, receipt: want[i]!.receipt }));
      deliveries += got.length;
      while (holdings.length > 40) release(0);
    } else if (r < 0.9 && holdings.length > 0) {
      // Mostly recent receipts (a consumer that finished in time), sometimes old ones (late or superseded).
      const k = rnd() < 0.8 ? Math.max(0, holdings.length - 1 - Math.floor(rnd() * 10)) : Math.floor(rnd() * holdings.length);
      const held = holdings[k]!;
      expect(h.delete(held.got)).toBe(model.delete(nowUs, held.model, held.receipt));
      release(k);
    } else if (r < 0.97 && holdings.length > 0) {
      const held = pick(rnd, holdings);
      const timeout = rnd() < 0.5 ? 0 : Math.floor(rnd() * 30 * S);
      expect(h.changeVisibility(held.got, timeout)).toBe(model.changeVisibility(nowUs, held.model, held.receipt, timeout));
    } else if (holdings.length > 0) {
      release(Math.floor(rnd() * holdings.length)); // the consumer failed it: it reappears after its timeout
    }
    const q = h.queue;
    expect([q.sent, q.deduplicated, q.deleted, q.expired, q.deadLettered]).toEqual([
      model.sent,
      model.deduplicated,
      model.deleted,
      model.expired,
      model.deadLettered,
    ]);
    expect([q.visible, q.inFlight, q.delayed]).toEqual([model.count(St.Visible), model.count(St.InFlight), model.count(St.Delayed)]);
    expect(q.groupsWithInFlight).toBe(model.groupsWith((m) => m.state === St.InFlight));
    expect(q.activeGroups).toBe(model.groupsWith((m) => m.state !== St.Gone));
    expect(h.conserved()).toBe(true);
  }
  return deliveries;
}

describe("FifoQueue against a naive model (random traffic, many groups)", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`seed ${seed}: every receive, delete and visibility change agrees; conservation holds; no delivery overtakes its group`, () => {
      expect(runAgainstModel(seed, 2_500)).toBeGreaterThan(100);
    });
  }

  it("a long run packs the send order several times and still agrees", () => {
    expect(runAgainstModel(99, 12_000)).toBeGreaterThan(1_000);
  });
});

import { describe, expect, it } from "vitest";
import { FifoHarness, S, pairs } from "./fifo-harness.js";

const A = 1;
const B = 2;

describe("FIFO long polling (aws-behaviour 1.8, 2.6, 3.3)", () => {
  it("a waiting long poll is served at the instant a message is sent", () => {
    const h = new FifoHarness();
    expect(h.receive(0, 10, 20 * S)).toBeNull();
    h.runUntil(3 * S);
    h.send(A);
    expect(h.deliveries).toHaveLength(1);
    expect(h.deliveries[0]).toMatchObject({ pollerId: 0, nowUs: 3 * S });
    h.runUntil(30 * S);
    expect(h.empties).toHaveLength(0);
  });

  it("a delete that unblocks a group serves a waiting long poll", () => {
    const h = new FifoHarness();
    h.send(A);
    h.send(A);
    const [a0] = h.receive(0, 1, 0)!;
    expect(h.receive(1, 10, 20 * S)).toBeNull(); // A1 visible but blocked
    h.runUntil(3 * S);
    expect(h.delete(a0!)).toBe(true);
    expect(h.deliveries.at(-1)).toMatchObject({ pollerId: 1, nowUs: 3 * S });
    expect(pairs(h.deliveries.at(-1)!.messages)).toEqual([[A, 1]]);
  });

  it("a send to a blocked group does not wake a poll; the visibility expiry of the blocking message does", () => {
    const h = new FifoHarness({ visibilityTimeoutUs: 10 * S });
    h.send(A);
    h.receive(0, 1, 0);
    h.runUntil(1 * S);
    expect(h.receive(1, 10, 20 * S)).toBeNull();
    h.send(A);
    expect(h.deliveries).toHaveLength(1);
    h.runUntil(10 * S);
    expect(h.deliveries.at(-1)).toMatchObject({ pollerId: 1, nowUs: 10 * S });
    expect(pairs(h.deliveries.at(-1)!.messages)).toEqual([
      [A, 0],
      [A, 1],
    ]);
  });

  it("a change of visibility to 0 serves a waiting long poll", () => {
    const h = new FifoHarness();
    h.send(A);
    const [a0] = h.receive(0, 1, 0)!;
    h.receive(1, 10, 20 * S);
    h.runUntil(2 * S);
    h.changeVisibility(a0!, 0);
    expect(h.deliveries.at(-1)).toMatchObject({ pollerId: 1, nowUs: 2 * S });
  });

  it("a delete that brings a hidden group into the scan window serves a waiting long poll (3.5)", () => {
    const h = new FifoHarness({ scanWindow: 2 });
    h.send(A);
    h.send(A);
    h.send(B); // rank 2: hidden
    const [a0] = h.receive(0, 1, 0)!;
    expect(h.receive(1, 10, 20 * S)).toBeNull();
    h.runUntil(1 * S);
    h.delete(a0!); // A1 becomes available too: it goes first, then B0 in the same batch
    expect(pairs(h.deliveries.at(-1)!.messages)).toEqual([
      [A, 1],
      [B, 0],
    ]);
  });

  it("a long poll that nothing serves ends empty at the end of its wait, billed as an empty receive", () => {
    const h = new FifoHarness();
    h.send(A);
    h.receive(0, 1, 0);
    h.runUntil(1 * S);
    h.receive(1, 10, 20 * S);
    h.runUntil(21 * S - 1);
    expect(h.empties).toHaveLength(0);
    h.runUntil(21 * S);
    expect(h.empties).toEqual([{ pollerId: 1, nowUs: 21 * S }]);
    expect(h.queue.requests.emptyReceive).toBe(1);
    expect(h.queue.requests.receive).toBe(2);
    expect(h.queue.requests.billable).toBe(2);
  });

  it("several waiting polls are served longest-waiting first, each by its own group", () => {
    const h = new FifoHarness();
    for (let p = 0; p < 3; p++) {
      h.runUntil(p * S);
      h.receive(p, 10, 20 * S);
    }
    h.runUntil(5 * S);
    h.send(A);
    h.send(A); // A1 waits behind A0, in flight to poll 0
    h.send(B);
    expect(h.deliveries.map((d) => [d.pollerId, pairs(d.messages)])).toEqual([
      [0, [[A, 0]]],
      [1, [[B, 0]]],
    ]);
    h.runUntil(22 * S);
    expect(h.empties).toEqual([{ pollerId: 2, nowUs: 22 * S }]);
  });

  it("a cancelled poll is neither served nor answered", () => {
    const h = new FifoHarness();
    h.receive(0, 10, 20 * S);
    h.receive(1, 10, 20 * S);
    h.queue.cancelPoll(0);
    h.send(A);
    expect(h.deliveries.map((d) => d.pollerId)).toEqual([1]);
    h.runUntil(30 * S);
    expect(h.empties).toEqual([]);
  });

  it("receiveLater never registers a poll ahead of time: the receive quota is judged when the call reaches SQS", () => {
    const h = new FifoHarness();
    expect(h.queue.receiveLater(0, 10, 20 * S, 2 * S)).toBe(false); // nothing deliverable, still not registered
    h.send(A);
    expect(h.queue.receiveLater(0, 10, 20 * S, 2 * S)).toBe(false);
    expect(h.queue.requests.receive).toBe(0);
  });
});

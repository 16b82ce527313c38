import { describe, expect, it } from "vitest";
import { Harness, Phase, S } from "./harness.js";

const MAX_VISIBILITY_S = 43_200;

describe("visibility timeout and redelivery (aws-behaviour 1.1, 1.32, 12.2)", () => {
  it("a message not deleted within the visibility timeout becomes visible again with receive count + 1", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    h.runUntil(1 * S);
    const first = h.receiveOne();
    expect(h.receiveCount(first)).toBe(1);
    expect(h.queue.inFlight).toBe(1);
    expect(h.queue.visible).toBe(0);

    h.runUntil(31 * S);
    expect(h.queue.inFlight).toBe(0);
    expect(h.queue.visible).toBe(1);
    const second = h.receiveOne();
    expect(second.slot).toBe(first.slot);
    expect(h.receiveCount(second)).toBe(2);
    expect(h.queue.redelivered).toBe(1);
    expect(h.queue.received).toBe(2);
  });

  it("a message becomes visible again exactly at receive + timeout, not a microsecond before", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    h.runUntil(5 * S);
    h.receiveOne();
    h.runUntil(35 * S - 1);
    expect(h.queue.visible).toBe(0);
    expect(h.queue.inFlight).toBe(1);
    expect(h.receive(1, 1, 0)).toEqual([]);
    h.runUntil(35 * S);
    expect(h.queue.visible).toBe(1);
    expect(h.queue.inFlight).toBe(0);
  });

  it("a receive at the instant the visibility timeout ends gets the message again", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    h.receiveOne();
    let got: number | null = null;
    h.at(30 * S, Phase.Receive, () => {
      got = h.receive(1, 1, 0)!.length;
    });
    h.runUntil(30 * S);
    expect(got).toBe(1);
    expect(h.queue.redelivered).toBe(1);
  });

  it("the first receive is not counted as a redelivery; each later one is", () => {
    const h = new Harness({ visibilityTimeoutUs: 10 * S });
    h.send();
    for (let k = 0; k < 4; k++) {
      h.runUntil(k * 10 * S);
      h.receiveOne();
    }
    expect(h.queue.received).toBe(4);
    expect(h.queue.redelivered).toBe(3);
    expect(h.queueWait.count).toBe(1);
  });
});

describe("receipt handles (aws-behaviour 1.29, 1.30)", () => {
  it("after redelivery, a delete with the first receipt deletes nothing", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const first = h.receiveOne(0);
    h.runUntil(30 * S);
    const second = h.receiveOne(1);
    expect(second.token).not.toBe(first.token);
    h.runUntil(40 * S);
    expect(h.delete(first)).toBe(false);
    expect(h.queue.deleted).toBe(0);
    expect(h.queue.inFlight).toBe(1);
  });

  it("after redelivery, a delete with the latest receipt deletes the message", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const first = h.receiveOne(0);
    h.runUntil(30 * S);
    const second = h.receiveOne(1);
    h.runUntil(40 * S);
    h.delete(first);
    expect(h.delete(second)).toBe(true);
    expect(h.queue.deleted).toBe(1);
    expect(h.queue.inFlight).toBe(0);
    expect(h.queue.visible).toBe(0);
    expect(h.conserved()).toBe(true);
  });

  it("a message that became visible again but was not received since is deleted with its still-latest receipt", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const first = h.receiveOne();
    h.runUntil(45 * S);
    expect(h.queue.visible).toBe(1);
    expect(h.delete(first)).toBe(true);
    expect(h.queue.deleted).toBe(1);
    expect(h.queue.visible).toBe(0);
    // The deleted message is not delivered from the visible ring afterwards.
    expect(h.receive(0, 10, 0)).toEqual([]);
    expect(h.conserved()).toBe(true);
  });

  it("a second delete with the same receipt deletes nothing more", () => {
    const h = new Harness();
    h.send();
    const m = h.receiveOne();
    expect(h.delete(m)).toBe(true);
    expect(h.delete(m)).toBe(false);
    expect(h.queue.deleted).toBe(1);
  });

  it("a receipt does not delete another message that reuses the slot", () => {
    const h = new Harness();
    h.send();
    const m = h.receiveOne();
    h.delete(m);
    h.queue.release(m.slot);
    h.send();
    const other = h.receiveOne();
    expect(other.slot).toBe(m.slot);
    expect(h.delete(m)).toBe(false);
    expect(h.delete(other)).toBe(true);
  });
});

describe("ChangeMessageVisibility (aws-behaviour 1.26-1.28, 12.12)", () => {
  it("the new timeout counts from the call, not from the receive", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const m = h.receiveOne();
    h.runUntil(20 * S);
    expect(h.changeVisibility(m, 60 * S)).toBe(true);
    h.runUntil(30 * S);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(80 * S - 1);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(80 * S);
    expect(h.queue.inFlight).toBe(0);
    expect(h.queue.visible).toBe(1);
  });

  it("a change can shorten the timeout: the message returns at call + new timeout", () => {
    const h = new Harness({ visibilityTimeoutUs: 300 * S });
    h.send();
    const m = h.receiveOne();
    h.runUntil(10 * S);
    expect(h.changeVisibility(m, 5 * S)).toBe(true);
    h.runUntil(15 * S - 1);
    expect(h.queue.visible).toBe(0);
    h.runUntil(15 * S);
    expect(h.queue.visible).toBe(1);
  });

  it("a timeout of 0 makes the message visible immediately", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const m = h.receiveOne(0);
    h.runUntil(3 * S);
    expect(h.changeVisibility(m, 0)).toBe(true);
    expect(h.queue.inFlight).toBe(0);
    expect(h.queue.visible).toBe(1);
    const again = h.receiveOne(1);
    expect(again.slot).toBe(m.slot);
    expect(h.receiveCount(again)).toBe(2);
    expect(h.conserved()).toBe(true);
  });

  it("43,200 s right after the receive is rejected once any time has passed since it; 43,195 s works", () => {
    const h = new Harness();
    h.send();
    const m = h.receiveOne();
    h.runUntil(1); // one microsecond after the receive
    expect(h.changeVisibility(m, MAX_VISIBILITY_S * S)).toBe(false);
    expect(h.changeVisibility(m, 43_195 * S)).toBe(true);
  });

  it("extensions do not reset the 12 h cap: the total may not pass receive + 12 h", () => {
    const h = new Harness({ visibilityTimeoutUs: 3_600 * S });
    h.send();
    h.runUntil(100 * S);
    const m = h.receiveOne();
    // Extend every 30 min by 1 h: allowed while call + 1 h ≤ receive + 12 h.
    let t = 100 * S;
    let accepted = 0;
    for (;;) {
      t += 1_800 * S;
      h.runUntil(t);
      if (!h.changeVisibility(m, 3_600 * S)) break;
      accepted++;
    }
    // Calls at receive + 0.5 h … receive + 11 h succeed (22 of them); the one at receive + 11.5 h would reach 12.5 h.
    expect(accepted).toBe(22);
    expect(t).toBe(100 * S + 23 * 1_800 * S);
    // The time left is still allowed exactly: up to receive + 12 h.
    expect(h.changeVisibility(m, 1_800 * S)).toBe(true);
    expect(h.changeVisibility(m, 1_800 * S + 1)).toBe(false);
    h.runUntil(100 * S + MAX_VISIBILITY_S * S - 1);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(100 * S + MAX_VISIBILITY_S * S);
    expect(h.queue.visible).toBe(1);
  });

  it("a rejected change leaves the current timeout in force", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const m = h.receiveOne();
    h.runUntil(10 * S);
    expect(h.changeVisibility(m, MAX_VISIBILITY_S * S)).toBe(false);
    h.runUntil(30 * S);
    expect(h.queue.visible).toBe(1);
  });

  it("a change applies to that receipt only: the next receive gets the queue default again", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const m = h.receiveOne();
    expect(h.changeVisibility(m, 600 * S)).toBe(true);
    h.runUntil(600 * S);
    expect(h.queue.visible).toBe(1);
    h.receiveOne();
    h.runUntil(630 * S - 1);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(630 * S);
    expect(h.queue.visible).toBe(1);
  });

  it("a change with a stale receipt is refused and does not touch the current receipt's timeout", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const first = h.receiveOne(0);
    h.runUntil(30 * S);
    h.receiveOne(1);
    expect(h.changeVisibility(first, 0)).toBe(false);
    expect(h.changeVisibility(first, 600 * S)).toBe(false);
    expect(h.queue.inFlight).toBe(1);
    h.runUntil(60 * S);
    expect(h.queue.visible).toBe(1);
  });

  it("a change on a message that is visible again is refused (it is no longer in flight)", () => {
    const h = new Harness({ visibilityTimeoutUs: 30 * S });
    h.send();
    const m = h.receiveOne();
    h.runUntil(31 * S);
    expect(h.changeVisibility(m, 60 * S)).toBe(false);
    expect(h.queue.visible).toBe(1);
  });
});

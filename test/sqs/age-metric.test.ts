import { describe, expect, it } from "vitest";
import { Harness, S } from "./harness.js";

describe("ApproximateAgeOfOldestMessage (aws-behaviour 4.4)", () => {
  it("is 0 for an empty queue and the age of the oldest message not deleted otherwise", () => {
    const h = new Harness();
    expect(h.queue.ageOfOldestMessageS(0)).toBe(0);
    h.send();
    h.runUntil(10 * S);
    h.send();
    h.runUntil(25 * S);
    expect(h.queue.ageOfOldestMessageS(h.nowUs)).toBe(25);
    const first = h.receiveOne();
    // In flight still counts: it is not deleted.
    expect(h.queue.ageOfOldestMessageS(h.nowUs)).toBe(25);
    h.delete(first);
    expect(h.queue.ageOfOldestMessageS(h.nowUs)).toBe(15);
  });

  it("leaves out a message received three times or more without deletion (standard queues)", () => {
    const h = new Harness({ visibilityTimeoutUs: 10 * S });
    h.send(); // sent at 0
    h.runUntil(1 * S);
    h.send(); // sent at 1 s
    const firstTwo = h.receive(0, 2, 0)!;
    expect(firstTwo).toHaveLength(2);
    h.delete(firstTwo[1]!); // the second one is gone; the first one stays undeleted
    for (const t of [20, 40]) {
      h.runUntil(t * S);
      h.receiveOne(); // second and third receive of the first message
      expect(h.queue.ageOfOldestMessageS(h.nowUs)).toBe(t === 20 ? 20 : 0);
    }
    h.runUntil(50 * S);
    h.send(); // sent at 50 s
    h.runUntil(60 * S);
    // The first message (sent at 0) has been received 3 times: the age is that of the one sent at 50 s.
    expect(h.queue.ageOfOldestMessageS(h.nowUs)).toBe(10);
    expect(h.queue.visible + h.queue.inFlight).toBe(2);
  });
});

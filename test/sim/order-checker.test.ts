// The independent per-group order checker: a delivery breaks order when an earlier message of its group is still
// outstanding and not ahead of it in the same response.
import { describe, expect, it } from "vitest";
import { OrderChecker } from "../../src/sim/order-checker.js";

/** Sends `n` messages of `group` into slots start, start+1, … (serial = slot + 100). */
function send(checker: OrderChecker, group: number, start: number, n: number): void {
  for (let i = 0; i < n; i++) checker.onSent(start + i, start + i + 100, group);
}
const deliver = (checker: OrderChecker, ...slots: number[]) =>
  checker.onDelivered(
    slots,
    slots.map((s) => s + 100),
    slots.length,
  );
const end = (checker: OrderChecker, slot: number, deleted = true) => checker.onEnded(slot, slot + 100, deleted);

describe("OrderChecker", () => {
  it("counts nothing when each group's messages are delivered and ended in order", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 3);
    send(c, 1, 3, 2);
    deliver(c, 0);
    deliver(c, 3); // another group interleaves freely
    end(c, 0);
    deliver(c, 1);
    end(c, 1);
    end(c, 3);
    deliver(c, 2, 4);
    expect(c.violations).toBe(0);
  });

  it("counts a delivery while an earlier message of the group is outstanding in another consumer's hands", () => {
    const c = new OrderChecker();
    send(c, 7, 0, 2);
    deliver(c, 0);
    deliver(c, 1); // 0 not yet deleted: a second consumer works on 1 meanwhile
    expect(c.violations).toBe(1);
  });

  it("counts a message delivered before an earlier one that is still waiting in the queue", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 3);
    deliver(c, 2);
    expect(c.violations).toBe(1);
  });

  it("allows consecutive messages of a group in one response, in order, but not out of order", () => {
    const inOrder = new OrderChecker();
    send(inOrder, 0, 0, 3);
    deliver(inOrder, 0, 1, 2);
    expect(inOrder.violations).toBe(0);
    const reversed = new OrderChecker();
    send(reversed, 0, 0, 2);
    deliver(reversed, 1, 0);
    expect(reversed.violations).toBe(1);
  });

  it("treats a dead-lettered or expired message as ended, so the group goes on without a violation", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 2);
    deliver(c, 0);
    end(c, 0, false); // moved to the DLQ, say
    deliver(c, 1);
    expect(c.violations).toBe(0);
  });

  it("ignores a slot reused by another message (serial mismatch) and messages it was never told of", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 2);
    c.onDelivered([1], [999], 1); // slot 1 now holds another message
    c.onDelivered([50], [150], 1);
    c.onEnded(0, 999, true);
    expect(c.violations).toBe(0);
    deliver(c, 1);
    expect(c.violations).toBe(1); // 0 is still outstanding: the stale end did not count
  });

  it("a redelivery of the group's first outstanding message is never a violation", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 2);
    deliver(c, 0, 1);
    deliver(c, 0, 1); // visibility expired, the same batch comes back
    expect(c.violations).toBe(0);
  });

  it("counts a delete while an earlier message of the group is outstanding as processed out of order", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 3);
    deliver(c, 0, 1, 2); // one batch: delivery in order
    end(c, 1); // 0 failed and is still outstanding: 1 processed ahead of it
    end(c, 0);
    end(c, 2);
    expect(c.violations).toBe(0);
    expect(c.processedOutOfOrder).toBe(1);
  });

  it("a dead-lettered or expired message ahead of the rest is not a processing-order violation", () => {
    const c = new OrderChecker();
    send(c, 0, 0, 2);
    end(c, 1, false); // expired ahead of 0
    end(c, 0);
    expect(c.processedOutOfOrder).toBe(0);
  });
});

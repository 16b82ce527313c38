import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/engine/random.js";
import { DedupWindow } from "../../../src/sqs/fifo-dedup.js";
import { GroupHeap } from "../../../src/sqs/fifo-group-heap.js";
import { SendOrder } from "../../../src/sqs/fifo-send-order.js";

describe("SendOrder: send-order ranks over a Fenwick tree", () => {
  it("countBefore and oldest match a plain list through random appends and removals, across packings and growth", () => {
    const rnd = randomStream(11, "send-order");
    const order = new SendOrder(16, 4);
    const list: number[] = [];
    let nextSlot = 0;
    const freeSlots: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      // Phases of growth and of shrinking, so the live count swings through several packings.
      const grow = Math.floor(step / 2_500) % 2 === 0;
      if (list.length === 0 || rnd() < (grow ? 0.7 : 0.3)) {
        const slot = freeSlots.pop() ?? nextSlot++;
        order.append(slot);
        list.push(slot);
      } else {
        const i = Math.floor(rnd() * list.length);
        const [slot] = list.splice(i, 1);
        order.remove(slot!);
        freeSlots.push(slot!);
      }
      expect(order.live).toBe(list.length);
      expect(order.oldest()).toBe(list.length > 0 ? list[0] : -1);
      if (step % 7 === 0 && list.length > 0) {
        const i = Math.floor(rnd() * list.length);
        expect(order.countBefore(list[i]!)).toBe(i);
      }
    }
    expect(order.packings).toBeGreaterThan(5);
  });

  it("positions keep send order across a packing", () => {
    const order = new SendOrder(4, 4);
    for (let s = 0; s < 4; s++) order.append(s);
    order.remove(1);
    order.remove(2);
    order.append(4); // full: packs to [0, 3], then appends
    expect(order.packings).toBe(1);
    expect(order.positionOf(0) < order.positionOf(3) && order.positionOf(3) < order.positionOf(4)).toBe(true);
    expect([order.countBefore(0), order.countBefore(3), order.countBefore(4)]).toEqual([0, 1, 2]);
  });
});

describe("GroupHeap: an indexed min-heap of groups", () => {
  it("peek always returns the group with the smallest key through random sets, moves and removals", () => {
    const rnd = randomStream(5, "group-heap");
    const heap = new GroupHeap();
    const keys = new Map<number, number>();
    for (let step = 0; step < 20_000; step++) {
      const g = Math.floor(rnd() * 300);
      const r = rnd();
      if (r < 0.6) {
        const key = Math.floor(rnd() * 1e6) + g / 1_000; // unique keys, as send positions are
        heap.set(g, key);
        keys.set(g, key);
      } else {
        heap.remove(g);
        keys.delete(g);
      }
      expect(heap.size).toBe(keys.size);
      expect(heap.has(g)).toBe(keys.has(g));
      let best = -1;
      let bestKey = Infinity;
      for (const [k, v] of keys) if (v < bestKey) [best, bestKey] = [k, v];
      expect(heap.peek()).toBe(best);
    }
  });

  it("rekey with an order-preserving renumbering keeps the heap valid", () => {
    const heap = new GroupHeap();
    for (let g = 0; g < 50; g++) heap.set(g, 1_000 - g * 7);
    heap.rekey((g) => 10 - g); // same order, new values
    heap.set(60, 10 - 48.5); // between 49 (key -39) and 48 (key -38)
    const popped: number[] = [];
    while (heap.size > 0) {
      const g = heap.peek();
      popped.push(g);
      heap.remove(g);
    }
    expect(popped.slice(0, 3)).toEqual([49, 60, 48]);
    expect(popped).toHaveLength(51);
  });
});

describe("DedupWindow: ids in a ring and an open-addressing table", () => {
  for (const perGroup of [false, true]) {
    it(`agrees with a plain map of first-seen times through random churn (${perGroup ? "group" : "queue"} scope)`, () => {
      const rnd = randomStream(perGroup ? 3 : 4, "dedup");
      const interval = 1_000;
      const w = new DedupWindow(interval, perGroup);
      const firstSeen = new Map<string, number>();
      let now = 0;
      let duplicates = 0;
      for (let step = 0; step < 60_000; step++) {
        now += Math.floor(rnd() * 3);
        // A small pool of ids repeats often; a steady stream of new ones fills and grows the table.
        const id = rnd() < 0.5 ? `p${Math.floor(rnd() * 300)}` : `n${step}`;
        const group = Math.floor(rnd() * 4);
        const key = perGroup ? `${group}|${id}` : id;
        const first = firstSeen.get(key);
        const expected = first !== undefined && now - first < interval;
        if (!expected) firstSeen.set(key, now);
        else duplicates++;
        expect(w.isDuplicate(now, group, id)).toBe(expected);
      }
      expect(duplicates).toBeGreaterThan(1_000);
      expect(w.tracked).toBeLessThan(1_200);
    });
  }
});

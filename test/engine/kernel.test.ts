import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";
import { Kernel } from "../../src/engine/kernel.js";
import { Phase } from "../../src/engine/phases.js";

/** A kernel with one kind that logs what it handles, and optionally schedules more. */
function logging() {
  const kernel = new Kernel();
  const log: string[] = [];
  const tick = kernel.register("tick", (target, arg, now) => void log.push(`${now}:${target}:${arg}`));
  return { kernel, log, tick };
}

describe("Kernel", () => {
  it("register numbers kinds from 0 and names them in errors", () => {
    const k = new Kernel();
    expect(k.register("a", () => {})).toBe(0);
    expect(k.register("b", () => {})).toBe(1);
    expect(k.kindName(1)).toBe("b");
    expect(() => k.schedule(0, Phase.Send, 2, 0)).toThrow("schedule: event kind 2 is not registered (2 are)");
  });

  it("step() handles one event at a time, in time then phase then scheduling order, and says when none is left", () => {
    const { kernel, log, tick } = logging();
    kernel.schedule(20, Phase.Send, tick, 1);
    kernel.schedule(10, Phase.Receive, tick, 2);
    kernel.schedule(10, Phase.Delete, tick, 3);
    kernel.schedule(10, Phase.Receive, tick, 4);
    while (kernel.step());
    expect(log).toEqual(["10:3:0", "10:2:0", "10:4:0", "20:1:0"]);
    expect(kernel.nowUs).toBe(20);
    expect(kernel.handled).toBe(4);
  });

  it("runUntil(t) handles the events at or before t, leaves a later one pending in its place, and a second call goes on", () => {
    const { kernel, log, tick } = logging();
    for (const t of [5, 10, 15, 15]) kernel.schedule(t, Phase.Send, tick, t);
    expect(kernel.runUntil(10)).toBe(true);
    expect(log).toEqual(["5:5:0", "10:10:0"]);
    expect(kernel.nowUs).toBe(10);
    // Scheduling between runs, at the clock, comes before the pending events after it.
    kernel.schedule(12, Phase.Send, tick, 12);
    expect(kernel.runUntil(100)).toBe(true);
    expect(log).toEqual(["5:5:0", "10:10:0", "12:12:0", "15:15:0", "15:15:0"]);
    expect(kernel.nowUs).toBe(100);
  });

  it("runUntil stops at maxHandled events with the next one pending", () => {
    const { kernel, log, tick } = logging();
    for (const t of [1, 2, 3]) kernel.schedule(t, Phase.Send, tick, t);
    expect(kernel.runUntil(10, 2)).toBe(false);
    expect(log).toEqual(["1:1:0", "2:2:0"]);
    expect(kernel.nowUs).toBe(3);
    expect(kernel.events.size).toBe(1);
  });

  it("dispatches each kind to the handler of the component that registered it", () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    const a = kernel.register("a", (t) => void seen.push(`a${t}`));
    const b = kernel.register("b", (t, _arg, now) => {
      seen.push(`b${t}`);
      if (t === 1) kernel.schedule(now + 5, Phase.Send, a, 9);
    });
    kernel.schedule(0, Phase.Send, b, 1);
    kernel.schedule(1, Phase.Send, a, 2);
    kernel.runUntil(100);
    expect(seen).toEqual(["b1", "a2", "a9"]);
  });
});

describe("scheduling refuses times that would corrupt the clock (issue 13: push accepted them)", () => {
  it("a time before the event being handled", () => {
    const { kernel, tick } = logging();
    const back = kernel.register("back", (_t, _a, now) => kernel.schedule(now - 1, Phase.Send, tick, 0));
    kernel.schedule(10, Phase.Send, back, 0);
    expect(() => kernel.runUntil(100)).toThrow("an event of tick (kind 0) was scheduled at 9 µs, before now (10 µs)");
  });

  it("NaN and infinity, on every path of the event queue", () => {
    const q = new EventQueue();
    const lane = q.addLane();
    expect(() => q.push(Number.NaN, Phase.Send, 0, 0)).toThrow("scheduled at NaN");
    expect(() => q.push(Infinity, Phase.Send, 0, 0)).toThrow("past the largest time the clock holds");
    expect(() => q.pushLane(lane, Number.NaN, Phase.Send, 0, 0)).toThrow("scheduled at NaN");
    expect(() => q.pushLane(lane, -5, Phase.Send, 0, 0)).toThrow("before now (0 µs)");
    expect(q.size).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { MessageState, MessageStore, StoreFullError } from "../../src/sqs/message-store.js";

describe("MessageStore capacity (limits.maxStoredMessages)", () => {
  it("holds at most its maximum, even one below the first chunk of 1,024 slots", () => {
    const store = new MessageStore(1024, 10);
    for (let i = 0; i < 10; i++) store.allocate(i, 100, 0, 0);
    expect(() => store.allocate(10, 100, 0, 0)).toThrow(StoreFullError);
    expect(() => store.allocate(10, 100, 0, 0)).toThrow("the queue holds 10 messages, the most this run allows");
  });

  it("a freed slot makes room again", () => {
    const store = new MessageStore(1024, 2);
    const a = store.allocate(0, 100, 0, 0);
    store.allocate(0, 100, 0, 0);
    store.state[a] = MessageState.Gone;
    store.releaseIfUnreferenced(a);
    expect(() => store.allocate(1, 100, 0, 0)).not.toThrow();
    expect(store.live).toBe(2);
  });

  it("grows past the first chunk up to its maximum", () => {
    const store = new MessageStore(1024, 3000);
    for (let i = 0; i < 3000; i++) store.allocate(i, 100, 0, 0);
    expect(() => store.allocate(0, 100, 0, 0)).toThrow(StoreFullError);
  });
});

// What a first review of the architecture format's schema found, each held here.
import { describe, expect, it } from "vitest";
import { validateScenarioText } from "../../src/scenario/validate-text.js";
import { architectureOf, at, edited, problems, SMALL, SOURCE, validate } from "./architecture-helpers.js";

const FIFO = `${SMALL}`
  .replace("  - name: orders\n", "  - name: orders.fifo\n    type: fifo\n")
  .replace("    publish: orders\n", "    publish: orders.fifo\n")
  .replace("  - name: analytics\nconsumers", "  - name: analytics\n  - name: jobs.fifo\n    type: fifo\nconsumers");

describe("names with dots (every FIFO queue's and topic's)", () => {
  it("--set reaches an entry whose name holds a dot, and problems name it whole", () => {
    const a = architectureOf(validate(FIFO, ["queues.jobs.fifo.visibilityTimeout=60s"]));
    expect(a.queues.find((q) => q.name === "jobs.fifo")?.visibilityTimeout).toBe(60);
    expect(problems(FIFO, ["queues.jobs.fifo.delay=1h"])).toEqual([
      at("queues.jobs.fifo.delay: 1h is above the SQS maximum of 15m (900 s) (from --set queues.jobs.fifo.delay=1h)"),
    ]);
  });
});

describe("unknown keys of the architecture's own entries", () => {
  it("suggest the keys the architecture adds (publish, fleet)", () => {
    expect(problems(edited("producers.web.publsh=orders"))[0]).toContain("did you mean publish?");
    expect(problems(edited("consumers.billing-workers.fleeet={ instances: 2 }"))[0]).toContain("did you mean fleet?");
  });
});

describe("attribute names (13.5)", () => {
  it.each([".k", "k.", "a..b"])("refuses %s: no period first, last or twice in a row", (name) => {
    expect(problems(edited(`producers.web.attributes={ "${name}": { a: 1 } }`))).toEqual([
      at(
        `producers.web.attributes.${name}: "${name}" is not an attribute name: 1–256 letters, digits, _, - and ., with no period first, last or twice in a row, not starting with AWS. or Amazon. (13.5)`,
      ),
    ]);
  });

  it("refuses more than 10,000 combinations of values", () => {
    const values = `{ ${Array.from({ length: 101 }, (_, i) => `v${i}: ${i === 0 ? 1 : 0}`).join(", ")} }`;
    expect(problems(edited(`producers.web.attributes={ a: ${values}, b: ${values} }`))).toEqual([
      at("producers.web.attributes: the values make 10201 combinations (the product of the values per key); at most 10,000"),
    ]);
  });
});

describe("emit rules get a producer's checks", () => {
  it("refuses attributes on a rule that sends to a queue", () => {
    expect(problems(edited("consumers.billing-workers.emit=[ { send: analytics, attributes: { k: { a: 1 } } } ]"))).toEqual([
      at("consumers.billing-workers.emit.0.attributes: only a topic's filter policies read message attributes; this rule sends to a queue"),
    ]);
  });

  it("refuses a constant size above the destination's maximum", () => {
    expect(problems(edited("consumers.billing-workers.emit=[ { publish: orders, messageSize: 300KiB } ]"))).toEqual([
      at("consumers.billing-workers.emit.0.messageSize: 300KiB is above topics.orders.maxMessageSize (256KiB): SNS would refuse every message (13.3)"),
    ]);
    expect(problems(edited("queues.analytics.maxMessageSize=1KiB", "consumers.billing-workers.emit=[ { send: analytics, messageSize: 2KiB } ]"))).toEqual([
      at("consumers.billing-workers.emit.0.messageSize: 2KiB is above queues.analytics.maxMessageSize (1KiB): SQS would refuse every message"),
    ]);
  });

  it("refuses more than 10 attributes published to a raw delivery subscription (13.14)", () => {
    const attributes = `{ ${Array.from({ length: 11 }, (_, i) => `k${i}: { a: 1 }`).join(", ")} }`;
    const text = edited(
      "topics.orders.subscriptions.1.rawMessageDelivery=true",
      `consumers.billing-workers.emit=[ { publish: orders, attributes: ${attributes} } ]`,
    );
    expect(problems(text)).toEqual([
      at(
        "consumers.billing-workers.emit.0.attributes: has 11 attributes; raw delivery to topics.orders.subscriptions.1 carries at most 10 and SNS discards a message with more (13.14)",
      ),
    ]);
  });
});

describe("messages name the entries they mention", () => {
  it("a FIFO-only key on a standard queue names the queue's type by name", () => {
    expect(problems(edited("queues.billing.contentBasedDeduplication=true"))).toEqual([
      at("queues.billing.contentBasedDeduplication: is for FIFO queues only (queues.billing.type: fifo)"),
    ]);
  });
});

describe("the single-queue loaders", () => {
  it("refuse an architecture with one line, even an invalid one, before its own problems", () => {
    const result = validateScenarioText(edited("producers.web.delay=1s"), SOURCE);
    expect(result).toEqual({
      ok: false,
      errors: [
        at(
          "this command does not take the architecture format (topics, queues: [...], consumers: [...]) yet; run, validate, report, explain, sweep and compare do",
        ),
      ],
    });
  });
});

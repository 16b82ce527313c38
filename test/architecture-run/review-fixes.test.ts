// What an independent review of the architecture run found, each held here.
import { describe, expect, it } from "vitest";
import { architecturePreflight } from "../../src/sim/architecture-preflight.js";
import { validateInputText } from "../../src/scenario/validate-text.js";
import { architecture, run } from "./helpers.js";

describe("Number attributes", () => {
  const text = `name: amounts
duration: 10m
topics:
  - name: payments
    subscriptions:
      - { queue: large, filterPolicy: { amount: [ { numeric: [">", 10] } ] } }
      - { queue: other, filterPolicy: { amount: [ { anything-but: [50] } ] } }
producers:
  - name: shop
    publish: payments
    traffic: [ { constant: 5 } ]
    attributes: { amount: { number: { "5": 0.5, "50": 0.5 } } }
queues: [ { name: large }, { name: other } ]
`;

  it("are compared by numeric conditions and numeric anything-but (13.17)", () => {
    const t = run(text).summary.topics.payments!;
    const n = t.published;
    const half = n / 2;
    for (const q of ["large", "other"]) {
      const got = t.delivered[q]! + t.pendingAtEnd[q]!;
      expect(Math.abs(got - half)).toBeLessThan(4 * Math.sqrt(n / 4));
    }
  });

  it("are refused when not a number SNS takes (13.5)", () => {
    const bad = validateInputText(text.replace('"5": 0.5', '"5.123456": 0.5'), "a.yaml");
    expect(bad.ok ? [] : bad.errors).toEqual([
      'a.yaml: producers.shop.attributes.amount.number.5.123456: "5.123456" is not a Number attribute value: -1000000000 to 1000000000, up to 5 decimals (13.5)',
    ]);
  });
});

describe("a queue read by two pools", () => {
  const text = (poison: string) => `name: shared
duration: 10m
producers: [ { name: p, send: q, traffic: [ { constant: 100 } ] } ]
queues: [ { name: q, receiveWaitTime: 20s } ]
consumers:
  - { name: w1, queue: q, processing: 50ms, concurrency: 3, failures: { poison: 0 } }
  - { name: w2, queue: q, processing: 50ms, concurrency: 3, failures: { poison: ${poison} } }
limits: { maxStoredMessages: 50000 }
`;

  it("is estimated with each pool taking its share, not each the whole queue", () => {
    expect(architecturePreflight(architecture(text("0")))).toEqual([]);
  });

  it("needs the same poison share from every pool that reads it", () => {
    const result = validateInputText(text("0.5"), "s.yaml");
    expect(result.ok ? [] : result.errors).toEqual([
      "s.yaml: consumers.w2.failures.poison: 0.5 differs from consumers.w1.failures.poison (0), a pool reading the same queue: poison is a property of the queue's messages, so every pool reading q must declare the same share",
    ]);
  });
});

describe("subscription limits", () => {
  const many = (fifo: boolean, size: string) => `name: many
duration: 1m
topics:
  - name: t${fifo ? ".fifo" : ""}
    type: ${fifo ? "fifo" : "standard"}
    maxMessageSize: ${size}
    subscriptions: [ ${Array.from({ length: 101 }, (_, i) => `{ queue: q${i} }`).join(", ")} ]
producers: [ { name: p, publish: t${fifo ? ".fifo" : ""}, traffic: [ { constant: 1 } ] } ]
queues: [ ${Array.from({ length: 101 }, (_, i) => `{ name: q${i} }`).join(", ")} ]
`;

  it("refuses a 101st subscription on a FIFO topic (13.28) and on a topic above 256 KiB (13.4)", () => {
    const fifo = validateInputText(many(true, "256KiB"), "m.yaml");
    expect(fifo.ok ? [] : fifo.errors).toEqual(["m.yaml: topics.t.fifo.subscriptions: has 101 subscriptions; a FIFO topic takes at most 100 (13.28)"]);
    const large = validateInputText(many(false, "1MiB"), "m.yaml");
    expect(large.ok ? [] : large.errors).toEqual([
      "m.yaml: topics.t.subscriptions: has 101 subscriptions; a topic whose maxMessageSize is above 256KiB takes at most 100 (13.4)",
    ]);
    expect(validateInputText(many(false, "256KiB"), "m.yaml").ok).toBe(true);
  });
});

describe("a name two kinds share", () => {
  it("is told apart in path names by its kind", () => {
    const s = run(`name: same-names
duration: 2m
topics: [ { name: orders, subscriptions: [ { queue: orders } ] } ]
producers: [ { name: orders, publish: orders, traffic: [ { constant: 2 } ] } ]
queues: [ { name: orders } ]
consumers: [ { name: orders, queue: orders, processing: 10ms } ]
`).summary;
    expect(Object.keys(s.paths)).toEqual(["orders(producer)→orders(topic)→orders(queue)→orders(pool)"]);
  });
});

describe("the unconfirmed SNS points are parameters (13.7, 13.15)", () => {
  const text = (keys: string) => `name: sns-params
duration: 5m
topics: [ { name: t, subscriptions: [ { queue: q } ] } ]
producers: [ { name: p, publish: t, traffic: [ { constant: 5 } ] } ]
queues: [ { name: q, delay: 30s${keys} } ]
consumers: [ { name: w, queue: q, processing: 10ms } ]
`;

  it("a delay queue delays SNS deliveries unless delaySnsDeliveries is false", () => {
    const delayed = run(text("")).summary.queues.q!;
    const not = run(text(", delaySnsDeliveries: false")).summary.queues.q!;
    expect(delayed.latency.endToEnd.p50).toBeGreaterThan(30);
    expect(not.latency.endToEnd.p50).toBeLessThan(1);
  });

  it("bills SNS deliveries to the queue only with billSnsDeliveries", () => {
    const free = run(text("")).summary.queues.q!;
    const billed = run(text(", billSnsDeliveries: true")).summary.queues.q!;
    expect(free.requests.send).toBe(0);
    expect(billed.requests.send).toBe(billed.messages.sent);
    expect(billed.requests.billable - free.requests.billable).toBe(billed.messages.sent);
  });

  it("refuses delaySnsDeliveries: false on a FIFO queue", () => {
    const result = validateInputText(
      text("")
        .replace("queues: [ { name: q, delay: 30s", "queues: [ { name: q.fifo, type: fifo, delay: 30s, delaySnsDeliveries: false")
        .replace("queue: q }", "queue: q.fifo }")
        .replaceAll("queue: q,", "queue: q.fifo,")
        .replace("name: t,", "name: t.fifo, type: fifo,")
        .replace("publish: t,", "publish: t.fifo,"),
      "f.yaml",
    );
    expect(result.ok ? [] : result.errors).toEqual([
      "f.yaml: queues.q.fifo.delaySnsDeliveries: is for standard queues: a FIFO queue's delay applies to every message alike (3.9)",
    ]);
  });
});

describe("preflight's messages for a pair", () => {
  it("name the fields as the architecture names them", () => {
    const a = architecture(`name: lim
duration: 1h
producers: [ { name: p, send: q, traffic: [ { constant: 100 } ] } ]
queues: [ { name: q } ]
consumers: [ { name: w, queue: q, processing: 1s, fleet: { instances: 1 } } ]
limits: { maxEvents: 100000 }
`);
    const [line] = architecturePreflight(a);
    expect(line).toMatch(/^consumers\.w \(reading queues\.q\): limits\.maxEvents: .* or lower producers\.p\.traffic$/);
  });
});

describe("timeseries.csv of an architecture", () => {
  it("is held to one string's size over all its resources' columns", () => {
    const queues = Array.from({ length: 40 }, (_, i) => `{ name: q${i} }`).join(", ");
    const pools = Array.from({ length: 40 }, (_, i) => `{ name: w${i}, queue: q${i} }`).join(", ");
    const a = architecture(`name: wide
duration: 300d
metrics: { period: 20s }
producers: [ { name: p, send: q0, traffic: [ { constant: 0 } ] } ]
queues: [ ${queues} ]
consumers: [ ${pools} ]
limits: { maxEvents: 1000000000000, maxMemory: 100000GiB }
`);
    const problems = architecturePreflight(a);
    expect(
      problems.some((line) => /^metrics\.period: 20s over 300d makes 1,296,000 rows of about \d+ columns \(every queue, pool and topic\)/.test(line)),
    ).toBe(true);
  });
});

describe("a sweep's path columns", () => {
  it("name the paths as the run does, a name two kinds share included", async () => {
    const { architecturePaths } = await import("../../src/sweep/architecture-paths.js");
    const text = `name: same
duration: 2m
topics: [ { name: jobs, subscriptions: [ { queue: jobs } ] } ]
producers: [ { name: p, publish: jobs, traffic: [ { constant: 5 } ] } ]
queues: [ { name: jobs } ]
consumers: [ { name: w, queue: jobs, processing: 10ms } ]
`;
    expect(architecturePaths(architecture(text))).toEqual(Object.keys(run(text).summary.paths));
    expect(Object.keys(run(text).summary.paths)).toEqual(["p→jobs(topic)→jobs(queue)→w"]);
  });
});

describe("a sweep's architecture-wide queue wait", () => {
  it("leaves out a queue no pool reads (it only grows), which keeps its own column", async () => {
    const { ARCHITECTURE_WIDE } = await import("../../src/sweep/architecture-metrics.js");
    const result = run(`name: orphan
duration: 5m
producers: [ { name: p, send: a, traffic: [ { constant: 5 } ] }, { name: archive, send: orphan, traffic: [ { constant: 1 } ] } ]
queues: [ { name: a }, { name: orphan } ]
consumers: [ { name: w, queue: a, processing: 10ms } ]
`);
    const wait = ARCHITECTURE_WIDE.queue_wait_p99_s!.read(result);
    expect(wait).toBe(result.summary.queues.a!.latency.queueWait.p99);
    expect(result.summary.queues.orphan!.latency.queueWait.p99).toBeGreaterThan(100 * (wait ?? 0));
  });
});

describe("--set with pools named w and w.fleet", () => {
  it("reads consumers.w.fleet.instances as pool w's fleet, and consumers.w.fleet.fleet.instances as pool w.fleet's", () => {
    const a = architecture(
      `name: amb
duration: 2m
producers: [ { name: p, send: q, traffic: [ { constant: 1 } ] } ]
queues: [ { name: q } ]
consumers:
  - { name: w, queue: q, fleet: { instances: 1 } }
  - { name: w.fleet, queue: q, fleet: { instances: 1 } }
`,
      ["consumers.w.fleet.instances=3", "consumers.w.fleet.fleet.instances=5"],
    );
    expect(a.consumers.map((c) => [c.name, c.fleet.kind === "fixed" ? c.fleet.instances : null])).toEqual([
      ["w", 3],
      ["w.fleet", 5],
    ]);
  });
});

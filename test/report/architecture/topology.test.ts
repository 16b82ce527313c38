import { describe, expect, it } from "vitest";
import { architectureSections } from "../../../src/report/architecture/architecture-sections.js";
import { buildTopology, formatRate, nodeId, peakBacklogs, type Wiring } from "../../../src/report/architecture/topology.js";
import { topologySvg } from "../../../src/report/architecture/topology-svg.js";
import { type ArchitectureSummary } from "../../../src/sim/architecture-result.js";
import { simulateArchitectureYaml, svgElements, textOf } from "./architecture-fixture.js";

describe("formatRate", () => {
  it.each([
    [0, "0/s"],
    [0.004, "<0.01/s"],
    [0.0123, "0.0123/s"],
    [0.923, "0.923/s"],
    [2.2233, "2.22/s"],
    [9.998, "10.0/s"],
    [83.34, "83.3/s"],
    [99.96, "100/s"],
    [1234.5, "1,235/s"],
  ])("formatRate(%d) is %s", (perSecond, text) => {
    expect(formatRate(perSecond)).toBe(text);
  });
});

describe("the topology diagram of a run", () => {
  const { data } = simulateArchitectureYaml();
  const s = data.summary;
  const sections = architectureSections(data);
  const svg = topologySvg(sections.topology, "Topology of shop");
  const nodes = svgElements(svg, "node");
  const flows = svgElements(svg, "flow");

  it("has one node per producer, topic, queue and pool, each with its name", () => {
    expect(nodes.map((n) => n.attrs.id)).toEqual([
      "producer:web",
      "producer:batch",
      "topic:orders",
      "queue:billing",
      "queue:audit",
      "queue:receipts",
      "pool:billing-workers",
      "pool:receipt-workers",
    ]);
    for (const n of nodes) expect(textOf(n.body, "name")).toBe(n.attrs.name);
  });

  it("has one arrow per flow, each labelled with the summary's count over the run's duration", () => {
    const d = s.durationSeconds;
    const expected: [string, string, number][] = [
      ["producer:web", "topic:orders", s.producers.web!.produced],
      ["producer:batch", "queue:billing", s.producers.batch!.produced],
      ["topic:orders", "queue:billing", s.topics.orders!.delivered.billing!],
      ["topic:orders", "queue:audit", s.topics.orders!.delivered.audit!],
      ["queue:billing", "pool:billing-workers", s.consumers["billing-workers"]!.consumers.processed],
      ["pool:billing-workers", "queue:receipts", s.consumers["billing-workers"]!.emitted],
      ["queue:receipts", "pool:receipt-workers", s.consumers["receipt-workers"]!.consumers.processed],
    ];
    expect(flows.map((f) => [f.attrs.from, f.attrs.to, Number(f.attrs.messages)])).toEqual(expected);
    flows.forEach((f, i) => expect(textOf(f.body, "rate")).toBe(formatRate(expected[i]![2] / d)));
  });

  it("reads the producers' constant rates by hand: 10 and 2 messages a second for 10 minutes", () => {
    // Uniform arrivals: one message every 1/rate seconds, the last one due at the end not made.
    expect(s.producers.web!.produced).toBeGreaterThanOrEqual(5999);
    expect(s.producers.web!.produced).toBeLessThanOrEqual(6000);
    const label = (from: string) => textOf(flows.find((f) => f.attrs.from === from)!.body, "rate");
    expect(label("producer:web")).toBe("10.0/s");
    expect(label("producer:batch")).toBe("2.00/s");
    // Without a filter policy the topic delivers every publish to both queues.
    expect(textOf(flows.find((f) => f.attrs.to === "queue:audit")!.body, "rate")).toBe("10.0/s");
  });

  it("shows each queue's peak backlog: the most visible + in flight + delayed in a period of the series", () => {
    for (const q of ["billing", "audit", "receipts"]) {
      const names = ["Visible", "NotVisible", "Delayed"].map((k) => `${q}.ApproximateNumberOfMessages${k}_msgs`);
      const columns = names.map((n) => data.series.values[data.series.columns.findIndex((c) => c.name === n)]!);
      const peak = Math.max(...columns[0]!.map((_, r) => columns.reduce((sum, c) => sum + c[r]!, 0)));
      const node = nodes.find((n) => n.attrs.id === `queue:${q}`)!;
      expect(textOf(node.body, "detail")).toBe(`queue · peak backlog ${peak.toLocaleString("en-US")}`);
    }
    // Nothing reads audit and its messages outlive the run: its peak is every message sent to it.
    expect(peakBacklogs(data.series, ["audit"]).get("audit")).toBe(s.queues.audit!.messages.sent);
  });

  it("lays the stages out left to right; a queue fed directly sits beside the topic-fed ones", () => {
    const column = (id: string) => sections.topology.nodes.find((n) => n.id === id)!.column;
    expect(column("producer:web")).toBe(column("producer:batch"));
    expect(column("producer:web")).toBeLessThan(column("topic:orders"));
    expect(column("topic:orders")).toBeLessThan(column("queue:billing"));
    expect(column("queue:billing")).toBe(column("queue:audit"));
    expect(column("queue:billing")).toBeLessThan(column("pool:billing-workers"));
    expect(column("pool:billing-workers")).toBeLessThan(column("queue:receipts"));
    expect(column("queue:receipts")).toBeLessThan(column("pool:receipt-workers"));
    expect(sections.topology.flows.every((f) => !f.back)).toBe(true);
  });

  it("draws the same bytes for the same run, and escapes what it prints", () => {
    expect(topologySvg(sections.topology, "Topology of shop")).toBe(svg);
    expect(topologySvg(sections.topology, `a <b> & "c"`)).toContain(`aria-label="a &lt;b&gt; &amp; &quot;c&quot;"`);
  });
});

describe("buildTopology", () => {
  // Only the figures buildTopology reads.
  const summary = {
    durationSeconds: 100,
    producers: { p: { to: "in", produced: 500, unsent: 0 } },
    topics: {},
    consumers: {
      a: { queue: "in", consumers: { processed: 400 }, emitted: 200, fleet: { peakInService: 1 } },
      b: { queue: "in", consumers: { processed: 50 }, emitted: 30, emittedTo: { queues: { out: 20, in: 10 }, topics: {} }, fleet: { peakInService: 2 } },
    },
  } as unknown as ArchitectureSummary;
  const wiring: Wiring = {
    producers: [{ name: "p", to: { kind: "queue", name: "in" } }],
    topics: [],
    queues: [
      { name: "in", fifo: false },
      { name: "out", fifo: false },
    ],
    pools: [
      // a retries into its own queue: a cycle of emit rules.
      { name: "a", queue: "in", emitsTo: [{ kind: "queue", name: "in" }] },
      {
        name: "b",
        queue: "in",
        emitsTo: [
          { kind: "queue", name: "out" },
          { kind: "queue", name: "in" },
        ],
      },
    ],
  };
  const t = buildTopology(wiring, summary, new Map([["in", 7]]));
  const flow = (from: string, to: string) => t.flows.find((f) => f.from === from && f.to === to)!;

  it("marks the arrow that closes a cycle of emit rules as running back, and still places every node", () => {
    expect(flow(nodeId("pool", "a"), nodeId("queue", "in")).back).toBe(true);
    expect(flow(nodeId("pool", "b"), nodeId("queue", "in")).back).toBe(true);
    expect(flow(nodeId("queue", "in"), nodeId("pool", "a")).back).toBe(false);
    expect(t.nodes.map((n) => [n.id, n.column])).toEqual([
      ["producer:p", 0],
      ["queue:in", 1],
      ["queue:out", 3],
      ["pool:a", 2],
      ["pool:b", 2],
    ]);
    expect(topologySvg(t, "t")).toContain('stroke-dasharray="5 4"');
  });

  it("labels each emit destination with its count; a run saved without them gives its only destination the total", () => {
    expect(flow("pool:a", "queue:in")).toMatchObject({ messages: 200, ratePerSecond: 2 });
    expect(flow("pool:b", "queue:out")).toMatchObject({ messages: 20, ratePerSecond: 0.2 });
    expect(flow("pool:b", "queue:in")).toMatchObject({ messages: 10, ratePerSecond: 0.1 });
  });

  it("marks with ? the destinations of a run saved without per-destination counts, when there are several", () => {
    const { emittedTo: _counted, ...b } = summary.consumers.b!;
    const old = buildTopology(wiring, { ...summary, consumers: { ...summary.consumers, b } } as unknown as typeof summary, new Map([["in", 7]]));
    expect(old.flows.find((f) => f.from === "pool:b" && f.to === "queue:out")).toMatchObject({ messages: null, ratePerSecond: null });
    const arrow = svgElements(topologySvg(old, "t"), "flow").find((f) => f.attrs.from === "pool:b" && f.attrs.to === "queue:out")!;
    expect(textOf(arrow.body, "rate")).toBe("?");
  });

  it("names each pool's peak instances and each queue's peak backlog", () => {
    expect(t.nodes.find((n) => n.id === "queue:in")!.detail).toBe("queue · peak backlog 7");
    expect(t.nodes.find((n) => n.id === "queue:out")!.detail).toBe("queue · peak backlog 0");
    expect(t.nodes.find((n) => n.id === "pool:a")!.detail).toBe("pool · peak 1 instance");
    expect(t.nodes.find((n) => n.id === "pool:b")!.detail).toBe("pool · peak 2 instances");
  });
});

describe("topologySvg", () => {
  it("draws an arrow that would cross a box of a column it skips round under the boxes, and the others straight on", () => {
    const summary = {
      durationSeconds: 10,
      producers: { p: { produced: 10 } },
      topics: { t: { delivered: { x: 5 } } },
      consumers: { a: { consumers: { processed: 10 }, emitted: 10, fleet: { peakInService: 1 } } },
    } as unknown as ArchitectureSummary;
    const wiring: Wiring = {
      producers: [{ name: "p", to: { kind: "queue", name: "in" } }],
      topics: [{ name: "t", fifo: false, queues: ["x"] }],
      queues: ["in", "out", "x"].map((name) => ({ name, fifo: false })),
      pools: [
        {
          name: "a",
          queue: "in",
          emitsTo: [
            { kind: "topic", name: "t" },
            { kind: "queue", name: "out" },
          ],
        },
      ],
    };
    const t = buildTopology(wiring, summary, new Map());
    const columns = Object.fromEntries(t.nodes.map((n) => [n.id, n.column]));
    expect(columns).toEqual({ "producer:p": 0, "queue:in": 1, "pool:a": 2, "topic:t": 3, "queue:out": 4, "queue:x": 4 });
    const svg = topologySvg(t, "t");
    const bottom = Math.max(...[...svg.matchAll(/<rect x="\d+" y="(\d+)" width="\d+" height="(\d+)"/g)].map((m) => Number(m[1]) + Number(m[2])));
    const controlY = (from: string, to: string): number => {
      const arrow = svgElements(svg, "flow").find((f) => f.attrs.from === from && f.attrs.to === to)!;
      return Number(/<path d="M\d+ \d+ C\d+ (\d+) /.exec(arrow.body)![1]);
    };
    expect(controlY("pool:a", "queue:out")).toBeGreaterThan(bottom);
    expect(controlY("pool:a", "topic:t")).toBeLessThan(bottom);
    expect(controlY("topic:t", "queue:x")).toBeLessThan(bottom);
  });
});

// The architecture format's paths and texts: problems name list entries by name (named-path.ts) and the --set they
// come from, a --set chooses an entry by name, the resolved text reads back to the same architecture, and the loaders
// of the single-queue format refuse an architecture with one line.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputFile, loadScenarioFile, parseScenarioText } from "../../src/scenario/load.js";
import { namedPath } from "../../src/scenario/named-path.js";
import { validateInputText, validateScenarioText } from "../../src/scenario/validate-text.js";
import { architectureOf, at, edited, ISSUE_EXAMPLE, problems, SMALL, SOURCE, validate } from "./architecture-helpers.js";
import { tempDir, writeFiles } from "./helpers.js";

describe("namedPath", () => {
  const root = {
    queues: [{ name: "billing" }, { name: "analytics" }],
    producers: [{ name: "web" }, { name: "web" }, { name: "42" }, { name: "" }, { traffic: [{ constant: 1 }] }],
    topics: [{ name: "orders", subscriptions: [{ queue: "billing", filterPolicy: { eventType: ["a", "b"] } }] }],
    cloudwatch: { period: 60 },
  };

  it("replaces a list index by the entry's name when no other entry has it", () => {
    expect(namedPath(root, ["queues", 1, "visibilityTimeout"])).toEqual(["queues", "analytics", "visibilityTimeout"]);
    expect(namedPath(root, ["topics", 0, "subscriptions", 0, "filterPolicy", "eventType", 1])).toEqual([
      "topics",
      "orders",
      "subscriptions",
      0,
      "filterPolicy",
      "eventType",
      1,
    ]);
  });

  it("keeps the index of an entry whose name is shared, a number, empty or absent", () => {
    expect(namedPath(root, ["producers", 0, "delay"])).toEqual(["producers", 0, "delay"]);
    expect(namedPath(root, ["producers", 1, "delay"])).toEqual(["producers", 1, "delay"]);
    expect(namedPath(root, ["producers", 2, "delay"])).toEqual(["producers", 2, "delay"]);
    expect(namedPath(root, ["producers", 3, "delay"])).toEqual(["producers", 3, "delay"]);
    expect(namedPath(root, ["producers", 4, "traffic", 0, "constant"])).toEqual(["producers", 4, "traffic", 0, "constant"]);
  });

  it("leaves the parts that are not list indexes, and paths past what the scenario holds", () => {
    expect(namedPath(root, ["cloudwatch", "period"])).toEqual(["cloudwatch", "period"]);
    expect(namedPath(root, [])).toEqual([]);
    expect(namedPath(root, ["queues", 7, "name"])).toEqual(["queues", 7, "name"]);
    expect(namedPath(root, ["consumers", 0, "queue"])).toEqual(["consumers", 0, "queue"]);
    expect(namedPath(root, ["cloudwatch", 0])).toEqual(["cloudwatch", 0]);
    expect(namedPath(null, ["queues", 0])).toEqual(["queues", 0]);
  });
});

describe("--set on an architecture", () => {
  it("chooses a queue by its name", () => {
    const a = architectureOf(validate(SMALL, ["queues.billing.visibilityTimeout=60s"]));
    expect(a.queues.map((q) => [q.name, q.visibilityTimeout])).toEqual([
      ["billing", 60],
      ["analytics", 30],
    ]);
  });

  it("chooses a pool by its name, as a sweep's --vary consumers.<pool>.fleet.max does", () => {
    const asg = "consumers.billing-workers.fleet={ kind: asg, min: 1, max: 4, policies: [ { targetTracking: { metric: backlogPerInstance, target: 100 } } ] }";
    const a = architectureOf(validate(edited(asg), ["consumers.billing-workers.fleet.max=20"]));
    expect(a.consumers[0]?.fleet).toMatchObject({ kind: "asg", min: 1, max: 20 });
  });

  it("names the --set a problem comes from, and no --set for a problem of the file", () => {
    expect(problems(SMALL, ["queues.billing.visibilityTimeout=13h"])).toEqual([
      at("queues.billing.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s) (from --set queues.billing.visibilityTimeout=13h)"),
    ]);
    // A cross-field rule's problem at the path the --set wrote; a problem of the file alongside it has no suffix.
    expect(problems(edited("consumers.billing-workers.queue=nope"), ["producers.web.delay=5s"])).toEqual([
      at("producers.web.delay: SNS Publish takes no delay (aws-behaviour 13.15); set the queue's delay (from --set producers.web.delay=5s)"),
      at('consumers.billing-workers.queue: "nope" is not a queue of this scenario; use one of billing, analytics'),
    ]);
    // A problem inside what a --set wrote names it; one elsewhere that the --set caused does not.
    expect(problems(SMALL, ["consumers.billing-workers.emit=[ { send: nope } ]", "topics.orders.type=fifo"])).toEqual([
      at('topics.orders.name: "orders" does not end in .fifo: a FIFO topic\'s name must (13.22)'),
      at(
        'consumers.billing-workers.emit.0.send: "nope" is not a queue of this scenario; use one of billing, analytics (from --set consumers.billing-workers.emit=[ { send: nope } ])',
      ),
    ]);
  });

  it("refuses a --set naming an entry that does not exist, listing the entries there are", () => {
    expect(problems(SMALL, ["queues.receipts.delay=5s"])).toEqual([
      '--set queues.receipts.delay=5s: queues has no entry named "receipts" (its entries: billing, analytics)',
    ]);
  });

  it("reaches a subscription by its queue and an emit rule by its destination, entries that have no name", () => {
    const text = SMALL.replace("    queue: billing\n", "    queue: billing\n    emit: [ { send: analytics } ]\n");
    const a = architectureOf(
      validate(text, ["topics.orders.subscriptions.analytics.rawMessageDelivery=true", "consumers.billing-workers.emit.analytics.count=3"]),
    );
    expect(a.topics[0]!.subscriptions.find((s) => s.queue === "analytics")?.rawMessageDelivery).toBe(true);
    expect(a.consumers[0]!.emit[0]!.count).toBe(3);
  });
});

describe("the resolved text", () => {
  it("reads back to the same architecture", () => {
    for (const text of [ISSUE_EXAMPLE, SMALL]) {
      const result = validate(text);
      const a = architectureOf(result);
      const again = validateInputText(result.ok ? result.resolvedText : "", "resolved.json");
      expect(architectureOf(again)).toEqual(a);
      expect(again.ok && again.resolvedText).toBe(result.ok && result.resolvedText);
    }
  });

  it("has no trace series, and the trace file as the resolver names it; read back, the series is the same", () => {
    const csv = "offset_s,count\n0,60\n60,120\n120,30\n";
    const read = (file: string) => (file === "traces/day.csv" ? { text: csv } : { errorCode: "ENOENT" });
    const traced = edited("producers.batch.traffic=[ { trace: { file: traces/day.csv, timeColumn: offset_s, countColumn: count } } ]");
    const result = validateInputText(traced, SOURCE, { traces: { read } });
    const a = architectureOf(result);
    const trace = a.producers[1]?.traffic[0];
    expect(trace !== undefined && "trace" in trace && trace.trace.series?.startsS.length).toBe(3);
    const written = JSON.parse(result.ok ? result.resolvedText : "{}");
    expect(written.producers[1].traffic[0].trace).not.toHaveProperty("series");
    expect(written.producers[1].traffic[0].trace.file).toBe("traces/day.csv");
    expect(architectureOf(validateInputText(result.ok ? result.resolvedText : "", "resolved.json", { traces: { read } }))).toEqual(a);
    const resolved = validateInputText(traced, SOURCE, { traces: { read, resolve: (file) => `/data/${file}` } });
    expect(JSON.parse(resolved.ok ? resolved.resolvedText : "{}").producers[1].traffic[0].trace.file).toBe("/data/traces/day.csv");
  });

  it("names a trace problem by the producer's name", () => {
    const traced = edited("producers.batch.traffic=[ { trace: { file: day.csv, timeColumn: offset_s, countColumn: count } } ]");
    expect(problems(traced)).toEqual([at("producers.batch.traffic.0.trace.file: cannot read day.csv (no trace files given to read it from)")]);
  });

  it("loadInputFile reads an architecture and the traces it names relative to the file", () => {
    const dir = tempDir();
    try {
      const traced = edited("producers.batch.traffic=[ { trace: { file: traces/day.csv, timeColumn: offset_s, countColumn: count } } ]");
      writeFiles(dir, { "shop.yaml": traced, "traces/day.csv": "offset_s,count\n0,60\n60,30\n" });
      const result = loadInputFile(path.join(dir, "shop.yaml"), { sets: ["queues.analytics.delay=5s"] });
      expect(architectureOf(result).queues[1]?.delay).toBe(5);
      expect(JSON.parse(result.ok ? result.resolvedText : "{}").producers[1].traffic[0].trace.file).toBe(path.join(dir, "traces/day.csv"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the single-queue loaders", () => {
  const refusal = (source: string) =>
    `${source}: this command does not take the architecture format (topics, queues: [...], consumers: [...]) yet; run, validate, report, explain, sweep and compare do`;

  it("refuse a valid architecture with one line naming the commands that take it", () => {
    expect(validateScenarioText(SMALL, SOURCE)).toEqual({ ok: false, errors: [refusal(SOURCE)] });
    expect(parseScenarioText(SMALL, "pasted.yaml", "/nonexistent")).toEqual({ ok: false, errors: [refusal("pasted.yaml")] });
    const dir = tempDir();
    try {
      writeFiles(dir, { "shop.yaml": SMALL });
      const file = path.join(dir, "shop.yaml");
      expect(loadScenarioFile(file)).toEqual({ ok: false, errors: [refusal(file)] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("still take the single-queue format", () => {
    const single = validateScenarioText("name: x\nduration: 1h\nproducers: [ { name: p, traffic: [ { constant: 1 } ] } ]\n", SOURCE);
    expect(single.ok && single.scenario.queue.type).toBe("standard");
  });
});
